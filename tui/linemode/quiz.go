package linemode

import (
	"fmt"
	"strings"

	"backend-tutor/content"
	"backend-tutor/internal/activetime"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

type answered struct {
	correct bool
	given   []string
	earlier bool // a reopened result: answered only in an earlier version of the question
}

// quiz is one attempt at a chapter's quiz.
type quiz struct {
	ch        *content.Chapter
	id        uint64 // the attempt's id in the file, once its start is written
	uid       string // the attempt's UID: the store finds it by this before
	order     []string
	questions []*content.Question
	shuffles  map[string][]int
	answers   map[string]answered
	// missedOnly: a retry of the questions an attempt missed, as "m" on the
	// full-screen results: answers saved apart (progress.OpRetry), no
	// attempt, no score (results.go).
	missedOnly bool
	// changedSince: a reopened result whose questions were edited or
	// removed since, so its right answers now do not make its score.
	changedSince bool
	// hinted: the questions whose hint "?" showed; a right answer after
	// it rates Hard for review, as in the full-screen quiz.
	hinted map[string]bool
}

// op is a change to this quiz's attempt, as the full-screen quiz makes it:
// it carries the attempt's order and shuffles, so the store can recreate
// the attempt if its start was lost.
func (q *quiz) op(kind progress.OpKind) progress.Op {
	return progress.Op{
		Kind: kind, Chapter: q.ch.ID, Attempt: q.id, AttemptUID: q.uid,
		ContentHash: q.ch.Hash, Order: q.order, Shuffles: q.shuffles,
	}
}

// Quiz runs a chapter's quiz: a new attempt, or the unfinished one (start
// decides; see Start). Each answer is saved as it is given; at the end of
// input the quiz stops with the answers so far saved and the attempt open,
// nothing submitted for the question being asked. True when input ended.
func (s *Session) Quiz(id string, start Start) bool {
	ch, ok := s.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		s.out.say("Chapter %q has no quiz.", line(id))
		return false
	}
	// Whether an attempt is open is read from the file as it is now, as the
	// full-screen tutor does: another tutor may have started one.
	a, open, err := s.save.openAttempt(id)
	if err != nil {
		s.out.say("Could not read this quiz's unfinished attempt (%s).", line(err.Error()))
	}
	rec := s.records[id]
	var q *quiz
	if open {
		if start == Ask && s.ask {
			in, ok := s.choose(fmt.Sprintf("You have an unfinished attempt at this quiz (%d answered). Type r to resume it or s to start over: ", len(courserules.CurrentAnswers(ch, a))), func() {
				s.out.say("r resumes where you left off; s starts a new attempt (the unfinished one's answers stay in your history).")
			})
			if !ok {
				return true
			}
			if in == "s" {
				start = StartNew
			}
		} else if start == Ask {
			s.out.say("Resuming your unfinished attempt (--new starts over).")
		}
		q = s.resumeQuiz(ch, a)
		if start == StartNew {
			s.save.do(q.op(progress.OpDrop), nil)
			rec.OpenAttempt = 0
			s.records[id] = rec
			q = nil
		}
	} else if rec.Passed && start == Ask && s.ask {
		in, ok := s.choose(fmt.Sprintf("You passed this quiz (best %d%%). Take it again? Type y or n: ", rec.BestScore), func() {
			s.out.say("y starts a new attempt; n goes back.")
		})
		if !ok {
			return true
		}
		if in != "y" && in != "yes" {
			return false
		}
	}
	if q == nil {
		q = s.startQuiz(ch)
	}
	return s.runQuiz(q)
}

func (s *Session) startQuiz(ch *content.Chapter) *quiz {
	q := &quiz{ch: ch, uid: progress.NewID(), answers: map[string]answered{}}
	q.questions = append(q.questions, ch.Quiz.Questions...)
	q.shuffles = courserules.Shuffles(q.questions, s.rng)
	q.order = make([]string, len(q.questions))
	for i, qu := range q.questions {
		q.order[i] = qu.ID
	}
	s.last = &progress.Place{Screen: "quiz", ChapterID: ch.ID}
	s.save.do(q.op(progress.OpStart), func(r progress.Applied) {
		q.id = r.Attempt.ID // the chapter now has an open attempt, as the full-screen tutor notes it
		rec := s.records[ch.ID]
		rec.ID, rec.OpenAttempt = ch.ID, r.Attempt.ID
		s.records[ch.ID] = rec
	})
	return q
}

func (s *Session) resumeQuiz(ch *content.Chapter, a progress.Attempt) *quiz {
	r := courserules.Resume(ch, a, s.rng)
	q := &quiz{ch: ch, id: a.ID, uid: a.UID, order: a.Order, questions: r.Questions, shuffles: r.Shuffles, answers: map[string]answered{}}
	if len(q.questions) == 0 { // every question removed since: a new attempt
		return s.startQuiz(ch)
	}
	for qid, ans := range r.Answers {
		q.answers[qid] = answered{correct: ans.Correct, given: ans.Given}
	}
	s.last = &progress.Place{Screen: "quiz", ChapterID: ch.ID}
	return q
}

func (s *Session) runQuiz(q *quiz) bool {
	s.out.say("")
	s.out.say("Quiz: %s. %d questions; the pass mark is %d%%.", line(q.ch.Title), len(q.questions), q.ch.Quiz.PassMark)
	if len(q.answers) > 0 {
		s.out.say("You have answered %d of them already.", len(q.answers))
	}
	s.out.say("Type ? at a question for what you can type; an empty line repeats the question; q leaves the quiz (your answers are kept).")
	for i, qu := range q.questions {
		if _, done := q.answers[qu.ID]; done {
			continue
		}
		r, status := s.ask1(q, i)
		switch status {
		case askEOF:
			s.stopped(q)
			return true
		case askLeave:
			s.stopped(q)
			return false
		}
		s.answer(q, qu, r)
	}
	if q.missedOnly {
		return s.retryDone(q)
	}
	return s.finish(q)
}

type askStatus int

const (
	askAnswered askStatus = iota
	askLeave
	askEOF
)

// ask1 asks question i until it gets an answer, q, or the end of input.
func (s *Session) ask1(q *quiz, i int) (content.Response, askStatus) {
	qu := q.questions[i]
	shuffle := q.shuffles[qu.ID]
	defer s.doing(activetime.Quiz, q.ch.ID)()
	s.showQuestion(q, i)
	for {
		s.out.prompt("Answer: ")
		in, ok := s.next()
		if !ok {
			s.out.say("")
			return content.Response{}, askEOF
		}
		trimmed := strings.TrimSpace(in)
		switch trimmed {
		case "":
			s.showQuestion(q, i)
			continue
		case "?":
			s.out.say("%s", howToAnswer(qu))
			if qu.Hint != "" {
				s.out.say("Hint: %s", text(qu.Hint))
				if q.hinted == nil {
					q.hinted = map[string]bool{}
				}
				q.hinted[qu.ID] = true
			}
			s.out.say("An empty line repeats the question; q leaves the quiz (your answers are kept).")
			continue
		case "q":
			return content.Response{}, askLeave
		}
		r, err := qu.ParseLine(render.SanitizeLine(in), shuffle)
		if err != nil {
			s.out.say("Not an answer here: %s. Type ? for help.", err)
			continue
		}
		return r, askAnswered
	}
}

func (s *Session) showQuestion(q *quiz, i int) {
	qu := q.questions[i]
	s.out.say("")
	s.out.say("Question %d of %d. %s", i+1, len(q.questions), sentence(qu.Label()))
	s.out.say("%s", text(qu.Prompt))
	for n, c := range qu.Choices(q.shuffles[qu.ID]) {
		s.out.say("  %d. %s", n+1, line(c.Text))
	}
	s.out.say("%s", howToAnswer(qu))
}

// howToAnswer says what to type for a kind of answer.
func howToAnswer(qu *content.Question) string {
	switch qu.Input() {
	case content.PickMany:
		return "Type the numbers of every right answer, separated by spaces or commas."
	case content.Arrange:
		return "Type the numbers in the right order, separated by spaces (for example: 3 1 2)."
	case content.Text:
		return "Type your answer."
	}
	for _, c := range qu.Choices(nil) {
		if c.Key != "" {
			return "Type t for true or f for false."
		}
	}
	return "Type the number of your answer."
}

// answer grades and saves one answer and says whether it was right.
func (s *Session) answer(q *quiz, qu *content.Question, r content.Response) {
	correct := qu.Grade(r)
	given := qu.Given(r)
	_, already := q.answers[qu.ID]
	q.answers[qu.ID] = answered{correct: correct, given: given}
	ans := &progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: given, Correct: correct, At: s.now()}
	if q.missedOnly {
		s.save.do(progress.Op{Kind: progress.OpRetry, Chapter: q.ch.ID, Answer: ans}, nil)
	} else {
		s.records[q.ch.ID] = courserules.AfterAnswer(s.records[q.ch.ID], q.ch.ID, already)
		op := q.op(progress.OpAnswer)
		op.Answer = ans
		// The review card moves with the answer; a hint makes a right
		// answer Hard, so it comes back sooner (as full screen).
		op.Rating = int(scheduler.RatingFor(scheduler.Answer{Correct: correct, Hinted: q.hinted[qu.ID]}))
		s.save.do(op, nil)
	}
	if correct {
		s.out.say("[right] Right!")
	} else {
		s.out.say("[wrong] Not quite. %s", answerWords(qu, q.shuffles[qu.ID]))
	}
	s.out.say("%s", text(qu.Explanation))
}

// answerWords is the right answer on one line: "The answer: a, b." or
// "The right order: 1. x; 2. y; 3. z."
func answerWords(qu *content.Question, shuffle []int) string {
	a := qu.RightAnswer(shuffle)
	items := make([]string, len(a.Items))
	for i, it := range a.Items {
		items[i] = line(it)
		if a.Numbered {
			items[i] = fmt.Sprintf("%d. %s", i+1, items[i])
		}
	}
	sep := ", "
	if a.Numbered {
		sep = "; "
	}
	return a.Lead + ": " + strings.Join(items, sep) + "."
}

// stopped: the quiz is left open; answers so far are saved.
func (s *Session) stopped(q *quiz) {
	if q.missedOnly {
		s.out.say("Stopped the retry. The answers you gave are saved; your score stays as it was.")
		return
	}
	s.out.say("Stopped. %d of %d answered and saved; the quiz stays open: Continue, or `backend-tutor quiz %s`, picks it up.",
		len(q.answers), len(q.questions), q.ch.ID)
}

// finish scores the attempt, saves it, prints the results and offers what
// the results screen offers (results.go). True when the input ended.
func (s *Session) finish(q *quiz) bool {
	right := q.right()
	total := len(q.questions)
	score := content.Score(right, total)
	passed := q.ch.Quiz.Passed(score)

	s.records[q.ch.ID] = courserules.AfterAttempt(s.records[q.ch.ID], score, passed)
	s.last = &progress.Place{Screen: "chapter", ChapterID: q.ch.ID}
	// The store grades the attempt again from the file, where another tutor
	// may have answered too; its record replaces ours.
	op := q.op(progress.OpFinish)
	op.PassMark = q.ch.Quiz.PassMark
	op.Questions = make(map[string]string, len(q.questions))
	for _, qu := range q.questions {
		op.Questions[qu.ID] = qu.Hash
	}
	s.save.do(op, func(r progress.Applied) { s.records[r.Record.ID] = r.Record })
	s.save.do(progress.Op{Kind: progress.OpLast, Place: s.last}, nil)
	s.out.say("")
	s.results(q, "Results", score, passed)
	return s.afterResults(q)
}

// sentence ends s with a full stop unless it ends with a mark already.
func sentence(s string) string {
	if strings.HasSuffix(s, "?") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
