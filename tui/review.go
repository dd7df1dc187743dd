package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
)

// A review session (issue 11) asks the questions whose cards are due,
// across chapters, most overdue first, at most the day's cap. Each
// question is a one-question quizModel (the quiz screen's rendering and
// feedback for every kind) with review set: its answer is saved as an
// OpReview, apart from attempts, so answered, attempts, best score, passed
// and Continue never change.

// reviewSession is the session in progress.
type reviewSession struct {
	items        []reviewItem
	index        int
	right, wrong int
}

type reviewItem struct {
	ch *content.Chapter
	qu *content.Question
}

// reviewQueueMsg is today's queue, read off the UI goroutine.
type reviewQueueMsg struct {
	q   progress.ReviewQueue
	err error
}

// now is the tutor's clock (Options.Now): every time the logic records.
func (m *Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}

// readReviewQueue reads today's queue behind the queued saves, so a
// review just answered is counted.
func (m *Model) readReviewQueue() tea.Cmd {
	if m.store == nil {
		return nil
	}
	return m.read(m.reviewQueueRead())
}

// reviewQueueRead is the read itself. At start-up nothing is queued yet,
// so it runs as a plain command (New must not queue anything: the saver's
// queue starts with the program).
func (m *Model) reviewQueueRead() func() tea.Msg {
	store, now, course := m.store, m.now(), m.course
	return func() tea.Msg {
		if store == nil {
			return nil
		}
		q, err := store.ReviewQueue(now, func(c progress.ReviewCard) bool {
			return reviewQuestion(course, c) != nil
		})
		return reviewQueueMsg{q, err}
	}
}

// reviewItems keeps the due cards whose question is still in the course
// unchanged; an edited question's card starts again at its next quiz
// answer.
func (m *Model) reviewItems(q progress.ReviewQueue) []reviewItem {
	var items []reviewItem
	for _, c := range q.Cards {
		if it := reviewQuestion(m.course, c); it != nil {
			items = append(items, *it)
		}
	}
	return items
}

// reviewQuestion is card c's question, nil when the course no longer has
// it as it was.
func reviewQuestion(course *content.Course, c progress.ReviewCard) *reviewItem {
	ch, ok := course.Chapter(c.ChapterID)
	if !ok || ch.Quiz == nil {
		return nil
	}
	for _, qu := range ch.Quiz.Questions {
		if qu.ID == c.QuestionID && qu.Hash == c.QuestionHash {
			return &reviewItem{ch, qu}
		}
	}
	return nil
}

// reviewQueue takes a queue read: it updates home's count, and starts the
// session when one was asked for.
func (m *Model) reviewQueue(msg reviewQueueMsg) tea.Cmd {
	if msg.err != nil {
		m.warning = "Could not read the review cards: " + msg.err.Error()
		return nil
	}
	items := m.reviewItems(msg.q)
	m.reviewDue = len(items)
	start := m.reviewWanted
	m.reviewWanted = false
	if !start || m.screen == quizScreen {
		return m.home.refresh(m)
	}
	if len(items) == 0 {
		m.review = &reviewSession{}
		return m.enter(nav{to: reviewScreen})
	}
	m.review = &reviewSession{items: items}
	return m.askReview()
}

// rolloverMsg is the tick set for the next local day's start (4 AM).
type rolloverMsg struct{}

// maxRolloverWait caps the rollover tick. WHY: Go's timers run on the
// monotonic clock, which on Linux stands still while the machine sleeps,
// so a tick set eight hours ahead fires eight hours late after a laptop's
// lid was closed overnight; ticking at least hourly and comparing the day
// keeps home's count at most an hour stale (and follows a time-zone or DST
// change too).
const maxRolloverWait = time.Hour

// rolloverTick notes the learner's local day and schedules a rolloverMsg
// at the next day's start, or within maxRolloverWait (through Model.tick,
// which tests replace).
func (m *Model) rolloverTick() tea.Cmd {
	if m.store == nil {
		return nil
	}
	loc := m.store.Scheduler().Params().Location
	now := m.now()
	m.reviewDay = scheduler.Day(now, loc)
	wait := scheduler.DayStart(m.reviewDay+1, loc).Sub(now)
	return m.tick(max(min(wait, maxRolloverWait), time.Second), func(time.Time) tea.Msg { return rolloverMsg{} })
}

// rollover takes a rollover tick: once the local day has changed, cards
// due at its start and a fresh daily cap change home's count, so the
// queue is read again (off the UI goroutine, behind the queued saves).
func (m *Model) rollover() tea.Cmd {
	day := m.reviewDay
	next := m.rolloverTick()
	if m.reviewDay == day {
		return next
	}
	return tea.Batch(m.readReviewQueue(), next)
}

// startReview asks for the queue; the session starts when it arrives.
func (m *Model) startReview() tea.Cmd {
	m.reviewWanted = true
	return m.readReviewQueue()
}

// startupReview is the first read of the queue: for home's row, or the
// session `backend-tutor review` asked for.
func (m *Model) startupReview(session bool) tea.Cmd {
	m.reviewWanted = session
	return m.reviewQueueRead()
}

// askReview shows the session's current question.
func (m *Model) askReview() tea.Cmd {
	it := m.review.items[m.review.index]
	q := newQuiz(m, it.ch)
	q.questions = []*content.Question{it.qu}
	q.order = []string{it.qu.ID}
	q.shuffles = courserules.Shuffles(q.questions, m.rng)
	q.review = m.review
	m.quiz = q
	shown := m.enter(nav{to: quizScreen})
	q.enter(m)
	return shown
}

// submitReview saves a review answer; wrong, revealed or hinted answers
// come back sooner (scheduler.RatingFor).
func (r *reviewSession) submit(m *Model, q *quizModel, ans progress.Answer) tea.Cmd {
	if ans.Correct {
		r.right++
	} else {
		r.wrong++
	}
	m.reviewDue = max(0, m.reviewDue-1)
	rating := scheduler.RatingFor(scheduler.Answer{Correct: ans.Correct, Hinted: q.showHint && q.current().Hint != ""})
	return m.save(progress.Op{Kind: progress.OpReview, Chapter: q.ch.ID, Answer: &ans, Rating: int(rating)})
}

// next goes to the session's next question, or to its summary.
func (r *reviewSession) next(m *Model) tea.Cmd {
	r.index++
	if r.index < len(r.items) {
		return m.askReview()
	}
	return tea.Batch(m.enter(nav{to: reviewScreen}), m.readReviewQueue())
}

func (r *reviewSession) last() bool { return r.index+1 >= len(r.items) }

// leave ends the session early: answers given are saved.
func (r *reviewSession) leave(m *Model) tea.Cmd {
	m.review = nil
	return tea.Batch(m.enter(nav{to: homeScreen}), m.readReviewQueue())
}

func (r *reviewSession) header(q *quizModel) string {
	return fmt.Sprintf("Review %d of %d · %s", r.index+1, len(r.items), q.ch.Title)
}

// reviewKey is the summary screen's keys: any of enter, esc, q goes home.
func (m *Model) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Home) || key.Matches(msg, m.keys.Back) {
		m.review = nil
		return m.enter(nav{to: homeScreen})
	}
	return nil
}

// reviewView is the session's summary.
func (m *Model) reviewView() string {
	r := m.review
	var b strings.Builder
	st := m.st
	// Wrapped, not left to the frame, which cuts a long line with "…"
	// (at 60 columns "come back here when they …").
	w := m.width - 2
	if r == nil || len(r.items) == 0 {
		b.WriteString(hang("  ", "Nothing to review right now.", w) + "\n\n")
		b.WriteString(st.Subtle.Render(hang("  ", "Questions you answer in quizzes come back here when they are due.", w)))
	} else {
		n := r.right + r.wrong
		b.WriteString(hang("  ", fmt.Sprintf("You reviewed %d %s: %d right, %d to practise again.", n, plural(n, "question", "questions"), r.right, r.wrong), w) + "\n\n")
		if r.wrong > 0 {
			b.WriteString(st.Subtle.Render(hang("  ", "The ones you missed come back tomorrow.", w)) + "\n")
		}
		if m.reviewDue > 0 {
			b.WriteString(hang("  ", fmt.Sprintf("%d more due today.", m.reviewDue), w) + "\n")
		}
	}
	b.WriteString("\n" + st.Selected.Render(hang("  ", "Press enter to go home.", w)))
	return m.frame("Review done", b.String(), m.shortHelp(m.screenKeys()))
}

// reviewRow is home's "Review · N due" row (shown when N > 0).
func reviewRow(n int) homeItem {
	return homeItem{review: true, status: fmt.Sprintf("%d %s due today, across chapters", n, plural(n, "question", "questions"))}
}
