package tui

import (
	"sync/atomic"
	"testing"
	"time"
)

// testClock is an injected clock the test moves; the tutor reads it in
// Update. A key is sent only after the screen showed the previous key's
// effect, so each key sees the time set before it.
type testClock struct{ ns atomic.Int64 }

func newTestClock(t time.Time) *testClock {
	c := &testClock{}
	c.ns.Store(t.UnixNano())
	return c
}
func (c *testClock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *testClock) add(d time.Duration) { c.ns.Add(int64(d)) }
func (c *testClock) set(m *Model) *Model { m.clock = c.now; return m }

// Proves, through a real program and its ctrl+c: time between keys counts
// for the screen it was spent on (2 minutes reading); a pause over 5
// minutes counts 5 (idle time beyond is not counted); time on home counts
// for nothing; and quiz time is saved when ctrl+c quits in the middle of a
// quiz, with no answer given to carry it.
func TestTimeSpentThroughProgram(t *testing.T) {
	e := newEnv(t)
	clk := newTestClock(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	tm := start(t, clk.set(e.model(t, true)))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "enter")
	waitFor(t, tm, "Chapter 1 of 2", "Paragraph 1:")
	clk.add(2 * time.Minute) // reading
	keys(tm, "esc")
	waitFor(t, tm, "s stats")
	clk.add(10 * time.Minute) // on home: not reading
	keys(tm, "enter")
	waitFor(t, tm, "Chapter 1 of 2", "Paragraph 1:")
	clk.add(40 * time.Minute) // walked away: 5 minutes count
	keys(tm, "t")
	waitFor(t, tm, "Which port does HTTPS use")
	clk.add(3 * time.Minute) // in the quiz, nothing answered
	fm := finish(t, tm)
	if fm.Screen() != "quiz" {
		t.Fatalf("quit from %s, want the quiz", fm.Screen())
	}
	r := e.record(t, "alpha")
	if r.ReadingS != 7*60 || r.QuizS != 3*60 {
		t.Errorf("saved %d s reading, %d s quiz; want 420 and 180", r.ReadingS, r.QuizS)
	}
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if snap.Last == nil || snap.Last.Screen != "quiz" || snap.Last.ChapterID != "alpha" {
		t.Errorf("Continue after quitting the quiz = %+v, want the quiz", snap.Last)
	}
}

// Proves: an answer carries the quiz time since the quiz opened, in the
// answer's own change (no other save happens), and a reader's position
// save carries the reading time, whole seconds.
func TestTimeSpentRidesOnSaves(t *testing.T) {
	e := newEnv(t)
	clk := newTestClock(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	m := clk.set(e.model(t, true))
	step(m, press("enter"))
	clk.add(61500 * time.Millisecond)
	step(m, press("t"))
	settle(m)
	clk.add(40 * time.Second)
	sendKeys(m, "enter") // the first option, whatever it is
	settle(m)
	if m.screen != quizScreen || len(m.quiz.answers) != 1 {
		t.Fatalf("no answer given: screen %s", m.screen)
	}
	r := e.record(t, "alpha")
	if r.QuizS != 40 || r.ReadingS != 61 {
		t.Errorf("saved %d s reading, %d s quiz; want 61 and 40", r.ReadingS, r.QuizS)
	}
}
