package tui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// testRand is the seeded generator every test model shuffles with.
func testRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// shufflesFor replays a fresh quiz's shuffles for a chapter: startQuiz draws
// one permutation per question, in file order, from the model's generator.
func shufflesFor(c *content.Course, chapter string) map[string][]int {
	rng := testRand()
	ch, _ := c.Chapter(chapter)
	out := map[string][]int{}
	for _, q := range ch.Quiz.Questions {
		if n := q.ShuffleSize(); n > 0 {
			out[q.ID] = content.Shuffle(n, rng)
		}
	}
	return out
}

// pos is the 1-based number a question shows for the option with original
// index orig, as a key to press.
func pos(shuffles map[string][]int, qid string, orig int) string {
	for p, o := range shuffles[qid] {
		if o == orig {
			return fmt.Sprint(p + 1)
		}
	}
	panic("no such option")
}

func loadFixture(t testing.TB) *content.Course {
	t.Helper()
	c, err := content.Load(os.DirFS("testdata/course"))
	if err != nil {
		t.Fatalf("fixture course: %v", err)
	}
	return c
}

type env struct {
	course *content.Course
	path   string
	cache  *render.Cache
}

func newEnv(t testing.TB) *env {
	return &env{course: loadFixture(t), path: filepath.Join(t.TempDir(), "progress.db"), cache: render.NewCache(16)}
}

// store opens the progress file afresh, as a new tutor process would.
func (e *env) store(t testing.TB) *progress.Store {
	t.Helper()
	s, err := progress.Open(e.path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	return s
}

// model builds a tutor over the env's files, like main does.
func (e *env) model(t testing.TB, welcomed bool) *Model {
	t.Helper()
	s := e.store(t)
	if welcomed {
		if err := s.SetWelcomed(); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
}

// withoutTicks drops the debounce timers, so step can run every other
// command to completion; tests send resizeSettledMsg / scrollSettledMsg
// themselves when they want one.
func withoutTicks(m *Model) *Model {
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	return m
}

func (e *env) record(t testing.TB, id string) progress.ChapterRecord {
	t.Helper()
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap.Chapters[id]
}

// start runs the model in a teatest program at 80x24.
func start(t *testing.T, m *Model) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)),
	)
}

// waitFor waits until the program's output contains every string.
func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		s := ansi.Strip(string(b))
		for _, w := range want {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// finish quits with ctrl+c, waits for the program and flushes its saves,
// as main does.
func finish(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	tm.Send(ctrl('c'))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	fm.Flush()
	return fm
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// keys sends each key in turn.
func keys(tm *teatest.TestModel, ks ...string) {
	for _, k := range ks {
		tm.Send(press(k))
	}
}

// --- driving Update directly, without a program ---

// step sends msg to the model and runs the commands it returns, feeding
// their messages back, the way the Bubble Tea loop would (debounce ticks
// are off: see withoutTicks).
func step(m *Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	run(m, cmd)
}

func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		panic("a command did not finish: a timer that should be off in tests?")
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	default:
		step(m, msg)
	}
}

// settle waits until the saver has written what is queued (or paused on a
// failure) and hands Update the outcomes.
func settle(m *Model) {
	for cmd := m.saver.listen(); cmd != nil; cmd = m.saver.listen() {
		run(m, cmd)
	}
}

func sendKeys(m *Model, ks ...string) {
	for _, k := range ks {
		step(m, press(k))
	}
}

func viewText(m *Model) string { return ansi.Strip(m.View().Content) }
