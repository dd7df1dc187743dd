package tui

import (
	"image/color"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A storm of resizes while reading: nothing breaks, every frame fits the
// window, and the chapter is re-rendered for the final size only once the
// size settles.
func TestResizeStorm(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter")
	if !m.reader.ready {
		t.Fatal("chapter not shown")
	}
	for i := range 300 {
		w, h := 30+(i*7)%150, 8+(i*5)%50
		m.Update(tea.WindowSizeMsg{Width: w, Height: h}) // drop the settle tick: the storm goes on
		v := m.View().Content
		lines := strings.Split(v, "\n")
		if len(lines) > h {
			t.Fatalf("%dx%d: %d lines", w, h, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("%dx%d: line %d wide: %q", w, h, ansi.StringWidth(l), ansi.Strip(l))
			}
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.reader.want.Width == 100 {
		t.Fatal("re-rendered before the size settled")
	}
	step(m, resizeSettledMsg{gen: m.resizeGen})
	if m.reader.want.Width != 100 || !m.reader.ready {
		t.Fatalf("after settling: render width %d, ready %v", m.reader.want.Width, m.reader.ready)
	}
}

// The glossary lists every term alphabetically with its chapter, and no
// escape sequence from the content reaches the screen.
func TestGlossaryScreen(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "G", "enter")
	if m.Screen() != "glossary" {
		t.Fatalf("screen %s, want glossary", m.Screen())
	}
	text := m.glossary.vp.GetContent()
	plain := ansi.Strip(text)
	if a, z := strings.Index(plain, "Alpha"), strings.Index(plain, "Zeta"); a < 0 || z < 0 || a > z {
		t.Fatalf("terms missing or not sorted:\n%s", plain)
	}
	if !strings.Contains(plain, "chapter 2: Beta chapter") {
		t.Fatalf("term's chapter not shown:\n%s", plain)
	}
	for _, bad := range []string{"]52;", "\x07", "[2J"} {
		if strings.Contains(text, bad) {
			t.Fatalf("glossary output contains %q", bad)
		}
	}
	sendKeys(m, "esc")
	if m.Screen() != "home" {
		t.Fatalf("esc should go home, got %s", m.Screen())
	}
}

// The tutor starts dark without waiting for the terminal; when the terminal
// reports a light background the styles and the chapter's render switch.
func TestLightBackgroundSwitchesStyle(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: &progress.Snapshot{Welcomed: true}, Cache: e.cache, Rand: testRand()}))
	if m.Init() == nil {
		t.Fatal("Init should ask the terminal for its background colour")
	}
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter")
	if m.style != render.StyleDark || m.reader.want.Style != render.StyleDark {
		t.Fatalf("should start dark, got %s / %s", m.style, m.reader.want.Style)
	}
	step(m, tea.BackgroundColorMsg{Color: color.White})
	if m.style != render.StyleLight || m.reader.want.Style != render.StyleLight || m.st.isDark {
		t.Fatalf("after a light background: style %s, render %s, dark styles %v", m.style, m.reader.want.Style, m.st.isDark)
	}
	// NO_COLOR: no query (Bubble Tea's colour profile drops the colours);
	// Init's only commands are the progress file's check before writing
	// and the read of today's review queue (the 4 AM rollover's tick goes
	// through Model.tick, dropped here).
	if cmd := withoutTicks(New(Options{Course: e.course, Store: s, NoColor: true})).Init(); cmd != nil {
		msgs := []tea.Msg{cmd()}
		if b, ok := msgs[0].(tea.BatchMsg); ok {
			msgs = msgs[:0]
			for _, c := range b {
				msgs = append(msgs, c())
			}
		}
		for _, msg := range msgs {
			if _, review := msg.(reviewQueueMsg); !isStoreChecked(msg) && !review {
				t.Fatalf("NO_COLOR: the background should not be queried; Init ran %T", msg)
			}
		}
	}
}

func isStoreChecked(msg tea.Msg) bool {
	_, ok := msg.(storeCheckedMsg)
	return ok
}

// "/" on home searches (it replaced the list's title filter): "bet" finds
// only Beta, and enter opens it; the index is built by a command whose
// message must reach the search screen.
func TestHomeFilter(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "/", "b", "e", "t")
	v := viewText(m)
	if !strings.Contains(v, "Beta chapter") || strings.Contains(v, "Alpha chapter") {
		t.Fatalf("searching for 'bet' should find only Beta:\n%s", v)
	}
	sendKeys(m, "enter", "enter")
	if m.Screen() != "reader" || m.reader.ch.ID != "beta" {
		t.Fatalf("enter on the result should open Beta, got %s", m.Screen())
	}
}

// In a small window the verdict and "press enter" are scrolled into view
// after an answer, and the footer says there is more above.
func TestFeedbackRevealedInSmallWindow(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
	sendKeys(m, "t")
	for m.quiz.current().ID != "o1" {
		sendKeys(m, "1", "enter", "enter")
		if m.quiz.current().Kind == content.Typed {
			sendKeys(m, "x", "enter", "enter")
		}
	}
	sendKeys(m, "enter") // submit o1 as shuffled: wrong
	v := viewText(m)
	if !strings.Contains(v, "Press enter for the next question") || !strings.Contains(v, "↑ more") {
		t.Fatalf("feedback not revealed or no cue:\n%s", v)
	}
}
