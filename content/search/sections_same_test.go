package search

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"backend-tutor/content"
)

// sectionsBySplitting is Sections as first written (split into lines, join
// each section's): the one-pass version must give exactly the same.
func sectionsBySplitting(body string) []SectionHash {
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
		sum := sha256.Sum256([]byte(strings.TrimSpace(strings.Join(lines[from:to], "\n"))))
		out[i] = SectionHash{Line: from + 1, End: to, Hash: hex.EncodeToString(sum[:6])}
	}
	return out
}

func sameSections(t *testing.T, body string) {
	t.Helper()
	got, want := Sections(body), sectionsBySplitting(body)
	if len(got) != len(want) {
		t.Fatalf("%d sections, want %d for %q", len(got), len(want), body)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("section %d = %+v, want %+v for %q", i, got[i], want[i], body)
		}
	}
}

// Proves: hashing sections in one pass over the body gives what
// splitting it into lines gave, on every guide chapter and on edge shapes.
func TestSectionsOnePassSameAsSplitting(t *testing.T) {
	c, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range c.Chapters {
		sameSections(t, ch.Body)
	}
	for _, body := range []string{"", "\n", "# A", "# A\n", "text\n# A\nx\n## B\n\n", "# A\n# B\n# C", "```\n# no\n```\n# yes\n", "a\n\n\n# H\n  \n"} {
		sameSections(t, body)
	}
}

func FuzzSections(f *testing.F) {
	for _, s := range []string{"# A\nx\n## B\ny", "```\n# c\n```\n# d", "\n\n# e\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) { sameSections(t, body) })
}

func BenchmarkSectionsCourse(b *testing.B) {
	c, err := content.EmbeddedCourse()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, ch := range c.Chapters {
			Sections(ch.Body)
		}
	}
}
