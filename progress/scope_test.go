package progress

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func mustScope(t *testing.T, s *Store, profile, pack string) *Store {
	t.Helper()
	v, err := s.Scope(profile, pack)
	must(t, err)
	return v
}

// Proves: profiles and packs keep their records apart in one file. A pack
// chapter whose id matches a guide chapter does not pick up the guide's
// progress (issue 12: "quiz in progress" on a chapter with no quiz), one
// learner's welcome and place are not another's, and a profile nobody has
// written to reads as empty without being created.
func TestScopesKeepApart(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	if s.Profile() != DefaultProfile || s.Pack() != DefaultPack {
		t.Fatalf("Open scope = %s/%s", s.Profile(), s.Pack())
	}
	docker := mustScope(t, s, DefaultProfile, "docker")
	ann := mustScope(t, s, "Ann Lee", DefaultPack)

	must(t, s.SetWelcomed())
	must(t, s.SaveReading("http", "h", 10, 50))
	at, err := s.StartAttempt("http", "h", []string{"q1"}, nil)
	must(t, err)
	must(t, s.SaveAnswer("http", at.ID, answer("q1", true)))
	must(t, docker.SaveReading("http", "d", 3, 20))

	for name, tc := range map[string]struct {
		st       *Store
		line     int
		open     bool
		welcomed bool
		last     *Place
	}{
		"default/guide":  {s, 10, true, true, nil},
		"default/docker": {docker, 3, false, true, &Place{"chapter", "http"}},
		"Ann Lee/guide":  {ann, 0, false, false, nil},
	} {
		snap, err := tc.st.Snapshot()
		must(t, err)
		r := snap.Chapters["http"]
		if r.Line != tc.line || (r.OpenAttempt != 0) != tc.open || snap.Welcomed != tc.welcomed {
			t.Errorf("%s: http = %+v, welcomed %v", name, r, snap.Welcomed)
		}
		if (snap.Last == nil) != (tc.last == nil) || (snap.Last != nil && *snap.Last != *tc.last) {
			t.Errorf("%s: last = %+v, want %+v", name, snap.Last, tc.last)
		}
		if _, ok, err := tc.st.OpenAttempt("http"); err != nil || ok != tc.open {
			t.Errorf("%s: open attempt = %v, %v", name, ok, err)
		}
	}
	if atts, err := docker.Attempts("http"); err != nil || len(atts) != 0 {
		t.Errorf("docker sees the guide's attempts: %+v %v", atts, err)
	}
	if _, err := docker.Attempt("http", at.ID); !strings.Contains(errString(err), ErrNoAttempt.Error()) {
		t.Errorf("docker reads the guide's attempt: %v", err)
	}
	for k := range dumpFile(t, path) {
		if strings.HasPrefix(k, "profiles/Ann Lee") {
			t.Errorf("reading a profile created %q", k)
		}
	}
	must(t, Check(path))
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Proves: a profile or pack name must be non-empty, printable and at most
// 64 bytes; anything else is refused before it reaches the file.
func TestScopeNames(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	for _, ok := range []string{"default", "Zoë", "ann lee", "教室-3", strings.Repeat("x", 64)} {
		if _, err := s.Scope(ok, ok); err != nil {
			t.Errorf("Scope(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", strings.Repeat("x", 65), "a\nb", "\x1b[31mred", "a\tb", "\xff", "a\u200bb", "\u202eevil"} {
		if _, err := s.Scope(bad, DefaultPack); err == nil {
			t.Errorf("Scope(%q, guide) accepted", bad)
		}
		if _, err := s.Scope(DefaultProfile, bad); err == nil {
			t.Errorf("Scope(default, %q) accepted", bad)
		}
		if bad == "" {
			continue // an op without a profile is in the Store's
		}
		if _, err := s.Apply(Op{Kind: OpReading, Chapter: "c", Profile: bad}); err == nil || !Permanent(err) {
			t.Errorf("Apply with profile %q = %v, want a permanent refusal", bad, err)
		}
	}
}

// Proves: changes written to a recovery file carry the scope of the Store
// that could not save them, and merge into that profile and pack even when
// a Store of another scope merges them; a change without a scope (from a
// schema-2 tutor's recovery file) goes to the default profile's guide.
func TestRecoveryMergesIntoItsScope(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	ann := mustScope(t, s, "ann", "docker")
	uid := NewID()
	name, err := ann.WriteRecovery([]Op{
		{Kind: OpStart, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"}},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Answer: &Answer{ID: NewID(), QuestionID: "q1", Correct: true}},
		{Kind: OpReading, Chapter: "ch", Line: 4, Percent: 30},
	})
	must(t, err)
	f, err := os.Open(name)
	must(t, err)
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var op Op
		must(t, json.Unmarshal(sc.Bytes(), &op))
		if op.Profile != "ann" || op.Pack != "docker" {
			t.Errorf("recovery line without its scope: %s", sc.Text())
		}
	}
	f.Close()
	// What a schema-2 tutor wrote: no scope.
	must(t, os.WriteFile(path+".recovery-1-old", []byte(`{"op":"reading","chapter":"old","line":9,"percent":90}`+"\n"), 0o600))

	other := mustScope(t, s, "bob", "guide")
	n, err := other.MergeRecovery()
	if n != 4 || err != nil {
		t.Fatalf("merge = %d, %v", n, err)
	}
	snap, err := ann.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.Line != 4 || r.Answered != 1 || r.OpenAttempt == 0 || len(snap.Chapters) != 1 {
		t.Errorf("ann/docker after merge: %+v", snap.Chapters)
	}
	def, err := s.Snapshot()
	must(t, err)
	if r := def.Chapters["old"]; r.Line != 9 || len(def.Chapters) != 1 {
		t.Errorf("default/guide after merge: %+v", def.Chapters)
	}
	if snap, _ := other.Snapshot(); len(snap.Chapters) != 0 {
		t.Errorf("the merging store's own scope got records: %+v", snap.Chapters)
	}
}

// Proves: two Stores (as two tutors) on one file in different scopes both
// save, each into its own scope, with every answer kept.
func TestTwoStoresTwoScopes(t *testing.T) {
	path := tempPath(t)
	a := mustOpen(t, path)
	b := mustScope(t, mustOpen(t, path), "second", DefaultPack)
	for _, st := range []*Store{a, b} {
		at, err := st.StartAttempt("ch", "h", []string{"q1", "q2"}, nil)
		must(t, err)
		must(t, st.SaveAnswer("ch", at.ID, answer("q1", true)))
	}
	for _, st := range []*Store{a, b} {
		atts, err := st.Attempts("ch")
		must(t, err)
		if len(atts) != 1 || atts[0].ID != 1 || len(atts[0].Answers) != 1 {
			t.Errorf("%s: attempts %+v", st.Profile(), atts)
		}
	}
}
