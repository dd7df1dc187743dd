package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/tui/render"
)

// frame lays a screen out: the header (wrapped, headerLines), a blank
// line, the body, the warning (if any) and a footer of key hints, exactly
// filling the window. Other lines wider than the window are cut, never
// wrapped by the terminal. How many lines it put above the body is kept in
// m.top, where the terminal's cursor is placed (tui/cursor.go).
func (m *Model) frame(header, body, footer string) string {
	var top []string
	for _, l := range headerLines(m.width, header) {
		top = append(top, m.st.Header.Render(l))
	}
	top = append(top, "")
	m.top = len(top)
	var bottom []string
	if m.warning != "" {
		bottom = append(bottom, m.warningLine())
	}
	if m.notice != "" { // said once, in the footer's place, until the next key
		footer = m.st.Selected.Render(" " + render.SanitizeLine(m.notice))
	}
	bottom = append(bottom, m.st.Footer.Render(footer))
	avail := max(0, m.height-len(top)-len(bottom))
	m.bodyRows = avail
	lines := strings.Split(body, "\n")
	if len(lines) > avail {
		lines = lines[:avail]
	}
	for len(lines) < avail {
		lines = append(lines, "")
	}
	all := append(append(top, lines...), bottom...)
	for i, l := range all {
		if ansi.StringWidth(l) > m.width {
			all[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(all, "\n")
}

// warningLine is the warning, on one line of the window.
func (m *Model) warningLine() string {
	return m.st.Warning.Render(ansi.Truncate(" ! "+render.Escape(m.warning), m.width, "…"))
}

// maxHeaderLines bounds a wrapped header: a pack's title of a thousand
// characters must still leave the body room at 40×12.
const maxHeaderLines = 3

// headerLines is a screen's header wrapped to the window: at 40 columns
// the full title of the chapter being read or quizzed is wrapped, not cut
// (issue 13). Only a header longer than maxHeaderLines lines is cut, "…".
func headerLines(width int, header string) []string {
	w := max(1, width-2) // the header style's padding
	if ansi.StringWidth(header) <= w {
		return []string{header}
	}
	// Only what can show is wrapped: a pack's title of 100,000 characters
	// would otherwise be wrapped on every key of a quiz.
	header = ansi.Truncate(header, (maxHeaderLines+1)*w, "")
	lines := strings.Split(ansi.Wrap(header, w, ""), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	if len(lines) > maxHeaderLines {
		lines = lines[:maxHeaderLines]
		lines[maxHeaderLines-1] = ansi.Truncate(lines[maxHeaderLines-1]+" …", w, "…")
	}
	return lines
}

// bodyHeight is window's (tui/context.go), for the root's own screens.
func (m *Model) bodyHeight() int { return m.window().bodyHeight() }

// framed puts a page in the frame, its keys (or the screen's) as the footer.
func (m *Model) framed(p page) string {
	if p.footer != "" {
		return m.frame(p.header, p.body, p.footer)
	}
	if p.keys == nil {
		p.keys = m.screenKeys().short
	}
	return m.frame(p.header, p.body, m.hintText(p.cue, p.keys...))
}

// shortHelp renders one line of key hints.
func (m *Model) shortHelp(h helpKeys) string {
	return m.hintText("", h.short...)
}

// hintText is a footer line: prefix, then as many key hints as fit the
// window. Hints go from the least important end (each screen lists them
// most important first), but the help key and the way back stay at every
// width: a learner is never left without a way to learn the keys or leave.
// A prefix too long for what must stay is cut short with "…".
func (m *Model) hintText(prefix string, bindings ...key.Binding) string {
	avail := m.width - 2 // the footer's padding
	hints := m.fitHints(avail-ansi.StringWidth(prefix), bindings)
	if room := avail - ansi.StringWidth(hints); ansi.StringWidth(prefix) > room {
		prefix = ansi.Truncate(prefix, max(0, room-3), "…") + " · "
	}
	return prefix + hints
}

// fitHints is as many of the hints as fit in avail columns (see hintText).
func (m *Model) fitHints(avail int, bindings []key.Binding) string {
	h := m.help
	h.SetWidth(0) // measured here, not cut with "…" by help
	hints := append([]key.Binding(nil), bindings...)
	for {
		s := h.ShortHelpView(hints)
		if ansi.StringWidth(s) <= avail {
			return s
		}
		// Moving keys go first (arrows need no telling), then the rest from
		// the least important end.
		drop := -1
		for i, b := range hints {
			if hintRank(b) == 0 || hintRank(b) == 1 && (drop < 0 || hintRank(hints[drop]) == 1) {
				drop = i
			}
		}
		if drop < 0 {
			return s // only help and the way back left: frame cuts the line
		}
		hints = append(hints[:drop], hints[drop+1:]...)
	}
}

// hintRank orders footer hints for dropping: 0 moving keys, dropped first;
// 1 the rest; 2 help and the way back, kept at every width.
func hintRank(b key.Binding) int {
	rank := 1
	for _, k := range b.Keys() {
		switch k {
		case "?", "esc", "q":
			return 2
		case "up", "down", "pgdown":
			rank = 0
		}
	}
	return rank
}

func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("The window is %d×%d. Backend Tutor needs at least %d×%d: make it bigger, or press ctrl+c to quit.",
		m.width, m.height, MinWidth, MinHeight)
	w := max(1, m.width)
	return lipgloss.NewStyle().Width(w).MaxHeight(max(1, m.height)).Render(msg)
}

func (m *Model) helpView() string {
	lines := m.helpLines()
	footer := "press any key to close"
	if top := m.helpMaxTop(); top > 0 {
		// too tall for the window: ↑/↓ scroll, every other key closes
		lines = lines[min(m.helpTop, top):] // the window may have grown since
		footer = "↑/↓ more · any other key closes"
	}
	return m.frame("Keys — "+screenTitle(m.screen), strings.Join(lines, "\n"), footer)
}

// helpLines is the help's body: the screen's keys, then the note on
// ctrl+c. Groups of keys sit side by side when they fit the window (help's
// own layout); otherwise one under another, each description wrapped under
// itself, so a narrow window cuts no key (help would drop whole groups).
func (m *Model) helpLines() []string {
	keys := m.screenKeys()
	avail := m.width - 2 // the left padding
	h := m.help
	h.SetWidth(0)
	cols := h.FullHelpView(keys.full)
	if lipgloss.Width(cols) > avail {
		var groups []string
		for _, g := range keys.full {
			groups = append(groups, m.helpGroup(g, avail))
		}
		cols = strings.Join(groups, "\n\n")
	}
	body := lipgloss.NewStyle().PaddingLeft(2).Render(cols) + "\n\n" +
		m.st.Subtle.Render(hang("  ", "ctrl+c quits from anywhere. Your answers are saved as you submit them.", m.width-2))
	return strings.Split(body, "\n")
}

// helpGroup is one group of keys in a column: the keys, then each
// description wrapped to width under itself.
func (m *Model) helpGroup(g []key.Binding, width int) string {
	keyW := 0
	for _, b := range g {
		if b.Enabled() {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	st := m.help.Styles
	var lines []string
	for _, b := range g {
		if !b.Enabled() {
			continue
		}
		k := b.Help().Key
		prefix := st.FullKey.Render(k) + strings.Repeat(" ", keyW-ansi.StringWidth(k)+1)
		lines = append(lines, hang(prefix, st.FullDesc.Render(b.Help().Desc), width))
	}
	return strings.Join(lines, "\n")
}

// helpMaxTop is how far the help scrolls: 0 when it fits the window.
func (m *Model) helpMaxTop() int {
	return max(0, len(m.helpLines())-m.bodyHeight())
}

func screenTitle(s screen) string {
	switch s {
	case welcomeScreen:
		return "welcome"
	case homeScreen:
		return "chapter list"
	case readerScreen:
		return "reading a chapter"
	case quizScreen, resumeScreen, retakeScreen:
		return "quiz"
	case resultsScreen:
		return "quiz results"
	case glossaryScreen:
		return "glossary"
	case outlineScreen:
		return "chapter outline"
	case labsScreen:
		return "labs"
	case statsScreen:
		return "your progress"
	case reviewScreen:
		return "review summary"
	case profilesScreen:
		return "choose your profile"
	}
	return ""
}

// screenKeys is the help for the current screen.
func (m *Model) screenKeys() helpKeys {
	k := m.keys
	nextPrev := key.NewBinding(key.WithKeys("n", "p"), key.WithHelp("n/p", "next/previous chapter"))
	switch m.screen {
	case welcomeScreen:
		begin := key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter/space", "begin: go to the chapter list"))
		leave := key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "quit"))
		return helpKeys{short: []key.Binding{begin, leave, k.Help}, full: [][]key.Binding{{begin, leave, k.Quit}}}
	case readerScreen:
		return helpKeys{
			short: []key.Binding{k.StartQuiz, nextPrev, k.Back, k.Help},
			full: [][]key.Binding{
				{k.Up, k.Down, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
				{k.NextChapter, k.PrevChapter, k.StartQuiz, k.LastResult, k.Reset, k.Outline, k.Filter, k.Back, k.Quit},
			},
		}
	case quizScreen:
		if m.quiz != nil {
			return m.quiz.helpKeys(&k)
		}
	case retakeScreen:
		return helpKeys{short: []key.Binding{k.Again, k.NotNow, k.Help}, full: [][]key.Binding{{k.Again, k.NotNow, k.Quit}}}
	case resetScreen:
		return helpKeys{short: []key.Binding{k.ConfirmReset, k.Keep, k.Help}, full: [][]key.Binding{{k.ConfirmReset, k.Keep, k.Quit}}}
	case reviewScreen:
		return helpKeys{short: []key.Binding{k.Home, k.Help}, full: [][]key.Binding{{k.Home, k.Back, k.Quit}}}
	case resumeScreen:
		return helpKeys{short: []key.Binding{k.Resume, k.Restart, k.Back, k.Help}, full: [][]key.Binding{{k.Resume, k.Restart, k.Back, k.Quit}}}
	case resultsScreen:
		return m.results.helpKeys(&k)
	case labsScreen:
		return m.labs.helpKeys(&k)
	case outlineScreen:
		return helpKeys{short: m.outline.keys(&k), full: [][]key.Binding{m.outline.keys(&k)}}
	case profilesScreen:
		return m.picker.pickerKeys(m)
	case statsScreen:
		short := []key.Binding{k.Up, k.Down, k.PageDown, k.Back, k.Help}
		if m.stats != nil && m.stats.sel >= 0 { // a weakest question is picked
			short = []key.Binding{k.Up, k.Down, k.ReadSection, k.Back, k.Help}
		}
		return helpKeys{
			short: short,
			full:  [][]key.Binding{{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.ReadSection, k.Back, k.Quit}},
		}
	case glossaryScreen:
		return helpKeys{
			short: []key.Binding{k.Up, k.Down, k.PageDown, k.Back, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.Filter, k.Back, k.Quit}},
		}
	}
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Open, k.StartQuiz, k.Filter, k.Stats, k.Help, k.QuitHome},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Open, k.StartQuiz, k.LastResult}, {k.Filter, k.Stats, k.QuitHome, k.Quit}},
	}
}

// welcomeKeys is the short key list on the welcome screen.
var welcomeKeys = []string{
	"↑/↓ or j/k  move and scroll",
	"enter       open",
	"space / b   page down / up",
	"t           take a chapter's quiz",
	"n / p       next / previous chapter",
	"esc or q    go back",
	"?           all keys, on any screen",
	"ctrl+c      quit",
}

// welcomeText is what the first screen says about the course: the course
// file's welcome, or for a pack without one a neutral line naming it.
func welcomeText(c *content.Course) string {
	about := strings.TrimSpace(c.Welcome)
	if about == "" {
		about = fmt.Sprintf("%s has %s.", c.Title, content.Chapters(len(c.Chapters)))
	}
	return render.Sanitize(about) + " Read a chapter, then take its quiz. Everything you do is saved as you go, " +
		"so you can quit at any time and pick up exactly where you left off."
}

// welcomeView is the first-run box. A short window gets a shorter box (the
// key list, then the padding, then the spacing go, and last the text is
// cut with "…"), never a box without its border or "Press enter to begin".
func (m *Model) welcomeView() string {
	title := "Backend Tutor"
	if m.course != nil && m.course.Title != "" {
		title = m.course.Title
	}
	head := m.st.Title.Render("Welcome to " + render.SanitizeLine(title))
	about := render.MarkWideBreaks(welcomeText(m.course)) // taken out again below
	begin := m.st.Selected.Render("Press enter to begin.")
	box := m.st.Box.Width(min(m.width-2, 78))
	// A warning (progress not being saved, a recovery file kept) shows
	// here too, on the last line: the box says everything is saved.
	height, warn := m.height, ""
	if m.warning != "" {
		height--
		warn = "\n" + m.warningLine()
	}
	var out string
	for _, try := range []struct {
		keys, gaps bool
		pad        int
	}{{true, true, 1}, {false, true, 1}, {false, true, 0}, {false, false, 0}} {
		parts := []string{head, about}
		if try.keys {
			parts = append(parts, strings.Join(welcomeKeys, "\n"))
		}
		sep := "\n"
		if try.gaps {
			sep = "\n\n"
		}
		out = box.Padding(try.pad, 2).Render(strings.Join(append(parts, begin), sep))
		if lipgloss.Height(out) <= height {
			return render.DropWideBreaks(lipgloss.Place(m.width, height, lipgloss.Center, lipgloss.Center, out)) + warn
		}
	}
	// Still too tall: cut the text, keeping the title, the last line and
	// the border.
	b := box.Padding(0, 2)
	inner := b.GetWidth() - b.GetHorizontalFrameSize()
	wrap := lipgloss.NewStyle().Width(inner)
	lines := strings.Split(wrap.Render(about), "\n")
	keep := max(1, height-2-lipgloss.Height(wrap.Render(head))-1) // border, title, begin line
	if len(lines) > keep {
		lines = lines[:keep]
		lines[keep-1] = ansi.Truncate(strings.TrimRight(lines[keep-1], " "), inner-1, "") + "…"
	}
	out = b.Render(strings.Join(append(append([]string{head}, lines...), begin), "\n"))
	return render.DropWideBreaks(lipgloss.Place(m.width, height, lipgloss.Center, lipgloss.Center, out)) + warn
}

// wrapped renders s in a style that wraps it (one with a Width), letting
// Chinese and Japanese text break between its characters, as it has no
// spaces to break at (render.MarkWideBreaks).
func wrapped(st lipgloss.Style, s string) string {
	return render.DropWideBreaks(st.Render(render.MarkWideBreaks(s)))
}

// hang wraps text to width with a hanging indent: the first line starts
// with prefix, and every following line is indented to line up under the
// text, so a long option or answer reads as one block.
func hang(prefix, text string, width int) string {
	pw := ansi.StringWidth(prefix)
	body := wrapped(lipgloss.NewStyle().Width(max(10, width-pw)), text)
	lines := strings.Split(body, "\n")
	pad := strings.Repeat(" ", pw)
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
