package scheduler

import (
	"testing"
	"time"
)

func TestRatingFor(t *testing.T) {
	for _, c := range []struct {
		a    Answer
		want Rating
	}{
		{Answer{Correct: true}, Good},
		{Answer{Correct: true, Hinted: true}, Hard},
		{Answer{Correct: true, Retried: true}, Hard},
		{Answer{Correct: true, Hinted: true, Revealed: true}, Again}, // the hint gave it away
		{Answer{}, Again},
		{Answer{Hinted: true}, Again},
		{Answer{Correct: false, Retried: true}, Again},
	} {
		if got := RatingFor(c.a); got != c.want {
			t.Errorf("RatingFor(%+v) = %v, want %v", c.a, got, c.want)
		}
	}
}

// Issue 11: a wrong answer, or a right one after a hint, comes back
// sooner than a right one: from a new card, from one well learned, and
// from one answered an hour before on the same day, where the same-day
// floor gives Hard and Good the same S (fails without Hard's cap in
// Review).
func TestMissOrHintComesBackSooner(t *testing.T) {
	s := Default(nil)
	start := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	learned, now := Card{}, start
	for _, r := range []Rating{Good, Good, Good} {
		learned = s.Review(learned, r, now)
		now = learned.Due
	}
	answered := s.Review(Card{}, Good, start.Add(-time.Hour)) // S 2.31: due in 2 days
	for _, c := range []struct {
		start Card
		now   time.Time
	}{{Card{}, start}, {learned, now}, {answered, start}} {
		start, now := c.start, c.now
		right := s.Review(start, RatingFor(Answer{Correct: true}), now)
		hinted := s.Review(start, RatingFor(Answer{Correct: true, Hinted: true}), now)
		wrong := s.Review(start, RatingFor(Answer{}), now)
		// A new card's miss and hinted answer both come back tomorrow.
		if !(!wrong.Due.After(hinted.Due) && hinted.Due.Before(right.Due)) {
			t.Errorf("from %v (S %.2f): due wrong %s, hinted %s, right %s; want in that order",
				start.State, start.Stability, wrong.Due, hinted.Due, right.Due)
		}
	}
}
