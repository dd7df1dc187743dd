package progress

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An import with one bad attempt is refused before anything is written;
// a good one, imported twice, is stored once.
func TestImportAllOrNothingAndIdempotent(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	fin := at.Add(time.Minute)
	good := Attempt{UID: "u1", ChapterID: "ch", ContentHash: "h", Started: at, Finished: &fin, Score: 50, Order: []string{"q1", "q2"},
		Answers: []Answer{{ID: "a1", QuestionID: "q1", Correct: true, At: at}, {ID: "a2", QuestionID: "q2", At: at}}}
	bad := good
	bad.UID = "u2"
	bad.Answers = []Answer{{ID: "a3", QuestionID: "not-asked", At: at}}
	_, err = s.Import(Imported{Read: map[string]int{"ch": 40}, Attempts: []Attempt{good, bad}})
	if !Permanent(err) && !errors.As(err, new(refusedError)) {
		t.Fatalf("bad attempt: %v", err)
	}
	if h, _ := s.History(); len(h.Attempts["ch"]) != 0 || h.Chapters["ch"].Furthest != 0 {
		t.Fatalf("a refused import wrote %+v", h)
	}
	for i, want := range []ImportResult{{Attempts: 1, Answers: 2, Chapters: 1}, {}} {
		got, err := s.Import(Imported{Read: map[string]int{"ch": 40}, Attempts: []Attempt{good}})
		if err != nil || got != want {
			t.Fatalf("import %d: %+v, %v; want %+v", i+1, got, err, want)
		}
	}
	h, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	r := h.Chapters["ch"]
	if len(h.Attempts["ch"]) != 1 || r.Answered != 2 || r.Attempts != 1 || r.BestScore != 50 || r.Furthest != 40 {
		t.Fatalf("after import: %+v, %d attempts", r, len(h.Attempts["ch"]))
	}
	if a := h.Attempts["ch"][0]; AttemptKey(a) != "u1" || !a.Started.Equal(at) || a.Finished == nil || !a.Finished.Equal(fin) {
		t.Errorf("stored attempt %+v", a)
	}
}

// History reports a damaged attempt, decoded on any core, as DamagedError.
func TestHistoryReportsDamage(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for range 200 {
		a, err := s.StartAttempt("ch", "h", []string{"q"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if h, err := s.History(); err != nil || len(h.Attempts["ch"]) != 200 || h.Attempts["ch"][199].ID != ids[199] {
		t.Fatalf("history: %v", err)
	}
	err = s.updateScoped(func(sc *scoped) error {
		return sc.attempts.Bucket([]byte("ch")).Put(attemptKey(ids[150]), []byte(`{"id":0}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	var de *DamagedError
	if _, err := s.History(); !errors.As(err, &de) || !strings.Contains(err.Error(), "attempt") {
		t.Fatalf("damaged attempt: %v", err)
	}
}
