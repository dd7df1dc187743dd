package courserules

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"

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
		{withQuiz, progress.ChapterRecord{Furthest: 30, ContentHash: "old", Sections: "0123456789ab"}, "reading 30% · updated since you read it"},
		// A record from before section hashes: we cannot know, so no flag.
		{withQuiz, progress.ChapterRecord{Furthest: 30, ContentHash: "old"}, "reading 30%"},
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

func TestContinue(t *testing.T) {
	c := testCourse(t)
	a, b := c.Chapters[0], c.Chapters[1]
	cases := []struct {
		name    string
		recs    map[string]progress.ChapterRecord
		last    *progress.Place
		want    *content.Chapter
		action  Action
		wantNil bool
	}{
		{"no last place", nil, nil, nil, 0, true},
		{"unknown chapter", nil, &progress.Place{Screen: "chapter", ChapterID: "gone"}, nil, 0, true},
		{"open quiz", map[string]progress.ChapterRecord{"a": {OpenAttempt: 3}}, &progress.Place{Screen: "quiz", ChapterID: "a"}, a, ResumeQuiz, false},
		{"half read", map[string]progress.ChapterRecord{"a": {Furthest: 40}}, &progress.Place{Screen: "chapter", ChapterID: "a"}, a, Read, false},
		{"read, quiz not taken", map[string]progress.ChapterRecord{"a": {Furthest: 100}}, &progress.Place{Screen: "chapter", ChapterID: "a"}, a, TakeQuiz, false},
		{"passed: next", map[string]progress.ChapterRecord{"a": {Furthest: 100, Passed: true}}, &progress.Place{Screen: "chapter", ChapterID: "a"}, b, ReadNext, false},
		{"all done", map[string]progress.ChapterRecord{"a": {Passed: true}, "b": {Furthest: 100}}, &progress.Place{Screen: "chapter", ChapterID: "a"}, nil, 0, true},
	}
	for _, tc := range cases {
		got, ok := Continue(c, tc.recs, tc.last)
		if ok == tc.wantNil {
			t.Errorf("%s: ok = %v", tc.name, ok)
			continue
		}
		if ok && (got.Chapter != tc.want || got.Action != tc.action) {
			t.Errorf("%s: got %s/%v, want %s/%v", tc.name, got.Chapter.ID, got.Action, tc.want.ID, tc.action)
		}
	}
}

func TestNeeded(t *testing.T) {
	for _, c := range []struct{ mark, total, want int }{{70, 12, 9}, {70, 10, 7}, {100, 3, 3}, {1, 5, 1}} {
		if got := Needed(c.mark, c.total); got != c.want {
			t.Errorf("Needed(%d, %d) = %d, want %d", c.mark, c.total, got, c.want)
		}
	}
}

// testCourse is two chapters: "a" with a quiz, "b" without.
func testCourse(t *testing.T) *content.Course {
	t.Helper()
	fsys := fstest.MapFS{
		"course.yaml": {Data: []byte("title: T\n")},
		"a.md":        {Data: []byte("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\nbody\n")},
		"a.quiz.yaml": {Data: []byte("chapter: a\nquestions:\n  - id: q1\n    kind: truefalse\n    prompt: p\n    explanation: e\n    answer: true\n")},
		"b.md":        {Data: []byte("---\nid: b\ntitle: B\norder: 2\nsummary: s\n---\nbody\n")},
	}
	c, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDurationText(t *testing.T) {
	for s, want := range map[int64]string{-3: "0 s", 0: "0 s", 59: "59 s", 60: "1 min", 3599: "59 min", 3600: "1 h 00 min", 7530: "2 h 05 min"} {
		if got := DurationText(s); got != want {
			t.Errorf("DurationText(%d) = %q, want %q", s, got, want)
		}
	}
}

// A reset's confirmation names the time spent it clears, and a chapter
// with nothing but time spent still has something to reset.
func TestResetLossTime(t *testing.T) {
	if got := ResetLoss(progress.ChapterRecord{ReadingS: 600, QuizS: 130}); got != "the time spent on it (12 min)" {
		t.Errorf("ResetLoss = %q", got)
	}
}

// Proves: a reset of a chapter whose times a damaged file holds near the
// int64 limit still says it clears the time (the sum wrapped negative).
func TestResetLossHugeTime(t *testing.T) {
	if got := ResetLoss(progress.ChapterRecord{ReadingS: math.MaxInt64, QuizS: 10}); !strings.Contains(got, "the time spent on it") {
		t.Errorf("ResetLoss = %q", got)
	}
}
