package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Proves (issue 8 item 10): `doctor --reset` with --db naming a folder, a
// named pipe or a device renames nothing and creates nothing; it says what
// the path is, and no message recommends --reset for it (the tutor's
// commands included).
func TestDoctorResetOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "folder.db")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	kinds := map[string]string{folder: "a folder", fifo: "a named pipe (FIFO)"}
	// A null device of our own (1,3 as /dev/null), never the real one: the
	// old code renamed whatever --db named.
	dev := filepath.Join(dir, "null.db")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o600, 1<<8|3); err == nil {
		kinds[dev] = "a character device"
	} else {
		t.Logf("no device case (mknod: %v)", err)
	}
	for path, what := range kinds {
		for _, args := range [][]string{{"doctor", "--reset"}, {"doctor"}, {"list"}, {"progress"}} {
			code, out, errOut := runCLI(t, append([]string{"--db", path}, args...)...)
			if code != 1 || !strings.Contains(errOut, path+" is "+what) || !strings.Contains(errOut, "Nothing was changed") ||
				strings.Contains(errOut+out, "--reset") || strings.Contains(out, "Moved") {
				t.Errorf("--db %s %v: exit %d, stdout %q, stderr %q", path, args, code, trim(out), trim(errOut))
			}
		}
	}
	if fi, err := os.Lstat(folder); err != nil || !fi.IsDir() {
		t.Errorf("the folder was moved or replaced: %v", err)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was moved or replaced: %v", err)
	}
	if fi, err := os.Lstat(dev); kinds[dev] != "" && (err != nil || fi.Mode()&os.ModeCharDevice == 0) {
		t.Errorf("the device was moved or replaced: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*")); len(left) > 0 {
		t.Errorf("something was moved aside: %v", left)
	}
}
