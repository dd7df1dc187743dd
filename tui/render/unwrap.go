package render

import (
	"strings"

	"backend-tutor/content"
)

// joinListLines puts each list item's text on one source line before
// rendering. glamour keeps a line break inside a list item as a hard break,
// so an item written over two source lines came out ragged ("…for a bit" /
// "and continues…"), worse the narrower the window. Paragraphs need nothing:
// glamour already joins their lines. Only lines that continue an item's text
// are joined; a nested item, a heading, a quote, a table, a fence or a blank
// line ends the item's text, and code fences are never touched.
func joinListLines(md string) string {
	lines := strings.Split(md, "\n")
	out := lines[:0]
	inItem := false
	var fence content.Fence
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence.Line(line):
			inItem = false
		case trimmed == "":
			inItem = false
		case markerLen(trimmed) > 0:
			inItem = true
		case inItem && continuesText(trimmed) && !hardBreak(out[len(out)-1]):
			out[len(out)-1] += " " + trimmed
			continue
		default:
			inItem = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// continuesText says whether a line (leading spaces removed) is more of the
// same text rather than the start of another block.
func continuesText(t string) bool {
	switch t[0] {
	case '#', '>', '|', '<':
		return false
	}
	if strings.Trim(t, "-= ") == "" { // a rule or a setext underline
		return false
	}
	return true
}

// hardBreak says whether a line ends in a markdown hard line break.
func hardBreak(line string) bool {
	return strings.HasSuffix(line, "  ") || strings.HasSuffix(line, "\\")
}

// renderedMarker is the width of the bullet ("• ") or number ("12. ") that
// starts a rendered list item, or 0.
func renderedMarker(text string) int {
	if strings.HasPrefix(text, "• ") {
		return 2
	}
	d := 0
	for d < len(text) && d < 4 && text[d] >= '0' && text[d] <= '9' {
		d++
	}
	if d > 0 && strings.HasPrefix(text[d:], ". ") {
		return d + 2
	}
	return 0
}
