package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
)

// Open a chapter, scroll, leave, reopen: the reader is back on the same line,
// in this session and (through the progress file) in the next one.
func TestReaderReopensAtSameLine(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter", "Beta chapter")
	keys(tm, "enter")
	waitFor(t, tm, "Chapter 1 of 2", "Paragraph 1:")
	keys(tm, "j", "j", "j", "j", "j", "j", "j")
	keys(tm, "esc")
	waitFor(t, tm, "Continue: Alpha chapter")
	keys(tm, "enter") // Continue is the first row
	waitFor(t, tm, "Chapter 1 of 2")
	fm := finish(t, tm)

	if fm.Screen() != "reader" {
		t.Fatalf("screen = %s, want reader", fm.Screen())
	}
	if got := fm.reader.vp.YOffset(); got != 7 {
		t.Fatalf("reopened at line %d, want 7", got)
	}
	rec := e.record(t, "alpha")
	if rec.Line != 7 || rec.Furthest == 0 {
		t.Fatalf("saved record = %+v, want line 7 and some progress", rec)
	}

	// The next day: a new process restores the same line.
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter")
	if m.Screen() != "reader" || m.reader.vp.YOffset() != 7 {
		t.Fatalf("new session: screen %s at line %d, want reader at 7", m.Screen(), m.reader.vp.YOffset())
	}
	if !strings.Contains(viewText(m), "Paragraph") {
		t.Fatalf("chapter text not shown:\n%s", viewText(m))
	}
}

// sortKeys are the keys that put an order question's items in the right
// order, starting from the arrangement p, with the cursor on the first item.
func sortKeys(p []int) []string {
	p = append([]int(nil), p...)
	var ks []string
	cursor := 0
	for target := range p {
		j := 0
		for p[j] != target {
			j++
		}
		for ; cursor < j; cursor++ {
			ks = append(ks, "down")
		}
		for ; cursor > j; cursor-- {
			ks = append(ks, "up")
		}
		for ; cursor > target; cursor-- {
			ks = append(ks, "K")
			p[cursor], p[cursor-1] = p[cursor-1], p[cursor]
		}
	}
	return ks
}

// Take a quiz through to the results with a right and a wrong answer of each
// of the five kinds; every answer lands in the progress file.
func TestQuizAllKindsToResults(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	// Keys are handled in order and the quiz needs no background work
	// between them, so they can all be sent at once. (The renderer only
	// redraws changed cells, so mid-flow output can't be matched as text.)
	keys(tm, "t")
	sh := shufflesFor(e.course, "alpha")
	steps := [][]string{
		{pos(sh, "s1", 0), "enter"},                   // s1 right: 443
		{pos(sh, "s2", 1), "enter"},                   // s2 wrong: DELETE
		{pos(sh, "m1", 0), pos(sh, "m1", 2), "enter"}, // m1 right: PostgreSQL + SQLite
		{pos(sh, "m2", 1), "enter"},                   // m2 wrong: FETCH only
		{"f", "enter"},                                // tf1 right: false
		{"f", "enter"},                                // tf2 wrong: it is true
		{" ", " ", "p", "O", "s", "t", ".", "enter"},  // ty1 right after normalising
		{"5", "0", "0", "enter"},                      // ty2 wrong
		append(sortKeys(sh["o1"]), "enter"),           // o1 right
		{"enter"},                                     // o2 wrong: left shuffled
	}
	for _, s := range steps {
		keys(tm, s...)
		keys(tm, "enter") // past the feedback
	}
	waitFor(t, tm, "Questions to review")
	fm := finish(t, tm)
	v := viewText(fm)
	if fm.Screen() != "results" || !strings.Contains(v, "You got 5 of 10 right: 50%") || !strings.Contains(v, "Not passed yet") {
		t.Fatalf("want the results screen with 5 of 10, got %s:\n%s", fm.Screen(), v)
	}
	for _, missed := range []string{"Which method reads", "Which are HTTP methods", "HTTP is stateless", "Not Found", "status classes"} {
		if !strings.Contains(v, missed) && !strings.Contains(fullResults(fm), missed) {
			t.Errorf("missed question %q not on the results screen", missed)
		}
	}

	rec := e.record(t, "alpha")
	if rec.Attempts != 1 || rec.BestScore != 50 || rec.Passed || rec.Answered != 10 || rec.OpenAttempt != 0 {
		t.Fatalf("record = %+v, want 1 attempt, best 50, not passed, 10 answered, none open", rec)
	}
	atts, err := e.store(t).Attempts("alpha")
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts = %v, %v", atts, err)
	}
	want := map[string]bool{"s1": true, "s2": false, "m1": true, "m2": false, "tf1": true,
		"tf2": false, "ty1": true, "ty2": false, "o1": true, "o2": false}
	if len(atts[0].Answers) != 10 {
		t.Fatalf("saved %d answers, want 10", len(atts[0].Answers))
	}
	for _, a := range atts[0].Answers {
		if a.Correct != want[a.QuestionID] {
			t.Errorf("%s saved as correct=%v, want %v (given %q)", a.QuestionID, a.Correct, want[a.QuestionID], a.Given)
		}
	}
	if atts[0].Finished == nil || atts[0].Score != 50 {
		t.Fatalf("attempt not finished with score 50: %+v", atts[0])
	}
}

// Quit mid-quiz; the next session offers the unfinished attempt and resumes
// at the first unanswered question with the same shuffles.
func TestResumeUnfinishedAttempt(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "t")
	// "t" reads the chapter's open attempt from the file first (keys typed
	// meanwhile are held and replayed, but a ctrl+c quits at once), so the
	// answers are typed once the question is on screen, as a learner would.
	waitFor(t, tm, "Question 1 of 10")
	sh := shufflesFor(e.course, "alpha")
	keys(tm, pos(sh, "s1", 0), "enter", "enter", pos(sh, "s2", 0), "enter")
	finish(t, tm) // keys reach Update in order, so both answers are in before the ctrl+c

	rec := e.record(t, "alpha")
	if rec.Answered != 2 || rec.OpenAttempt == 0 {
		t.Fatalf("after quitting: %+v, want 2 answered and an open attempt", rec)
	}

	// Continue resumes directly.
	tm = start(t, e.model(t, true))
	waitFor(t, tm, "Continue: Alpha chapter", "back to the quiz")
	keys(tm, "enter")
	waitFor(t, tm, "Question 3 of 10", "Which are databases?")
	fm := finish(t, tm)
	if fm.quiz == nil || len(fm.quiz.answers) != 2 {
		t.Fatalf("resumed quiz lost answers: %+v", fm.quiz)
	}

	// "t" asks first; "s" starts over and abandons the old attempt.
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "down", "t") // row 0 is Continue, row 1 is the alpha chapter
	if m.Screen() != "resume" || !strings.Contains(viewText(m), "2 of 10 questions") {
		t.Fatalf("want the resume prompt, got %s:\n%s", m.Screen(), viewText(m))
	}
	sendKeys(m, "s")
	if m.Screen() != "quiz" || m.quiz.index != 0 || len(m.quiz.answers) != 0 {
		t.Fatalf("start over: screen %s, question %d, %d answers", m.Screen(), m.quiz.index, len(m.quiz.answers))
	}
	m.Flush()
	atts, _ := e.store(t).Attempts("alpha")
	if len(atts) != 2 || !atts[0].Abandoned || len(atts[0].Answers) != 2 {
		t.Fatalf("old attempt should be kept, abandoned, with its 2 answers: %+v", atts)
	}
}

func TestWelcomeOnFirstRunOnly(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, false)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.Screen() != "welcome" || !strings.Contains(viewText(m), "Press enter to begin") {
		t.Fatalf("first run should welcome, got %s", m.Screen())
	}
	sendKeys(m, "enter")
	m.Flush()
	if m.Screen() != "home" {
		t.Fatalf("enter should dismiss the welcome, got %s", m.Screen())
	}
	snap, _ := e.store(t).Snapshot()
	if !snap.Welcomed {
		t.Fatal("dismissing the welcome was not saved")
	}
	if again := e.model(t, false); again.Screen() != "home" {
		t.Fatalf("second run should open home, got %s", again.Screen())
	}
}

func TestTooSmallAndResize(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 20, Height: 5})
	v := viewText(m)
	if !strings.Contains(v, "40×12") {
		t.Fatalf("too-small message missing:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if len([]rune(line)) > 20 {
			t.Fatalf("line wider than the window: %q", line)
		}
	}
	sendKeys(m, "enter") // ignored while too small
	if m.Screen() != "home" {
		t.Fatalf("keys must be ignored while too small, screen %s", m.Screen())
	}
	for _, size := range [][2]int{{120, 40}, {41, 13}, {80, 24}} {
		step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(viewText(m), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%dx%d: view has %d lines", size[0], size[1], len(lines))
		}
	}
}

func TestHelpOverlay(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter", "?")
	v := viewText(m)
	if !strings.Contains(v, "Keys — reading a chapter") || !strings.Contains(v, "next chapter") {
		t.Fatalf("help overlay missing:\n%s", v)
	}
	sendKeys(m, "x")
	if strings.Contains(viewText(m), "Keys —") {
		t.Fatal("any key should close the help")
	}
}

// In a typed answer every printable key is text: q, ? and t must not quit,
// open help or start anything; a huge paste is cut to the limit.
func TestTypedAnswerKeepsKeys(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "t")
	// s1, s2, m1, m2, tf1, tf2: answer each with whatever is first
	sendKeys(m, "enter", "enter", "enter", "enter", "1", "enter", "enter", "1", "enter", "enter",
		"enter", "enter", "enter", "enter")
	if m.quiz.current().Kind != content.Typed {
		t.Fatalf("expected the typed question, at %s", m.quiz.current().ID)
	}
	sendKeys(m, "q", "?", "t", "j")
	if m.Screen() != "quiz" || m.showHelp || m.quiz.input.Value() != "q?tj" {
		t.Fatalf("typing was hijacked: screen %s help %v value %q", m.Screen(), m.showHelp, m.quiz.input.Value())
	}
	step(m, tea.PasteMsg{Content: strings.Repeat("x\x1b[31m", 2000)})
	if got := len(m.quiz.input.Value()); got > maxTyped {
		t.Fatalf("paste not bounded: %d characters", got)
	}
	if strings.ContainsRune(m.quiz.input.Value(), 0x1b) {
		t.Fatal("escape sequence reached the input")
	}
}

// When progress cannot be saved the tutor still runs and says why.
func TestUnwritableProgressShowsWarning(t *testing.T) {
	e := newEnv(t)
	e.path = t.TempDir() + "/file"
	if err := writeFile(e.path); err != nil {
		t.Fatal(err)
	}
	e.path += "/progress.db" // its parent is a regular file
	m := e.model(t, false)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "enter", "enter")
	m.Flush()
	v := viewText(m)
	if m.Screen() != "reader" || !strings.Contains(strings.ToLower(v), "not being saved") {
		t.Fatalf("want the reader with a warning, got %s:\n%s", m.Screen(), v)
	}
}

// fullResults is the whole results text, including what is scrolled off.
func fullResults(m *Model) string { return m.results.vp.GetContent() }
