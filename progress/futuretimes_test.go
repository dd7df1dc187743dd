package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Proves: an answer dated ahead of now (a lab machine's clock a year
// ahead) does not pin its question's summary to that answer's version: the
// next answer, saved after it, is the latest, and the summary's time is
// released. Through Apply (the tutor's saves) and through an import's
// rebuild of the summaries.
func TestFutureAnswerDoesNotPinSummary(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	ahead := time.Now().AddDate(1, 0, 0)
	answerAt(t, s, "ch", "q", "v1", ahead)
	answerAt(t, s, "ch", "q", "v2", time.Now())
	snap, err := s.Snapshot()
	must(t, err)
	if sum := snap.Questions["ch"]["q"]; sum.Hash != "v2" || sum.Last.After(time.Now()) || sum.Answered != 2 {
		t.Errorf("after a future answer then a current one: %+v, want hash v2 and a time not in the future", sum)
	}
	// The rebuild (import) of the same history agrees.
	got, err := s.Import(Imported{Attempts: []Attempt{{UID: "imp", ChapterID: "ch", ContentHash: "h", Started: time.Now().Add(-time.Hour),
		Order: []string{"q2"}, Answers: []Answer{{ID: "x", QuestionID: "q2", QuestionHash: "w", At: time.Now().Add(-time.Hour)}}}}})
	must(t, err)
	if got.Capped != 0 {
		t.Errorf("capped %d times of an export in the past", got.Capped)
	}
	snap, err = s.Snapshot()
	must(t, err)
	if sum := snap.Questions["ch"]["q"]; sum.Hash != "v2" {
		t.Errorf("rebuilt: %+v, want hash v2", sum)
	}
}

// answerAt saves an answer to question q, of version hash, at at, in a
// new attempt.
func answerAt(t *testing.T, s *Store, ch, q, hash string, at time.Time) {
	t.Helper()
	a := Answer{ID: NewID(), QuestionID: q, QuestionHash: hash, Given: []string{"x"}, At: at}
	_, err := s.Apply(Op{Kind: OpAnswer, Chapter: ch, AttemptUID: NewID(), Order: []string{q}, Answer: &a})
	must(t, err)
}

// Proves: import sets times further ahead of its now than ImportClockSlack
// to now and counts them; times within the slack are kept.
func TestImportCapsFutureTimes(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	ahead := now.AddDate(1, 0, 0)
	near := now.Add(ImportClockSlack / 2)
	in := Imported{Attempts: []Attempt{{UID: "u1", ChapterID: "ch", ContentHash: "h", Started: ahead, Finished: &ahead, Order: []string{"q1", "q2"},
		Answers: []Answer{{ID: "a1", QuestionID: "q1", QuestionHash: "v1", At: ahead}, {ID: "a2", QuestionID: "q2", QuestionHash: "v1", At: near}}}}}
	got, err := s.ImportPacks(map[string]Imported{DefaultPack: in}, "", now)
	must(t, err)
	if got.Capped != 3 || got.Answers != 2 {
		t.Fatalf("import: %+v, want 3 times capped (start, finish, one answer)", got)
	}
	if !in.Attempts[0].Started.Equal(ahead) || !in.Attempts[0].Answers[0].At.Equal(ahead) {
		t.Error("the caller's attempts were changed")
	}
	h, err := s.History()
	must(t, err)
	a := h.Attempts["ch"][0]
	if !a.Started.Equal(now) || !a.Finished.Equal(now) || !a.Answers[0].At.Equal(now) || !a.Answers[1].At.Equal(near) {
		t.Errorf("stored %+v", a)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if sum := snap.Questions["ch"]["q1"]; !sum.Last.Equal(now) {
		t.Errorf("summary %+v, want its time capped to %v", sum, now)
	}
}

// Proves: a time a summary cannot keep (after 2262 its unix nanoseconds
// overflow; the file keeps years 1970-2200) is refused with a message
// about the clock: by a save, by an import, and by the summary's encoder
// (which before wrote a time that wrapped round); a recovery file's line
// with one is skipped and reported while its other lines merge.
func TestTimesOutsideTheYearsAreRefused(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	for _, at := range []time.Time{time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)} {
		a := Answer{ID: NewID(), QuestionID: "q", QuestionHash: "v", At: at}
		_, err := s.Apply(Op{Kind: OpAnswer, Chapter: "ch", AttemptUID: NewID(), Order: []string{"q"}, Answer: &a})
		if err == nil || !Permanent(err) || !strings.Contains(err.Error(), "clock") {
			t.Errorf("answer at %v: %v, want refused naming the clock", at, err)
		}
		// An import sets a time a little ahead to its now (above); one
		// outside the years is refused.
		_, err = s.Import(Imported{Attempts: []Attempt{{UID: "u", ChapterID: "ch", ContentHash: "h", Started: time.Now(), Order: []string{"q"},
			Answers: []Answer{{ID: "x", QuestionID: "q", At: at}}}}})
		if err == nil || !strings.Contains(err.Error(), "1970-2200") {
			t.Errorf("import of an answer at %v: %v", at, err)
		}
		_, err = s.Import(Imported{Attempts: []Attempt{{UID: "u", ChapterID: "ch", ContentHash: "h", Started: at, Order: []string{"q"}}}})
		if err == nil || !strings.Contains(err.Error(), "its start") {
			t.Errorf("import of an attempt started at %v: %v", at, err)
		}
		if _, err := EncodeSummary(QuestionSummary{Hash: "v", Answered: 1, Last: at}); err == nil || !strings.Contains(err.Error(), "1970-2200") {
			t.Errorf("summary at %v encoded: %v", at, err)
		}
	}
	if h, err := s.History(); err != nil || len(h.Attempts["ch"]) != 0 {
		t.Fatalf("a refused change wrote: %+v, %v", h.Attempts, err)
	}
	lines := `{"op":"answer","chapter":"ch","attempt_uid":"u9","order":["q"],"answer":{"id":"far","question":"q","question_hash":"v","given":["x"],"correct":true,"at":"2300-01-01T00:00:00Z"}}` + "\n" +
		`{"op":"answer","chapter":"ch","attempt_uid":"u9","order":["q"],"answer":{"id":"ok","question":"q","question_hash":"v","given":["x"],"correct":true,"at":"2026-11-29T10:00:00Z"}}` + "\n"
	must(t, os.WriteFile(path+".recovery-1-x", []byte(lines), 0o600))
	n, err := s.MergeRecovery()
	if n != 1 || err == nil || !strings.Contains(err.Error(), "clock") {
		t.Fatalf("merged %d, %v; want the good line merged and the far one reported", n, err)
	}
	if left, _ := filepath.Glob(path + ".recovery-*"); len(left) != 0 {
		t.Errorf("recovery files left: %v", left)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if sum := snap.Questions["ch"]["q"]; sum.Answered != 1 || sum.Last.Year() != 2026 {
		t.Errorf("summary %+v", sum)
	}
}
