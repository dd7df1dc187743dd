package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// Proves: `progress --json` carries streak_days, review_due and weakest
// from the saved answers at the (injected) clock's time, and the text
// table shows "—" as the best score of a chapter without a finished attempt.
func TestProgressStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	ch := course.Chapters[0]
	qu := ch.Quiz.Questions[0]
	store, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	// Noon UTC on two days in a row: two local days in any time zone.
	day := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{day.Add(-24 * time.Hour), day} {
		a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, At: at}
		if _, err := store.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(nowEnv, day.Add(time.Hour).Format(time.RFC3339))

	code, out, errOut := runCLI(t, "--db", db, "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		StreakDays int `json:"streak_days"`
		ReviewDue  int `json:"review_due"`
		Weakest    []struct {
			QuestionID string `json:"question_id"`
			ChapterID  string `json:"chapter_id"`
			Missed     int    `json:"missed"`
		} `json:"weakest"`
		Chapters []struct {
			BestScore *int `json:"best_score"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.StreakDays != 2 || rep.ReviewDue != 1 {
		t.Errorf("streak_days %d, review_due %d; want 2, 1", rep.StreakDays, rep.ReviewDue)
	}
	if len(rep.Weakest) != 1 || rep.Weakest[0].QuestionID != qu.ID || rep.Weakest[0].ChapterID != ch.ID || rep.Weakest[0].Missed != 2 {
		t.Errorf("weakest = %+v", rep.Weakest)
	}
	if b := rep.Chapters[0].BestScore; b == nil || *b != 0 {
		t.Errorf("best_score = %v, want the number 0", b)
	}

	code, out, _ = runCLI(t, "--db", db, "progress")
	if code != 0 {
		t.Fatalf("progress: exit %d", code)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], "—") || strings.Count(lines[1], "0%") != 1 {
		t.Errorf("first chapter's row shows no \"—\" for its best score:\n%s", out)
	}
}

// With no progress file the stats are zero and weakest is an empty list.
func TestProgressStatsEmpty(t *testing.T) {
	code, out, _ := runCLI(t, "--db", filepath.Join(t.TempDir(), "p.db"), "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, `"streak_days": 0`) || !strings.Contains(out, `"review_due": 0`) || !strings.Contains(out, `"weakest": []`) {
		t.Errorf("stats missing:\n%s", out)
	}
}
