package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// attemptRef names the attempt a quiz saves to: its UID, made when the quiz
// starts, and its id in the file once the start is written (0 before; the
// store then finds the attempt by UID).
type attemptRef struct {
	id  uint64
	uid string
}

// beginQuiz is "t": start the chapter's quiz, or offer to resume an
// unfinished attempt. Whether there is one is read from the file as it is
// now (queued behind this tutor's own saves), not from the start-up
// snapshot: another tutor may have started one since.
func (m *Model) beginQuiz(id string) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	return m.readQuizState(id, readAsk)
}

// quizRead says what to do once a chapter's quiz state is read.
type quizRead int

const (
	readAsk      quizRead = iota // "t": offer to resume an open attempt; ask before retaking a passed quiz
	readContinue                 // Continue: resume at once, or show the chapter when nothing is open
	readResume                   // quiz --resume: resume at once, or start
	readNew                      // quiz --new: abandon an open attempt and start
)

// openQuiz is `backend-tutor quiz`: the chapter's quiz, as "t" starts it,
// except that --resume and --new answer the question of an unfinished
// attempt in advance (and neither asks before retaking a passed quiz).
func (m *Model) openQuiz(id string, how QuizStart) tea.Cmd {
	switch how {
	case QuizResume:
		return m.readQuizState(id, readResume)
	case QuizNew:
		return m.readQuizState(id, readNew)
	}
	return m.beginQuiz(id)
}

// retakeKey answers "take a passed quiz again?".
func (m *Model) retakeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Again):
		return m.startQuiz(m.retake)
	case key.Matches(msg, m.keys.NotNow):
		return m.enter(nav{to: m.retakeFrom, back: true})
	}
	return nil
}

// continueLast is the home screen's "Continue".
func (m *Model) continueLast() tea.Cmd {
	if m.last == nil {
		return nil
	}
	id := m.last.ChapterID
	if m.last.Screen == "quiz" {
		return m.readQuizState(id, readContinue)
	}
	return m.openChapter(id, -1)
}

// readQuizState queues the read behind this tutor's own changes, so it
// sees them; keys typed until its answer arrives are held and replayed
// then, so a fast typist's answers reach the quiz. If the queue is held up
// by a failed save, queuing would wait behind it: the read runs at once
// instead (a read-only file still offers its open attempt), also when a
// save fails while the read waits (see handleOutcome).
func (m *Model) readQuizState(id string, how quizRead) tea.Cmd {
	m.awaitingQuiz = true
	m.quizRead++
	store, gen := m.store, m.quizRead
	m.quizReadNow = func() tea.Msg {
		a, open, err := store.OpenAttempt(id)
		return quizStateMsg{chapter: id, attempt: a, open: open, how: how, err: err, gen: gen}
	}
	if m.saver.stalled() {
		return m.quizReadNow
	}
	return m.read(m.quizReadNow)
}

// quizState acts on a chapter's current quiz state: resume its open
// attempt, or start one ("t") or show the chapter (Continue) when there is
// none. If the file could not be read (locked for too long), the same: an
// attempt open in the file stays open, never abandoned.
func (m *Model) quizState(r quizStateMsg) tea.Cmd {
	if !m.awaitingQuiz || r.gen != m.quizRead {
		return nil // answered already, by the other of a queued and a direct read
	}
	m.quizReadNow = nil
	var cmds []tea.Cmd
	switch {
	case r.open && r.how == readNew:
		cmds = append(cmds, m.resumeQuiz(r.chapter, r.attempt, false), m.startOver())
	case r.open:
		cmds = append(cmds, m.resumeQuiz(r.chapter, r.attempt, r.how == readAsk))
	case r.how == readAsk && m.records[r.chapter].Passed: // ask first: a stray "t" should not start an attempt
		m.retake = r.chapter
		cmds = append(cmds, m.enter(nav{to: retakeScreen}))
	case r.how != readContinue:
		cmds = append(cmds, m.startQuiz(r.chapter))
	default:
		cmds = append(cmds, m.openChapter(r.chapter, -1))
	}
	m.awaitingQuiz = false
	held := m.heldKeys
	m.heldKeys = nil
	for _, k := range held {
		cmds = append(cmds, m.handleKey(k))
	}
	return tea.Batch(cmds...)
}

// startQuiz begins a new attempt with freshly shuffled options.
func (m *Model) startQuiz(id string) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	q := newQuiz(m, ch)
	q.questions = append(q.questions, ch.Quiz.Questions...)
	q.shuffles = courserules.Shuffles(q.questions, m.rng)
	q.order = make([]string, len(q.questions))
	for i, qu := range q.questions {
		q.order[i] = qu.ID
	}
	q.att = attemptRef{uid: progress.NewID()}
	m.quiz = q
	shown := m.enter(nav{to: quizScreen})
	q.enter(m)
	m.last = &progress.Place{Screen: "quiz", ChapterID: id}
	return tea.Batch(shown, m.save(q.op(progress.OpStart)))
}

// resumeQuiz rebuilds an unfinished attempt exactly as the learner left it.
func (m *Model) resumeQuiz(id string, a progress.Attempt, prompt bool) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	q := newQuiz(m, ch)
	q.att = attemptRef{id: a.ID, uid: a.UID}
	q.order = a.Order
	r := courserules.Resume(ch, a, m.rng)
	q.questions, q.shuffles = r.Questions, r.Shuffles
	q.answers = answersFrom(ch, a)
	if len(q.questions) == 0 {
		return nil
	}
	q.index = len(q.questions) - 1
	for i, qu := range q.questions {
		if _, done := q.answers[qu.ID]; !done {
			q.index = i
			break
		}
	}
	m.quiz = q
	m.last = &progress.Place{Screen: "quiz", ChapterID: id}
	q.enter(m)
	if prompt {
		return m.enter(nav{to: resumeScreen})
	}
	return m.enter(nav{to: quizScreen})
}

// answersFrom is each question's last answer in a, for the questions
// still in the chapter and unchanged since (same hash).
func answersFrom(ch *content.Chapter, a progress.Attempt) map[string]answered {
	out := map[string]answered{}
	for qid, ans := range courserules.CurrentAnswers(ch, a) {
		out[qid] = answered{correct: ans.Correct, given: ans.Given, id: ans.ID}
	}
	return out
}

func (m *Model) resumeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Resume):
		shown := m.enter(nav{to: quizScreen})
		if m.quiz.allAnswered() {
			return tea.Batch(shown, m.quiz.finish(m))
		}
		return shown
	case key.Matches(msg, m.keys.Restart):
		return m.startOver()
	case key.Matches(msg, m.keys.Back):
		return m.enter(nav{to: homeScreen})
	}
	return nil
}

// startOver abandons the quiz's attempt (its answers stay in the history)
// and starts a new one.
func (m *Model) startOver() tea.Cmd {
	id := m.quiz.ch.ID
	drop := m.save(m.quiz.op(progress.OpDrop))
	rec := m.records[id]
	rec.OpenAttempt = 0
	m.records[id] = rec
	return tea.Batch(drop, m.startQuiz(id))
}
