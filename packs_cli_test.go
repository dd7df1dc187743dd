package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/progress"
)

// pack new writes a working pack that validate passes, and never
// overwrites one.
func TestPackNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Docker Lab")
	code, out, errOut := runCLI(t, "pack", "new", dir)
	if code != 0 || !strings.Contains(out, "with the id docker-lab") {
		t.Fatalf("pack new: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "validate", dir)
	if code != 0 || !strings.Contains(out, "ok — 1 chapter, 5 questions, 1 glossary term, 1 lab") || errOut != "" {
		t.Fatalf("validate: exit %d\n%s\n%s", code, out, errOut)
	}
	// Every kind of question is in the quiz.
	quiz, _ := os.ReadFile(filepath.Join(dir, "01-first-chapter.quiz.yaml"))
	for _, k := range []string{"single", "multi", "truefalse", "typed", "order"} {
		if !strings.Contains(string(quiz), "kind: "+k+"\n") {
			t.Errorf("the quiz has no %s question", k)
		}
	}
	// It sits beside the guide, under its own id.
	db := filepath.Join(t.TempDir(), "p.db")
	if code, out, _ := runCLI(t, "--db", db, "--content", dir, "list"); code != 0 || !strings.Contains(out, "docker-lab/first-chapter") || !strings.Contains(out, "http-essentials") {
		t.Fatalf("list: %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "--db", db, "--content", dir, "lab", "list"); code != 0 || !strings.Contains(out, "docker-lab/health") {
		t.Fatalf("lab list: %d\n%s", code, out)
	}
	work := filepath.Join(t.TempDir(), "w")
	if code, out, errOut := runCLI(t, "--content", dir, "lab", "start", "docker-lab/health", work); code != 1 || !strings.Contains(errOut, "no python starter") {
		t.Fatalf("lab start of a lab without starters: %d\n%s\n%s", code, out, errOut)
	}
	// Again: nothing is overwritten, and the learner's edit survives.
	chapter := filepath.Join(dir, "01-first-chapter.md")
	if err := os.WriteFile(chapter, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "pack", "new", dir)
	if code != 1 || !strings.Contains(errOut, "never overwrites") {
		t.Fatalf("second pack new: exit %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(chapter); string(b) != "mine" {
		t.Fatal("pack new overwrote a file")
	}
}

// The bug from issue 12, through the commands: the pack's chapter
// "http-essentials" (no quiz) showed "quiz in progress" because the guide's
// chapter of that id had an open attempt. Each pack's records are its own.
func TestPackChapterDoesNotShareGuideProgress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []progress.Op{
		{Kind: progress.OpReading, Chapter: "http-essentials", ContentHash: "h", Line: 9, Percent: 55},
		{Kind: progress.OpStart, Chapter: "http-essentials", AttemptUID: "u", ContentHash: "h", Order: []string{"x"}},
	} {
		if _, err := s.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, "--db", db, "--content", "testdata/packs/docker", "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep progressReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, c := range rep.Chapters {
		switch {
		case c.Pack == "docker" && c.LocalID == "http-essentials":
			found++
			if c.InProgress || c.ReadPercent != 0 || c.ID != "docker/http-essentials" {
				t.Errorf("the pack's chapter picked up the guide's progress: %+v", c)
			}
		case c.ID == "http-essentials":
			found++
			if !c.InProgress || c.ReadPercent != 55 || c.Pack != "guide" {
				t.Errorf("the guide's chapter lost its progress: %+v", c)
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of the two chapters:\n%s", found, out)
	}
	if len(rep.Packs) != 2 || rep.Packs[1].ID != "docker" || rep.Packs[1].Version != "2" || len(rep.Packs[1].Chapters) != 2 {
		t.Errorf("packs = %+v", rep.Packs)
	}
	// The pack's chapters are read and searched by PACK/CHAPTER; the
	// guide's plain ids and numbers work as before.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"read", "docker/http-essentials", "--plain"}, "# HTTP inside a container"},
		{[]string{"read", "18", "--plain"}, "# Images and containers"},
		{[]string{"read", "http-essentials", "--plain"}, "HTTP"},
		{[]string{"search", "publishes"}, "docker/http-essentials:"},
	} {
		code, out, errOut := runCLI(t, append([]string{"--db", db, "--content", "testdata/packs/docker"}, c.args...)...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d\n%s\n%s", c.args, code, trim(out), errOut)
		}
	}
}

// A folder without pack.yaml works as before, in the guide's place, with a
// warning saying how to add a manifest; validate says it too.
func TestFolderWithoutManifest(t *testing.T) {
	code, out, errOut := runCLI(t, "--db", filepath.Join(t.TempDir(), "p.db"), "--content", "tui/testdata/course", "list")
	if code != 0 || strings.Contains(out, "http-essentials") || !strings.Contains(errOut, "no pack.yaml") || !strings.Contains(errOut, "pack id course") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "validate", "tui/testdata/course")
	if code != 0 || !strings.Contains(errOut, "Add a pack.yaml") {
		t.Fatalf("validate: exit %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "validate", "testdata/packs/docker", "content/packtemplate")
	if code != 0 {
		t.Fatalf("validate of two packs: exit %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "validate", "testdata/packs/docker", "testdata/packs/docker")
	if code != 1 || !strings.Contains(errOut, `two packs have the id "docker"`) {
		t.Fatalf("validate of one pack twice: exit %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "--content", "tui/testdata/course", "--content", "testdata/packs/docker", "--content", "tui/testdata/course", "list")
	if code != 1 || !strings.Contains(errOut, "both replace") {
		t.Fatalf("two replacing packs: exit %d %s", code, errOut)
	}
}
