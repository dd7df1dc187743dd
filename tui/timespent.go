package tui

import (
	"backend-tutor/internal/activetime"
)

// countInput is called for every input event (a key, a paste, the mouse)
// and for quitting, before the screen changes: the gap since the previous
// one was spent on the screen showing until now (internal/activetime).
func (m *Model) countInput() {
	switch {
	case m.screen == readerScreen && m.reader.ch != nil:
		m.spent.Input(m.now(), m.reader.ch.ID, activetime.Reading)
	case m.screen == quizScreen && m.quiz != nil:
		m.spent.Input(m.now(), m.quiz.ch.ID, activetime.Quiz)
	case m.screen == resultsScreen && m.results != nil: // going over the explanations
		m.spent.Input(m.now(), m.results.ch.ID, activetime.Quiz)
	default:
		m.spent.Input(m.now(), "", activetime.Nothing)
	}
}

// saveTimeLeft queues, at quit, the time still waiting for chapters whose
// next change will not come, on the last place saved again. The reader's
// position went first, with its own chapter's time.
func (m *Model) saveTimeLeft() {
	if m.last == nil {
		return
	}
	for _, op := range m.spent.Leftovers(*m.last, m.course) {
		m.save(op)
	}
}
