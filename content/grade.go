package content

import (
	"math/rand/v2"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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

// Normalize folds a typed answer for comparison: compatibility forms
// unified (NFKC), surrounding space trimmed, lower case, runs of
// whitespace collapsed to one space, and one final '.', ';' or '。'
// dropped (so "SELECT * FROM t;" matches "select * from t").
//
// NFKC is what a Japanese keyboard needs: an IME types full-width digits
// and Latin letters ("２００", "ＧＥＴ"), and half-width katakana ("ｻｰﾊﾞｰ")
// or a kana with a separate voicing mark ("カ\u3099") are the same word
// as "サーバー" and "ガ"; NFKC maps each to the usual form. It is applied
// again after lower-casing, which can leave a string that is not NFKC, so
// that Normalize stays idempotent.
func Normalize(s string) string {
	s = norm.NFKC.String(strings.ToLower(norm.NFKC.String(s)))
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
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
	for _, mark := range []string{".", ";", "。"} {
		if t, ok := strings.CutSuffix(s, mark); ok {
			return strings.TrimSpace(t), true
		}
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
