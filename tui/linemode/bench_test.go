package linemode

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// BenchmarkFirstPrompt is line mode in process from the embedded course to
// its first prompt: load, open and snapshot the progress file, menu. The
// whole process (exec included) is in `make bench`.
func BenchmarkFirstPrompt(b *testing.B) {
	path := filepath.Join(b.TempDir(), "p.db")
	for b.Loop() {
		c, err := content.EmbeddedCourse()
		if err != nil {
			b.Fatal(err)
		}
		st, err := progress.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		snap, err := st.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		s := New(Options{Course: c, Store: st, Snapshot: snap, In: strings.NewReader(""), Out: io.Discard})
		s.Run()
	}
}
