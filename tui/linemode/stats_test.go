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
		"Your progress. Streak: 1 day studied in a row.",
		"1. Alpha chapter: best 50%, 1 try,",
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
