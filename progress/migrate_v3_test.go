package progress

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Proves: a schema-3 file made by the schema-3 tutor (testdata/schema3.db,
// written through its public API by testdata/make_schema3.go.txt: two
// profiles, an added pack, finished, abandoned and open attempts, review
// answers, a retry, a lab check, a reset's backup, a learner name) is read
// in place while nothing writes (the summaries built from its history),
// and migrates to schema 4 on the first write keeping every record byte
// for byte, adding only the question summaries and studied quarter hours,
// which agree with the history.
func TestMigrateFromV3Fixture(t *testing.T) {
	writable := checkWritable
	defer func() { checkWritable = writable }()
	path := tempPath(t)
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	raw, err := os.ReadFile("testdata/schema3.db")
	must(t, err)
	must(t, os.WriteFile(path, raw, 0o600))
	before := dumpFile(t, path)
	if before["meta/schema"] != "3" {
		t.Fatalf("fixture is schema %q, want 3", before["meta/schema"])
	}
	for _, k := range []string{guide + "backups/", guide + "cards/", guide + "labs/hello-server/record", guide + "retries/",
		"profiles/bob/packs/guide/attempts/http-essentials/", "profiles/default/packs/docker/attempts/run/", "profiles/default/learner"} {
		if _, ok := before[k]; !ok && !hasPrefixKey(before, k) {
			t.Fatalf("fixture lacks %s, which the test checks", k)
		}
	}

	// Where it cannot be written, it is read in place: the summaries
	// come from the history.
	must(t, Check(path))
	checkWritable = func(string) error { return os.ErrPermission }
	ro, err := Open(path)
	checkWritable = writable
	must(t, err)
	rom, err := ro.WithPacks([]string{"docker"})
	must(t, err)
	old, err := rom.Snapshot()
	must(t, err)
	checkV3Summaries(t, old)
	oldLog, err := rom.StudyLog()
	must(t, err)
	if got, _ := os.ReadFile(path); sha256.Sum256(got) != sha256.Sum256(raw) {
		t.Fatal("reading the v3 file modified it")
	}

	// Opened to write, it migrates.
	s := mustOpen(t, path)
	m, err := s.WithPacks([]string{"docker"})
	must(t, err)
	after := dumpFile(t, path)
	if after["meta/schema"] != "4" {
		t.Fatalf("schema after a write = %q", after["meta/schema"])
	}
	for k, v := range before {
		if k == "meta/schema" || k == "profiles/default/last" {
			continue
		}
		if got, ok := after[k]; !ok || got != v {
			t.Errorf("after migration %q = %q (present %v), want %q", k, got, ok, v)
		}
	}
	for k := range after {
		if _, ok := before[k]; ok {
			continue
		}
		rest := k[strings.Index(k, "/packs/")+len("/packs/"):]
		rest = rest[strings.Index(rest, "/")+1:]
		if !strings.HasPrefix(rest, "questions/") && !strings.HasPrefix(rest, "studied/") {
			t.Errorf("after migration the file holds %q, which it should not", k)
		}
	}
	snap, err := m.Snapshot()
	must(t, err)
	checkV3Summaries(t, snap)
	log, err := m.StudyLog()
	must(t, err)
	day := func(d int) time.Time { return time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	slots := map[time.Time]bool{}
	for _, at := range log.Studied {
		slots[at] = true
	}
	// Quiz answers on days 0, 1 and 3, a review on day 2, docker's answer
	// at 18:40 (the 18:30 slot); the reset chapter's answer (18:20, in the
	// 18:15 slot) went with its records.
	if len(slots) != 5 || !slots[day(0)] || !slots[day(1)] || !slots[day(2)] || !slots[day(3)] || !slots[day(0).Add(30*time.Minute)] {
		t.Errorf("studied = %v", log.Studied)
	}
	// Read in place, the old file gave the same streak days.
	oldDays := map[int]bool{}
	for _, at := range oldLog.Studied {
		oldDays[int(at.Sub(day(0)).Hours()/24)] = true
	}
	if len(oldDays) != 4 {
		t.Errorf("read in place, studied days = %v", oldLog.Studied)
	}
	bob, err := s.Scope("bob", DefaultPack)
	must(t, err)
	bs, err := bob.Snapshot()
	must(t, err)
	if q := bs.Questions["http-essentials"]["h2"]; q.Answered != 1 || q.Missed != 1 || q.Hash != "qh-h2" {
		t.Errorf("bob's h2 = %+v", bs.Questions)
	}
	// And it goes on: a new answer updates the summary in its transaction.
	open, ok, err := s.OpenAttempt("sql")
	must(t, err)
	if !ok {
		t.Fatal("open attempt lost")
	}
	must(t, s.SaveAnswer("sql", open.ID, Answer{ID: NewID(), QuestionID: "s2", QuestionHash: "qh-s2", Given: []string{"x"}, At: day(4)}))
	snap, err = s.Snapshot()
	must(t, err)
	if q := snap.Questions["sql"]["s2"]; q.Answered != 1 || q.Missed != 1 || !q.Last.Equal(day(4)) {
		t.Errorf("s2 after a new answer = %+v", q)
	}
	must(t, Check(path))
}

func hasPrefixKey(d map[string]string, prefix string) bool {
	for k := range d {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// checkV3Summaries checks the question summaries of testdata/schema3.db's
// default profile (guide and docker), as make_schema3.go.txt answered.
func checkV3Summaries(t *testing.T, snap *Snapshot) {
	t.Helper()
	t0 := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	min := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	want := map[string]map[string]QuestionSummary{
		"http-essentials": {
			"h1": {Hash: "qh-h1", Answered: 2, Missed: 1, Last: min(60 * 24)},
			"h2": {Hash: "qh-h2", Answered: 2, Missed: 0, Last: min(60*24 + 1)},
		},
		// abandoned attempt: right; open one: wrong then right (counts right)
		"sql":        {"s1": {Hash: "qh-s1", Answered: 2, Missed: 0, Last: min(3*60*24 + 1)}},
		"docker/run": {"d1": {Hash: "qh-d1", Answered: 1, Missed: 0, Last: min(40)}},
	}
	if len(snap.Questions) != len(want) {
		t.Errorf("summaries of %d chapters, want %d (the reset chapter has none): %+v", len(snap.Questions), len(want), snap.Questions)
	}
	for ch, qs := range want {
		for q, w := range qs {
			got := snap.Questions[ch][q]
			if got.Hash != w.Hash || got.Answered != w.Answered || got.Missed != w.Missed || !got.Last.Equal(w.Last) {
				t.Errorf("%s/%s = %+v, want %+v", ch, q, got, w)
			}
		}
	}
}
