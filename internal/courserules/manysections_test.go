package courserules

import (
	"fmt"
	"strings"
	"testing"

	"backend-tutor/progress"
)

// manyHeadings is a body of n distinct one-line sections.
func manyHeadings(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "# h%d\n", i)
	}
	return b.String()
}

// Proves: a chapter that grew past the sections a record keeps is not
// flagged "updated since you read it" for ever: its reading saves carry no
// hashes, so reading it all again could never clear the flag.
func TestTextUpdatedPastMaxSections(t *testing.T) {
	v1 := chapter(manyHeadings(10), "h1")
	rec := read(v1, progress.ChapterRecord{ID: "c"}, 100)
	v2 := chapter(manyHeadings(progress.MaxSections+1), "h2")
	rec = read(v2, rec, 100) // the learner reads the new version to its end
	if TextUpdated(v2, rec) {
		t.Error("a chapter of more than MaxSections sections stays flagged after it was read to the end")
	}
}

// Proves (with BenchmarkTextUpdatedManySections): a status of a chapter of
// MaxSections sections is linear in them: 54 ms a status with a list
// search per section (a pack of such chapters froze every return home).
func BenchmarkTextUpdatedManySections(b *testing.B) {
	ch := chapter(manyHeadings(progress.MaxSections), "h")
	rec := read(ch, progress.ChapterRecord{ID: "c"}, 100)
	for b.Loop() {
		StatusText(ch, rec)
	}
}
