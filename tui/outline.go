package tui

import (
	"backend-tutor/tui/render"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content/search"
)

// outlineModel is a chapter's outline: its headings, to jump to one ("o"
// in the reader).
type outlineModel struct {
	items  []search.Section
	cursor int
	offset int
}

// loadOutline makes the outline of the chapter in the reader; false when
// there is none to show.
func (m *Model) loadOutline() bool {
	if m.reader.ch == nil || !m.reader.ready {
		return false
	}
	items := search.Outline(m.reader.ch.Body)
	if len(items) == 0 {
		return false
	}
	m.outline = &outlineModel{items: items}
	return true
}

func (o *outlineModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Outline):
		return m.enter(nav{to: readerScreen, back: true})
	case key.Matches(msg, k.Open):
		h := o.items[o.cursor]
		return m.enter(nav{to: readerScreen, back: true, mark: newMark(m.reader.ch, h.Line, h.Text)})
	case key.Matches(msg, k.Up):
		o.move(m, -1)
	case key.Matches(msg, k.Down):
		o.move(m, 1)
	case key.Matches(msg, k.Top):
		o.move(m, -len(o.items))
	case key.Matches(msg, k.Bottom):
		o.move(m, len(o.items))
	}
	return nil
}

func (o *outlineModel) move(m *Model, by int) {
	o.cursor = min(max(0, o.cursor+by), len(o.items)-1)
	vis := o.rows(m)
	o.offset = min(max(o.offset, o.cursor-vis+1), o.cursor)
}

func (o *outlineModel) view(m *Model) string {
	var b strings.Builder
	width := max(10, m.width-4)
	end := min(len(o.items), o.offset+o.rows(m))
	for i := o.offset; i < end; i++ {
		h := o.items[i]
		text := ansi.Truncate(strings.Repeat("  ", max(0, h.Level-1))+render.SanitizeLine(h.Text), width, "…")
		if i == o.cursor {
			b.WriteString(m.st.Cursor.Render("› ") + m.st.Selected.Render(text))
		} else {
			b.WriteString("  " + text)
		}
		if i+1 < end {
			b.WriteString("\n")
		}
	}
	return m.frame(outlineHeader(m), b.String(), m.shortHelp(m.screenKeys()))
}

func outlineHeader(m *Model) string { return "Outline · " + render.SanitizeLine(m.reader.ch.Title) }

// rows is how many headings fit under the header (which may wrap).
func (o *outlineModel) rows(m *Model) int { return m.bodyHeightUnder(outlineHeader(m)) }

func (o *outlineModel) keys(m *Model) []key.Binding {
	k := m.keys
	return []key.Binding{k.Up, k.Down, k.Open, k.Back, k.Help}
}
