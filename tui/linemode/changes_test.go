package linemode

import (
	"strings"
	"testing"
	"time"

	"backend-tutor/progress"
)

// Proves: line mode says once, at start, what changed since the learner
// last studied (a question answered in an earlier version), and not at
// the next start; reading the chapter in line mode keeps the hash of each
// part of its text, so a later text edit can be told apart.
func TestNoticeOfChangesOnce(t *testing.T) {
	e := newEnv(t)
	ch := e.course.Chapters[0]
	qu := ch.Quiz.Questions[0]
	a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: "before-the-edit", Given: []string{"x"},
		At: time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)}
	st := e.store(t)
	if _, err := st.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	out := e.run(t, "", func(s *Session) { s.Run() })
	if !strings.Contains(out, "Changed since you last studied:\nch. 1: 1 question changed\n") {
		t.Fatalf("no notice:\n%s", out)
	}
	if out := e.run(t, "", func(s *Session) { s.Run() }); strings.Contains(out, "Changed since") {
		t.Errorf("told again:\n%s", out)
	}
	e.run(t, "2\n1\n\n", func(s *Session) { s.Run() }) // chapters, read chapter 1
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if snap.Chapters[ch.ID].Sections == "" {
		t.Errorf("reading in line mode kept no section hashes: %+v", snap.Chapters[ch.ID])
	}
}
