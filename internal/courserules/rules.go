// Package courserules holds the course rules that the full-screen tutor,
// line mode and the commands (`list`, `progress`) share: a chapter's status
// in words, course progress, pass counts, and where "Continue" leads. Plain
// Go over the course and progress records taken as values: no terminal, no
// progress file (it uses progress only for its record types).
package courserules

import (
	"fmt"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// StatusText describes where the learner stands in a chapter, in the words
// the home screen, line mode and `backend-tutor list` all use. A chapter
// edited since the learner read it (its content hash changed) says so.
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

// Needed is how many right answers out of total reach a pass mark.
func Needed(passMark, total int) int {
	for n := 0; n <= total; n++ {
		if content.Score(n, total) >= passMark {
			return n
		}
	}
	return total
}

// ChapterDone: its quiz passed, or read to the end when it has no quiz.
func ChapterDone(ch *content.Chapter, rec progress.ChapterRecord) bool {
	if ch.Quiz == nil {
		return rec.Furthest >= 100
	}
	return rec.Passed
}

// Action is what "Continue" does.
type Action int

// The ways Continue goes on.
const (
	ResumeQuiz Action = iota // back to the quiz left open
	TakeQuiz                 // the chapter is read: start (or resume) its quiz
	Read                     // back to reading the chapter left
	ReadNext                 // the next chapter not yet done
)

// Target is where "Continue" leads, and its words.
type Target struct {
	Chapter *content.Chapter
	Status  string // "take the quiz · read · quiz not taken"
	Action  Action
}

// Continue is where "Continue" leads: the quiz or chapter the learner left;
// the chapter's quiz once it is read to the end; or once the chapter is
// done (quiz passed, or read when it has no quiz) the next chapter not yet
// done. Its words end with the chapter's own status, so the Continue row and
// the chapter row agree. False when there is no last place, or nothing left
// to do.
func Continue(c *content.Course, records map[string]progress.ChapterRecord, last *progress.Place) (Target, bool) {
	if last == nil {
		return Target{}, false
	}
	ch, ok := c.Chapter(last.ChapterID)
	if !ok {
		return Target{}, false
	}
	rec := records[ch.ID]
	switch {
	case last.Screen == "quiz" && rec.OpenAttempt != 0:
		return Target{ch, "back to the quiz · " + StatusText(ch, rec), ResumeQuiz}, true
	case !ChapterDone(ch, rec) && ch.Quiz != nil && rec.Furthest >= 100:
		return Target{ch, "take the quiz · " + StatusText(ch, rec), TakeQuiz}, true
	case !ChapterDone(ch, rec):
		return Target{ch, "back to reading · " + StatusText(ch, rec), Read}, true
	}
	i := c.Index(ch.ID)
	n := len(c.Chapters)
	for k := 1; k < n; k++ { // the chapters after it, then from the start
		next := c.Chapters[(i+k)%n]
		if r := records[next.ID]; !ChapterDone(next, r) {
			return Target{next, "next chapter · " + StatusText(next, r), ReadNext}, true
		}
	}
	return Target{}, false
}

// AfterAnswer is a chapter's summary once a quiz answer is given: one more
// answered question, unless it was answered before in this attempt.
func AfterAnswer(rec progress.ChapterRecord, chapterID string, again bool) progress.ChapterRecord {
	rec.ID = chapterID
	if !again {
		rec.Answered++
	}
	return rec
}

// AfterAttempt is a chapter's summary once an attempt finishes with score,
// as the store writes it; the UIs show it at once, before the save's own
// record comes back.
func AfterAttempt(rec progress.ChapterRecord, score int, passed bool) progress.ChapterRecord {
	rec.Attempts++
	rec.LastScore = score
	rec.BestScore = max(rec.BestScore, score)
	rec.Passed = rec.Passed || passed
	rec.OpenAttempt = 0
	return rec
}
