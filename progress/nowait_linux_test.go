package progress

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Proves: a named pipe swapped in where the progress file was, after the
// caller's stat, does not block the opens that follow (preflight, bbolt's
// own open): they report it instead. The deadline is a guard only.
func TestSwappedInPipeDoesNotBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan [2]error, 1)
	go func() {
		done <- [2]error{preflight(path), withDB(path, true, func(*bolt.DB) error { return nil })}
	}()
	select {
	case errs := <-done:
		for i, err := range errs {
			var naf *NotAFileError
			if !errors.As(err, &naf) {
				t.Errorf("open %d: %v, want NotAFileError", i, err)
			}
		}
	case <-time.After(20 * time.Second):
		t.Fatal("opening a named pipe blocked")
	}
}
