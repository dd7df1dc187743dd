package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/progress"
)

// Proves: after the content changed under saved progress, `progress
// --json` counts in `answered` only the questions answered in their
// current version (an answer to an edited question is
// `answered_earlier_version`, one to a removed question counts nowhere),
// keeps every answer in `answers_saved`, leaves the finished attempt's
// best score and pass as they were, and sets `updated_since_read` for the
// chapter whose text changed in a part not read since; the table's
// ANSWERED column is the new count, its footer the answers saved.
func TestProgressJSONContentChanges(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	ch := course.Chapters[0]
	q1, q2 := ch.Quiz.Questions[0], ch.Quiz.Questions[1]
	store, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	uid := progress.NewID()
	order := []string{q1.ID, q2.ID, "removed-since"}
	for i, a := range []progress.Answer{
		{QuestionID: q1.ID, QuestionHash: q1.Hash, Correct: true},       // current version
		{QuestionID: q2.ID, QuestionHash: "before-edit", Correct: true}, // q2 was edited since
		{QuestionID: "removed-since", QuestionHash: "gone", Correct: true},
	} {
		a.ID, a.Given, a.At = progress.NewID(), []string{"x"}, at.Add(time.Duration(i)*time.Minute)
		if _, err := store.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: uid, Order: order, Answer: &a}); err != nil {
			t.Fatal(err)
		}
	}
	fin, err := store.Apply(progress.Op{Kind: progress.OpFinish, Chapter: ch.ID, AttemptUID: uid,
		Questions: map[string]string{q1.ID: "before-edit-1", q2.ID: "before-edit", "removed-since": "gone"}, PassMark: 70})
	if err != nil || fin.Record.BestScore != 66 || fin.Record.Passed {
		t.Fatalf("finish: %+v %v", fin.Record, err)
	}
	// Read with a section hash that is no longer the text's: a text edit.
	var hashes []string
	for _, s := range search.Sections(ch.Body) {
		hashes = append(hashes, s.Hash)
	}
	hashes[len(hashes)-1] = "0123456789ab"
	if _, err := store.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: "old", Percent: 100, Sections: hashes}); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "--db", db, "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type counts struct {
		Answered               *int  `json:"answered"`
		AnswersSaved           *int  `json:"answers_saved"`
		AnsweredEarlierVersion *int  `json:"answered_earlier_version"`
		UpdatedSinceRead       *bool `json:"updated_since_read"`
	}
	type chapter struct {
		counts
		Questions int  `json:"questions"`
		BestScore int  `json:"best_score"`
		Passed    bool `json:"passed"`
	}
	var rep struct {
		Chapters []chapter `json:"chapters"`
		Total    counts    `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	c := rep.Chapters[0]
	if c.Answered == nil || c.AnswersSaved == nil || c.AnsweredEarlierVersion == nil || c.UpdatedSinceRead == nil {
		t.Fatalf("chapter JSON lacks a field: %s", out[:min(len(out), 2000)])
	}
	if *c.Answered != 1 || *c.AnswersSaved != 3 || *c.AnsweredEarlierVersion != 1 || !*c.UpdatedSinceRead || *c.Answered > c.Questions {
		t.Errorf("answered %d, answers_saved %d, answered_earlier_version %d, updated_since_read %v; want 1, 3, 1, true",
			*c.Answered, *c.AnswersSaved, *c.AnsweredEarlierVersion, *c.UpdatedSinceRead)
	}
	if c.BestScore != 66 || c.Passed {
		t.Errorf("best_score %d passed %v: the finished attempt's score changed", c.BestScore, c.Passed)
	}
	if u := rep.Chapters[1].UpdatedSinceRead; u == nil || *u {
		t.Errorf("a chapter never read is updated_since_read")
	}
	if t2 := rep.Total; t2.Answered == nil || *t2.Answered != 1 || *t2.AnswersSaved != 3 || *t2.AnsweredEarlierVersion != 1 {
		t.Errorf("total = %s", out[strings.Index(out, `"total"`):])
	}

	code, out, _ = runCLI(t, "--db", db, "progress")
	if code != 0 {
		t.Fatalf("progress: exit %d", code)
	}
	row := strings.Fields(strings.Split(out, "\n")[1])
	if len(row) < 5 || row[len(row)-4] != "1" || !strings.Contains(out, "3 answers saved") {
		t.Errorf("table: ANSWERED should be 1 and the footer 3 answers saved:\n%s", out)
	}
}
