package linemode

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/activetime"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// saver is line mode's one way to the progress file. It writes the same
// changes as the full-screen tutor's saver (progress.Op, each applied in
// one transaction by Store.Apply), in order. Changes are queued as they
// happen and written when the session next waits for input, just after
// its prompt is shown, so the learner never waits for an fsync: `quiz 1
// --new` shows its first question before the two changes it makes are
// written (16.7 ms to the first prompt when written first, 15 ms budget).
// Every change is written before the next line of input is read. A change that fails for
// now (the file locked, full, read-only) stays queued and is tried again,
// first, before the next change; close tries once more and writes what is
// left to a recovery file, which the next start merges: never dropped. A
// change the store refuses for good is reported and not retried.
type saver struct {
	// mu is held while the queue is written, so an interrupt (Session.
	// Interrupt, from a signal) waits for a write in progress, then keeps
	// what is left.
	mu      sync.Mutex
	closed  bool
	store   *progress.Store
	queue   []pending
	failed  error
	warn    func(msg string) // tells the learner saving stopped or works again
	refused []error
	// spent counts the time active reading and in quizzes, handed to the
	// changes queued (do) and, at close, to the last place saved again
	// (place); under mu, as close may run on a signal's goroutine.
	spent  *activetime.Counter
	place  *progress.Place
	course *content.Course
}

// pending is a queued change and what to do with its result.
type pending struct {
	op   progress.Op
	done func(progress.Applied)
}

// do queues a change; done (if any) runs with the change's result once it
// is written (by drain).
func (s *saver) do(op progress.Op, done func(progress.Applied)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queueLocked(op, done)
}

func (s *saver) queueLocked(op progress.Op, done func(progress.Applied)) {
	s.spent.Attach(&op)
	switch {
	case op.Kind == progress.OpLast && op.Place != nil:
		s.place = &progress.Place{Screen: op.Place.Screen, ChapterID: op.Place.ChapterID}
	case op.Kind == progress.OpReading:
		s.place = &progress.Place{Screen: "chapter", ChapterID: op.Chapter}
	case op.Kind == progress.OpStart:
		s.place = &progress.Place{Screen: "quiz", ChapterID: op.Chapter}
	}
	s.queue = append(s.queue, pending{op, done})
}

// input notes a line of input at now: the time since the previous one was
// spent doing what on chapter (activetime.Counter.Input).
func (s *saver) input(now time.Time, chapter string, what activetime.Doing) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spent.Input(now, chapter, what)
}

// drain writes queued changes in order until one fails for now.
func (s *saver) drain() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.drainLocked()
}

func (s *saver) drainLocked() bool {
	if s.closed {
		return false
	}
	for len(s.queue) > 0 {
		p := s.queue[0]
		res, err := s.store.Apply(p.op)
		if err != nil && !progress.Permanent(err) {
			if s.failed == nil || s.failed.Error() != err.Error() {
				s.warn(saveWarning(err))
			}
			s.failed = err
			return false
		}
		s.queue = s.queue[1:]
		if err != nil {
			s.refused = append(s.refused, err)
			s.warn("A change to your progress was refused: " + err.Error())
			continue
		}
		if p.done != nil {
			p.done(res)
		}
	}
	if s.failed != nil {
		s.failed = nil
		s.warn("Saving works again: everything so far is saved.")
	}
	return true
}

// close writes what is still queued, or else keeps it in a recovery file
// that the next start adds to the progress file.
func (s *saver) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	if s.place != nil { // the time still waiting rides on the last place
		for _, op := range s.spent.Leftovers(*s.place, s.course) {
			s.queueLocked(op, nil)
		}
	}
	ok := s.drainLocked()
	s.closed = true
	if ok {
		return errors.Join(s.refused...)
	}
	ops := make([]progress.Op, len(s.queue))
	for i, p := range s.queue {
		ops[i] = p.op
	}
	name, err := s.store.WriteRecovery(ops)
	if err != nil {
		return fmt.Errorf("%d changes to your progress could not be saved (%v), %w (%v).\n%s", len(ops), s.failed, progress.ErrNotKept, err, render.EscapeJSON(s.store.KeepByHand(ops))) // as tui's unsavedReport
	}
	return fmt.Errorf("%d changes to your progress could not be saved yet (%v); they are kept in %s and added the next time the tutor starts", len(ops), s.failed, name)
}

// attempts reads a chapter's attempts after this session's own changes
// are written (a quiz just finished is among them), as the full-screen
// "l" reads them behind its saver's queue.
func (s *saver) attempts(chapter string) ([]progress.Attempt, error) {
	s.drain()
	return s.store.Attempts(chapter)
}

// openAttempt reads a chapter's open attempt as the file holds it now,
// after this session's own changes are written (another tutor may have
// started one). When the queue is stuck it reads at once.
func (s *saver) openAttempt(chapter string) (progress.Attempt, bool, error) {
	s.drain()
	return s.store.OpenAttempt(chapter)
}

// saveWarning is what a failed save says: a full disk in words and what to
// do, as the full-screen warning line says it, rather than the file's
// "write PATH: no space left on device".
func saveWarning(err error) string {
	if progress.DiskFull(err) {
		return "The disk is full: free some space; your progress is kept and saved once there is room."
	}
	return "Progress is not being saved: " + err.Error() + " (it is kept and tried again)."
}
