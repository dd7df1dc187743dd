// Package activetime counts the time a learner is active reading a chapter
// or in a quiz (issue 11, "See progress"), for the full-screen tutor and
// line mode alike: the gap between two input events (a key, a line), at
// most IdleCap, goes to what the learner was doing, from a clock the
// caller reads (tests inject theirs). The time waits per chapter until a
// change for that chapter is saved anyway, which then carries it (Attach):
// time never costs a transaction of its own. Each such change gets this
// counter's session id and next number, so the store adds it once however
// often the change is applied (progress/timespent.go). Plain Go: no
// terminal, no disk.
package activetime

import (
	"slices"
	"time"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// IdleCap is the most one gap between two input events counts: a learner
// reads a long section for minutes without a key, but one who walked away
// is not studying. So idle time beyond 5 minutes is not counted.
const IdleCap = 5 * time.Minute

// Doing is what a gap between inputs was spent on.
type Doing int

// What counts.
const (
	Nothing Doing = iota // a menu, home, the glossary: not counted
	Reading
	Quiz // a quiz, a review, a missed-only retry
)

// Counter counts one tutor's active time. Not safe for concurrent use.
type Counter struct {
	session string
	seq     uint64
	last    time.Time // the previous input; zero before the first
	pending map[string]*waiting
}

type waiting struct{ reading, quiz time.Duration }

// New is a counter with its own session id.
func New() *Counter {
	return &Counter{session: progress.NewID(), pending: map[string]*waiting{}}
}

// Input notes an input at now: the gap since the previous one, at most
// IdleCap, was spent doing what on chapter. A clock set back counts 0.
func (c *Counter) Input(now time.Time, chapter string, what Doing) {
	gap := min(max(now.Sub(c.last), 0), IdleCap)
	first := c.last.IsZero()
	c.last = now
	if first || gap == 0 || what == Nothing || chapter == "" {
		return
	}
	w := c.pending[chapter]
	if w == nil {
		w = &waiting{}
		c.pending[chapter] = w
	}
	if what == Reading {
		w.reading += gap
	} else {
		w.quiz += gap
	}
}

// Waiting: chapter has whole seconds not yet handed to a change.
func (c *Counter) Waiting(chapter string) bool {
	w := c.pending[chapter]
	return w != nil && (w.reading >= time.Second || w.quiz >= time.Second)
}

// Attach hands op the whole seconds waiting for its chapter (the place's,
// for a last-place change); the fraction left waits for the next one.
func (c *Counter) Attach(op *progress.Op) {
	if !progress.CanCarryTime(op.Kind) {
		return
	}
	id := op.Chapter
	if id == "" && op.Place != nil {
		id = op.Place.ChapterID
	}
	if !c.Waiting(id) {
		return
	}
	w := c.pending[id]
	r, q := w.reading.Truncate(time.Second), w.quiz.Truncate(time.Second)
	w.reading -= r
	w.quiz -= q
	c.seq++
	op.Chapter = id
	op.ReadingS, op.QuizS = int64(r/time.Second), int64(q/time.Second)
	op.TimeSession, op.TimeSeq = c.session, c.seq
}

// Leftovers are the changes that carry, at quit, the time still waiting:
// the last place saved again (which changes nothing else), once per
// chapter of course with time waiting in the place's pack (a change of
// another pack cannot name this place). In id order.
func (c *Counter) Leftovers(last progress.Place, course *content.Course) []progress.Op {
	at, ok := course.Chapter(last.ChapterID)
	if !ok {
		return nil
	}
	var ids []string
	for id := range c.pending {
		if ch, ok := course.Chapter(id); ok && ch.Pack == at.Pack && c.Waiting(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ops := make([]progress.Op, 0, len(ids))
	for _, id := range ids {
		place := last
		op := progress.Op{Kind: progress.OpLast, Chapter: id, Place: &place}
		c.Attach(&op)
		ops = append(ops, op)
	}
	return ops
}
