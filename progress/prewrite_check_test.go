package progress_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/benchgen"
	"backend-tutor/progress"
)

// Proves (issue 8 item 3): a file over the start-up check's limit whose
// freelist holds a live page still opens (it reads fine), but no write
// reaches it: the check before the first write finds the damage, the write
// is refused with a typed error, the store says why, and the file's bytes
// are unchanged.
func TestFreedLivePageRefusedBeforeAnyWrite(t *testing.T) {
	path := bigFile(t, func(*bolt.Tx) error { return nil })
	if err := benchgen.FreeLivePage(path); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := progress.Open(path)
	if err != nil {
		t.Fatalf("Open: %v (the bounded start-up check should let it be read)", err)
	}
	if _, err := s.Snapshot(); err != nil {
		t.Fatal(err)
	}
	werr := s.SaveLast(progress.Place{Screen: "chapter", ChapterID: "what-is-a-backend"})
	var de *progress.DamagedError
	if !errors.Is(werr, progress.ErrNotWritable) || !errors.As(werr, &de) {
		t.Fatalf("write on a file whose freelist holds a live page = %v, want ErrNotWritable wrapping a DamagedError", werr)
	}
	if s.Writable() || s.Warning() == "" {
		t.Fatalf("after the failed check: Writable=%v Warning=%q, want read-only with a reason", s.Writable(), s.Warning())
	}
	if err := s.SetWelcomed(); !errors.Is(err, progress.ErrNotWritable) {
		t.Fatalf("second write = %v, want it refused too", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("the damaged file was written to")
	}
	if err := progress.Check(path); !errors.As(err, &de) {
		t.Fatalf("doctor's Check = %v, want DamagedError", err)
	}
}

// Proves: on a healthy large file the check passes and writes go through.
func TestLargeHealthyFileWritesAfterCheck(t *testing.T) {
	path := bigFile(t, func(*bolt.Tx) error { return nil })
	s, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckBeforeWrite(); err != nil {
		t.Fatalf("CheckBeforeWrite on a healthy file: %v", err)
	}
	if err := s.SetWelcomed(); err != nil || !s.Writable() {
		t.Fatalf("write = %v, writable %v", err, s.Writable())
	}
}
