package scheduler

import (
	"math"
	"testing"
	"time"
)

// Years 1 to 9999: what a clock or a saved RFC 3339 time can say.
const (
	minSec = -62135596800
	maxSec = 253402300799
)

var fuzzZones = []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Kiritimati"}

// FuzzReview reviews any card, however damaged, with any rating at any
// time in years 1..9999, in zones with DST (Lord Howe's is half an hour),
// with and without steps and fuzz: the result is finite, in range, and due
// after now.
func FuzzReview(f *testing.F) {
	f.Add(uint8(0), 0, 0.0, 0.0, int64(0), int64(0), 0, 0, 3, int64(1_700_000_000), uint8(0), false, -1.0)
	f.Add(uint8(2), 0, 2.3065, 2.1181, int64(1_700_000_000), int64(1_699_900_000), 3, 0, 1, int64(1_700_100_000), uint8(1), false, 0.5)
	f.Add(uint8(3), 5, math.NaN(), 11.0, int64(0), int64(maxSec), -1, math.MaxInt, 9, int64(minSec), uint8(3), true, 0.99)
	f.Add(uint8(2), 0, 1e300, -1e300, int64(math.MinInt64), int64(math.MaxInt64), 1, 1, 4, int64(maxSec), uint8(4), true, math.Inf(1))
	f.Add(uint8(1), 1, 0.0001, 1.0, int64(1_711_846_800), int64(1_711_846_700), 1, 0, 2, int64(1_711_846_860), uint8(2), true, 0.0)
	f.Fuzz(func(t *testing.T, state uint8, step int, stab, diff float64, dueSec, lastSec int64,
		reps, lapses, rating int, nowSec int64, zone uint8, steps bool, fuzz float64) {
		loc := mustZone(t, fuzzZones[int(zone)%len(fuzzZones)])
		p := DefaultParams()
		p.Location = loc
		if steps {
			p.LearningSteps = []time.Duration{time.Minute, 10 * time.Minute}
			p.RelearningSteps = []time.Duration{10 * time.Minute}
		}
		if fuzz >= 0 || math.IsNaN(fuzz) {
			p.Fuzz = func() float64 { return fuzz } // any value, even out of [0, 1)
		}
		s := mustConfigure(t, p)
		now := time.Unix(minSec+int64(uint64(nowSec)%uint64(maxSec-minSec+1)), 0)
		in := Card{State: State(state % 6), Step: step, Stability: stab, Difficulty: diff,
			Due: time.Unix(dueSec, 0), LastReview: time.Unix(lastSec, 0), Reps: reps, Lapses: lapses}
		c := s.Review(in, Rating(rating), now)
		if !(c.Stability >= minStability && c.Stability <= maxStability) {
			t.Errorf("stability %v out of [%v, %v]", c.Stability, minStability, maxStability)
		}
		if !(c.Difficulty >= 1 && c.Difficulty <= 10) {
			t.Errorf("difficulty %v out of [1, 10]", c.Difficulty)
		}
		if !c.Due.After(now) {
			t.Errorf("due %s is not after now %s", c.Due, now)
		}
		if c.State < Learning || c.State > Relearning || c.Reps < 1 || c.Lapses < 0 || c.Step < 0 || !c.LastReview.Equal(now) {
			t.Errorf("card after review: %+v", c)
		}
		if r := s.Retrievability(c, now.Add(time.Duration(uint64(dueSec)%uint64(1<<50)))); !(r >= 0 && r <= 1) {
			t.Errorf("retrievability %v", r)
		}
		// And the card reviewed again at its due, as a learner would.
		next := s.Review(c, Rating(rating), c.Due)
		if !next.Due.After(c.Due) || !finite(next.Stability) || !finite(next.Difficulty) {
			t.Errorf("second review at due %s: %+v", c.Due, next)
		}
	})
}
