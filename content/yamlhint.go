package content

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
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
	case strings.Contains(msg, "control characters are not allowed"):
		hint = "an invisible control character (an escape, a bell, ...) in the text: delete it"
		for i, l := range lines {
			if strings.IndexFunc(l, isControl) >= 0 {
				line = i + 1
				break
			}
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

// recoverYAML guesses a repair of the line a syntax error was reported at
// and parses again, a few times at most; it returns the document's root
// when that works, nil when it does not, and the lines it rewrote. Line
// numbers are kept: a line is rewritten, never added or removed.
func recoverYAML(src []byte, line int, msg string) (*yaml.Node, []int) {
	lines := strings.Split(string(src), "\n")
	var repaired []int
	for range 3 {
		if line < 1 || line > len(lines) || slices.Contains(repaired, line) {
			return nil, nil
		}
		repaired = append(repaired, line)
		lines[line-1] = repairLine(lines, line-1, msg)
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines, "\n")), &doc)
		if err == nil {
			if len(doc.Content) == 0 {
				return nil, nil
			}
			return doc.Content[0], repaired
		}
		var l int
		l, msg = yamlErrorLine(err)
		line, _ = yamlHint([]byte(strings.Join(lines, "\n")), l, msg)
	}
	return nil, nil
}

// repairLine rewrites "KEY: TEXT" (or "- KEY: TEXT") with TEXT quoted, so
// a colon or reserved character in it is text; for a tab or an
// indentation mistake the line is also lined up with the line before it
// (under it, when that line opens a block). Anything else becomes blank.
func repairLine(lines []string, i int, msg string) string {
	l := strings.TrimRight(lines[i], "\r")
	t := strings.TrimLeft(l, " \t")
	indent := l[:len(l)-len(t)]
	if strings.Contains(indent, "\t") || strings.Contains(msg, "indentation") ||
		strings.Contains(msg, "expected key") || strings.Contains(msg, "expected '-'") {
		indent = ""
		for j := i - 1; j >= 0; j-- {
			p := strings.TrimRight(lines[j], " \r")
			pt := strings.TrimLeft(p, " ")
			if pt == "" || strings.HasPrefix(pt, "#") {
				continue
			}
			indent = p[:len(p)-len(pt)]
			if strings.HasPrefix(pt, "- ") {
				indent += "  "
			}
			if strings.HasSuffix(pt, ":") {
				indent += "  "
			}
			break
		}
	}
	dash := ""
	if rest, ok := strings.CutPrefix(t, "- "); ok {
		dash, t = "- ", rest
	}
	key, value, ok := strings.Cut(t, ": ")
	value = strings.TrimSpace(value)
	if !ok || key == "" || strings.ContainsAny(key, "\"'{[") {
		return ""
	}
	if value == "" || strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") {
		return indent + dash + key + ":" + " " + value
	}
	return indent + dash + key + ": " + strconv.Quote(value)
}

// isControl is a character YAML refuses in a file: C0 and C1 controls and
// DEL, but not tab, line feed or carriage return.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}
