package linemode

import (
	"fmt"
	"strings"

	"backend-tutor/internal/courserules"
	"backend-tutor/internal/stats"
)

// stats prints the stats screen's figures as plain paragraphs (issue 13:
// the menu's Stats; issue 11 item 4): the streak, reviews due this week,
// time spent, each chapter's best score, attempts, questions answered and
// time, and the five weakest questions with the section to read again.
// Read after this session's own changes are written, as the full-screen
// screen reads behind its saver's queue.
func (s *Session) stats() bool {
	if s.save.store == nil {
		s.out.say("No progress file: nothing is saved in this session, so there are no figures.")
		return false
	}
	st, err := s.save.stats(s)
	if err != nil {
		s.out.say("Could not read your progress (%s).", line(err.Error()))
		return false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Your progress. Streak: %d %s studied in a row. Reviews due this week: %d. Time: reading %s, quizzes %s.\n",
		st.StreakDays, plural(st.StreakDays, "day", "days"), st.ReviewDue, courserules.DurationText(st.ReadingS), courserules.DurationText(st.QuizS))
	b.WriteString("\nChapters:\n")
	for i, ch := range st.Chapters {
		fmt.Fprintf(&b, "  %d. %s: ", i+1, line(ch.Title))
		if !ch.Quiz {
			fmt.Fprintf(&b, "no quiz; read %s.\n", courserules.DurationText(ch.ReadingS))
			continue
		}
		best := "no finished quiz yet"
		if ch.Attempts > 0 {
			best = "best " + stats.ScoreText(ch.Attempts, ch.BestScore)
		}
		fmt.Fprintf(&b, "%s, %d %s, %d answered", best, ch.Attempts, plural(ch.Attempts, "try", "tries"), ch.Answered)
		if ch.Earlier > 0 {
			fmt.Fprintf(&b, " (%d answered an earlier version)", ch.Earlier)
		}
		fmt.Fprintf(&b, "; read %s, quiz %s.\n", courserules.DurationText(ch.ReadingS), courserules.DurationText(ch.QuizS))
	}
	b.WriteString("\nWeakest questions:\n")
	if len(st.Weakest) == 0 {
		b.WriteString("  None missed yet.\n")
	}
	for n, wk := range st.Weakest {
		i := s.course.Index(wk.ChapterID)
		prompt := wk.QuestionID
		if i >= 0 && s.course.Chapters[i].Quiz != nil {
			if qu, ok := s.course.Chapters[i].Quiz.Question(wk.QuestionID); ok {
				prompt = qu.Prompt
			}
		}
		place := fmt.Sprintf("chapter %d", i+1)
		if wk.Section != "" {
			place += ", section " + line(wk.Section)
		}
		fmt.Fprintf(&b, "  %d. %s (missed %d %s; read again: %s)\n", n+1, line(prompt), wk.Missed, plural(wk.Missed, "time", "times"), place)
	}
	s.out.say("%s", strings.TrimRight(b.String(), "\n"))
	return false
}

// stats reads the figures after this session's own changes are written.
func (s *saver) stats(sess *Session) (stats.Stats, error) {
	s.drain()
	snap, err := s.store.Snapshot()
	if err != nil {
		return stats.Stats{}, err
	}
	log, err := s.store.StudyLog()
	if err != nil {
		return stats.Stats{}, err
	}
	return stats.Compute(sess.course, snap.Chapters, log, s.store.Scheduler(), sess.now()), nil
}
