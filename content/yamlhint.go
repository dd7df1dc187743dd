package content

import (
	"strings"
)

// yamlHint turns one of yaml.v3's terse syntax errors into what usually
// causes it, and picks the line to show the author. The parser reports the
// line where the enclosing block starts for an indentation mistake (a key
// one space short is reported at its parent), so for those the line shown
// is the first one whose indentation matches no open block. line is 1-based
// in src; the returned line is too.
func yamlHint(src []byte, line int, msg string) (int, string) {
	lines := strings.Split(string(src), "\n")
	at := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return strings.TrimRight(lines[n-1], "\r")
	}
	var hint string
	switch {
	case strings.Contains(msg, "tab character") || strings.HasPrefix(strings.TrimLeft(at(line), " "), "\t"):
		hint = "a tab in the indentation: YAML indents with spaces only"
		if n := firstTabIndent(lines); n > 0 {
			line = n
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = `usually a colon followed by a space inside unquoted text: put the text in quotes ("..." or '...'), or indent it if it was meant as a key`
	case strings.Contains(msg, "cannot start any token"):
		hint = "text that starts with a character YAML reserves (` @ % | > * & ! etc.): put the text in quotes"
	case strings.Contains(msg, "did not find expected key"),
		strings.Contains(msg, "did not find expected '-' indicator"),
		strings.Contains(msg, "could not find expected ':'"),
		strings.Contains(msg, "block sequence entries are not allowed"),
		strings.Contains(msg, "did not find expected node content"):
		hint = "usually bad indentation: the keys of one mapping start in the same column, and so does each '- ' item of a list"
		if n := misindented(lines, line); n > 0 {
			line = n
		}
	case strings.Contains(msg, "did not find expected ',' or ']'"),
		strings.Contains(msg, "did not find expected ',' or '}'"):
		hint = "a [ or { list that is not closed on its line, or a comma or colon inside it: quote the items, or write one '- ' item a line"
	case strings.Contains(msg, "unexpected end of stream"):
		hint = "a quote that is never closed"
	default:
		hint = "usually bad indentation, a colon followed by a space in unquoted text, or a tab"
	}
	out := msg + " — " + hint
	if l := at(line); strings.TrimSpace(l) != "" {
		out += "; the line: " + l
	}
	if line < 1 {
		line = 1
	}
	return line, out
}

// firstTabIndent is the 1-based line of the first line indented with a tab,
// or 0.
func firstTabIndent(lines []string) int {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") && strings.TrimSpace(l) != "" {
			return i + 1
		}
	}
	return 0
}

// misindented finds the first line from `from` on whose indentation
// closes a block without landing on an open one: "   prompt:" under
// "  - id:" / "    kind:". A list item opens two columns, the '-' and its
// text. Lines inside a block scalar (| or >) are skipped. 0 when none is
// found.
func misindented(lines []string, from int) int {
	var open []int
	scalar := -1 // indentation of the line that opened a block scalar, or -1
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := len(l) - len(t)
		if scalar >= 0 && ind > scalar {
			continue
		}
		scalar = -1
		popped := false
		for len(open) > 0 && open[len(open)-1] > ind {
			open, popped = open[:len(open)-1], true
		}
		if popped && i+1 >= from && (len(open) == 0 || open[len(open)-1] != ind) {
			return i + 1
		}
		if len(open) == 0 || open[len(open)-1] < ind {
			open = append(open, ind)
		}
		for strings.HasPrefix(t, "- ") {
			rest := strings.TrimLeft(t[1:], " ")
			ind += len(t) - len(rest)
			t = rest
			open = append(open, ind)
		}
		if s := strings.TrimRight(t, " "); strings.HasSuffix(s, "|") || strings.HasSuffix(s, ">") ||
			strings.HasSuffix(s, "|-") || strings.HasSuffix(s, ">-") {
			scalar = ind
		}
	}
	return 0
}
