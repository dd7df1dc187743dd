package progress

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Proves: the seconds a change carries are added to its chapter's record
// once: the same change applied again (a retried save) or an older one
// replayed adds nothing, a newer one adds its own, and quiz time rides on
// an answer and a finish in the same transaction as the answer.
func TestTimeAddedOnce(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	sess := NewID()
	read := func(seq uint64, secs int64) Op {
		return Op{Kind: OpReading, Chapter: "ch", Line: 3, Percent: 20, ReadingS: secs, TimeSession: sess, TimeSeq: seq}
	}
	for _, op := range []Op{read(1, 30), read(1, 30), read(2, 10), read(1, 30), read(2, 10)} {
		if _, err := s.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	uid := NewID()
	ans := Op{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"},
		Answer: &Answer{ID: NewID(), QuestionID: "q1", Correct: true}, QuizS: 45, TimeSession: sess, TimeSeq: 3}
	fin := Op{Kind: OpFinish, Chapter: "ch", AttemptUID: uid, Questions: map[string]string{"q1": ""}, PassMark: 50,
		QuizS: 5, TimeSession: sess, TimeSeq: 4}
	for _, op := range []Op{ans, ans, fin, fin} {
		if _, err := s.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Apply(Op{Kind: OpFinish, Chapter: "ch", AttemptUID: uid, Questions: map[string]string{"q1": ""}, PassMark: 50,
		QuizS: 7, TimeSession: sess, TimeSeq: 5})
	must(t, err)
	if res.Record.QuizS != 57 {
		t.Errorf("a finish's record has quiz time %d, want 57 (its own seconds counted)", res.Record.QuizS)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.ReadingS != 40 || r.QuizS != 57 || r.Answered != 1 || r.Attempts != 1 {
		t.Errorf("record = %+v; want 40 s reading, 57 s quiz", r)
	}
}

// Proves: a recovery file merged twice (its removal failed, or two tutors
// merged it at once) counts its time once, and a change the file refuses
// adds no time even though MergeRecovery goes on within the transaction.
func TestTimeRecoveryMergedTwice(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	sess := NewID()
	uid := NewID()
	ops := []Op{
		{Kind: OpReading, Chapter: "ch", Percent: 50, ReadingS: 100, TimeSession: sess, TimeSeq: 1},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"},
			Answer: &Answer{ID: NewID(), QuestionID: "nope"}, QuizS: 1000, TimeSession: sess, TimeSeq: 2},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"},
			Answer: &Answer{ID: NewID(), QuestionID: "q1"}, QuizS: 20, TimeSession: sess, TimeSeq: 3},
		{Kind: OpLast, Chapter: "ch", Place: &Place{Screen: "quiz", ChapterID: "ch"}, QuizS: 4, TimeSession: sess, TimeSeq: 4},
	}
	name, err := s.WriteRecovery(ops)
	must(t, err)
	raw, err := os.ReadFile(name)
	must(t, err)
	for range 2 {
		must(t, os.WriteFile(name, raw, 0o600))
		if _, err := s.MergeRecovery(); err == nil || !Permanent(err) {
			t.Fatalf("merge: %v; want change 2 refused", err)
		}
	}
	snap, err := s.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.ReadingS != 100 || r.QuizS != 24 {
		t.Errorf("record after two merges = %+v; want 100 s reading, 24 s quiz", r)
	}
}

// Proves: a record written before time was kept reads as 0 seconds, and a
// record keeps the marks of at most keptTimeMarks sessions, newest first.
func TestTimeOldRecordsAndMarks(t *testing.T) {
	r, err := decodeChapter([]byte(`{"id":"ch","line":2,"furthest":10,"answered":0,"attempts":0,"best_score":0,"last_score":0,"passed":false}`))
	if err != nil || r.ReadingS != 0 || r.QuizS != 0 || r.TimeMarks != "" {
		t.Fatalf("old record = %+v, %v", r, err)
	}
	s := mustOpen(t, tempPath(t))
	var sessions []string
	for i := range 6 {
		sessions = append(sessions, NewID())
		_, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", ReadingS: 1, TimeSession: sessions[i], TimeSeq: 1})
		must(t, err)
	}
	snap, err := s.Snapshot()
	must(t, err)
	got := snap.Chapters["ch"]
	marks := strings.Fields(got.TimeMarks)
	if got.ReadingS != 6 || len(marks) != keptTimeMarks || marks[0] != sessions[5]+":1" {
		t.Errorf("after six sessions: %d s, marks %q", got.ReadingS, got.TimeMarks)
	}
	js, _ := json.Marshal(ChapterRecord{ID: "x"})
	if strings.Contains(string(js), "reading_s") || strings.Contains(string(js), "time_marks") {
		t.Errorf("a record without time still writes time fields: %s", js)
	}
}

// Proves: hostile time in a change is refused before anything is written:
// negative or huge seconds, a change kind that cannot carry time, a
// session that would break the marks, no change number.
func TestTimeHostileRefused(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	sess := NewID()
	for name, op := range map[string]Op{
		"negative":         {Kind: OpReading, Chapter: "ch", ReadingS: -5, TimeSession: sess, TimeSeq: 1},
		"huge":             {Kind: OpReading, Chapter: "ch", QuizS: 1 << 40, TimeSession: sess, TimeSeq: 1},
		"reset":            {Kind: OpReset, Chapter: "ch", ReadingS: 5, TimeSession: sess, TimeSeq: 1},
		"welcomed":         {Kind: OpWelcomed, ReadingS: 5, TimeSession: sess, TimeSeq: 1},
		"colon":            {Kind: OpReading, Chapter: "ch", ReadingS: 5, TimeSession: "a:9 b", TimeSeq: 1},
		"no seq":           {Kind: OpReading, Chapter: "ch", ReadingS: 5, TimeSession: sess},
		"no sess":          {Kind: OpReading, Chapter: "ch", ReadingS: 5, TimeSeq: 1},
		"last, no chapter": {Kind: OpLast, Place: &Place{Screen: "quiz", ChapterID: "ch"}, QuizS: 5, TimeSession: sess, TimeSeq: 1},
	} {
		if _, err := s.Apply(op); err == nil || !Permanent(err) {
			t.Errorf("%s: Apply = %v; want a refusal", name, err)
		}
	}
	if _, err := decodeChapter([]byte(`{"id":"ch","reading_s":-1}`)); err == nil {
		t.Error("a record with negative time decoded")
	}
	if _, err := decodeChapter([]byte(`{"id":"ch","time_marks":"a:1 b"}`)); err == nil {
		t.Error("a record with a broken time mark decoded")
	}
	snap, err := s.Snapshot()
	must(t, err)
	if r, ok := snap.Chapters["ch"]; ok {
		t.Errorf("a refused change wrote %+v", r)
	}
}

// FuzzTimeMarks: whatever a damaged or hostile record holds as its time
// marks, parsing never panics, and marks it accepts format back to marks
// that parse the same.
func FuzzTimeMarks(f *testing.F) {
	for _, s := range []string{"", "a:1", "abc:1 def:2", "a:1 b:2 c:3 d:4 e:5", "a:-1", ":1", "a:", "a:1:2", "ä:1", "a:18446744073709551616"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		marks, err := parseTimeMarks(s)
		if err != nil {
			return
		}
		again, err := parseTimeMarks(formatTimeMarks(marks))
		if err != nil || len(again) != len(marks) {
			t.Fatalf("%q: formatted %q parses to %v, %v", s, formatTimeMarks(marks), again, err)
		}
		for i := range marks {
			if again[i] != marks[i] {
				t.Fatalf("%q: mark %d changed: %v vs %v", s, i, again[i], marks[i])
			}
		}
	})
}
