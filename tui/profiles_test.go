package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"backend-tutor/progress"
)

func pickerProfiles() []progress.ProfileSummary {
	return []progress.ProfileSummary{
		{Name: "Ann Lee", Learner: "Ann Lee", LastActivity: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)},
		{Name: "lab-3", Learner: "Bob Ray-Okonkwo-Montgomery", LastActivity: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)},
		{Name: "evil\x1b]0;owned\x07", Learner: ""},
	}
}

func newPickerModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m := New(Options{Profiles: pickerProfiles(), NoColor: true, Rand: testRand()})
	step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func typeText(m *Model, s string) {
	for _, r := range s {
		step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// The picker at 80 and 40 columns: the list, and a new profile's name
// refused with its reason. The footer keeps ? and the way out at 40.
func TestGoldenProfilePicker(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		for _, sc := range []struct {
			name string
			to   func(m *Model)
		}{
			{"list", func(m *Model) { sendKeys(m, "j") }},
			{"new-refused", func(m *Model) { sendKeys(m, "n"); typeText(m, "Ann <3"); sendKeys(m, "enter") }},
			{"help", func(m *Model) { sendKeys(m, "?") }},
		} {
			t.Run(sc.name+"_"+fmtSize(size), func(t *testing.T) {
				m := newPickerModel(t, size[0], size[1])
				sc.to(m)
				out := m.View().Content
				if strings.ContainsAny(out, "\x07") || strings.Contains(out, "\x1b]") {
					t.Fatal("a control in a profile name reached the screen")
				}
				lines := strings.Split(ansi.Strip(out), "\n")
				if foot := lines[len(lines)-1]; sc.name != "help" && (!strings.Contains(foot, "?") || !strings.Contains(foot, "esc")) {
					t.Errorf("footer without ? or the way out: %q", foot)
				}
				golden.RequireEqual(t, ansi.Strip(out)+"\n")
			})
		}
	}
}

// Choosing a profile, creating one (a refused name first), going back, and
// leaving without a choice.
func TestProfilePickerChoices(t *testing.T) {
	m := newPickerModel(t, 80, 24)
	sendKeys(m, "j", "enter")
	if name, isNew, ok := m.Picked(); !ok || isNew || name != "lab-3" {
		t.Fatalf("picked %q new %v ok %v", name, isNew, ok)
	}

	m = newPickerModel(t, 80, 24)
	sendKeys(m, "G", "enter") // "New profile"
	typeText(m, "ann lee")
	sendKeys(m, "enter")
	if _, _, ok := m.Picked(); ok || !strings.Contains(viewText(m), "already") {
		t.Fatalf("an existing name (other case) was taken:\n%s", viewText(m))
	}
	for range len("ann lee") {
		step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeText(m, "  Zoë O'Neil-2 ")
	sendKeys(m, "enter")
	if name, isNew, ok := m.Picked(); !ok || !isNew || name != "Zoë O'Neil-2" {
		t.Fatalf("new profile: %q new %v ok %v", name, isNew, ok)
	}

	// A list longer than the window scrolls with the cursor.
	var many []progress.ProfileSummary
	for i := range 50 {
		many = append(many, progress.ProfileSummary{Name: fmt.Sprintf("seat-%02d", i)})
	}
	m = New(Options{Profiles: many, NoColor: true, Rand: testRand()})
	step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
	sendKeys(m, "G")
	if v := viewText(m); !strings.Contains(v, "› + New profile") || !strings.Contains(v, "seat-49") {
		t.Fatalf("the end of a long list:\n%s", v)
	}
	sendKeys(m, "k", "k", "enter")
	if name, _, _ := m.Picked(); name != "seat-48" {
		t.Fatalf("picked %q", name)
	}

	m = newPickerModel(t, 80, 24)
	sendKeys(m, "n", "q", "esc") // q is typed into the name; esc goes back
	if m.picker.naming || m.picker.input.Value() != "q" {
		t.Fatalf("naming %v, typed %q", m.picker.naming, m.picker.input.Value())
	}
	sendKeys(m, "q")
	if _, _, ok := m.Picked(); ok {
		t.Fatal("q chose a profile")
	}
}
