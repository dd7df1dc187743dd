package content

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// Response is what a learner answered. Indexes always refer to the order in
// the content file, never to the shuffled order on screen.
type Response struct {
	Chosen []int  // single (one index), multi (any number)
	Bool   bool   // truefalse
	Text   string // typed
	Order  []int  // order: item indexes in the order the learner put them
}

// Grade says whether r answers q correctly.
func (q *Question) Grade(r Response) bool { return q.rules().grade(q, r) }

func validIndex(i, n int) bool { return i >= 0 && i < n }

// Given describes a response in words, for the progress file and the
// results screen: option texts, the typed text, or the items in order.
func (q *Question) Given(r Response) []string { return q.rules().given(q, r) }

// CorrectAnswer is the right answer in words, in file order.
func (q *Question) CorrectAnswer() []string { return q.RightAnswer(nil).Items }

func boolWord(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// Normalize folds a typed answer for comparison: surrounding space trimmed,
// lower case, runs of whitespace collapsed to one space, and one final '.'
// or ';' dropped (so "SELECT * FROM t;" matches "select * from t").
func Normalize(s string) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	s = strings.ToLower(s)
	// Only a single final mark is dropped: "x.." stays as it is rather than
	// becoming "x.", which would normalise again to "x" (Normalize must be
	// idempotent, and two marks are not forgiven).
	if t, ok := dropFinalMark(s); ok {
		if _, again := dropFinalMark(t); !again {
			s = t
		}
	}
	return s
}

func dropFinalMark(s string) (string, bool) {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, ";") {
		return strings.TrimSpace(s[:len(s)-1]), true
	}
	return s, false
}

// Score is the percentage of right answers, rounded down.
func Score(right, total int) int {
	if total <= 0 {
		return 0
	}
	return right * 100 / total
}

// Passed says whether a score reaches the quiz's pass mark.
func (q *Quiz) Passed(score int) bool { return score >= q.PassMark }

// Shuffle returns a random permutation of 0..n-1. For n >= 2 it never
// returns the identity, so an order question never starts solved and a
// reshuffled retry really looks different.
func Shuffle(n int, rng *rand.Rand) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	if n < 2 {
		return p
	}
	for {
		rng.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
		for i, v := range p {
			if v != i {
				return p
			}
		}
	}
}
