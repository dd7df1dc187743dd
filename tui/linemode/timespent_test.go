package linemode

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// pacedInput gives one line per Read and moves the injected clock by the
// line's pause first, as if the learner took that long to type it; the
// line reader asks for more only when it needs a line, so each line is
// read at its own time.
type pacedInput struct {
	now   *time.Time
	lines []pacedLine
}

type pacedLine struct {
	pause time.Duration
	text  string
}

func (p *pacedInput) Read(b []byte) (int, error) {
	if len(p.lines) == 0 {
		return 0, io.EOF
	}
	l := p.lines[0]
	p.lines = p.lines[1:]
	*p.now = p.now.Add(l.pause)
	return copy(b, l.text+"\n"), nil
}

// Proves: line mode counts the pauses between lines as the full-screen
// tutor counts those between keys, from its own injected clock: paging a
// chapter counts as reading (a 40-minute pause as 5 minutes), answering as
// quiz time carried by the answer, and the pause before leaving the quiz
// is saved when the session closes (on the last place saved again).
func TestLineModeTimeSpent(t *testing.T) {
	e := newEnv(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	in := &pacedInput{now: &now, lines: []pacedLine{
		{2 * time.Minute, ""},   // the next page of the chapter
		{40 * time.Minute, "q"}, // stop reading, after walking away
		{30 * time.Second, "1"}, // the quiz's first answer
		{10 * time.Second, "q"}, // leave the quiz
	}}
	st := e.store(t)
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: in, Out: &out, Rand: testRand(),
		PageLines: 5, Now: func() time.Time { return now }})
	if s.read(e.course.Chapters[0], 0) || s.Quiz("alpha", Ask) {
		t.Fatalf("input ended early:\n%s", out.String())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	snap, err = e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r := snap.Chapters["alpha"]; r.ReadingS != 7*60 || r.QuizS != 40 || r.Answered != 1 {
		t.Errorf("saved %d s reading, %d s quiz (%d answered); want 420, 40, 1\n%s", r.ReadingS, r.QuizS, r.Answered, out.String())
	}
}
