package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/content/search"
)

// Styled or not, no escape sequence from the content survives, even when a
// match starts or ends inside one; the match itself is styled.
func TestMarkMatchesSanitisesEveryPiece(t *testing.T) {
	text := "a \x1b]52;c;aGVsbG8=\x07 b\u202e c \x1b[2J d"
	on, off, _ := strings.Cut(matchStyle.Render("x"), "x") // the only escapes allowed
	for _, spans := range [][]search.Span{
		{{Start: 3, End: 8}}, // inside the OSC
		{{Start: 0, End: 3}, {Start: len(text) - 5, End: len(text)}}, // cuts the CSI
		nil,
	} {
		for _, styled := range []bool{false, true} {
			out := MarkMatches(text, spans, styled)
			rest := strings.ReplaceAll(strings.ReplaceAll(out, on, ""), off, "")
			for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
				if strings.Contains(rest, bad) {
					t.Errorf("%v styled=%v: %q in %q", spans, styled, bad, out)
				}
			}
		}
	}
	if out := MarkMatches("find me", []search.Span{{Start: 5, End: 7}}, true); out != "find "+matchStyle.Render("me") {
		t.Errorf("match not styled: %q", out)
	}
}

// "/" on home opens the search screen; the index is built by a command;
// every letter, "q" and "?" included, goes into the query; enter opens the
// reader at the match, highlighted; esc goes back to the results, then home.
func TestSearchScreen(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "/")
	if m.Screen() != "search" || m.search.ix == nil {
		t.Fatalf("screen %s, index built %v", m.Screen(), m.search != nil && m.search.ix != nil)
	}
	sendKeys(m, "q", "?")
	if m.Screen() != "search" || m.showHelp || m.search.input.Value() != "q?" {
		t.Fatalf("q and ? should be typed: screen %s, help %v, query %q", m.Screen(), m.showHelp, m.search.input.Value())
	}
	step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	sendKeys(m, "3", "3")
	v := viewText(m)
	if !strings.Contains(v, "1. Alpha chapter") || !strings.Contains(v, "Paragraph 33: the backend keeps line 33 safe.") {
		t.Fatalf("results for 33:\n%s", v)
	}
	sendKeys(m, "enter")
	if m.Screen() != "reader" || m.reader.ch.ID != "alpha" {
		t.Fatalf("enter opened %s", m.Screen())
	}
	on, _, _ := strings.Cut(matchStyle.Render("x"), "x")
	if raw := m.View().Content; !strings.Contains(raw, on+"33") {
		t.Fatalf("the match is not highlighted on screen:\n%s", viewText(m))
	}
	if m.reader.vp.YOffset() == 0 {
		t.Error("the reader did not scroll to the match")
	}
	sendKeys(m, "esc")
	if m.Screen() != "search" || !strings.Contains(viewText(m), "Paragraph 33") {
		t.Fatalf("esc from the reader: %s\n%s", m.Screen(), viewText(m))
	}
	sendKeys(m, "esc")
	v = viewText(m)
	if m.Screen() != "home" || strings.Contains(v, "No chapters") || !strings.Contains(v, "Beta chapter") {
		t.Fatalf("esc from search: %s\n%s", m.Screen(), v)
	}
	// the query is kept for the next "/"
	sendKeys(m, "/")
	if m.search.input.Value() != "33" || len(m.search.results) == 0 {
		t.Errorf("query %q, %d results", m.search.input.Value(), len(m.search.results))
	}
}

// Glossary results open the glossary at the term; question prompts open
// the chapter at its end, where the quiz starts; nothing matching says so.
func TestSearchOtherResults(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "/", "z", "e", "t", "a")
	if !strings.Contains(viewText(m), "Glossary › Zeta") {
		t.Fatalf("no glossary result:\n%s", viewText(m))
	}
	sendKeys(m, "enter")
	if m.Screen() != "glossary" || !strings.Contains(m.glossary.vp.View(), "Zeta") {
		t.Fatalf("glossary without Zeta: %s\n%s", m.Screen(), viewText(m))
	}
	on, _, _ := strings.Cut(matchStyle.Render("x"), "x")
	if raw := m.View().Content; !strings.Contains(raw, on+"Zeta") {
		t.Fatalf("the term is not highlighted in the glossary:\n%q", raw)
	}
	step(m, tea.WindowSizeMsg{Width: 60, Height: 24}) // laid out again: still highlighted
	if raw := m.View().Content; !strings.Contains(raw, on+"Zeta") {
		t.Fatalf("the highlight went at a new width:\n%q", raw)
	}
	sendKeys(m, "esc", "/")
	for range 4 {
		step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	sendKeys(m, "p", "o", "r", "t")
	if !strings.Contains(viewText(m), "Quiz, question 1") {
		t.Fatalf("no question result:\n%s", viewText(m))
	}
	sendKeys(m, "enter")
	if m.Screen() != "reader" || !m.reader.vp.AtBottom() {
		t.Fatalf("question result: %s, at bottom %v", m.Screen(), m.reader.vp.AtBottom())
	}
	sendKeys(m, "esc", "x", "y", "z")
	if !strings.Contains(viewText(m), "No matches") {
		t.Errorf("no 'no matches' line:\n%s", viewText(m))
	}
}

// Through a real tea.Program: the index command, keys and the reader's
// render command all run as Bubble Tea runs them.
func TestSearchInProgram(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	// The output is what the renderer writes: only the cells that changed,
	// so wait for text a frame writes whole ("120 matches" becoming
	// "1 match" rewrites only " match").
	keys(tm, "/", "l", "i", "n", "e", " ", "3", "9")
	waitFor(t, tm, "line 39 safe")
	keys(tm, "enter")
	waitFor(t, tm, "Chapter 1 of 2", "line 39")
	keys(tm, "esc")
	waitFor(t, tm, "enter open • esc back")
	keys(tm, "esc")
	waitFor(t, tm, "Beta chapter")
	fm := finish(t, tm)
	if fm.Screen() != "home" || strings.Contains(viewText(fm), "No chapters") {
		t.Fatalf("back home: %s\n%s", fm.Screen(), viewText(fm))
	}
}

// Keys typed before the index arrives are kept, and an enter among them
// opens the first result once it does: a fast typist or a paste loses
// nothing.
func TestSearchTypedBeforeIndex(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	_, build := m.Update(press("/")) // the index command, not run yet
	for _, k := range []string{"b", "e", "t", "enter"} {
		_, cmd := m.Update(press(k))
		run(m, cmd)
	}
	if m.Screen() != "search" || !strings.Contains(viewText(m), "Preparing the search") {
		t.Fatalf("before the index: %s\n%s", m.Screen(), viewText(m))
	}
	run(m, build)
	if m.Screen() != "reader" || m.reader.ch.ID != "beta" {
		t.Fatalf("after the index: %s", m.Screen())
	}
}

// The match a result opens is on screen and highlighted at 40, 80 and 120
// columns, in a paragraph (a phrase that rewrapping may split), a heading,
// a list item, a table and a code block of the real course.
func TestSearchMatchVisibleAtEveryWidth(t *testing.T) {
	on, _, _ := strings.Cut(matchStyle.Render("x"), "x")
	for _, width := range []int{40, 80, 120} {
		for query, chapter := range map[string]string{
			"padlock promises nothing": "http-essentials", // paragraph
			"stateless":                "http-essentials", // heading
			"Set-Cookie":               "http-essentials", // list item
			"Unauthorized":             "http-essentials", // table
			"Bearer":                   "apis-rest-json",  // code block
		} {
			m := guideModel(t, width)
			sendKeys(m, "/")
			for _, r := range query {
				sendKeys(m, string(r))
			}
			sendKeys(m, "enter")
			if m.Screen() != "reader" || m.reader.ch.ID != chapter {
				t.Errorf("%d cols, %q: opened %s", width, query, m.Screen())
				continue
			}
			raw := m.View().Content
			first := strings.Fields(query)[0]
			if !strings.Contains(strings.ToLower(raw), strings.ToLower(on+first)) {
				t.Errorf("%d cols, %q: no highlighted match on screen:\n%s", width, query, viewText(m))
			}
		}
	}
}

// "/" also searches from the reader and the glossary, and esc goes back
// there.
func TestSearchFromReaderAndGlossary(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter") // the first row: Alpha
	if m.Screen() != "reader" {
		t.Fatalf("screen %s", m.Screen())
	}
	sendKeys(m, "/")
	if m.Screen() != "search" {
		t.Fatalf("/ in the reader: %s", m.Screen())
	}
	sendKeys(m, "esc")
	if m.Screen() != "reader" || m.reader.ch.ID != "alpha" {
		t.Fatalf("esc: %s", m.Screen())
	}
	sendKeys(m, "esc", "G", "enter", "/") // the glossary is the last row
	if m.Screen() != "search" || m.search.back != glossaryScreen {
		t.Fatalf("/ in the glossary: %s", m.Screen())
	}
	sendKeys(m, "esc")
	if m.Screen() != "glossary" {
		t.Fatalf("esc: %s", m.Screen())
	}
}

// A paste into the query is one sanitised line: no escape sequence from
// the clipboard reaches the screen.
func TestSearchPaste(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "/")
	step(m, tea.PasteMsg{Content: "line\x1b]52;c;aGVsbG8=\x07\n 39\x1b[2J"})
	if q := m.search.input.Value(); q != "line  39" {
		t.Errorf("query %q", q)
	}
	if !strings.Contains(viewText(m), "line 39 safe") {
		t.Errorf("no result for the pasted query:\n%s", viewText(m))
	}
	if strings.Contains(m.View().Content, "\x1b]52") || strings.Contains(m.View().Content, "\x1b[2J") {
		t.Error("the pasted escape sequences reached the screen")
	}
}

// "o" in the reader lists the chapter's headings; enter jumps to one, which
// shows highlighted; esc from the reader is home as usual (not search).
func TestOutline(t *testing.T) {
	m := guideModel(t, 80)
	run(m, m.openChapter("http-essentials", 0))
	sendKeys(m, "o")
	v := viewText(m)
	if m.Screen() != "outline" || !strings.Contains(v, "Methods: what the client wants") {
		t.Fatalf("outline: %s\n%s", m.Screen(), v)
	}
	sendKeys(m, "G", "esc")
	if m.Screen() != "reader" || m.reader.vp.YOffset() != 0 {
		t.Fatalf("esc from the outline: %s at %d", m.Screen(), m.reader.vp.YOffset())
	}
	sendKeys(m, "o", "G", "enter")
	on, _, _ := strings.Cut(matchStyle.Render("x"), "x")
	if m.Screen() != "reader" || m.reader.vp.YOffset() == 0 || !strings.Contains(m.View().Content, on+"Summary") {
		t.Fatalf("enter on Summary: %s at %d\n%s", m.Screen(), m.reader.vp.YOffset(), viewText(m))
	}
	sendKeys(m, "esc")
	if m.Screen() != "home" {
		t.Errorf("esc from the reader: %s", m.Screen())
	}
}

// On home, typing a chapter's number selects it, and enter opens it.
func TestHomeChapterNumber(t *testing.T) {
	m := guideModel(t, 80)
	selected := func() int {
		it, _ := m.home.list.SelectedItem().(homeItem)
		return it.number
	}
	for _, c := range []struct {
		keys string
		want int
	}{{"1", 1}, {"12", 12}, {"123", 3}, {"16", 16}, {"169", 9}, {"0", 9}, {"10", 10}, {"3j2", 2}} {
		m.typedNumber = ""
		for _, k := range c.keys {
			sendKeys(m, string(k))
		}
		if got := selected(); got != c.want {
			t.Errorf("%q selects chapter %d, want %d", c.keys, got, c.want)
		}
	}
	sendKeys(m, "1", "2", "enter")
	if m.Screen() != "reader" || m.reader.idx != 11 {
		t.Errorf("12 enter opened %s, chapter %d", m.Screen(), m.reader.idx+1)
	}
}

// guideModel is a welcomed tutor over the built-in course, width columns
// by 24.
func guideModel(t *testing.T, width int) *Model {
	t.Helper()
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	e.course = course
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: width, Height: 24})
	return m
}

// "?" on the outline shows the outline's keys.
func TestOutlineHelp(t *testing.T) {
	m := guideModel(t, 80)
	run(m, m.openChapter("http-essentials", 0))
	sendKeys(m, "o", "?")
	if v := viewText(m); !strings.Contains(v, "enter") || strings.Contains(v, "take the quiz") {
		t.Errorf("outline help:\n%s", v)
	}
}

// Proves: a result shows its line as the reader shows it — no ** around
// bold, no backticks, a link's text without its target — with the match
// still highlighted where it moved to.
func TestSearchResultsShowPlainText(t *testing.T) {
	e := newEnv(t)
	e.course.Chapters[0].Body += "\nUse **boldly** the `codeword` from [the zebra docs](https://x.example/zebra).\n"
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 100, Height: 24})
	sendKeys(m, "/", "b", "o", "l", "d", "l", "y")
	v := viewText(m)
	if !strings.Contains(v, "Use boldly the codeword from the zebra docs.") || strings.ContainsAny(v, "*`") || strings.Contains(v, "x.example") {
		t.Fatalf("the result shows markdown syntax:\n%s", v)
	}
	on, _, _ := strings.Cut(matchStyle.Render("x"), "x")
	if raw := m.View().Content; !strings.Contains(raw, on+"boldly") {
		t.Fatalf("the match is not highlighted:\n%q", raw)
	}
}

// Proves: a glossary result opens the glossary at its term even when the
// term's heading wraps (a long term in a narrow window), and the cursor is
// on it. (The scroll looked for a line holding the whole term, so a
// wrapped heading was never found and the glossary stayed at the top.)
func TestGlossaryResultScrollsToWrappedTerm(t *testing.T) {
	e := newEnv(t)
	long := "Zulu time, the coordinated universal time that servers log in"
	for i := range 12 {
		e.course.Glossary = append(e.course.Glossary, content.Term{Term: fmt.Sprintf("Filler %02d", i), Definition: "A term to fill the glossary."})
	}
	e.course.Glossary = append(e.course.Glossary, content.Term{Term: long, Definition: "Time at zero longitude."})
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 40, Height: 14})
	sendKeys(m, "/", "l", "o", "n", "g", "i", "t", "u", "d", "e")
	if !strings.Contains(viewText(m), "Glossary") {
		t.Fatalf("no glossary result:\n%s", viewText(m))
	}
	sendKeys(m, "enter")
	if m.Screen() != "glossary" {
		t.Fatalf("screen %s", m.Screen())
	}
	if view := ansi.Strip(m.glossary.vp.View()); !strings.Contains(view, "Zulu time") {
		t.Fatalf("the glossary is not at the wrapped term (offset %d):\n%s", m.glossary.vp.YOffset(), view)
	}
	if line, _ := cursorLine(t, m, "at the term"); !strings.Contains(line, "Zulu time") {
		t.Errorf("cursor on %q, not on the term", line)
	}
}
