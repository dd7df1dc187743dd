package progress_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
	"backend-tutor/progress"
)

// bigFile writes a generated history large enough that start-up skips the
// history check, then applies damage to it with bbolt.
func bigFile(t *testing.T, damage func(tx *bolt.Tx) error) string {
	t.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "progress.db")
	if err := benchgen.Progress(path, c, 5000); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() <= 256<<10 {
		t.Fatalf("generated file is too small to test the bounded check: %v %v", fi.Size(), err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(damage); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// Proves: on a large file, start-up does not read the whole history (an old
// damaged attempt does not stop the tutor), doctor still finds it, and
// reading that attempt reports the damage rather than nonsense.
func TestLargeFileStartSkipsHistoryDoctorDoesNot(t *testing.T) {
	var chapter string
	path := bigFile(t, func(tx *bolt.Tx) error {
		return guideBucket(tx, "attempts").ForEachBucket(func(k []byte) error {
			if chapter == "" {
				chapter = string(k)
				var key [8]byte
				binary.BigEndian.PutUint64(key[:], 1)
				return guideBucket(tx, "attempts").Bucket(k).Put(key[:], []byte(`{"id":1,"chapter":`))
			}
			return nil
		})
	})
	s, err := progress.Open(path)
	if err != nil {
		t.Fatalf("Open of a large file with an old damaged attempt: %v", err)
	}
	if _, err := s.Snapshot(); err != nil {
		t.Fatal(err)
	}
	var de *progress.DamagedError
	if err := progress.Check(path); !errors.As(err, &de) {
		t.Fatalf("Check = %v, want DamagedError", err)
	}
	if _, err := s.Attempt(chapter, 1); !errors.As(err, &de) {
		t.Fatalf("reading the damaged attempt = %v, want DamagedError", err)
	}
}

// Proves: on a large file, start-up still checks everything that grows with
// the chapters: a damaged summary or open attempt stops it as before.
func TestLargeFileStartChecksSummaries(t *testing.T) {
	for name, damage := range map[string]func(tx *bolt.Tx) error{
		"garbled chapter record": func(tx *bolt.Tx) error {
			return guideBucket(tx, "chapters").Put([]byte("ch"), []byte(`{"id":"ch","furthest":`))
		},
		"open attempt garbled": func(tx *bolt.Tx) error {
			c := guideBucket(tx, "chapters").Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				var id uint64
				if containsOpen(v, &id) {
					var key [8]byte
					binary.BigEndian.PutUint64(key[:], id)
					return guideBucket(tx, "attempts").Bucket(k).Put(key[:], []byte(`not json`))
				}
			}
			return errors.New("no open attempt in the generated file")
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := bigFile(t, damage)
			var de *progress.DamagedError
			if _, err := progress.Open(path); !errors.As(err, &de) {
				t.Fatalf("Open = %v, want DamagedError", err)
			}
		})
	}
}

func containsOpen(v []byte, id *uint64) bool {
	var r progress.ChapterRecord
	if err := json.Unmarshal(v, &r); err != nil || r.OpenAttempt == 0 {
		return false
	}
	*id = r.OpenAttempt
	return true
}

// guideBucket is one of the default profile's guide buckets.
func guideBucket(tx *bolt.Tx, name string) *bolt.Bucket {
	b := tx.Bucket([]byte("profiles")).Bucket([]byte(progress.DefaultProfile))
	return b.Bucket([]byte("packs")).Bucket([]byte(progress.DefaultPack)).Bucket([]byte(name))
}
