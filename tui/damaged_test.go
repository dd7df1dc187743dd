package tui

import (
	"bytes"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/internal/benchgen"
)

// Proves (issue 8 item 3): a progress file too large for the start-up
// check, whose freelist holds a live page, opens (it reads fine); the
// check Init starts finds the damage, the tutor says so and stays
// read-only, and reading and quitting write nothing to the file.
func TestDamagedLargeFileTutorStaysReadOnly(t *testing.T) {
	e := newEnv(t)
	if err := benchgen.Progress(e.path, e.course, 20_000); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(e.path); err != nil || fi.Size() <= 256<<10 {
		t.Fatalf("generated file too small for the bounded check: %v", err)
	}
	if err := benchgen.FreeLivePage(e.path); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	s := e.store(t)
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
	run(m, m.Init())
	step(m, tea.WindowSizeMsg{Width: 200, Height: 30})
	if v := strings.ToLower(viewText(m)); !strings.Contains(v, "not being saved") || !strings.Contains(v, "damaged") {
		t.Fatalf("no read-only warning naming the damage:\n%s", viewText(m))
	}
	sendKeys(m, "enter", "j", "j", "t")
	m.Flush()
	after, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("the tutor wrote to a damaged file")
	}
}
