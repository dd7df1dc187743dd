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
	starts := []int{1} // 1-based first lines
	for _, h := range content.Headings(body) {
		if h.Line > 1 {
			starts = append(starts, h.Line)
		}
	}
	// The byte offset of each start line, in one pass over the body: no
	// copy of its lines (splitting and joining them was most of the ~1.7 ms
	// `progress --json` spent hashing the course's sections).
	offs := make([]int, len(starts))
	lines, at := 1, 0
	for i, want := range starts {
		for lines < want {
			j := strings.IndexByte(body[at:], '\n')
			if j < 0 {
				break
			}
			at += j + 1
			lines++
		}
		offs[i] = at
	}
	total := strings.Count(body[at:], "\n") + lines
	out := make([]SectionHash, len(starts))
	for i, from := range offs {
		to, end := len(body), total
		if i+1 < len(offs) {
			to, end = offs[i+1], starts[i+1]-1
		}
		// Blank lines and spaces at the ends are layout, not text.
		sum := sha256.Sum256([]byte(strings.TrimSpace(body[from:to])))
		out[i] = SectionHash{Line: starts[i], End: end, Hash: hex.EncodeToString(sum[:6])}
	}
	return out
}
