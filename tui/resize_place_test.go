package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Attack: resizing the window moved the reader's place. A re-render at
// another width kept the offset in proportion (offset × new lines / old
// lines, rounded down), which slips back a line or two on every resize:
// five times 80 → 60 → 80 columns in chapter 1, and the top line was the
// paragraph before the one being read. The place is kept by the text:
// the line holding the word that was at the top.
func TestResizeKeepsReadingPlace(t *testing.T) {
	for _, c := range []struct {
		chapter string
		down    int
	}{{"backend-overview", 40}, {"http-essentials", 150}, {"apis-rest-json", 300}} {
		t.Run(c.chapter, func(t *testing.T) { resizeKeepsPlace(t, c.chapter, c.down) })
	}
}

func resizeKeepsPlace(t *testing.T, chapter string, down int) {
	m := guideModel(t, 80)
	run(m, m.openChapter(chapter, 0))
	for range down {
		sendKeys(m, "j")
	}
	top := func() string {
		lines := m.reader.vp.lines
		return strings.TrimSpace(ansi.Strip(lines[m.reader.vp.YOffset()]))
	}
	second := func() string {
		return strings.TrimSpace(ansi.Strip(m.reader.vp.lines[m.reader.vp.YOffset()+1]))
	}
	want := top()
	if want == "" {
		t.Fatal("the top line is blank: scroll to text")
	}
	resize := func(w int) {
		step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		step(m, resizeSettledMsg{gen: m.resizeGen})
	}
	for i := range 5 {
		resize(60)
		// the word that was at the top is on the top line (joined with the
		// next, in case the line breaks after it)
		if got := top() + " " + second(); !strings.Contains(got, strings.Join(strings.Fields(want)[:2], " ")) {
			t.Errorf("cycle %d at 60 columns: top line %q, was %q", i+1, got, want)
		}
		resize(80)
		if got := top(); got != want {
			t.Fatalf("cycle %d back at 80 columns: top line %q, was %q", i+1, got, want)
		}
	}
}
