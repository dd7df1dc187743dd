package tui

import (
	"strings"
	"testing"

	"backend-tutor/content/search"
)

// Styled or not, no escape sequence from the content survives, even when a
// match starts or ends inside one; the match itself is styled.
func TestMarkMatchesSanitisesEveryPiece(t *testing.T) {
	text := "a \x1b]52;c;aGVsbG8=\x07 b\u202e c \x1b[2J d"
	on, off, _ := strings.Cut(matchStyle.Render("x"), "x") // the only escapes allowed
	for _, spans := range [][]search.Span{
		{{Start: 3, End: 8}}, // inside the OSC
		{{Start: 0, End: 3}, {Start: len(text) - 5, End: len(text)}}, // cuts the CSI
		nil,
	} {
		for _, styled := range []bool{false, true} {
			out := MarkMatches(text, spans, styled)
			rest := strings.ReplaceAll(strings.ReplaceAll(out, on, ""), off, "")
			for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
				if strings.Contains(rest, bad) {
					t.Errorf("%v styled=%v: %q in %q", spans, styled, bad, out)
				}
			}
		}
	}
	if out := MarkMatches("find me", []search.Span{{Start: 5, End: 7}}, true); out != "find "+matchStyle.Render("me") {
		t.Errorf("match not styled: %q", out)
	}
}
