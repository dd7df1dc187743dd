package progress

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestMigrationTableCoversEveryVersion(t *testing.T) {
	if len(migrations) != SchemaVersion {
		t.Fatalf("%d migrations for schema %d: every version below the current needs one", len(migrations), SchemaVersion)
	}
}

// writeV0 builds a schema-0 file (see migrate.go): chapter records without
// `answered`, attempts as today. Chapter "orphan" has attempts but no record.
func writeV0(t *testing.T, path string) (chapters map[string]string, attempts map[string][]Attempt) {
	t.Helper()
	chapters = map[string]string{
		"http":  `{"id":"http","content_hash":"h1","line":12,"furthest":55,"attempts":2,"best_score":90,"last_score":40,"passed":true}`,
		"sql":   `{"id":"sql","line":3,"furthest":10,"open_attempt":1}`,
		"empty": `{"id":"empty","line":0,"furthest":0}`,
	}
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	fin := t0.Add(time.Hour)
	mk := func(ch string, id uint64, answers int, finished bool, score int) Attempt {
		a := Attempt{ID: id, ChapterID: ch, ContentHash: "c", Started: t0, Order: []string{"q1", "q2", "q3"},
			Shuffles: map[string][]int{"q2": {1, 0}}, Answers: []Answer{}}
		for i := range answers {
			a.Answers = append(a.Answers, Answer{QuestionID: fmt.Sprintf("q%d", i+1), Given: []string{"x"}, Correct: i%2 == 0, At: t0})
		}
		if finished {
			a.Finished, a.Score, a.Passed = &fin, score, score >= 70
		}
		return a
	}
	attempts = map[string][]Attempt{
		"http":   {mk("http", 1, 3, true, 90), mk("http", 2, 2, true, 40)},
		"sql":    {mk("sql", 1, 1, false, 0)},
		"orphan": {mk("orphan", 1, 2, false, 0), mk("orphan", 2, 3, true, 100)},
	}
	attempts["orphan"][0].Abandoned = true

	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	defer db.Close()
	must(t, db.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		must(t, meta.Put(keySchema, []byte("0")))
		must(t, meta.Put(keyWelcomed, []byte("1")))
		must(t, meta.Put(keyLast, []byte(`{"screen":"quiz","chapter":"sql"}`)))
		cb, _ := tx.CreateBucket(bucketChapters)
		for id, raw := range chapters {
			must(t, cb.Put([]byte(id), []byte(raw)))
		}
		ab, _ := tx.CreateBucket(bucketAttempts)
		for ch, list := range attempts {
			b, _ := ab.CreateBucket([]byte(ch))
			for _, a := range list {
				raw, err := json.Marshal(a)
				must(t, err)
				must(t, b.Put(attemptKey(a.ID), raw))
				must(t, b.SetSequence(a.ID))
			}
		}
		return nil
	}))
	return chapters, attempts
}

// Proves: a schema-0 file passes Check untouched, is migrated on Open in one
// transaction, and every record survives: chapter fields unchanged, Answered
// filled from the history, a record made for the orphan chapter, attempts
// byte-identical, meta kept, ids continue from the old sequence.
func TestMigrateFromV0(t *testing.T) {
	path := tempPath(t)
	chapters, attempts := writeV0(t, path)

	before, _ := os.ReadFile(path)
	must(t, Check(path))
	after, _ := os.ReadFile(path)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Fatal("Check modified a v0 file")
	}

	s := mustOpen(t, path)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	must(t, db.View(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket(bucketMeta).Get(keySchema)); v != fmt.Sprint(SchemaVersion) {
			t.Errorf("schema after migration = %q", v)
		}
		return nil
	}))
	must(t, db.Close())

	snap, err := s.Snapshot()
	must(t, err)
	if !snap.Welcomed || snap.Last == nil || *snap.Last != (Place{"quiz", "sql"}) {
		t.Errorf("meta lost: %+v", snap)
	}
	wantAnswered := map[string]int{"http": 5, "sql": 1, "empty": 0, "orphan": 5}
	if len(snap.Chapters) != len(wantAnswered) {
		t.Errorf("%d chapters after migration, want %d", len(snap.Chapters), len(wantAnswered))
	}
	for id, n := range wantAnswered {
		got, ok := snap.Chapters[id]
		if !ok {
			t.Errorf("chapter %q lost", id)
			continue
		}
		want := ChapterRecord{ID: id}
		if raw, ok := chapters[id]; ok {
			must(t, json.Unmarshal([]byte(raw), &want))
		}
		want.Answered = n
		if got != want {
			t.Errorf("chapter %q = %+v\nwant %+v", id, got, want)
		}
	}
	for ch, list := range attempts {
		got, err := s.Attempts(ch)
		must(t, err)
		if len(got) != len(list) {
			t.Fatalf("chapter %q: %d attempts, want %d", ch, len(got), len(list))
		}
		for i := range list {
			a, _ := json.Marshal(withV1IDs(list[i]))
			b, _ := json.Marshal(got[i])
			if string(a) != string(b) {
				t.Errorf("attempt changed:\n%s\n%s", a, b)
			}
		}
	}
	assertV3Layout(t, path)
	// The old sequence carries on, and the migrated sql attempt resumes.
	must(t, s.SaveAnswer("sql", 1, answer("q2", true)))
	next, err := s.StartAttempt("http", "h", []string{"q"}, nil)
	must(t, err)
	if next.ID != 3 {
		t.Errorf("new attempt id after migration = %d, want 3", next.ID)
	}
	must(t, Check(path))
}

// withV1IDs is a as migrating to schema 2 leaves it: ids added, nothing else.
func withV1IDs(a Attempt) Attempt {
	a.UID = fmt.Sprintf("v1-%d", a.ID)
	a.Answers = slices.Clone(a.Answers)
	for i := range a.Answers {
		a.Answers[i].ID = fmt.Sprintf("v1-%d-%d", a.ID, i)
	}
	return a
}

// Proves: a schema-1 file (attempts and answers without ids, one answer per
// question) is migrated to schema 2: every chapter record is unchanged,
// every attempt is unchanged but for its ids, and afterwards a question can
// be answered again in an attempt (the last answer counts) without being
// counted twice.
func TestMigrateFromV1(t *testing.T) {
	path := tempPath(t)
	chapters, attempts := writeV0(t, path)
	// Turn the v0 fixture into a v1 file: the `answered` counts filled in
	// (what migration 0 → 1 computes), schema 1.
	answered := map[string]int{"http": 5, "sql": 1, "empty": 0, "orphan": 5}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	v1 := map[string]ChapterRecord{}
	must(t, db.Update(func(tx *bolt.Tx) error {
		must(t, tx.Bucket(bucketMeta).Put(keySchema, []byte("1")))
		for id, n := range answered {
			r := ChapterRecord{ID: id}
			if raw, ok := chapters[id]; ok {
				must(t, json.Unmarshal([]byte(raw), &r))
			}
			r.Answered = n
			v1[id] = r
			raw, err := json.Marshal(r)
			must(t, err)
			must(t, tx.Bucket(bucketChapters).Put([]byte(id), raw))
		}
		return nil
	}))
	must(t, db.Close())

	s := mustOpen(t, path)
	snap, err := s.Snapshot()
	must(t, err)
	for id, want := range v1 {
		if got := snap.Chapters[id]; got != want {
			t.Errorf("chapter %q = %+v, want %+v", id, got, want)
		}
	}
	for ch, list := range attempts {
		got, err := s.Attempts(ch)
		must(t, err)
		for i := range list {
			a, _ := json.Marshal(withV1IDs(list[i]))
			b, _ := json.Marshal(got[i])
			if string(a) != string(b) {
				t.Errorf("attempt changed:\n%s\n%s", a, b)
			}
		}
	}
	assertV3Layout(t, path)
	must(t, s.SaveAnswer("sql", 1, answer("q1", true, "again")))
	at, err := s.Attempt("sql", 1)
	must(t, err)
	if len(at.Answers) != 2 || !LastAnswers(at)["q1"].Correct {
		t.Errorf("re-answer after migration: %+v", at.Answers)
	}
	if snap, _ := s.Snapshot(); snap.Chapters["sql"].Answered != 1 {
		t.Errorf("re-answer counted twice: %+v", snap.Chapters["sql"])
	}
	must(t, Check(path))
}

// Proves: an older file that cannot be written is left alone (no
// migration attempted) and is still readable.
func TestOldSchemaReadOnly(t *testing.T) {
	path := tempPath(t)
	writeV0(t, path)
	before, _ := os.ReadFile(path)
	old := checkWritable
	checkWritable = func(string) error { return os.ErrPermission }
	defer func() { checkWritable = old }()
	s, err := Open(path)
	must(t, err)
	if s.Writable() {
		t.Fatal("writable")
	}
	snap, err := s.Snapshot()
	must(t, err)
	if snap.Chapters["http"].BestScore != 90 {
		t.Errorf("snapshot = %+v", snap)
	}
	after, _ := os.ReadFile(path)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Fatal("read-only v0 file modified")
	}
}

// dumpFile is every value in the bbolt file at path by its bucket path
// ("a/b/key"), plus each bucket's sequence ("a/b/#seq" when not 0) and an
// entry for each bucket ("a/b/" = "bucket"), so two dumps compare whole
// layouts.
func dumpFile(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	defer db.Close()
	var walk func(prefix string, b *bolt.Bucket)
	walk = func(prefix string, b *bolt.Bucket) {
		out[prefix] = "bucket"
		if seq := b.Sequence(); seq != 0 {
			out[prefix+"#seq"] = fmt.Sprint(seq)
		}
		must(t, b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(prefix+string(k)+"/", b.Bucket(k))
			} else {
				out[prefix+string(k)] = string(v)
			}
			return nil
		}))
	}
	must(t, db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name)+"/", b)
			return nil
		})
	}))
	return out
}

// Proves: a schema-2 file made by the schema-2 tutor (testdata/schema2.db,
// written through its public API by testdata/make_schema2.go.txt) migrates
// to schema 3 with every record kept byte for byte: chapters and attempts
// (with their sequences) move under profiles/default/packs/guide, welcomed
// and the last place under profiles/default, meta keeps only the schema,
// empty labs and cards buckets exist, and nothing else is in the file.
// Then the tutor carries on: the open attempt resumes, new attempt ids
// follow the old ones, and doctor finds the file healthy.
func TestMigrateFromV2Fixture(t *testing.T) {
	path := tempPath(t)
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	raw, err := os.ReadFile("testdata/schema2.db")
	must(t, err)
	must(t, os.WriteFile(path, raw, 0o600))
	before := dumpFile(t, path)
	if before["meta/schema"] != "2" {
		t.Fatalf("fixture is schema %q, want 2", before["meta/schema"])
	}

	// Read-only, a schema-2 file is read in place (not migrated).
	must(t, Check(path))
	if got, _ := os.ReadFile(path); sha256.Sum256(got) != sha256.Sum256(raw) {
		t.Fatal("Check modified the v2 file")
	}

	s := mustOpen(t, path)
	after := dumpFile(t, path)
	want := map[string]string{
		"meta/":                     "bucket",
		"meta/schema":               fmt.Sprint(SchemaVersion),
		"profiles/":                 "bucket",
		"profiles/default/":         "bucket",
		"profiles/default/packs/":   "bucket",
		guide:                       "bucket",
		guide + "labs/":             "bucket",
		guide + "cards/":            "bucket",
		guide + "questions/":        "bucket", // schema 4, checked below
		guide + "studied/":          "bucket",
		"profiles/default/welcomed": before["meta/welcomed"],
		"profiles/default/last":     before["meta/last"],
	}
	for k, v := range before {
		switch {
		case strings.HasPrefix(k, "chapters/"), strings.HasPrefix(k, "attempts/"):
			want[guide+k] = v
		case k == "meta/welcomed", k == "meta/last", k == "meta/schema", k == "meta/":
		default:
			t.Fatalf("fixture holds %q, which the test does not know", k)
		}
	}
	if before["meta/welcomed"] == "" || before["meta/last"] == "" || before["attempts/http/#seq"] != "2" {
		t.Fatalf("fixture lacks what the test checks: %v", before)
	}
	for k, v := range want {
		if after[k] != v {
			t.Errorf("after migration %q = %q, want %q", k, after[k], v)
		}
	}
	for k := range after {
		_, ok := want[k]
		if !ok && !strings.HasPrefix(k, guide+"questions/") && !strings.HasPrefix(k, guide+"studied/") {
			t.Errorf("after migration the file holds %q, which it should not", k)
		}
	}

	snap, err := s.Snapshot()
	must(t, err)
	checkV2Summaries(t, snap)
	if !snap.Welcomed || snap.Last == nil || *snap.Last != (Place{"quiz", "http"}) || len(snap.Chapters) != 3 {
		t.Fatalf("snapshot after migration: %+v", snap)
	}
	if r := snap.Chapters["what-is-a-backend"]; r.Attempts != 2 || r.BestScore != 100 || !r.Passed || r.Answered != 5 {
		t.Errorf("what-is-a-backend = %+v", r)
	}
	open, ok, err := s.OpenAttempt("http")
	must(t, err)
	if !ok || open.ID != 2 || len(open.Answers) != 2 || !LastAnswers(open)["h1"].Correct {
		t.Fatalf("open attempt after migration: %+v %v", open, ok)
	}
	must(t, s.SaveAnswer("http", open.ID, answer("h2", true, "yes")))
	rec, err := s.FinishAttempt("http", open.ID, 100, true)
	must(t, err)
	if rec.Answered != 3 || rec.Attempts != 1 || rec.OpenAttempt != 0 {
		t.Errorf("http after finishing = %+v", rec)
	}
	next, err := s.StartAttempt("http", "hash-http", []string{"h1"}, nil)
	must(t, err)
	if next.ID != 3 {
		t.Errorf("new attempt id after migration = %d, want 3", next.ID)
	}
	must(t, Check(path))
}

// checkV2Summaries checks the question summaries the migration 3 → 4
// built for testdata/schema2.db (make_schema2.go.txt says what it holds).
func checkV2Summaries(t *testing.T, snap *Snapshot) {
	t.Helper()
	at := time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)
	want := map[string]map[string]QuestionSummary{
		// 33% then 100%: wiab-1 missed once, wiab-3 answered only in the second.
		"what-is-a-backend": {
			"wiab-1": {Hash: "qh-wiab-1", Answered: 2, Missed: 1, Last: at},
			"wiab-2": {Hash: "qh-wiab-2", Answered: 2, Missed: 0, Last: at},
			"wiab-3": {Hash: "qh-wiab-3", Answered: 1, Missed: 0, Last: at},
		},
		// h1 right in the abandoned attempt, then wrong and right again in
		// the open one: two attempts, the answer that counts right in both.
		"http": {"h1": {Hash: "qh-h1", Answered: 2, Missed: 0, Last: at}},
	}
	if len(snap.Questions) != len(want) {
		t.Errorf("summaries for %d chapters, want %d: %+v", len(snap.Questions), len(want), snap.Questions)
	}
	for ch, qs := range want {
		if len(snap.Questions[ch]) != len(qs) {
			t.Errorf("%s: %d summaries, want %d", ch, len(snap.Questions[ch]), len(qs))
		}
		for q, w := range qs {
			if got := snap.Questions[ch][q]; got.Hash != w.Hash || got.Answered != w.Answered || got.Missed != w.Missed || !got.Last.Equal(w.Last) {
				t.Errorf("%s/%s = %+v, want %+v", ch, q, got, w)
			}
		}
	}
}

// assertV3Layout checks that a migrated file has the schema-3 layout: no
// top-level chapters or attempts, meta holding only the schema, and the
// default profile's guide with its four buckets.
func assertV3Layout(t *testing.T, path string) {
	t.Helper()
	d := dumpFile(t, path)
	for k := range d {
		top := strings.SplitN(k, "/", 2)[0]
		if top != "meta" && top != "profiles" || strings.HasPrefix(k, "meta/") && k != "meta/" && k != "meta/schema" {
			t.Errorf("migrated file holds %q", k)
		}
	}
	for _, b := range []string{"chapters/", "attempts/", "labs/", "cards/"} {
		if d[guide+b] != "bucket" {
			t.Errorf("migrated file lacks %s", guide+b)
		}
	}
}
