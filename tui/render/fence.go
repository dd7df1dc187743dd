package render

import "strings"

// fenceScanner follows fenced code blocks line by line, as CommonMark
// defines them: a fence is a run of at least three backticks or three
// tildes; a backtick fence's info string has no backtick; the block closes
// at a line holding only a run of the same character at least as long as
// the opening one, and an unclosed block runs to the end of the document.
// So ```` opens a block that ``` does not close, and ~~~ inside a backtick
// block is text. Indentation is not limited to three spaces: a fence inside
// a list item is indented under the item's text.
//
// It is the one place the markdown pre-processing (joining list lines,
// limiting nesting, cutting very long documents) learns where code is.
type fenceScanner struct {
	char byte // '`' or '~' while inside a block, 0 outside
	n    int  // length of the opening run
}

// line reports whether a line belongs to a fenced block (its fences
// included), and moves the scanner past it.
func (f *fenceScanner) line(line string) bool {
	t := strings.TrimLeft(line, " ")
	if f.char != 0 {
		if n := fenceRun(t, f.char); n >= f.n && strings.TrimRight(t[n:], " \t") == "" {
			f.char, f.n = 0, 0
		}
		return true
	}
	for _, c := range []byte{'`', '~'} {
		if n := fenceRun(t, c); n >= 3 && (c == '~' || !strings.Contains(t[n:], "`")) {
			f.char, f.n = c, n
			return true
		}
	}
	return false
}

// inside says whether the scanner is in an open block.
func (f *fenceScanner) inside() bool { return f.char != 0 }

// fenceRun is the length of the run of c that starts s.
func fenceRun(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}
