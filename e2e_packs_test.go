package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12: a two-pack home in a real terminal. The welcome speaks of each
// pack from its manifest, the pack's chapters follow a header row with its
// title, and reading the pack's "http-essentials" (the id of a guide
// chapter too) saves to the pack, never to the guide's chapter.
func TestRealTerminalTwoPackHome(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pack, _ := filepath.Abs("testdata/packs/docker")
	tm := startTerm(t, "--db", db, "--content", pack)
	tm.waitFor("Intro to Docker (2 chapters): Three short chapters", "Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("0 of 17 quizzes passed", "1. What backend development is")
	tm.keys("1", "7")
	screen := tm.waitFor("── Intro to Docker ──", "2 chapters — Images, containers", "17. HTTP inside a container")
	if strings.Index(screen, "── Intro to Docker ──") > strings.Index(screen, "17. HTTP inside") {
		t.Fatalf("the header row is not above the pack's chapters:\n%s", screen)
	}
	tm.keys("Enter")
	tm.waitFor("Chapter 17 of 18 · HTTP inside a container")
	tm.keys("G", "q")
	tm.waitFor("17. HTTP inside a container", "read — The same id")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	p := progressJSON(t, db, "--content", pack)
	for _, c := range p.Chapters {
		switch c.ID {
		case "docker/http-essentials":
			if c.ReadPercent != 100 {
				t.Errorf("the pack's chapter was not saved as read: %+v", c)
			}
		case "http-essentials":
			if c.ReadPercent != 0 {
				t.Errorf("reading the pack's chapter changed the guide's: %+v", c)
			}
		}
	}
	// Without the pack, the guide's chapter has no progress either.
	for _, c := range progressJSON(t, db).Chapters {
		if c.ID == "http-essentials" && c.ReadPercent != 0 {
			t.Errorf("the guide's chapter has the pack's progress: %+v", c)
		}
	}
}
