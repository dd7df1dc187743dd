package main

import (
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
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
	if p, n, open := read("--profile", "default"); p != "default" || n != 0 || open {
		t.Fatalf("default profile picked up Ann's progress: %s answered %d, in progress %v", p, n, open)
	}

	def := startTerm(t, "--db", db, "--profile", "default")
	def.waitFor("Welcome to", "Press enter to begin")
	def.keys("C-c")
	def.exited()

	ann := startTerm(t, "--db", db, "--profile", "Ann Lee")
	ann.waitFor("Continue: What backend development is", "back to the quiz")
	ann.keys("C-c")
	ann.exited()

	// Ann's is the only profile used: with no --profile it opens, not the
	// empty default (the walk: her progress looked lost).
	only := startTerm(t, "--db", db)
	only.waitFor("Continue: What backend development is", "back to the quiz")
	only.keys("C-c")
	only.exited()

	// A typo names a new profile beside Ann's: the warning line says so,
	// and quitting at once makes no profile.
	typo := startTerm(t, "--db", db, "--profile", "Ann Le")
	typo.waitFor("New profile Ann Le. Other profiles here: Ann Lee")
	typo.keys("C-c")
	typo.exited()
	if p, n, _ := read(); p != "Ann Lee" || n != 1 {
		t.Fatalf("after the typo, no --profile: %s answered %d", p, n)
	}
}

// The profile picker through the real binary: with two profiles and none
// chosen, the tutor asks first. Choosing Ann opens her progress; "New
// profile" refuses a bad name with its reason, then makes the profile,
// named with the learner's name, and the tutor starts fresh for it.
func TestRealTerminalProfilePicker(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ann := startAtQuiz(t, db, "--profile", "Ann Lee")
	ann.keys("C-c")
	ann.exited()
	if out, err := exec.Command(binPath, "--db", db, "--profile", "lab-3", "export", "--learner", "Bob Ray").CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}

	pick := startTerm(t, "--db", db)
	pick.waitFor("choose your profile", "Ann Lee", "lab-3 · Bob Ray", "+ New profile")
	pick.keys("Enter")
	pick.waitFor("Continue: What backend development is", "back to the quiz")
	pick.keys("C-c")
	if st := pick.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}

	fresh := startTerm(t, "--db", db)
	fresh.waitFor("choose your profile", "+ New profile")
	fresh.keys("n")
	fresh.waitFor("Your name")
	fresh.keys("Zo<", "Enter")
	fresh.waitFor("cannot be in a name")
	fresh.keys("BSpace", "ë", "Enter")
	fresh.waitFor("Welcome to", "Press enter to begin")
	fresh.keys("Enter")
	fresh.waitFor("quit")
	fresh.keys("C-c")
	if st := fresh.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	out, err := exec.Command(binPath, "--db", db, "--profile", "Zoë", "export", "--format", "csv").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Zoë,Zoë,guide") {
		t.Fatalf("the new profile's export (learner saved with it): %v\n%s", err, out)
	}
	out, err = exec.Command(binPath, "--db", db, "list").CombinedOutput()
	if code := exitCode(err); code != 2 || !strings.Contains(string(out), "3 profiles") || !strings.Contains(string(out), "Zoë") {
		t.Fatalf("list without --profile: exit %d\n%s", code, out)
	}
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
