package linemode

import (
	"strings"
	"testing"
)

// Proves: line mode's menu has Stats (issue 13 lists it among the menu's
// entries; it had none), and it prints the stats screen's figures as
// plain text — streak, reviews due, time, each chapter's best score and
// answers, the weakest questions with where to read again — in ASCII.
func TestLineModeStats(t *testing.T) {
	e := newEnv(t)
	e.run(t, strings.Join(answerLines(t, e.course), "\n")+"\n\n", func(s *Session) { s.Quiz("alpha", Ask) })
	out := e.run(t, "p\nquit\n", func(s *Session) { s.Run() })
	for _, want := range []string{
		"Progress and stats: scores, time spent, weakest questions",
		"Your progress. Streak: 1 day studied in a row. Reviews due this week: 10. Time: reading 0 s, quizzes 0 s.",
		"1. Alpha chapter: best 50%, 1 try, 10 answered; read 0 s, quiz 0 s.",
		"2. Beta chapter: no quiz; read 0 s.",
		"Weakest questions:\n  1. ",
		"(missed 1 time; read again: chapter 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	stats := out[max(0, strings.Index(out, "Your progress.")):]
	for i := 0; i < len(stats); i++ {
		if stats[i] >= 0x80 {
			t.Fatalf("a byte over 0x7f in the stats at %d: %q", i, stats[max(0, i-20):min(len(stats), i+20)])
		}
	}
}

// Proves: in line mode a right answer after the hint ("?" shows it) rates
// Hard for review, as the full-screen quiz does, so its card comes back
// sooner than the same right answer without the hint (line mode saved no
// rating: every right answer was Good).
func TestLineModeHintMakesReviewHard(t *testing.T) {
	stability := func(hint bool) float64 {
		e := newEnv(t)
		lines := answerLines(t, e.course)
		if hint {
			lines = append(lines[:4:4], append([]string{"?"}, lines[4:]...)...) // before tf1's "f"
		}
		e.run(t, strings.Join(lines, "\n")+"\n\n", func(s *Session) { s.Quiz("alpha", Ask) })
		c, ok, err := e.store(t).Card("tf1")
		if err != nil || !ok {
			t.Fatalf("no card for tf1: %v", err)
		}
		return c.Stability
	}
	with, without := stability(true), stability(false)
	if !(with < without) {
		t.Errorf("stability after a hint %.3f, without %.3f: want the hinted answer rated Hard (less stable)", with, without)
	}
}
