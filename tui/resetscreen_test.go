package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The walk: at 40×12 the reset confirmation cut off its undo command and
// "Press y"; the learner could not see how to confirm or undo. At every
// size tried, with and without a warning line taking a row, the question,
// the undo command, the prompt and the y key show.
func TestResetScreenFits(t *testing.T) {
	e := newEnv(t)
	for _, size := range [][2]int{{40, 12}, {60, 20}, {80, 24}} {
		for _, warn := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d_warning=%v", size[0], size[1], warn), func(t *testing.T) {
				e.path = t.TempDir() + "/p.db"
				m := e.model(t, true)
				step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				resetAt(m)
				if warn {
					m.warning = "Some saved answers could not be added yet"
				}
				out := ansi.Strip(m.View().Content)
				for _, want := range []string{"Reset \"Alpha chapter\"?", "This clears", "backend-tutor reset --undo", "Press y to reset", "y reset"} {
					if !strings.Contains(out, want) {
						t.Errorf("%q not on screen:\n%s", want, out)
					}
				}
				if rows := strings.Count(out, "\n") + 1; rows != size[1] {
					t.Errorf("%d rows, want %d", rows, size[1])
				}
			})
		}
	}
}
