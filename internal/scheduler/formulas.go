package scheduler

import "math"

// The FSRS-6 formulas, written as in fsrs.md §2 (read from py-fsrs 6.3.1,
// fsrs-rs 6.6.1, go-fsrs v4 and ts-fsrs 5.4.1). Everything is float64 and
// stored unrounded (rounding stalled Anki near S = 0.001, anki#3975).

// retrievability is R(t, S): the chance of recall t days after the last
// review. R(S, S) = 0.9 exactly.
func (s *Scheduler) retrievability(t, stability float64) float64 {
	return math.Pow(1+s.factor*t/stability, s.decay)
}

func (s *Scheduler) initialStability(g Rating) float64 {
	return max(s.p.Weights[g-1], minStability)
}

func (s *Scheduler) initialDifficultyRaw(g Rating) float64 {
	w := &s.p.Weights
	return w[4] - math.Exp(w[5]*float64(g-1)) + 1
}

func (s *Scheduler) initialDifficulty(g Rating) float64 {
	return clampDifficulty(s.initialDifficultyRaw(g))
}

// nextDifficulty: a linear step damped towards 10, then mean reversion to
// the UNCLAMPED D0(Easy) (go-fsrs v3.3.1 clamped it; fsrs.md pitfall 4).
func (s *Scheduler) nextDifficulty(d float64, g Rating) float64 {
	return clampDifficulty(s.meanReversion(s.dampedDifficulty(d, g)))
}

// dampedDifficulty is D after the grade's step, the step shrinking as D
// nears 10 (fsrs-rs "linear damping").
func (s *Scheduler) dampedDifficulty(d float64, g Rating) float64 {
	delta := -s.p.Weights[6] * float64(g-3)
	return d + delta*(10-d)/9
}

// meanReversion pulls D a little (w7) towards D0(Easy).
func (s *Scheduler) meanReversion(d float64) float64 {
	w7 := s.p.Weights[7]
	return w7*s.d0Easy + (1-w7)*d
}

// recallStability is S' after a pass (Hard, Good, Easy) at least a day on.
func (s *Scheduler) recallStability(d, stability, r float64, g Rating) float64 {
	w := &s.p.Weights
	hard, easy := 1.0, 1.0
	if g == Hard {
		hard = w[15]
	}
	if g == Easy {
		easy = w[16]
	}
	return stability * (1 + math.Exp(w[8])*(11-d)*math.Pow(stability, -w[9])*(math.Exp(w[10]*(1-r))-1)*hard*easy)
}

// forgetStability is S' after Again at least a day on, capped so a lapse
// never raises S (py-fsrs, fsrs-rs: S / e^(w17*w18)).
func (s *Scheduler) forgetStability(d, stability, r float64) float64 {
	w := &s.p.Weights
	long := w[11] * math.Pow(d, -w[12]) * (math.Pow(stability+1, w[13]) - 1) * math.Exp(w[14]*(1-r))
	return min(long, stability/math.Exp(w[17]*w[18]))
}

// shortTermStability is S' for a review on the same day as the last one.
// A pass never lowers S: the floor applies from Hard up, as in fsrs-rs,
// ts-fsrs, go-fsrs v4 and py-fsrs >= 6.3.2 (older py-fsrs floored from
// Good; fsrs.md pitfall 3, vector V4).
func (s *Scheduler) shortTermStability(stability float64, g Rating) float64 {
	w := &s.p.Weights
	inc := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(stability, -w[19])
	if g >= Hard {
		inc = max(inc, 1)
	}
	return stability * inc
}

// intervalRaw is the unrounded interval in days at which R falls to the
// desired retention (= S when it is 0.9).
func (s *Scheduler) intervalRaw(stability float64) float64 {
	return stability / s.factor * (math.Pow(s.p.DesiredRetention, 1/s.decay) - 1)
}

// interval rounds half away from zero (Go's math.Round, as Rust and Anki;
// Python rounds half to even, so py-fsrs may rarely differ by a day) and
// keeps the result in 1..MaximumInterval.
func (s *Scheduler) interval(raw float64) int {
	return int(min(max(math.Round(raw), 1), float64(s.p.MaximumInterval)))
}

func clampStability(v float64) float64 { return min(max(v, minStability), maxStability) }
func clampDifficulty(v float64) float64 {
	return min(max(v, minDifficulty), maxDifficulty)
}
