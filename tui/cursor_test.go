package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The terminal's cursor sits on the focused option's marker and follows
// it, so a screen reader that reads the cursor's line reads the option the
// learner is on; with no option focused (a typed answer, after submitting)
// there is none.
func TestCursorFollowsFocusedOption(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m.startQuiz("alpha")
	settle(m)
	check := func(when string) {
		t.Helper()
		v := m.View()
		if v.Cursor == nil {
			t.Fatalf("%s: no cursor", when)
		}
		lines := strings.Split(ansi.Strip(v.Content), "\n")
		if v.Cursor.Y >= len(lines) || !strings.HasPrefix(strings.TrimLeft(lines[v.Cursor.Y], " "), "›") || v.Cursor.X != 2 {
			t.Fatalf("%s: cursor at %d,%d, not on the focused option:\n%s", when, v.Cursor.X, v.Cursor.Y, v.Content)
		}
	}
	check("first option")
	y := m.View().Cursor.Y
	sendKeys(m, "down")
	check("after down")
	if got := m.View().Cursor.Y; got != y+1 {
		t.Fatalf("cursor row %d after down, want %d", got, y+1)
	}
	sendKeys(m, "enter")
	if v := m.View(); v.Cursor != nil {
		t.Fatalf("cursor shown after submitting at %+v", v.Cursor.Position)
	}
	m.Flush() // the answer's save ends before the test's folder is removed
}
