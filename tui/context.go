package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// programContext is what a screen reads of the tutor, as gh-dash's
// ProgramContext: the course, the keys and styles, the window, the clock,
// and the one way to read the progress file (behind the queued saves).
// The root makes it afresh for each call (Model.context), so a screen
// keeps none and never sees a stale size; and it gives no way to change
// the root: a screen that takes it answers a key with a command and a nav
// (tui/nav.go), and draws a page the root frames. The glossary, outline,
// stats and search screens take it; the rest still take *Model.
type programContext struct {
	window
	course *content.Course
	keys   *keyMap
	st     *styles
	now    func() time.Time
	store  *progress.Store                // nil without a progress file
	read   func(f func() tea.Msg) tea.Cmd // queues f behind the saves (Model.read)
}

// context is the screens' view of the tutor as it is now.
func (m *Model) context() *programContext {
	return &programContext{window: m.window(), course: m.course, keys: &m.keys, st: &m.st, now: m.now, store: m.store, read: m.read}
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
