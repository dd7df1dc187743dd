package content

import (
	"slices"
	"testing"
)

func kindQuestions() map[Kind]*Question {
	return map[Kind]*Question{
		Single:    {Kind: Single, Options: []Option{{Text: "a"}, {Text: "b", Correct: true}, {Text: "c"}}},
		Multi:     {Kind: Multi, Options: []Option{{Text: "a", Correct: true}, {Text: "b"}, {Text: "c", Correct: true}}},
		TrueFalse: {Kind: TrueFalse, Answer: false},
		Typed:     {Kind: Typed, Accept: []string{"GET", "get request"}},
		Order:     {Kind: Order, Items: []string{"x", "y", "z"}},
	}
}

// ParseLine reads screen positions through the shuffle, and what it reads
// grades as the same answer given on the full screen would.
func TestParseLinePerKind(t *testing.T) {
	qs := kindQuestions()
	shuffle := []int{2, 0, 1} // screen 1 is index 2, screen 2 is index 0, screen 3 is index 1
	cases := []struct {
		kind  Kind
		line  string
		right bool
		given []string
	}{
		{Single, "3", true, []string{"b"}},
		{Single, " 1 ", false, []string{"c"}},
		{Multi, "1, 2", true, []string{"c", "a"}},
		{Multi, "2 2 1", true, []string{"a", "c"}},
		{Multi, "2", false, []string{"a"}},
		{TrueFalse, "f", true, []string{"False"}},
		{TrueFalse, "FALSE", true, []string{"False"}},
		{TrueFalse, "2", true, []string{"False"}},
		{TrueFalse, "t", false, []string{"True"}},
		{TrueFalse, "1", false, []string{"True"}},
		{Typed, "  get  Request. ", true, []string{"get  Request."}},
		{Typed, "post", false, []string{"post"}},
		{Order, "2 3 1", true, []string{"x", "y", "z"}},
		{Order, "1,2,3", false, []string{"z", "x", "y"}},
	}
	for _, c := range cases {
		q := qs[c.kind]
		r, err := q.ParseLine(c.line, shuffle)
		if err != nil {
			t.Errorf("%s %q: %v", c.kind, c.line, err)
			continue
		}
		if got := q.Grade(r); got != c.right {
			t.Errorf("%s %q: right = %v, want %v", c.kind, c.line, got, c.right)
		}
		if got := q.Given(r); !slices.Equal(got, c.given) {
			t.Errorf("%s %q: given %q, want %q", c.kind, c.line, got, c.given)
		}
	}
}

func TestParseLineRefuses(t *testing.T) {
	qs := kindQuestions()
	shuffle := []int{2, 0, 1}
	for _, c := range []struct {
		kind Kind
		line string
	}{
		{Single, "4"}, {Single, "0"}, {Single, "1 2"}, {Single, "b"},
		{Multi, "x"}, {Multi, ""}, {Multi, "1 9"},
		{TrueFalse, "yes"}, {TrueFalse, "3"},
		{Typed, "   "},
		{Order, "1 2"}, {Order, "1 1 2"}, {Order, "1 2 3 4"}, {Order, "3 2 1 1"},
	} {
		if r, err := qs[c.kind].ParseLine(c.line, shuffle); err == nil {
			t.Errorf("%s %q: accepted as %+v, want an error", c.kind, c.line, r)
		}
	}
}

func TestParseLineCutsLongText(t *testing.T) {
	q := kindQuestions()[Typed]
	long := ""
	for range 300 {
		long += "é"
	}
	r, err := q.ParseLine(long, nil)
	if err != nil || len([]rune(r.Text)) != MaxTyped {
		t.Fatalf("got %d runes, err %v; want %d", len([]rune(r.Text)), err, MaxTyped)
	}
}

// The answer in words follows the screen's order for options, and file
// order for an order question's items.
func TestRightAnswerInScreenOrder(t *testing.T) {
	qs := kindQuestions()
	if got := qs[Multi].RightAnswer([]int{2, 1, 0}); !slices.Equal(got.Items, []string{"c", "a"}) || got.Lead != "The answer" || got.Numbered {
		t.Errorf("multi: %+v", got)
	}
	if got := qs[Order].RightAnswer([]int{2, 1, 0}); !slices.Equal(got.Items, []string{"x", "y", "z"}) || !got.Numbered {
		t.Errorf("order: %+v", got)
	}
	if got := qs[TrueFalse].RightAnswer(nil); !slices.Equal(got.Items, []string{"False"}) {
		t.Errorf("truefalse: %+v", got)
	}
	if got := (&Question{Kind: "nonsense"}); got.Grade(Response{}) || got.Choices(nil) != nil || got.ShuffleSize() != 0 {
		t.Errorf("an unknown kind answers something")
	}
}

// FuzzParseLine: whatever a line holds, reading it as an answer to any
// kind never panics, and what it accepts is an answer of that kind's shape.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"1", "2, 3", "3 1 2", "t", "FALSE", "post", " 1,,2 ", "-1", "99999999999999999999", "1 1 1", "é\x00\xff"} {
		f.Add(s)
	}
	qs := kindQuestions()
	shuffle := []int{2, 0, 1}
	f.Fuzz(func(t *testing.T, line string) {
		for kind, q := range qs {
			r, err := q.ParseLine(line, shuffle)
			if err != nil {
				continue
			}
			q.Grade(r)
			given := q.Given(r)
			switch q.Input() {
			case PickOne:
				if len(given) != 1 {
					t.Fatalf("%s %q: given %q", kind, line, given)
				}
			case PickMany:
				if len(given) == 0 || len(given) > len(q.Options) {
					t.Fatalf("%s %q: given %q", kind, line, given)
				}
			case Arrange:
				got := slices.Clone(given)
				slices.Sort(got)
				want := slices.Clone(q.Items)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("%s %q: given %q is not the items rearranged", kind, line, given)
				}
			case Text:
				if r.Text == "" || len([]rune(r.Text)) > MaxTyped {
					t.Fatalf("%s %q: text %q", kind, line, r.Text)
				}
			}
		}
	})
}
