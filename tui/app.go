// Package tui turns the course and the learner's progress into screens: a
// Bubble Tea state machine of welcome, home, reader, quiz and results.
// Rendering and saving run in commands, off the UI goroutine.
package tui

import (
	"math/rand/v2"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// Minimum window size: below it the tutor says how big the window must be.
const (
	MinWidth  = 40
	MinHeight = 12
)

type screen int

const (
	welcomeScreen screen = iota
	homeScreen
	readerScreen
	quizScreen
	resumeScreen
	resultsScreen
	glossaryScreen
	searchScreen
	outlineScreen
)

func (s screen) String() string {
	return [...]string{"welcome", "home", "reader", "quiz", "resume", "results", "glossary", "search", "outline"}[s]
}

// Options are what main hands the tutor.
type Options struct {
	Course   *content.Course
	Store    *progress.Store
	Snapshot *progress.Snapshot
	Cache    *render.Cache // shared with pre-rendering; nil makes a new one
	NoColor  bool          // NO_COLOR: skip the background query; Bubble Tea drops the colours
	Rand     *rand.Rand    // shuffles; nil seeds from the clock
}

// Model is the root of the tutor. Its pointer is the tea.Model.
type Model struct {
	course   *content.Course
	store    *progress.Store
	cache    *render.Cache
	records  map[string]progress.ChapterRecord
	last     *progress.Place
	welcomed bool
	rng      *rand.Rand
	saver    *saver

	screen   screen
	width    int
	height   int
	keys     keyMap
	st       styles
	help     help.Model
	showHelp bool
	style    string // glamour style
	noColor  bool
	warning  string // shown on every screen: progress not being saved, and why
	// saveFailed: the warning comes from a failed save, so a later success clears it
	saveFailed bool

	home     homeModel
	reader   readerModel
	quiz     *quizModel
	results  *resultsModel
	glossary *glossaryModel
	search   *searchModel // nil until "/" first opens it
	outline  *outlineModel

	typedNumber string // digits typed on home: the chapter to go to (tui/homejump.go)

	resizeGen int

	// tick schedules the debounce timers (tea.Tick); tests replace it so
	// they can run every other command to completion without waiting.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// New builds the tutor's model.
func New(o Options) *Model {
	m := &Model{
		course:  o.Course,
		store:   o.Store,
		cache:   o.Cache,
		records: map[string]progress.ChapterRecord{},
		rng:     o.Rand,
		saver:   newSaver(),
		keys:    newKeyMap(),
		help:    help.New(),
		style:   render.StyleDark,
		noColor: o.NoColor,
		width:   80,
		height:  24,
		tick:    tea.Tick,
	}
	if m.cache == nil {
		m.cache = render.NewCache(16)
	}
	if m.rng == nil {
		now := uint64(time.Now().UnixNano())
		m.rng = rand.New(rand.NewPCG(now, now>>17))
	}
	if s := o.Snapshot; s != nil {
		for id, r := range s.Chapters {
			m.records[id] = r
		}
		m.last = s.Last
		m.welcomed = s.Welcomed
	}
	if m.store != nil && !m.store.Writable() {
		m.warning = m.store.Warning()
	}
	m.applyStyles(newStyles(true))
	m.home = newHomeModel(m)
	m.screen = homeScreen
	if !m.welcomed {
		m.screen = welcomeScreen
	}
	return m
}

// Flush finishes every save still pending. main calls it after the program
// stops, so nothing the learner submitted is lost on the way out.
func (m *Model) Flush() { m.saver.Flush() }

// Screen names the current screen (for tests and diagnostics).
func (m *Model) Screen() string { return m.screen.String() }

func (m *Model) applyStyles(st styles) {
	m.st = st
	m.help.Styles = help.DefaultStyles(st.isDark)
}

// Init asks the terminal for its background colour. The answer may never
// come (a terminal that doesn't reply): we start dark and switch if it does.
func (m *Model) Init() tea.Cmd {
	if m.noColor {
		return nil
	}
	return tea.RequestBackgroundColor
}

// Update routes a message: global concerns first, then the active screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.noColor || msg.IsDark() == m.st.isDark {
			return m, nil
		}
		m.applyStyles(newStyles(msg.IsDark()))
		m.style = render.StyleLight
		if msg.IsDark() {
			m.style = render.StyleDark
		}
		m.home.refresh(m)
		if m.screen == readerScreen {
			return m, m.reader.rerender(m)
		}
		return m, nil
	case resizeSettledMsg:
		if msg.gen == m.resizeGen && m.screen == readerScreen {
			return m, m.reader.rerender(m)
		}
		return m, nil
	case renderedMsg:
		return m, m.reader.rendered(m, msg)
	case searchIndexMsg:
		return m, m.search.indexed(m, msg)
	case scrollSettledMsg:
		if m.screen == readerScreen && msg.gen == m.reader.scrollGen {
			return m, m.reader.savePosition(m)
		}
		return m, nil
	case saveDoneMsg:
		cmd := m.handleSaved(msg.result)
		return m, tea.Batch(cmd, m.saver.next())
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		if m.screen == quizScreen && m.quiz != nil {
			return m, m.quiz.paste(m, msg)
		}
		if m.screen == searchScreen {
			return m, m.search.paste(m, msg)
		}
		return m, nil
	}
	// Anything else belongs to the home list when it is showing (its own
	// messages; its filter is off since "/" became search).
	if m.screen == homeScreen {
		return m, m.home.update(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	typing := m.screen == quizScreen && m.quiz != nil && m.quiz.typing() || m.screen == searchScreen
	if m.showHelp {
		m.showHelp = false // any key closes the help
		return nil
	}
	if !typing && msg.String() == "?" && !m.home.filtering() {
		m.showHelp = true
		return nil
	}
	if m.tooSmall() {
		return nil
	}
	switch m.screen {
	case welcomeScreen:
		if msg.String() == "enter" || msg.String() == "space" {
			m.welcomed = true
			m.screen = homeScreen
			return m.saver.enqueue(func() tea.Msg { return saveErrMsg{m.store.SetWelcomed()} })
		}
		if msg.String() == "q" || msg.String() == "esc" {
			return m.quit()
		}
	case homeScreen:
		return m.home.key(m, msg)
	case readerScreen:
		return m.reader.key(m, msg)
	case quizScreen:
		return m.quiz.key(m, msg)
	case resumeScreen:
		return m.resumeKey(msg)
	case resultsScreen:
		return m.results.key(m, msg)
	case glossaryScreen:
		return m.glossary.key(m, msg)
	case searchScreen:
		return m.search.key(m, msg)
	case outlineScreen:
		return m.outline.key(m, msg)
	}
	return nil
}

// quit leaves the tutor; the reading position is queued for saving and main
// flushes the queue after the program stops.
func (m *Model) quit() tea.Cmd {
	if m.screen == readerScreen {
		m.reader.savePosition(m)
	}
	return tea.Quit
}

func (m *Model) resize(w, h int) tea.Cmd {
	if w == m.width && h == m.height && m.reader.laidOut {
		return nil // teatest and some terminals repeat the same size
	}
	m.width, m.height = w, h
	m.help.SetWidth(w - 2)
	m.home.resize(m)
	if m.quiz != nil {
		m.quiz.resize(m)
	}
	if m.results != nil {
		m.results.resize(m)
	}
	if m.glossary != nil {
		m.glossary.resize(m)
	}
	if m.search != nil {
		m.search.resize(m)
	}
	m.reader.resize(m)
	if m.screen != readerScreen {
		return nil
	}
	// Re-render only once the size settles: dragging a window edge sends
	// dozens of sizes a second, and each render costs milliseconds.
	m.resizeGen++
	gen := m.resizeGen
	return m.tick(80*time.Millisecond, func(time.Time) tea.Msg { return resizeSettledMsg{gen} })
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// handleSaved applies the outcome of a save job.
func (m *Model) handleSaved(result tea.Msg) tea.Cmd {
	switch r := result.(type) {
	case saveErrMsg:
		m.noteSaveError(r.err)
	case attemptStartedMsg:
		m.noteSaveError(r.err)
		if r.err == nil {
			rec := m.records[r.chapter]
			rec.ID = r.chapter
			rec.OpenAttempt = r.attempt.ID
			m.records[r.chapter] = rec
		}
	case attemptFinishedMsg:
		m.noteSaveError(r.err)
		if r.err == nil {
			m.records[r.record.ID] = r.record
			m.home.refresh(m)
		}
	case resumeLoadedMsg:
		if r.err != nil {
			m.noteSaveError(r.err)
			return m.startQuiz(r.chapter)
		}
		m.resumeQuiz(r.chapter, r.attempt, r.prompt)
	}
	return nil
}

// noteSaveError shows a failed save as a warning, and takes the warning
// down again when a later save succeeds (a lock held for a moment by another
// tutor, a disk that had filled up). A store that cannot write at all keeps
// its warning.
func (m *Model) noteSaveError(err error) {
	switch {
	case err != nil:
		m.warning = "Progress is not being saved: " + err.Error()
		m.saveFailed = true
	case m.saveFailed && (m.store == nil || m.store.Writable()):
		m.warning, m.saveFailed = "", false
	}
}

// View draws the current screen. It is the only place a tea.View is built,
// so the alt-screen and other terminal settings are set on every path.
func (m *Model) View() tea.View {
	var body string
	switch {
	case m.tooSmall():
		body = m.tooSmallView()
	case m.showHelp:
		body = m.helpView()
	default:
		switch m.screen {
		case welcomeScreen:
			body = m.welcomeView()
		case homeScreen:
			body = m.home.view(m)
		case readerScreen:
			body = m.reader.view(m)
		case quizScreen:
			body = m.quiz.view(m)
		case resumeScreen:
			body = m.resumeView()
		case resultsScreen:
			body = m.results.view(m)
		case glossaryScreen:
			body = m.glossary.view(m)
		case searchScreen:
			body = m.search.view(m)
		case outlineScreen:
			body = m.outline.view(m)
		}
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.WindowTitle = "Backend Tutor"
	return v
}
