package progress

import (
	"fmt"
	"testing"
)

// BenchmarkSaveAnswer measures one saved answer end to end: open, one
// read-write transaction (attempt + chapter record), fsync commit, close.
// The attempt has 20 questions; every 20 answers a new attempt starts
// (outside the timer), so the attempt stays a realistic size: an attempt
// keeps every answer, and the whole record is rewritten on each save.
func BenchmarkSaveAnswer(b *testing.B) {
	s := mustOpen(b, tempPath(b))
	order := make([]string, 20)
	for i := range order {
		order[i] = fmt.Sprintf("q%02d", i)
	}
	var at Attempt
	for i := 0; b.Loop(); i++ {
		if i%len(order) == 0 {
			b.StopTimer()
			var err error
			at, err = s.StartAttempt("ch", "h", order, nil)
			must(b, err)
			b.StartTimer()
		}
		a := answer(order[i%len(order)], i%2 == 0, "some answer text")
		a.ID = NewID()
		must(b, s.SaveAnswer("ch", at.ID, a))
	}
}

// BenchmarkSnapshot reads the home screen's data for 100 chapters, each
// with a finished and an open attempt (Snapshot must not scan them).
func BenchmarkSnapshot(b *testing.B) {
	s := mustOpen(b, tempPath(b))
	for i := range 100 {
		ch := fmt.Sprintf("chapter-%03d", i)
		must(b, s.SaveReading(ch, "hash", i*3, i%101))
		for range 2 {
			at, err := s.StartAttempt(ch, "hash", []string{"q1", "q2"}, nil)
			must(b, err)
			must(b, s.SaveAnswer(ch, at.ID, answer("q1", true, "x")))
			if i%2 == 0 {
				_, err = s.FinishAttempt(ch, at.ID, 70, true)
				must(b, err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		snap, err := s.Snapshot()
		if err != nil || len(snap.Chapters) != 100 {
			b.Fatal(err, len(snap.Chapters))
		}
	}
}
