package courserules

import (
	"fmt"
	"strconv"
	"strings"

	"backend-tutor/progress"
)

// ResetLoss says in words what resetting a chapter with record rec takes
// away (it goes to a backup in the progress file, which `reset --undo`
// brings back), for the confirmations of the reset screen and command;
// "" when there is nothing to reset.
func ResetLoss(rec progress.ChapterRecord) string {
	var parts []string
	if rec.Furthest > 0 || rec.Line > 0 {
		parts = append(parts, fmt.Sprintf("your reading position (%d%% read)", rec.Furthest))
	}
	if rec.Attempts > 0 {
		s := fmt.Sprintf("%d finished quiz %s (best %d%%", rec.Attempts, plural(rec.Attempts, "attempt", "attempts"), rec.BestScore)
		if rec.Passed {
			s += ", passed"
		}
		parts = append(parts, s+")")
	}
	if rec.OpenAttempt != 0 {
		parts = append(parts, "the unfinished quiz")
	}
	if rec.Answered > 0 {
		parts = append(parts, fmt.Sprintf("%d saved %s and their review cards", rec.Answered, plural(rec.Answered, "answer", "answers")))
	}
	if t := progress.AddSeconds(rec.ReadingS, rec.QuizS); t > 0 {
		parts = append(parts, "the time spent on it ("+DurationText(t)+")")
	}
	return strings.Join(parts, ", ")
}

// ResetAllLoss is ResetLoss for every chapter: how many have records.
func ResetAllLoss(records map[string]progress.ChapterRecord) string {
	n, attempts := 0, 0
	for _, r := range records {
		if ResetLoss(r) != "" {
			n++
		}
		attempts += r.Attempts
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("the progress of %d %s (%d finished quiz %s), missed-question retries, labs and review cards",
		n, plural(n, "chapter", "chapters"), attempts, plural(attempts, "attempt", "attempts"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// DurationText is seconds for people: "45 s", "12 min", "2 h 05 min"
// (minutes rounded down: time spent, not a stopwatch).
func DurationText(s int64) string {
	switch {
	case s < 60:
		return strconv.FormatInt(max(s, 0), 10) + " s"
	case s < 3600:
		return strconv.FormatInt(s/60, 10) + " min"
	}
	return fmt.Sprintf("%d h %02d min", s/3600, s/60%60)
}
