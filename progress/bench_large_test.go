package progress_test

import (
	"path/filepath"
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
	"backend-tutor/progress"
)

// BenchmarkOpenSnapshot is what start-up and `progress` ask of the store:
// open (with its damage checks) and read the summaries, for a file with no
// answers and one with 100,000 (generated, see internal/benchgen). The
// budget is that the large file costs at most twice the empty one.
func BenchmarkOpenSnapshot(b *testing.B) {
	c, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{0, 100_000} {
		name := "empty"
		if n > 0 {
			name = "100k"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "progress.db")
			if err := benchgen.Progress(path, c, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				s, err := progress.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Snapshot(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckBeforeWrite10MB is the full check a session runs before
// its first write on a file past the start-up check's limit (every page,
// the freelist against the live pages, every record: what doctor checks),
// on a generated file with about 10 MB of pages in use (26,000 answers).
// It runs off the UI goroutine; the budget is 50 ms.
func BenchmarkCheckBeforeWrite10MB(b *testing.B) {
	c, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "progress.db")
	if err := benchgen.Progress(path, c, 26_000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, err := progress.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.CheckBeforeWrite(); err != nil {
			b.Fatal(err)
		}
	}
}
