//go:build unix

package progress

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Proves: a new directory is 0700 and a new file 0600 whatever the umask
// (0 would otherwise leave them as is, 0277 would strip our bits), and an
// existing directory keeps the mode the user gave it.
func TestPermissions(t *testing.T) {
	for _, mask := range []int{0, 0o022, 0o277} {
		path := tempPath(t) // t.TempDir itself is subject to the umask
		old := syscall.Umask(mask)
		_, err := Open(path)
		syscall.Umask(old)
		must(t, err)
		for p, want := range map[string]fs.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
			fi, err := os.Stat(p)
			must(t, err)
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("umask %#o: %s has mode %#o, want %#o", mask, p, got, want)
			}
		}
	}
	dir := filepath.Join(t.TempDir(), "mine")
	must(t, os.Mkdir(dir, 0o755))
	must(t, os.Chmod(dir, 0o755))
	_, err := Open(filepath.Join(dir, "progress.db"))
	must(t, err)
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Errorf("existing dir mode changed to %#o", fi.Mode().Perm())
	}
}

func checkNotWritable(t *testing.T, s *Store, wantInWarning string) {
	t.Helper()
	if s.Writable() {
		t.Fatal("Writable() = true")
	}
	w := s.Warning()
	if !strings.Contains(w, s.Path()) || !strings.Contains(w, wantInWarning) || !strings.HasPrefix(w, "progress is not being saved") {
		t.Errorf("Warning() = %q, want the path and %q", w, wantInWarning)
	}
	saves := map[string]error{
		"SaveReading": s.SaveReading("ch", "h", 1, 1),
		"SaveLast":    s.SaveLast(Place{Screen: "chapter", ChapterID: "ch"}),
		"SetWelcomed": s.SetWelcomed(),
		"DropAttempt": s.DropAttempt("ch", 1),
		"SaveAnswer":  s.SaveAnswer("ch", 1, answer("q", true)),
	}
	_, saves["StartAttempt"] = s.StartAttempt("ch", "h", []string{"q"}, nil)
	_, saves["FinishAttempt"] = s.FinishAttempt("ch", 1, 1, false)
	for name, err := range saves {
		if !errors.Is(err, ErrNotWritable) {
			t.Errorf("%s on a read-only store: err = %v, want ErrNotWritable", name, err)
		}
	}
}

// Proves (as non-root): in a read-only directory Open gives a read-only
// store with a warning, reads of the missing file are empty, saves fail
// cleanly; and an existing file in a read-only place stays readable.
func TestReadOnlyDirectory(t *testing.T) {
	dir := t.TempDir()
	// Seed an existing file first, then lock the directory down.
	existing := filepath.Join(dir, "old.db")
	seed := mustOpen(t, existing)
	must(t, seed.SaveReading("ch", "h", 3, 30))
	must(t, os.Chmod(existing, 0o400))
	must(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("running as root (chmod does not stop root writing); covered by TestNotWritableRootProof")
	}

	s, err := Open(filepath.Join(dir, "progress.db"))
	must(t, err)
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 0 {
		t.Errorf("snapshot of missing file = %+v", snap)
	}
	checkNotWritable(t, s, "permission denied")

	s, err = Open(existing)
	must(t, err)
	snap, err = s.Snapshot()
	must(t, err)
	if snap.Chapters["ch"].Line != 3 {
		t.Errorf("existing read-only file not readable: %+v", snap)
	}
	checkNotWritable(t, s, "permission denied")
}

// Proves the same without relying on permissions (root-proof): a parent
// path that is a regular file, and an existing file on a (simulated)
// read-only filesystem, which stays readable.
func TestNotWritableRootProof(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	must(t, os.WriteFile(file, []byte("x"), 0o600))
	s, err := Open(filepath.Join(file, "progress.db"))
	must(t, err)
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 0 {
		t.Errorf("snapshot = %+v", snap)
	}
	checkNotWritable(t, s, "not a directory")

	path := tempPath(t)
	seed := mustOpen(t, path)
	must(t, seed.SaveReading("ch", "h", 7, 70))
	old := checkWritable
	checkWritable = func(p string) error { return &fs.PathError{Op: "open", Path: p, Err: syscall.EROFS} }
	defer func() { checkWritable = old }()
	s, err = Open(path)
	must(t, err)
	checkNotWritable(t, s, "read-only file system")
	if err := s.SetWelcomed(); !errors.Is(err, syscall.EROFS) {
		t.Errorf("save error does not carry the cause: %v", err)
	}
	snap, err = s.Snapshot()
	must(t, err)
	if snap.Chapters["ch"].Furthest != 70 || snap.Welcomed {
		t.Errorf("read-only snapshot = %+v", snap)
	}
}

// Proves: the fault guard alone (without the header pre-check) turns what
// bbolt does on a truncated file (an assertion panic, or a SIGBUS on the
// mmap, which would otherwise kill the process) into a DamagedError, for
// every page-boundary truncation of a real file, read-only and read-write,
// and releases the flock every time.
func TestFaultGuardWithoutPreflight(t *testing.T) {
	valid := validFile(t)
	path := tempPath(t)
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	reasons := map[string]int{}
	for size := 4 * 4096; size < len(valid); size += 4096 {
		must(t, os.WriteFile(path, valid[:size], 0o600))
		for _, ro := range []bool{true, false} {
			err := withDB(path, ro, func(db *bolt.DB) error {
				return db.View(func(tx *bolt.Tx) error { return checkRecords(tx, path, SchemaVersion, true) })
			})
			// A truncation that only drops unused pages can go unnoticed
			// here (the pre-check catches it); anything else must be a
			// DamagedError, and nothing may crash.
			var de *DamagedError
			switch {
			case err == nil:
				reasons["(not noticed without the pre-check)"]++
			case errors.As(err, &de):
				reasons[de.Reason]++
			default:
				t.Fatalf("size %d readOnly=%v: err = %v, want DamagedError", size, ro, err)
			}
			// The flock was released: an exclusive lock is free at once.
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			must(t, err)
			if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
				t.Fatalf("size %d readOnly=%v: lock leaked after a contained fault: %v", size, ro, err)
			}
			f.Close()
		}
	}
	for r, n := range reasons {
		t.Logf("%3d× %s", n, r)
	}
	if len(reasons) < 2 {
		t.Error("no truncation was detected")
	}
}
