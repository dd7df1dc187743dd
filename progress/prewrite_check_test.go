package progress_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/progress"
)

// freeLivePage puts a live page (the attempts bucket's root) on the file's
// freelist, in place of a free one: the damage a bounded start-up check
// does not see, and that a write would spread, since bbolt hands freelist
// pages out for new data. Layout: bbolt's meta and freelist pages (see
// parseMeta in doctor.go), native byte order.
func freeLivePage(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var live uint64
	err = db.View(func(tx *bolt.Tx) error {
		live = uint64(tx.Bucket([]byte("attempts")).Root())
		return nil
	})
	pageSize := db.Info().PageSize
	db.Close()
	if err != nil || live == 0 {
		t.Fatalf("no live page to free: %v", err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ne := binary.NativeEndian
	meta := func(i int) []byte { return raw[i*pageSize+16:] }
	m := meta(0)
	if ne.Uint64(meta(1)[48:]) > ne.Uint64(m[48:]) {
		m = meta(1) // the newer transaction
	}
	fl := raw[int(ne.Uint64(m[32:]))*pageSize:]
	if count := ne.Uint16(fl[10:]); count == 0 || count == 0xFFFF {
		t.Fatalf("freelist holds %d ids; the test needs a short, non-empty one", count)
	}
	ne.PutUint64(fl[16:], live)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Proves (issue 8 item 3): a file over the start-up check's limit whose
// freelist holds a live page still opens (it reads fine), but no write
// reaches it: the check before the first write finds the damage, the write
// is refused with a typed error, the store says why, and the file's bytes
// are unchanged.
func TestFreedLivePageRefusedBeforeAnyWrite(t *testing.T) {
	path := bigFile(t, func(*bolt.Tx) error { return nil })
	freeLivePage(t, path)
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
