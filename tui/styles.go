package tui

import (
	"charm.land/bubbles/v2/progress"
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles is every style the tutor draws with, built in one place from the
// background (dark or light). Views never build colours inline.
type styles struct {
	isDark bool

	Title, Subtle, Faint, Header, Footer lipgloss.Style
	Selected, Cursor, Item               lipgloss.Style
	Right, Wrong, Warning, Accent        lipgloss.Style
	Box, Explanation                     lipgloss.Style
	Code, Strong                         lipgloss.Style // inline markdown in questions
	Match                                lipgloss.Style // a search match
	accent                               color.Color
}

func newStyles(isDark bool) styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#A78BFA"))
	subtle := ld(lipgloss.Color("#555555"), lipgloss.Color("#A8A8A8"))
	faint := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	green := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#4ADE80"))
	red := ld(lipgloss.Color("#C62828"), lipgloss.Color("#F87171"))
	amber := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#FBBF24"))
	return styles{
		isDark:      isDark,
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Subtle:      lipgloss.NewStyle().Foreground(subtle),
		Faint:       lipgloss.NewStyle().Foreground(faint),
		Header:      lipgloss.NewStyle().Bold(true).Foreground(accent).Padding(0, 1),
		Footer:      lipgloss.NewStyle().Foreground(subtle).Padding(0, 1),
		Selected:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Cursor:      lipgloss.NewStyle().Foreground(accent),
		Item:        lipgloss.NewStyle(),
		Right:       lipgloss.NewStyle().Bold(true).Foreground(green),
		Wrong:       lipgloss.NewStyle().Bold(true).Foreground(red),
		Warning:     lipgloss.NewStyle().Bold(true).Foreground(amber),
		Accent:      lipgloss.NewStyle().Foreground(accent),
		Box:         lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2),
		Explanation: lipgloss.NewStyle().Foreground(subtle).PaddingLeft(2),
		// glamour's inline code colours (dark: 203 on 236), so questions
		// match the chapters.
		Code:   lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#D7005F"), lipgloss.Color("#FF5F5F"))).Background(ld(lipgloss.Color("#EEEEEE"), lipgloss.Color("#303030"))),
		Strong: lipgloss.NewStyle().Bold(true),
		Match:  matchStyle,
		accent: accent,
	}
}

// matchStyle marks search matches, in the tutor and in `backend-tutor
// search`: reversed and bold, which shows in both colour schemes and under
// NO_COLOR (which drops colours, not attributes).
var matchStyle = lipgloss.NewStyle().Reverse(true).Bold(true)

// solidBar is the progress bar of the home and stats screens: solid, in the
// accent colour (the default half blocks in a blend read as a comb). Its
// FullColor is set again when the background turns out light or dark.
func (st *styles) solidBar(width int) progress.Model {
	return progress.New(progress.WithWidth(width), progress.WithoutPercentage(),
		progress.WithFillCharacters(progress.DefaultFullCharFullBlock, progress.DefaultEmptyCharBlock),
		progress.WithColors(st.accent))
}
