package tui

import (
	"slices"
	"time"

	"backend-tutor/progress"
)

// idleCap is the most one gap between two input events counts: a learner
// reads a long section for minutes without a key, but one who walked away
// is not studying. So time counts only while the learner is active, and
// idle time beyond 5 minutes is not counted (issue 11, "See progress").
const idleCap = 5 * time.Minute

// timeSpent counts the time a learner is active reading a chapter or in a
// quiz, from the tutor's clock (Options.Now), and hands it to the changes
// saved anyway (Model.save): a chapter's time goes with the next change
// for that chapter, whole seconds, the rest waiting for the one after.
// Each such change gets the session's next number, so the store adds it
// once however often it is applied (progress/timespent.go).
type timeSpent struct {
	session string
	seq     uint64
	last    time.Time               // the previous input event; zero before the first
	pending map[string]*pendingTime // by chapter id: counted, not yet handed to a change
}

type pendingTime struct{ reading, quiz time.Duration }

func newTimeSpent() timeSpent {
	return timeSpent{session: progress.NewID(), pending: map[string]*pendingTime{}}
}

// countInput is called for every input event (a key, a paste, the mouse)
// and for quitting: the gap since the previous one, at most idleCap, was
// spent on the screen showing until now.
func (m *Model) countInput() {
	now := m.now()
	t := &m.spent
	gap := min(max(now.Sub(t.last), 0), idleCap)
	if t.last.IsZero() {
		gap = 0
	}
	t.last = now
	if gap == 0 {
		return
	}
	switch {
	case m.screen == readerScreen && m.reader.ch != nil:
		t.get(m.reader.ch.ID).reading += gap
	case m.screen == quizScreen && m.quiz != nil:
		t.get(m.quiz.ch.ID).quiz += gap
	}
}

func (t *timeSpent) get(chapter string) *pendingTime {
	p := t.pending[chapter]
	if p == nil {
		p = &pendingTime{}
		t.pending[chapter] = p
	}
	return p
}

// waiting: chapter has whole seconds not yet handed to a change.
func (t *timeSpent) waiting(chapter string) bool {
	p := t.pending[chapter]
	return p != nil && (p.reading >= time.Second || p.quiz >= time.Second)
}

// attach hands op the whole seconds waiting for its chapter.
func (t *timeSpent) attach(op *progress.Op) {
	if !progress.CanCarryTime(op.Kind) {
		return
	}
	id := op.Chapter
	if id == "" && op.Place != nil {
		id = op.Place.ChapterID
	}
	if !t.waiting(id) {
		return
	}
	p := t.pending[id]
	r, q := p.reading.Truncate(time.Second), p.quiz.Truncate(time.Second)
	p.reading -= r
	p.quiz -= q
	t.seq++
	op.Chapter = id
	op.ReadingS, op.QuizS = int64(r/time.Second), int64(q/time.Second)
	op.TimeSession, op.TimeSeq = t.session, t.seq
}

// saveTimeLeft queues, at quit, the time still waiting for chapters whose
// next change will not come: each rides on the last place saved again
// (which changes nothing else). The reader's position went first, with
// its own chapter's time.
func (m *Model) saveTimeLeft() {
	if m.last == nil {
		return
	}
	last, ok := m.course.Chapter(m.last.ChapterID)
	if !ok {
		return
	}
	ids := make([]string, 0, len(m.spent.pending))
	for id := range m.spent.pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ch, ok := m.course.Chapter(id)
		if !ok || ch.Pack != last.Pack || !m.spent.waiting(id) {
			continue // another pack's place cannot carry it
		}
		place := *m.last
		m.save(progress.Op{Kind: progress.OpLast, Chapter: id, Place: &place})
	}
}
