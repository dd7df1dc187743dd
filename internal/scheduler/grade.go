package scheduler

// Answer is how a quiz or review question was answered. A quiz has no
// self-rating ("how well did you know it?"), so the grade comes from what
// happened.
type Answer struct {
	Correct  bool // the answer given was right
	Hinted   bool // the hint was shown before answering
	Retried  bool // right only after a wrong try at the same question
	Revealed bool // the answer was given away (gave up, or a hint that states it)
}

// RatingFor grades an answer as fsrs.md §5 recommends: wrong or revealed
// is Again; right after a hint or a wrong first try is Hard, which is a
// pass (the Anki manual: Hard for a failure is the one habit FSRS cannot
// adapt to); right is Good. Easy is never given: D0(Easy) clamps to 1 and
// Easy multiplies S by w16 = 1.87, too much for a multiple-choice guess.
func RatingFor(a Answer) Rating {
	switch {
	case !a.Correct || a.Revealed:
		return Again
	case a.Hinted || a.Retried:
		return Hard
	}
	return Good
}
