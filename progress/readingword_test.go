package progress

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// Issue 11: a reading save keeps the place in words (Op.Word, stored as
// ChapterRecord.Word) beside the line, which depends on the window's
// width. A save without it (SaveReading, an older tutor's recovery line)
// leaves 0, "restore by line"; a word out of bounds is refused by Apply
// and by the record's decoder, and a record without one is encoded as
// before (no "word" key, for older tutors).
func TestReadingWordSavedAndBounded(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	rec := func() ChapterRecord {
		t.Helper()
		snap, err := s.Snapshot()
		must(t, err)
		return snap.Chapters["ch"]
	}
	_, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", ContentHash: "h", Line: 40, Word: 1234, Percent: 30})
	must(t, err)
	if r := rec(); r.Line != 40 || r.Word != 1234 || r.Furthest != 30 {
		t.Fatalf("after a reading save with a word: %+v", r)
	}
	for _, w := range []int{-1, MaxWord + 1, math.MaxInt} {
		if _, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", Line: 1, Word: w}); err == nil || !Permanent(err) {
			t.Errorf("word %d: %v, want refused", w, err)
		}
	}
	if r := rec(); r.Line != 40 || r.Word != 1234 {
		t.Fatalf("a refused save changed the record: %+v", r)
	}
	must(t, s.SaveReading("ch", "h", 7, 30))
	if r := rec(); r.Line != 7 || r.Word != 0 {
		t.Fatalf("a save by line kept an older word: %+v", r)
	}

	for _, raw := range []string{`{"id":"x","word":-1}`, fmt.Sprintf(`{"id":"x","word":%d}`, MaxWord+1)} {
		if _, err := decodeChapter([]byte(raw)); err == nil {
			t.Errorf("decodeChapter accepted %s", raw)
		}
	}
	roundTrip(t, ChapterRecord{ID: "x", Line: 3, Word: MaxWord}, encodeChapter, decodeChapter)
	if b, err := encodeChapter(ChapterRecord{ID: "x", Line: 3}); err != nil || strings.Contains(string(b), "word") {
		t.Errorf("a record without a word encodes as %s (%v)", b, err)
	}
}

// Attack: recovery lines with a hostile reading word (huge, negative) are
// refused alone and reported; the good line beside them merges with its
// word.
func TestRecoveryHostileReadingWordRefused(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	good, err := s.RecoveryLines([]Op{{Kind: OpReading, Chapter: "ch", Line: 7, Word: 300, Percent: 40}})
	must(t, err)
	hostile := `{"op":"reading","chapter":"ch","line":9,"word":9223372036854775807,"percent":50}` + "\n" +
		`{"op":"reading","chapter":"ch","line":9,"word":-5,"percent":60}` + "\n"
	name := path + recoveryMarker + "by-hand"
	must(t, os.WriteFile(name, []byte(good+hostile), 0o600))
	n, err := s.MergeRecovery()
	if n != 1 || err == nil || !Permanent(err) || !strings.Contains(err.Error(), "line 2 (reading) refused") || !strings.Contains(err.Error(), "line 3 (reading) refused") {
		t.Fatalf("merge = %d, %v; want the first line merged, lines 2 and 3 refused", n, err)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.Line != 7 || r.Word != 300 || r.Furthest != 40 {
		t.Errorf("after the merge: %+v, want the good line's place", r)
	}
}
