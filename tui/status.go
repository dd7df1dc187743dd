package tui

import (
	"fmt"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// StatusText describes where the learner stands in a chapter, in the words
// the home screen and `backend-tutor list` both use. A chapter edited since
// the learner read it (its content hash changed) says so.
func StatusText(ch *content.Chapter, rec progress.ChapterRecord) string {
	s := statusWords(ch, rec)
	if rec.ContentHash != "" && rec.ContentHash != ch.Hash {
		s += " · updated since you read it"
	}
	return s
}

func statusWords(ch *content.Chapter, rec progress.ChapterRecord) string {
	switch {
	case rec.Passed:
		return fmt.Sprintf("quiz passed · best %d%%", rec.BestScore)
	case rec.OpenAttempt != 0:
		return "quiz in progress"
	case rec.Attempts > 0:
		return fmt.Sprintf("quiz not passed yet · best %d%%", rec.BestScore)
	case rec.Furthest >= 100 && ch.Quiz != nil:
		return "read · quiz not taken"
	case rec.Furthest >= 100:
		return "read"
	case rec.Furthest > 0:
		return fmt.Sprintf("reading %d%%", rec.Furthest)
	}
	return "not started"
}

// CourseProgress is the share of the course done, 0 to 1: reading a chapter
// counts for half of it and passing its quiz for the other half (all of it
// for a chapter without a quiz).
func CourseProgress(c *content.Course, records map[string]progress.ChapterRecord) float64 {
	if len(c.Chapters) == 0 {
		return 0
	}
	var sum float64
	for _, ch := range c.Chapters {
		rec := records[ch.ID]
		read := float64(min(max(rec.Furthest, 0), 100)) / 100
		switch {
		case ch.Quiz == nil:
			sum += read
		case rec.Passed:
			sum++
		default:
			sum += read / 2
		}
	}
	return sum / float64(len(c.Chapters))
}

// PassedCount is the number of chapters whose quiz has been passed.
func PassedCount(c *content.Course, records map[string]progress.ChapterRecord) (passed, quizzes int) {
	for _, ch := range c.Chapters {
		if ch.Quiz != nil {
			quizzes++
			if records[ch.ID].Passed {
				passed++
			}
		}
	}
	return passed, quizzes
}

// chapterDone: its quiz passed, or read to the end when it has no quiz.
func chapterDone(ch *content.Chapter, rec progress.ChapterRecord) bool {
	if ch.Quiz == nil {
		return rec.Furthest >= 100
	}
	return rec.Passed
}
