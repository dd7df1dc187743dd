package tui

import (
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// Benchmarks for the figures in BENCHMARKS.md (`make bench` prints them
// beside their budgets). Each builds the model the way main does, at 80x24,
// in the dark style, with a fresh progress file.

func embedded(tb testing.TB) *content.Course {
	tb.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func longestChapter(c *content.Course) *content.Chapter {
	var longest *content.Chapter
	for _, ch := range c.Chapters {
		if longest == nil || len(ch.Body) > len(longest.Body) {
			longest = ch
		}
	}
	return longest
}

// benchModel builds a welcomed tutor over course at 80x24 in colour.
func benchModel(tb testing.TB, course *content.Course, cache *render.Cache) *Model {
	tb.Helper()
	s, err := progress.Open(filepath.Join(tb.TempDir(), "progress.db"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.SetWelcomed(); err != nil {
		tb.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		tb.Fatal(err)
	}
	if cache == nil {
		cache = render.NewCache(16)
	}
	m := New(Options{Course: course, Store: s, Snapshot: snap, Cache: cache, Rand: testRand()})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// prerender puts ch into the cache at the model's width and style, as the
// render command would have.
func prerender(tb testing.TB, m *Model, ch *content.Chapter) {
	tb.Helper()
	k := render.Key{Chapter: ch.ID + "@" + ch.Hash, Width: render.WrapWidth(m.width), Style: m.style}
	if _, err := m.cache.Render(k, ch.Body); err != nil {
		tb.Fatal(err)
	}
}

// openLongest opens the longest embedded chapter with its render cached.
func openLongest(tb testing.TB) *Model {
	tb.Helper()
	c := embedded(tb)
	m := benchModel(tb, c, nil)
	ch := longestChapter(c)
	prerender(tb, m, ch)
	m.openChapter(ch.ID, 0)
	if !m.reader.ready {
		tb.Fatal("cached chapter did not open at once")
	}
	return m
}

// BenchmarkReaderKey is one keystroke in the reader on the longest chapter,
// render cached: Update plus the View the program draws after it. At the
// bottom the key that brings the view back to the top is counted too.
func BenchmarkReaderKey(b *testing.B) {
	for _, k := range []string{"j", "pgdown"} {
		b.Run(k, func(b *testing.B) {
			m := openLongest(b)
			msg := press(k)
			if k == "pgdown" {
				msg = tea.KeyPressMsg{Code: tea.KeyPgDown}
			}
			top := press("g")
			b.ReportAllocs()
			for b.Loop() {
				if m.reader.vp.AtBottom() {
					m.Update(top)
				} else {
					m.Update(msg)
				}
				_ = m.View()
			}
		})
	}
}

// BenchmarkReaderView is one frame of the reader on the longest chapter:
// its View, and alone the part of it that is the sanitiser's last pass
// over the whole frame (render.Terminal).
func BenchmarkReaderView(b *testing.B) {
	m := openLongest(b)
	m.Update(press("j"))
	b.Run("view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = m.View()
		}
	})
	frame := m.View().Content
	b.Run("terminal-pass", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(frame)))
		for b.Loop() {
			_ = render.Terminal(frame)
		}
	})
}

// BenchmarkHomeKey is one keystroke (down, then up at the end) in the home
// list of a generated 1,000-chapter course.
func BenchmarkHomeKey1000(b *testing.B) {
	c, err := content.Load(benchgen.Pack(1000, 20000))
	if err != nil {
		b.Fatal(err)
	}
	m := benchModel(b, c, nil)
	down, up := press("j"), press("k")
	n := len(m.home.list.Items())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if (i/(n-1))%2 == 0 {
			m.Update(down)
		} else {
			m.Update(up)
		}
		i++
		_ = m.View()
	}
}

// BenchmarkReopenCached is "n" then "p" between two chapters already
// rendered at this width: each key opens a chapter from the cache and
// draws it (the cost per reopen is per op).
func BenchmarkReopenCached(b *testing.B) {
	c := embedded(b)
	m := benchModel(b, c, nil)
	ch := longestChapter(c)
	idx := c.Index(ch.ID)
	other := c.Chapters[idx-1]
	if idx == 0 {
		other = c.Chapters[1]
	}
	prerender(b, m, ch)
	prerender(b, m, other)
	m.openChapter(ch.ID, 0)
	next, prev := press("n"), press("p")
	if idx == 0 {
		next, prev = prev, next
	}
	// The saves are not part of the figure: Flush stops the worker before
	// the loop (later jobs only queue), so emptying the queue below never
	// pulls a job from under it (it did, and the worker panicked).
	m.saver.Flush()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			m.Update(prev)
		} else {
			m.Update(next)
		}
		i++
		_ = m.View()
		m.saver.mu.Lock()
		m.saver.queue = nil
		m.saver.mu.Unlock()
	}
	if !m.reader.ready {
		b.Fatal("reopened chapter was not ready at once")
	}
}
