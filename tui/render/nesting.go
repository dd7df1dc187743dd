package render

import (
	"strings"

	"backend-tutor/content"
)

// Size limits. glamour's render time grows with the square of the number of
// blocks in a document: 8,000 one-line headings took 6 s, and a 1 MiB file
// of them would take minutes. A chapter longer than splitAbove lines (real
// chapters have a few hundred) is rendered in pieces of about pieceLines
// lines, cut only where a new top-level block starts, so the cost stays
// linear. Chapters below the limit render in one piece, exactly as written.
// Variables only so a test can render a split document without rendering a
// huge one.
var (
	splitAbove = 1500
	pieceLines = 120
)

// splitLarge cuts a very long document into pieces that can be rendered one
// after another; a normal chapter comes back whole.
func splitLarge(md string) []string {
	if strings.Count(md, "\n") < splitAbove {
		return []string{md}
	}
	lines := strings.Split(md, "\n")
	var pieces []string
	start := 0
	var fence content.Fence
	for i, line := range lines {
		wasInside := fence.Inside()
		if fence.Line(line) && wasInside {
			continue
		}
		size := i - start
		// A table row never starts a block, unless a blank line ended the
		// table before it (limitTables cuts long tables so).
		prevBlank := i > 0 && strings.TrimSpace(lines[i-1]) == ""
		if size < pieceLines || line == "" || line[0] == ' ' || line[0] == '|' && !prevBlank {
			continue
		}
		// A top-level block starts here: after a blank line, or a heading
		// or list item (a long list without blank lines would otherwise
		// never be cut); past four pieces' worth, any unindented line.
		if prevBlank || line[0] == '#' || markerLen(line) > 0 || size >= 4*pieceLines {
			pieces = append(pieces, strings.Join(lines[start:i], "\n")+"\n")
			start = i
		}
	}
	return append(pieces, strings.Join(lines[start:], "\n"))
}

// Nesting limits. Markdown renderers recurse once per level of quote or list;
// a hostile file of a few hundred nested levels made glamour take 40 s and
// 1.8 GB, and 50,000 nested quotes never finished. No real chapter needs more
// than a handful of levels, so deeper structure is flattened before rendering.
const (
	maxContainers = 8  // '>' quotes and list markers opening one line
	maxIndent     = 24 // leading spaces kept on a line outside code fences
)

// limitNesting flattens quote and list nesting beyond the limits. Text is
// never dropped: only the surplus markers and indentation before it.
func limitNesting(md string) string {
	lines := strings.Split(md, "\n")
	var fence content.Fence
	for i, line := range lines {
		if fence.Line(line) { // a fenced code block: leave it alone
			continue
		}
		lines[i] = limitLine(line)
	}
	return strings.Join(lines, "\n")
}

func limitLine(line string) string {
	var b strings.Builder
	containers, spaces, i := 0, 0, 0
	for i < len(line) {
		c := line[i]
		n := markerLen(line[i:])
		switch {
		case c == ' ':
			if spaces < maxIndent {
				b.WriteByte(' ')
			}
			spaces++
			i++
			continue
		case c == '>':
			n = 1
		case n == 0:
			b.WriteString(line[i:])
			return b.String()
		}
		if containers < maxContainers {
			b.WriteString(line[i : i+n])
		}
		containers++
		i += n
	}
	return b.String()
}

// markerLen is the length of a list marker ("- ", "* ", "+ ", "12. ",
// "3) ") at the start of s, or 0.
func markerLen(s string) int {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' {
		return 2
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && s[d+1] == ' ' {
		return d + 2
	}
	return 0
}
