package stats

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

// testCourse: chapter a (questions q1-q3), chapter b (question b1), chapter c (no quiz).
func testCourse(t *testing.T) *content.Course {
	t.Helper()
	tf := func(id string) string {
		return "  - id: " + id + "\n    kind: truefalse\n    prompt: p\n    explanation: e\n    answer: true\n"
	}
	fsys := fstest.MapFS{
		"course.yaml": {Data: []byte("title: T\n")},
		"a.md":        {Data: []byte("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\nbody\n")},
		"a.quiz.yaml": {Data: []byte("chapter: a\nquestions:\n" + tf("q1") + tf("q2") + tf("q3"))},
		"b.md": {Data: []byte("---\nid: b\ntitle: B\norder: 2\nsummary: s\n---\n# B\nintro\n\n## Cookies\nA cookie is small text.\n\n" +
			"## Databases\nTables and rows keep data.\n")},
		"b.quiz.yaml": {Data: []byte("chapter: b\nquestions:\n" + strings.Replace(tf("b1"), "prompt: p", "prompt: Which keeps tables?", 1))},
		"c.md":        {Data: []byte("---\nid: c\ntitle: C\norder: 3\nsummary: s\n---\nbody\n")},
	}
	c, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStreak(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	now := at("2026-03-10 12:00")
	cases := []struct {
		name  string
		times []string
		now   time.Time
		want  int
	}{
		{"nothing saved", nil, now, 0},
		{"today only", []string{"2026-03-10 09:00"}, now, 1},
		{"three days to today", []string{"2026-03-08 20:00", "2026-03-09 20:00", "2026-03-10 05:00"}, now, 3},
		{"yesterday keeps it alive", []string{"2026-03-08 20:00", "2026-03-09 20:00"}, now, 2},
		{"a missed day ends it", []string{"2026-03-07 20:00", "2026-03-09 20:00"}, now, 1},
		{"two days ago is over", []string{"2026-03-08 20:00"}, now, 0},
		// 2:00 belongs to the day before (4 AM rollover): 9 March's day.
		{"past midnight counts for the evening", []string{"2026-03-09 10:00", "2026-03-10 02:00"}, at("2026-03-10 03:00"), 1},
		{"3:59 and 4:00 are two days", []string{"2026-03-10 03:59", "2026-03-10 04:00"}, now, 2},
		{"many answers one day", []string{"2026-03-10 05:00", "2026-03-10 06:00", "2026-03-10 23:00"}, now, 1},
		{"future times ignored", []string{"2026-03-11 09:00", "2026-03-12 09:00"}, now, 0},
	}
	for _, c := range cases {
		var ts []time.Time
		for _, s := range c.times {
			ts = append(ts, at(s))
		}
		if got := Streak(ts, c.now, berlin); got != c.want {
			t.Errorf("%s: Streak = %d, want %d", c.name, got, c.want)
		}
	}
}

// weak is a weakest question; b1 is about chapter b's "Databases"
// section (line 7 of its body), which holds "tables".
func weak(ch, q string, missed int) Weak {
	w := Weak{ChapterID: ch, QuestionID: q, Missed: missed}
	if q == "b1" {
		w.Section, w.SectionLine = "Databases", 7
	}
	return w
}

func attempt(ch string, at time.Time, answers ...progress.Answer) progress.Attempt {
	for i := range answers {
		answers[i].At = at
	}
	return progress.Attempt{ChapterID: ch, Answers: answers}
}

func ans(q string, correct bool) progress.Answer {
	return progress.Answer{QuestionID: q, Correct: correct}
}

// summaries are the question summaries the progress file keeps for
// attempts.
func summaries(attempts map[string][]progress.Attempt) map[string]map[string]progress.QuestionSummary {
	out := map[string]map[string]progress.QuestionSummary{}
	for ch, as := range attempts {
		out[ch] = progress.Summaries(as)
	}
	return out
}

func TestWeakest(t *testing.T) {
	c := testCourse(t)
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		attempts map[string][]progress.Attempt
		n        int
		want     []Weak
	}{
		{"none", nil, 5, nil},
		{"all right", map[string][]progress.Attempt{"a": {attempt("a", at, ans("q1", true))}}, 5, nil},
		{"most missed first, ties in course order", map[string][]progress.Attempt{
			"a": {attempt("a", at, ans("q3", false), ans("q2", false)), attempt("a", at, ans("q3", false))},
			"b": {attempt("b", at, ans("b1", false))},
		}, 5, []Weak{weak("a", "q3", 2), weak("a", "q2", 1), weak("b", "b1", 1)}},
		// The last answer in an attempt counts: wrong then right is not a miss.
		{"answer that counts", map[string][]progress.Attempt{
			"a": {attempt("a", at, ans("q1", false), ans("q1", true), ans("q2", true), ans("q2", false))},
		}, 5, []Weak{weak("a", "q2", 1)}},
		{"gone from the course", map[string][]progress.Attempt{
			"a":    {attempt("a", at, ans("gone", false))},
			"gone": {attempt("gone", at, ans("q1", false))},
		}, 5, nil},
		{"capped at n", map[string][]progress.Attempt{
			"a": {attempt("a", at, ans("q1", false), ans("q2", false), ans("q3", false))},
			"b": {attempt("b", at, ans("b1", false)), attempt("b", at, ans("b1", false))},
		}, 2, []Weak{weak("b", "b1", 2), weak("a", "q1", 1)}},
	}
	for _, tc := range cases {
		got := Weakest(c, summaries(tc.attempts), tc.n)
		if len(got) != len(tc.want) {
			t.Errorf("%s: Weakest = %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: Weakest = %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

func TestCompute(t *testing.T) {
	c := testCourse(t)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	sched := scheduler.Default(time.UTC)
	aq, _ := c.Chapters[0].Quiz.Question("q1")
	card := func(q, hash string, due time.Time, state scheduler.State) progress.ReviewCard {
		return progress.ReviewCard{ChapterID: "a", QuestionID: q, QuestionHash: hash, Card: scheduler.Card{State: state, Due: due}}
	}
	log := &progress.StudyLog{
		Questions: summaries(map[string][]progress.Attempt{
			"a": {attempt("a", now.Add(-24*time.Hour), ans("q2", false))},
		}),
		// an attempt answer yesterday, a review today
		Studied: []time.Time{now.Add(-24 * time.Hour), now.Add(-time.Hour)},
		Cards: []progress.ReviewCard{
			card("q1", aq.Hash, now.Add(-time.Hour), scheduler.Review),     // due now
			card("q1", aq.Hash, now.Add(6*24*time.Hour), scheduler.Review), // the week's last day
			card("q1", aq.Hash, now.Add(7*24*time.Hour), scheduler.Review), // next week
			card("q1", "edited", now, scheduler.Review),                    // question edited since
			card("gone", aq.Hash, now, scheduler.Review),                   // question removed
			card("q1", aq.Hash, now.Add(-time.Hour), scheduler.New),        // never due
		},
	}
	records := map[string]progress.ChapterRecord{"a": {Attempts: 2, BestScore: 67, Answered: 6, ReadingS: 100, QuizS: 20}, "c": {ReadingS: 5}}
	st := Compute(c, records, log, sched, now)
	// q2 answered in an attempt without its hash: an earlier version.
	if len(st.Chapters) != 3 || st.Chapters[0] != (Chapter{ID: "a", Title: "A", Quiz: true, BestScore: 67, Attempts: 2, Answered: 0, Earlier: 1, ReadingS: 100, QuizS: 20}) ||
		st.Chapters[2] != (Chapter{ID: "c", Title: "C", ReadingS: 5}) {
		t.Errorf("Chapters = %+v", st.Chapters)
	}
	if st.ReadingS != 105 || st.QuizS != 20 {
		t.Errorf("time in total: %d s reading, %d s quiz; want 105 and 20", st.ReadingS, st.QuizS)
	}
	if st.StreakDays != 2 {
		t.Errorf("StreakDays = %d, want 2 (an attempt answer yesterday, a review today)", st.StreakDays)
	}
	if st.ReviewDue != 2 {
		t.Errorf("ReviewDue = %d, want 2", st.ReviewDue)
	}
	if len(st.Weakest) != 1 || st.Weakest[0] != (weak("a", "q2", 1)) {
		t.Errorf("Weakest = %v", st.Weakest)
	}
	if empty := Compute(c, nil, nil, sched, now); empty.StreakDays != 0 || empty.ReviewDue != 0 || len(empty.Weakest) != 0 || len(empty.Chapters) != 3 {
		t.Errorf("empty = %+v", empty)
	}
}

// Proves: times a damaged file holds near the int64 limit (the store
// saturates rather than wrap) do not add up to a negative total.
func TestComputeHugeTimes(t *testing.T) {
	c := testCourse(t)
	huge := progress.ChapterRecord{ReadingS: math.MaxInt64, QuizS: math.MaxInt64}
	st := Compute(c, map[string]progress.ChapterRecord{"a": huge, "c": huge}, nil, scheduler.Default(time.UTC), time.Now())
	if st.ReadingS != math.MaxInt64 || st.QuizS != math.MaxInt64 {
		t.Errorf("totals %d, %d", st.ReadingS, st.QuizS)
	}
}
