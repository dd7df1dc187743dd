package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	bolt "go.etcd.io/bbolt"

	"backend-tutor/progress"
)

// These tests quit through a real tea.Program (teatest runs one), which
// drops every command still pending when it ends, as the real tutor does.

// flushWithin runs Flush and fails the test if it does not return: a Flush
// that waits for a command the program dropped would wait for ever.
func flushWithin(t *testing.T, m *Model) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- m.Flush() }()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("Flush did not return: quitting would hang")
		return nil
	}
}

// quitNow sends ctrl+c and waits for the program to end.
func quitNow(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	tm.Send(ctrl('c'))
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

// Issue 8 item 4: ctrl+c right after scrolling (before the 1 s scroll
// debounce) ends the program, Flush returns, and the position is saved.
func TestQuitRightAfterScrollingEndsAndSaves(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "enter")
	waitFor(t, tm, "Chapter 1 of 2", "Paragraph 1:")
	keys(tm, "j", "j", "j", "j", "j")
	fm := quitNow(t, tm)
	if err := flushWithin(t, fm); err != nil {
		t.Fatal(err)
	}
	if rec := e.record(t, "alpha"); rec.Line != 5 {
		t.Fatalf("saved line %d, want 5 (%+v)", rec.Line, rec)
	}
}

// Issue 8 item 4: in a chapter that fits on one screen, ctrl+c at any time
// ends the program and the chapter is saved as read to the end.
func TestQuitInOneScreenChapterEndsAndSaves(t *testing.T) {
	e := newEnv(t)
	tm := teatest.NewTestModel(t, e.model(t, true), teatest.WithInitialTermSize(100, 60),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "Beta chapter")
	keys(tm, "down", "enter")
	waitFor(t, tm, "Chapter 2 of 2", "Short text about HTTP")
	// Quit once the chapter's opening save is done, not in its shadow.
	waitFile(t, e, "the chapter as the last place", func(s *progress.Store) bool {
		snap, err := s.Snapshot()
		return err == nil && snap.Last != nil && snap.Last.ChapterID == "beta"
	})
	fm := quitNow(t, tm)
	if err := flushWithin(t, fm); err != nil {
		t.Fatal(err)
	}
	if rec := e.record(t, "beta"); rec.Furthest != 100 {
		t.Fatalf("saved %+v, want the chapter read to 100%%", rec)
	}
}

// holdLock takes the progress file's lock as another process would (flock
// is per open file description, so a second handle here contends exactly
// like another process). Saves then fail after the store's 2 s lock
// timeout.
func holdLock(t *testing.T, path string) *bolt.DB {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// waitFile polls the progress file until ok holds (a generous deadline,
// only as a timeout).
func waitFile(t *testing.T, e *env, what string, ok func(s *progress.Store) bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !ok(e.store(t)) {
		if time.Now().After(deadline) {
			t.Fatalf("the progress file never showed %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func attemptAnswers(s *progress.Store, chapter string) []progress.Answer {
	atts, err := s.Attempts(chapter)
	if err != nil || len(atts) == 0 {
		return nil
	}
	return atts[len(atts)-1].Answers
}

// Issue 8 item 1: answers given while another process holds the file's
// lock are not dropped: the warning says how many wait, and once the lock
// is released they are written, in order. Runs through a real program with
// real (backoff) ticks.
func TestFailedSaveIsRetriedUntilWritten(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	m.tick = tea.Tick
	tm := start(t, m)
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "t")
	waitFor(t, tm, "Question 1 of 10")
	waitFile(t, e, "the attempt", func(s *progress.Store) bool {
		snap, err := s.Snapshot()
		return err == nil && snap.Chapters["alpha"].OpenAttempt != 0
	})
	holder := holdLock(t, e.path)
	sh := shufflesFor(e.course, "alpha")
	keys(tm, pos(sh, "s1", 0), "enter")
	waitFor(t, tm, "1 answer is waiting")
	keys(tm, "enter", pos(sh, "s2", 1), "enter")
	waitFor(t, tm, "2 answers are waiting")
	holder.Close()
	waitFile(t, e, "both answers", func(s *progress.Store) bool { return len(attemptAnswers(s, "alpha")) == 2 })
	got := attemptAnswers(e.store(t), "alpha")
	if got[0].QuestionID != "s1" || !got[0].Correct || got[1].QuestionID != "s2" || got[1].Correct {
		t.Fatalf("answers out of order or wrong: %+v", got)
	}
	fm := quitNow(t, tm)
	if err := flushWithin(t, fm); err != nil {
		t.Fatal(err)
	}
}

// answerWhileLocked opens the first quiz at 80x40 and answers its first
// question while another process holds the file's lock, so that save
// fails (after the lock timeout); the holder is returned to release.
func answerWhileLocked(t *testing.T) (*env, *Model, *bolt.DB) {
	t.Helper()
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 40})
	sendKeys(m, "t")
	settle(m)
	holder := holdLock(t, e.path)
	sendKeys(m, rightKeys(m.quiz)...)
	return e, m, holder
}

// Issue 8 item 1: the warning stays, counting the answers that wait, until
// every one is written, and the results screen marks those not saved yet;
// quitting with answers unwritten writes them to a recovery file beside the
// progress file and says so; the next start merges it, and merging it twice
// (a crash between merge and delete) counts nothing twice. The retry is
// driven by hand (the model's ticks are off), so nothing waits on a clock
// except the store's own lock timeout.
func TestUnsavedAnswersReachRecoveryFile(t *testing.T) {
	e, m, holder := answerWhileLocked(t)
	if v := viewText(m); !strings.Contains(v, "1 answer is waiting") {
		t.Fatalf("no warning with the count:\n%s", v)
	}
	for m.Screen() == "quiz" {
		sendKeys(m, "enter") // past the feedback
		if m.Screen() == "quiz" {
			sendKeys(m, rightKeys(m.quiz)...)
		}
	}
	if m.Screen() != "results" {
		t.Fatalf("screen %s, want results", m.Screen())
	}
	if v := viewText(m); !strings.Contains(v, "10 answers are waiting") ||
		!strings.Contains(fullResults(m), "10 of these answers are not saved yet") {
		t.Fatalf("the results screen does not mark the unsaved answers:\n%s", v)
	}

	m.saver.flushBudget = 0 // one more try, no waiting
	err := flushWithin(t, m)
	if err == nil || !strings.Contains(err.Error(), "10 answers") || !strings.Contains(err.Error(), e.path+".recovery-") {
		t.Fatalf("Flush should report 10 answers kept in a recovery file: %v", err)
	}
	files, _ := filepath.Glob(e.path + ".recovery-*")
	if len(files) != 1 || !strings.HasPrefix(files[0], e.path+".recovery-"+strconv.Itoa(os.Getpid())+"-") {
		t.Fatalf("recovery files %v, want one named <db>.recovery-<pid>-<time>", files)
	}
	holder.Close()
	if n := len(attemptAnswers(e.store(t), "alpha")); n != 0 {
		t.Fatalf("%d answers in the file before the merge?", n)
	}
	saved, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}

	check := func(when string) {
		t.Helper()
		s := e.store(t)
		if _, err := s.MergeRecovery(); err != nil {
			t.Fatalf("%s: merge: %v", when, err)
		}
		atts, _ := s.Attempts("alpha")
		rec := e.record(t, "alpha")
		if len(atts) != 1 || len(atts[0].Answers) != 10 || atts[0].Finished == nil || atts[0].Score != 100 ||
			rec.Answered != 10 || rec.Attempts != 1 || rec.BestScore != 100 {
			t.Fatalf("%s: attempts %+v, record %+v", when, atts, rec)
		}
		if left, _ := filepath.Glob(e.path + ".recovery-*"); len(left) != 0 {
			t.Fatalf("%s: recovery files left: %v", when, left)
		}
	}
	check("first merge")
	// A crash between merging and deleting leaves the file: merging it
	// again changes nothing.
	if err := os.WriteFile(files[0], saved, 0o600); err != nil {
		t.Fatal(err)
	}
	check("second merge")
}

// The warning goes once every queued answer is written after a failure.
func TestSaveWarningClearsWhenAllWritten(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "t")
	settle(m)
	holder := holdLock(t, e.path)
	sendKeys(m, rightKeys(m.quiz)...)
	sendKeys(m, "enter")
	sendKeys(m, rightKeys(m.quiz)...)
	if v := viewText(m); !strings.Contains(v, "2 answers are waiting") {
		t.Fatalf("want 2 answers waiting:\n%s", v)
	}
	holder.Close()
	step(m, retrySaveMsg{}) // the backoff tick, by hand
	settle(m)
	if v := viewText(m); strings.Contains(v, "not being saved") || len(m.unsaved) != 0 {
		t.Fatalf("the warning stayed after every answer was written:\n%s", v)
	}
	if n := len(attemptAnswers(e.store(t), "alpha")); n != 2 {
		t.Fatalf("%d answers written, want 2", n)
	}
}

// Issue 8 item 2: two tutors, one file, the same quiz. B started before A
// began the quiz, so B's start-up snapshot knows no attempt; when B presses
// t, the attempt A is using is offered for resuming (not abandoned), every
// answer from both is kept in submit order, none is refused, and B's
// results use each question's last answer in the file (A answered s2 last).
func TestTwoTutorsOneAttempt(t *testing.T) {
	e := newEnv(t)
	b := e.model(t, true)
	step(b, tea.WindowSizeMsg{Width: 80, Height: 40})
	a := e.model(t, true)
	step(a, tea.WindowSizeMsg{Width: 80, Height: 40})

	sendKeys(a, "t")
	sendKeys(a, pos(a.quiz.shuffles, "s1", 1), "enter") // A: s1 wrong
	sendKeys(b, "t")                                    // B: its start-up snapshot knows no attempt
	if b.Screen() != "resume" {
		t.Fatalf("B: the attempt A is using should be offered for resuming; screen %s:\n%s", b.Screen(), viewText(b))
	}
	sendKeys(b, "enter") // resume: at s2, with A's answer to s1
	if b.quiz == nil || b.quiz.current().ID != "s2" {
		t.Fatalf("B resumed at the wrong place: %+v", b.quiz)
	}
	sendKeys(b, rightKeys(b.quiz)...)                   // B: s2 right
	sendKeys(a, "enter", pos(a.quiz.shuffles, "s2", 1)) // A: s2 wrong, after B
	sendKeys(a, "enter")
	for b.Screen() == "quiz" {
		sendKeys(b, "enter")
		if b.Screen() == "quiz" {
			sendKeys(b, rightKeys(b.quiz)...)
		}
	}
	a.Flush()
	b.Flush()
	if a.warning != "" || b.warning != "" {
		t.Fatalf("an answer was refused: A %q, B %q", a.warning, b.warning)
	}
	atts, err := e.store(t).Attempts("alpha")
	if err != nil || len(atts) != 1 {
		t.Fatalf("want the one attempt both used, got %d (%v)", len(atts), err)
	}
	at := atts[0]
	var order []string
	for _, ans := range at.Answers {
		order = append(order, ans.QuestionID)
	}
	if strings.Join(order[:3], " ") != "s1 s2 s2" || len(order) != 11 || at.Abandoned || at.Finished == nil {
		t.Fatalf("answers not all kept in submit order: %v (%+v)", order, at)
	}
	if at.Score != 80 || b.results == nil || b.results.score != 80 {
		t.Fatalf("the results should use each question's last answer (80%%): file %d, screen %+v", at.Score, b.results)
	}
}

// A change the file refuses for good (it would fail the same way every
// time) does not hold up the changes queued behind it: it is reported on
// the warning line and the queue moves on.
func TestRefusedChangeDoesNotStallTheQueue(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.save(progress.Op{Kind: progress.OpReading, Chapter: strings.Repeat("x", 300)}))
	run(m, m.save(progress.Op{Kind: progress.OpReading, Chapter: "alpha", Line: 3, Percent: 20}))
	settle(m)
	if rec := e.record(t, "alpha"); rec.Line != 3 {
		t.Fatalf("the change behind a refused one was not written: %+v", rec)
	}
	if !strings.Contains(m.warning, "refused") {
		t.Fatalf("the refused change is not reported: %q", m.warning)
	}
	if err := flushWithin(t, m); err != nil {
		t.Fatalf("nothing is left to save: %v", err)
	}
}

// Quitting while another process holds the file's lock for a moment: Flush
// retries with backoff (its clock injected here: the "sleep" releases the
// lock) and the answer is written, with no recovery file.
func TestFlushRetriesWhileTheLockIsHeld(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "t")
	settle(m)
	holder := holdLock(t, e.path)
	sendKeys(m, rightKeys(m.quiz)...) // fails after the lock timeout; the queue waits
	now := time.Now()
	slept := 0
	m.saver.now = func() time.Time { return now }
	m.saver.sleep = func(d time.Duration) {
		slept++
		now = now.Add(d)
		holder.Close() // the other process lets go
	}
	if err := flushWithin(t, m); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	if slept == 0 {
		t.Fatal("Flush never backed off: the test proves nothing")
	}
	if n := len(attemptAnswers(e.store(t), "alpha")); n != 1 {
		t.Fatalf("%d answers written, want 1", n)
	}
	if files, _ := filepath.Glob(e.path + ".recovery-*"); len(files) != 0 {
		t.Fatalf("recovery file written although the answer was saved: %v", files)
	}
}

// Starting a quiz reads the file's current state behind this tutor's own
// queued changes; if the change ahead of the read fails (the file locked),
// the read runs at once instead of waiting behind it, so "t" still starts
// the quiz.
func TestQuizStartsWhileASaveIsFailing(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	holder := holdLock(t, e.path)
	_, open := m.Update(press("enter")) // the chapter opens; its save will fail
	_, begin := m.Update(press("t"))    // the read queues behind that save
	run(m, tea.Batch(open, begin))
	if m.Screen() != "quiz" || m.awaitingQuiz {
		t.Fatalf("screen %s (awaiting %v): the quiz waited behind a failed save", m.Screen(), m.awaitingQuiz)
	}
	holder.Close()
	if err := flushWithin(t, m); err != nil {
		t.Fatal(err)
	}
	if rec := e.record(t, "alpha"); rec.OpenAttempt == 0 {
		t.Fatalf("the quiz's attempt was not saved: %+v", rec)
	}
}

// The filesystem turns read-only, or fills up, for one answer: the save
// fails, the answer waits (the warning says so), and once the filesystem
// is writable again the retry writes it. Needs a small filesystem of its
// own (a tmpfs); where mounting isn't allowed it skips.
func TestAnswerSavedAfterFilesystemTrouble(t *testing.T) {
	for _, trouble := range []string{"read-only", "full"} {
		t.Run(trouble, func(t *testing.T) {
			dir := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a small filesystem here: %v %s", err, strings.TrimSpace(string(out)))
			}
			t.Cleanup(func() { exec.Command("umount", dir).Run() })
			sh := func(args ...string) {
				t.Helper()
				if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
					t.Fatalf("%v: %v %s", args, err, out)
				}
			}
			e := newEnv(t)
			e.path = filepath.Join(dir, "progress.db")
			m := e.model(t, true)
			step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
			sendKeys(m, "t")
			settle(m)
			filler := filepath.Join(dir, "filler")
			if trouble == "read-only" {
				sh("mount", "-o", "remount,ro", dir)
			} else {
				// Fill the disk: answers are saved until one needs the
				// file to grow and fails.
				sh("sh", "-c", "cat /dev/zero > "+filler+" 2>/dev/null; true")
			}
			sendKeys(m, rightKeys(m.quiz)...)
			for range 30 {
				if m.saveFailed {
					break
				}
				sendKeys(m, "enter")
				if m.Screen() != "quiz" {
					break
				}
				sendKeys(m, rightKeys(m.quiz)...)
			}
			if !m.saveFailed || !strings.Contains(viewText(m), "waiting") {
				t.Fatalf("no save failed, or no warning:\n%s", viewText(m))
			}
			if trouble == "read-only" {
				sh("mount", "-o", "remount,rw", dir)
			} else {
				sh("rm", filler)
			}
			step(m, retrySaveMsg{}) // the backoff tick, by hand
			settle(m)
			if m.saveFailed || strings.Contains(viewText(m), "not being saved") {
				t.Fatalf("the answers were not written after the trouble ended:\n%s", viewText(m))
			}
			answered := 0
			for _, a := range m.quiz.answers {
				if a.id != "" {
					answered++
				}
			}
			if n := len(attemptAnswers(e.store(t), "alpha")); n != answered {
				t.Fatalf("%d answers in the file, %d given", n, answered)
			}
		})
	}
}

// Proves: when the disk is full, so neither the progress file nor a
// recovery file can be written (the recovery writer is replaced by one
// that fails), the answers are not lost: Flush's message — printed by
// main once the terminal is back, which then exits 1 — carries them as a
// recovery file's lines, and those lines, saved as the message says, add
// the answers at the next start.
func TestDiskFullAnswersPrintedToKeep(t *testing.T) {
	e, m, holder := answerWhileLocked(t)
	m.writeRecovery = func([]progress.Op) (string, error) { return "", errors.New("no space left on device") }
	m.saver.flushBudget = 0
	err := flushWithin(t, m)
	if !errors.Is(err, progress.ErrNotKept) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Flush = %v, want the changes reported as not kept", err)
	}
	msg := err.Error()
	name := e.path + ".recovery-by-hand"
	_, rest, ok := strings.Cut(msg, "----- unsaved changes -----\n")
	lines, _, ok2 := strings.Cut(rest, "----- end of unsaved changes -----")
	if !ok || !ok2 || !strings.Contains(msg, name) {
		t.Fatalf("the message does not carry the changes between marks, nor name %s:\n%s", name, msg)
	}
	if files, _ := filepath.Glob(e.path + ".recovery-*"); len(files) != 0 {
		t.Fatalf("recovery files %v, though writing them failed", files)
	}
	holder.Close()
	if err := os.WriteFile(name, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	s := e.store(t)
	if n, err := s.MergeRecovery(); err != nil || n == 0 {
		t.Fatalf("merging the saved lines: %d, %v", n, err)
	}
	if got := attemptAnswers(s, "alpha"); len(got) != 1 || !got[0].Correct {
		t.Errorf("answers after merging the printed lines: %+v", got)
	}
}

// The walk with a full disk: the one warning line (cut to the window)
// read "...; retrying. write /tmp/wal…", the path eating the cause, so a
// learner never saw that the disk was full or what to do about it.
func TestSaveWarningSaysDiskFull(t *testing.T) {
	full := fmt.Errorf("saving answer: %w", &os.PathError{Op: "write", Path: "/home/learner/.local/share/backend-tutor/progress.db", Err: syscall.ENOSPC})
	for _, waiting := range []int{0, 3} {
		w := ansi.Truncate(" ! "+saveWarning(full, waiting), 80, "…")
		if !strings.Contains(w, "disk is full") || !strings.Contains(w, "free some space") {
			t.Errorf("waiting %d: the 80-column warning line does not say the disk is full: %q", waiting, w)
		}
	}
	if w := saveWarning(errors.New("timeout"), 1); !strings.Contains(w, "timeout") {
		t.Errorf("another cause is not named: %q", w)
	}
}
