// Package tui turns the course and the learner's progress into screens: a
// Bubble Tea state machine of welcome, home, reader, quiz and results.
// Rendering and saving run in commands, off the UI goroutine.
package tui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/activetime"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// maxHeldKeys bounds the keys held while a quiz's state is read (a few
// milliseconds; a paste could otherwise pile up).
const maxHeldKeys = 64

// Minimum window size: below it the tutor says how big the window must be.
const (
	MinWidth  = 40
	MinHeight = 12
)

type screen int

const (
	noScreen screen = iota // a nav that stays (tui/nav.go)
	welcomeScreen
	homeScreen
	readerScreen
	quizScreen
	resumeScreen
	resultsScreen
	glossaryScreen
	retakeScreen
	searchScreen
	outlineScreen
	labsScreen
	resetScreen
	reviewScreen // a review session's summary (its questions use quizScreen)
	statsScreen
	profilesScreen // the profile picker (tui/profiles.go)
)

func (s screen) String() string {
	return [...]string{"", "welcome", "home", "reader", "quiz", "resume", "results", "glossary", "retake", "search", "outline", "labs", "reset", "review", "stats", "profiles"}[s]
}

// Options are what main hands the tutor.
type Options struct {
	Course   *content.Course
	Store    *progress.Store
	Snapshot *progress.Snapshot
	Cache    *render.Cache // shared with pre-rendering; nil makes a new one
	NoColor  bool          // NO_COLOR: skip the background query; Bubble Tea drops the colours
	Rand     *rand.Rand    // shuffles; nil seeds from the clock
	Notice   string        // a warning for the warning line from start-up (a recovery file kept)
	ASCII    bool          // --ascii or a locale without UTF-8: every glyph has an ASCII stand-in (render.ASCII)
	// Quiz opens the tutor on this chapter's quiz (`backend-tutor quiz`),
	// with QuizStart saying what to do with an unfinished attempt.
	Quiz      string
	QuizStart QuizStart
	// LabURL is where the Labs screen checks the learner's server
	// (--lab-url); empty: each lab's own port on 127.0.0.1.
	LabURL string
	// Review opens the tutor on a review session (`backend-tutor review`).
	Review bool
	// Now is the clock every saved time comes from; nil is time.Now.
	Now func() time.Time
	// Profiles, when not empty, makes this a profile picker: it shows
	// only the picker (tui/profiles.go) and ends once a profile is
	// chosen; Picked says which. Store may be nil then.
	Profiles []progress.ProfileSummary
}

// QuizStart says what opening on a quiz does with an unfinished attempt.
type QuizStart int

// The choices (`quiz --resume`, `quiz --new`; neither asks, as "t" does).
const (
	QuizAsk QuizStart = iota
	QuizResume
	QuizNew
)

// QuitMsg asks the tutor to quit as ctrl+c does (main sends it on SIGINT,
// SIGTERM and SIGHUP), so what is on screen is queued for saving first.
type QuitMsg struct{}

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
	ways     *rootWays // the context's functions (tui/context.go)

	screen   screen
	width    int
	height   int
	top      int // the lines frame put above the body in the last frame (a wrapped header)
	bodyRows int // and the body's lines (tui/cursor.go)
	keys     keyMap
	st       styles
	help     help.Model
	showHelp bool
	helpTop  int    // the help's first line shown, when it is taller than the window
	style    string // glamour style
	noColor  bool
	ascii    bool   // render.ASCII over every frame
	warning  string // shown on every screen: progress not being saved, and why
	warned   bool   // the screens are laid out with room for the warning line
	// saveFailed: the warning comes from a failed save; it stays until
	// every queued answer is written
	saveFailed bool
	saveErr    error
	refusal    string          // a change refused for good, said until the tutor ends
	unsaved    map[string]bool // ids of answers queued behind a failed save
	retryDelay func(fails int) time.Duration

	// awaitingQuiz: a quiz's state is being read (read number quizRead,
	// quizReadNow runs it directly); keys wait in heldKeys.
	awaitingQuiz bool
	quizRead     int
	quizReadNow  tea.Cmd
	heldKeys     []tea.KeyPressMsg

	home     homeModel
	reader   readerModel
	quiz     *quizModel
	results  *resultsModel
	glossary *glossaryModel
	stats    *statsModel  // nil until the stats screen first opens
	search   *searchModel // nil until "/" first opens it
	outline  *outlineModel
	labs     *labsModel   // nil until the Labs screen first opens
	picker   *pickerModel // Options.Profiles
	labBase  string       // Options.LabURL

	typedNumber string // digits typed on home: the chapter to go to (tui/homejump.go)
	notice      string // a one-off answer to a key ("no finished quiz yet"), cleared by the next key

	changes []string // home's notice of content changes since the learner last studied (homenotice.go)

	clock        func() time.Time    // Options.Now
	spent        *activetime.Counter // time active reading and in quizzes (timespent.go)
	reviewDue    int                 // due review questions the day's cap allows (home's row)
	reviewDay    int                 // the local day reviewDue was read for (scheduler.Day); see rolloverTick
	reviewWanted bool                // a review session starts when the queue is read
	review       *reviewSession

	resizeGen int
	renders   renderQueue // one chapter render at a time; see renders.go

	resume *resumePrompt // "resume the unfinished attempt?" (tui/prompts.go)
	retake *retakePrompt // "take a passed quiz again?"
	reset  *resetPrompt  // "reset this chapter?" (tui/resetscreen.go)

	start tea.Cmd // the first command of a tutor opened on a quiz

	// tick schedules the debounce timers (tea.Tick); tests replace it so
	// they can run every other command to completion without waiting.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	// writeRecovery is Store.WriteRecovery; tests replace it to fail.
	writeRecovery func([]progress.Op) (string, error)
}

// New builds the tutor's model.
func New(o Options) *Model {
	m := &Model{
		course:  o.Course,
		store:   o.Store,
		cache:   o.Cache,
		records: map[string]progress.ChapterRecord{},
		rng:     o.Rand,
		saver:   newSaver(o.Store),
		keys:    newKeyMap(),
		help:    help.New(),
		style:   render.StyleDark,
		noColor: o.NoColor,
		ascii:   o.ASCII,
		width:   80,
		height:  24,
		tick:    tea.Tick,
		labBase: o.LabURL,
		clock:   o.Now,
		spent:   activetime.New(),

		retryDelay: retryDelay,
	}
	m.ways = m.newWays()
	if m.store != nil {
		m.writeRecovery = m.store.WriteRecovery
	}
	if m.cache == nil {
		m.cache = render.NewCache(16)
	}
	if m.course == nil { // the profile picker needs none
		m.course = &content.Course{}
	}
	if m.noColor {
		m.style = render.StyleNoColor
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
	m.warning = o.Notice
	if m.store != nil && !m.store.Writable() {
		m.warning = m.store.Warning()
	}
	m.warned = m.warning != ""
	m.spent.Input(m.now(), "", activetime.Nothing) // the first screen's time counts from here
	m.applyStyles(newStyles(true))
	m.home = newHomeModel(m.context())
	m.screen = homeScreen
	if len(o.Profiles) > 0 {
		m.picker, m.screen = newPicker(o.Profiles), profilesScreen
		return m
	}
	if !m.welcomed && o.Quiz == "" {
		m.screen = welcomeScreen
	}
	switch {
	case o.Quiz != "":
		m.start = m.openQuiz(o.Quiz, o.QuizStart)
	case o.Review:
		m.screen = homeScreen
		m.start = m.startupReview(true)
	default:
		m.start = m.startupReview(false) // home's "Review · N due"
		if m.screen == homeScreen && o.Snapshot != nil {
			m.start = tea.Batch(m.start, m.noticeChanges(o.Snapshot.Questions))
			m.home.resize(m.context())
		}
	}
	return m
}

// Flush writes every change still queued, and returns. main calls it after
// the program stops, so nothing the learner submitted is lost on the way
// out. What cannot be written (the file locked for too long, a read-only
// filesystem) goes to a recovery file beside the progress file, which the
// next start merges; the error says so, for main to print once the
// terminal is back.
func (m *Model) Flush() error {
	left, cause := m.saver.Flush()
	var errs []error
	for _, err := range m.saver.refused {
		errs = append(errs, fmt.Errorf("backend-tutor: a change to your progress was refused and not saved: %w", err))
	}
	if len(left) > 0 {
		name, werr := m.writeRecovery(left)
		errs = append(errs, unsavedReport(m.store, left, cause, name, werr))
	}
	return errors.Join(errs...)
}

// Screen names the current screen (for tests and diagnostics).
func (m *Model) Screen() string { return m.screen.String() }

func (m *Model) applyStyles(st styles) {
	m.st = st
	m.help.Styles = help.DefaultStyles(st.isDark)
}

// Init asks the terminal for its background colour (the answer may never
// come, from a terminal that doesn't reply: we start dark and switch if it
// does) and starts the progress file's check before the first write, off
// the UI goroutine, so a damaged file is reported at once.
func (m *Model) Init() tea.Cmd {
	var check tea.Cmd
	if store := m.store; store != nil {
		check = func() tea.Msg { return storeCheckedMsg{store.CheckBeforeWrite()} }
	}
	// The rollover tick is set here, not in New: tests replace Model.tick
	// between the two.
	rollover := m.rolloverTick()
	if m.noColor {
		return tea.Batch(check, m.start, rollover)
	}
	return tea.Batch(check, m.start, rollover, tea.RequestBackgroundColor)
}

// Update routes a message: global concerns first, then the active screen.
// A warning line that came or went changes the body's height, so every
// screen is laid out again (else page down skips the line it hides).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := m.update(msg)
	if shown := m.warning != ""; shown != m.warned {
		m.warned = shown
		m.layout()
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg, QuitMsg:
		m.countInput() // before the screen changes: the gap was spent on this one
	}
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
		cmd := m.home.refresh(m.context())
		if m.screen == labsScreen {
			m.labs.resize(m.context()) // the brief's key has the style in it
			return m, tea.Batch(cmd, m.labs.renderBrief(m.context()))
		}
		if m.screen == readerScreen {
			return m, tea.Batch(cmd, m.reader.rerender(m.context()))
		}
		return m, cmd
	case resizeSettledMsg:
		if msg.gen == m.resizeGen && m.screen == readerScreen {
			return m, m.reader.rerender(m.context())
		}
		return m, nil
	case renderedMsg:
		next := m.renders.done(m.cache, msg.key) // first, so a pre-render finds the queue free
		if m.labs != nil {
			m.labs.rendered(m.context(), msg)
		}
		return m, tea.Batch(next, m.reader.rendered(m.context(), msg))
	case labCheckedMsg:
		if m.labs == nil {
			return m, nil
		}
		return m, m.labs.checked(m.context(), msg)
	case searchIndexMsg:
		return m, m.enter(m.search.indexed(msg, m.context(), m.screen == searchScreen))
	case scrollSettledMsg:
		if m.screen == readerScreen && msg.gen == m.reader.scrollGen {
			return m, m.savePlace()
		}
		return m, nil
	case storeCheckedMsg:
		if msg.err != nil && !m.store.Writable() {
			m.warning = m.store.Warning() // read-only from now on: says why
		}
		return m, nil
	case quizStateMsg: // read at once, not queued: see readQuizState
		return m, m.quizState(msg)
	case reviewQueueMsg: // the first read, at start-up
		return m, m.reviewQueue(msg)
	case rolloverMsg:
		return m, m.rollover()
	case saveOutcomesMsg:
		cmds := make([]tea.Cmd, 0, len(msg)+1)
		for _, o := range msg {
			cmds = append(cmds, m.handleOutcome(o))
		}
		return m, tea.Batch(append(cmds, m.saver.listen())...)
	case QuitMsg:
		return m, m.quit()
	case retrySaveMsg:
		return m, m.saver.retry()
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		if m.screen == quizScreen && m.quiz != nil {
			return m, m.quiz.paste(m.context(), msg)
		}
		if m.screen == searchScreen {
			return m, m.search.paste(msg)
		}
		if m.screen == profilesScreen {
			return m, m.picker.paste(msg)
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
	m.notice = ""
	m.dropNotice()
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if m.awaitingQuiz { // see readQuizState
		if len(m.heldKeys) < maxHeldKeys {
			m.heldKeys = append(m.heldKeys, msg)
		}
		return nil
	}
	typing := m.screen == quizScreen && m.quiz != nil && m.quiz.typing() || m.screen == searchScreen
	if m.showHelp {
		// ↑/↓ scroll a help taller than the window; any other key closes it
		top := m.helpMaxTop()
		switch {
		case top > 0 && key.Matches(msg, m.keys.Down):
			m.helpTop = min(m.helpTop+1, top)
		case top > 0 && key.Matches(msg, m.keys.Up):
			m.helpTop = max(min(m.helpTop, top)-1, 0)
		default:
			m.showHelp = false
		}
		return nil
	}
	if !typing && msg.String() == "?" {
		m.showHelp, m.helpTop = true, 0
		return nil
	}
	if m.tooSmall() {
		return nil
	}
	switch m.screen {
	case welcomeScreen:
		if msg.String() == "enter" || msg.String() == "space" {
			m.welcomed = true
			return tea.Batch(m.enter(nav{to: homeScreen}), m.save(progress.Op{Kind: progress.OpWelcomed}))
		}
		if msg.String() == "q" || msg.String() == "esc" {
			return m.quit()
		}
	case homeScreen:
		if m.homeNumberKey(msg) {
			return nil
		}
		return m.follow(m.home.key(m.context(), msg))
	case readerScreen:
		return m.follow(m.reader.key(m.context(), msg))
	case quizScreen:
		return m.follow(m.quiz.key(m.context(), msg))
	case resumeScreen:
		return m.follow(m.resume.key(m.context(), msg))
	case resultsScreen:
		return m.follow(m.results.key(m.context(), msg))
	case glossaryScreen:
		return m.follow(m.glossary.key(m.context(), msg))
	case retakeScreen:
		return m.follow(m.retake.key(m.context(), msg))
	case searchScreen:
		return m.follow(m.search.key(m.context(), msg))
	case outlineScreen:
		return m.follow(m.outline.key(m.context(), msg))
	case resetScreen:
		return m.follow(m.reset.key(m.context(), msg))
	case labsScreen:
		return m.follow(m.labs.key(m.context(), msg))
	case reviewScreen:
		cmd, n := reviewSummary{m.review}.key(m.context(), msg)
		if !n.stays() {
			m.review = nil // leaving the summary ends the session
		}
		return m.follow(cmd, n)
	case statsScreen:
		return m.follow(m.stats.key(m.context(), msg))
	case profilesScreen:
		return m.picker.key(m, msg)
	}
	return nil
}

// quit leaves the tutor: it only queues the reading position and the time
// still waiting to be saved (the command enqueue returns may be dropped;
// the queue is the saver's) and main flushes the queue after the program
// stops.
func (m *Model) quit() tea.Cmd {
	if m.screen == readerScreen {
		m.savePlace()
	}
	m.saveTimeLeft()
	return tea.Quit
}

// save queues a change to the progress file. An answer queued behind a
// failed save counts at once in the warning and on the results screen.
func (m *Model) save(op progress.Op) tea.Cmd {
	m.spent.Attach(&op)
	if op.ReadingS != 0 || op.QuizS != 0 { // the screens' copy of the record (a reset says what it clears)
		rec := m.records[op.Chapter]
		rec.ID, rec.ReadingS, rec.QuizS = op.Chapter, progress.AddSeconds(rec.ReadingS, op.ReadingS), progress.AddSeconds(rec.QuizS, op.QuizS)
		m.records[op.Chapter] = rec
	}
	if m.saveFailed && (op.Kind == progress.OpAnswer || op.Kind == progress.OpRetry) {
		m.unsaved[op.Answer.ID] = true
		m.warning = saveWarning(m.saveErr, len(m.unsaved))
	}
	return m.saver.enqueue(saveJob{op: &op})
}

// read queues a read of the progress file, behind the changes queued
// before it, so it sees them.
func (m *Model) read(f func() tea.Msg) tea.Cmd { return m.saver.enqueue(saveJob{read: f}) }

func (m *Model) resize(w, h int) tea.Cmd {
	if w == m.width && h == m.height && m.reader.laidOut {
		return nil // teatest and some terminals repeat the same size
	}
	m.width, m.height = w, h
	m.layout()
	if m.screen == labsScreen {
		return m.labs.renderBrief(m.context()) // the brief at the new width
	}
	if m.screen != readerScreen {
		return nil
	}
	// Re-render only once the size settles: dragging a window edge sends
	// dozens of sizes a second, and each render costs milliseconds.
	m.resizeGen++
	gen := m.resizeGen
	return m.tick(80*time.Millisecond, func(time.Time) tea.Msg { return resizeSettledMsg{gen} })
}

// layout sizes every screen to the window and the lines the frame takes.
func (m *Model) layout() {
	m.help.SetWidth(m.width - 2)
	m.home.resize(m.context())
	if m.quiz != nil {
		m.quiz.resize(m.context())
	}
	if m.results != nil {
		m.results.resize(m.context())
	}
	if m.glossary != nil {
		m.glossary.resize(m.context())
	}
	if m.stats != nil && m.screen == statsScreen { // loadStats lays it out afresh
		m.stats.resize(m.context())
	}
	if m.search != nil {
		m.search.resize(m.context())
	}
	if m.labs != nil {
		m.labs.resize(m.context())
	}
	m.reader.resize(m.context())
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// handleOutcome applies the outcome of one save job.
func (m *Model) handleOutcome(o saveOutcome) tea.Cmd {
	if o.op == nil {
		return m.handleRead(o.read)
	}
	m.noteSave(o)
	if o.err != nil {
		if o.fails == 0 { // refused for good: said on the warning line, not retried
			return nil
		}
		retry := m.tick(m.retryDelay(o.fails), func(time.Time) tea.Msg { return retrySaveMsg{} })
		if m.awaitingQuiz && o.fails == 1 { // the queued read would wait behind the failure
			return tea.Batch(retry, m.quizReadNow)
		}
		return retry
	}
	switch o.op.Kind {
	case progress.OpStart:
		a := o.applied.Attempt
		rec := m.records[a.ChapterID]
		rec.ID = a.ChapterID
		rec.OpenAttempt = a.ID
		m.records[a.ChapterID] = rec
		if m.quiz != nil && m.quiz.att.uid == a.UID {
			m.quiz.att.id = a.ID
		}
	case progress.OpFinish:
		m.records[o.applied.Record.ID] = o.applied.Record
		if m.results != nil && m.results.uid == o.op.AttemptUID {
			m.results.fromAttempt(m.context(), o.applied.Attempt)
		}
		return m.home.refresh(m.context())
	}
	return nil
}

// handleRead applies a read's result.
func (m *Model) handleRead(msg tea.Msg) tea.Cmd {
	switch r := msg.(type) {
	case quizStateMsg:
		return m.quizState(r)
	case lastResultMsg:
		return m.showLastResult(r)
	case labRecordsMsg:
		if m.labs != nil {
			if err := m.labs.records(m.context(), r); err != nil {
				m.warning = "The labs' records could not be read: " + err.Error()
			}
		}
	case reviewQueueMsg:
		return m.reviewQueue(r)
	case statsMsg:
		if m.stats != nil {
			m.stats.loadedMsg(m.context(), r)
		}
	}
	return nil
}

// noteSave keeps the warning line true: a failed save shows the error and
// how many answers wait behind it; the warning stays until every queued
// answer is written. A store that cannot write at all keeps its own warning.
func (m *Model) noteSave(o saveOutcome) {
	if o.err != nil && o.fails == 0 { // refused for good: it stays said
		m.refusal = "A change to your progress was refused and not saved: " + o.err.Error()
		if !m.saveFailed {
			m.warning = m.refusal
		}
		return
	}
	if o.err == nil && !m.saveFailed {
		return
	}
	unsaved := make(map[string]bool, len(o.waiting))
	for _, id := range o.waiting {
		unsaved[id] = true
	}
	m.unsaved = unsaved
	if o.err == nil && len(o.waiting) == 0 {
		m.saveFailed = false
		m.warning = m.refusal
		if m.store != nil && !m.store.Writable() {
			m.warning = m.store.Warning()
		}
	} else {
		m.saveFailed = true
		if o.err != nil {
			m.saveErr = o.err
		}
		m.warning = saveWarning(m.saveErr, len(o.waiting))
	}
	if m.screen == resultsScreen && m.results != nil {
		m.results.resize(m.context()) // its "not saved yet" marks
	}
}

func saveWarning(err error, waiting int) string {
	if progress.DiskFull(err) {
		// In words and first: the file's path would push the cause
		// past the window's edge ("write /tmp/wal…").
		if waiting > 0 {
			return fmt.Sprintf("The disk is full: free some space; %d %s waiting to be saved.",
				waiting, plural(waiting, "answer is", "answers are"))
		}
		return "The disk is full: free some space; your progress is waiting to be saved."
	}
	cause := strings.TrimPrefix(err.Error(), "progress is not being saved: ")
	if waiting > 0 { // the count first: a narrow window cuts the end off
		return fmt.Sprintf("Progress is not being saved: %d %s waiting; retrying. %s",
			waiting, plural(waiting, "answer is", "answers are"), cause)
	}
	return "Progress is not being saved; retrying. " + cause
}

// View draws the current screen. It is the only place a tea.View is built,
// so the alt-screen and other terminal settings are set on every path, and
// the one place every frame passes the sanitiser's last pass
// (render.Terminal): whatever a screen shows, only the renderer's colours
// and http(s)/mailto links reach the terminal. On a clean frame the pass is
// one read without a copy (BenchmarkReaderView).
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
			body = m.framed(m.home.view(m.context()))
		case readerScreen:
			body = m.framed(m.reader.view(m.context()))
		case quizScreen:
			body = m.framed(m.quiz.view(m.context()))
		case resumeScreen:
			body = m.framed(m.resume.view(m.context()))
		case resultsScreen:
			body = m.framed(m.results.view(m.context()))
		case glossaryScreen:
			body = m.framed(m.glossary.view(m.context()))
		case retakeScreen:
			body = m.framed(m.retake.view(m.context()))
		case searchScreen:
			body = m.framed(m.search.view(m.context()))
		case outlineScreen:
			body = m.framed(m.outline.view(m.context()))
		case resetScreen:
			body = m.framed(m.reset.view(m.context()))
		case labsScreen:
			body = m.framed(m.labs.view(m.context()))
		case reviewScreen:
			body = m.framed(reviewSummary{m.review}.view(m.context()))
		case statsScreen:
			body = m.framed(m.stats.view(m.context()))
		case profilesScreen:
			body = m.picker.view(m)
		}
	}
	body = render.Terminal(body)
	if m.ascii {
		body = render.ASCII(body)
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.WindowTitle = "Backend Tutor"
	v.Cursor = m.cursor()
	return v
}
