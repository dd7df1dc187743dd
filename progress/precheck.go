package progress

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// preWriteCheck is the one full check a session runs before its first
// write. Opening a large file checks only what grows with the chapters (see
// fullCheckLimit), which is enough to read it but not to write it: a file
// whose freelist lists a live page reads fine, and bbolt would then reuse
// that page for new data and overwrite history. So the first write of a
// session waits for the check doctor runs (every page, the freelist against
// the live pages, every record) and, if it fails, no write is attempted for
// the rest of the session: the Store turns read-only and says why.
type preWriteCheck struct {
	mu   sync.Mutex // held while the check runs; later callers wait for it
	done bool
	// verdict is the *DamagedError or *NewerSchemaError that made the
	// file read-only, readable without waiting for a running check:
	// Writable and Warning are called from the UI goroutine.
	verdict atomic.Pointer[error]
}

// CheckBeforeWrite runs the full check once per Store (later calls return
// the first result) and returns nil if the file may be written. It is
// safe to call from any goroutine, and every write calls it first; the
// tutor also starts it from a tea.Cmd at start-up, so the learner sees a
// damaged file's message at once and the first save does not wait. On a
// file that opening already checked in full (at most fullCheckLimit, or
// one this process created) it returns at once.
func (s *Store) CheckBeforeWrite() error {
	s.pre.mu.Lock()
	defer s.pre.mu.Unlock()
	if s.pre.done {
		if v := s.pre.verdict.Load(); v != nil {
			return *v
		}
		return nil
	}
	_, err := verify(s.path, true)
	if isVerdict(err) {
		// Only a verdict about the file sticks; a lock held by another
		// process or a file that went away is asked again next time.
		s.pre.done = true
		s.pre.verdict.Store(&err)
		return err
	}
	if err == nil || isMissing(err) {
		// A missing file is created fresh by update, and checked by then.
		s.pre.done = err == nil
		return nil
	}
	return err
}

// isVerdict reports an error that is about the file itself (damaged, or
// from a newer tutor), as opposed to a moment's trouble reaching it.
func isVerdict(err error) bool {
	var de *DamagedError
	var ne *NewerSchemaError
	return errors.As(err, &de) || errors.As(err, &ne)
}

// damagedCause is the check's verdict if it made the file read-only.
func (s *Store) damagedCause() error {
	if v := s.pre.verdict.Load(); v != nil {
		return *v
	}
	return nil
}

// markChecked records that opening (or creating) the file checked it in full.
func (s *Store) markChecked() {
	s.pre.mu.Lock()
	s.pre.done = true
	s.pre.mu.Unlock()
}

// refusedWrite is the typed error every write returns once the check has
// failed: errors.Is(err, ErrNotWritable) and errors.As(err, **DamagedError)
// both hold.
func (s *Store) refusedWrite(cause error) error {
	return fmt.Errorf("%w: %s: %w", ErrNotWritable, s.path, cause)
}

// damagedWarning is the status-line form of the check's verdict: one line.
func damagedWarning(cause error) string {
	return "progress is not being saved: " + strings.Join(strings.Fields(cause.Error()), " ")
}
