package activetime

import (
	"os"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// Proves: each gap counts for what it was spent on, at most IdleCap; the
// first input, a clock set back and Nothing count 0; a change carries the
// whole seconds of its own chapter only, numbered up, and the fraction
// waits for the next one.
func TestCounter(t *testing.T) {
	c := New()
	t0 := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	c.Input(t0, "a", Reading)                              // first: nothing before it
	c.Input(t0.Add(90500*time.Millisecond), "a", Reading)  // 90.5 s
	c.Input(t0.Add(time.Hour), "a", Reading)               // idle: 5 min
	c.Input(t0.Add(time.Hour+time.Minute), "b", Quiz)      // 1 min
	c.Input(t0.Add(time.Hour+2*time.Minute), "b", Nothing) // a menu
	c.Input(t0.Add(time.Hour-time.Minute), "b", Quiz)      // clock set back
	c.Input(t0.Add(time.Hour-time.Minute+time.Second), "", Quiz)
	op := progress.Op{Kind: progress.OpReading, Chapter: "a"}
	c.Attach(&op)
	if op.ReadingS != 390 || op.QuizS != 0 || op.TimeSeq != 1 || op.TimeSession == "" {
		t.Errorf("reading change carries %+v; want 390 s, number 1", op)
	}
	again := progress.Op{Kind: progress.OpReading, Chapter: "a"}
	c.Attach(&again)
	if again.ReadingS != 0 || again.TimeSeq != 0 {
		t.Errorf("half a second was handed on: %+v", again)
	}
	c.Input(t0.Add(time.Hour-time.Minute+1500*time.Millisecond), "a", Reading)
	last := progress.Op{Kind: progress.OpLast, Place: &progress.Place{Screen: "quiz", ChapterID: "b"}}
	c.Attach(&last)
	if last.Chapter != "b" || last.QuizS != 60 || last.TimeSeq != 2 {
		t.Errorf("last place carries %+v; want b's 60 s quiz, number 2", last)
	}
	reset := progress.Op{Kind: progress.OpReset, Chapter: "a"}
	c.Attach(&reset)
	if reset.ReadingS != 0 || !c.Waiting("a") {
		t.Errorf("a reset carried time: %+v", reset)
	}
	course, err := content.Load(os.DirFS("../../tui/testdata/course"))
	if err != nil {
		t.Fatal(err)
	}
	c.Input(t0.Add(2*time.Hour), "alpha", Nothing)
	c.Input(t0.Add(2*time.Hour+time.Minute), "alpha", Quiz)
	c.Input(t0.Add(2*time.Hour+2*time.Minute), "gone", Quiz) // no longer in the course
	ops := c.Leftovers(progress.Place{Screen: "chapter", ChapterID: "beta"}, course)
	if len(ops) != 1 || ops[0].Chapter != "alpha" || ops[0].QuizS != 60 || ops[0].Place.ChapterID != "beta" || ops[0].Kind != progress.OpLast {
		t.Errorf("leftovers = %+v; want alpha's minute on beta's place", ops)
	}
}
