package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/progress"
)

// answerAlphaHalf takes the fixture's alpha quiz in a running program
// with five right and five wrong, and waits for the results.
func answerAlphaHalf(t *testing.T, e *env, tm interface{ Send(tea.Msg) }) {
	t.Helper()
	sh := shufflesFor(e.course, "alpha")
	steps := [][]string{
		{pos(sh, "s1", 0), "enter"}, {pos(sh, "s2", 1), "enter"},
		{pos(sh, "m1", 0), pos(sh, "m1", 2), "enter"}, {pos(sh, "m2", 1), "enter"},
		{"f", "enter"}, {"f", "enter"},
		{"p", "o", "s", "t", "enter"}, {"5", "0", "0", "enter"},
		append(sortKeys(sh["o1"]), "enter"), {"enter"},
	}
	for _, s := range steps {
		for _, k := range append(s, "enter") {
			tm.Send(press(k))
		}
	}
}

// Proves (issue 11 item 2): "m" on the results asks only the missed
// questions, on the quiz's screens, and its answers are saved apart: the
// chapter's answered, attempts, best score, pass and Continue are as the
// full attempt left them, and the file holds one attempt.
func TestRetryMissedKeepsAggregates(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "t")
	answerAlphaHalf(t, e, tm)
	waitFor(t, tm, "Questions to review", "m retry missed")
	keys(tm, "m")
	waitFor(t, tm, "Question 1 of 5 · Missed questions")
	// The five missed, in quiz order: s2, m2, tf2, ty2, o2. Any answer will do.
	for _, s := range [][]string{{"1"}, {"1"}, {"t"}, {"4", "0", "4"}, {}} {
		keys(tm, s...)
		keys(tm, "enter", "enter")
	}
	waitFor(t, tm, "Missed questions again: you got")
	fm := finish(t, tm)
	if fm.Screen() != "results" || !fm.results.missedOnly || fm.results.total != 5 {
		t.Fatalf("screen %s, results %+v", fm.Screen(), fm.results)
	}
	rec := e.record(t, "alpha")
	if rec.Attempts != 1 || rec.BestScore != 50 || rec.LastScore != 50 || rec.Passed || rec.Answered != 10 || rec.OpenAttempt != 0 {
		t.Fatalf("record = %+v, want what the full attempt left", rec)
	}
	s := e.store(t)
	if atts, _ := s.Attempts("alpha"); len(atts) != 1 || len(atts[0].Answers) != 10 {
		t.Fatalf("attempts = %+v, want the one attempt with its 10 answers", atts)
	}
	retries, err := s.RetryAnswers("alpha")
	if err != nil || len(retries) != 5 {
		t.Fatalf("retry answers = %v, %v; want 5", retries, err)
	}
	snap, _ := s.Snapshot()
	if snap.Last == nil || *snap.Last != (progress.Place{Screen: "chapter", ChapterID: "alpha"}) {
		t.Errorf("Continue = %+v, want the alpha chapter", snap.Last)
	}
	if r := fm.records["alpha"]; r.Answered != rec.Answered || r.Attempts != rec.Attempts || r.BestScore != rec.BestScore || r.Passed != rec.Passed {
		t.Errorf("the tutor's record %+v differs from the file's %+v", fm.records["alpha"], rec)
	}
}

// finishedAttempt saves a finished alpha attempt with the first n
// questions right and the rest wrong.
func finishedAttempt(t *testing.T, e *env, s *progress.Store, right int) {
	t.Helper()
	ch, _ := e.course.Chapter("alpha")
	var order []string
	for _, q := range ch.Quiz.Questions {
		order = append(order, q.ID)
	}
	a, err := s.StartAttempt("alpha", ch.Hash, order, shufflesFor(e.course, "alpha"))
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range ch.Quiz.Questions {
		must(t, s.SaveAnswer("alpha", a.ID, progress.Answer{ID: progress.NewID(), QuestionID: q.ID, QuestionHash: q.Hash, Given: []string{"x"}, Correct: i < right}))
	}
	score := right * 10
	_, err = s.FinishAttempt("alpha", a.ID, score, score >= ch.Quiz.PassMark)
	must(t, err)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Proves (issue 11 item 2): "l" in the reader reopens the last finished
// attempt's results, read off the UI goroutine, with the attempt history.
func TestLastResultFromReader(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	must(t, s.SetWelcomed())
	finishedAttempt(t, e, s, 3)
	finishedAttempt(t, e, s, 7)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "down", "enter") // row 0 is Continue
	waitFor(t, tm, "Chapter 1 of")
	keys(tm, "l")
	waitFor(t, tm, "Last result", "Attempt history")
	fm := finish(t, tm)
	v := fullResults(fm)
	if fm.Screen() != "results" || !strings.Contains(v, "You got 7 of 10 right: 70%") {
		t.Fatalf("screen %s:\n%s", fm.Screen(), v)
	}
	if !strings.Contains(v, " 70%   ") || !strings.Contains(v, " 30%   ") || strings.Index(v, " 70%   ") > strings.Index(v, " 30%   ") {
		t.Errorf("history should list 70%% then 30%%:\n%s", v)
	}
	// "m" from a reopened result retries its three missed questions.
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "down", "l") // from the home row
	settle(m)
	if m.Screen() != "results" || len(m.results.history) != 2 {
		t.Fatalf("home l: screen %s", m.Screen())
	}
	sendKeys(m, "m")
	if m.Screen() != "quiz" || len(m.quiz.questions) != 3 || !m.quiz.missedOnly {
		t.Fatalf("m on a reopened result: screen %s", m.Screen())
	}
}

// Proves: "l" on a chapter never quizzed says so and stays put.
func TestLastResultNoneYet(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "l")
	settle(m)
	if m.Screen() != "home" || !strings.Contains(viewText(m), "No finished quiz") {
		t.Fatalf("screen %s:\n%s", m.Screen(), viewText(m))
	}
}

// Proves (issue 11 item 5): "R" in the reader asks first, saying what
// goes; n keeps everything; y moves the chapter's records to a backup in
// the file (through the saver), and Undo brings them back.
func TestResetChapterFromReader(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	finishedAttempt(t, e, s, 7)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "down", "enter", "R")
	v := viewText(m)
	if m.Screen() != "reset" || !strings.Contains(v, "1 finished quiz attempt (best 70%, passed)") || !strings.Contains(v, "backend-tutor reset --undo") || !strings.Contains(lastLine(v), "? help") || !strings.Contains(lastLine(v), "esc/n keep it") {
		t.Fatalf("screen %s:\n%s", m.Screen(), v)
	}
	sendKeys(m, "n")
	settle(m)
	if m.Screen() != "reader" || e.record(t, "alpha").Attempts != 1 {
		t.Fatalf("n: screen %s, record %+v", m.Screen(), e.record(t, "alpha"))
	}
	sendKeys(m, "R", "y")
	settle(m)
	if m.Screen() != "reader" || m.records["alpha"].Attempts != 0 {
		t.Fatalf("y: screen %s, record %+v", m.Screen(), m.records["alpha"])
	}
	if rec := e.record(t, "alpha"); rec.Attempts != 0 || rec.Answered != 0 {
		t.Fatalf("after reset the file has %+v", rec)
	}
	if b, err := e.store(t).Undo(); err != nil || b.Name == "" {
		t.Fatalf("undo: %+v, %v", b, err)
	}
	if rec := e.record(t, "alpha"); rec.Attempts != 1 || rec.BestScore != 70 {
		t.Fatalf("after undo: %+v", rec)
	}
}

// The walk: at 80 columns the reset prompt broke its undo command across
// two lines ("`backend-tutor reset --" / "undo`"), which a learner copies
// as two broken pieces. The command has a line of its own at every width.
func TestResetPromptKeepsUndoCommandWhole(t *testing.T) {
	for _, w := range []int{80, 60, 40} {
		e := newEnv(t)
		s := e.store(t)
		finishedAttempt(t, e, s, 7)
		m := e.model(t, true)
		step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		sendKeys(m, "down", "enter", "R")
		if m.Screen() != "reset" {
			t.Fatalf("%d columns: screen %s", w, m.Screen())
		}
		whole := false
		for _, l := range strings.Split(viewText(m), "\n") {
			if strings.Contains(l, "backend-tutor reset --undo") {
				whole = true
			}
		}
		if !whole {
			t.Errorf("%d columns: the undo command is split:\n%s", w, viewText(m))
		}
		m.Flush()
	}
}
