package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// seedFinished saves a finished attempt at the guide's first chapter with
// its first `right` questions right, as the tutor would.
func seedFinished(t *testing.T, db string, right int) {
	t.Helper()
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	ch := course.Chapters[0]
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, q := range ch.Quiz.Questions {
		order = append(order, q.ID)
	}
	a, err := s.StartAttempt(ch.ID, ch.Hash, order, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range ch.Quiz.Questions {
		if err := s.SaveAnswer(ch.ID, a.ID, progress.Answer{ID: progress.NewID(), QuestionID: q.ID, QuestionHash: q.Hash, Given: []string{"x"}, Correct: i < right}); err != nil {
			t.Fatal(err)
		}
	}
	score := content.Score(right, len(ch.Quiz.Questions))
	if _, err := s.FinishAttempt(ch.ID, a.ID, score, ch.Quiz.Passed(score)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
}

// The real binary: "l" in the chapter reopens the last result with its
// history; "m" asks only the missed questions; the chapter's attempts and
// answers stay as they were.
func TestRealTerminalLastResultAndRetryMissed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	seedFinished(t, db, 9)
	tm := startTerm(t, "--db", db)
	tm.waitFor("Continue:")
	tm.keys("Down", "Enter")
	tm.waitFor("Chapter 1 of 16")
	tm.keys("l")
	tm.waitFor("Last result", "You got 9 of 12 right: 75%", "Attempt history")
	tm.keys("m")
	tm.waitFor("Question 1 of 3 · Missed questions")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	if p := progressJSON(t, db); p.Chapters[0].Attempts != 1 || p.Chapters[0].Answered != 12 || p.Chapters[0].InProgress {
		t.Fatalf("after the retry: %+v, want the one attempt's figures", p.Chapters[0])
	}
}

// The real binary: "R" in the chapter asks, "y" resets; `reset --undo`
// brings the records back.
func TestRealTerminalResetAndUndo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	seedFinished(t, db, 12)
	tm := startTerm(t, "--db", db)
	tm.waitFor("Continue:")
	tm.keys("Down", "Enter")
	tm.waitFor("Chapter 1 of 16")
	tm.keys("R")
	tm.waitFor("Reset \"What backend development is", "1 finished quiz attempt (best 100%, passed)")
	tm.keys("y")
	tm.waitFor("Chapter reset.")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	if p := progressJSON(t, db); p.Chapters[0].Attempts != 0 || p.Chapters[0].Answered != 0 {
		t.Fatalf("after reset: %+v", p.Chapters[0])
	}
	out, err := exec.Command(binPath, "--db", db, "reset", "--undo").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Brought back") {
		t.Fatalf("reset --undo: %v\n%s", err, out)
	}
	if p := progressJSON(t, db); p.Chapters[0].Attempts != 1 || p.Chapters[0].Answered != 12 {
		t.Fatalf("after undo: %+v", p.Chapters[0])
	}
	// Without a terminal and without --yes, the command refuses.
	cmd := exec.Command(binPath, "--db", db, "reset", "1")
	cmd.Stdin = strings.NewReader("y\n")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "--yes") {
		t.Fatalf("reset off a terminal: %v\n%s", err, out)
	}
}
