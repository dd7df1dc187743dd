package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// The profile picker: when the progress file has several profiles and none
// was chosen (--profile, BACKEND_TUTOR_PROFILE, the config file), main runs
// the tutor first with Options.Profiles, and it shows only this screen:
// the profiles with their learner names and last practice (quiz, review
// or lab check: reading saves carry no time), and "New
// profile", which asks for a name typed once. Choosing ends the program;
// main reads the choice (Model.Picked) and starts the tutor for it. The
// picker reads and writes nothing: main made the list and saves a new one.

// pickerModel is the picker's state.
type pickerModel struct {
	profiles []progress.ProfileSummary
	cursor   int // index into profiles; len(profiles) is "New profile"
	naming   bool
	input    textinput.Model
	err      string // why the typed name was refused
	picked   string
	isNew    bool
}

func newPicker(profiles []progress.ProfileSummary) *pickerModel {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "your name"
	in.CharLimit = 200         // the rule is 40 characters: longer is refused with a message, not cut
	in.SetVirtualCursor(false) // the terminal's own cursor (focus): a screen reader follows it
	return &pickerModel{profiles: profiles, input: in}
}

// Picked is the profile chosen in the picker, whether it is a new one,
// and false when the learner left without choosing.
func (m *Model) Picked() (name string, isNew, ok bool) {
	if m.picker == nil || m.picker.picked == "" {
		return "", false, false
	}
	return m.picker.picked, m.picker.isNew, true
}

func (p *pickerModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if p.naming {
		switch {
		case key.Matches(msg, k.Close):
			p.naming, p.err = false, ""
			p.input.Blur()
			return nil
		case key.Matches(msg, k.Create):
			names := make([]string, len(p.profiles))
			for i, s := range p.profiles {
				names[i] = s.Name
			}
			name, err := progress.CheckNewProfileName(p.input.Value(), names)
			if err != nil {
				p.err = err.Error()
				return nil
			}
			p.picked, p.isNew = name, true
			return tea.Quit
		}
		p.err = ""
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Leave):
		return tea.Quit
	case key.Matches(msg, k.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(msg, k.Down):
		p.cursor = min(len(p.profiles), p.cursor+1)
	case key.Matches(msg, k.Top):
		p.cursor = 0
	case key.Matches(msg, k.Bottom):
		p.cursor = len(p.profiles)
	case key.Matches(msg, k.NewProfile):
		p.cursor = len(p.profiles)
		return p.startNaming(m)
	case key.Matches(msg, k.Pick):
		if p.cursor == len(p.profiles) {
			return p.startNaming(m)
		}
		p.picked = p.profiles[p.cursor].Name
		return tea.Quit
	}
	return nil
}

func (p *pickerModel) startNaming(m *Model) tea.Cmd {
	p.naming, p.err = true, ""
	p.input.SetWidth(max(10, m.width-6))
	return p.input.Focus()
}

// paste puts pasted text into the name, as one sanitised line.
func (p *pickerModel) paste(msg tea.PasteMsg) tea.Cmd {
	if !p.naming {
		return nil
	}
	msg.Content = render.SanitizeLine(msg.Content)
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

func (p *pickerModel) view(m *Model) string {
	width := max(10, m.width-4)
	var b strings.Builder
	if p.naming {
		b.WriteString(p.nameHeading(m))
		b.WriteString("  " + p.input.View() + "\n\n")
		if p.err != "" {
			b.WriteString(m.st.Warning.Render(hang("  ", render.Escape(p.err), m.width-2)))
		} else {
			b.WriteString(m.st.Subtle.Render(hang("  ", fmt.Sprintf("Up to %d letters, digits, spaces and - _ . '", progress.MaxNewProfileName), m.width-2)))
		}
		return m.frame("Backend Tutor — new profile", b.String(), m.shortHelp(m.screenKeys()))
	}
	b.WriteString(m.st.Subtle.Render(p.intro(m)) + "\n\n")
	first := p.first(m)
	dateW := len("Nov 28, 2026")
	nameW := max(4, width-2-dateW-2)
	for i, s := range p.profiles {
		if i < first {
			continue
		}
		// Escaped, not cleaned: two names that differ only in a
		// control character must not look the same.
		name := render.Escape(s.Name)
		if s.Learner != "" && s.Learner != s.Name {
			name += " · " + render.Escape(s.Learner)
		}
		name = ansi.Truncate(name, nameW, "…")
		when := "not yet"
		if !s.LastActivity.IsZero() {
			when = s.LastActivity.Local().Format("Jan 2, 2006")
		}
		row := name + strings.Repeat(" ", max(1, nameW-ansi.StringWidth(name)+2)) + m.st.Faint.Render(when)
		b.WriteString(p.row(m, i, row) + "\n")
	}
	b.WriteString(p.row(m, len(p.profiles), "+ New profile"))
	return m.frame("Backend Tutor — choose your profile", b.String(), m.shortHelp(m.screenKeys()))
}

func (p *pickerModel) nameHeading(m *Model) string {
	return hang("  ", "Your name (it names your profile and your exports):", m.width-2) + "\n\n"
}

func (p *pickerModel) intro(m *Model) string {
	return hang("  ", "Several learners use this computer. Who is studying? (Dates: last quiz, review or lab check; reading is not dated.)", m.width-2)
}

// listTop is the body line of the first profile shown: under the intro
// and a blank line.
func (p *pickerModel) listTop(m *Model) int { return strings.Count(p.intro(m), "\n") + 2 }

// first is the first profile shown: a long list scrolls with the cursor,
// so the row it is on (and "New profile", the last) can always be seen.
func (p *pickerModel) first(m *Model) int {
	rows := max(1, m.bodyHeight()-p.listTop(m))
	return max(0, p.cursor-rows+1)
}

// focus is where the terminal's cursor goes: the focused row's text, or
// the name's insertion point.
func (p *pickerModel) focus(m *Model) (spot, bool) {
	if p.naming {
		return spot{2 + inputX(p.input), strings.Count(p.nameHeading(m), "\n")}, true
	}
	return spot{markerX, p.listTop(m) + p.cursor - p.first(m)}, true
}

// row is one line of the list, marked when the cursor is on it.
func (p *pickerModel) row(m *Model, i int, text string) string {
	if i == p.cursor {
		return m.st.Cursor.Render("› ") + m.st.Selected.Render(text)
	}
	return "  " + text
}

// pickerKeys is the picker's help: the list's keys, or the name's.
func (p *pickerModel) pickerKeys(m *Model) helpKeys {
	k := m.keys
	if p.naming {
		return helpKeys{short: []key.Binding{k.Create, k.Close, k.Help}, full: [][]key.Binding{{k.Create, k.Close, k.Quit}}}
	}
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Pick, k.NewProfile, k.Help, k.Leave},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Pick}, {k.NewProfile, k.Leave, k.Quit}},
	}
}
