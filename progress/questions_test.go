package progress

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Proves: the question summaries kept with each answer are exactly what
// the history says (Summaries over the attempts), through answers out of
// time order, a question answered twice in one attempt (the last answer
// counts, the attempt once), a replayed answer (stored once, counted
// once), an abandoned attempt, an edited question (a new hash) and an
// import that merges answers into a known attempt; and a summary keeps
// the hash of the question's latest answer.
func TestSummariesAgreeWithHistory(t *testing.T) {
	s := cardStore(t)
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	qs := []string{"q1", "q2", "q3"}
	var replay []Op
	for attempt := range 6 {
		uid := NewID()
		for range 5 {
			q := qs[rng.IntN(len(qs))]
			a := answer(q, rng.IntN(2) == 0, "x")
			if attempt >= 4 {
				a.QuestionHash = "edited-" + q // the question was edited
			}
			a.ID, a.At = NewID(), t0.Add(time.Duration(attempt*60+rng.IntN(50))*time.Minute)
			op := Op{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Order: qs, Answer: &a}
			_, err := s.Apply(op)
			must(t, err)
			replay = append(replay, op)
		}
		if attempt == 2 {
			at, ok, err := s.OpenAttempt("ch")
			must(t, err)
			if ok {
				must(t, s.DropAttempt("ch", at.ID))
			}
		}
	}
	for _, op := range replay[:7] { // a retried save, a recovery file merged again
		_, err := s.Apply(op)
		must(t, err)
	}
	check := func(when string) {
		t.Helper()
		as, err := s.Attempts("ch")
		must(t, err)
		want := Summaries(as)
		snap, err := s.Snapshot()
		must(t, err)
		got := snap.Questions["ch"]
		if len(got) != len(want) {
			t.Fatalf("%s: %d summaries, want %d", when, len(got), len(want))
		}
		answered := 0
		for q, w := range want {
			g := got[q]
			if g.Hash != w.Hash || g.Answered != w.Answered || g.Missed != w.Missed || !g.Last.Equal(w.Last) {
				t.Errorf("%s: %s = %+v, want %+v", when, q, g, w)
			}
			answered += g.Answered
		}
		if r := snap.Chapters["ch"]; r.Answered != answered {
			t.Errorf("%s: the chapter's answers saved %d, the summaries' %d", when, r.Answered, answered)
		}
	}
	check("after answering")
	for q, sum := range Summaries(mustAttempts(t, s, "ch")) {
		if sum.Hash != "edited-"+q && sum.Hash != "qh-"+q {
			t.Errorf("%s: hash %q", q, sum.Hash)
		}
	}

	// An import adds answers to a known attempt and a new one.
	as := mustAttempts(t, s, "ch")
	known := as[0]
	extra := answer("q2", false, "y")
	extra.ID, extra.At = NewID(), t0.Add(-time.Hour)
	known.Answers = append(known.Answers, extra)
	fresh := Attempt{UID: NewID(), ChapterID: "ch", Started: t0, Order: qs,
		Answers: []Answer{{ID: NewID(), QuestionID: "q3", QuestionHash: "qh-q3", Given: []string{"z"}, At: t0.Add(time.Hour)}}}
	_, err := s.Import(Imported{Attempts: []Attempt{known, fresh}})
	must(t, err)
	check("after an import")
	must(t, Check(s.Path()))
}

func mustAttempts(t *testing.T, s *Store, ch string) []Attempt {
	t.Helper()
	as, err := s.Attempts(ch)
	must(t, err)
	return as
}

// Proves: a chapter record keeps the hash of each section of the text the
// learner read; a save with a section changed keeps it unread until a
// save says the learner read past it, and a save without hashes (SaveReading,
// an older tutor's recovery file) leaves them alone.
func TestReadingKeepsSectionHashes(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	read := func(sections []string, passed int) string {
		t.Helper()
		_, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", ContentHash: "h", Percent: 10, Sections: sections, Passed: passed})
		must(t, err)
		snap, err := s.Snapshot()
		must(t, err)
		return snap.Chapters["ch"].Sections
	}
	if got := read([]string{"a", "b", "c"}, 0); got != "a,b,c" {
		t.Fatalf("first read = %q: the text read is what is there", got)
	}
	if got := read([]string{"a", "B", "c"}, 1); got != "a,c" {
		t.Errorf("a changed section not read past = %q, want a,c", got)
	}
	must(t, s.SaveReading("ch", "h", 3, 50))
	if snap, _ := s.Snapshot(); snap.Chapters["ch"].Sections != "a,c" {
		t.Errorf("a save without hashes changed them: %q", snap.Chapters["ch"].Sections)
	}
	if got := read([]string{"a", "B", "c"}, 2); got != "a,B,c" {
		t.Errorf("read past the change = %q, want a,B,c", got)
	}
	if _, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", Sections: []string{"a,b"}}); err == nil {
		t.Error("a section hash with a comma was accepted")
	}
	if _, err := s.Apply(Op{Kind: OpReading, Chapter: "ch", Sections: []string{"a"}, Passed: 2}); err == nil {
		t.Error("more sections read past than there are was accepted")
	}
}

// Proves: OpNoticed remembers, per chapter record, the content hash home
// told the learner about, and replaying it changes nothing more.
func TestNoticedIsRemembered(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	must(t, s.SaveReading("ch", "h1", 0, 40))
	for range 2 {
		_, err := s.Apply(Op{Kind: OpNoticed, Chapter: "ch", ContentHash: "h2"})
		must(t, err)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.Noticed != "h2" || r.Furthest != 40 {
		t.Errorf("record = %+v", r)
	}
	if _, err := s.Apply(Op{Kind: OpNoticed, Chapter: "ch"}); err == nil {
		t.Error("a notice without a content hash was accepted")
	}
}

// Proves: one OpNoticed names every chapter, of this pack and of another
// pack read beside it ("PACK/CHAPTER", WithPacks), in one change; a
// recovery file holding a line of today's single-chapter form
// ({"op":"noticed","chapter":..,"content_hash":..}) and one of the new
// form merges both; a change naming chapters both ways, or a bad entry,
// is refused.
func TestNoticedManyChaptersOneChange(t *testing.T) {
	path := tempPath(t)
	base := mustOpen(t, path)
	s, err := base.WithPacks([]string{"docker"})
	must(t, err)
	var noticed []NoticedChapter
	for i := range 1000 {
		noticed = append(noticed, NoticedChapter{Chapter: fmt.Sprintf("ch%d", i), Hash: fmt.Sprintf("h%d", i)})
	}
	noticed = append(noticed, NoticedChapter{Chapter: "docker/ch0", Hash: "d0"})
	_, err = s.Apply(Op{Kind: OpNoticed, Noticed: noticed})
	must(t, err)
	snap, err := s.Snapshot()
	must(t, err)
	for i := range 1000 {
		if r := snap.Chapters[fmt.Sprintf("ch%d", i)]; r.Noticed != fmt.Sprintf("h%d", i) {
			t.Fatalf("ch%d: %+v", i, r)
		}
	}
	if r := snap.Chapters["docker/ch0"]; r.Noticed != "d0" {
		t.Errorf("the other pack's chapter: %+v (chapters %d)", r, len(snap.Chapters))
	}
	if r := snap.Chapters["ch0"]; r.Noticed != "h0" {
		t.Errorf("docker/ch0 leaked into this pack's ch0: %+v", r)
	}

	// A recovery file: one line as today's tutor writes it, one new.
	lines := `{"op":"noticed","profile":"default","pack":"guide","chapter":"old","content_hash":"o1"}` + "\n" +
		`{"op":"noticed","profile":"default","pack":"guide","noticed_chapters":[{"chapter":"a","hash":"a1"},{"pack":"docker","chapter":"b","hash":"b1"}]}` + "\n"
	must(t, os.WriteFile(path+".recovery-1-x", []byte(lines), 0o600))
	n, err := base.MergeRecovery()
	if err != nil || n != 2 {
		t.Fatalf("merged %d, %v", n, err)
	}
	snap, err = s.Snapshot()
	must(t, err)
	if snap.Chapters["old"].Noticed != "o1" || snap.Chapters["a"].Noticed != "a1" || snap.Chapters["docker/b"].Noticed != "b1" {
		t.Errorf("after the merge: old %+v, a %+v, docker/b %+v", snap.Chapters["old"], snap.Chapters["a"], snap.Chapters["docker/b"])
	}

	for name, op := range map[string]Op{
		"both forms": {Kind: OpNoticed, Chapter: "ch", ContentHash: "h", Noticed: []NoticedChapter{{Chapter: "a", Hash: "h"}}},
		"no hash":    {Kind: OpNoticed, Noticed: []NoticedChapter{{Chapter: "a"}}},
		"no chapter": {Kind: OpNoticed, Noticed: []NoticedChapter{{Hash: "h"}}},
		"bad pack":   {Kind: OpNoticed, Noticed: []NoticedChapter{{Pack: "a\x1b", Chapter: "a", Hash: "h"}}},
		"too many":   {Kind: OpNoticed, Noticed: make([]NoticedChapter, MaxNoticed+1)},
	} {
		if _, err := s.Apply(op); err == nil || !Permanent(err) {
			t.Errorf("%s: %v, want refused", name, err)
		}
	}
}

// Proves: a damaged question summary or studied key is reported as
// damage by the start-up check (never a panic or a nonsense count).
func TestDamagedSummaryIsReported(t *testing.T) {
	for name, put := range map[string]func(sc *scoped) error{
		"short summary": func(sc *scoped) error { return putRaw(sc.questions, "ch", "q1", []byte{1, 2}) },
		"missed > answered": func(sc *scoped) error {
			raw, _ := EncodeSummary(QuestionSummary{Hash: "h", Answered: 1})
			raw[15] = 9
			return putRaw(sc.questions, "ch", "q1", raw)
		},
		"studied key":  func(sc *scoped) error { return sc.studied.Put([]byte("x"), nil) },
		"not a bucket": func(sc *scoped) error { return sc.questions.Put([]byte("other"), []byte("x")) },
	} {
		t.Run(name, func(t *testing.T) {
			s := mustOpen(t, tempPath(t))
			quizAnswer(t, s, "ch", "q1", true, time.Now())
			must(t, s.updateScoped(put))
			var de *DamagedError
			if err := Check(s.Path()); !errors.As(err, &de) {
				t.Fatalf("Check = %v, want DamagedError", err)
			}
		})
	}
}

func putRaw(b *bolt.Bucket, ch, q string, v []byte) error {
	cb, err := b.CreateBucketIfNotExists([]byte(ch))
	if err != nil {
		return err
	}
	return cb.Put([]byte(q), v)
}

// FuzzDecodeSummary: any bytes decode to a valid summary or an error,
// never a panic, and a valid one encodes back to the same bytes.
func FuzzDecodeSummary(f *testing.F) {
	ok, _ := EncodeSummary(QuestionSummary{Hash: "abc", Answered: 3, Missed: 1, Last: time.Unix(1e9, 5)})
	f.Add(ok)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := decodeSummary(b)
		if err != nil {
			return
		}
		again, err := EncodeSummary(q)
		if err != nil || string(again) != string(b) && !(q.Last.IsZero() && len(b) >= 8) {
			t.Fatalf("%x decoded to %+v, encodes to %x (%v)", b, q, again, err)
		}
	})
}
