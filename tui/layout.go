package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/tui/render"
)

// frame lays a screen out: a header line, the body, the warning (if any) and
// a footer of key hints, exactly filling the window. Lines wider than the
// window are cut, never wrapped by the terminal.
func (m *Model) frame(header, body, footer string) string {
	top := []string{m.st.Header.Render(header), ""}
	var bottom []string
	if m.warning != "" {
		bottom = append(bottom, m.st.Warning.Render(ansi.Truncate(" ! "+m.warning, m.width, "…")))
	}
	bottom = append(bottom, m.st.Footer.Render(footer))
	avail := max(0, m.height-len(top)-len(bottom))
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

// bodyHeight is the number of body lines frame leaves for a screen.
func (m *Model) bodyHeight() int {
	h := m.height - 3
	if m.warning != "" {
		h--
	}
	return max(1, h)
}

// shortHelp renders one line of key hints.
func (m *Model) shortHelp(h helpKeys) string {
	return m.help.ShortHelpView(h.short)
}

func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("The window is %d×%d. Backend Tutor needs at least %d×%d: make it bigger, or press ctrl+c to quit.",
		m.width, m.height, MinWidth, MinHeight)
	w := max(1, m.width)
	return lipgloss.NewStyle().Width(w).MaxHeight(max(1, m.height)).Render(msg)
}

func (m *Model) helpView() string {
	keys := m.screenKeys()
	var b strings.Builder
	b.WriteString(lipgloss.NewStyle().PaddingLeft(2).Render(m.help.FullHelpView(keys.full)))
	b.WriteString("\n\n")
	b.WriteString(m.st.Subtle.Render("  ctrl+c quits from anywhere. Your answers are saved as you submit them."))
	return m.frame("Keys — "+screenTitle(m.screen), b.String(), "press any key to close")
}

func screenTitle(s screen) string {
	switch s {
	case homeScreen, welcomeScreen:
		return "chapter list"
	case readerScreen:
		return "reading a chapter"
	case quizScreen, resumeScreen:
		return "quiz"
	case resultsScreen:
		return "quiz results"
	case glossaryScreen:
		return "glossary"
	}
	return ""
}

// screenKeys is the help for the current screen.
func (m *Model) screenKeys() helpKeys {
	k := m.keys
	nextPrev := key.NewBinding(key.WithKeys("n", "p"), key.WithHelp("n/p", "next/previous chapter"))
	switch m.screen {
	case readerScreen:
		return helpKeys{
			short: []key.Binding{k.StartQuiz, nextPrev, k.Back, k.Help},
			full: [][]key.Binding{
				{k.Up, k.Down, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
				{k.NextChapter, k.PrevChapter, k.StartQuiz, k.Outline, k.Filter, k.Back, k.Quit},
			},
		}
	case quizScreen:
		if m.quiz != nil {
			return m.quiz.helpKeys(m)
		}
	case resumeScreen:
		return helpKeys{short: []key.Binding{k.Resume, k.Restart, k.Back}, full: [][]key.Binding{{k.Resume, k.Restart, k.Back, k.Quit}}}
	case resultsScreen:
		return m.results.helpKeys(m)
	case outlineScreen:
		return helpKeys{short: m.outline.keys(m), full: [][]key.Binding{m.outline.keys(m)}}
	case glossaryScreen:
		return helpKeys{
			short: []key.Binding{k.Up, k.Down, k.PageDown, k.Back, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.Filter, k.Back, k.Quit}},
		}
	}
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Open, k.StartQuiz, k.Filter, k.Help, k.QuitHome},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Open, k.StartQuiz}, {k.Filter, k.QuitHome, k.Quit}},
	}
}

func (m *Model) welcomeView() string {
	title := "Backend Tutor"
	if m.course != nil {
		title = m.course.Title
	}
	// Paragraphs are single lines: the box wraps them to the window.
	text := strings.Join([]string{
		m.st.Title.Render("Welcome to " + render.SanitizeLine(title)),
		"",
		fmt.Sprintf("%d chapters take you from \"what is a backend?\" to deploying and running one. "+
			"Read a chapter, then take its quiz. Everything you do is saved as you go, so you can quit "+
			"at any time and pick up exactly where you left off.", len(m.course.Chapters)),
		"",
		"↑/↓ or j/k  move and scroll",
		"enter       open",
		"space / b   page down / up",
		"t           take a chapter's quiz",
		"n / p       next / previous chapter",
		"esc or q    go back",
		"?           all keys, on any screen",
		"ctrl+c      quit",
		"",
		m.st.Selected.Render("Press enter to begin."),
	}, "\n")
	box := m.st.Box.Width(min(m.width-2, 78)).Render(text)
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

func (m *Model) resumeView() string {
	q := m.quiz
	w := max(20, min(m.width-4, 78))
	body := strings.Join([]string{
		"",
		hang("  ", fmt.Sprintf("You have an unfinished quiz for %q: %d of %d questions answered.",
			render.SanitizeLine(q.ch.Title), len(q.answers), len(q.questions)), w),
		"",
		hang("  ", "Press enter (or r) to carry on where you stopped, s to start over with freshly shuffled options, or esc to go back.", w),
	}, "\n")
	return m.frame("Quiz · "+render.SanitizeLine(q.ch.Title), body, m.shortHelp(m.screenKeys()))
}

// hang wraps text to width with a hanging indent: the first line starts
// with prefix, and every following line is indented to line up under the
// text, so a long option or answer reads as one block.
func hang(prefix, text string, width int) string {
	pw := ansi.StringWidth(prefix)
	body := lipgloss.NewStyle().Width(max(10, width-pw)).Render(text)
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
