package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A hostile pack's title of 100,000 characters: the header stops at
// maxHeaderLines lines, cut with "…", and the frame still fits the window.
func TestHugeTitleHeader(t *testing.T) {
	e := newEnv(t)
	e.course.Chapters[0].Title = strings.Repeat("very long title ", 6250)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
	sendKeys(m, "enter", "t")
	settle(m)
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	if len(lines) != 12 {
		t.Fatalf("the frame is %d lines, want 12", len(lines))
	}
	if !strings.HasSuffix(strings.TrimSpace(lines[maxHeaderLines-1]), "…") || strings.TrimSpace(lines[maxHeaderLines]) != "" {
		t.Fatalf("the header is not cut at %d lines:\n%s", maxHeaderLines, strings.Join(lines, "\n"))
	}
	if v := m.View(); v.Cursor == nil || !strings.Contains(lines[v.Cursor.Y], "› 1.") {
		t.Fatalf("the cursor is not on the first option under the tall header:\n%s", strings.Join(lines, "\n"))
	}
	m.Flush()
}
