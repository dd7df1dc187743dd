package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/tui/render"
)

// outlineModel is a chapter's outline: its headings, to jump to one ("o"
// in the reader).
type outlineModel struct {
	ch     *content.Chapter // the chapter in the reader
	items  []search.Section
	cursor int
	offset int
}

// newOutline is the outline of ch, the chapter in the reader; nil when it
// has no headings (or the reader has no chapter).
func newOutline(ch *content.Chapter) *outlineModel {
	if ch == nil {
		return nil
	}
	items := search.Outline(ch.Body)
	if len(items) == 0 {
		return nil
	}
	return &outlineModel{ch: ch, items: items}
}

func (o *outlineModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Outline):
		return nil, nav{to: readerScreen, back: true}
	case key.Matches(msg, k.Open):
		h := o.items[o.cursor]
		return nil, nav{to: readerScreen, back: true, mark: newMark(o.ch, h.Line, h.Text)}
	case key.Matches(msg, k.Up):
		o.move(c, -1)
	case key.Matches(msg, k.Down):
		o.move(c, 1)
	case key.Matches(msg, k.Top):
		o.move(c, -len(o.items))
	case key.Matches(msg, k.Bottom):
		o.move(c, len(o.items))
	}
	return nil, nav{}
}

func (o *outlineModel) move(c *programContext, by int) {
	o.cursor = min(max(0, o.cursor+by), len(o.items)-1)
	vis := o.rows(c)
	o.offset = min(max(o.offset, o.cursor-vis+1), o.cursor)
}

func (o *outlineModel) view(c *programContext) page {
	var b strings.Builder
	width := max(10, c.width-4)
	end := min(len(o.items), o.offset+o.rows(c))
	for i := o.offset; i < end; i++ {
		h := o.items[i]
		text := ansi.Truncate(strings.Repeat("  ", max(0, h.Level-1))+render.SanitizeLine(h.Text), width, "…")
		if i == o.cursor {
			b.WriteString(c.st.Cursor.Render("› ") + c.st.Selected.Render(text))
		} else {
			b.WriteString("  " + text)
		}
		if i+1 < end {
			b.WriteString("\n")
		}
	}
	return page{header: o.header(), body: b.String()}
}

func (o *outlineModel) header() string { return "Outline · " + render.SanitizeLine(o.ch.Title) }

// rows is how many headings fit under the header (which may wrap).
func (o *outlineModel) rows(c *programContext) int { return c.bodyHeightUnder(o.header()) }

func (o *outlineModel) keys(k *keyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Back, k.Help}
}
