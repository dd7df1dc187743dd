package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

func TestUseLineMode(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name        string
		flag        bool
		getenv      func(string) string
		stdin, stdo bool
		want        bool
	}{
		{"a terminal", false, env("TERM", "xterm-256color"), true, true, false},
		{"--accessible", true, env("TERM", "xterm-256color"), true, true, true},
		{"ACCESSIBLE=1", false, env("ACCESSIBLE", "1", "TERM", "xterm"), true, true, true},
		{"ACCESSIBLE=0", false, env("ACCESSIBLE", "0", "TERM", "xterm"), true, true, false},
		{"TERM=dumb", false, env("TERM", "dumb"), true, true, true},
		{"stdin a pipe", false, env("TERM", "xterm"), false, true, true},
		{"stdout a pipe", false, env("TERM", "xterm"), true, false, true},
	}
	for _, c := range cases {
		if got := useLineMode(globals{accessible: c.flag}, c.getenv, c.stdin, c.stdo); got != c.want {
			t.Errorf("%s: line mode %v, want %v", c.name, got, c.want)
		}
	}
}

// runPiped runs the binary with stdin from a string, as a script would.
func runPiped(t *testing.T, input string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// A quiz answered from a file: `backend-tutor quiz alpha --new < answers`
// saves every answer and finishes the attempt; a script that stops early
// leaves its answers saved and the quiz open, and --resume goes on.
func TestLineModeScriptedQuiz(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	course := filepath.Join("tui", "testdata", "course")
	// Answers that parse whatever the shuffle: one per kind's form.
	answers := []string{"1", "2", "1 3", "2", "t", "f", "post", "404", "1 2 3 4", "3 2 1"}
	out, err := runPiped(t, strings.Join(answers[:4], "\n")+"\n", "--content", course, "--db", db, "quiz", "alpha", "--new")
	if err != nil {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	if strings.IndexByte(out, 0x1b) >= 0 {
		t.Fatalf("escape byte in line mode's output:\n%q", out)
	}
	p := progressJSON(t, db, "--content", course)
	if p.Chapters[0].Answered != 4 || !p.Chapters[0].InProgress || p.Chapters[0].Attempts != 0 {
		t.Fatalf("after 4 answers and the end of input: %+v\n%s", p.Chapters[0], out)
	}
	out, err = runPiped(t, strings.Join(answers[4:], "\n")+"\n", "--content", course, "--db", db, "quiz", "1", "--resume")
	if err != nil {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Question 5 of 10") || strings.Contains(out, "Question 4 of 10") || !strings.Contains(out, "Results: ") {
		t.Fatalf("--resume did not go on at question 5 to the results:\n%s", out)
	}
	p = progressJSON(t, db, "--content", course)
	if p.Chapters[0].Answered != 10 || p.Chapters[0].InProgress || p.Chapters[0].Attempts != 1 {
		t.Fatalf("after finishing: %+v\n%s", p.Chapters[0], out)
	}
	if _, err := runPiped(t, "", "--content", course, "--db", db, "quiz", "beta"); err == nil {
		t.Errorf("a chapter without a quiz should be an error")
	}
	if out, err := runPiped(t, "", "--db", db, "quiz", "1", "--new", "--resume"); err == nil || !strings.Contains(out, "cannot both") {
		t.Errorf("--new with --resume: %v %s", err, out)
	}
}

// In a real terminal, line mode (asked for, or because TERM=dumb) writes
// no escape byte at all: no alternate screen, no cursor moves, no queries,
// no window title. The full-screen UI wrote all of these under TERM=dumb.
func TestLineModeNoEscapeInATerminal(t *testing.T) {
	for _, c := range []struct {
		name string
		env  []string
		args []string
	}{
		{"TERM=dumb", []string{"TERM=dumb"}, nil},
		{"--accessible", []string{"TERM=xterm-256color"}, []string{"--accessible"}},
		{"ACCESSIBLE=1", []string{"TERM=xterm-256color", "ACCESSIBLE=1"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(binPath, append([]string{"--db", filepath.Join(dir, "p.db")}, c.args...)...)
			cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir)
			cmd.Env = append(cmd.Env, c.env...)
			f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var out bytes.Buffer
			done := make(chan struct{})
			go func() { io.Copy(&out, f); close(done) }()
			// Input typed ahead is read in order by the one line reader.
			if _, err := f.Write([]byte("chapters\n2\nq\n\nquit\n")); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("exit: %v\n%q", err, out.String())
				}
			case <-time.After(20 * time.Second): // a timeout only: the test waits for the exit
				cmd.Process.Kill()
				t.Fatal("line mode did not end after quit")
			}
			<-done
			s := out.String()
			if i := strings.IndexByte(s, 0x1b); i >= 0 {
				t.Fatalf("ESC at byte %d: %q", i, s[max(0, i-30):min(len(s), i+30)])
			}
			if !strings.Contains(s, "Chapter 2 of 16") || !strings.Contains(s, "Menu:") {
				t.Fatalf("line mode did not run:\n%s", s)
			}
		})
	}
}

// In the full-screen quiz, started with `quiz 1`, the real terminal's
// cursor is on the focused option's line and moves with it, so a screen
// reader that follows the cursor reads the option the learner is on.
func TestRealTerminalCursorFollowsOption(t *testing.T) {
	tm := startTerm(t, "--db", filepath.Join(t.TempDir(), "p.db"), "quiz", "1")
	tm.waitFor("Question 1 of 12")
	_, y, _ := tm.waitCursor("the focused first option", func(_ int, line string) bool { return strings.Contains(line, "› 1.") })
	tm.keys("Down")
	tm.waitCursor("the second option after Down", func(_ int, line string) bool { return strings.Contains(line, "› 2.") })
	if _, y2, _ := tm.cursorAt(); y2 != y+1 {
		t.Fatalf("after Down the cursor is on line %d, want %d", y2, y+1)
	}
	tm.keys("C-c")
	tm.exited()
}

// The real terminal's cursor follows the focused row on the home screen
// (two lines a row), and sits at the insertion point of a typed answer,
// moving as the learner types (issue 13).
func TestRealTerminalCursorOnHomeAndTypedAnswer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startTerm(t, "--db", db)
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("quizzes passed")
	_, y, _ := tm.waitCursor("home's focused row", func(x int, line string) bool {
		return x == 2 && strings.HasPrefix(line, "› ")
	})
	tm.keys("Down")
	_, y2, line := tm.waitCursor("the next row after Down", func(x int, line string) bool {
		return strings.HasPrefix(line, "› ") && strings.Contains(line, " 2. ")
	})
	if y2 != y+2 {
		t.Fatalf("after Down the cursor is on line %d %q, want %d:\n%s", y2, line, y+2, tm.screen())
	}
	tm.keys("C-c")
	tm.exited()

	tm = startTerm(t, "--db", db, "quiz", "7") // its first question is typed
	tm.waitFor("Question 1 of", "Type a short answer")
	x0, _, _ := tm.waitCursor("the empty answer field", func(x int, line string) bool {
		return strings.Contains(line, "› ") && x > 0
	})
	tm.keys("GET")
	tm.waitCursor("after the typed text", func(x int, line string) bool {
		return x == x0+3 && strings.Contains(line, "› GET")
	})
	tm.keys("C-c")
	tm.exited()
}

// LC_ALL=C (a terminal without UTF-8): the tutor draws ASCII stand-ins for
// its glyphs; --ascii does the same under a UTF-8 locale.
func TestRealTerminalASCII(t *testing.T) {
	for _, c := range []struct {
		env  string
		args []string
	}{{"LC_ALL=C", nil}, {"", []string{"--ascii"}}} {
		tm := startTermEnv(t, c.env, append([]string{"--db", filepath.Join(t.TempDir(), "p.db")}, c.args...)...)
		tm.waitFor("Press enter to begin")
		tm.keys("Enter")
		screen := tm.waitFor("quizzes passed", "----------", ">  1. What backend") // cursor and progress bar in ASCII
		for _, g := range []string{"›", "░", "█", "·", "↑", "•"} {
			if strings.Contains(screen, g) {
				t.Fatalf("%s %v: %q on the home screen:\n%s", c.env, c.args, g, screen)
			}
		}
		tm.keys("C-c")
		tm.exited()
	}
}
