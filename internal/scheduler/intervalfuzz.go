package scheduler

import "math"

// fuzzedInterval spreads an interval of ivl days so that cards learned
// together do not stay due together: Anki's with_review_fuzz
// (rslib/src/scheduler/states/fuzz.rs), f uniform in [0, 1). Anki floors
// where py-fsrs rounds (which can overshoot the range by a day; fsrs.md
// pitfall 8), so this follows Anki.
func fuzzedInterval(ivl, f float64, minimum, maximum int) int {
	minimum = min(minimum, maximum)
	ivl = min(max(ivl, float64(minimum)), float64(maximum))
	delta := fuzzDelta(ivl)
	lo := min(max(int(math.Round(ivl-delta)), minimum), maximum)
	hi := min(max(int(math.Round(ivl+delta)), minimum), maximum)
	if !(f >= 0 && f < 1) { // a bad random source must not leave the range
		f = 0
	}
	return int(math.Floor(float64(lo) + f*float64(hi-lo+1)))
}

// fuzzDelta is Anki's fuzz range: none under 2.5 days, then 15% of the
// days from 2.5 to 7, 10% from 7 to 20 and 5% above 20, plus one day.
func fuzzDelta(ivl float64) float64 {
	if ivl < 2.5 {
		return 0
	}
	return 1 + 0.15*max(min(ivl, 7)-2.5, 0) + 0.10*max(min(ivl, 20)-7, 0) + 0.05*max(ivl-20, 0)
}
