package scheduler

import (
	"fmt"
	"math"
	"time"
)

// DefaultWeights are FSRS-6's 21 default parameters (py-fsrs
// DEFAULT_PARAMETERS; identical in fsrs-rs, go-fsrs v4 and ts-fsrs).
var DefaultWeights = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
	1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
}

// weightBounds are the [min, max] py-fsrs accepts for each weight.
var weightBounds = [21][2]float64{
	{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100}, {1, 10}, {0.001, 4}, {0.001, 4},
	{0.001, 0.75}, {0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5}, {0.001, 0.25}, {0.001, 0.9},
	{0, 4}, {0, 1}, {1, 6}, {0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8},
}

// Limits on the memory state (fsrs-rs simulation.rs) and the interval.
const (
	minStability  = 0.001
	maxStability  = 36500
	minDifficulty = 1
	maxDifficulty = 10
	// MaxInterval is the longest interval in days anywhere in FSRS.
	MaxInterval = 36500
	// DefaultDailyLimit is how many review answers a local day allows.
	DefaultDailyLimit = 20
)

// Params configures a Scheduler. Start from DefaultParams.
type Params struct {
	Weights          [21]float64
	DesiredRetention float64 // in (0, 1]; 0.9 by default, which makes the interval equal S
	MaximumInterval  int     // days, 1..36500

	// Steps of under a day while learning and after a lapse. The tutor
	// uses none (fsrs.md §5: it asks each item once per sitting, so a card
	// is in Review from its first answer); they exist for py-fsrs's
	// reference vectors, which use 1m, 10m and 10m.
	LearningSteps   []time.Duration
	RelearningSteps []time.Duration

	// DailyLimit caps review answers per local day (Queue). 0 allows none.
	DailyLimit int
	// Location is the learner's time zone for the 4 AM day rollover; nil
	// means UTC.
	Location *time.Location
	// Fuzz, if set, returns a number in [0, 1) used to spread intervals of
	// Review cards (Anki's fuzz). nil turns fuzz off, as in every test.
	Fuzz func() float64
}

// DefaultParams is FSRS-6 with default weights, retention 0.9, no steps,
// 20 reviews a day, UTC and no fuzz.
func DefaultParams() Params {
	return Params{
		Weights:          DefaultWeights,
		DesiredRetention: 0.9,
		MaximumInterval:  MaxInterval,
		DailyLimit:       DefaultDailyLimit,
	}
}

// Scheduler applies FSRS-6 to cards. It holds no clock: every time comes
// from its callers. It is safe for concurrent use if Fuzz is.
type Scheduler struct {
	p      Params
	decay  float64 // -w20
	factor float64 // 0.9^(1/decay) - 1, so that R(S, S) = 0.9
	d0Easy float64 // D0(Easy) unclamped, the target of mean reversion
}

// Configure checks p and returns a Scheduler. Weights outside py-fsrs's bounds,
// a retention outside (0, 1], a maximum interval outside 1..36500,
// non-positive steps or a negative daily limit are errors.
func Configure(p Params) (*Scheduler, error) {
	for i, w := range p.Weights {
		if b := weightBounds[i]; !(w >= b[0] && w <= b[1]) { // also rejects NaN
			return nil, fmt.Errorf("scheduler: weight w%d = %v is outside [%v, %v]", i, w, b[0], b[1])
		}
	}
	if !(p.DesiredRetention > 0 && p.DesiredRetention <= 1) {
		return nil, fmt.Errorf("scheduler: desired retention %v is outside (0, 1]", p.DesiredRetention)
	}
	if p.MaximumInterval < 1 || p.MaximumInterval > MaxInterval {
		return nil, fmt.Errorf("scheduler: maximum interval %d days is outside 1..%d", p.MaximumInterval, MaxInterval)
	}
	for _, steps := range [][]time.Duration{p.LearningSteps, p.RelearningSteps} {
		for _, d := range steps {
			if d <= 0 {
				return nil, fmt.Errorf("scheduler: step %v is not positive", d)
			}
		}
	}
	if p.DailyLimit < 0 {
		return nil, fmt.Errorf("scheduler: daily limit %d is negative", p.DailyLimit)
	}
	if p.Location == nil {
		p.Location = time.UTC
	}
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	s := &Scheduler{p: p, decay: -p.Weights[20]}
	s.factor = math.Pow(0.9, 1/s.decay) - 1
	s.d0Easy = s.initialDifficultyRaw(Easy)
	return s, nil
}

// Default returns the tutor's scheduler: DefaultParams in the learner's
// time zone loc (nil means UTC).
func Default(loc *time.Location) *Scheduler {
	p := DefaultParams()
	p.Location = loc
	s, err := Configure(p)
	if err != nil {
		panic(err) // DefaultParams is valid; TestDefaultParamsValid holds it so
	}
	return s
}

// Params returns the scheduler's configuration (a copy).
func (s *Scheduler) Params() Params {
	p := s.p
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	return p
}
