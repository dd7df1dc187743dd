package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// `report` in a real 80-column terminal: the table is laid out for the
// terminal's width (no line wraps), and hostile learner names, chapter
// ids and titles neither retitle the pane nor clear the screen.
func TestRealTerminalReport(t *testing.T) {
	files := hostileClass(t, t.TempDir())
	tm := startTerm(t, append([]string{"report"}, files...)...)
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s; screen:\n%s", st, tm.screen())
	}
	// -J joins lines the terminal wrapped, so a line too wide shows as one.
	all := tm.tmux("capture-pane", "-p", "-J", "-S", "-200")
	if !strings.Contains(all, "Class report: 5 learners") || !strings.Contains(all, "Most-missed questions:") {
		t.Fatalf("screen:\n%s", all)
	}
	for _, line := range strings.Split(all, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("a line of %d columns wrapped: %q", w, line)
		}
	}
	if title := tm.tmux("display-message", "-p", "#{pane_title}"); strings.Contains(title, "owned") {
		t.Errorf("a learner name retitled the pane: %q", title)
	}
}
