package content

import (
	"errors"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mapping is a YAML mapping node read key by key, so every problem can name
// the line of the offending key and unknown keys (typos) are reported.
type mapping struct {
	file   string
	line   int
	keys   map[string]*yaml.Node // key node, for its line
	values map[string]*yaml.Node
}

// parseYAML parses one YAML document. lineOffset is added to every line, for
// YAML that sits inside a bigger file (front matter).
func parseYAML(file string, src []byte, lineOffset int, c *collector) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		line, hint := yamlHint(src, line, msg)
		c.add(file, line+lineOffset, "invalid YAML: %s", hint)
		// One slip should not hide the file's other problems: where a
		// guess at the line (quote its text, line it up with the line
		// before) makes the rest parse, the rest is checked too.
		n, guessed := recoverYAML(src, line, msg)
		if n == nil {
			return nil, false
		}
		for i := range guessed {
			guessed[i] += lineOffset
		}
		c.guess(file, guessed)
		shiftLines(n, lineOffset)
		return n, true
	}
	if len(doc.Content) == 0 {
		c.add(file, 1+lineOffset, "empty YAML document")
		return nil, false
	}
	shiftLines(&doc, lineOffset)
	return doc.Content[0], true
}

// yamlErrorLine pulls "line N: msg" out of a yaml.v3 error.
func yamlErrorLine(err error) (int, string) {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ":"); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, strings.TrimSpace(tail)
			}
		}
	}
	return 1, msg
}

func shiftLines(n *yaml.Node, by int) {
	if by == 0 {
		return
	}
	var walk func(*yaml.Node, int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 64 {
			return
		}
		n.Line += by
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
}

// asMapping checks n is a mapping with only allowed keys.
func asMapping(file string, n *yaml.Node, what string, allowed []string, c *collector) (*mapping, bool) {
	if n.Kind != yaml.MappingNode {
		c.add(file, n.Line, "%s must be a mapping of key: value lines", what)
		return nil, false
	}
	m := &mapping{file: file, line: n.Line, keys: map[string]*yaml.Node{}, values: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(allowed, k.Value) {
			c.add(file, k.Line, "unknown field %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := m.keys[k.Value]; dup {
			c.add(file, k.Line, "field %q appears twice", k.Value)
			continue
		}
		m.keys[k.Value], m.values[k.Value] = k, v
	}
	return m, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lineOf is the line of a key if present, else of the mapping itself.
func (m *mapping) lineOf(key string) int {
	if k, ok := m.keys[key]; ok {
		return k.Line
	}
	return m.line
}

func (m *mapping) has(key string) bool { _, ok := m.values[key]; return ok }

// str reads a scalar string; required fields must be present and non-blank.
func (m *mapping) str(key string, required bool, c *collector) string {
	v, ok := m.values[key]
	if !ok {
		if required {
			c.add(m.file, m.line, "missing field %q", key)
		}
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		c.add(m.file, v.Line, "field %q must be text", key)
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if required && s == "" {
		c.add(m.file, v.Line, "field %q is empty", key)
	}
	return s
}

// text is str for a field that holds markdown (a prompt, an
// explanation, a lab's brief): its code blocks are checked against the
// authoring rules too, at their lines in the file.
func (m *mapping) text(key string, required bool, c *collector) string {
	s := m.str(key, required, c)
	if v := m.values[key]; s != "" && v.Kind == yaml.ScalarNode {
		lintMarkdown(m.file, s, textLine(v), c)
	}
	return s
}

// textLine is the file line where a scalar's text (trimmed, as str keeps
// it) starts: a block scalar's (| or >) starts on the line after its
// indicator, past any blank lines. In a literal block (|) the text's
// lines are the file's lines; a folded one (>) joins them, so a warning
// past its first paragraph may name a line a little early.
func textLine(v *yaml.Node) int {
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return v.Line
	}
	lead := v.Value[:len(v.Value)-len(strings.TrimLeft(v.Value, " \t\n"))]
	return v.Line + 1 + strings.Count(lead, "\n")
}

func (m *mapping) integer(key string, required bool, c *collector) (int, bool) {
	v, ok := m.values[key]
	if !ok {
		if required {
			c.add(m.file, m.line, "missing field %q", key)
		}
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if v.Kind != yaml.ScalarNode || err != nil {
		c.add(m.file, v.Line, "field %q must be a whole number, not %q", key, v.Value)
		return 0, false
	}
	return n, true
}

func (m *mapping) boolean(key string, c *collector) (bool, bool) {
	v, ok := m.values[key]
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(v.Value)) {
	case "true", "yes":
		return true, true
	case "false", "no":
		return false, true
	}
	c.add(m.file, v.Line, "field %q must be true or false, not %q", key, v.Value)
	return false, false
}

// seq reads a sequence node.
func (m *mapping) seq(key string, c *collector) ([]*yaml.Node, bool) {
	v, ok := m.values[key]
	if !ok {
		return nil, false
	}
	if v.Kind != yaml.SequenceNode {
		c.add(m.file, v.Line, "field %q must be a list", key)
		return nil, false
	}
	return v.Content, true
}

// strings reads a list of scalar strings.
func (m *mapping) strList(key string, c *collector) []string {
	items, ok := m.seq(key, c)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			c.add(m.file, it.Line, "each entry of %q must be text", key)
			continue
		}
		out = append(out, strings.TrimSpace(it.Value))
	}
	return out
}
