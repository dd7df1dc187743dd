package tui

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// attemptRef carries the id of an attempt from the save job that creates it
// to the jobs that save its answers. Jobs run one after another, so the id
// is always there by the time an answer job reads it.
type attemptRef struct{ id atomic.Uint64 }

// beginQuiz is "t": start the chapter's quiz, or offer to resume an
// unfinished attempt.
func (m *Model) beginQuiz(id string) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	if open := m.records[id].OpenAttempt; open != 0 {
		return m.loadAttempt(id, open, true)
	}
	if m.records[id].Passed { // ask first: a stray "t" should not start an attempt
		m.retake, m.retakeFrom, m.screen = id, m.screen, retakeScreen
		return nil
	}
	return m.startQuiz(id)
}

// retakeKey answers "take a passed quiz again?".
func (m *Model) retakeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter", "y":
		return m.startQuiz(m.retake)
	case "esc", "n", "q":
		m.screen = m.retakeFrom
		if m.screen == homeScreen {
			return m.home.refresh(m)
		}
	}
	return nil
}

// continueLast is the home screen's "Continue".
func (m *Model) continueLast() tea.Cmd {
	if m.last == nil {
		return nil
	}
	id := m.last.ChapterID
	if open := m.records[id].OpenAttempt; m.last.Screen == "quiz" && open != 0 {
		return m.loadAttempt(id, open, false)
	}
	return m.openChapter(id, -1)
}

func (m *Model) loadAttempt(id string, attemptID uint64, prompt bool) tea.Cmd {
	store := m.store
	return m.saver.enqueue(func() tea.Msg {
		a, err := store.Attempt(id, attemptID)
		return resumeLoadedMsg{chapter: id, attempt: a, prompt: prompt, err: err}
	})
}

// startQuiz begins a new attempt with freshly shuffled options.
func (m *Model) startQuiz(id string) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	q := newQuiz(m, ch)
	for _, qu := range ch.Quiz.Questions {
		q.questions = append(q.questions, qu)
		if n := shuffleSize(qu); n > 0 {
			q.shuffles[qu.ID] = content.Shuffle(n, m.rng)
		}
	}
	m.quiz = q
	m.screen = quizScreen
	q.enter(m)
	order := make([]string, len(q.questions))
	for i, qu := range q.questions {
		order[i] = qu.ID
	}
	shuffles := q.shuffles
	ref := q.ref
	m.last = &progress.Place{Screen: "quiz", ChapterID: id}
	return m.saver.enqueue(func() tea.Msg {
		a, err := m.store.StartAttempt(id, ch.Hash, order, shuffles)
		ref.id.Store(a.ID)
		return attemptStartedMsg{chapter: id, attempt: a, err: err}
	})
}

// shuffleSize is how many things a question's shuffle permutes.
func shuffleSize(q *content.Question) int {
	switch q.Kind {
	case content.Single, content.Multi:
		return len(q.Options)
	case content.Order:
		return len(q.Items)
	}
	return 0
}

// resumeQuiz rebuilds an unfinished attempt exactly as the learner left it.
func (m *Model) resumeQuiz(id string, a progress.Attempt, prompt bool) {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return
	}
	q := newQuiz(m, ch)
	q.ref.id.Store(a.ID)
	for _, qid := range a.Order {
		qu, ok := ch.Quiz.Question(qid)
		if !ok {
			continue // removed from the course since
		}
		q.questions = append(q.questions, qu)
		if n := shuffleSize(qu); n > 0 {
			p := a.Shuffles[qid]
			if !isPermutation(p, n) {
				p = content.Shuffle(n, m.rng) // the question changed shape since
			}
			q.shuffles[qid] = p
		}
	}
	for _, ans := range a.Answers {
		if qu, ok := ch.Quiz.Question(ans.QuestionID); ok && qu.Hash == ans.QuestionHash {
			q.answers[ans.QuestionID] = answered{correct: ans.Correct, given: ans.Given}
		}
	}
	if len(q.questions) == 0 {
		return
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
	m.screen = quizScreen
	if prompt {
		m.screen = resumeScreen
	}
}

func isPermutation(p []int, n int) bool {
	if len(p) != n {
		return false
	}
	seen := make([]bool, n)
	for _, v := range p {
		if v < 0 || v >= n || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}

func (m *Model) resumeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter", "r":
		m.screen = quizScreen
		if m.quiz.allAnswered() {
			return m.quiz.finish(m)
		}
	case "s":
		id, old := m.quiz.ch.ID, m.quiz.ref.id.Load()
		drop := m.saver.enqueue(func() tea.Msg { return saveErrMsg{m.store.DropAttempt(id, old)} })
		rec := m.records[id]
		rec.OpenAttempt = 0
		m.records[id] = rec
		return tea.Batch(drop, m.startQuiz(id))
	case "esc", "q":
		m.screen = homeScreen
		return m.home.refresh(m)
	}
	return nil
}
