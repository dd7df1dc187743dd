package linemode

import (
	"fmt"
	"slices"
	"strings"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// What the full-screen results screen and reader offer beyond a quiz, as
// plain prompts: the missed questions again ("m", tui/retrymissed.go), a
// chapter's last result with its attempt history ("l"), and resetting a
// chapter ("R", tui/resetscreen.go). Each saves the same progress.Op as the
// full-screen tutor.

// historyShown is how many finished attempts the last result lists, as
// on the full-screen results.
const historyShown = 10

// right counts the right answers.
func (q *quiz) right() int {
	n := 0
	for _, qu := range q.questions {
		if q.answers[qu.ID].correct {
			n++
		}
	}
	return n
}

// missed lists the questions not answered right, in the order asked.
func (q *quiz) missed() []*content.Question {
	var out []*content.Question
	for _, qu := range q.questions {
		if !q.answers[qu.ID].correct {
			out = append(out, qu)
		}
	}
	return out
}

// results prints a summary ("9 of 12 right, passed; ...; missed: ...")
// and each missed question with the answer given and the right one.
func (s *Session) results(q *quiz, what string, score int, passed bool) {
	right, total := q.right(), len(q.questions)
	var missed []string
	for i, qu := range q.questions {
		if !q.answers[qu.ID].correct {
			missed = append(missed, fmt.Sprint(i+1))
		}
	}
	miss := "none"
	if len(missed) > 0 {
		miss = "questions " + strings.Join(missed, ", ")
	}
	switch {
	case q.missedOnly:
		s.out.say("%s: %d of %d right this time; missed: %s. This retry is practice: your score, attempts and pass stay as they were.", what, right, total, miss)
	case q.changedSince:
		verdict := "passed"
		if !passed {
			verdict = "not passed"
		}
		s.out.say("%s: this attempt scored %d%%, %s (the pass mark is %d%%). The quiz has changed since: %d of its %d questions count as right now; missed: %s.",
			what, score, verdict, q.ch.Quiz.PassMark, right, total, miss)
	default:
		verdict := "passed"
		if !passed {
			verdict = fmt.Sprintf("not passed yet (%d right needed)", courserules.Needed(q.ch.Quiz.PassMark, total))
		}
		s.out.say("%s: %d of %d right, %s; %d%%, the pass mark is %d%%; missed: %s.", what, right, total, verdict, score, q.ch.Quiz.PassMark, miss)
	}
	for i, qu := range q.questions {
		a := q.answers[qu.ID]
		if a.correct {
			continue
		}
		given := strings.Join(a.given, ", ")
		switch {
		case given == "" && a.earlier:
			given = "(you answered an earlier version of this question)"
		case given == "":
			given = "(no answer)"
		}
		s.out.say("Question %d: %s", i+1, text(qu.Prompt))
		s.out.say("  You answered: %s.", line(given))
		s.out.say("  %s", answerWords(qu, q.shuffles[qu.ID]))
	}
}

// afterResults offers what the results screen does: the missed questions
// again, the whole quiz again, or on. True when the input ended.
func (s *Session) afterResults(q *quiz) bool {
	missed := q.missed()
	opts := []string{"r to take the whole quiz again", "enter to go on"}
	if len(missed) > 0 {
		opts = append([]string{"m to retry the missed questions"}, opts...)
	}
	for {
		in, ok := s.choose("Type "+strings.Join(opts, ", ")+": ", func() {
			s.out.say("m: retry the missed questions (practice: your score stays as it is); r: retake the whole quiz (a new attempt); enter: go on.")
		})
		switch {
		case !ok:
			return true
		case in == "m" && len(missed) > 0:
			return s.retryMissed(q.ch, missed)
		case in == "r":
			return s.Quiz(q.ch.ID, Ask)
		case in == "" || in == "q":
			return false
		}
		s.out.say("Not understood: %q.", line(in))
	}
}

// retryMissed asks only the missed questions, freshly shuffled, saving
// each answer as progress.OpRetry (no attempt is started or finished).
func (s *Session) retryMissed(ch *content.Chapter, missed []*content.Question) bool {
	q := &quiz{ch: ch, missedOnly: true, questions: slices.Clone(missed), answers: map[string]answered{}}
	q.shuffles = courserules.Shuffles(q.questions, s.rng)
	s.out.say("")
	s.out.say("Retrying the %d missed %s of %s.", len(q.questions), plural(len(q.questions), "question", "questions"), line(ch.Title))
	return s.runQuiz(q)
}

// retryDone ends a retry of missed questions: its results, and the same
// choices again.
func (s *Session) retryDone(q *quiz) bool {
	s.out.say("")
	s.results(q, "Missed questions again", 0, false)
	return s.afterResults(q)
}

// lastResult shows a chapter's last finished attempt, as "l" does on the
// full-screen home and reader: its results, then the attempt history,
// newest first. The attempts are read after this session's own changes
// are written, so a quiz just finished is among them.
func (s *Session) lastResult(ch *content.Chapter) bool {
	if ch.Quiz == nil {
		s.out.say("Chapter %q has no quiz.", line(ch.Title))
		return false
	}
	as, err := s.save.attempts(ch.ID)
	if err != nil {
		s.out.say("The last result could not be read: %s.", line(err.Error()))
		return false
	}
	var done []progress.Attempt
	for _, a := range as {
		if a.Finished != nil {
			done = append(done, a)
		}
	}
	if len(done) == 0 {
		s.out.say("No finished quiz for %s yet: type t %d to take it.", line(ch.Title), s.course.Index(ch.ID)+1)
		return false
	}
	last := done[len(done)-1]
	r := courserules.Resume(ch, last, s.rng)
	if len(r.Questions) == 0 {
		s.out.say("The questions of %s have changed since your last attempt: type t %d to take the quiz.", line(ch.Title), s.course.Index(ch.ID)+1)
		return false
	}
	q := &quiz{ch: ch, questions: r.Questions, shuffles: r.Shuffles, answers: map[string]answered{}}
	// An answer to a question edited since does not count (Resume drops
	// it), but was given: say so, as the full-screen result does.
	for qid, a := range progress.LastAnswers(last) {
		if qu, ok := ch.Quiz.Question(qid); ok && qu.Hash != a.QuestionHash {
			q.answers[qid] = answered{earlier: true}
		}
	}
	for qid, a := range r.Answers {
		q.answers[qid] = answered{correct: a.Correct, given: a.Given}
	}
	now := content.Score(q.right(), len(q.questions))
	q.changedSince = now != last.Score || ch.Quiz.Passed(now) != last.Passed
	s.out.say("")
	s.results(q, "Last result of "+line(ch.Title), last.Score, last.Passed)
	s.out.say("Attempt history, newest first:")
	oldest := max(0, len(done)-historyShown)
	for i := len(done) - 1; i >= oldest; i-- {
		a := done[i]
		verdict := "not passed"
		if a.Passed {
			verdict = "passed"
		}
		s.out.say("  %s, %d%%, %s", a.Finished.Local().Format("2006-01-02 15:04"), a.Score, verdict)
	}
	if oldest > 0 {
		s.out.say("  (and %d earlier)", oldest)
	}
	return s.afterResults(q)
}

// reset asks before resetting a chapter, saying what will be lost and how
// to bring it back, then saves progress.OpReset as the reset screen does:
// the records move to a backup inside the progress file, which
// `backend-tutor reset --undo` restores.
func (s *Session) reset(ch *content.Chapter) bool {
	loss := courserules.ResetLoss(s.records[ch.ID])
	if loss == "" {
		s.out.say("Nothing to reset: %s has no progress yet.", line(ch.Title))
		return false
	}
	s.out.say("")
	s.out.say("Reset %s? This clears %s.", line(ch.Title), loss)
	s.out.say("They move to a backup inside your progress file; `backend-tutor reset --undo` brings them back.")
	in, ok := s.choose("Type y to reset, n to keep them: ", func() {
		s.out.say("y resets the chapter (undo with `backend-tutor reset --undo`); n, or an empty line, keeps everything.")
	})
	if !ok {
		return true
	}
	if in != "y" && in != "yes" {
		s.out.say("Kept: nothing was reset.")
		return false
	}
	delete(s.records, ch.ID)
	if s.last != nil && s.last.ChapterID == ch.ID {
		s.last.Screen = "chapter"
	}
	s.save.do(progress.Op{Kind: progress.OpReset, Chapter: ch.ID}, nil)
	s.out.say("Chapter reset. `backend-tutor reset --undo` brings its progress back.")
	return false
}
