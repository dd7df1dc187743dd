package content

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"go.yaml.in/yaml/v3"
)

var questionFields = []string{"id", "kind", "prompt", "hint", "explanation", "options", "answer", "accept", "items"}

func parseQuiz(file string, src []byte, c *collector) *Quiz {
	node, ok := parseYAML(file, src, 0, c)
	if !ok {
		return nil
	}
	m, ok := asMapping(file, node, "quiz file", []string{"chapter", "pass_mark", "questions"}, c)
	if !ok {
		return nil
	}
	q := &Quiz{File: file, PassMark: DefaultPassMark, line: m.lineOf("chapter")}
	q.ChapterID = m.str("chapter", true, c)
	if pm, ok := m.integer("pass_mark", false, c); ok {
		if pm < 1 || pm > 100 {
			c.add(file, m.lineOf("pass_mark"), "pass_mark must be between 1 and 100, not %d", pm)
		}
		q.PassMark = pm
	}
	items, ok := m.seq("questions", c)
	if !ok {
		c.add(file, m.lineOf("questions"), "missing list of questions")
		return nil
	}
	if len(items) == 0 {
		c.add(file, m.lineOf("questions"), "the quiz has no questions")
	}
	if len(items) > maxQuestions {
		c.add(file, m.lineOf("questions"), "too many questions (%d; the limit is %d)", len(items), maxQuestions)
		return nil
	}
	for _, it := range items {
		if qu := parseQuestion(file, it, c); qu != nil {
			q.Questions = append(q.Questions, qu)
		}
	}
	if q.ChapterID == "" {
		return nil
	}
	return q
}

func parseQuestion(file string, n *yaml.Node, c *collector) *Question {
	m, ok := asMapping(file, n, "question", questionFields, c)
	if !ok {
		return nil
	}
	q := &Question{File: file, Line: n.Line}
	q.ID = m.str("id", true, c)
	if q.ID != "" && !idPattern.MatchString(q.ID) {
		c.add(file, m.lineOf("id"), "question id %q must be lowercase letters, digits and '-'", q.ID)
	}
	q.Kind = Kind(m.str("kind", true, c))
	q.Prompt = m.text("prompt", true, c)
	q.Hint = m.text("hint", false, c)
	q.Explanation = m.text("explanation", true, c)

	// Fields that belong to another kind are a mistake worth reporting: an
	// author who wrote `answer:` on a single question meant something.
	k, known := kinds[q.Kind]
	if !known && q.Kind != "" {
		c.add(file, m.lineOf("kind"), "unknown kind %q (use one of: single, multi, truefalse, typed, order)", q.Kind)
		return nil
	}
	for _, f := range []string{"options", "answer", "accept", "items"} {
		if m.has(f) && known && !contains(k.fields(), f) {
			c.add(file, m.lineOf(f), "field %q does not belong to a %s question", f, q.Kind)
		}
	}
	if known {
		k.load(q, m, c)
	}
	q.Hash = questionHash(q)
	return q
}

// optionsHelp is how to write options, for an author who wrote them as
// plain text (options: [A, B, C]).
const optionsHelp = `options are written one a line, each as "- text: ...", with "correct: true" under the right ones ` +
	`(options: [A, B, C] or "- A" gives no way to mark the right answer)`

// parseOptions reads a question's options. taught is true when they were
// written as plain text: that gets one message saying how to write them,
// and nothing more is said about them.
func parseOptions(file string, m *mapping, c *collector) (out []Option, taught bool) {
	items, ok := m.seq("options", c)
	if !ok {
		return nil, false
	}
	for _, it := range items {
		if it.Kind == yaml.ScalarNode {
			c.add(file, m.lineOf("options"), "%s", optionsHelp)
			return nil, true
		}
	}
	if len(items) > maxOptions {
		c.add(file, m.lineOf("options"), "too many options (%d; the limit is %d)", len(items), maxOptions)
		return nil, false
	}
	for _, it := range items {
		om, ok := asMapping(file, it, "option", []string{"text", "correct"}, c)
		if !ok {
			continue
		}
		o := Option{Text: om.str("text", true, c)}
		o.Correct, _ = om.boolean("correct", c)
		out = append(out, o)
	}
	return out, false
}

func optionTexts(os []Option) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.Text
	}
	return out
}

func checkUnique(file string, line int, what string, list []string, c *collector) {
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] && s != "" {
			c.add(file, line, "two %ss have the same text %q", what, s)
		}
		seen[s] = true
	}
}

// questionHash fingerprints what a learner sees and what counts as right, so
// progress can tell an answer given to an older version of the question.
func questionHash(q *Question) string {
	h := sha256.New()
	parts := []string{string(q.Kind), q.Prompt}
	for _, o := range q.Options {
		parts = append(parts, o.Text, boolStr(o.Correct))
	}
	parts = append(parts, boolStr(q.Answer))
	parts = append(parts, q.Accept...)
	parts = append(parts, q.Items...)
	h.Write([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
