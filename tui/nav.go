package tui

import tea "charm.land/bubbletea/v2"

// Navigation (issue 13: screens say where to go next, the root moves).
// A screen never sets the root's current screen: it asks with a nav, and
// Model.enter below is the one place the screen changes (New in app.go
// sets the first). The screens that take a programContext (glossary,
// outline, stats, search, Labs) return the nav from their keys and the
// root follows it (Model.follow); the rest call Model.enter. nav_test.go
// fails if another file assigns the field.
//
// Requests are followed synchronously, in the Update whose key or message
// made them, never through a tea.Cmd round trip: a command's message is
// queued behind whatever the terminal sent meanwhile, so "esc" then "j"
// typed quickly would reach the old screen's "j" first. Results that come
// back from a command (a quiz's state read, a last result, the search
// index, the review queue) are messages already, handled in Update, and
// navigate from there the same way.

// nav is a request to go to a screen, with what the screen needs to open.
// The zero value (noScreen) stays where it is.
type nav struct {
	to screen
	// back returns to a screen as it was left (the search's results, the
	// stats, the reader under its outline) instead of opening it afresh.
	back bool
	// readerScreen: the chapter to open, at line (-1: where the learner
	// left it); "" with back is the chapter open already.
	chapter string
	line    int
	// mark, readerScreen: a match or heading to show. Opening a chapter,
	// it is highlighted once the chapter is rendered; with back (the
	// outline's heading), the reader scrolls to it and saves the place.
	mark *readerMark
	// term and query, glossaryScreen: a search result's entry, with the
	// query's matches highlighted.
	term, query string
}

// stays says the request goes nowhere.
func (n nav) stays() bool { return n.to == noScreen }

// follow runs a screen's command and follows its request, if any.
func (m *Model) follow(cmd tea.Cmd, n nav) tea.Cmd {
	if n.stays() {
		return cmd
	}
	return tea.Batch(cmd, m.enter(n))
}

// enter goes where n asks: it opens the screen (unless n.back), makes it
// the current one, and returns the commands opening and arriving need. A
// screen that cannot open (an outline of a chapter without headings)
// leaves the current one showing.
func (m *Model) enter(n nav) tea.Cmd {
	if n.stays() {
		return nil
	}
	var opened tea.Cmd
	if !n.back {
		var ok bool
		if opened, ok = m.open(n); !ok {
			return opened
		}
	}
	m.screen = n.to
	return tea.Batch(opened, m.arrive(n))
}

// open prepares a screen opened afresh, before it is current (so the
// search knows where it was opened from and the reader whether it shows
// another chapter already); false when it cannot open.
func (m *Model) open(n nav) (tea.Cmd, bool) {
	switch n.to {
	case readerScreen:
		if n.chapter == "" {
			return nil, true // back to the chapter in the reader
		}
		cmd, ok := m.loadChapter(n.chapter, n.line)
		if ok && n.mark != nil {
			m.reader.mark = n.mark
			if m.reader.ready { // served from the render cache already
				m.reader.applyMark(m)
			}
		}
		return cmd, ok
	case retakeScreen:
		m.retakeFrom = m.screen // where "no" goes back to
	case glossaryScreen:
		m.glossary = newGlossary(m.context())
		if n.term != "" {
			m.glossary.showTerm(m.context(), n.term, n.query)
		}
	case outlineScreen:
		if !m.reader.ready {
			return nil, false
		}
		o := newOutline(m.reader.ch)
		if o == nil {
			return nil, false
		}
		m.outline = o
	case searchScreen:
		var build tea.Cmd
		if m.search == nil {
			m.search, build = newSearch(m.context())
		}
		return tea.Batch(build, m.search.open(m.context(), m.screen)), true // m.screen: not yet the search
	case statsScreen:
		m.stats = newStats(m.context())
		return m.stats.read(m.context()), true
	case labsScreen:
		if m.labs == nil {
			m.labs = newLabs(m.context())
		}
		return m.labs.show(m.context()), true
	}
	return nil, true
}

// arrive runs once the screen is current: home shows the records as they
// are now; the stats are read again on coming back; the reader goes to
// the outline's heading.
func (m *Model) arrive(n nav) tea.Cmd {
	switch {
	case n.to == homeScreen:
		return m.home.refresh(m)
	case n.to == statsScreen && n.back:
		return m.stats.read(m.context())
	case n.to == readerScreen && n.back && n.mark != nil:
		m.reader.mark = n.mark
		m.reader.applyMark(m)
		m.reader.noteScroll()
		return m.reader.savePosition(m)
	}
	return nil
}
