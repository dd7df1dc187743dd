package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/progress"
)

// Proves (issue 8, smaller items): an argument a command does not take is a
// usage error (exit 2) naming it, not ignored; an empty --db or --content
// is refused instead of silently meaning the default.
func TestExtraArgumentsAndEmptyPaths(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, args := range [][]string{
		{"--db", db, "list", "extra"},
		{"--db", db, "progress", "--json", "extra"},
		{"--db", db, "progress", "extra", "--json"},
		{"--db", db, "doctor", "extra"},
		{"--db", db, "doctor", "--reset", "extra"},
		{"version", "extra"},
		{"help", "extra"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, `unexpected argument "extra"`) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming the argument", args, code, trim(out), trim(errOut))
		}
	}
	for _, args := range [][]string{
		{"--db", "", "list"},
		{"--db=", "progress"},
		{"list", "--db", ""},
		{"--content", "", "list"},
		{"--db", "", "doctor", "--reset"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, "needs a non-empty path") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 refusing the empty path", args, code, trim(out), trim(errOut))
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Error("a refused command created the progress file")
	}
}

// Proves: --reset says what it did without contradicting itself (no
// "Nothing was changed." before "Moved it ...").
func TestDoctorResetMessage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if err := os.WriteFile(db, []byte(strings.Repeat("junk ", 2000)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--db", db, "doctor", "--reset")
	if code != 0 || !strings.Contains(out, "was damaged") || !strings.Contains(out, "Moved it to") ||
		strings.Contains(out+errOut, "Nothing was changed") || strings.Contains(out+errOut, "doctor --reset") {
		t.Fatalf("doctor --reset: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// Proves: a symbolic link to a damaged file is not renamed (that would
// leave the damaged file itself in place); doctor names the target.
func TestDoctorResetSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.db")
	if err := os.WriteFile(target, []byte(strings.Repeat("junk ", 2000)), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlink: %v", err)
	}
	code, _, errOut := runCLI(t, "--db", link, "doctor", "--reset")
	if code != 1 || !strings.Contains(errOut, "symbolic link to "+target) || !strings.Contains(errOut, "--db "+target) {
		t.Fatalf("doctor --reset on a link: exit %d, stderr %q", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was moved: %v", err)
	}
}

// Proves: `doctor --reset` on a healthy file that another tutor holds
// locked (busy saving) moves nothing: only a damaged file is ever reset.
// (The old code moved any file whose check failed, a lock timeout too.)
func TestDoctorResetLockedFileMovesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if _, err := progress.Open(db); err != nil { // creates the file
		t.Fatal(err)
	}
	holder, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	code, out, errOut := runCLI(t, "--db", db, "doctor", "--reset")
	if code != 1 || !strings.Contains(errOut, "locked") || strings.Contains(out, "Moved") {
		t.Fatalf("doctor --reset on a locked file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if left, _ := filepath.Glob(db + ".damaged-*"); len(left) > 0 {
		t.Fatalf("a locked, healthy file was moved aside: %v", left)
	}
}
