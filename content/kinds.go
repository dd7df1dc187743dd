package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Each question kind has one home: a small type below that knows the kind's
// fields in a quiz file, the choices it shows, how a response is read from
// the screen or from a typed line, how it is checked, and how an answer is
// put in words. The full-screen quiz, line mode and the grader all ask the
// question (the exported methods at the end), never switch on its Kind.

// Input is how a learner answers a kind of question. The UIs map it to keys
// (full screen) or to what may be typed (line mode).
type Input int

// The ways to answer.
const (
	PickOne  Input = iota // single, truefalse: one of the choices
	PickMany              // multi: any number of the choices
	Arrange               // order: every item, in the learner's order
	Text                  // typed: a short text
)

// MaxTyped bounds a typed answer: a pasted essay is cut, not stored whole.
const MaxTyped = 200

// Choice is one line a question shows, in screen order: its text, the index
// in the content file it stands for (truefalse: 1 is True, 0 is False), and
// a letter that also picks it ("t" and "f" for truefalse, else "").
type Choice struct {
	Text  string
	Index int
	Key   string
}

// AnswerText is a question's right answer in words: a lead ("The answer",
// "The right order") and the items, in the order the screen showed them.
// Numbered: the items are a sequence, shown one a line with numbers.
type AnswerText struct {
	Lead     string
	Items    []string
	Numbered bool
}

// kind is everything one question kind knows.
type kind interface {
	label() string
	input() Input
	fields() []string // its answer fields in a quiz file
	load(q *Question, m *mapping, c *collector)
	shuffleSize(q *Question) int
	// choices in screen order; shuffle maps screen position to index (for
	// order, it is the learner's current arrangement)
	choices(q *Question, shuffle []int) []Choice
	respond(q *Question, picked []int, text string) (Response, bool)
	grade(q *Question, r Response) bool
	given(q *Question, r Response) []string
	answer(q *Question, shuffle []int) AnswerText
	right(q *Question, index int) bool
}

var kinds = map[Kind]kind{
	Single:    single{},
	Multi:     multi{},
	TrueFalse: trueFalse{},
	Typed:     typed{},
	Order:     order{},
}

// rules is the question's kind; an unknown kind (never loaded: validation
// refuses it) answers nothing and grades nothing right.
func (q *Question) rules() kind {
	if k, ok := kinds[q.Kind]; ok {
		return k
	}
	return unknown{}
}

// ---- single and multi: options, some of them correct ----

type choiceKind struct{}

func (choiceKind) fields() []string { return []string{"options"} }

func (choiceKind) shuffleSize(q *Question) int { return len(q.Options) }

func (choiceKind) choices(q *Question, shuffle []int) []Choice {
	out := make([]Choice, 0, len(q.Options))
	for _, i := range screenOrder(shuffle, len(q.Options)) {
		out = append(out, Choice{Text: q.Options[i].Text, Index: i})
	}
	return out
}

func (choiceKind) given(q *Question, r Response) []string {
	var out []string
	for _, i := range r.Chosen {
		if validIndex(i, len(q.Options)) {
			out = append(out, q.Options[i].Text)
		}
	}
	return out
}

func (choiceKind) answer(q *Question, shuffle []int) AnswerText {
	var items []string
	for _, i := range screenOrder(shuffle, len(q.Options)) {
		if q.Options[i].Correct {
			items = append(items, q.Options[i].Text)
		}
	}
	return AnswerText{Lead: "The answer", Items: items}
}

func (choiceKind) right(q *Question, i int) bool {
	return validIndex(i, len(q.Options)) && q.Options[i].Correct
}

// loadOptions reads options and checks them; wrong says what is wrong
// with how many are correct ("" when nothing is).
func loadOptions(q *Question, m *mapping, c *collector, wrong func(correct int) string) {
	var taught bool
	q.Options, taught = parseOptions(m.file, m, c)
	if taught {
		return
	}
	correct := 0
	for _, o := range q.Options {
		if o.Correct {
			correct++
		}
	}
	if len(q.Options) < 2 {
		c.add(m.file, m.lineOf("options"), "a %s question needs at least 2 options", q.Kind)
	} else if msg := wrong(correct); msg != "" {
		c.add(m.file, m.lineOf("options"), "%s", msg)
	}
	checkUnique(m.file, m.lineOf("options"), "option", optionTexts(q.Options), c)
}

type single struct{ choiceKind }

func (single) label() string { return "Choose one answer" }
func (single) input() Input  { return PickOne }

func (single) load(q *Question, m *mapping, c *collector) {
	loadOptions(q, m, c, func(correct int) string {
		if correct != 1 {
			return fmt.Sprintf("a single question needs exactly one option with correct: true (found %d)", correct)
		}
		return ""
	})
}

func (single) respond(_ *Question, picked []int, _ string) (Response, bool) {
	if len(picked) != 1 {
		return Response{}, false
	}
	return Response{Chosen: picked[:1:1]}, true
}

func (single) grade(q *Question, r Response) bool {
	return len(r.Chosen) == 1 && validIndex(r.Chosen[0], len(q.Options)) && q.Options[r.Chosen[0]].Correct
}

type multi struct{ choiceKind }

func (multi) label() string { return "Tick every right answer" }
func (multi) input() Input  { return PickMany }

func (multi) load(q *Question, m *mapping, c *collector) {
	loadOptions(q, m, c, func(correct int) string {
		if correct == 0 {
			return "a multi question needs at least one option with correct: true"
		}
		return ""
	})
}

func (multi) respond(_ *Question, picked []int, _ string) (Response, bool) {
	if len(picked) == 0 {
		return Response{}, false
	}
	return Response{Chosen: append([]int(nil), picked...)}, true
}

func (multi) grade(q *Question, r Response) bool {
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
}

// ---- truefalse ----

type trueFalse struct{}

func (trueFalse) label() string                      { return "True or false?" }
func (trueFalse) input() Input                       { return PickOne }
func (trueFalse) fields() []string                   { return []string{"answer"} }
func (trueFalse) shuffleSize(*Question) int          { return 0 }
func (trueFalse) grade(q *Question, r Response) bool { return r.Bool == q.Answer }

func (trueFalse) load(q *Question, m *mapping, c *collector) {
	// yes/no/on/off/y/n are booleans to some YAML tools and text to
	// others: a truefalse answer must read the same to every reader.
	if a, ok := m.values["answer"]; ok && a.Kind == yaml.ScalarNode {
		switch w := strings.ToLower(strings.TrimSpace(a.Value)); w {
		case "yes", "no", "on", "off", "y", "n":
			c.add(m.file, a.Line, "answer must be true or false, not %q (YAML tools disagree on what %q means)", a.Value, a.Value)
			return
		}
	}
	v, ok := m.boolean("answer", c)
	if !ok && !m.has("answer") {
		c.add(m.file, m.line, "a truefalse question needs answer: true or answer: false")
	}
	q.Answer = v
}

func (trueFalse) choices(*Question, []int) []Choice {
	return []Choice{{Text: "True", Index: 1, Key: "t"}, {Text: "False", Index: 0, Key: "f"}}
}

func (trueFalse) respond(_ *Question, picked []int, _ string) (Response, bool) {
	if len(picked) != 1 {
		return Response{}, false
	}
	return Response{Bool: picked[0] == 1}, true
}

func (trueFalse) given(_ *Question, r Response) []string { return []string{boolWord(r.Bool)} }

func (trueFalse) answer(q *Question, _ []int) AnswerText {
	return AnswerText{Lead: "The answer", Items: []string{boolWord(q.Answer)}}
}

func (trueFalse) right(q *Question, i int) bool { return (i == 1) == q.Answer }

// ---- typed ----

type typed struct{}

func (typed) label() string                     { return "Type a short answer" }
func (typed) input() Input                      { return Text }
func (typed) fields() []string                  { return []string{"accept"} }
func (typed) shuffleSize(*Question) int         { return 0 }
func (typed) choices(*Question, []int) []Choice { return nil }
func (typed) right(*Question, int) bool         { return false }

func (typed) load(q *Question, m *mapping, c *collector) {
	q.Accept = m.strList("accept", c)
	if len(q.Accept) == 0 {
		c.add(m.file, m.lineOf("accept"), "a typed question needs a list of accepted answers (accept: [...])")
	}
	for _, a := range q.Accept {
		if Normalize(a) == "" {
			c.add(m.file, m.lineOf("accept"), "an accepted answer is empty")
		}
	}
}

func (typed) respond(_ *Question, _ []int, text string) (Response, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Response{}, false
	}
	return Response{Text: text}, true
}

func (typed) grade(q *Question, r Response) bool {
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
}

func (typed) given(_ *Question, r Response) []string { return []string{r.Text} }

func (typed) answer(q *Question, _ []int) AnswerText {
	return AnswerText{Lead: "The answer", Items: q.Accept[:min(1, len(q.Accept))]}
}

// ---- order ----

type order struct{}

func (order) label() string               { return "Put these in order" }
func (order) input() Input                { return Arrange }
func (order) fields() []string            { return []string{"items"} }
func (order) shuffleSize(q *Question) int { return len(q.Items) }
func (order) right(*Question, int) bool   { return false }

func (order) load(q *Question, m *mapping, c *collector) {
	q.Items = m.strList("items", c)
	if len(q.Items) < 3 || len(q.Items) > 6 {
		c.add(m.file, m.lineOf("items"), "an order question needs 3 to 6 items (found %d)", len(q.Items))
	}
	checkUnique(m.file, m.lineOf("items"), "item", q.Items, c)
}

func (order) choices(q *Question, arrangement []int) []Choice {
	out := make([]Choice, 0, len(q.Items))
	for _, i := range screenOrder(arrangement, len(q.Items)) {
		out = append(out, Choice{Text: q.Items[i], Index: i})
	}
	return out
}

func (order) respond(_ *Question, picked []int, _ string) (Response, bool) {
	return Response{Order: append([]int(nil), picked...)}, true
}

func (order) grade(q *Question, r Response) bool {
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

func (order) given(q *Question, r Response) []string {
	var out []string
	for _, i := range r.Order {
		if validIndex(i, len(q.Items)) {
			out = append(out, q.Items[i])
		}
	}
	return out
}

func (order) answer(q *Question, _ []int) AnswerText {
	return AnswerText{Lead: "The right order", Items: append([]string(nil), q.Items...), Numbered: true}
}

// ---- a kind the loader refused ----

type unknown struct{}

func (unknown) label() string                                     { return "" }
func (unknown) input() Input                                      { return PickOne }
func (unknown) fields() []string                                  { return nil }
func (unknown) load(*Question, *mapping, *collector)              {}
func (unknown) shuffleSize(*Question) int                         { return 0 }
func (unknown) choices(*Question, []int) []Choice                 { return nil }
func (unknown) respond(*Question, []int, string) (Response, bool) { return Response{}, false }
func (unknown) grade(*Question, Response) bool                    { return false }
func (unknown) given(*Question, Response) []string                { return nil }
func (unknown) answer(*Question, []int) AnswerText                { return AnswerText{} }
func (unknown) right(*Question, int) bool                         { return false }

// screenOrder is the shuffle when it is a whole one, else file order (a
// results screen without the shuffle, or a question changed since).
func screenOrder(shuffle []int, n int) []int {
	if len(shuffle) == n {
		return shuffle
	}
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

// ---- what the UIs and the grader call ----

// Label says what the question asks for, in words ("Choose one answer"); the
// UIs add how to do it with their keys or at their prompt.
func (q *Question) Label() string { return q.rules().label() }

// Input is how the question is answered.
func (q *Question) Input() Input { return q.rules().input() }

// ShuffleSize is how many things the question's shuffle permutes (options
// or items), 0 for a question that shows no shuffled list.
func (q *Question) ShuffleSize() int { return q.rules().shuffleSize(q) }

// Choices are the lines the question shows, in screen order: shuffle maps a
// screen position to an index in the file (for an order question, the
// learner's current arrangement). Nil for a typed question.
func (q *Question) Choices(shuffle []int) []Choice { return q.rules().choices(q, shuffle) }

// Respond turns what the learner did on screen into a Response: picked are
// file indexes (the choice under the cursor; the ticked ones in screen
// order; the items as arranged), text is a typed answer. False when there
// is nothing to submit yet (no tick, no text).
func (q *Question) Respond(picked []int, text string) (Response, bool) {
	return q.rules().respond(q, picked, text)
}

// Right says whether the choice with file index i is a right one (single,
// multi, truefalse); always false for kinds whose choices are not marked.
func (q *Question) Right(i int) bool { return q.rules().right(q, i) }

// Marked says whether choices get right/wrong marks after an answer (not
// an order question's items: only their order is right or wrong).
func (q *Question) Marked() bool { in := q.Input(); return in == PickOne || in == PickMany }

// GivenSeparator joins the words of a given answer on one line.
func (q *Question) GivenSeparator() string {
	if q.Input() == Arrange {
		return " → "
	}
	return " · "
}

// RightAnswer is the right answer in words, in screen order (shuffle as for
// Choices; nil for file order).
func (q *Question) RightAnswer(shuffle []int) AnswerText { return q.rules().answer(q, shuffle) }

// ParseLine reads an answer typed at a line prompt: the number of a choice
// (a truefalse question also takes t, f, true, false), several numbers
// separated by spaces or commas (multi), every item's number in the right
// order (order), or the text itself (typed). Numbers are screen positions
// from 1; shuffle is as for Choices. The error says what to type instead.
func (q *Question) ParseLine(line string, shuffle []int) (Response, error) {
	line = strings.TrimSpace(line)
	choices := q.Choices(shuffle)
	switch q.Input() {
	case Text:
		line = cutRunes(line, MaxTyped)
		if r, ok := q.Respond(nil, line); ok {
			return r, nil
		}
		return Response{}, fmt.Errorf("type your answer as text")
	case PickOne:
		for _, c := range choices {
			if c.Key != "" && (strings.EqualFold(line, c.Key) || strings.EqualFold(line, c.Text)) {
				return q.mustRespond([]int{c.Index})
			}
		}
		nums, err := positions(line, len(choices))
		if err != nil || len(nums) != 1 {
			return Response{}, fmt.Errorf("type one number, from 1 to %d%s", len(choices), keysWord(choices))
		}
		return q.mustRespond([]int{choices[nums[0]].Index})
	case PickMany:
		nums, err := positions(line, len(choices))
		if err != nil || len(nums) == 0 {
			return Response{}, fmt.Errorf("type the numbers of every right answer (1 to %d), separated by spaces or commas", len(choices))
		}
		seen := map[int]bool{}
		var picked []int
		for _, n := range nums {
			if !seen[n] {
				seen[n] = true
				picked = append(picked, choices[n].Index)
			}
		}
		return q.mustRespond(picked)
	case Arrange:
		nums, err := positions(line, len(choices))
		seen := map[int]bool{}
		for _, n := range nums {
			seen[n] = true
		}
		if err != nil || len(nums) != len(choices) || len(seen) != len(choices) {
			return Response{}, fmt.Errorf("type all %d numbers, each once, in the right order (for example: %s)", len(choices), exampleOrder(len(choices)))
		}
		picked := make([]int, len(nums))
		for i, n := range nums {
			picked[i] = choices[n].Index
		}
		return q.mustRespond(picked)
	}
	return Response{}, fmt.Errorf("this question cannot be answered")
}

func (q *Question) mustRespond(picked []int) (Response, error) {
	if r, ok := q.Respond(picked, ""); ok {
		return r, nil
	}
	return Response{}, fmt.Errorf("that is not an answer to this question")
}

// positions reads 1-based numbers separated by spaces or commas, each from
// 1 to n, as 0-based positions.
func positions(line string, n int) ([]int, error) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	out := make([]int, 0, len(fields))
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > n {
			return nil, fmt.Errorf("%q is not a number from 1 to %d", f, n)
		}
		out = append(out, v-1)
	}
	return out, nil
}

func keysWord(choices []Choice) string {
	var keys []string
	for _, c := range choices {
		if c.Key != "" {
			keys = append(keys, c.Key)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return ", or " + strings.Join(keys, " or ")
}

func exampleOrder(n int) string {
	nums := make([]string, n)
	for i := range nums {
		nums[i] = strconv.Itoa(n - i)
	}
	return strings.Join(nums, " ")
}

// cutRunes cuts s to at most n characters, as the full-screen text input
// does (its CharLimit counts runes).
func cutRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
