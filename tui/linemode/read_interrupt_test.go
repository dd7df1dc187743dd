package linemode

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"backend-tutor/progress"
)

// waitingReader gives its text, then blocks (as a terminal does while the
// learner thinks), saying so on waiting, until release is closed.
type waitingReader struct {
	r       io.Reader
	once    sync.Once
	waiting chan struct{}
	release chan struct{}
}

func (w *waitingReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if err == io.EOF {
		w.once.Do(func() { close(w.waiting) })
		<-w.release
	}
	return n, err
}

// The walk: reading a chapter page by page in line mode and pressing
// ctrl+c lost how far the learner had read (28% read showed 0%): the
// position was saved only when the reading stopped (q, the end, the end
// of input). Each page shown is saved, so a signal's Interrupt keeps it.
func TestReadingPositionSurvivesInterrupt(t *testing.T) {
	e := newEnv(t)
	st := e.store(t)
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	in := &waitingReader{r: strings.NewReader("\n\n"), waiting: make(chan struct{}), release: make(chan struct{})}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: in, Out: &out, Rand: testRand(), PageLines: 10})
	ch, _ := e.course.Chapter("alpha")
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.read(ch, 0)
	}()
	<-in.waiting // three pages shown; the learner is reading the third
	if err := s.Interrupt(); err != nil {
		t.Fatal(err)
	}
	after, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Chapters["alpha"].Furthest; got == 0 {
		t.Errorf("read %d%% after three pages and ctrl+c, want more than 0", got)
	}
	close(in.release)
	<-done
}

// Issue 11: line mode's reading saves keep the full-screen reader's place,
// its line and its words: a save without the words would make the next
// full-screen open restore by line, which depends on the window's width.
func TestReadingKeepsFullScreenPlace(t *testing.T) {
	e := newEnv(t)
	if _, err := e.store(t).Apply(progress.Op{Kind: progress.OpReading, Chapter: "alpha", Line: 12, Word: 345, Percent: 10}); err != nil {
		t.Fatal(err)
	}
	ch, _ := e.course.Chapter("alpha")
	e.run(t, "\n\n", func(s *Session) { s.read(ch, 0) })
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r := snap.Chapters["alpha"]; r.Line != 12 || r.Word != 345 || r.Furthest <= 10 {
		t.Errorf("after reading in line mode: %+v, want line 12, word 345 kept and further read", r)
	}
}
