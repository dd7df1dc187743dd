package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/progress"
)

// seedLabCheck records a check of hello-server in the progress file
// through the store, as `lab check` would.
func seedLabCheck(t *testing.T, db string, c progress.LabCheck) {
	t.Helper()
	store, err := openCourseStore(globals{db: db}, db)
	if err != nil {
		t.Fatal(err)
	}
	c.ID, c.Lab, c.At, c.Steps = progress.NewID(), "hello-server", time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC), 3
	if err := store.SaveLabCheck(c); err != nil {
		t.Fatal(err)
	}
}

// The reference solution is refused until the learner's own server passed
// the lab (a pass of the sample server does not count), then shown.
func TestLabSolutionOnlyAfterAPass(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	refused := func(when string) {
		t.Helper()
		code, out, errOut := runCLI(t, "--db", db, "lab", "solution", "hello-server")
		if code != 1 || out != "" || !strings.Contains(errOut, "pass lab hello-server first") {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", when, code, out, errOut)
		}
	}
	refused("no progress file")
	seedLabCheck(t, db, progress.LabCheck{StepsPassed: 1, FirstFailing: 2})
	refused("after a failing check")
	seedLabCheck(t, db, progress.LabCheck{StepsPassed: 3, Sample: true})
	refused("after a check of the sample server")

	seedLabCheck(t, db, progress.LabCheck{StepsPassed: 3, Passed: true})
	for _, c := range []struct{ lang, want string }{
		{"", "from http.server import"},
		{"python", "from http.server import"},
		{"go", "package main"},
	} {
		args := []string{"--db", db, "lab", "solution", "1"}
		if c.lang != "" {
			args = append(args, "--lang", c.lang)
		}
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Reference solution of the hello-server lab") || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
	}
	// Another lab is still refused.
	if code, _, errOut := runCLI(t, "--db", db, "lab", "solution", "notes-api", "--lang", "go"); code != 1 || !strings.Contains(errOut, "pass lab notes-api first") {
		t.Errorf("notes-api: exit %d: %s", code, errOut)
	}
}

func TestLabSolutionErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"lab", "solution"}, 2, "name one lab"},
		{[]string{"lab", "solution", "a", "b"}, 2, "name one lab"},
		{[]string{"lab", "solution", "hello-server", "--lang", "node"}, 2, `--lang "node": use python or go`},
		{[]string{"lab", "solution", "nope"}, 1, `no lab has the id "nope"`},
		{[]string{"lab", "solution", "99"}, 1, "there is no lab 99"},
		{[]string{"lab", "solution", "\x1b[31mred"}, 1, `no lab has the id "\x1b[31mred"`},
	} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || out != "" || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "\x1b") {
			t.Errorf("%q: exit %d, want %d with %q\nstdout: %s\nstderr: %q", c.args, code, c.code, c.want, out, errOut)
		}
	}
}
