package progress

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/scheduler"
)

// validFile builds a healthy progress file with enough data to span many
// pages, and returns its bytes.
func validFile(t *testing.T) []byte {
	t.Helper()
	path := tempPath(t)
	s := mustOpen(t, path)
	for i := range 40 {
		ch := "chapter-" + strconv.Itoa(i)
		must(t, s.SaveReading(ch, strings.Repeat("h", 64), i, i))
		at, err := s.StartAttempt(ch, "h", []string{"q1", "q2", "q3"}, map[string][]int{"q1": {1, 0, 2}})
		must(t, err)
		must(t, s.SaveAnswer(ch, at.ID, answer("q1", true, strings.Repeat("x", 200))))
		_, err = s.FinishAttempt(ch, at.ID, 50, false)
		must(t, err)
	}
	b, err := os.ReadFile(path)
	must(t, err)
	if len(b) < 64*1024 {
		t.Fatalf("fixture only %d bytes", len(b))
	}
	return b
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// writeBolt makes a bbolt file with whatever fn puts in it.
func writeBolt(t *testing.T, fn func(tx *bolt.Tx) error) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.db")
	db, err := bolt.Open(p, 0o600, nil)
	must(t, err)
	must(t, db.Update(fn))
	must(t, db.Close())
	b, err := os.ReadFile(p)
	must(t, err)
	return b
}

// Proves: every kind of damage gives the right error type, the message
// names the path, Open and Check agree, nothing panics or kills the test
// binary (truncation would SIGBUS inside bbolt), and the file is byte-for-
// byte unchanged afterwards (sha256 before/after). The lock is released
// afterwards too: MoveAside + fresh Open works in the same process.
func TestDamagedFiles(t *testing.T) {
	valid := validFile(t)
	pageSize := 4096
	withPages := func(fill func(i int) []byte) []byte {
		b := append([]byte(nil), valid...)
		for off := 2 * pageSize; off < len(b); off += pageSize {
			copy(b[off:off+pageSize], fill(off/pageSize))
		}
		return b
	}
	setJSON := func(bucket, key, value string) []byte {
		return writeBolt(t, func(tx *bolt.Tx) error {
			if err := initBuckets(tx); err != nil {
				return err
			}
			return nested(t, tx, bucket).Put([]byte(key), []byte(value))
		})
	}
	card := func(due time.Time) string {
		b, err := encodeCard(ReviewCard{ChapterID: "ch", QuestionHash: "h", Card: scheduler.Card{State: scheduler.Review, Due: due}})
		must(t, err)
		return string(b)
	}
	due := time.Date(2026, 6, 15, 4, 0, 0, 0, time.UTC)
	inCards := func(kv ...string) []byte {
		return writeBolt(t, func(tx *bolt.Tx) error {
			if err := initBuckets(tx); err != nil {
				return err
			}
			for i := 0; i < len(kv); i += 2 {
				if err := nested(t, tx, guide+"cards").Put([]byte(kv[i]), []byte(kv[i+1])); err != nil {
					return err
				}
			}
			return nil
		})
	}
	dueOf := func(q string, at time.Time) string {
		return string(dueKey(ReviewCard{QuestionID: q, Card: scheduler.Card{Due: at}}))
	}
	cases := []struct {
		name     string
		content  []byte
		newer    bool   // want *NewerSchemaError instead of *DamagedError
		inReason string // expected fragment of DamagedError.Reason
	}{
		{"zero length", nil, false, "empty"},
		{"100 random bytes", randomBytes(100), false, "too small"},
		{"64 KiB random bytes", randomBytes(64 * 1024), false, "not a progress database"},
		{"valid db truncated to 8192", valid[:8192], false, "truncated"},
		{"valid db truncated to half", valid[:len(valid)/2], false, "truncated"},
		{"text file", []byte("hello"), false, "too small"},
		{"text file of 5 KiB", []byte(strings.Repeat("hello\n", 900)), false, "not a progress database"},
		{"bbolt file without our meta bucket", writeBolt(t, func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("something-else"))
			return err
		}), false, "not a backend-tutor progress file"},
		{"meta bucket without schema", writeBolt(t, func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket(bucketMeta)
			return err
		}), false, "no meta/schema"},
		{"schema not a number", setJSON("meta", "schema", "one"), false, "not a number"},
		{"schema from the future", setJSON("meta", "schema", strconv.Itoa(SchemaVersion+1)), true, ""},
		{"garbled chapter record", setJSON(guide+"chapters", "ch", `{"id":"ch","furthest":`), false, `chapter "ch"`},
		{"chapter percent out of range", setJSON(guide+"chapters", "ch", `{"id":"ch","furthest":150}`), false, "outside 0-100"},
		{"chapter under the wrong key", setJSON(guide+"chapters", "ch", `{"id":"other"}`), false, "wrong key"},
		{"open attempt missing", setJSON(guide+"chapters", "ch", `{"id":"ch","open_attempt":3}`), false, "open quiz attempt"},
		{"garbled last place", setJSON("profiles/default", "last", `{"screen":"moon"}`), false, "last place"},
		{"attempts entry not a bucket", setJSON(guide+"attempts", "ch", `{}`), false, "not a bucket"},
		// The nested layout (schema 3): every level is checked, in every
		// profile and pack, and the message says which.
		{"profile not a bucket", setJSON("profiles", "ann", `{}`), false, `profiles/"ann" is not a bucket`},
		{"profile name unprintable", setJSON("profiles/a\x1bb", "welcomed", "1"), false, "cannot be shown"},
		{"packs not a bucket", setJSON("profiles/ann", "packs", `{}`), false, `profile "ann": packs is not a bucket`},
		{"pack not a bucket", setJSON("profiles/ann/packs", "docker", `{}`), false, `packs/"docker" is not a bucket`},
		{"pack name too long", setJSON("profiles/ann/packs/"+strings.Repeat("p", 65)+"/chapters", "x", `{"id":"x"}`), false, "max 64"},
		{"chapters of a pack not a bucket", setJSON("profiles/ann/packs/docker", "chapters", `{}`), false, `"chapters": is not a bucket`},
		{"garbled chapter of another profile's pack", setJSON("profiles/ann/packs/docker/chapters", "ch", `{"id":"ch","furthest":`), false, `profile "ann" pack "docker": chapter "ch"`},
		{"open attempt missing in another pack", setJSON("profiles/default/packs/docker/chapters", "ch", `{"id":"ch","open_attempt":3}`), false, `profile "default" pack "docker": chapter "ch": its open quiz attempt`},
		{"attempt under the wrong key in another profile", setJSON("profiles/ann/packs/guide/attempts/ch", "\x00\x00\x00\x00\x00\x00\x00\x02",
			`{"id":1,"chapter":"ch","content_hash":"h","started":"2026-01-01T00:00:00Z","order":["q"],"answers":[],"score":0,"passed":false}`), false, `profile "ann" pack "guide": chapter "ch" attempt 1 is filed under the wrong key`},
		{"garbled last place of another profile", setJSON("profiles/ann", "last", `{"screen":"quiz","chapter":""}`), false, `profile "ann": last place`},
		{"last place in an unnamable pack", setJSON("profiles/default", "last", `{"screen":"quiz","chapter":"c","pack":"\n"}`), false, "last place"},
		// Review cards: decoded, each with its due key, each due key with
		// its card, review answers decoded, the profile's tally.
		{"garbled review card", inCards("cq", "garbage"), false, `review card "q"`},
		{"review card without its due key", inCards("cq", card(due)), false, `review card "q" is missing from the due index`},
		{"due key without its card", inCards("cq", card(due), dueOf("q", due), "", dueOf("gone", due), ""), false, `review index key for "gone"`},
		{"due key at the wrong time", inCards("cq", card(due), dueOf("q", due.Add(time.Hour)), ""), false, `review card "q" is missing from the due index`},
		{"due key too short", inCards("dxx", ""), false, "too short"},
		{"garbled review answer", inCards("rA1", `{"chapter":`), false, `review answer "A1"`},
		{"unknown key among the cards", inCards("zz", "1"), false, "unknown key"},
		{"garbled review tally", setJSON("profiles/default", "review_tally", "1234"), false, "review tally is 4 bytes"},
		{"zeroed data pages", withPages(func(int) []byte { return make([]byte, pageSize) }), false, ""},
		{"random data pages", withPages(func(int) []byte { return randomBytes(pageSize) }), false, ""},
		{"random meta pages", append(randomBytes(2*pageSize), valid[2*pageSize:]...), false, "not a progress database"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tempPath(t)
			must(t, os.MkdirAll(filepath.Dir(path), 0o700))
			must(t, os.WriteFile(path, tc.content, 0o600))
			before := sha256.Sum256(tc.content)

			for name, err := range map[string]error{
				"Open":  func() error { _, err := Open(path); return err }(),
				"Check": Check(path),
			} {
				if err == nil {
					t.Fatalf("%s accepted the file", name)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("%s: message does not name the path: %v", name, err)
				}
				if !strings.Contains(err.Error(), "Nothing was changed") {
					t.Errorf("%s: message does not say nothing changed: %v", name, err)
				}
				var de *DamagedError
				var ne *NewerSchemaError
				switch {
				case tc.newer:
					if !errors.As(err, &ne) || ne.Found != SchemaVersion+1 || ne.Supported != SchemaVersion {
						t.Errorf("%s: err = %v, want NewerSchemaError", name, err)
					}
					if !strings.Contains(err.Error(), "Upgrade backend-tutor") {
						t.Errorf("%s: message does not say to upgrade: %v", name, err)
					}
				case !errors.As(err, &de):
					t.Errorf("%s: err = %T %v, want *DamagedError", name, err, err)
				case !strings.Contains(de.Reason, tc.inReason):
					t.Errorf("%s: reason %q lacks %q", name, de.Reason, tc.inReason)
				default:
					t.Logf("%s: %s", name, de.Reason)
				}
			}
			after, err := os.ReadFile(path)
			must(t, err)
			if sha256.Sum256(after) != before {
				t.Fatal("the damaged file was modified")
			}
			if _, err := MoveAside(path); err != nil {
				t.Fatal(err)
			}
			s := mustOpen(t, path)
			must(t, s.SaveReading("ch", "h", 1, 1))
		})
	}
}

// Proves: the fixture used above is itself healthy, so the damage is what
// the cases detect.
func TestValidFixtureIsHealthy(t *testing.T) {
	path := tempPath(t)
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, validFile(t), 0o600))
	must(t, Check(path))
	s := mustOpen(t, path)
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 40 {
		t.Errorf("%d chapters", len(snap.Chapters))
	}
}
