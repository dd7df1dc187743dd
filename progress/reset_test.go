package progress

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"
)

// filled is a store with two chapters' attempts (one finished, one open),
// a retry answer and a reading position.
func filled(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t, tempPath(t))
	for _, ch := range []string{"http", "sql"} {
		a, err := s.StartAttempt(ch, "h-"+ch, []string{"q1", "q2"}, map[string][]int{"q1": {1, 0}})
		must(t, err)
		must(t, s.SaveAnswer(ch, a.ID, answer("q1", true, "x")))
		if ch == "http" {
			must(t, s.SaveAnswer(ch, a.ID, answer("q2", false, "y")))
			_, err = s.FinishAttempt(ch, a.ID, 50, false)
			must(t, err)
		}
	}
	must(t, s.SaveReading("http", "h-http", 12, 40))
	a := answer("q2", true, "z")
	a.ID = NewID()
	must(t, s.SaveRetryAnswer("http", a))
	return s
}

// live drops the backups from a dump: what a learner's records are.
func live(d map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range d {
		if !strings.HasPrefix(k, guide+"backups/") && k != "profiles/default/last" { // Continue is the learner's, not the pack's
			out[k] = v
		}
	}
	return out
}

// Proves: resetting one chapter moves exactly its records (summary,
// attempts with their sequence, retry answers) into a dated backup and
// leaves the other chapter alone; undo brings every record back byte for
// byte, the file passes doctor in between, and new attempt ids carry on.
func TestResetChapterAndUndo(t *testing.T) {
	s := filled(t)
	_, err := s.Apply(reviewOp("http", "q2", true, time.Now()))
	must(t, err)
	before := live(dumpFile(t, s.Path()))
	b, err := s.Reset("http", false)
	must(t, err)
	if q, _ := s.ReviewQueue(time.Now().Add(400*24*time.Hour), nil); len(q.Cards) != 1 || q.Cards[0].ChapterID != "sql" {
		t.Errorf("review queue after resetting http = %+v, want only sql's card", q.Cards)
	}
	if b.Name == "" || len(b.Chapters) != 1 || b.Chapters[0] != "http" {
		t.Fatalf("backup = %+v", b)
	}
	mid := dumpFile(t, s.Path())
	for k, v := range before {
		inHTTP := strings.HasPrefix(k, guide+"chapters/http") || strings.HasPrefix(k, guide+"attempts/http/") || strings.HasPrefix(k, guide+"retries/http/") ||
			strings.HasPrefix(k, guide+"questions/http/") || cardsChapter(t, before, k) == "http"
		if _, still := mid[k]; still == inHTTP && k != "profiles/default/last" {
			t.Errorf("after reset, %s present = %v", k, still)
		}
		if inHTTP {
			moved := guide + "backups/" + b.Name + "/" + strings.TrimPrefix(k, guide)
			if mid[moved] != v {
				t.Errorf("backup %s = %q, want %q", moved, mid[moved], v)
			}
		}
	}
	must(t, Check(s.Path()))
	snap, err := s.Snapshot()
	must(t, err)
	if _, ok := snap.Chapters["http"]; ok {
		t.Errorf("http still has a record after reset")
	}
	if n, _ := s.RetryAnswers("http"); len(n) != 0 {
		t.Errorf("retry answers after reset: %v", n)
	}
	again, err := s.Reset("http", false)
	must(t, err)
	if again.Name != "" {
		t.Errorf("second reset of an empty chapter made a backup %+v", again)
	}

	u, err := s.Undo()
	must(t, err)
	if u.Name != b.Name {
		t.Errorf("undo restored %q, want %q", u.Name, b.Name)
	}
	if after := live(dumpFile(t, s.Path())); !maps.Equal(after, before) {
		t.Errorf("after undo the records differ:\n got %v\nwant %v", after, before)
	}
	must(t, Check(s.Path()))
	a, err := s.StartAttempt("http", "h", []string{"q1"}, nil)
	must(t, err)
	if a.ID != 2 {
		t.Errorf("next attempt id after undo = %d, want 2", a.ID)
	}
}

// Proves: reset --all empties every record of the pack into one backup;
// progress made after it is not lost by undo (it moves into a backup of
// its own), and undo restores the rest byte for byte.
func TestResetAllAndUndoKeepsNewer(t *testing.T) {
	s := filled(t)
	before := live(dumpFile(t, s.Path()))
	b, err := s.Reset("", true)
	must(t, err)
	if !b.All || len(b.Chapters) != 2 {
		t.Fatalf("backup = %+v", b)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 0 {
		t.Fatalf("records left after reset --all: %v", snap.Chapters)
	}
	must(t, Check(s.Path()))
	must(t, s.SaveReading("sql", "h", 3, 10)) // new progress since the reset
	_, err = s.Undo()
	must(t, err)
	if after := live(dumpFile(t, s.Path())); !maps.Equal(after, before) {
		t.Errorf("after undo the records differ:\n got %v\nwant %v", after, before)
	}
	// The newer sql record is in a backup, and undoing again swaps it back.
	_, err = s.Undo()
	must(t, err)
	snap, err = s.Snapshot()
	must(t, err)
	if r := snap.Chapters["sql"]; r.Line != 3 || r.Attempts != 0 {
		t.Errorf("sql after the second undo = %+v, want the reading saved after the reset", r)
	}
	must(t, Check(s.Path()))
}

// Proves: a missed-only retry's answers are kept apart from attempts and
// change no chapter summary; saving the same answer twice stores it once.
func TestRetryAnswersLeaveSummaryAlone(t *testing.T) {
	s := filled(t)
	snap, err := s.Snapshot()
	must(t, err)
	rec := snap.Chapters["http"]
	a := answer("q2", false, "w")
	a.ID = NewID()
	must(t, s.SaveRetryAnswer("http", a))
	must(t, s.SaveRetryAnswer("http", a))
	got, err := s.RetryAnswers("http")
	must(t, err)
	if len(got) != 2 {
		t.Errorf("retry answers = %d, want 2", len(got))
	}
	snap, err = s.Snapshot()
	must(t, err)
	if snap.Chapters["http"] != rec {
		t.Errorf("chapter record changed: %+v, was %+v", snap.Chapters["http"], rec)
	}
	if err := s.SaveRetryAnswer("http", answer("q2", true)); err == nil || !Permanent(err) {
		t.Errorf("retry answer without id: %v, want refused", err)
	}
}

// cardsChapter is the chapter of a dump's entry in the pack's cards bucket
// (a card, its due key, a review answer), "" for any other entry.
func cardsChapter(t *testing.T, dump map[string]string, k string) string {
	t.Helper()
	key, ok := strings.CutPrefix(k, guide+"cards/")
	if !ok || key == "" || key == "#seq" {
		return ""
	}
	switch key[0] {
	case duePrefix:
		return cardsChapter(t, dump, guide+"cards/c"+key[13:])
	case cardPrefix:
		c, err := decodeCard([]byte(dump[k]))
		must(t, err)
		return c.ChapterID
	case reviewPrefix:
		var a ReviewAnswer
		must(t, json.Unmarshal([]byte(dump[k]), &a))
		return a.Chapter
	}
	return ""
}

// Proves: undoing a chapter reset after its question was answered again
// brings the old card back and moves the newer one aside with its own due
// key: the due index keeps exactly one key per card.
func TestUndoChapterResetKeepsDueIndex(t *testing.T) {
	s := filled(t)
	_, err := s.Reset("http", false)
	must(t, err)
	if _, ok, _ := s.Card("q2"); ok {
		t.Fatalf("q2's card is still live after resetting http")
	}
	a := answer("q2", true, "again")
	a.ID, a.At = NewID(), time.Now().Add(time.Hour)
	_, err = s.Apply(Op{Kind: OpAnswer, Chapter: "http", AttemptUID: NewID(), Order: []string{"q2"}, Answer: &a})
	must(t, err)
	_, err = s.Undo()
	must(t, err)
	dump := live(dumpFile(t, s.Path()))
	cards, due := 0, 0
	for k := range dump {
		if key, ok := strings.CutPrefix(k, guide+"cards/"); ok && key != "" {
			switch key[0] {
			case cardPrefix:
				cards++
			case duePrefix:
				due++
				if _, ok := dump[guide+"cards/c"+key[13:]]; !ok {
					t.Errorf("due key for %q has no card", key[13:])
				}
			}
		}
	}
	if cards != 2 || due != 2 {
		t.Errorf("after undo: %d cards, %d due keys; want 2 and 2", cards, due)
	}
	c, _, _ := s.Card("q2")
	if c.Reps != 1 || c.LastReview.After(time.Now()) {
		t.Errorf("q2's card after undo = %+v, want the one from before the reset", c)
	}
	must(t, Check(s.Path()))
}
