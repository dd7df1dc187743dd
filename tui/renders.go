package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/tui/render"
)

// renderQueue runs chapter renders one at a time. A render takes from a
// few milliseconds to about a second (the render budget, tui/render/
// budget.go) and cannot be interrupted inside glamour, so a resize storm,
// or n pressed ten times, must not start a render per size: before this,
// each settled resize started another full render beside the ones still
// running, and memory climbed until the process died. Now at most one
// runs; a newer wish replaces any earlier waiting one and cancels the
// running render (it stops at its next piece), and when the running one
// ends, the newest wish starts. Pre-renders run only when nothing else
// does. Only Update touches the queue.
type renderQueue struct {
	running render.Key // the render in flight; zero when none
	cancel  context.CancelFunc
	stale   bool       // running was cancelled: nobody wants its result
	next    *renderJob // the newest render wanted while another ran
}

type renderJob struct {
	key render.Key
	md  string
}

func (q *renderQueue) idle() bool { return q.running == render.Key{} }

// want asks for the render the reader waits for.
func (q *renderQueue) want(cache *render.Cache, k render.Key, md string) tea.Cmd {
	if q.idle() {
		return q.start(cache, k, md)
	}
	if q.running == k && !q.stale {
		q.next = nil // the running render is the one wanted after all
		return nil
	}
	if !q.stale {
		q.cancel()
		q.stale = true
	}
	q.next = &renderJob{k, md}
	return nil
}

// prefetch starts a pre-render only when the queue is idle: it must never
// delay or cancel the render the reader waits for.
func (q *renderQueue) prefetch(cache *render.Cache, k render.Key, md string) tea.Cmd {
	if !q.idle() {
		return nil
	}
	return q.start(cache, k, md)
}

// done takes a finished render (renderedMsg) off the queue and starts the
// newest one wanted meanwhile, if any.
func (q *renderQueue) done(cache *render.Cache, k render.Key) tea.Cmd {
	if q.idle() || k != q.running {
		return nil
	}
	q.cancel()
	q.running, q.cancel, q.stale = render.Key{}, nil, false
	if j := q.next; j != nil {
		q.next = nil
		return q.start(cache, j.key, j.md)
	}
	return nil
}

func (q *renderQueue) start(cache *render.Cache, k render.Key, md string) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	q.running, q.cancel, q.stale = k, cancel, false
	return func() tea.Msg {
		out, err := cache.RenderContext(ctx, k, md)
		return renderedMsg{key: k, out: out, err: err}
	}
}
