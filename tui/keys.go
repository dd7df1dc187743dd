package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap is the one keymap of the tutor. Every screen matches keys against
// it and builds its help from it, so the help can never drift from what the
// keys really do. Note v2 names: "space", not " ".
type keyMap struct {
	Quit, Help, Back, Open, Filter, QuitHome key.Binding
	Stats                                    key.Binding // home: the stats screen (tui/stats.go)

	// reader
	Up, Down, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	NextChapter, PrevChapter, StartQuiz, Outline              key.Binding

	// quiz
	Choose, Toggle, Submit, Hint, MoveUp, MoveDown, Number key.Binding
	True, False                                            key.Binding

	// results and prompts
	Retry, RetryMissed, Resume, Restart key.Binding
	LastResult, Reset                   key.Binding // reader and home: the chapter's last result; reset it
	Again, NotNow                       key.Binding // "take a passed quiz again?"
	ConfirmReset, Keep                  key.Binding // "reset this chapter?" (only y resets: it is destructive)
	Home                                key.Binding // a review's summary
	ReadSection                         key.Binding // stats: the section of the weakest question picked

	// labs
	CheckLab, CancelCheck key.Binding

	// search: letters are typed into the query, so moving is by arrows
	ResultUp, ResultDown, ResultPageUp, ResultPageDown, Close key.Binding

	// the profile picker (tui/profiles.go): the list, then a new
	// profile's name typed in (letters are typed, so only enter and esc)
	Pick, NewProfile, Leave, Create key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit:        key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:        key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "back")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")), // opens the search screen
		QuitHome:    key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Stats:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "stats")),
		ReadSection: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read its section")),

		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "half page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "half page up")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextChapter: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next chapter")),
		PrevChapter: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous chapter")),
		StartQuiz:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "take the quiz")),
		Outline:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outline")),

		Choose:   key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "choose")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick/untick")),
		Submit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
		Hint:     key.NewBinding(key.WithKeys("h", "tab"), key.WithHelp("h/tab", "hint")),
		MoveUp:   key.NewBinding(key.WithKeys("shift+up", "K"), key.WithHelp("shift+↑/K", "move item up")),
		MoveDown: key.NewBinding(key.WithKeys("shift+down", "J"), key.WithHelp("shift+↓/J", "move item down")),
		Number:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick")),
		True:     key.NewBinding(key.WithKeys("t", "1"), key.WithHelp("t/1", "true")),
		False:    key.NewBinding(key.WithKeys("f", "2"), key.WithHelp("f/2", "false")),

		Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retake")),
		Resume:      key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("enter/r", "resume")),
		RetryMissed: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "retry missed")),
		LastResult:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "last result")),
		Reset:       key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reset this chapter")),
		Restart:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start over")),

		Again:        key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "take it again")),
		NotNow:       key.NewBinding(key.WithKeys("esc", "n", "q"), key.WithHelp("esc/n", "not now")),
		ConfirmReset: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "reset")),
		Keep:         key.NewBinding(key.WithKeys("esc", "n", "q"), key.WithHelp("esc/n", "keep it")),
		Home:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "home")),

		CheckLab:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check server")),
		CancelCheck: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the check")),

		ResultUp:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous")),
		ResultDown:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↑/↓", "choose")),
		ResultPageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		ResultPageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Close:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Pick:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		NewProfile: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new profile")),
		Leave:      key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "quit")),
		Create:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")),
	}
}

// helpKeys adapts a list of bindings to bubbles/help.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// scroller is what the scrolling screens share: the reader's pager and the
// bubbles viewports of the glossary, the results and the quiz.
type scroller interface {
	ScrollUp(n int)
	ScrollDown(n int)
	PageDown()
	PageUp()
	HalfPageDown()
	HalfPageUp()
	SetYOffset(n int)
}

// scrollKey applies a scrolling key to s and says whether it was one.
func scrollKey(s scroller, k keyMap, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		s.ScrollUp(1)
	case key.Matches(msg, k.Down):
		s.ScrollDown(1)
	case key.Matches(msg, k.PageDown):
		s.PageDown()
	case key.Matches(msg, k.PageUp):
		s.PageUp()
	case key.Matches(msg, k.HalfDown):
		s.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		s.HalfPageUp()
	case key.Matches(msg, k.Top):
		s.SetYOffset(0)
	case key.Matches(msg, k.Bottom):
		s.SetYOffset(1 << 30) // clamped to the last page
	default:
		return false
	}
	return true
}
