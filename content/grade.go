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
func (q *Question) Grade(r Response) bool {
	switch q.Kind {
	case Single:
		return len(r.Chosen) == 1 && validIndex(r.Chosen[0], len(q.Options)) && q.Options[r.Chosen[0]].Correct
	case Multi:
		picked := map[int]bool{}
		for _, i := range r.Chosen {
			if !validIndex(i, len(q.Options)) {
				return false
			}
			picked[i] = true
		}
		for i, o := range q.Options {
			if o.Correct != picked[i] {
				return false
			}
		}
		return true
	case TrueFalse:
		return r.Bool == q.Answer
	case Typed:
		got := Normalize(r.Text)
		if got == "" {
			return false
		}
		for _, a := range q.Accept {
			if Normalize(a) == got {
				return true
			}
		}
		return false
	case Order:
		if len(r.Order) != len(q.Items) {
			return false
		}
		for pos, i := range r.Order {
			if i != pos {
				return false
			}
		}
		return true
	}
	return false
}

func validIndex(i, n int) bool { return i >= 0 && i < n }

// Given describes a response in words, for the progress file and the
// results screen: option texts, the typed text, or the items in order.
func (q *Question) Given(r Response) []string {
	var out []string
	switch q.Kind {
	case Single, Multi:
		for _, i := range r.Chosen {
			if validIndex(i, len(q.Options)) {
				out = append(out, q.Options[i].Text)
			}
		}
	case TrueFalse:
		out = []string{boolWord(r.Bool)}
	case Typed:
		out = []string{r.Text}
	case Order:
		for _, i := range r.Order {
			if validIndex(i, len(q.Items)) {
				out = append(out, q.Items[i])
			}
		}
	}
	return out
}

// CorrectAnswer is the right answer in words, shown after a question.
func (q *Question) CorrectAnswer() []string {
	switch q.Kind {
	case Single, Multi:
		var out []string
		for _, o := range q.Options {
			if o.Correct {
				out = append(out, o.Text)
			}
		}
		return out
	case TrueFalse:
		return []string{boolWord(q.Answer)}
	case Typed:
		return q.Accept[:1]
	case Order:
		return q.Items
	}
	return nil
}

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
