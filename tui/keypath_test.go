package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The reader's keystroke path renders no markdown and writes nothing: a
// scroll key only moves the window and arms the 1 s scroll debounce (the
// position is saved when scrolling pauses), and drawing the frame reads
// the lines already rendered.
func TestReaderKeystrokeDoesNoRenderNoWrite(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter") // open the first chapter; its render and save run here
	if m.Screen() != "reader" || !m.reader.ready {
		t.Fatalf("screen %s, ready %v: the chapter did not open", m.Screen(), m.reader.ready)
	}
	settle(m)
	m.tick = tea.Tick // the real debounce timer: each scroll key must arm it
	renders := e.cache.Renders()
	moved := false
	for _, k := range []tea.KeyPressMsg{press("j"), press("k"), {Code: tea.KeyPgDown}, {Code: tea.KeyPgUp},
		press("d"), press("u"), press("G"), press("g"), press("space"), press("b")} {
		_, cmd := m.Update(k)
		_ = m.View()
		moved = moved || m.reader.vp.YOffset() > 0
		if m.saver.pending() > 0 {
			t.Fatalf("key %q queued a save", k.String())
		}
		if cmd == nil {
			t.Fatalf("key %q did not arm the scroll debounce", k.String())
		}
	}
	if !moved {
		t.Fatal("the chapter never scrolled: the test proves nothing")
	}
	if got := e.cache.Renders(); got != renders {
		t.Fatalf("scroll keys ran %d renders", got-renders)
	}
}
