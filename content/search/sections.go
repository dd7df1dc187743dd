package search

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"backend-tutor/content"
)

// SectionHash is one section of a chapter: the text from one heading (or
// the start) to the next, as found by the outline's heading scanner, so a
// "# comment" in a code block never splits one.
type SectionHash struct {
	Line int    // 1-based first line in the chapter's markdown body
	End  int    // 1-based last line
	Hash string // 12 hex digits of SHA-256 of the section's text
}

// Sections splits a chapter's body at its headings and hashes each part:
// a text edit changes the hash of the section it is in and of no other,
// which is how "updated since you read it" knows what to ask the learner
// to read again. A body without headings is one section.
func Sections(body string) []SectionHash {
	lines := strings.Split(body, "\n")
	starts := []int{0}
	for _, h := range content.Headings(body) {
		if h.Line > 1 {
			starts = append(starts, h.Line-1)
		}
	}
	out := make([]SectionHash, len(starts))
	for i, from := range starts {
		to := len(lines)
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		// Blank lines and spaces at the ends are layout, not text.
		sum := sha256.Sum256([]byte(strings.TrimSpace(strings.Join(lines[from:to], "\n"))))
		out[i] = SectionHash{Line: from + 1, End: to, Hash: hex.EncodeToString(sum[:6])}
	}
	return out
}
