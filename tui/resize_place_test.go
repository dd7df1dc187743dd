package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
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

// Issue 11: the reading position was saved as a rendered line only, which
// depends on the width: read to the middle of a chapter at 80 columns,
// quit, reopen it at 50 (another terminal) and the top line was text far
// above. The place is saved in words too: at another width the chapter
// opens at the line holding the word that was at the top; at the same
// width, at the same line. Quit and save go through a real tea.Program.
func TestReopenAtAnotherWidthKeepsPlace(t *testing.T) {
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	e.course = course
	tm := start(t, e.model(t, true)) // 80x24
	waitFor(t, tm, "What backend development")
	keys(tm, "3", "enter")
	waitFor(t, tm, "Chapter 3 of", "By the end of this chapter")
	for range 150 {
		keys(tm, "j")
	}
	fm := quitNow(t, tm)
	if err := flushWithin(t, fm); err != nil {
		t.Fatal(err)
	}
	r := &fm.reader
	off := r.vp.YOffset()
	word := wordsIn(r.vp.lines[:off])
	wantTop := strings.TrimSpace(ansi.Strip(r.vp.lines[off]))
	if off == 0 || len(strings.Fields(wantTop)) < 2 {
		t.Fatalf("scrolled to line %d, top line %q: scroll to text", off, wantTop)
	}
	if rec := e.record(t, "http-essentials"); rec.Line != off || rec.Word != word {
		t.Fatalf("saved line %d word %d, want line %d word %d", rec.Line, rec.Word, off, word)
	}

	for _, width := range []int{80, 50} {
		m := e.model(t, true)
		step(m, tea.WindowSizeMsg{Width: width, Height: 24})
		run(m, m.openChapter("http-essentials", -1))
		lines, at := m.reader.vp.lines, m.reader.vp.YOffset()
		top := strings.TrimSpace(ansi.Strip(lines[at]))
		if width == 80 {
			if top != wantTop {
				t.Errorf("reopened at 80 columns: top line %q, was %q", top, wantTop)
			}
			continue
		}
		// the word that was at the top is on the top line (joined with
		// the next, in case the line breaks after it)
		if before := wordsIn(lines[:at]); before > word || before+lineWords(lines[at]) <= word {
			t.Errorf("reopened at %d columns: words %d to %d on the top line, want word %d", width, before, before+lineWords(lines[at]), word)
		}
		if got := top + " " + strings.TrimSpace(ansi.Strip(lines[at+1])); !strings.Contains(got, strings.Join(strings.Fields(wantTop)[:2], " ")) {
			t.Errorf("reopened at %d columns: top line %q, was %q", width, got, wantTop)
		}
	}
}
