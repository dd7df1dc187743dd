package progress

import (
	"errors"
	"fmt"
)

// DamagedError means the progress file exists but cannot be trusted: it is
// empty, truncated, not a bbolt file, not ours, or holds a record we cannot
// decode. The file has not been touched; `doctor --reset` moves it aside.
type DamagedError struct {
	Path   string
	Reason string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("progress file %s is damaged: %s.\nNothing was changed. Run `backend-tutor doctor` to check it, "+
		"or `backend-tutor doctor --reset` to move it aside and start fresh.",
		e.Path, e.Reason)
}

// NotAFileError means the progress path names something that is not a
// regular file: a folder, a named pipe, a device (`--db /dev/null`). That
// is not a damaged progress file, so no message suggests resetting it, and
// MoveAside (`doctor --reset`) refuses to touch it.
type NotAFileError struct {
	Path string
	What string // "a folder", "a named pipe (FIFO)", ... (see internal/filekind)
}

func (e *NotAFileError) Error() string {
	return fmt.Sprintf("%s is %s, not a progress file. Nothing was changed. "+
		"Give --db the path of a progress file (it is created if missing), or leave --db out to use the default.",
		e.Path, e.What)
}

// NewerSchemaError means a newer backend-tutor wrote the file. We refuse to
// touch it rather than guess at a layout we do not know.
type NewerSchemaError struct {
	Path      string
	Found     int
	Supported int
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("progress file %s was written by a newer backend-tutor (schema %d; this version understands up to %d). "+
		"Nothing was changed. Upgrade backend-tutor to keep using it.", e.Path, e.Found, e.Supported)
}

// ErrLocked is returned (wrapped, with the path) when another process holds
// the file lock for longer than the open timeout. Test with errors.Is.
var ErrLocked = errors.New("progress file is locked by another process")

// ErrNoAttempt is returned (wrapped) when an attempt id does not exist.
var ErrNoAttempt = errors.New("no such quiz attempt")

// ErrAttemptClosed is returned (wrapped) when answering, finishing or
// dropping an attempt that is already finished or abandoned.
var ErrAttemptClosed = errors.New("quiz attempt is already finished or abandoned")

// ErrNotWritable is returned (wrapped, with the reason) by every save on a
// Store whose file cannot be written. Reads still work.
var ErrNotWritable = errors.New("progress is not being saved")

func lockedError(path string) error {
	return fmt.Errorf("%w: %s (another backend-tutor may be saving; try again)", ErrLocked, path)
}

// refusedError is a change the file's rules refuse (a record that would not
// validate, an answer to a question outside its attempt). Trying it again
// fails the same way, so a queue must not wait on it: see Permanent.
type refusedError struct{ err error }

func (e refusedError) Error() string { return e.err.Error() }
func (e refusedError) Unwrap() error { return e.err }

func refused(format string, a ...any) error { return refusedError{fmt.Errorf(format, a...)} }

// Permanent reports whether a failed change will fail the same way every
// time it is tried (the change itself is refused), as opposed to failing
// for now: the file locked, unwritable, full, damaged or newer, an I/O
// error. A save queue retries the second kind and must not wait for ever
// on the first.
func Permanent(err error) bool {
	var r refusedError
	return errors.As(err, &r) || errors.Is(err, ErrNoAttempt) || errors.Is(err, ErrAttemptClosed)
}
