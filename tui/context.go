package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// programContext is what a screen reads of the tutor, as gh-dash's
// ProgramContext: the course, the keys and styles, the window, the clock,
// the learner's records, and the ways to the progress file and the
// renderer the root owns: a read or a change queued behind the saves, a
// render through the one queue. The root makes it afresh for each call
// (Model.context), so a screen keeps none and never sees a stale size; and
// it gives no way to change the root's state but the narrow few in
// rootWays: a screen that takes it answers a key with a command and a nav
// (tui/nav.go), and draws a page the root frames. Every screen of the
// tutor takes it (the welcome screen is the root's own; the profile
// picker is a program of its own); nav_test.go keeps them converted.
type programContext struct {
	window
	*rootWays
	course *content.Course
	keys   *keyMap
	st     *styles
	store  *progress.Store // nil without a progress file
	// style is glamour's; cache holds what was rendered (render asks the
	// one render queue, tui/renders.go).
	style   string
	cache   *render.Cache
	labBase string // Options.LabURL
	noColor bool   // NO_COLOR: code keeps its backticks (inline)
	// records are the learner's chapter records and last its place, to
	// read; reviewDue is home's count of due review questions; unsaved,
	// the ids of answers queued behind a failed save; changes, home's
	// notice of content changes (homenotice.go).
	records   map[string]progress.ChapterRecord
	last      *progress.Place
	reviewDue int
	unsaved   map[string]bool
	changes   []string
	// screen is the one showing (a render the reader waits for is shown
	// on the reader and under the quiz); statsOpen: the stats screen has
	// been opened, so the reader's esc can go back to it.
	screen    screen
	statsOpen bool
}

// rootWays are the root's functions a screen may call, made once (New):
// a context then costs one allocation, not one per function, on every key
// home and the prompts take. Each is a narrow change the root makes.
type rootWays struct {
	now    func() time.Time
	read   func(f func() tea.Msg) tea.Cmd        // queues f behind the saves (Model.read)
	save   func(op progress.Op) tea.Cmd          // queues a change (Model.save)
	render func(k render.Key, md string) tea.Cmd // asks the render queue for md at k
	// resetChapter forgets a chapter's records and queues its reset
	// (Model.resetChapter); abandon drops a quiz's open attempt
	// (Model.abandon).
	resetChapter func(id string) tea.Cmd
	abandon      func(q *quizModel) tea.Cmd
	// Home's: a review session (Model.startReview); a chapter's quiz, or
	// the offer to resume it, once its state is read (Model.beginQuiz);
	// Continue (Model.continueLast); a chapter's last result, once read
	// (Model.openLastResult); quitting (Model.quit).
	startReview  func() tea.Cmd
	beginQuiz    func(id string) tea.Cmd
	continueLast func() tea.Cmd
	lastResult   func(id string) tea.Cmd
	quit         func() tea.Cmd
	// The reader's: a render of the next chapter ahead of time
	// (renderQueue.prefetch); a timer (Model.tick, which tests replace);
	// the reading position queued (Model.savePlace); a warning on the
	// warning line, a notice in the footer's place; the current screen's
	// key hints fitted to a width (Model.fitHints).
	prefetch  func(k render.Key, md string) tea.Cmd
	tick      func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd
	savePlace func() tea.Cmd
	warn, say func(s string)
	hints     func(width int) string
	// The quiz's: a review answer counted and queued
	// (reviewSession.submit); an answer noted in the chapter's record
	// (courserules.AfterAnswer); an attempt closed (Model.finished); a
	// review session ended early (Model.endReview); the review queue read
	// again (Model.readReviewQueue).
	reviewAnswer    func(q *quizModel, ans progress.Answer) tea.Cmd
	answered        func(chapter string, again bool)
	finished        func(q *quizModel, score int, passed bool) tea.Cmd
	endReview       func() tea.Cmd
	readReviewQueue func() tea.Cmd
}

func (m *Model) newWays() *rootWays {
	return &rootWays{
		now: m.now, read: m.read, save: m.save, render: m.render,
		resetChapter: m.resetChapter, abandon: m.abandon,
		startReview: m.startReview, beginQuiz: m.beginQuiz, continueLast: m.continueLast,
		lastResult: m.openLastResult, quit: m.quit,
		prefetch:     func(k render.Key, md string) tea.Cmd { return m.renders.prefetch(m.cache, k, md) },
		tick:         func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd { return m.tick(d, f) },
		savePlace:    m.savePlace,
		warn:         func(s string) { m.warning = s },
		say:          func(s string) { m.notice = s },
		hints:        func(width int) string { return m.fitHints(width, m.screenKeys().short) },
		reviewAnswer: func(q *quizModel, ans progress.Answer) tea.Cmd { return q.review.submit(m, q, ans) },
		answered: func(id string, again bool) {
			m.records[id] = courserules.AfterAnswer(m.records[id], id, again)
		},
		finished: m.finished, endReview: m.endReview, readReviewQueue: m.readReviewQueue,
	}
}

// context is the screens' view of the tutor as it is now.
func (m *Model) context() *programContext {
	return &programContext{
		window: m.window(), rootWays: m.ways, course: m.course, keys: &m.keys, st: &m.st,
		store: m.store, style: m.style, cache: m.cache, labBase: m.labBase, noColor: m.noColor,
		records: m.records, last: m.last, reviewDue: m.reviewDue, unsaved: m.unsaved, changes: m.changes,
		screen: m.screen, statsOpen: m.stats != nil,
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
// screen's short help, screenKeys) after the cue.
type page struct {
	header, body string
	keys         []key.Binding
	cue          string // before the keys: that the body scrolls (moreCue)
	footer       string // the whole footer instead, made by the screen (the reader's)
}
