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
