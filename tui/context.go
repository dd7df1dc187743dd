package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// programContext is what a screen reads of the tutor, as gh-dash's
// ProgramContext: the course, the keys and styles, the window, the clock,
// and the ways to the progress file and the renderer the root owns: a read
// or a change queued behind the saves, a render through the one queue.
// The root makes it afresh for each call (Model.context), so a screen
// keeps none and never sees a stale size; and it gives no way to change
// the root's state: a screen that takes it answers a key with a command and a nav
// (tui/nav.go), and draws a page the root frames. The glossary, outline,
// stats, search and Labs screens take it; the rest still take *Model.
type programContext struct {
	window
	course *content.Course
	keys   *keyMap
	st     *styles
	now    func() time.Time
	store  *progress.Store                // nil without a progress file
	read   func(f func() tea.Msg) tea.Cmd // queues f behind the saves (Model.read)
	save   func(op progress.Op) tea.Cmd   // queues a change (Model.save)
	// style is glamour's; cache holds what was rendered, and render asks
	// the one render queue (tui/renders.go) for md at k.
	style   string
	cache   *render.Cache
	render  func(k render.Key, md string) tea.Cmd
	labBase string // Options.LabURL
}

// context is the screens' view of the tutor as it is now.
func (m *Model) context() *programContext {
	return &programContext{
		window: m.window(), course: m.course, keys: &m.keys, st: &m.st, now: m.now,
		store: m.store, read: m.read, save: m.save,
		style: m.style, cache: m.cache, render: m.render, labBase: m.labBase,
	}
}

// render asks the render queue for md at k.
func (m *Model) render(k render.Key, md string) tea.Cmd {
	return m.renders.want(m.cache, k, md)
}

// window is what a screen's layout is worked out from: the terminal's
// size, and whether a warning line takes one of the body's lines.
type window struct {
	width, height int
	warning       bool
}

func (m *Model) window() window { return window{m.width, m.height, m.warning != ""} }

// bodyHeight is the number of body lines frame leaves for a screen under
// a one-line header.
func (w window) bodyHeight() int {
	h := w.height - 3
	if w.warning {
		h--
	}
	return max(1, h)
}

// bodyHeightUnder is bodyHeight below a header that may wrap: the screens
// whose header holds a chapter's title size their viewports with it.
func (w window) bodyHeightUnder(header string) int {
	return max(1, w.bodyHeight()-len(headerLines(w.width, header))+1)
}

// page is what a screen that takes a programContext draws; the root puts
// it in the frame (Model.frame), with keys as the footer (nil: the
// screen's short help, screenKeys).
type page struct {
	header, body string
	keys         []key.Binding
}
