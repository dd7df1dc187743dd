package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// With ASCII (--ascii, LC_ALL=C) no frame holds a glyph: home (progress bar,
// cursor), reader, quiz (cursor, ticks), results (marks), help.
func TestASCIIFrames(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	if err := s.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	snap, _ := s.Snapshot()
	m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand(), ASCII: true}))
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	check := func(where string) {
		t.Helper()
		text := ansi.Strip(m.View().Content)
		for _, g := range []string{"›", "█", "░", "✓", "✗", "↓", "↑", "…", "·", "•", "→"} {
			if strings.Contains(text, g) {
				t.Fatalf("%s: %q in an ASCII frame:\n%s", where, g, text)
			}
		}
	}
	check("home")
	sendKeys(m, "?")
	check("help")
	sendKeys(m, "esc", "t")
	settle(m)
	check("quiz")
	sendKeys(m, "2", "enter")
	check("feedback")
	if !strings.Contains(ansi.Strip(m.View().Content), "x Not quite.") && !strings.Contains(ansi.Strip(m.View().Content), "+ Right!") {
		t.Fatalf("no ASCII verdict mark:\n%s", ansi.Strip(m.View().Content))
	}
	m.Flush() // the answer's save ends before the test's folder is removed
}
