package labsave

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A reason quoting a huge server answer is kept short, and never cut in
// the middle of a character.
func TestCutBoundsSavedText(t *testing.T) {
	for _, s := range []string{strings.Repeat("é", 3000), strings.Repeat("a", 5000), "short"} {
		got := cut(s)
		if len(got) > maxSaved+len("…") || !utf8.ValidString(got) || len(s) <= maxSaved && got != s {
			t.Errorf("cut(%d bytes) = %d bytes, valid %v", len(s), len(got), utf8.ValidString(got))
		}
	}
}
