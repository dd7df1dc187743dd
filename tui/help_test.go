package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
)

// Attack (issue 9, "nothing cut"): at 40 columns help's own layout drops a
// whole group of keys for "…" (the reader's n/p, t, o and / were not listed;
// the welcome screen listed no key at all), and at 12 rows the note under
// the keys was cut. Every key of every screen, and the note, must be
// readable at every supported size: scrolled to with ↓ when the window is
// short, never wider than the window, and under a title naming the screen.
func TestHelpWholeInSmallWindows(t *testing.T) {
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	screens := map[string]func(m *Model){
		"welcome": func(m *Model) {},
		"home":    func(m *Model) {},
		"reader":  func(m *Model) { run(m, m.openChapter("http-essentials", 0)) },
		"outline": func(m *Model) { run(m, m.openChapter("http-essentials", 0)); sendKeys(m, "o") },
		"glossary": func(m *Model) {
			run(m, m.openGlossary())
		},
		"quiz": func(m *Model) {
			run(m, m.openChapter("http-essentials", 0))
			sendKeys(m, "t")
			settle(m)
		},
	}
	for _, size := range [][2]int{{40, 12}, {60, 20}, {80, 24}, {120, 24}} {
		for name, open := range screens {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				e := newEnv(t)
				e.course = course
				m := e.sized(t, name != "welcome", size[0], size[1])
				open(m)
				want := m.screenKeys().full
				sendKeys(m, "?")
				if !m.showHelp {
					t.Fatal("? did not open the help")
				}
				if v := viewText(m); strings.HasSuffix(strings.TrimSpace(strings.SplitN(v, "\n", 2)[0]), "Keys —") {
					t.Errorf("help title names no screen:\n%s", v)
				}
				// the body's lines, scrolling with ↓ while there is more
				var all []string
				prev := ""
				for i := 0; i < 60 && m.showHelp; i++ {
					v := viewText(m)
					if v == prev {
						break // ↓ moved nothing: the whole help has been shown
					}
					lines := strings.Split(v, "\n")
					for i, l := range lines {
						if w := ansi.StringWidth(l); w > size[0] {
							t.Errorf("line %d is %d wide: %q", i, w, l)
						}
					}
					body := lines[2 : len(lines)-1]
					if prev != "" {
						body = body[len(body)-1:] // scrolled by one line
					}
					for _, l := range body {
						all = append(all, strings.Join(strings.Fields(l), " "))
					}
					prev = v
					if !strings.Contains(lastLine(v), "more") {
						break
					}
					sendKeys(m, "down")
				}
				text := strings.Join(all, " ")
				for _, g := range want {
					for _, b := range g {
						if h := b.Help(); !strings.Contains(text, h.Key+" "+h.Desc) {
							t.Errorf("help lacks %q %q:\n%s", h.Key, h.Desc, strings.Join(all, "\n"))
						}
					}
				}
				if !strings.Contains(text, "saved as you submit them.") {
					t.Errorf("the note under the keys is cut:\n%s", strings.Join(all, "\n"))
				}
				sendKeys(m, "x")
				if m.showHelp {
					t.Error("another key did not close the help")
				}
			})
		}
	}
}

// Attack (issue 9, "nothing cut"): at 40 columns the glossary's line naming
// a term's chapter ran past the window and the viewport cut it without a
// mark ("chapter 3: HTTP essentials: methods, status c"). Every line of
// the glossary fits the window, so nothing is lost off its edge.
func TestGlossaryLinesFitNarrowWindow(t *testing.T) {
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{40, 60, 80} {
		e := newEnv(t)
		e.course = course
		m := e.sized(t, true, w, 24)
		text, _, _ := glossaryLines(m.context(), "", "")
		for i, l := range strings.Split(text, "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("%d columns: line %d is %d wide: %q", w, i, lw, ansi.Strip(l))
				break
			}
		}
	}
}

// Attack: the welcome screen had no warning line, so a first start whose
// progress file cannot be written (or whose recovery file could not be
// merged) said "Everything you do is saved as you go" and nothing else.
// The warning shows there too, and the box keeps its border and last line.
func TestWelcomeShowsWarning(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}} {
		m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand(),
			Notice: "Some saved answers could not be added yet: recovery file x was kept"}))
		step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := viewText(m)
		lines := strings.Split(v, "\n")
		if !strings.Contains(v, "Welcome") || !strings.HasPrefix(lastLine(v), " ! Some saved") {
			t.Errorf("%dx%d: no warning on the welcome screen:\n%s", size[0], size[1], v)
		}
		if len(lines) > size[1] || !strings.Contains(v, "Press enter to begin.") || !strings.Contains(v, "╰") {
			t.Errorf("%dx%d: %d lines, or the box lost its end:\n%s", size[0], size[1], len(lines), v)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%dx%d: line wider than the window: %q", size[0], size[1], l)
			}
		}
	}
}

// Attack: the built-in guide's welcome said its second half twice ("...
// pick up exactly where you left off. Read a chapter, then take its
// quiz. Everything you do is saved as you go, ..."): course.yaml carried
// the sentence the tutor adds to every course's welcome.
func TestGuideWelcomeSaysItOnce(t *testing.T) {
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	text := welcomeText(course)
	for _, s := range []string{"Read a chapter", "saved as you go", "what is a backend"} {
		if n := strings.Count(text, s); n != 1 {
			t.Errorf("%q is said %d times in the welcome: %s", s, n, text)
		}
	}
}
