package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// sized is a model over the env's files at a window size, already past the
// first WindowSizeMsg.
func (e *env) sized(t *testing.T, welcomed bool, w, h int) *Model {
	t.Helper()
	m := e.model(t, welcomed)
	step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// Issue 9's bug 1 ("No chapters." after "/ http enter enter esc") went
// with the list's title filter: "/" is search now, and the regression is
// TestRealTerminalSlashHTTPEnterEnterEsc (the real binary) with the search
// screen's own tests.

// Every footer keeps "? help" (where "?" works) and the way back at every
// width from the minimum up.
func TestFootersKeepHelpAndWayBack(t *testing.T) {
	e := newEnv(t)
	screens := []struct {
		name string
		keys []string
		back string
	}{
		{"home", nil, "q quit"},
		{"reader", []string{"enter"}, "esc/q back"},
		{"quiz", []string{"enter", "t"}, "esc leave"},
		{"answered", []string{"enter", "t", "enter"}, "esc leave"},
		{"glossary", []string{"G", "enter"}, "esc/q back"},
		{"search", []string{"/", "a", "l"}, "esc back"},
		{"labs", []string{"G", "k", "enter"}, "esc/q back"},
		{"lab", []string{"G", "k", "enter", "enter"}, "esc/q back"},
		{"stats", []string{"s"}, "esc/q back"},
	}
	for _, sc := range screens {
		for w := MinWidth; w <= 120; w += 4 {
			m := e.sized(t, true, w, 24)
			sendKeys(m, sc.keys...)
			foot := lastLine(viewText(m))
			help := "? help"
			if sc.name == "search" { // "?" is typed into the query
				help = ""
			}
			if !strings.Contains(foot, help) || !strings.Contains(foot, sc.back) || strings.HasSuffix(strings.TrimSpace(foot), "…") {
				t.Errorf("%s at %d columns: footer %q lacks \"? help\" or %q", sc.name, w, foot, sc.back)
			}
		}
	}
	// The results: answer every question (enter picks the first option).
	m := e.sized(t, true, 80, 24)
	sendKeys(m, "enter", "t")
	for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
		if m.quiz.current().Kind == content.Multi && !m.quiz.submitted {
			sendKeys(m, "space")
		}
		if m.quiz.current().Kind == content.Typed && !m.quiz.submitted {
			sendKeys(m, "x")
		}
		sendKeys(m, "enter")
	}
	if m.Screen() != "results" {
		t.Fatalf("screen %s, want results", m.Screen())
	}
	for w := MinWidth; w <= 120; w += 4 {
		step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		if foot := lastLine(viewText(m)); !strings.Contains(foot, "? help") || !strings.Contains(foot, "esc chapter list") {
			t.Errorf("results at %d columns: footer %q", w, foot)
		}
	}
}

// The welcome box keeps its border and "Press enter to begin" at every
// size from the minimum up.
func TestWelcomeBoxIsWhole(t *testing.T) {
	e := newEnv(t)
	guide, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*content.Course{e.course, guide} {
		e.course = c
		for _, size := range [][2]int{{40, 12}, {50, 14}, {60, 20}, {80, 24}, {120, 40}} {
			m := e.sized(t, false, size[0], size[1])
			v := viewText(m)
			if n := strings.Count(v, "\n") + 1; n > size[1] {
				t.Errorf("%s at %dx%d: %d lines, more than the window", c.Title, size[0], size[1], n)
			}
			if !strings.Contains(v, "╭") || !strings.Contains(v, "╰") || !strings.Contains(v, "Press enter to begin") {
				t.Errorf("%s at %dx%d: box cut:\n%s", c.Title, size[0], size[1], v)
			}
			for _, l := range strings.Split(v, "\n") {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("%dx%d: line wider than the window: %q", size[0], size[1], l)
				}
			}
		}
	}
}

// The welcome text comes from the course file; a pack without one gets a
// neutral line that names it, never the built-in guide's text.
func TestWelcomeTextFromCourse(t *testing.T) {
	e := newEnv(t)
	v := viewText(e.sized(t, false, 100, 40))
	if strings.Contains(v, "what is a backend") || !strings.Contains(v, "has 2 chapters") {
		t.Fatalf("a pack without a welcome:\n%s", v)
	}
	guide, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	if guide.Welcome == "" || !strings.Contains(guide.Welcome, "what is a backend") {
		t.Fatalf("the guide's course.yaml has no welcome: %q", guide.Welcome)
	}
	e.course = guide
	if v := viewText(e.sized(t, false, 100, 40)); !strings.Contains(v, "what is a backend") {
		t.Fatalf("the guide's welcome:\n%s", v)
	}
}

// "?" on the welcome screen shows the welcome screen's keys.
func TestWelcomeHelp(t *testing.T) {
	m := newEnv(t).sized(t, false, 80, 24)
	sendKeys(m, "?")
	v := viewText(m)
	if !strings.Contains(v, "Keys — welcome") || !strings.Contains(v, "begin") {
		t.Fatalf("help on the welcome screen:\n%s", v)
	}
}

// While an order item is picked up, the footer says how to put it down.
func TestOrderFooterWhilePickedUp(t *testing.T) {
	m := newEnv(t).sized(t, true, 80, 24)
	sendKeys(m, "enter", "t")
	for i := 0; i < 20 && m.quiz.current().Kind != content.Order; i++ {
		if m.quiz.current().Kind == content.Multi {
			sendKeys(m, "space")
		}
		if m.quiz.current().Kind == content.Typed {
			sendKeys(m, "x")
		}
		sendKeys(m, "enter", "enter")
	}
	if m.quiz.current().Kind != content.Order {
		t.Fatal("no order question in the fixture")
	}
	if foot := lastLine(viewText(m)); !strings.Contains(foot, "space pick up") {
		t.Fatalf("before: %q", foot)
	}
	sendKeys(m, "space")
	if foot := lastLine(viewText(m)); !strings.Contains(foot, "space put down") || strings.Contains(foot, "pick up") {
		t.Fatalf("while picked up: %q", foot)
	}
}

// Regression (bug 4): a save warning takes a line, so the reader's page is
// one line shorter and page down moves by what is shown.
func TestWarningLineRelaysOut(t *testing.T) {
	m := newEnv(t).sized(t, true, 80, 24)
	sendKeys(m, "enter")
	step(m, saveOutcomesMsg{{op: &progress.Op{Kind: progress.OpLast}, err: errors.New("disk full"), fails: 1}})
	if !strings.Contains(viewText(m), "disk full") {
		t.Fatalf("no warning:\n%s", viewText(m))
	}
	body := func() []string {
		lines := strings.Split(viewText(m), "\n")
		return lines[2 : len(lines)-2] // header, blank … warning, footer
	}
	before := body()
	sendKeys(m, "space")
	after := body()
	if m.reader.vp.Height() != m.bodyHeight() {
		t.Fatalf("pager height %d, body %d", m.reader.vp.Height(), m.bodyHeight())
	}
	last := strings.TrimSpace(before[len(before)-1])
	if first := strings.TrimSpace(after[0]); last == "" || first == last {
		t.Fatalf("page down: last line before %q, first after %q", last, first)
	}
}

// passAlpha takes the fixture's quiz with every answer right.
func passAlpha(t *testing.T, m *Model) {
	t.Helper()
	sh := shufflesFor(m.course, "alpha")
	ch, _ := m.course.Chapter("alpha")
	sendKeys(m, "t")
	for _, qu := range ch.Quiz.Questions {
		switch qu.Kind {
		case content.Single:
			for i, o := range qu.Options {
				if o.Correct {
					sendKeys(m, pos(sh, qu.ID, i))
				}
			}
		case content.Multi:
			for i, o := range qu.Options {
				if o.Correct {
					sendKeys(m, pos(sh, qu.ID, i))
				}
			}
		case content.TrueFalse:
			if qu.Answer {
				sendKeys(m, "t")
			} else {
				sendKeys(m, "f")
			}
		case content.Typed:
			sendKeys(m, strings.Split(qu.Accept[0], "")...)
		case content.Order:
			sendKeys(m, sortKeys(sh[qu.ID])...)
		}
		sendKeys(m, "enter", "enter")
	}
	if m.Screen() != "results" || !m.records["alpha"].Passed {
		t.Fatalf("did not pass: screen %s\n%s", m.Screen(), viewText(m))
	}
}

// Continue leads to the next thing to do, in the chapter row's own words;
// "t" on a passed chapter asks first and shows the best score.
func TestContinueAndRetake(t *testing.T) {
	m := newEnv(t).sized(t, true, 80, 24)
	sendKeys(m, "enter", "esc") // open chapter 1, back
	v := viewText(m)
	status := courserules.StatusText(m.course.Chapters[0], m.records["alpha"])
	if !strings.Contains(v, "back to reading · "+status) || !strings.Contains(v, status+" — A long") {
		t.Fatalf("Continue and the chapter row disagree (%q):\n%s", status, v)
	}
	sendKeys(m, "enter") // Continue
	passAlpha(t, m)
	sendKeys(m, "esc")
	v = viewText(m)
	if !strings.Contains(v, "Continue: Beta chapter") || !strings.Contains(v, "next chapter · not started") {
		t.Fatalf("Continue after passing chapter 1:\n%s", v)
	}
	sendKeys(m, "down", "t") // chapter 1's row: passed
	v = viewText(m)
	if m.Screen() != "retake" || !strings.Contains(v, "best score is 100%") {
		t.Fatalf("t on a passed chapter: %s\n%s", m.Screen(), v)
	}
	sendKeys(m, "esc")
	if m.Screen() != "home" {
		t.Fatalf("esc: %s", m.Screen())
	}
	sendKeys(m, "t", "enter")
	if m.Screen() != "quiz" {
		t.Fatalf("enter: %s", m.Screen())
	}
}

// Prompts, options and explanations render inline code: no backticks in
// colour, backticks kept under NO_COLOR; the right answer is listed in the
// order the screen shows the options; a verdict tag is never split.
func TestQuestionInlineMarkdown(t *testing.T) {
	e := newEnv(t)
	ch, _ := e.course.Chapter("alpha")
	qu := ch.Quiz.Questions[0]
	qu.Prompt = "Which port does `HTTPS` use **by default**?"
	qu.Explanation = "HTTPS listens on `443`."
	for _, noColor := range []bool{true, false} {
		m := e.sized(t, true, 60, 24)
		m.noColor = noColor
		sendKeys(m, "enter", "t")
		v := viewText(m)
		if noColor != strings.Contains(v, "`HTTPS`") || strings.Contains(v, "**") {
			t.Fatalf("noColor=%v prompt:\n%s", noColor, v)
		}
	}
	m := e.sized(t, true, 40, 24)
	sendKeys(m, "enter", "t")
	wrong := "1"
	if qu.Options[m.quiz.shuffles[qu.ID][0]].Correct {
		wrong = "2"
	}
	sendKeys(m, wrong, "enter")
	v := strings.ReplaceAll(viewText(m), "\u00a0", " ")
	for _, tag := range []string{"✓ the right answer", "✗ not right"} {
		if !strings.Contains(v, tag) {
			t.Errorf("verdict tag %q split or missing:\n%s", tag, v)
		}
	}
	if !strings.Contains(v, "HTTPS listens on `443`") {
		t.Errorf("explanation:\n%s", v)
	}
	// Multi: the answer lists the right options in screen order.
	m = e.sized(t, true, 80, 24)
	sendKeys(m, "enter", "t")
	for m.quiz.current().Kind != content.Multi {
		sendKeys(m, "1", "enter", "enter")
	}
	mq := m.quiz.current()
	sendKeys(m, "1", "enter")
	var want []string
	for _, i := range m.quiz.shuffles[mq.ID] {
		if mq.Options[i].Correct {
			want = append(want, mq.Options[i].Text)
		}
	}
	if v := strings.ReplaceAll(viewText(m), "\u00a0", " "); !strings.Contains(v, "The answer: "+strings.Join(want, " · ")) {
		t.Errorf("want the answer %v in screen order:\n%s", want, v)
	}
}

// The overall progress bar is solid, not half blocks.
func TestProgressBarSolid(t *testing.T) {
	m := newEnv(t).sized(t, true, 80, 24)
	sendKeys(m, "enter", "G", "esc")
	if v := viewText(m); strings.Contains(v, "▌") || !strings.Contains(v, "█") {
		t.Fatalf("bar:\n%s", v)
	}
}

// A chapter read to the end: Continue leads to its quiz.
func TestContinueToTheQuiz(t *testing.T) {
	m := newEnv(t).sized(t, true, 80, 24)
	sendKeys(m, "enter", "G", "esc")
	if v := viewText(m); !strings.Contains(v, "take the quiz · read · quiz not taken") {
		t.Fatalf("Continue after reading to the end:\n%s", v)
	}
	sendKeys(m, "enter")
	if m.Screen() != "quiz" {
		t.Fatalf("enter on Continue: %s, want quiz", m.Screen())
	}
}
