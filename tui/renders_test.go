package tui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/tui/render"
)

// collectRenders runs cmd and what it batches, delivering every message
// but the finished renders, which it returns undelivered: to the model,
// those renders are still running.
func collectRenders(m *Model, cmd tea.Cmd) (held []renderedMsg) {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			held = append(held, collectRenders(m, c)...)
		}
	case renderedMsg:
		held = append(held, msg)
	default:
		step(m, msg)
	}
	return held
}

// openWithRenderRunning opens chapter 1 at 80×24 and returns the model
// with the chapter's render still running, and that render's result.
func openWithRenderRunning(t *testing.T) (*Model, renderedMsg) {
	t.Helper()
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	_, cmd := m.Update(press("enter"))
	held := collectRenders(m, cmd)
	if len(held) != 1 || m.Screen() != "reader" {
		t.Fatalf("opening a chapter started %d renders (screen %s), want 1", len(held), m.Screen())
	}
	return m, held[0]
}

// Proves (issue 8 item 6): while a chapter render runs, a resize storm
// (every size settling, so each would re-render) starts no other render;
// when the running one ends, only the newest size's render starts, and
// the reader shows it. Before, every settled size started a full render
// of its own beside the others.
func TestResizeStormRendersOneAtATime(t *testing.T) {
	m, held := openWithRenderRunning(t)
	last := 0
	for w := 41; w < 100; w += 2 {
		_, c1 := m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		_, c2 := m.Update(resizeSettledMsg{gen: m.resizeGen})
		if more := collectRenders(m, tea.Batch(c1, c2)); len(more) > 0 {
			t.Fatalf("resize to %d started %d more renders while one was running", w, len(more))
		}
		last = w
	}
	_, cmd := m.Update(held) // the first render ends (its size is stale)
	next := collectRenders(m, cmd)
	if len(next) != 1 || next[0].key.Width != render.WrapWidth(last) {
		t.Fatalf("after the running render ended: %d renders started (%v), want one at width %d", len(next), next, last)
	}
	_, cmd = m.Update(next[0])
	collectRenders(m, cmd) // a pre-render of the next chapter may start now
	if !m.reader.ready || m.reader.want.Width != render.WrapWidth(last) {
		t.Fatalf("reader: ready %v at width %d, want %d", m.reader.ready, m.reader.want.Width, last)
	}
}

// Proves: a size that comes back to the running render's size, after that
// render was cancelled for another, is rendered again rather than left
// showing nothing (a cancelled render's result is never shown).
func TestResizeBackToRunningSize(t *testing.T) {
	m, held := openWithRenderRunning(t)
	// collectRenders ran the render to the end, which cached it; a
	// cancelled render caches nothing, so start from an empty cache.
	m.cache = render.NewCache(16)
	for _, w := range []int{60, 80} {
		m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		_, c := m.Update(resizeSettledMsg{gen: m.resizeGen})
		if more := collectRenders(m, c); len(more) > 0 {
			t.Fatalf("resize to %d started a render while one ran", w)
		}
	}
	// The 80-column render was cancelled when 60 was wanted: its result
	// (here it had finished, as a cancelled one may) is not shown...
	held.err, held.out = context.Canceled, ""
	_, cmd := m.Update(held)
	next := collectRenders(m, cmd)
	if m.reader.ready {
		t.Fatal("a cancelled render was shown")
	}
	// ...and 80 columns, wanted again, is rendered afresh.
	if len(next) != 1 || next[0].key.Width != render.WrapWidth(80) {
		t.Fatalf("want one new render at 80 columns, got %v", next)
	}
	step(m, next[0])
	if !m.reader.ready {
		t.Fatal("reader not showing the chapter")
	}
}
