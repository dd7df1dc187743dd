package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

// Proves, through a real program: "s" on home opens the stats screen, whose
// figures are read off the UI goroutine from the saved answers at the
// injected clock's time (streak, reviews due, the missed question with its
// prompt, "—" as the best score of a quiz never finished), and esc goes
// back home.
func TestStatsScreen(t *testing.T) {
	e := newEnv(t)
	at := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	ch := e.course.Chapters[0]
	qu := ch.Quiz.Questions[1]
	s := e.store(t)
	s.SetScheduler(scheduler.Default(time.UTC))
	for _, when := range []time.Time{at.Add(-48 * time.Hour), at.Add(-24 * time.Hour)} {
		a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, At: when}
		if _, err := s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
			t.Fatal(err)
		}
	}
	m := e.model(t, true)
	m.clock = func() time.Time { return at }
	m.store.SetScheduler(scheduler.Default(time.UTC))
	tm := start(t, m)
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "s")
	prompt := strings.Join(strings.Fields(qu.Prompt), " ")
	// Studied the two days before today: the streak lives on until today ends.
	// One question answered in two attempts: 1 answered, missed twice.
	waitFor(t, tm, "Your progress", "Streak: 2 days", "Reviews due this week: 1", "— · 0 tries · 1 answered", "missed 2×", prompt)
	keys(tm, "esc")
	waitFor(t, tm, "s stats")
	if fm := finish(t, tm); fm.Screen() != "home" {
		t.Errorf("esc left the stats screen for %s, want home", fm.Screen())
	}
}

// Proves, through a real program on the guide: a weakest question shows
// the section it is about; ↓ at the bottom of the screen picks it, enter
// opens the reader scrolled to that section (the position saved is below
// the chapter's start), and esc there comes back to the stats screen.
func TestStatsWeakestOpensSection(t *testing.T) {
	guide, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	e.course = guide
	ch, _ := guide.Chapter("http-essentials")
	var qu *content.Question
	for _, q := range ch.Quiz.Questions {
		if strings.HasPrefix(q.Prompt, "Which cookie attribute") {
			qu = q
		}
	}
	if qu == nil {
		t.Fatal("the guide's cookie question is gone; pick another")
	}
	sec := search.SectionOf(ch, qu)
	if sec.Line < 20 {
		t.Fatalf("the cookie question's section %+v is at the chapter's start: the test would prove nothing", sec)
	}
	s := e.store(t)
	for range 2 {
		a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, At: time.Now()}
		if _, err := s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
			t.Fatal(err)
		}
	}
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Continue")
	keys(tm, "s")
	waitFor(t, tm, "Your progress", "Streak")
	keys(tm, "G")
	waitFor(t, tm, "missed 2× · chapter 3 › "+sec.Text)
	keys(tm, "down")
	waitFor(t, tm, "enter read its section")
	keys(tm, "enter")
	waitFor(t, tm, fmt.Sprintf("Chapter %d of %d", guide.Index(ch.ID)+1, len(guide.Chapters)), sec.Text)
	keys(tm, "esc")
	waitFor(t, tm, "Your progress")
	if fm := finish(t, tm); fm.Screen() != "stats" {
		t.Errorf("esc in the reader went to %s, want back to the stats", fm.Screen())
	}
	if r := e.record(t, ch.ID); r.Line == 0 {
		t.Errorf("the reader was not scrolled to the section: saved %+v", r)
	}
}

// Proves: a weakest question picked on the stats screen has the terminal
// cursor on its "› " marker, as every list's focused row has (the screen
// hid the cursor, so a screen reader following it read nothing there);
// none before one is picked.
func TestCursorOnPickedWeakestQuestion(t *testing.T) {
	e := newEnv(t)
	ch := e.course.Chapters[0]
	qu := ch.Quiz.Questions[1]
	s := e.store(t)
	a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, At: time.Now()}
	if _, err := s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
		t.Fatal(err)
	}
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 40})
	sendKeys(m, "s")
	settle(m)
	if !strings.Contains(viewText(m), "missed 1×") {
		t.Fatalf("no weakest question:\n%s", viewText(m))
	}
	if v := m.View(); v.Cursor != nil {
		t.Errorf("a cursor before a question is picked, at %+v", v.Cursor.Position)
	}
	sendKeys(m, "down")
	onMarker(t, m, "the picked weakest question")
	m.Flush()
}

// The walk at 40×12: after G (the bottom) the first weakest question's
// first line was above the window, and down, which picks a question only
// when both its lines are in view, did nothing: no question could be
// picked from the bottom, the natural way to reach the list. At the
// bottom, down picks the next question, scrolling to it.
func TestStatsWeakestPickedFromBottom(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 40, Height: 12})
	statsAt(m)
	if m.Screen() != "stats" || m.stats.st == nil || len(m.stats.st.Weakest) < 2 {
		t.Fatalf("no stats with two weakest questions:\n%s", viewText(m))
	}
	sendKeys(m, "G", "down")
	if m.stats.sel != 0 || !strings.Contains(viewText(m), "› ") {
		t.Fatalf("down at the bottom picked %d, want the first weakest question shown picked:\n%s", m.stats.sel, viewText(m))
	}
	sendKeys(m, "down")
	if m.stats.sel != 1 {
		t.Fatalf("a second down picked %d, want 1", m.stats.sel)
	}
	m.Flush()
}
