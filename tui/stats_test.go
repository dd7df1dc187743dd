package tui

import (
	"strings"
	"testing"
	"time"

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
