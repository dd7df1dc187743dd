package main

import (
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// resetFixture is a progress file where the first chapter has a finished
// attempt and a reading position.
func resetFixture(t *testing.T) (db, first string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	first = course.Chapters[0].ID
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt(first, "h", []string{"q"}, nil)
	if err == nil {
		_, err = s.FinishAttempt(first, a.ID, 0, false)
	}
	if err == nil {
		err = s.SaveReading(first, "h", 4, 30)
	}
	if err != nil {
		t.Fatal(err)
	}
	return db, first
}

func attemptCount(t *testing.T, db, id string) int {
	t.Helper()
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap.Chapters[id].Attempts
}

// Proves: without --yes, reset refuses when stdin is not a terminal (exit
// 1, nothing changed); with --yes it resets; --undo brings it back; usage
// mistakes exit 2.
func TestResetCommand(t *testing.T) {
	db, first := resetFixture(t)
	resetInTTY = func() bool { return false }
	t.Cleanup(func() { resetInTTY = stdinTTYDefault })

	code, _, errOut := runCLI(t, "--db", db, "reset", "1")
	if code != 1 || !strings.Contains(errOut, "--yes") || attemptCount(t, db, first) != 1 {
		t.Fatalf("reset without --yes off a terminal: exit %d, %q, attempts %d", code, errOut, attemptCount(t, db, first))
	}
	for _, bad := range [][]string{{"reset"}, {"reset", "1", "--all"}, {"reset", "--undo", "1"}, {"reset", "1", "2"}} {
		if code, _, _ := runCLI(t, append([]string{"--db", db}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, _ := runCLI(t, "--db", db, "reset", "no-such-chapter", "--yes"); code != 1 {
		t.Errorf("unknown chapter: exit %d, want 1", code)
	}
	code, out, errOut := runCLI(t, "--db", db, "reset", first, "--yes")
	if code != 0 || !strings.Contains(out, "reset --undo") || attemptCount(t, db, first) != 0 {
		t.Fatalf("reset --yes: exit %d, %q %q, attempts %d", code, out, errOut, attemptCount(t, db, first))
	}
	if code, _, errOut := runCLI(t, "--db", db, "doctor"); code != 0 {
		t.Errorf("doctor after reset: exit %d: %s", code, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "reset", "--undo")
	if code != 0 || !strings.Contains(out, "Brought back") || attemptCount(t, db, first) != 1 {
		t.Fatalf("reset --undo: exit %d, %q, attempts %d", code, out, attemptCount(t, db, first))
	}
	code, out, _ = runCLI(t, "--db", db, "reset", "--undo")
	if code != 0 || !strings.Contains(out, "Nothing to undo") {
		t.Errorf("second undo: exit %d, %q", code, out)
	}
}

// Proves: on a terminal, reset asks and says what will be lost; anything
// but y keeps the records (exit 1), y resets.
func TestResetConfirmation(t *testing.T) {
	db, first := resetFixture(t)
	resetInTTY = func() bool { return true }
	t.Cleanup(func() { resetInTTY, resetIn = stdinTTYDefault, stdinDefault })

	resetIn = strings.NewReader("n\n")
	code, out, _ := runCLI(t, "--db", db, "reset", "--all")
	if code != 1 || !strings.Contains(out, "1 chapter") || attemptCount(t, db, first) != 1 {
		t.Fatalf("answered n: exit %d, %q", code, out)
	}
	resetIn = strings.NewReader("y\n")
	code, out, _ = runCLI(t, "--db", db, "reset", "1")
	if code != 0 || !strings.Contains(out, "1 finished quiz attempt") || attemptCount(t, db, first) != 0 {
		t.Fatalf("answered y: exit %d, %q", code, out)
	}
}
