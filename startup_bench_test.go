package main

import (
	"io"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
	"backend-tutor/progress"
	"backend-tutor/tui"
	"backend-tutor/tui/render"
)

// progressFiles generates a welcomed progress file with no answers and one
// with 100,000 (see internal/benchgen), for the start-up figures.
func progressFiles(b *testing.B) map[string]string {
	b.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	files := map[string]string{}
	for name, n := range map[string]int{"empty": 0, "100k": 100_000} {
		path := filepath.Join(b.TempDir(), name+".db")
		if err := benchgen.Progress(path, c, n); err != nil {
			b.Fatal(err)
		}
		files[name] = path
	}
	return files
}

// BenchmarkStartupModel is everything the tutor does in-process before its
// first frame: load the built-in course, open and verify the progress file,
// read the summaries, build the model and draw the home screen at 80x24.
func BenchmarkStartupModel(b *testing.B) {
	files := progressFiles(b)
	for _, name := range []string{"empty", "100k"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				course, err := loadCourse(globals{}, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				store, err := progress.Open(files[name])
				if err != nil {
					b.Fatal(err)
				}
				snap, err := store.Snapshot()
				if err != nil {
					b.Fatal(err)
				}
				m := tui.New(tui.Options{Course: course, Store: store, Snapshot: snap, Cache: render.NewCache(16)})
				m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
				_ = m.View()
			}
		})
	}
}

// BenchmarkProgressJSON is `backend-tutor progress --json` without the
// process start.
func BenchmarkProgressJSON(b *testing.B) {
	files := progressFiles(b)
	for _, name := range []string{"empty", "100k"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"progress", "--json", "--db", files[name]}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
