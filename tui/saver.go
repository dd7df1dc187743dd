package tui

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// A saveJob writes to the progress file. It runs off the UI goroutine and
// returns the message that reports its outcome.
type saveJob func() tea.Msg

// saver runs save jobs one at a time, in the order they were queued, so an
// answer is never written before the attempt it belongs to exists. The
// queue lives in the model (touched only by Update); the WaitGroup lets
// main wait for a job still running when the program ends.
type saver struct {
	queue   []saveJob
	running bool
	wg      *sync.WaitGroup
}

func newSaver() *saver { return &saver{wg: &sync.WaitGroup{}} }

// saveDoneMsg carries a finished job's result back to Update.
type saveDoneMsg struct{ result tea.Msg }

// enqueue adds a job and starts it if nothing else is running.
func (s *saver) enqueue(job saveJob) tea.Cmd {
	s.queue = append(s.queue, job)
	if s.running {
		return nil
	}
	return s.next()
}

// next starts the next queued job, if any. Update calls it when a job ends.
func (s *saver) next() tea.Cmd {
	if len(s.queue) == 0 {
		s.running = false
		return nil
	}
	job := s.queue[0]
	s.queue = s.queue[1:]
	s.running = true
	s.wg.Add(1)
	return func() tea.Msg {
		defer s.wg.Done()
		return saveDoneMsg{result: job()}
	}
}

// Flush waits for a running job, then runs what is still queued, on the
// caller's goroutine. main calls it after the program has stopped, so
// quitting right after an answer never loses it.
func (s *saver) Flush() {
	s.wg.Wait()
	for _, job := range s.queue {
		job()
	}
	s.queue = nil
}
