package content

import "strings"

// The one place markdown's block structure is read outside the renderer:
// where fenced code blocks are and which lines are headings. The renderer's
// pre-processing (tui/render), the search index and outline
// (content/search), the authoring warnings and a lab hint's section check
// all ask here, so "# comment" in a shell block is a heading to none of them.

// Fence follows fenced code blocks line by line, as CommonMark defines
// them: a fence is a run of at least three backticks or three tildes; a
// backtick fence's info string has no backtick; the block closes at a line
// holding only a run of the same character at least as long as the opening
// one, and an unclosed block runs to the end of the document. So ````
// opens a block that ``` does not close, and ~~~ inside a backtick block is
// text. Indentation is not limited to three spaces: a fence inside a list
// item is indented under the item's text. The zero value is outside any
// block.
type Fence struct {
	char byte   // '`' or '~' while inside a block, 0 outside
	n    int    // length of the opening run
	info string // the open block's info string ("go", "sh"), trimmed
}

// Line reports whether a line belongs to a fenced block (its opening and
// closing fences included), and moves the scanner past it.
func (f *Fence) Line(line string) bool {
	t := strings.TrimLeft(line, " ")
	if f.char != 0 {
		if n := leadingRun(t, f.char); n >= f.n && strings.TrimRight(t[n:], " \t") == "" {
			*f = Fence{}
		}
		return true
	}
	// A fence may open a list item's text ("- ```sh", "1. ```go"): the
	// block is the item's. Read as text, its code lines were joined to
	// the item's line (the renderer's list pass) and the block showed
	// empty, and a "# comment" in it was a heading to the outline.
	t = afterListMarker(t)
	for _, c := range []byte{'`', '~'} {
		if n := leadingRun(t, c); n >= 3 && (c == '~' || !strings.Contains(t[n:], "`")) {
			*f = Fence{char: c, n: n, info: strings.TrimSpace(t[n:])}
			return true
		}
	}
	return false
}

// afterListMarker is t after one list item marker ("- ", "* ", "+ ",
// "1. ", "1) ") and the spaces after it; t itself when it opens no item.
// One marker only: a line of nested markers stays text, which the
// renderer's nesting limit sees.
func afterListMarker(t string) string {
	n := 0
	switch {
	case t == "":
		return t
	case t[0] == '-' || t[0] == '*' || t[0] == '+':
		n = 1
	default:
		for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(t) || t[n] != '.' && t[n] != ')' {
			return t
		}
		n++
	}
	if n >= len(t) || t[n] != ' ' {
		return t
	}
	return strings.TrimLeft(t[n:], " ")
}

// Inside says whether the scanner is in an open block.
func (f *Fence) Inside() bool { return f.char != 0 }

// Info is the open block's info string (its language), "" outside a block
// or when the fence names none.
func (f *Fence) Info() string { return f.info }

// Heading is an ATX heading ("## Cookies") of a markdown text.
type Heading struct {
	Line  int // 1-based line in the text
	Level int // 1 for #, 2 for ##, ...
	Text  string
}

// Headings lists the ATX headings of markdown text, in order, skipping
// fenced code blocks, where "# comment" is a shell comment, not a heading.
// A heading is 1 to 6 #s indented by at most three spaces and followed by
// a space, a tab or the end of the line; an optional closing run of #s
// after a space is not part of its text. (Setext headings, underlined with
// === or ---, are not used by the course.)
func Headings(text string) []Heading {
	var out []Heading
	var fence Fence
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n++
		if fence.Line(line) {
			continue
		}
		trimmed := strings.TrimLeft(line, " ")
		if len(line)-len(trimmed) > 3 {
			continue
		}
		level := leadingRun(trimmed, '#')
		if level < 1 || level > 6 || (len(trimmed) > level && trimmed[level] != ' ' && trimmed[level] != '\t') {
			continue
		}
		h := strings.TrimSpace(trimmed[level:])
		if t := strings.TrimRight(h, "#"); t != h && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
			h = strings.TrimSpace(t)
		}
		out = append(out, Heading{Line: n, Level: level, Text: h})
	}
	return out
}

// leadingRun is how many times c repeats at the start of s.
func leadingRun(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}
