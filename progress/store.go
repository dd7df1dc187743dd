package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"backend-tutor/internal/filekind"
	"backend-tutor/internal/scheduler"
)

// Bucket and key names. See the package doc in doc.go for the layout.
var (
	bucketMeta     = []byte("meta")
	bucketChapters = []byte("chapters")
	bucketAttempts = []byte("attempts")
	keySchema      = []byte("schema")
	keyWelcomed    = []byte("welcomed")
	keyLast        = []byte("last")
)

// lockTimeout bounds how long we wait for another process's flock. bbolt
// treats 0 as "wait forever", which would freeze the terminal, so never 0.
// A variable only so tests can shorten it rather than wait 2 s a check.
var lockTimeout = 2 * time.Second

// minFileSize is the smallest file bbolt can have written: two meta pages, a
// freelist page and a root leaf, at the smallest page size bbolt probes
// (1 KiB). Anything smaller is damaged; in particular a 0-byte file must be
// caught before bbolt sees it, because bbolt silently re-initialises one.
const minFileSize = 4 * 1024

// Store is a handle on the progress file, for one profile and pack (its
// scope; see Scope). It holds no open file between calls: each method opens
// bbolt, runs one transaction and closes, so several tutor instances and the
// `list`/`progress` commands can share the file. The only cost is an
// open+mmap per call (tens of microseconds), next to which the fsync on
// commit dominates.
type Store struct {
	*shared
	profile, pack string
	packs         []string // more packs, known by "PACK/CHAPTER" ids (WithPacks)
}

// shared is what every scope of one opened file has in common.
type shared struct {
	path     string
	writable bool
	warning  string
	cause    error // why the store is not writable; nil when it is

	pre preWriteCheck // the full check before the first write; see precheck.go

	// mu serialises this process's transactions. Without it two goroutines
	// would still be correct (flock), but the loser would sleep in bbolt's
	// 50 ms lock-retry loop.
	mu sync.Mutex

	sched atomic.Pointer[scheduler.Scheduler] // review cards' time zone and cap; see SetScheduler
}

// Open prepares the progress file at path: it creates the file (and its
// directory) if missing, or verifies an existing one without writing to it
// and migrates an older schema forward. A damaged file gives *DamagedError, a
// file from a newer tutor *NewerSchemaError; in both cases nothing is
// written. A file that cannot be written gives a read-only Store (see
// Writable and Warning) rather than an error, so the tutor still runs. The
// Store reads and writes profile DefaultProfile, pack DefaultPack; Scope
// gives another.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("progress: empty file path")
	}
	path = filepath.Clean(path)
	s := &Store{shared: &shared{path: path, writable: true}, profile: DefaultProfile, pack: DefaultPack}

	dirErr := ensureDir(filepath.Dir(path))
	info, statErr := os.Stat(path)
	switch {
	case statErr == nil:
		if !info.Mode().IsRegular() {
			return nil, &NotAFileError{Path: path, What: filekind.Describe(info.Mode())}
		}
		schema, err := verify(path, false)
		if err != nil {
			return nil, err
		}
		if info.Size() <= fullCheckLimit {
			s.markChecked() // verify checked everything
		}
		if werr := checkWritable(path); werr != nil {
			s.setNotWritable(werr)
			return s, nil
		}
		if schema < SchemaVersion {
			// update migrates inside its transaction (see prepareWrite).
			if err := s.update(func(*bolt.Tx) error { return nil }); err != nil {
				return nil, fmt.Errorf("upgrading progress file %s: %w", path, err)
			}
		}
	case errors.Is(statErr, fs.ErrNotExist) && dirErr == nil:
		if err := createFresh(path); err != nil {
			s.setNotWritable(err)
		} else {
			s.markChecked()
		}
	case dirErr != nil:
		s.setNotWritable(dirErr)
	default:
		s.setNotWritable(statErr)
	}
	return s, nil
}

// Path is the progress file's location.
func (s *Store) Path() string { return s.path }

// Writable reports whether saves can succeed. It turns false for the rest
// of the session if the check before the first write finds damage.
func (s *Store) Writable() bool { return s.writable && s.damagedCause() == nil }

// Warning explains, for the status line, why progress is not being saved;
// "" when it is.
func (s *Store) Warning() string {
	if cause := s.damagedCause(); cause != nil && s.writable {
		return damagedWarning(cause)
	}
	return s.warning
}

func (s *Store) setNotWritable(err error) {
	cause := rootCause(err)
	s.writable = false
	s.cause = cause
	s.warning = fmt.Sprintf("progress is not being saved: %s: %v", s.path, cause)
}

// rootCause strips *PathError and friends so messages name our path, not a
// temporary file, while keeping the errno for errors.Is(err, fs.ErrPermission).
func rootCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// checkWritable probes whether the existing file can be opened for writing
// (EACCES, EROFS...). A variable so tests can simulate a read-only
// filesystem, which root (our CI user) cannot get from chmod.
var checkWritable = func(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// ensureDir creates dir, and any missing parents, with mode 0700 (progress
// is personal; the XDG spec asks the same of data directories). Existing
// directories keep their mode: the user may have chosen it.
func ensureDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		// Mkdir's mode goes through the umask; set the bits explicitly
		// (a umask like 0277 would otherwise leave a directory we cannot
		// even create the next level in).
		if err := os.Chmod(missing[i], 0o700); err != nil {
			return err
		}
	}
	return os.MkdirAll(dir, 0o700) // reports ENOTDIR and the like
}

// createFresh builds a new, initialised progress file next to path and links
// it into place. Nobody ever sees a half-made or 0-byte file at path, so the
// "0 bytes = damaged" rule cannot misfire on a file being created, and two
// processes creating it at once cannot clobber each other (link fails with
// EEXIST for the loser, which then simply uses the winner's file).
func createFresh(path string) error {
	dir := filepath.Dir(path)
	if err := ensureDir(dir); err != nil {
		return err
	}
	tmp := fmt.Sprintf("%s.new-%d-%d", path, os.Getpid(), rand.Uint32())
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil { // umask-proof
		return err
	}
	// This is the one place bbolt may initialise a 0-byte file: our own.
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return err
	}
	err = db.Update(initBuckets)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // another process won the race; its file is as good
		}
		// Hard links unsupported (some network/FUSE filesystems): rename
		// if still absent. The window for a clobber is tiny and harmless
		// (both files are empty progress).
		if _, serr := os.Lstat(path); serr == nil {
			return nil
		}
		if rerr := os.Rename(tmp, path); rerr != nil {
			return rerr
		}
	}
	syncDir(dir)
	return nil
}

// initBuckets writes the layout of a new file. The schema key doubles as the
// "this is ours" sentinel that verify requires.
func initBuckets(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return err
	}
	_, err = updateScope(tx, tx.DB().Path(), DefaultProfile, DefaultPack)
	return err
}

// syncDir makes the new directory entry durable. Best effort: not every
// platform lets you fsync a directory, and the data itself is already synced.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// withDB opens the file with bbolt, runs fn and closes it, with memory faults
// and panics from bbolt contained. bbolt mmaps the file: a truncated or
// garbled file can make it SIGBUS or panic on an assertion, and we want a
// DamagedError instead of a dead terminal. SetPanicOnFault is per goroutine,
// which is why everything that touches the mapping runs right here.
//
// The file is opened without O_CREATE (bbolt would create and initialise it),
// and a file too small to be ours is refused before bbolt looks at it.
func withDB(path string, readOnly bool, fn func(db *bolt.DB) error) (err error) {
	var file *os.File
	opts := &bolt.Options{
		Timeout:  lockTimeout,
		ReadOnly: readOnly,
		// Load the freelist during Open, in this goroutine: otherwise
		// tx.Check loads it in its own goroutine, out of our fault guard.
		PreLoadFreelist: true,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := openNoWait(name, flag&^os.O_CREATE)
			if err != nil {
				return nil, err
			}
			if fi, err := f.Stat(); err != nil {
				f.Close()
				return nil, err
			} else if !fi.Mode().IsRegular() {
				f.Close()
				return nil, &NotAFileError{Path: path, What: filekind.Describe(fi.Mode())}
			} else if fi.Size() < minFileSize {
				f.Close()
				return nil, tooSmall(path, fi.Size())
			}
			file = f
			return f, nil
		},
	}
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			// A DB whose Open or read panicked cannot be closed cleanly.
			// Release the flock and close the descriptor so later opens
			// (doctor, a fresh file) are not blocked; the read-only
			// mapping leaks until exit, which is harmless.
			if file != nil {
				releaseLock(file)
				_ = file.Close()
			}
			err = &DamagedError{Path: path, Reason: fmt.Sprintf("reading it failed: %v", r)}
		}
	}()
	db, err := bolt.Open(path, 0o600, opts)
	if err != nil {
		return openError(path, err)
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// openError turns bbolt's open errors into ours.
func openError(path string, err error) error {
	var de *DamagedError
	switch {
	case errors.As(err, &de):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return lockedError(path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return &DamagedError{Path: path, Reason: "it is not a valid progress database: " + err.Error()}
	}
	return err
}

func tooSmall(path string, size int64) error {
	if size == 0 {
		return &DamagedError{Path: path, Reason: "the file is empty (0 bytes)"}
	}
	return &DamagedError{Path: path, Reason: fmt.Sprintf("the file is only %d bytes, too small to be a progress database", size)}
}

// view runs fn in a read-only transaction on a read-only (shared-lock)
// open, with the buckets of s's scope (nil where there are none yet). A
// missing file gives an error matching fs.ErrNotExist; callers treat it as
// "no progress yet".
func (s *Store) view(fn func(sc *scoped) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return withDB(s.path, true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			schema, err := readSchema(tx, s.path)
			if err != nil {
				return err
			}
			if schema < 3 {
				// An older file we may not write (so it is not
				// migrated): its records are the guide's, of one
				// learner, in the old layout.
				sc := &scoped{path: s.path, pack: s.pack}
				if s.profile == DefaultProfile && s.pack == DefaultPack {
					sc = legacyScope(tx)
				}
				return fn(sc)
			}
			sc, err := viewScope(tx, s.path, s.profile, s.pack)
			if err != nil {
				return err
			}
			return fn(sc)
		})
	})
}

// updateScoped runs fn in one read-write transaction with the buckets of
// s's scope.
func (s *Store) updateScoped(fn func(sc *scoped) error) error {
	return s.update(func(tx *bolt.Tx) error {
		sc, err := updateScope(tx, s.path, s.profile, s.pack)
		if err != nil {
			return err
		}
		return fn(sc)
	})
}

// update runs fn in one read-write transaction, committed with fsync.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	if !s.writable {
		return fmt.Errorf("%w: %s: %w", ErrNotWritable, s.path, s.cause)
	}
	if err := s.CheckBeforeWrite(); err != nil {
		if isVerdict(err) {
			return s.refusedWrite(err)
		}
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	run := func() error {
		return withDB(s.path, false, func(db *bolt.DB) error {
			return db.Update(func(tx *bolt.Tx) error {
				if err := prepareWrite(tx, s.path); err != nil {
					return err
				}
				return fn(tx)
			})
		})
	}
	err := run()
	if errors.Is(err, fs.ErrNotExist) {
		// The file went away since Open (say `doctor --reset` ran in
		// another terminal). Start a fresh one, as Open would have.
		if cerr := createFresh(s.path); cerr != nil {
			return fmt.Errorf("%w: %s: %w", ErrNotWritable, s.path, rootCause(cerr))
		}
		err = run()
	}
	return err
}

// isMissing reports an error from opening a file that is not there
// (ENOTDIR too: a parent path that is a regular file means no file either).
func isMissing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// readSchema returns the file's schema version, requiring the sentinel key.
func readSchema(tx *bolt.Tx, path string) (int, error) {
	meta := tx.Bucket(bucketMeta)
	var raw []byte
	if meta != nil {
		raw = meta.Get(keySchema)
	}
	if raw == nil {
		return 0, &DamagedError{Path: path, Reason: "not a backend-tutor progress file: no meta/schema key"}
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, &DamagedError{Path: path, Reason: fmt.Sprintf("schema version %q is not a number", raw)}
	}
	if v > SchemaVersion {
		return v, &NewerSchemaError{Path: path, Found: v, Supported: SchemaVersion}
	}
	return v, nil
}

// prepareWrite runs at the start of every write transaction: it refuses
// files that are not ours or are newer, and migrates older ones in the same
// transaction, so a file is never half-migrated and another (older or newer)
// process cannot slip a layout change in between our check and our write.
func prepareWrite(tx *bolt.Tx, path string) error {
	schema, err := readSchema(tx, path)
	if err != nil {
		return err
	}
	if schema < SchemaVersion {
		if err := migrate(tx, schema); err != nil {
			return fmt.Errorf("migrating progress file %s from schema %d: %w", path, schema, err)
		}
	}
	return nil
}

// DiskFull reports a save that failed because the disk (or the learner's
// quota) is full, so the tutor can say so in words and what to do, rather
// than an error that names the file first and is cut before its cause.
func DiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
