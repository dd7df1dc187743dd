package search

import "backend-tutor/content"

// Section is one heading of a chapter, for its outline.
type Section struct {
	Line  int // 1-based line in the chapter's markdown body
	Level int // 1 for #, 2 for ##, ...
	Text  string
}

// Outline lists the ATX headings of a chapter's markdown body, in order,
// skipping fenced code blocks (content.Headings).
func Outline(body string) []Section {
	hs := content.Headings(body)
	out := make([]Section, len(hs))
	for i, h := range hs {
		out[i] = Section(h)
	}
	return out
}
