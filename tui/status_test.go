package tui

import (
	"testing"

	"backend-tutor/content"
	"backend-tutor/progress"
)

func TestStatusText(t *testing.T) {
	withQuiz := &content.Chapter{ID: "a", Hash: "h1", Quiz: &content.Quiz{PassMark: 70}}
	noQuiz := &content.Chapter{ID: "b", Hash: "h2"}
	cases := []struct {
		ch   *content.Chapter
		rec  progress.ChapterRecord
		want string
	}{
		{withQuiz, progress.ChapterRecord{}, "not started"},
		{withQuiz, progress.ChapterRecord{Furthest: 45, ContentHash: "h1"}, "reading 45%"},
		{withQuiz, progress.ChapterRecord{Furthest: 100, ContentHash: "h1"}, "read · quiz not taken"},
		{noQuiz, progress.ChapterRecord{Furthest: 100, ContentHash: "h2"}, "read"},
		{withQuiz, progress.ChapterRecord{Furthest: 100, OpenAttempt: 3}, "quiz in progress"},
		{withQuiz, progress.ChapterRecord{Attempts: 2, BestScore: 50}, "quiz not passed yet · best 50%"},
		{withQuiz, progress.ChapterRecord{Attempts: 2, BestScore: 85, Passed: true, OpenAttempt: 4}, "quiz passed · best 85%"},
		{withQuiz, progress.ChapterRecord{Furthest: 30, ContentHash: "old"}, "reading 30% · updated since you read it"},
	}
	for _, c := range cases {
		if got := StatusText(c.ch, c.rec); got != c.want {
			t.Errorf("StatusText(%+v) = %q, want %q", c.rec, got, c.want)
		}
	}
}

func TestCourseProgress(t *testing.T) {
	c := &content.Course{Chapters: []*content.Chapter{
		{ID: "a", Quiz: &content.Quiz{}}, {ID: "b", Quiz: &content.Quiz{}}, {ID: "c"}, {ID: "d", Quiz: &content.Quiz{}},
	}}
	recs := map[string]progress.ChapterRecord{
		"a": {Furthest: 100, Passed: true}, // 1
		"b": {Furthest: 100},               // 0.5: read, quiz not passed
		"c": {Furthest: 50},                // 0.5: no quiz, half read
	}
	if got := CourseProgress(c, recs); got != 0.5 {
		t.Fatalf("progress = %v, want 0.5", got)
	}
	if p, q := PassedCount(c, recs); p != 1 || q != 3 {
		t.Fatalf("passed %d of %d, want 1 of 3", p, q)
	}
}
