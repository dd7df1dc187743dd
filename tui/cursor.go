package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The terminal's own cursor sits where the learner is (issue 13), so a
// screen reader or magnifier that follows the cursor reads the right line:
// on the focused row of every list (home, labs, search results, outline,
// the quiz's options, the profile picker), at the insertion point of a
// typed answer, a new profile's name or an empty search (a field scrolled
// sideways too), on the first glossary term in view (the one a search
// opened), on the weakest question picked on the stats screen, and at the
// start of the resume, retake, reset and review-done prompts (their first
// line, where reading starts; the keys follow it). Screens that are read
// rather than chosen from (reader, results, help; stats until a question
// is picked) hide it.
//
// Each screen says where, as a column and a line of its body; cursor adds
// the lines frame put above the body (a wrapped header makes them more)
// and hides the cursor when the line is not on screen.

// spot is a place in a screen's body: column x of line row.
type spot struct{ x, row int }

// markerX is the column after a focused row's "› " marker: the row's text.
const markerX = 2

// promptRow is the first line of text of the resume, retake, reset and
// review-done prompts (the first three start with a blank line).
var promptRow = map[screen]int{resumeScreen: 1, retakeScreen: 1, resetScreen: 1, reviewScreen: 0}

// cursor is the terminal cursor for the frame just drawn, or nil (hidden).
func (m *Model) cursor() *tea.Cursor {
	if m.tooSmall() || m.showHelp {
		return nil
	}
	var s spot
	ok := false
	switch m.screen {
	case homeScreen:
		s, ok = m.home.focus(m.context())
	case quizScreen:
		if m.quiz != nil {
			s, ok = m.quiz.focus()
		}
	case labsScreen:
		if m.labs != nil {
			s, ok = m.labs.focus(m.context())
		}
	case searchScreen:
		if m.search != nil {
			s, ok = m.search.focus()
		}
	case outlineScreen:
		if m.outline != nil {
			s, ok = spot{markerX, m.outline.cursor - m.outline.offset}, true
		}
	case glossaryScreen:
		if m.glossary != nil {
			s, ok = m.glossary.focus()
		}
	case statsScreen:
		if m.stats != nil {
			s, ok = m.stats.focus()
		}
	case profilesScreen:
		if m.picker != nil {
			s, ok = m.picker.focus(m)
		}
	case resumeScreen, retakeScreen, resetScreen, reviewScreen:
		s, ok = spot{markerX, promptRow[m.screen]}, true
	}
	if !ok || s.row < 0 || s.row >= m.bodyRows || s.x < 0 || s.x >= m.width {
		return nil
	}
	c := tea.NewCursor(s.x, m.top+s.row)
	c.Blink = false // a blinking cursor repaints for nothing
	return c
}

// focus is the selected row of the chapter list: two lines a row, under
// the course bar, a blank line and the notice of changes while it shows
// (home.view).
func (h *homeModel) focus(c *programContext) (spot, bool) {
	l := h.list
	if len(l.VisibleItems()) == 0 {
		return spot{}, false
	}
	onPage := l.Index() - l.Paginator.Page*l.Paginator.PerPage
	return spot{markerX, 2 + strings.Count(noticeView(c), "\n") + onPage*homeDelegate{}.Height()}, true
}

// focus is the selected lab's title in the list (three lines a lab); a
// lab's brief is read, not chosen from.
func (lm *labsModel) focus(c *programContext) (spot, bool) {
	if lm.open != nil || len(c.course.Labs()) == 0 {
		return spot{}, false
	}
	return spot{markerX, lm.cursor*3 - lm.vp.YOffset()}, true
}

// focus is the selected result's place line, or, with no results yet, the
// query box's insertion point.
func (s *searchModel) focus() (spot, bool) {
	if s.ix != nil && len(s.results) > 0 && s.query != "" {
		return spot{markerX, 2 + (s.cursor-s.offset)*searchRows}, true
	}
	return spot{1 + inputX(s.input), 0}, true
}

// focus is the weakest question picked on the stats screen (its "› "
// marker): the figures above are read, the questions are chosen from.
func (s *statsModel) focus() (spot, bool) {
	if s.sel < 0 || s.sel >= len(s.weakAt) {
		return spot{}, false
	}
	return spot{markerX, s.weakAt[s.sel] - s.vp.YOffset()}, true
}

// focus is the heading of the term a search result opened while it is in
// view (the glossary's end cannot scroll it to the top), else the first
// term heading in view.
func (g *glossaryModel) focus() (spot, bool) {
	top := g.vp.YOffset()
	if i := slices.Index(g.names, g.term); g.term != "" && i >= 0 && i < len(g.terms) {
		if l := g.terms[i]; l >= top && l < top+g.vp.Height() {
			return spot{markerX, l - top}, true
		}
	}
	for _, l := range g.terms {
		if l >= top {
			return spot{markerX, l - top}, true
		}
	}
	return spot{}, false
}

// inputX is the column of a text field's insertion point: the prompt, then
// the cells of the text shown before it. A text wider than the field
// scrolls sideways and shows value[offset:]; textinput keeps offset to
// itself (its own Cursor() assumes offset 0 too, and counts runes, not
// cells), so it is found from what the field shows: the first start at
// or before the insertion point whose text is what is shown. Without it,
// moving left in a scrolled field left the cursor at the field's end.
func inputX(in textinput.Model) int {
	prompt := ansi.StringWidth(in.Prompt)
	value := []rune(in.Value())
	pos := min(max(in.Position(), 0), len(value))
	if in.Width() <= 0 { // no width: the field never scrolls
		return prompt + ansi.StringWidth(string(value[:pos]))
	}
	shown := []rune(ansi.Cut(ansi.Strip(in.View()), prompt, prompt+in.Width()+1))
	off := 0
	for o := max(0, pos-len(shown)); o <= pos; o++ {
		end := min(len(value), o+len(shown))
		if strings.HasPrefix(string(shown), string(value[o:end])) {
			off = o
			break
		}
	}
	return prompt + ansi.StringWidth(string(value[off:pos]))
}
