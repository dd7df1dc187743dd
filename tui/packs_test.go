package tui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// twoPacks is the fixture course with the docker pack (testdata/packs/
// docker at the top of the repository) added beside it.
func twoPacks(t *testing.T) *content.Course {
	t.Helper()
	base := loadFixture(t)
	base.Manifest(os.DirFS("testdata/course"), "course")
	docker, err := content.Load(os.DirFS("../testdata/packs/docker"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Combine(base, []*content.Course{docker})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The home screen of two packs: each pack's chapters under a header row
// with its title, numbered through; the counts cover both.
// Regenerate with: go test ./tui -run TestGoldenTwoPackHome -update
func TestGoldenTwoPackHome(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		t.Run(fmtSize(size), func(t *testing.T) {
			e := newEnv(t)
			e.course = twoPacks(t)
			s := e.store(t)
			if err := s.SetWelcomed(); err != nil {
				t.Fatal(err)
			}
			ms, err := s.WithPacks([]string{"docker"})
			if err != nil {
				t.Fatal(err)
			}
			ch, _ := e.course.Chapter("docker/http-essentials")
			if _, err := ms.Apply(progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: ch.Hash, Line: 1, Percent: 100}); err != nil {
				t.Fatal(err)
			}
			snap, err := ms.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			m := withoutTicks(New(Options{Course: e.course, Store: ms, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand()}))
			step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			golden.RequireEqual(t, ansi.Strip(m.View().Content)+"\n")
		})
	}
}

func fmtSize(s [2]int) string {
	return map[int]string{80: "80x24", 40: "40x12"}[s[0]]
}

// The walk: a one-chapter pack's header on home and its welcome said
// "1 chapters".
func TestOneChapterPackSaysChapter(t *testing.T) {
	base := loadFixture(t)
	ja, err := content.Load(os.DirFS("../testdata/packs/ja-http"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Combine(base, []*content.Course{ja})
	if err != nil {
		t.Fatal(err)
	}
	var p *content.Pack
	for i := range c.Packs {
		if c.Packs[i].ID == "ja-http" {
			p = c.Packs[i]
		}
	}
	if p == nil {
		t.Fatal("no ja-http pack in the combined course")
	}
	if s := packStatus(c, p); !strings.HasPrefix(s, "1 chapter —") {
		t.Errorf("pack header = %q, want 1 chapter", s)
	}
	if strings.Contains(c.Welcome, "1 chapters") || !strings.Contains(c.Welcome, "(1 chapter)") {
		t.Errorf("welcome = %q, want (1 chapter)", c.Welcome)
	}
}
