package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 11: a quiz answered on one day is due for review a month later
// (BACKEND_TUTOR_NOW, the test-only clock, stands in for the waiting);
// `backend-tutor review` in a real terminal asks it, saves the review and
// ends with a summary; the quiz figures are unchanged.
func TestRealTerminalReview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startTermEnv(t, "TZ=UTC BACKEND_TUTOR_NOW=2026-06-15T10:00:00Z", "--db", db, "quiz", "1", "--new")
	tm.waitFor("Question 1 of 12")
	tm.keys("1", "Enter")
	tm.waitFor("Press enter for the next question")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	before := progressJSON(t, db)

	// The same day: nothing to review.
	tm = startTermEnv(t, "TZ=UTC BACKEND_TUTOR_NOW=2026-06-15T11:00:00Z", "--db", db, "review")
	tm.waitFor("Nothing to review right now.")
	tm.keys("C-c")
	tm.exited()

	tm = startTermEnv(t, "TZ=UTC BACKEND_TUTOR_NOW=2026-07-15T10:00:00Z", "--db", db)
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("Review · 1 due")
	tm.keys("C-c")
	tm.exited()

	tm = startTermEnv(t, "TZ=UTC BACKEND_TUTOR_NOW=2026-07-15T10:00:00Z", "--db", db, "review")
	tm.waitFor("Review 1 of 1")
	tm.keys("1", "Enter")
	tm.waitFor("Press enter to see the summary.")
	tm.keys("Enter")
	tm.waitFor("You reviewed 1 question", "Press enter to go home.")
	tm.keys("Enter")
	tm.waitFor("quizzes passed")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	after := progressJSON(t, db)
	if before.Chapters[0].Answered != 1 || after.Chapters[0].Answered != 1 || after.Chapters[0].Attempts != before.Chapters[0].Attempts {
		t.Fatalf("a review changed the quiz figures: before %+v after %+v", before.Chapters[0], after.Chapters[0])
	}

	// Reviewed: nothing due that day any more.
	tm = startTermEnv(t, "TZ=UTC BACKEND_TUTOR_NOW=2026-07-15T12:00:00Z", "--db", db, "review")
	tm.waitFor("Nothing to review right now.")
	tm.keys("C-c")
	tm.exited()
}

// Issue 11 in line mode: `backend-tutor review` from a script asks the due
// question, saves the review and says so; the menu offers "Review (N due)".
func TestLineModeReview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	t.Setenv("TZ", "UTC")
	t.Setenv("BACKEND_TUTOR_NOW", "2026-06-15T10:00:00Z")
	if out, err := runPiped(t, "1\n", "--db", db, "quiz", "1", "--new"); err != nil {
		t.Fatalf("quiz: %v\n%s", err, out)
	}
	t.Setenv("BACKEND_TUTOR_NOW", "2026-07-15T10:00:00Z")
	out, err := runPiped(t, "", "--db", db)
	if err != nil || !strings.Contains(out, "Review (1 due)") {
		t.Fatalf("menu without the review entry (%v):\n%s", err, out)
	}
	out, err = runPiped(t, "1\n", "--db", db, "review")
	if err != nil || !strings.Contains(out, "Review 1 of 1") || !strings.Contains(out, "Review done: ") {
		t.Fatalf("review (%v):\n%s", err, out)
	}
	out, _ = runPiped(t, "", "--db", db, "review")
	if !strings.Contains(out, "Nothing to review right now.") {
		t.Fatalf("second review the same day:\n%s", out)
	}
	if p := progressJSON(t, db); p.Chapters[0].Answered != 1 {
		t.Fatalf("a review changed answered: %+v", p.Chapters[0])
	}
}
