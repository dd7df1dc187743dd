// Package labrun starts a learner's server for a lab check (`lab check
// --run`): in its own process group, with its output kept, waiting until it
// accepts connections, and stopping it with everything it started. It knows
// nothing of terminals; the output it keeps is the server's raw bytes, which
// the caller sanitises before showing.
package labrun

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// PollInterval is how often readiness is polled: a server is seen ready at
// most this long after it starts accepting (the budget is 50 ms).
const PollInterval = 25 * time.Millisecond

// watchEvery is how many polls pass between looks at the watched
// addresses (every 250 ms): dials are cheap, but there may be a dozen.
const watchEvery = 10

// stopGrace is how long a server has to exit after SIGTERM before it is
// killed: long enough to flush its output, short enough not to keep the
// learner waiting.
const stopGrace = 2 * time.Second

// keptLines bounds the output kept: enough to show what a server said
// around a failing step and before it died.
const (
	keptLines   = 400
	maxLineSize = 2000
)

// ErrUnsupported is returned by Start where a server cannot be started and
// stopped as a process group (Windows).
var ErrUnsupported = errors.New("--run is not supported on this system yet: start your server yourself in another terminal, then run the check without --run")

// PortTakenError says the port was already in use before the server started.
type PortTakenError struct{ Addr string }

func (e *PortTakenError) Error() string {
	return fmt.Sprintf("%s is already taken by another program, before your server started: maybe a server you started earlier is still running. "+
		"Stop it (Ctrl+C in its terminal), or check that one as it is, without --run", e.Addr)
}

// ExitedError says the server exited before or during the check.
type ExitedError struct {
	Status string   // "exit status 1", "signal: killed"
	Last   []string // its last lines of output
}

func (e *ExitedError) Error() string {
	return "your server exited (" + e.Status + ") before it accepted a connection: a server is a long-running program that keeps listening until it is stopped"
}

// NotReadyError says the server did not accept connections in time.
type NotReadyError struct {
	Addr string
	Wait time.Duration
}

func (e *NotReadyError) Error() string {
	return fmt.Sprintf("your server did not accept a connection on %s within %s", e.Addr, e.Wait)
}

// Server is a started learner's server.
type Server struct {
	command string
	dir     string
	addr    string
	env     []string
	out     *output
	watch   []string // free addresses to watch while waiting

	mu   sync.Mutex
	proc *process
}

// ElsewhereError says the server started accepting connections at another
// address than the one it should (another port, or ::1 only).
type ElsewhereError struct{ Addr, Want string }

func (e *ElsewhereError) Error() string {
	return fmt.Sprintf("your server started accepting connections on %s, not on %s", e.Addr, e.Want)
}

// Start runs command with the shell, in dir, with PORT set to addr's port,
// after checking nothing else holds addr. elsewhere are addresses where a
// mistaken server might listen instead (::1, common ports); the ones free
// now are watched while waiting, so such a server is caught at once.
func Start(command, dir, addr string, elsewhere ...string) (*Server, error) {
	if canConnect(addr) {
		return nil, &PortTakenError{Addr: addr}
	}
	_, port, _ := net.SplitHostPort(addr)
	s := &Server{command: command, dir: dir, addr: addr, out: &output{}, env: append(os.Environ(), "PORT="+port)}
	for _, a := range elsewhere {
		if a != addr && !canConnect(a) {
			s.watch = append(s.watch, a)
		}
	}
	if err := s.start(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) start() error {
	cmd := shellCommand(s.command)
	cmd.Dir = s.dir
	cmd.Env = s.env
	cmd.Stdout = s.out
	cmd.Stderr = s.out
	// A grandchild that keeps the output pipe open must not make Wait hang.
	cmd.WaitDelay = stopGrace
	if err := startGroup(cmd); err != nil {
		return err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		err := cmd.Wait()
		p.status = "exit status 0"
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				p.status = ee.ProcessState.String()
			} else {
				p.status = err.Error()
			}
		}
		close(p.done)
	}()
	s.mu.Lock()
	s.proc = p
	s.mu.Unlock()
	return nil
}

type process struct {
	cmd    *exec.Cmd
	done   chan struct{}
	status string // valid once done is closed
}

func (s *Server) current() *process {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proc
}

// WaitReady polls until the server accepts a connection, exits, wait
// passes, or ctx ends.
func (s *Server) WaitReady(ctx context.Context, wait time.Duration) error {
	p := s.current()
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for n := 0; ; n++ {
		if canConnect(s.addr) {
			return nil
		}
		if n%watchEvery == watchEvery-1 {
			for _, a := range s.watch {
				if canConnect(a) {
					return &ElsewhereError{Addr: a, Want: s.addr}
				}
			}
		}
		select {
		case <-p.done:
			return &ExitedError{Status: p.status, Last: s.out.last(12)}
		case <-deadline.C:
			return &NotReadyError{Addr: s.addr, Wait: wait}
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// Exited reports whether the server has exited, and how.
func (s *Server) Exited() (string, bool) {
	p := s.current()
	select {
	case <-p.done:
		return p.status, true
	default:
		return "", false
	}
}

// WaitExit waits up to d for the server to exit, and reports how it did.
// A server that crashed in the middle of a request may be reaped a moment
// after its connection dropped.
func (s *Server) WaitExit(d time.Duration) (string, bool) {
	p := s.current()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return p.status, true
	case <-t.C:
		return "", false
	}
}

// Stop ends the server and every process it started (its process group):
// SIGTERM, then SIGKILL after a grace period.
func (s *Server) Stop() {
	p := s.current()
	select {
	case <-p.done:
		return
	default:
	}
	signalGroup(p.cmd, false)
	select {
	case <-p.done:
	case <-time.After(stopGrace):
		signalGroup(p.cmd, true)
		<-p.done
	}
}

// Restart stops the server and starts it again, then waits until it is ready.
func (s *Server) Restart(ctx context.Context, wait time.Duration) error {
	s.Stop()
	// The old process is gone, but its socket may linger a moment; the new
	// one will bind as soon as the port is free (SO_REUSEADDR in most
	// servers), so no port check here.
	if err := s.start(); err != nil {
		return err
	}
	return s.WaitReady(ctx, wait)
}

// Mark is the number of output lines so far, for Since.
func (s *Server) Mark() int { return s.out.mark() }

// Since returns the output lines after a Mark (at most the kept ones).
func (s *Server) Since(mark int) []string { return s.out.since(mark) }

// Last returns the last n lines of output.
func (s *Server) Last(n int) []string { return s.out.last(n) }

func canConnect(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// output keeps the last keptLines lines a server wrote (stdout and stderr
// together, in the order they arrived).
type output struct {
	mu      sync.Mutex
	lines   []string
	total   int // lines ever completed
	partial strings.Builder
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, b := range p {
		if b == '\n' {
			o.push()
			continue
		}
		if o.partial.Len() < maxLineSize {
			o.partial.WriteByte(b)
		}
	}
	return len(p), nil
}

func (o *output) push() {
	o.lines = append(o.lines, strings.TrimSuffix(o.partial.String(), "\r"))
	o.partial.Reset()
	o.total++
	if len(o.lines) > keptLines {
		o.lines = append(o.lines[:0], o.lines[len(o.lines)-keptLines:]...)
	}
}

func (o *output) mark() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.total
}

// since returns lines after mark, and the unfinished last line.
func (o *output) since(mark int) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	first := len(o.lines) - (o.total - mark) // index of line number mark
	first = max(0, min(first, len(o.lines)))
	out := append([]string(nil), o.lines[first:]...)
	if o.partial.Len() > 0 {
		out = append(out, o.partial.String())
	}
	return out
}

func (o *output) last(n int) []string {
	o.mu.Lock()
	total := o.total
	o.mu.Unlock()
	lines := o.since(total - n)
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines
}
