package main

import (
	"path/filepath"
	"testing"

	"backend-tutor/progress"
)

// An export's time_spent_seconds is the chapter's time reading plus in
// its quiz (it was always 0 before the tutor counted time).
func TestExportTimeSpent(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	ch := studied(t, db, progress.DefaultProfile)
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: ch.Hash, Line: 3, Percent: 60,
		ReadingS: 100, QuizS: 50, TimeSession: progress.NewID(), TimeSeq: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "e.json")
	if code, _, errOut := runCLI(t, "--db", db, "export", "--learner", "Ada", "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	for _, r := range readExportFile(t, out).Records {
		if want := map[bool]int{true: 150, false: 0}[r.Chapter == ch.ID]; r.TimeSpentSeconds != want {
			t.Errorf("%s: time_spent_seconds %d, want %d", r.Chapter, r.TimeSpentSeconds, want)
		}
	}
}
