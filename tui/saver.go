package tui

import (
	"errors"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// A saveJob is one piece of work for the saver: a change to write (op),
// kept and retried until it is written, or a read, run once.
type saveJob struct {
	op   *progress.Op
	read func() tea.Msg
}

// saveOutcome reports one run of the job at the head of the queue.
type saveOutcome struct {
	op      *progress.Op // the change; nil for a read
	applied progress.Applied
	err     error
	read    tea.Msg // a read's result
	// fails counts the head change's failures in a row (0 on success, and
	// on a change refused for good, which leaves the queue); when it is
	// not 0 the change stays queued until retrySaveMsg.
	fails int
	// waiting lists the ids of answers still queued after this run.
	waiting []string
}

// saveOutcomesMsg brings the outcomes since the last one to Update.
type saveOutcomesMsg []saveOutcome

// retrySaveMsg fires after a failed save's backoff: try the queue again.
type retrySaveMsg struct{}

// saver owns the queue of changes to the progress file and a goroutine
// that writes them one at a time, in the order they were queued (an answer
// is never written before the attempt it belongs to exists). Update only
// enqueues and receives outcome messages; nothing is dropped if Bubble Tea
// drops a command (it does, for every command still pending at quit),
// because the queue does not live in commands.
//
// A change that fails stays at the head of the queue, so later changes
// wait behind it in order; Update schedules a retry with backoff (through
// Model.tick, which tests replace). Flush, after the program has stopped,
// tries what is left within flushBudget and hands back what it could not
// write, for the recovery file.
type saver struct {
	store *progress.Store

	mu        sync.Mutex
	cond      *sync.Cond
	queue     []saveJob // the head is running, or waiting for a retry
	paused    bool      // the head change failed; waiting for retry
	fails     int
	outcomes  []saveOutcome // not yet delivered to Update
	listening bool          // an await command is out
	closed    bool          // Flush has begun: the worker stops
	started   bool          // the worker goroutine is running (or has run)
	done      chan struct{} // closed when the worker has stopped
	lastErr   error
	refused   []error // changes refused for good during Flush

	flushBudget time.Duration
	now         func() time.Time
	sleep       func(time.Duration)
}

// flushBudget is how long quitting may spend retrying: long enough to
// outlast another tutor's commit or a lock held for a moment (each try
// waits up to the store's 2 s lock timeout), short enough that closing the
// window still ends the process promptly.
const flushBudget = 4 * time.Second

func newSaver(store *progress.Store) *saver {
	s := &saver{store: store, done: make(chan struct{}), flushBudget: flushBudget, now: time.Now, sleep: time.Sleep}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// work is the saver's goroutine: it runs the head job whenever the queue
// is neither empty nor paused, until Flush closes the saver.
func (s *saver) work() {
	defer close(s.done)
	for {
		s.mu.Lock()
		for !s.closed && (len(s.queue) == 0 || s.paused) {
			s.cond.Wait()
		}
		if s.closed {
			s.mu.Unlock()
			return
		}
		job := s.queue[0]
		s.mu.Unlock()

		out := s.run(job)

		s.mu.Lock()
		if out.op != nil && out.err != nil && !progress.Permanent(out.err) {
			s.paused = true
			s.fails++
			s.lastErr = out.err
		} else { // done, or refused for good (retrying would stall the queue for ever)
			s.queue = s.queue[1:]
			s.fails = 0
		}
		out.fails = s.fails
		out.waiting = s.waitingLocked()
		s.outcomes = append(s.outcomes, out)
		s.cond.Broadcast()
		s.mu.Unlock()
	}
}

func (s *saver) run(job saveJob) saveOutcome {
	if job.op == nil {
		return saveOutcome{read: job.read()}
	}
	res, err := s.store.Apply(*job.op)
	return saveOutcome{op: job.op, applied: res, err: err}
}

// waitingLocked lists the answers still queued. The caller holds mu.
func (s *saver) waitingLocked() []string {
	var ids []string
	for _, j := range s.queue {
		if j.op != nil && (j.op.Kind == progress.OpAnswer || j.op.Kind == progress.OpRetry) && j.op.Answer.ID != "" {
			ids = append(ids, j.op.Answer.ID)
		}
	}
	return ids
}

// enqueue adds a job; the returned command (if any) waits for outcomes.
func (s *saver) enqueue(job saveJob) tea.Cmd {
	s.mu.Lock()
	if s.closed { // the program has ended; Flush takes what is queued
		s.queue = append(s.queue, job)
		s.mu.Unlock()
		return nil
	}
	s.queue = append(s.queue, job)
	if !s.started { // the goroutine starts with the first job: a model never used costs none
		s.started = true
		go s.work()
	}
	s.cond.Broadcast()
	s.mu.Unlock()
	return s.listen()
}

// retry lets the worker try the failed change again.
func (s *saver) retry() tea.Cmd {
	s.mu.Lock()
	s.paused = false
	s.cond.Broadcast()
	s.mu.Unlock()
	return s.listen()
}

// listen returns a command that waits for the next outcomes, unless one is
// already out or there is nothing to wait for. Update calls it after every
// change to the queue and after every batch of outcomes, so an outcome
// always has a listener (a paused queue produces none until retry).
func (s *saver) listen() tea.Cmd {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listening || s.closed || (len(s.outcomes) == 0 && !s.busyLocked()) {
		return nil
	}
	s.listening = true
	return s.await
}

// stalled reports a failed change waiting for its retry.
func (s *saver) stalled() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paused
}

// pending is how many jobs are queued, the running one included.
func (s *saver) pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

func (s *saver) busyLocked() bool { return len(s.queue) > 0 && !s.paused }

// await is the listening command: it blocks until there are outcomes, or
// nothing more will come without a new enqueue or retry.
func (s *saver) await() tea.Msg {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.outcomes) == 0 && s.busyLocked() && !s.closed {
		s.cond.Wait()
	}
	s.listening = false
	if len(s.outcomes) == 0 {
		return nil
	}
	out := saveOutcomesMsg(s.outcomes)
	s.outcomes = nil
	return out
}

// Flush stops the worker (after the job it is running, which the store's
// lock timeout bounds), then writes what is still queued, in order, on the
// caller's goroutine, retrying a failure with backoff within flushBudget.
// It returns the changes it could not write, in order, and the last error;
// changes refused for good are skipped and kept in s.refused.
// It always returns: nothing it waits for depends on a command the program
// may have dropped.
func (s *saver) Flush() ([]progress.Op, error) {
	s.mu.Lock()
	s.closed = true
	started := s.started
	s.cond.Broadcast()
	s.mu.Unlock()
	if started {
		<-s.done
	}

	s.mu.Lock()
	queue := s.queue
	s.queue = nil
	s.mu.Unlock()

	deadline := s.now().Add(s.flushBudget)
	delay := 100 * time.Millisecond
	for len(queue) > 0 {
		job := queue[0]
		if job.op == nil { // a read nobody will look at
			queue = queue[1:]
			continue
		}
		_, err := s.store.Apply(*job.op)
		if err == nil || progress.Permanent(err) {
			if err != nil {
				s.refused = append(s.refused, err)
			}
			queue = queue[1:]
			continue
		}
		s.lastErr = err
		// A store that cannot write at all will not start to now.
		if errors.Is(err, progress.ErrNotWritable) || s.now().Add(delay).After(deadline) {
			break
		}
		s.sleep(delay)
		delay *= 2
	}
	var left []progress.Op
	for _, j := range queue {
		if j.op != nil {
			left = append(left, *j.op)
		}
	}
	if len(left) == 0 {
		return nil, nil
	}
	return left, s.lastErr
}

// retryDelay is the backoff before retrying a change that failed n times
// in a row: 250 ms doubling to 15 s.
func retryDelay(n int) time.Duration {
	d := 250 * time.Millisecond
	for i := 1; i < n && d < 15*time.Second; i++ {
		d *= 2
	}
	return min(d, 15*time.Second)
}

// unsavedReport tells the learner, after the program has ended, what
// could not be written and where it went. Lines to keep by hand are JSON
// whose strings hold a pack's option texts and the learner's answers raw
// (encoding/json leaves DEL, C1 controls and bidi overrides as they are),
// and main's stderr writer would show a DEL as \x7f, which is not JSON: the
// line saved by hand would not merge. EscapeJSON writes them in JSON's
// own \u form first, which every pass leaves as it is.
func unsavedReport(store *progress.Store, left []progress.Op, cause error, recovery string, werr error) error {
	answers := 0
	for _, op := range left {
		if op.Kind == progress.OpAnswer {
			answers++
		}
	}
	what := fmt.Sprintf("%d %s and %d other %s", answers, plural(answers, "answer", "answers"),
		len(left)-answers, plural(len(left)-answers, "change", "changes"))
	if werr != nil {
		return fmt.Errorf("backend-tutor: %s could not be saved (%v), %w (%v).\n%s",
			what, cause, progress.ErrNotKept, werr, render.EscapeJSON(store.KeepByHand(left)))
	}
	return fmt.Errorf("backend-tutor: %s could not be saved yet (%v).\nThey are kept in %s; the next start adds them to your progress",
		what, cause, recovery)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
