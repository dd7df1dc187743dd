package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"backend-tutor/content/search"
	"backend-tutor/progress"
)

// Proves, through a real program at 40 columns: home says once what
// changed since the learner last studied (a question answered in an
// earlier version, a chapter's text edited since it was read), every line
// within the width; the next key takes the notice away; and a tutor
// started afterwards on the same file does not say it again (the notice
// was remembered through the saver as progress.OpNoticed).
func TestHomeNoticeOfChangesOnce(t *testing.T) {
	e := newEnv(t)
	ch1, ch2 := e.course.Chapters[0], e.course.Chapters[1]
	s := e.store(t)
	answerEarlierVersion(t, s, ch1.ID, ch1.Quiz.Questions[0].ID)
	var hashes []string
	for _, sec := range search.Sections(ch2.Body) {
		hashes = append(hashes, sec.Hash)
	}
	hashes[0] = "0123456789ab" // the text as read then
	if _, err := s.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch2.ID, ContentHash: "old", Percent: 100, Sections: hashes}); err != nil {
		t.Fatal(err)
	}

	must(t, s.SetWelcomed())
	snap, err := s.Snapshot()
	must(t, err)
	// The frame at 40 columns, from a tutor without a file (nothing saved).
	look := withoutTicks(New(Options{Course: e.course, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
	step(look, tea.WindowSizeMsg{Width: 40, Height: 24})
	frame := look.View().Content
	if !strings.Contains(ansi.Strip(frame), "ch. 1: 1 question changed") {
		t.Fatalf("no notice:\n%s", ansi.Strip(frame))
	}
	for _, l := range strings.Split(frame, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d wide at 40 columns: %q", w, ansi.Strip(l))
		}
	}

	tm := teatest.NewTestModel(t, e.model(t, true), teatest.WithInitialTermSize(40, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "Changed since you last", "ch. 1: 1 question changed", "ch. 2: text updated")
	keys(tm, "j")
	fm := finish(t, tm)
	if v := ansi.Strip(fm.View().Content); strings.Contains(v, "Changed since") {
		t.Errorf("the notice stayed after a key:\n%s", v)
	}

	again := e.model(t, true)
	step(again, tea.WindowSizeMsg{Width: 40, Height: 24})
	if v := ansi.Strip(again.View().Content); strings.Contains(v, "Changed since") || strings.Contains(v, "question changed") {
		t.Errorf("told again on the next start:\n%s", v)
	}
	// The text flag itself stays until the chapter is read past its change.
	if v := ansi.Strip(again.View().Content); !strings.Contains(v, "updated since you read it") {
		t.Errorf("chapter 2 lost its flag:\n%s", v)
	}
}

// Proves: a finished attempt's score and pass never change when the quiz
// changes: reopened ("l") after four of its questions were edited, it
// shows the 100% and the pass it earned, and says the quiz changed since.
func TestLastResultKeepsScoreAfterEdit(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
	must(t, s.SetWelcomed())
	ch, _ := e.course.Chapter("alpha")
	var order []string
	for _, q := range ch.Quiz.Questions {
		order = append(order, q.ID)
	}
	a, err := s.StartAttempt("alpha", "old", order, shufflesFor(e.course, "alpha"))
	must(t, err)
	for i, q := range ch.Quiz.Questions {
		hash := q.Hash
		if i < 4 {
			hash = "before-the-edit"
		}
		must(t, s.SaveAnswer("alpha", a.ID, progress.Answer{ID: progress.NewID(), QuestionID: q.ID, QuestionHash: hash, Given: []string{"x"}, Correct: true}))
	}
	_, err = s.FinishAttempt("alpha", a.ID, 100, true)
	must(t, err)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.Init()) // the notice's saves, as the program starts them
	sendKeys(m, "down", "l")
	settle(m)
	if m.results == nil {
		t.Fatalf("screen %s:\n%s", m.Screen(), viewText(m))
	}
	v := fullResults(m)
	if m.Screen() != "results" || !strings.Contains(v, "This attempt scored 100%") || !strings.Contains(v, "Passed") || strings.Contains(v, "Not passed") ||
		strings.Count(v, "earlier version") != 4 {
		t.Fatalf("screen %s:\n%s", m.Screen(), v)
	}
	if snap, _ := e.store(t).Snapshot(); snap.Chapters["alpha"].BestScore != 100 || !snap.Chapters["alpha"].Passed {
		t.Errorf("record = %+v", snap.Chapters["alpha"])
	}
}

// Proves: with home's notice of changes above the chapter list, the
// terminal cursor still sits on the focused row's marker, and after the
// notice goes (the next key) too. (It was two lines under the course bar
// whatever the notice took, so it sat on the notice.)
func TestCursorOnHomeRowUnderNotice(t *testing.T) {
	e := newEnv(t)
	ch1 := e.course.Chapters[0]
	s := e.store(t)
	answerEarlierVersion(t, s, ch1.ID, ch1.Quiz.Questions[0].ID)
	must(t, s.SetWelcomed())
	snap, err := s.Snapshot()
	must(t, err)
	for _, w := range []int{80, 40} {
		m := withoutTicks(New(Options{Course: e.course, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
		step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		if !strings.Contains(viewText(m), "Changed since you last") {
			t.Fatalf("no notice:\n%s", viewText(m))
		}
		onMarker(t, m, "under the notice")
		sendKeys(m, "down")
		onMarker(t, m, "after the notice went")
	}
}

// answerEarlierVersion saves an answer to question q of chapter ch as it
// was before an edit (a hash the course no longer has).
func answerEarlierVersion(t *testing.T, s *progress.Store, ch, q string) {
	t.Helper()
	a := progress.Answer{ID: progress.NewID(), QuestionID: q, QuestionHash: "before-the-edit", Given: []string{"x"},
		At: time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)}
	if _, err := s.Apply(progress.Op{Kind: progress.OpAnswer, Chapter: ch, AttemptUID: progress.NewID(), Order: []string{q}, Answer: &a}); err != nil {
		t.Fatal(err)
	}
}

// Proves: the notice is remembered by ONE save however many chapters
// changed (one transaction, one fsync; a pack update changing 1,000
// chapters queued 1,000). The file's lock is held, so the save stays
// queued at the head (a failed save is kept, never dropped) and the queue
// can be counted without racing the saver.
func TestHomeNoticeOneSaveForEveryChapter(t *testing.T) {
	e := newEnv(t)
	s := e.store(t)
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
		_, err := s.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: "old", Percent: 100, Sections: hashes})
		must(t, err)
		changed = append(changed, ch.ID)
	}
	if len(changed) < 2 {
		t.Fatalf("the fixture has %d chapters with text", len(changed))
	}
	must(t, s.SetWelcomed())
	snap, err := s.Snapshot()
	must(t, err)
	lock := holdLock(t, e.path)
	m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
	m.saver.mu.Lock()
	queue := slices.Clone(m.saver.queue)
	m.saver.mu.Unlock()
	if len(queue) != 1 || queue[0].op == nil || queue[0].op.Kind != progress.OpNoticed || len(queue[0].op.Noticed) != len(changed) {
		t.Fatalf("queued %d saves for %d changed chapters, want one noticed change naming them all: %+v", len(queue), len(changed), queue)
	}
	for _, id := range changed {
		if m.records[id].Noticed == "" {
			t.Errorf("chapter %s: the screens' record was not marked noticed", id)
		}
	}
	// The lock let go, quitting writes the one change (the saver's worker
	// stops before the test's folder is removed).
	must(t, lock.Close())
	if left, err := m.saver.Flush(); err != nil || len(left) != 0 {
		t.Fatalf("flush: %d left, %v", len(left), err)
	}
	snap, err = e.store(t).Snapshot()
	must(t, err)
	for _, id := range changed {
		if snap.Chapters[id].Noticed == "" {
			t.Errorf("chapter %s not remembered as noticed in the file", id)
		}
	}
}
