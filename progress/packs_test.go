package progress

import "testing"

// The bug from issue 12: a pack chapter whose id is also a guide chapter's
// picked up the guide chapter's progress ("quiz in progress" on a chapter
// with no quiz), because every --content folder shared the guide's records.
// With WithPacks the pack's "docker/http-essentials" is its own record.
func TestPackChapterWithGuideIDKeepsOwnProgress(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	// The guide's chapter has an open quiz attempt and reading progress.
	if _, err := s.Apply(Op{Kind: OpReading, Chapter: "http-essentials", ContentHash: "g", Line: 40, Percent: 60}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(Op{Kind: OpStart, Chapter: "http-essentials", AttemptUID: "u1", ContentHash: "g", Order: []string{"q1"}}); err != nil {
		t.Fatal(err)
	}
	m, err := s.WithPacks([]string{"docker"})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := snap.Chapters["docker/http-essentials"]; ok {
		t.Fatalf("the pack's chapter picked up a record before anything was saved to it: %+v", r)
	}
	if r := snap.Chapters["http-essentials"]; r.OpenAttempt == 0 || r.Furthest != 60 {
		t.Fatalf("the guide's record is not shown under its plain id: %+v", r)
	}
	if _, ok, _ := m.OpenAttempt("docker/http-essentials"); ok {
		t.Fatal("the pack's chapter has the guide's open attempt")
	}

	// A save to the pack's chapter goes to the pack's scope, under the
	// chapter's plain id there, and comes back under the qualified id.
	res, err := m.Apply(Op{Kind: OpReading, Chapter: "docker/http-essentials", ContentHash: "d", Line: 3, Percent: 10})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
	if _, err := m.Apply(Op{Kind: OpLast, Place: &Place{Screen: "chapter", ChapterID: "docker/http-essentials"}}); err != nil {
		t.Fatal(err)
	}
	snap, err = m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r := snap.Chapters["docker/http-essentials"]; r.Furthest != 10 || r.OpenAttempt != 0 || r.ID != "docker/http-essentials" {
		t.Fatalf("pack record = %+v, want 10%% read, no attempt", r)
	}
	if r := snap.Chapters["http-essentials"]; r.Furthest != 60 {
		t.Fatalf("the guide's record changed: %+v", r)
	}
	if snap.Last == nil || snap.Last.ChapterID != "docker/http-essentials" {
		t.Fatalf("last place = %+v, want the pack's chapter", snap.Last)
	}
	// In the file: the pack's scope holds its record under the plain id.
	d, _ := s.Scope(DefaultProfile, "docker")
	ds, err := d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := ds.Chapters["http-essentials"]; !ok || r.Furthest != 10 {
		t.Fatalf("pack scope = %+v", ds.Chapters)
	}
	// A start in the pack comes back named as the caller named it.
	res, err = m.Apply(Op{Kind: OpStart, Chapter: "docker/http-essentials", AttemptUID: "u2", ContentHash: "d", Order: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempt.ChapterID != "docker/http-essentials" {
		t.Fatalf("applied attempt chapter = %q", res.Attempt.ChapterID)
	}
	if a, ok, _ := m.OpenAttempt("docker/http-essentials"); !ok || a.ID != res.Attempt.ID {
		t.Fatalf("open attempt in the pack = %+v %v", a, ok)
	}
}

// The walk's "l" on a pack's chapter said "No finished quiz yet" right
// after its quiz was finished: Attempts (and Attempt, RetryAnswers) read
// "ja/requests" in the guide's scope, where it has no records, instead of
// routing it to the pack's scope as OpenAttempt and Apply do.
func TestPackChapterAttemptsAreRead(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	m, err := s.WithPacks([]string{"ja"})
	if err != nil {
		t.Fatal(err)
	}
	const ch = "ja/requests"
	res, err := m.Apply(Op{Kind: OpStart, Chapter: ch, AttemptUID: "u1", ContentHash: "h", Order: []string{"q1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Apply(Op{Kind: OpAnswer, Chapter: ch, AttemptUID: "u1", Answer: &Answer{ID: "a1", QuestionID: "q1", Correct: true}}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Apply(Op{Kind: OpFinish, Chapter: ch, AttemptUID: "u1", Questions: map[string]string{"q1": ""}, PassMark: 70}); err != nil {
		t.Fatal(err)
	}
	as, err := m.Attempts(ch)
	if err != nil || len(as) != 1 || as[0].Finished == nil {
		t.Fatalf("Attempts(%q) = %+v, %v; want the one finished attempt", ch, as, err)
	}
	if as[0].ChapterID != ch {
		t.Fatalf("attempt's chapter = %q, want %q as the caller named it", as[0].ChapterID, ch)
	}
	a, err := m.Attempt(ch, res.Attempt.ID)
	if err != nil || a.ChapterID != ch || a.Finished == nil {
		t.Fatalf("Attempt(%q) = %+v, %v", ch, a, err)
	}
	if err := m.SaveRetryAnswer(ch, Answer{ID: "r1", QuestionID: "q1", Correct: true}); err != nil {
		t.Fatal(err)
	}
	if rs, err := m.RetryAnswers(ch); err != nil || len(rs) != 1 {
		t.Fatalf("RetryAnswers(%q) = %+v, %v; want the one retry answer", ch, rs, err)
	}
}
