package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// Two learners on one progress file, through the real binary: Ann's answer
// is saved under her profile and resumes for her, while the default
// profile is still a first-time learner (welcome screen, nothing answered).
func TestRealTerminalProfiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startAtQuiz(t, db, "--profile", "Ann Lee")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}

	read := func(args ...string) (profile string, answered int, inProgress bool) {
		out, err := exec.Command(binPath, append([]string{"--db", db, "progress", "--json"}, args...)...).Output()
		if err != nil {
			t.Fatalf("progress --json %v: %v", args, err)
		}
		var p struct {
			Profile  string `json:"profile"`
			Chapters []struct {
				Answered   int  `json:"answered"`
				InProgress bool `json:"quiz_in_progress"`
			} `json:"chapters"`
		}
		if err := json.Unmarshal(out, &p); err != nil {
			t.Fatal(err)
		}
		return p.Profile, p.Chapters[0].Answered, p.Chapters[0].InProgress
	}
	if p, n, open := read("--profile", "Ann Lee"); p != "Ann Lee" || n != 1 || !open {
		t.Fatalf("Ann's progress: %s answered %d, in progress %v", p, n, open)
	}
	if p, n, open := read(); p != "default" || n != 0 || open {
		t.Fatalf("default profile picked up Ann's progress: %s answered %d, in progress %v", p, n, open)
	}

	def := startTerm(t, "--db", db)
	def.waitFor("Welcome to", "Press enter to begin")
	def.keys("C-c")
	def.exited()

	ann := startTerm(t, "--db", db, "--profile", "Ann Lee")
	ann.waitFor("Continue: What backend development is", "back to the quiz")
	ann.keys("C-c")
	ann.exited()
}
