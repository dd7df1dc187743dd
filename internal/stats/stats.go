// Package stats holds the figures of the stats screen and `progress
// --json` (issue 11, "See progress"): per chapter best score, attempts and
// questions answered; the weakest questions; the streak of days studied;
// the reviews due this week. Plain Go over the course and progress records
// taken as values, with the clock passed in: no terminal, no progress file.
package stats

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

// WeakestCount is how many weakest questions Stats lists.
const WeakestCount = 5

// WeekDays is "this week" for ReviewDue: today and the six local days after.
const WeekDays = 7

// Chapter is one chapter's figures, in course order.
type Chapter struct {
	ID        string
	Title     string
	Quiz      bool  // the chapter has a quiz
	BestScore int   // percent; 0 while Attempts is 0 (screens show "—")
	Attempts  int   // finished attempts
	Answered  int   // questions of today's quiz answered in their current version (courserules.CountQuestions)
	Earlier   int   // questions answered only in an earlier version
	ReadingS  int64 // seconds active reading the chapter
	QuizS     int64 // seconds active in its quiz (reviews and retries too)
}

// Weak is a question missed in one or more attempts.
type Weak struct {
	ChapterID  string `json:"chapter_id"`
	QuestionID string `json:"question_id"`
	Missed     int    `json:"missed"` // attempts whose answer that counts was wrong (any version of the question)
	// Section is the heading of the chapter's section the question is
	// about (search.SectionOf), SectionLine its 1-based line in the
	// chapter's markdown; "" and 0: the chapter's start.
	Section     string `json:"section"`
	SectionLine int    `json:"section_line"`
}

// Stats are the figures at one instant.
type Stats struct {
	Chapters   []Chapter
	Weakest    []Weak // at most WeakestCount, most missed first
	StreakDays int    // local days studied in a row, up to today (or yesterday)
	ReviewDue  int    // review cards due by the end of the week (WeekDays)
	ReadingS   int64  // seconds active reading, all chapters
	QuizS      int64  // seconds active in quizzes, all chapters
}

// Compute works out the figures at now. records are the chapter summaries
// (Snapshot.Chapters), log what else was saved (nil reads as empty); sched
// gives the local day (4 AM rollover, its time zone).
func Compute(c *content.Course, records map[string]progress.ChapterRecord, log *progress.StudyLog, sched *scheduler.Scheduler, now time.Time) Stats {
	if log == nil {
		log = &progress.StudyLog{}
	}
	var st Stats
	for _, ch := range c.Chapters {
		r := records[ch.ID]
		n := courserules.CountQuestions(ch, log.Questions[ch.ID])
		st.Chapters = append(st.Chapters, Chapter{ID: ch.ID, Title: ch.Title, Quiz: ch.Quiz != nil,
			BestScore: r.BestScore, Attempts: r.Attempts, Answered: n.Answered, Earlier: n.Earlier, ReadingS: r.ReadingS, QuizS: r.QuizS})
		st.ReadingS = progress.AddSeconds(st.ReadingS, r.ReadingS)
		st.QuizS = progress.AddSeconds(st.QuizS, r.QuizS)
	}
	st.Weakest = Weakest(c, log.Questions, WeakestCount)
	st.StreakDays = Streak(log.Studied, now, sched.Params().Location)
	var cards []scheduler.Card
	for _, card := range log.Cards {
		if inCourse(c, card) {
			cards = append(cards, card.Card)
		}
	}
	st.ReviewDue = sched.DueWithin(cards, now, WeekDays-1)
	return st
}

// inCourse: the card's question is still in the course, unchanged (an
// edited question's card waits for its next quiz answer, so it is not due).
func inCourse(c *content.Course, card progress.ReviewCard) bool {
	ch, ok := c.Chapter(card.ChapterID)
	if !ok || ch.Quiz == nil {
		return false
	}
	qu, ok := ch.Quiz.Question(card.QuestionID)
	return ok && qu.Hash == card.QuestionHash
}

// Weakest lists up to n questions still in the course that were missed
// most, from the question summaries (by chapter id, then question id): a
// question counts once per attempt whose answer that counts (the last one
// given) was wrong. Ties go in course order.
func Weakest(c *content.Course, questions map[string]map[string]progress.QuestionSummary, n int) []Weak {
	var out []Weak
	for _, ch := range c.Chapters {
		if ch.Quiz == nil {
			continue
		}
		for _, qu := range ch.Quiz.Questions {
			if m := questions[ch.ID][qu.ID].Missed; m > 0 {
				out = append(out, Weak{ChapterID: ch.ID, QuestionID: qu.ID, Missed: m})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Weak) int { return cmp.Compare(b.Missed, a.Missed) })
	out = out[:min(n, len(out))]
	for i, w := range out {
		ch, _ := c.Chapter(w.ChapterID)
		qu, _ := ch.Quiz.Question(w.QuestionID)
		sec := search.SectionOf(ch, qu)
		out[i].Section, out[i].SectionLine = sec.Text, sec.Line
	}
	return out
}

// Streak counts the local days in a row (4 AM rollover, in loc) with at
// least one of times, ending today, or yesterday when nothing was studied
// yet today: the streak lasts until a whole day passes without study.
// Times after now are ignored (a clock set back must not stretch it).
func Streak(times []time.Time, now time.Time, loc *time.Location) int {
	days := map[int]bool{}
	for _, t := range times {
		if !t.After(now) {
			days[scheduler.Day(t, loc)] = true
		}
	}
	d := scheduler.Day(now, loc)
	if !days[d] {
		d--
	}
	n := 0
	for days[d] {
		n++
		d--
	}
	return n
}

// ScoreText is a best score for screens and tables: "—" while no attempt
// has finished (a 0% there would read as a failed quiz), else "N%".
func ScoreText(attempts, best int) string {
	if attempts == 0 {
		return "—"
	}
	return strconv.Itoa(best) + "%"
}
