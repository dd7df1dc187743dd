package scheduler

import (
	"math"
	"time"
)

// Rating is an FSRS grade.
type Rating int

// The four grades. Hard is a pass: right, but with help or doubt.
const (
	Again Rating = 1 + iota
	Hard
	Good
	Easy
)

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "invalid"
}

// State is where a card is in its life.
type State int

// New is the zero State: a card never reviewed, which Queue never returns.
const (
	New        State = iota
	Learning         // in the learning steps (none in the tutor)
	Review           // scheduled in whole local days
	Relearning       // in the relearning steps after a lapse (none in the tutor)
)

func (s State) String() string {
	switch s {
	case New:
		return "new"
	case Learning:
		return "learning"
	case Review:
		return "review"
	case Relearning:
		return "relearning"
	}
	return "invalid"
}

// Card is one question's memory state. The zero Card is a new card. Times
// are instants; store them in UTC. Stability and Difficulty are kept
// unrounded (rounding stalls FSRS, fsrs.md pitfall 5).
type Card struct {
	State      State
	Step       int       // index into the learning or relearning steps
	Stability  float64   // days until R falls to 0.9
	Difficulty float64   // 1..10
	Due        time.Time // for Review cards, the start (4 AM local) of the due day
	LastReview time.Time
	Reps       int // reviews, the first included
	Lapses     int // Again on a Review card
}

// Retrievability is the chance of recall at now, from whole local days
// since the last review (1 for a new card).
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	c = s.sane(c)
	if c.State == New {
		return 1
	}
	return s.retrievability(float64(s.elapsedDays(c, now)), c.Stability)
}

// Review records rating r given at now and returns the card's next state.
// Elapsed time counts whole local days since the LAST REVIEW (not since
// due, fsrs.md pitfall 2), days rolling over at 4 AM in the scheduler's
// time zone; a review on the same local day uses the short-term formula.
// The result is always due after now: a Review card at the start of a
// later local day, a card in steps after the step's duration.
//
// Review never panics and never returns NaN: a rating outside Again..Easy
// counts as Again (the card comes back sooner, nothing is lost), and a
// card read from a damaged file is repaired first (see sane).
func (s *Scheduler) Review(c Card, r Rating, now time.Time) Card {
	c = s.sane(c)
	if r < Again || r > Easy {
		r = Again
	}
	before := c
	c.Stability, c.Difficulty = s.memory(before, r, now)
	if c.State == New {
		c.State, c.Step = Learning, 0
	}

	step := time.Duration(0) // > 0: due after this step; 0: due in days
	switch c.State {
	case Learning:
		step = s.stepAfter(&c, r, s.p.LearningSteps)
	case Review:
		if r == Again {
			c.Lapses = inc(c.Lapses)
			if len(s.p.RelearningSteps) > 0 {
				c.State, c.Step = Relearning, 0
				step = s.p.RelearningSteps[0]
			}
		}
	case Relearning:
		step = s.stepAfter(&c, r, s.p.RelearningSteps)
	}
	switch {
	case step > 0:
		c.Due = now.Add(step)
	case r == Hard:
		// Hard must come back sooner than Good would have (issue 11: "a
		// right one after a hint comes back sooner"). The formulas alone do
		// not promise it: on the same local day Hard and Good both keep S
		// (the same-day floor), so after a Good answer (S 2.31, 2 days) a
		// second answer that day would be due in 2 days either way; and
		// close stabilities round to the same day. Anki and go-fsrs push
		// Good up to Hard+1, which changes Good's intervals and breaks
		// py-fsrs's vectors (V1, V7), so Hard is pulled down instead.
		good, _ := s.memory(before, Good, now)
		c.Due = s.dueAfterDays(c.Stability, now, s.interval(s.intervalRaw(good))-1)
	default:
		c.Due = s.dueAfterDays(c.Stability, now, s.p.MaximumInterval)
	}
	c.LastReview = now
	c.Reps = inc(c.Reps)
	return c
}

// memory is the stability and difficulty after rating r at now. Elapsed
// time is whole local days since the last review; 0 days (the same local
// day) uses the short-term formula.
func (s *Scheduler) memory(c Card, r Rating, now time.Time) (stability, difficulty float64) {
	if c.State == New {
		return s.initialStability(r), s.initialDifficulty(r)
	}
	t := s.elapsedDays(c, now)
	switch {
	case t == 0:
		stability = s.shortTermStability(c.Stability, r)
	case r == Again:
		stability = s.forgetStability(c.Difficulty, c.Stability, s.retrievability(float64(t), c.Stability))
	default:
		stability = s.recallStability(c.Difficulty, c.Stability, s.retrievability(float64(t), c.Stability), r)
	}
	return clampStability(stability), s.nextDifficulty(c.Difficulty, r)
}

// stepAfter moves a card in learning or relearning through its steps as
// py-fsrs does: Again goes back to step 0; Hard repeats the step (at step
// 0, the mean of the first two steps, or 1.5x a single one); Good advances
// or graduates; Easy graduates. It returns the wait, or 0 once the card
// has graduated to Review.
func (s *Scheduler) stepAfter(c *Card, r Rating, steps []time.Duration) time.Duration {
	if len(steps) == 0 || (c.Step >= len(steps) && r != Again) {
		c.State, c.Step = Review, 0
		return 0
	}
	switch r {
	case Again:
		c.Step = 0
		return steps[0]
	case Hard:
		switch {
		case c.Step == 0 && len(steps) == 1:
			return steps[0] * 3 / 2
		case c.Step == 0:
			return (steps[0] + steps[1]) / 2
		}
		return steps[c.Step]
	case Good:
		if c.Step+1 < len(steps) {
			c.Step++
			return steps[c.Step]
		}
	}
	c.State, c.Step = Review, 0
	return 0
}

// dueAfterDays is the start of the local day the interval for stability
// lands on, fuzzed if the scheduler has a random source, at most limit
// days (and at least 1).
func (s *Scheduler) dueAfterDays(stability float64, now time.Time, limit int) time.Time {
	raw := s.intervalRaw(stability)
	ivl := s.interval(raw)
	if s.p.Fuzz != nil {
		ivl = fuzzedInterval(raw, s.p.Fuzz(), 1, s.p.MaximumInterval)
	}
	ivl = max(min(ivl, limit), 1)
	today := Day(now, s.p.Location)
	due := DayStart(today+ivl, s.p.Location)
	// Day and DayStart agree, so this holds for any ivl >= 1; the loop is
	// a guard against a zone whose rules repeat a date.
	for !due.After(now) {
		ivl++
		due = DayStart(today+ivl, s.p.Location)
	}
	return due
}

// elapsedDays is whole local days from the last review to now, 0 if the
// clock went back.
func (s *Scheduler) elapsedDays(c Card, now time.Time) int {
	return max(Day(now, s.p.Location)-Day(c.LastReview, s.p.Location), 0)
}

// sane repairs a card that did not come from Review: an unknown state, or
// a non-finite stability or difficulty, makes it new again (its counts
// kept); other values are clamped into range.
func (s *Scheduler) sane(c Card) Card {
	if c.State < New || c.State > Relearning || !finite(c.Stability) || !finite(c.Difficulty) {
		return Card{Reps: max(c.Reps, 0), Lapses: max(c.Lapses, 0)}
	}
	if c.State != New {
		c.Stability = clampStability(c.Stability)
		c.Difficulty = clampDifficulty(c.Difficulty)
	}
	c.Step = max(c.Step, 0)
	c.Reps, c.Lapses = max(c.Reps, 0), max(c.Lapses, 0)
	return c
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// inc adds one without wrapping past the largest int.
func inc(n int) int {
	if n == math.MaxInt {
		return n
	}
	return n + 1
}
