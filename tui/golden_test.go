package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"backend-tutor/content"
	"backend-tutor/internal/scheduler"
	"backend-tutor/tui/render"
)

// Golden screens: every screen of the fixture course at the three sizes the
// tutor is tried at, without colour (plain text, easy to review) and, at
// 80×24, in the dark style (escape codes included). When a screen changes
// on purpose, regenerate them all with
//
//	make golden        (go test ./tui -run TestGoldenScreens -update)
//
// and read the diff of tui/testdata/TestGoldenScreens by eye before
// committing it. The fixture course, not the guide, keeps them stable when
// the guide's chapters change.
func TestGoldenScreens(t *testing.T) {
	screens := []goldenScreen{
		{"welcome", nil},
		{"home", func(m *Model) {}},
		{"help", func(m *Model) { sendKeys(m, "?") }},
		{"reader-top", func(m *Model) { sendKeys(m, "enter") }},
		{"reader-end", func(m *Model) { sendKeys(m, "enter", "G") }},
		{"glossary", func(m *Model) { sendKeys(m, "G", "enter") }},
		{"labs", func(m *Model) { sendKeys(m, "G", "k", "enter") }},
		{"lab", func(m *Model) { sendKeys(m, "G", "k", "enter", "enter") }},
		{"results", func(m *Model) {
			sendKeys(m, "enter", "t")
			for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
				answerAny(m)
				sendKeys(m, "enter")
			}
		}},
	}
	screens = append(screens, goldenScreen{"stats", statsAt})
	screens = append(screens, goldenScreen{"reset", resetAt})
	screens = append(screens,
		goldenScreen{"review-question", reviewAt},
		goldenScreen{"review-answered", func(m *Model) { reviewAt(m); answerAny(m) }},
		goldenScreen{"review-summary", func(m *Model) { reviewAt(m); answerAny(m); sendKeys(m, "enter") }})
	for _, k := range []content.Kind{content.Single, content.Multi, content.TrueFalse, content.Typed, content.Order} {
		screens = append(screens,
			goldenScreen{kindName(k) + "-question", func(m *Model) { quizAt(m, k) }},
			goldenScreen{kindName(k) + "-answered", func(m *Model) { quizAt(m, k); answerAny(m) }})
	}
	e := newEnv(t)
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}} {
			for _, dark := range []bool{false, true} {
				if dark && size[0] != 80 {
					continue
				}
				mode := "nocolor"
				if dark {
					mode = "dark"
				}
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, size[0], size[1], mode), func(t *testing.T) {
					e.path = t.TempDir() + "/p.db" // a fresh progress file each time
					m := e.model(t, sc.to != nil)
					if dark {
						m.noColor, m.style = false, render.StyleDark
					}
					step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					if sc.to != nil {
						sc.to(m)
					}
					out := m.View().Content
					if !dark {
						out = ansi.Strip(out)
					}
					golden.RequireEqual(t, out+"\n")
				})
			}
		}
	}
}

// goldenScreen is one screen to capture: how to get there from the home
// screen (nil: stay on the welcome screen of a first run).
type goldenScreen struct {
	name string
	to   func(*Model)
}

func kindName(k content.Kind) string {
	return map[content.Kind]string{content.Single: "single", content.Multi: "multi",
		content.TrueFalse: "truefalse", content.Typed: "typed", content.Order: "order"}[k]
}

// quizAt opens the first chapter's quiz and answers questions until the
// first of kind k is showing.
func quizAt(m *Model, k content.Kind) {
	sendKeys(m, "enter", "t")
	for i := 0; i < 20 && m.Screen() == "quiz" && m.quiz.current().Kind != k; i++ {
		answerAny(m)
		sendKeys(m, "enter")
	}
}

// answerAny submits some answer to the question on screen: the first
// option, a tick on it, or an "x".
func answerAny(m *Model) {
	switch m.quiz.current().Kind {
	case content.Multi:
		sendKeys(m, "space")
	case content.Typed:
		sendKeys(m, "x")
	}
	sendKeys(m, "enter")
}

// statsAt takes the first chapter's quiz (the first option everywhere)
// on a clock that moves 20 s each time it is read, from a fixed time, in
// UTC, then opens the stats screen from home and waits for its figures.
func statsAt(m *Model) {
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	m.clock = func() time.Time { at = at.Add(20 * time.Second); return at }
	m.store.SetScheduler(scheduler.Default(time.UTC))
	sendKeys(m, "enter", "t")
	for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
		answerAny(m)
		sendKeys(m, "enter")
	}
	sendKeys(m, "esc", "s")
	settle(m)
}

// reviewAt opens a review session of the first chapter's first question
// (as if its card were due; the queue's reading is tested elsewhere).
func reviewAt(m *Model) {
	ch := m.course.Chapters[0]
	m.review = &reviewSession{items: []reviewItem{{ch, ch.Quiz.Questions[0]}}}
	m.askReview()
}

// At 40 columns the full title of the chapter being read or quizzed is
// wrapped in the header, never cut with "…" (issue 13): reader, quiz and
// results, each of which sizes its body under the taller header.
func TestGoldenLongTitle(t *testing.T) {
	const title = "How a request travels from the browser to your server and back"
	for _, sc := range []goldenScreen{
		{"reader", func(m *Model) { sendKeys(m, "enter") }},
		{"quiz", func(m *Model) { quizAt(m, content.Single) }},
		{"results", func(m *Model) {
			sendKeys(m, "enter", "t")
			for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
				answerAny(m)
				sendKeys(m, "enter")
			}
		}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t)
			e.course.Chapters[0].Title = title
			m := e.model(t, true)
			step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
			sc.to(m)
			out := ansi.Strip(m.View().Content)
			if strings.Contains(out, "…") {
				t.Errorf("a cut in the frame:\n%s", out)
			}
			if got := strings.Join(strings.Fields(out), " "); !strings.Contains(got, title) {
				t.Errorf("the full title %q is not on screen:\n%s", title, out)
			}
			if n := strings.Count(out, "\n") + 1; n != 12 {
				t.Errorf("the frame is %d lines, want 12:\n%s", n, out)
			}
			golden.RequireEqual(t, out+"\n")
			m.Flush()
		})
	}
}

// resetAt takes the first chapter's quiz, goes back to the chapter and
// asks to reset it.
func resetAt(m *Model) {
	sendKeys(m, "enter", "t")
	for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
		answerAny(m)
		sendKeys(m, "enter")
	}
	sendKeys(m, "c", "R")
}
