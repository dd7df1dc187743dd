package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// Through the real binary in a terminal: a learner whose answer was to an
// earlier version of a question is told so once on home; the next start
// of the tutor says nothing, and `progress --json` counts the answer as
// answered_earlier_version, not answered.
func TestRealTerminalNoticeOfChangesOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	ch := course.Chapters[2]
	qu := ch.Quiz.Questions[0]
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: "before-the-edit", Given: []string{"x"},
		At: time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)}
	if _, err := s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
		t.Fatal(err)
	}

	tm := startTerm(t, "--db", db)
	tm.waitFor("Changed since you last studied:", "ch. 3: 1 question changed")
	tm.keys("q")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	again := startTerm(t, "--db", db)
	scr := again.waitFor("q quit")
	if strings.Contains(scr, "Changed since") {
		t.Errorf("told again on the next start:\n%s", scr)
	}
	again.keys("q")
	again.exited()

	if got := progressJSON(t, db).Chapters[2]; got.Answered != 0 {
		t.Errorf("chapter 3 answered = %d, want 0 (its one answer is to an earlier version)", got.Answered)
	}
}
