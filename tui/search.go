package tui

import (
	"strings"

	"backend-tutor/content/search"
	"backend-tutor/tui/render"
)

// MarkMatches makes a search result's line safe for a terminal, with its
// matched spans in the match style when styled is true. Each piece passes
// the sanitiser on its own, so no escape sequence from the content survives
// even when a match cuts through one.
func MarkMatches(text string, spans []search.Span, styled bool) string {
	if !styled {
		return safeLine(text)
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(text) || sp.Start >= sp.End {
			continue // never from the index; a guard, not a case
		}
		b.WriteString(safeLine(text[last:sp.Start]))
		b.WriteString(matchStyle.Render(safeLine(text[sp.Start:sp.End])))
		last = sp.End
	}
	b.WriteString(safeLine(text[last:]))
	return b.String()
}

// safeLine is the one way search text reaches the terminal: the shared
// sanitiser, one line.
func safeLine(s string) string { return render.SanitizeLine(s) }
