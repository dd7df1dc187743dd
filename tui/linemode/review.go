package linemode

import (
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

// reviewQueue reads today's due questions (after this session's own
// changes are written), keeping those the course still has unchanged.
func (s *saver) reviewQueue(course *content.Course, now time.Time) ([]dueQuestion, error) {
	if s.store == nil {
		return nil, nil
	}
	s.drain()
	var out []dueQuestion
	q, err := s.store.ReviewQueue(now, func(c progress.ReviewCard) bool { return findDue(course, c) != nil })
	for _, c := range q.Cards {
		if d := findDue(course, c); d != nil {
			out = append(out, *d)
		}
	}
	return out, err
}

type dueQuestion struct {
	ch *content.Chapter
	qu *content.Question
}

func findDue(course *content.Course, c progress.ReviewCard) *dueQuestion {
	ch, ok := course.Chapter(c.ChapterID)
	if !ok || ch.Quiz == nil {
		return nil
	}
	for _, qu := range ch.Quiz.Questions {
		if qu.ID == c.QuestionID && qu.Hash == c.QuestionHash {
			return &dueQuestion{ch, qu}
		}
	}
	return nil
}

func (s *Session) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// dueCount is the menu's "Review (N due)".
func (s *Session) dueCount() int {
	due, err := s.save.reviewQueue(s.course, s.now())
	if err != nil {
		return 0
	}
	return len(due)
}

// Review asks today's due questions, one after another, each saved as a
// review answer (apart from attempts), and ends with a summary. True when
// input ended.
func (s *Session) Review() bool {
	due, err := s.save.reviewQueue(s.course, s.now())
	if err != nil {
		s.out.say("Could not read the review cards (%s).", line(err.Error()))
		return false
	}
	if len(due) == 0 {
		s.out.say("Nothing to review right now. Questions you answer in quizzes come back here when they are due.")
		return false
	}
	s.out.say("")
	s.out.say("Review: %d %s due. q leaves the review (answers given are kept).", len(due), plural(len(due), "question", "questions"))
	right, wrong := 0, 0
	for i, d := range due {
		q := &quiz{ch: d.ch, questions: []*content.Question{d.qu}, answers: map[string]answered{}}
		q.shuffles = courserules.Shuffles(q.questions, s.rng)
		s.out.say("")
		s.out.say("Review %d of %d, from %s.", i+1, len(due), line(d.ch.Title))
		r, status := s.ask1(q, 0)
		switch status {
		case askEOF:
			return true
		case askLeave:
			s.out.say("Review stopped: %d answered and saved.", right+wrong)
			return false
		}
		correct := d.qu.Grade(r)
		if correct {
			right++
			s.out.say("[right] Right!")
		} else {
			wrong++
			s.out.say("[wrong] Not quite. %s", answerWords(d.qu, q.shuffles[d.qu.ID]))
		}
		s.out.say("%s", text(d.qu.Explanation))
		ans := progress.Answer{ID: progress.NewID(), QuestionID: d.qu.ID, QuestionHash: d.qu.Hash, Given: d.qu.Given(r), Correct: correct, At: s.now()}
		rating := scheduler.RatingFor(scheduler.Answer{Correct: correct, Hinted: q.hinted[d.qu.ID]})
		s.save.do(progress.Op{Kind: progress.OpReview, Chapter: d.ch.ID, Answer: &ans, Rating: int(rating)}, nil)
	}
	s.out.say("")
	s.out.say("Review done: %d right, %d to practise again (they come back tomorrow).", right, wrong)
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
