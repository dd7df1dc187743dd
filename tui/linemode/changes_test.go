package linemode

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"backend-tutor/content/search"
	"backend-tutor/progress"
)

// Proves: line mode says once, at start, what changed since the learner
// last studied (a question answered in an earlier version), and not at
// the next start; reading the chapter in line mode keeps the hash of each
// part of its text, so a later text edit can be told apart.
func TestNoticeOfChangesOnce(t *testing.T) {
	e := newEnv(t)
	ch := e.course.Chapters[0]
	qu := ch.Quiz.Questions[0]
	a := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: "before-the-edit", Given: []string{"x"},
		At: time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)}
	st := e.store(t)
	if _, err := st.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, Answer: &a}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	out := e.run(t, "", func(s *Session) { s.Run() })
	if !strings.Contains(out, "Changed since you last studied:\nch. 1: 1 question changed\n") {
		t.Fatalf("no notice:\n%s", out)
	}
	if out := e.run(t, "", func(s *Session) { s.Run() }); strings.Contains(out, "Changed since") {
		t.Errorf("told again:\n%s", out)
	}
	e.run(t, "2\n1\n\n", func(s *Session) { s.Run() }) // chapters, read chapter 1
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if snap.Chapters[ch.ID].Sections == "" {
		t.Errorf("reading in line mode kept no section hashes: %+v", snap.Chapters[ch.ID])
	}
}

// Proves: line mode remembers the notice with ONE change naming every
// changed chapter, as home does, not a save per chapter.
func TestNoticeOneSaveForEveryChapter(t *testing.T) {
	e := newEnv(t)
	st := e.store(t)
	var changed []string
	for _, ch := range e.course.Chapters {
		var hashes []string
		for _, sec := range search.Sections(ch.Body) {
			hashes = append(hashes, sec.Hash)
		}
		if len(hashes) == 0 {
			continue
		}
		hashes[0] = "0123456789ab" // the text as read then
		if _, err := st.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: "old", Percent: 100, Sections: hashes}); err != nil {
			t.Fatal(err)
		}
		changed = append(changed, ch.ID)
	}
	if len(changed) < 2 {
		t.Fatalf("the fixture has %d chapters with text", len(changed))
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader(""), Out: &out, Rand: testRand()})
	s.noticeChanges()
	s.save.mu.Lock()
	queue := slices.Clone(s.save.queue)
	s.save.mu.Unlock()
	if len(queue) != 1 || queue[0].op.Kind != progress.OpNoticed || len(queue[0].op.Noticed) != len(changed) {
		t.Fatalf("queued %d changes for %d changed chapters, want one naming them all: %+v", len(queue), len(changed), queue)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	snap, err = e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range changed {
		if snap.Chapters[id].Noticed == "" {
			t.Errorf("chapter %s not remembered as noticed", id)
		}
	}
}
