package linemode

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// After the results, m retries only the missed questions: each answer is
// saved as the full-screen retry saves it (progress.OpRetry, apart from
// the attempts), and the chapter's score, attempts and answers stay.
func TestRetryMissedSavedApart(t *testing.T) {
	e := newEnv(t)
	lines := answerLines(t, e.course)
	// The five missed (s2, m2, tf2, ty2, o2), any valid answer each.
	retry := []string{"m", "1", "1", "t", "get", "1 2 3", ""}
	out := e.run(t, strings.Join(append(lines, retry...), "\n")+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	for _, want := range []string{
		"Type m to retry the missed questions, r to take the whole quiz again, enter to go on: ",
		"Retrying the 5 missed questions of Alpha chapter.",
		"Question 5 of 5.",
		"Missed questions again: ",
		"This retry is practice: your score, attempts and pass stay as they were.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	got, err := e.store(t).RetryAnswers("alpha")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.QuestionID)
	}
	slices.Sort(ids) // stored by answer id
	if strings.Join(ids, " ") != "m2 o2 s2 tf2 ty2" {
		t.Fatalf("retry answers saved for %v, want m2 o2 s2 tf2 ty2", ids)
	}
	if as := e.attempts(t, "alpha"); len(as) != 1 || len(as[0].Answers) != 10 {
		t.Fatalf("the retry touched the attempts: %+v", as)
	}
	snap, _ := e.store(t).Snapshot()
	if r := snap.Chapters["alpha"]; r.Attempts != 1 || r.BestScore != 50 || r.Answered != 10 || r.OpenAttempt != 0 {
		t.Errorf("chapter record changed by the retry: %+v", r)
	}
}

// l and a chapter's number shows its last finished attempt's results and
// the attempt history, newest first, read from the file.
func TestLastResultWithHistory(t *testing.T) {
	e := newEnv(t)
	lines := strings.Join(answerLines(t, e.course), "\n") + "\n"
	e.run(t, lines+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	e.run(t, lines+"\n", func(s *Session) { s.Quiz("alpha", Ask) }) // a second attempt
	out := e.run(t, "chapters\nl 1\n\n\nquit\n", func(s *Session) { s.Run() })
	for _, want := range []string{
		"Last result of Alpha chapter: 5 of 10 right, not passed yet (7 right needed); 50%",
		"Question 2: ", "You answered: DELETE.",
		"Attempt history, newest first:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "%, not passed\n"); n != 2 {
		t.Errorf("the history lists %d attempts, want 2:\n%s", n, out)
	}
	out = e.run(t, "chapters\nl 2\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, "has no quiz") && !strings.Contains(out, "No finished quiz") {
		t.Errorf("a chapter without a finished quiz is not said:\n%s", out)
	}
}

// reset and a chapter's number asks first, saying what will be lost and
// how to undo it; n keeps everything; y saves progress.OpReset, which
// `reset --undo` (Store.Undo) brings back.
func TestResetAsksAndUndoes(t *testing.T) {
	e := newEnv(t)
	e.run(t, strings.Join(answerLines(t, e.course), "\n")+"\n\n", func(s *Session) { s.Quiz("alpha", Ask) })
	out := e.run(t, "chapters\nreset 1\nn\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, "Reset Alpha chapter? This clears 1 finished quiz attempt (best 50%), 10 saved answers and their review cards.") ||
		!strings.Contains(out, "`backend-tutor reset --undo` brings them back") || !strings.Contains(out, "Kept: nothing was reset.") {
		t.Errorf("the confirmation does not say what is lost and how to undo:\n%s", out)
	}
	if r := e.record(t, "alpha"); r.Attempts != 1 {
		t.Fatalf("n reset the chapter: %+v", r)
	}
	out = e.run(t, "chapters\nreset 1\ny\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, "Chapter reset. `backend-tutor reset --undo` brings its progress back.") {
		t.Errorf("no reset message:\n%s", out)
	}
	if r := e.record(t, "alpha"); r.Attempts != 0 || r.Answered != 0 {
		t.Fatalf("after y: %+v, want no progress", r)
	}
	if !strings.Contains(out, "Alpha chapter (not started)") && strings.Count(out, "Alpha chapter (") < 2 {
		t.Errorf("the chapter list does not show the reset:\n%s", out)
	}
	b, err := e.store(t).Undo()
	if err != nil || b.Name == "" {
		t.Fatalf("undo: %+v, %v", b, err)
	}
	if r := e.record(t, "alpha"); r.Attempts != 1 || r.BestScore != 50 {
		t.Fatalf("after undo: %+v", r)
	}
}

// The walk: after a pack's question was edited, `l N` said "You answered:
// (no answer)" for it, though the learner had answered it; the full-screen
// result says they answered an earlier version, and so does line mode.
func TestLastResultAnsweredEarlierVersion(t *testing.T) {
	e := newEnv(t)
	lines := strings.Join(answerLines(t, e.course), "\n") + "\n"
	e.run(t, lines+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	ch, _ := e.course.Chapter("alpha")
	qu, ok := ch.Quiz.Question("s2")
	if !ok {
		t.Fatal("no question s2")
	}
	qu.Hash = "edited-since"
	out := e.run(t, "chapters\nl 1\n\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, "You answered: (you answered an earlier version of this question).") {
		t.Errorf("the edited question's answer is not said to be to an earlier version:\n%s", out)
	}
	if strings.Contains(out, "(no answer)") {
		t.Errorf("an answered question is said to have no answer:\n%s", out)
	}
}

// The walk: after a question answered right was edited, `l N` said "4 of
// 10 right, ...; 50%", figures that disagree with no word why; the
// full-screen result says the attempt scored 50% and that the quiz has
// changed since, and so does line mode.
func TestLastResultQuizChangedSince(t *testing.T) {
	e := newEnv(t)
	lines := strings.Join(answerLines(t, e.course), "\n") + "\n"
	e.run(t, lines+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	ch, _ := e.course.Chapter("alpha")
	edited := ""
	for _, a := range e.attempts(t, "alpha")[0].Answers {
		if a.Correct {
			edited = a.QuestionID
			break
		}
	}
	qu, ok := ch.Quiz.Question(edited)
	if !ok {
		t.Fatalf("no right answer to edit the question of")
	}
	qu.Hash = "edited-since"
	out := e.run(t, "chapters\nl 1\n\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, "this attempt scored 50%") || !strings.Contains(out, "The quiz has changed since: 4 of its 10 questions count as right now") {
		t.Errorf("the last result does not say the quiz changed since:\n%s", out)
	}
}

// The walk with a full disk: line mode said "Progress is not being saved:
// write /tmp/...: no space left on device" where the full-screen tutor
// says the disk is full and what to do; both say it in words now.
func TestSaveWarningSaysDiskFull(t *testing.T) {
	full := fmt.Errorf("saving: %w", &os.PathError{Op: "write", Path: "/home/ann/progress.db", Err: syscall.ENOSPC})
	if w := saveWarning(full); !strings.HasPrefix(w, "The disk is full: free some space") {
		t.Errorf("disk full: %q", w)
	}
	if w := saveWarning(errors.New("database is locked")); !strings.Contains(w, "database is locked") {
		t.Errorf("another cause is not named: %q", w)
	}
}

// The walk: at the main menu "l 7" and "t 7" were "no menu item", though
// the chapter list takes them. The menu takes them too and its help says so.
func TestMenuTakesChapterVerbs(t *testing.T) {
	e := newEnv(t)
	e.run(t, strings.Join(answerLines(t, e.course), "\n")+"\n\n", func(s *Session) { s.Quiz("alpha", Ask) })
	out := e.run(t, "?\nl 1\n\n\nl 99\nt 1\n", func(s *Session) { s.Run() })
	for _, want := range []string{
		"t and a chapter's number to take its quiz (t 3)", "l and a chapter's number for its last result",
		"Last result of Alpha chapter: 5 of 10 right", "There is no chapter \"99\"", "Question 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "There is no menu item") {
		t.Errorf("the menu refused a chapter verb:\n%s", out)
	}
}
