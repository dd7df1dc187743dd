package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
)

// cursorLine is the frame's line under the terminal cursor, and the cursor;
// it fails the test when there is none.
func cursorLine(t *testing.T, m *Model, when string) (string, *tea.Cursor) {
	t.Helper()
	v := m.View()
	if v.Cursor == nil {
		t.Fatalf("%s: no cursor:\n%s", when, ansi.Strip(v.Content))
	}
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	if v.Cursor.Y < 0 || v.Cursor.Y >= len(lines) {
		t.Fatalf("%s: cursor at row %d of a %d-line frame", when, v.Cursor.Y, len(lines))
	}
	return lines[v.Cursor.Y], v.Cursor
}

// onMarker checks that the cursor sits right after a "› " focus marker.
func onMarker(t *testing.T, m *Model, when string) int {
	t.Helper()
	line, c := cursorLine(t, m, when)
	if c.X < 2 || ansi.Cut(line, c.X-2, c.X) != "› " {
		t.Fatalf("%s: cursor at %d,%d is not after the focus marker: %q\n%s", when, c.X, c.Y, line, viewText(m))
	}
	return c.Y
}

// The terminal's cursor sits on the focused option's marker and follows
// it, so a screen reader that reads the cursor's line reads the option the
// learner is on; after submitting there is none. At 40 columns the header
// wraps to two lines and the cursor still finds the option.
func TestCursorFollowsFocusedOption(t *testing.T) {
	for _, w := range []int{80, 40} {
		e := newEnv(t)
		m := e.model(t, true)
		step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		m.startQuiz("alpha")
		settle(m)
		y := onMarker(t, m, "first option")
		sendKeys(m, "down")
		if got := onMarker(t, m, "after down"); got != y+1 {
			t.Fatalf("cursor row %d after down, want %d", got, y+1)
		}
		sendKeys(m, "enter")
		if v := m.View(); v.Cursor != nil {
			t.Fatalf("cursor shown after submitting at %+v", v.Cursor.Position)
		}
		m.Flush() // the answer's save ends before the test's folder is removed
	}
}

// The cursor follows the focused row of every list screen (issue 13).
func TestCursorOnFocusedRows(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})

	y := onMarker(t, m, "home")
	sendKeys(m, "down")
	if got := onMarker(t, m, "home after down"); got != y+2 { // two lines a row
		t.Fatalf("home: cursor row %d after down, want %d", got, y+2)
	}

	sendKeys(m, "G", "k", "enter") // Labs
	if m.Screen() != "labs" {
		t.Fatalf("on %s, not labs", m.Screen())
	}
	onMarker(t, m, "labs")
	sendKeys(m, "enter") // a lab's brief is read, not chosen from
	if v := m.View(); v.Cursor != nil {
		t.Fatalf("cursor shown on a lab's brief")
	}
	sendKeys(m, "esc", "esc")

	sendKeys(m, "G", "enter") // the glossary: its first term in view
	line, c := cursorLine(t, m, "glossary")
	if c.X != 2 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "   ") {
		t.Fatalf("glossary: cursor at %d,%d not on a term: %q", c.X, c.Y, line)
	}
	sendKeys(m, "esc")

	sendKeys(m, "/") // search: the query's insertion point, then the focused result
	line, c = cursorLine(t, m, "empty search")
	if c.X != 3 || !strings.HasPrefix(line, " / ") {
		t.Fatalf("empty search: cursor at %d,%d: %q", c.X, c.Y, line)
	}
	sendKeys(m, "l", "i", "n", "e")
	y = onMarker(t, m, "search results")
	sendKeys(m, "down")
	if got := onMarker(t, m, "search after down"); got != y+searchRows {
		t.Fatalf("search: cursor row %d after down, want %d", got, y+searchRows)
	}
	sendKeys(m, "esc", "esc")

	sendKeys(m, "home", "enter") // the reader has no cursor; its outline does
	for i := 0; i < 20 && !m.reader.ready; i++ {
		settle(m)
	}
	if v := m.View(); v.Cursor != nil {
		t.Fatalf("cursor shown in the reader at %+v", v.Cursor.Position)
	}
	sendKeys(m, "o")
	if m.Screen() == "outline" {
		y = onMarker(t, m, "outline")
		sendKeys(m, "down")
		if got := onMarker(t, m, "outline after down"); len(m.outline.items) > 1 && got != y+1 {
			t.Fatalf("outline: cursor row %d after down, want %d\n%s", got, y+1, viewText(m))
		}
		sendKeys(m, "esc")
	}

	sendKeys(m, "t") // answer one, leave, come back: the resume prompt
	settle(m)
	answerAny(m)
	sendKeys(m, "enter", "esc", "t")
	settle(m)
	line, _ = cursorLine(t, m, "resume")
	if !strings.Contains(line, "unfinished quiz") {
		t.Fatalf("resume: cursor on %q", line)
	}
	sendKeys(m, "esc")
	run(m, m.openChapter("alpha", 0))
	sendKeys(m, "R") // reset: the prompt's first line
	line, _ = cursorLine(t, m, "reset")
	if !strings.Contains(line, "Reset") {
		t.Fatalf("reset: cursor on %q", line)
	}
	m.Flush()
}

// A typed answer's cursor is the terminal's own, at the insertion point,
// and moves with the text (the field draws no cursor of its own).
func TestCursorInTypedAnswer(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	quizAt(m, content.Typed)
	line, c := cursorLine(t, m, "empty field")
	if ansi.Cut(line, c.X-2, c.X) != "› " {
		t.Fatalf("empty field: cursor at %d,%d: %q", c.X, c.Y, line)
	}
	x := c.X
	sendKeys(m, "a", "b", "c")
	line, c = cursorLine(t, m, "after abc")
	if c.X != x+3 || ansi.Cut(line, x, c.X) != "abc" {
		t.Fatalf("after abc: cursor at %d,%d, want x=%d: %q", c.X, c.Y, x+3, line)
	}
	step(m, tea.KeyPressMsg{Code: tea.KeyLeft})
	if _, c = cursorLine(t, m, "after left"); c.X != x+2 {
		t.Fatalf("after left: cursor x=%d, want %d", c.X, x+2)
	}
	m.Flush()
}

// On a small window the chapter list pages; the cursor stays on the
// focused row of every page.
func TestCursorOnHomePages(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
	n := len(m.home.list.Items())
	pages := map[int]bool{}
	for i := 0; i < n; i++ {
		onMarker(t, m, "home row "+m.home.list.SelectedItem().FilterValue())
		pages[m.home.list.Paginator.Page] = true
		sendKeys(m, "down")
	}
	if len(pages) < 2 {
		t.Fatalf("the list did not page at 40x12 (%d rows); the test proves nothing", n)
	}
}

// The walk: a typed answer longer than its field scrolls sideways; moving
// left from its end left the terminal cursor at the field's end (three
// cells off after three lefts), so a magnifier showed the wrong place. The
// cursor is on the character it is before, wide (Japanese) text too.
func TestCursorInScrolledTypedAnswer(t *testing.T) {
	for _, text := range []string{
		"the person who does both front end and back end development work",
		"日本語のテキストをたくさん入力してみますとどうなるのでしょうかね長い長い",
	} {
		e := newEnv(t)
		m := e.model(t, true)
		step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
		quizAt(m, content.Typed)
		for _, r := range text {
			sendKeys(m, string(r))
		}
		runes := []rune(text)
		for left := 0; left <= 12; left++ {
			line, c := cursorLine(t, m, "scrolled field")
			want := string(runes[len(runes)-left:])
			got := strings.TrimRight(ansi.Cut(line, c.X, 40), " ")
			if got != want {
				t.Fatalf("%d lefts from the end of %q: the text from the cursor is %q, want %q (cursor x=%d)\n%s", left, text, got, want, c.X, line)
			}
			step(m, tea.KeyPressMsg{Code: tea.KeyLeft})
		}
		sendKeys(m, "home")
		if line, c := cursorLine(t, m, "home"); !strings.HasPrefix(ansi.Cut(line, c.X, 40), string(runes[:5])) {
			t.Fatalf("home: cursor x=%d on %q", c.X, line)
		}
		m.Flush()
	}
}

// The walk: the profile picker (a list, and a name typed) left the
// terminal cursor wherever drawing ended, so a screen reader following it
// read the wrong line. It sits on the focused profile, follows it, and in
// the name field at the insertion point, at 80 and 40 columns.
func TestCursorInProfilePicker(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		m := newPickerModel(t, size[0], size[1])
		y := onMarker(t, m, "first profile")
		sendKeys(m, "down")
		if got := onMarker(t, m, "after down"); got != y+1 {
			t.Fatalf("%v: cursor row %d after down, want %d", size, got, y+1)
		}
		line, _ := cursorLine(t, m, "after down")
		if !strings.Contains(line, "lab-3") {
			t.Fatalf("%v: the cursor's line is %q, want lab-3's", size, line)
		}
		sendKeys(m, "n")
		typeText(m, "Zoë")
		line, c := cursorLine(t, m, "typing a name")
		if !strings.HasSuffix(strings.TrimRight(ansi.Cut(line, 0, c.X), " "), "Zoë") {
			t.Fatalf("%v: cursor x=%d is not after the typed name: %q", size, c.X, line)
		}
		step(m, tea.KeyPressMsg{Code: tea.KeyLeft})
		if line, c2 := cursorLine(t, m, "after left"); c2.X != c.X-1 || ansi.Cut(line, c2.X, c2.X+1) != "ë" {
			t.Fatalf("%v: after left, cursor x=%d on %q", size, c2.X, line)
		}
	}
}
