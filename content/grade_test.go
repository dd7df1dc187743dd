package content

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func opts(correct ...bool) []Option {
	out := make([]Option, len(correct))
	for i, c := range correct {
		out[i] = Option{Text: string(rune('A' + i)), Correct: c}
	}
	return out
}

func TestGradeSingle(t *testing.T) {
	q := &Question{Kind: Single, Options: opts(false, true, false)}
	cases := []struct {
		chosen []int
		want   bool
	}{
		{[]int{1}, true},
		{[]int{0}, false},
		{[]int{2}, false},
		{nil, false},
		{[]int{}, false},
		{[]int{1, 1}, false},
		{[]int{1, 0}, false},
		{[]int{3}, false},
		{[]int{-1}, false},
		{[]int{1 << 40}, false},
	}
	for _, c := range cases {
		if got := q.Grade(Response{Chosen: c.chosen}); got != c.want {
			t.Errorf("single Grade(%v) = %v, want %v", c.chosen, got, c.want)
		}
	}
}

func TestGradeMulti(t *testing.T) {
	q := &Question{Kind: Multi, Options: opts(true, false, true, false)}
	cases := []struct {
		chosen []int
		want   bool
	}{
		{[]int{0, 2}, true},
		{[]int{2, 0}, true},    // order of ticking does not matter
		{[]int{0, 2, 0}, true}, // the same tick twice is still the set {0,2}
		{[]int{0}, false},      // subset
		{[]int{2}, false},
		{[]int{0, 1, 2}, false}, // superset
		{[]int{0, 1, 2, 3}, false},
		{[]int{1, 3}, false},
		{nil, false},
		{[]int{0, 2, 4}, false}, // out of range
		{[]int{0, 2, -1}, false},
	}
	for _, c := range cases {
		if got := q.Grade(Response{Chosen: c.chosen}); got != c.want {
			t.Errorf("multi Grade(%v) = %v, want %v", c.chosen, got, c.want)
		}
	}
}

func TestGradeTrueFalse(t *testing.T) {
	for _, answer := range []bool{true, false} {
		q := &Question{Kind: TrueFalse, Answer: answer}
		if !q.Grade(Response{Bool: answer}) {
			t.Errorf("answer %v: right answer graded wrong", answer)
		}
		if q.Grade(Response{Bool: !answer}) {
			t.Errorf("answer %v: wrong answer graded right", answer)
		}
	}
}

func TestGradeTyped(t *testing.T) {
	q := &Question{Kind: Typed, Accept: []string{"full stack", "Full-Stack", "SELECT * FROM t;", "école"}}
	cases := []struct {
		text string
		want bool
	}{
		{"full stack", true},
		{"  Full  Stack. ", true},
		{"FULL\tSTACK", true},
		{"full \t \t stack", true},
		{"\n full stack \n", true},
		{"full stack;", true},
		{"full-stack", true},
		{"full stack..", false}, // one final '.' is forgiven, not two
		{"full stack;;", false},
		{"full stack.;", false},
		{"fullstack", false}, // not listed
		{"full stak", false},
		{"full stack developer", false},
		{"select * from t", true},
		{"SELECT  *  FROM  T;", true},
		{"ÉCOLE", true}, // unicode case folding
		{"École.", true},
		{"ecole", false}, // accents are not forgiven
		{"", false},
		{"   ", false},
		{".", false},
		{";", false},
	}
	for _, c := range cases {
		if got := q.Grade(Response{Text: c.text}); got != c.want {
			t.Errorf("typed Grade(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	// An empty answer never matches, even if an accepted answer normalises
	// to empty (the validator rejects those, but grading must not rely on it).
	bad := &Question{Kind: Typed, Accept: []string{"", " . "}}
	for _, text := range []string{"", " ", ".", "\t;"} {
		if bad.Grade(Response{Text: text}) {
			t.Errorf("empty answer %q graded right", text)
		}
	}
}

func TestGradeOrder(t *testing.T) {
	q := &Question{Kind: Order, Items: []string{"a", "b", "c", "d"}}
	cases := []struct {
		order []int
		want  bool
	}{
		{[]int{0, 1, 2, 3}, true},
		{[]int{1, 0, 2, 3}, false},
		{[]int{3, 2, 1, 0}, false},
		{[]int{0, 1, 2}, false},
		{[]int{0, 1, 2, 3, 4}, false},
		{[]int{0, 1, 2, 2}, false},
		{nil, false},
	}
	for _, c := range cases {
		if got := q.Grade(Response{Order: c.order}); got != c.want {
			t.Errorf("order Grade(%v) = %v, want %v", c.order, got, c.want)
		}
	}
}

func TestGradeUnknownKind(t *testing.T) {
	q := &Question{Kind: "essay"}
	if q.Grade(Response{Text: "anything", Bool: true, Chosen: []int{0}}) {
		t.Errorf("unknown kind graded right")
	}
	if q.Given(Response{Text: "x"}) != nil || q.CorrectAnswer() != nil {
		t.Errorf("unknown kind has words")
	}
}

func TestGivenAndCorrectAnswer(t *testing.T) {
	cases := []struct {
		name    string
		q       *Question
		r       Response
		given   []string
		correct []string
	}{
		{"single", &Question{Kind: Single, Options: opts(false, true, false)},
			Response{Chosen: []int{2}}, []string{"C"}, []string{"B"}},
		{"single out of range", &Question{Kind: Single, Options: opts(false, true)},
			Response{Chosen: []int{5, -1}}, nil, []string{"B"}},
		{"multi", &Question{Kind: Multi, Options: opts(true, false, true)},
			Response{Chosen: []int{1, 0, 9}}, []string{"B", "A"}, []string{"A", "C"}},
		{"truefalse true", &Question{Kind: TrueFalse, Answer: true},
			Response{Bool: false}, []string{"False"}, []string{"True"}},
		{"truefalse false", &Question{Kind: TrueFalse, Answer: false},
			Response{Bool: true}, []string{"True"}, []string{"False"}},
		{"typed", &Question{Kind: Typed, Accept: []string{"full stack", "fullstack"}},
			Response{Text: "  Full Stak "}, []string{"  Full Stak "}, []string{"full stack"}},
		{"order", &Question{Kind: Order, Items: []string{"x", "y", "z"}},
			Response{Order: []int{2, 0, 7, 1}}, []string{"z", "x", "y"}, []string{"x", "y", "z"}},
	}
	for _, c := range cases {
		if got := c.q.Given(c.r); !slices.Equal(got, c.given) {
			t.Errorf("%s: Given = %q, want %q", c.name, got, c.given)
		}
		if got := c.q.CorrectAnswer(); !slices.Equal(got, c.correct) {
			t.Errorf("%s: CorrectAnswer = %q, want %q", c.name, got, c.correct)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"Full Stack":        "full stack",
		"  full   stack  ":  "full stack",
		"full\t\tstack":     "full stack",
		"full \t\n stack":   "full stack",
		"full stack.":       "full stack",
		"full stack;":       "full stack",
		"full stack .":      "full stack",
		"full stack..":      "full stack..",
		"full stack;;":      "full stack;;",
		"full stack .;":     "full stack .;",
		"ÉCOLE":             "école",
		"ΣΟΦΊΑ":             "σοφία",
		"":                  "",
		"   ":               "",
		".":                 "",
		"a.b":               "a.b",
		"SELECT * FROM t ;": "select * from t",
		"\u00a0x\u3000":     "x", // unicode spaces count as space
		// what a Japanese IME types: full-width digits and letters,
		// half-width katakana, a voicing mark apart, the ideographic
		// space and full stop
		"２００":          "200",
		"ＧＥＴ":          "get",
		"ｻｰﾊﾞｰ":        "サーバー",
		"サーハ\u3099ー":   "サーバー",
		"データ。":         "データ",
		"データ\u3000ベース": "データ ベース",
	}
	for in, want := range cases {
		got := Normalize(in)
		if got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if again := Normalize(got); again != got {
			t.Errorf("Normalize not idempotent on %q: %q then %q", in, got, again)
		}
	}
}

func TestScore(t *testing.T) {
	cases := []struct{ right, total, want int }{
		{0, 0, 0},
		{3, 0, 0},
		{0, -1, 0},
		{0, 10, 0},
		{10, 10, 100},
		{7, 10, 70},
		{2, 3, 66}, // rounded down, not 67
		{1, 3, 33},
		{13, 14, 92},
		{69, 100, 69},
	}
	for _, c := range cases {
		if got := Score(c.right, c.total); got != c.want {
			t.Errorf("Score(%d, %d) = %d, want %d", c.right, c.total, got, c.want)
		}
	}
}

func TestPassed(t *testing.T) {
	q := &Quiz{PassMark: 70}
	if !q.Passed(70) {
		t.Errorf("70 with pass mark 70 did not pass")
	}
	if !q.Passed(Score(7, 10)) {
		t.Errorf("7 of 10 did not pass a 70%% quiz")
	}
	if q.Passed(69) || q.Passed(Score(2, 3)) {
		t.Errorf("69 / 2 of 3 passed a 70%% quiz")
	}
	if !q.Passed(100) || q.Passed(0) {
		t.Errorf("boundaries wrong")
	}
	full := &Quiz{PassMark: 100}
	if full.Passed(Score(13, 14)) || !full.Passed(Score(14, 14)) {
		t.Errorf("pass mark 100 wrong")
	}
}

func TestShuffle(t *testing.T) {
	for n := 0; n <= 1; n++ {
		p := Shuffle(n, rand.New(rand.NewPCG(1, 2)))
		if len(p) != n || (n == 1 && p[0] != 0) {
			t.Errorf("Shuffle(%d) = %v", n, p)
		}
	}
	for n := 2; n <= 10; n++ {
		seen := map[string]bool{}
		for seed := range uint64(500) {
			p := Shuffle(n, rand.New(rand.NewPCG(seed, uint64(n))))
			if len(p) != n {
				t.Fatalf("Shuffle(%d) has length %d", n, len(p))
			}
			sorted := slices.Sorted(slices.Values(p))
			identity := true
			for i, v := range sorted {
				if v != i {
					t.Fatalf("Shuffle(%d) = %v is not a permutation", n, p)
				}
				if p[i] != i {
					identity = false
				}
			}
			if identity {
				t.Fatalf("Shuffle(%d) seed %d returned the identity %v", n, seed, p)
			}
			seen[fmt.Sprint(p)] = true
		}
		// It really is random: for n=2 the one non-identity, for larger n many.
		if n == 2 && len(seen) != 1 || n == 3 && len(seen) != 5 || n >= 4 && len(seen) < 10 {
			t.Errorf("Shuffle(%d) produced only %d distinct permutations", n, len(seen))
		}
	}
}
