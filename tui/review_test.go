package tui

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

var reviewDay0 = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

// reviewEnv is an env whose learner answered question s1 of alpha wrong
// in a quiz on reviewDay0 (finished), so s1 is due the next day.
func reviewEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	s := e.store(t)
	s.SetScheduler(scheduler.Default(time.UTC))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetWelcomed())
	ch, _ := e.course.Chapter("alpha")
	qu := ch.Quiz.Questions[0]
	at, err := s.StartAttempt("alpha", ch.Hash, []string{qu.ID}, nil)
	must(err)
	a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, Correct: false, At: reviewDay0}
	_, err = s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: "alpha", Attempt: at.ID, Answer: &a})
	must(err)
	_, err = s.Apply(progress.Op{Kind: progress.OpFinish, Chapter: "alpha", Attempt: at.ID, Questions: map[string]string{qu.ID: qu.Hash}, PassMark: 50})
	must(err)
	return e
}

// reviewModel is a tutor over e at the fixed time now, like main builds
// one for `backend-tutor` (review false) or `backend-tutor review`.
func (e *env) reviewModel(t *testing.T, now time.Time, review bool) *Model {
	t.Helper()
	s := e.store(t)
	s.SetScheduler(scheduler.Default(time.UTC))
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand(),
		Review: review, Now: func() time.Time { return now }}))
}

// Proves: a missed quiz question shows on home the next day as
// "Review · 1 due" (not the same day); a review session through a real
// program asks it, saves the review (card moved, due later), ends with a
// summary, and leaves the chapter's quiz figures and Continue as they were.
func TestReviewSessionInProgram(t *testing.T) {
	e := reviewEnv(t)
	before, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}

	// The same day: nothing due, no row.
	tm := start(t, e.reviewModel(t, reviewDay0.Add(time.Hour), false))
	waitFor(t, tm, "Alpha chapter")
	if fm := finish(t, tm); strings.Contains(viewText(fm), "Review ·") || fm.reviewDue != 0 {
		t.Fatalf("review row on the day of the quiz:\n%s", viewText(fm))
	}

	next := reviewDay0.Add(24 * time.Hour)
	tm = start(t, e.reviewModel(t, next, false))
	waitFor(t, tm, "Review · 1 due")
	finish(t, tm)

	tm = start(t, e.reviewModel(t, next, true))
	waitFor(t, tm, "Review 1 of 1 · Alpha chapter")
	keys(tm, "1", "enter")
	waitFor(t, tm, "Press enter to see the summary.")
	keys(tm, "enter")
	waitFor(t, tm, "You reviewed 1 question", "Press enter to go home.")
	fm := finish(t, tm)
	if fm.Screen() != "review" {
		t.Fatalf("screen %s, want the review summary", fm.Screen())
	}

	s := e.store(t)
	s.SetScheduler(scheduler.Default(time.UTC))
	card, ok, err := s.Card("s1")
	if err != nil || !ok {
		t.Fatalf("card: %v %v", ok, err)
	}
	if card.Reps != 2 || !card.Due.After(next) || !card.LastReview.Equal(next) {
		t.Errorf("card after the review: %+v", card)
	}
	if got, _ := s.ReviewAnswers(); len(got) != 1 {
		t.Errorf("%d review answers saved, want 1", len(got))
	}
	after, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("a review changed the quiz figures:\nbefore %+v\nafter  %+v", before, after)
	}
	q, err := s.ReviewQueue(next, nil)
	if err != nil || len(q.Cards) != 0 || q.DoneToday != 1 {
		t.Errorf("after the review: queue %d, done %d (%v); want 0 and 1", len(q.Cards), q.DoneToday, err)
	}

	// Reopened the same day: no row.
	tm = start(t, e.reviewModel(t, next.Add(time.Minute), false))
	waitFor(t, tm, "Alpha chapter")
	if fm := finish(t, tm); fm.reviewDue != 0 {
		t.Errorf("reopened: %d due, want 0", fm.reviewDue)
	}
}

// Proves: `backend-tutor review` with nothing due says so and goes home.
func TestReviewNothingDue(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.reviewModel(t, reviewDay0, true))
	waitFor(t, tm, "Nothing to review right now.")
	keys(tm, "enter")
	waitFor(t, tm, "Alpha chapter")
	if fm := finish(t, tm); fm.Screen() != "home" {
		t.Fatalf("screen %s, want home", fm.Screen())
	}
}

// Proves: home's "Review · N due" comes up when 4 AM passes while the
// tutor is open: a tick (Model.tick) is set for the next rollover, and
// when it fires the queue is read again, off the UI goroutine. The clock
// is injected and the tick delivered by hand: nothing waits for 4 AM.
func TestReviewCountAtRollover(t *testing.T) {
	e := reviewEnv(t)
	var mu sync.Mutex
	now := reviewDay0.Add(18*time.Hour - time.Minute) // 03:59 on the day s1 falls due
	setNow := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	m := e.reviewModel(t, now, false)
	m.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	type tick struct {
		d time.Duration
		f func(time.Time) tea.Msg
	}
	ticks := make(chan tick, 8)
	m.tick = func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd {
		if _, ok := f(time.Time{}).(rolloverMsg); ok {
			ticks <- tick{d, f}
		}
		return nil
	}
	next := func() tick {
		t.Helper()
		select {
		case tk := <-ticks:
			return tk
		case <-time.After(5 * time.Second): // a timeout only: the tick is set at once
			t.Fatal("no rollover tick was set")
			return tick{}
		}
	}
	tm := start(t, m)
	waitFor(t, tm, "Alpha chapter")
	tk := next()
	if tk.d != time.Minute {
		t.Errorf("rollover tick in %v, want 1m (03:59 to 4 AM)", tk.d)
	}
	setNow(reviewDay0.Add(18 * time.Hour)) // 4 AM: s1 is due
	tm.Send(tk.f(now))
	waitFor(t, tm, "Review · 1 due")
	if tk := next(); tk.d != maxRolloverWait {
		t.Errorf("next rollover tick in %v, want the hourly cap", tk.d)
	}
	if fm := finish(t, tm); fm.reviewDue != 1 {
		t.Errorf("reviewDue = %d after the rollover, want 1", fm.reviewDue)
	}
}

// The walk at 60×20: the review summary's sentences were cut with "…"
// ("come back here when they …") instead of wrapped, as every other
// screen's text is.
func TestReviewSummaryWrapsNarrow(t *testing.T) {
	e := newEnv(t)
	m := e.reviewModel(t, reviewDay0, true)
	run(m, m.Init())
	for _, w := range []int{60, 40} {
		step(m, tea.WindowSizeMsg{Width: w, Height: 12})
		v := viewText(m)
		if !strings.Contains(v, "Nothing to review right now.") {
			t.Fatalf("%d columns: not the summary:\n%s", w, v)
		}
		if strings.Contains(v, "…") || !strings.Contains(v, "are due.") {
			t.Errorf("%d columns: the summary is cut, not wrapped:\n%s", w, v)
		}
	}
}
