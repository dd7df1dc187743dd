package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests drive the real binary in a real terminal: tmux runs it, and
// send-keys / capture-pane type and read the screen as a person would.

var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "bt-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "backend-tutor")
	// Commands without --db (lab check saves every check) must never
	// write to the real home's progress file.
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	// No test reads the machine's own settings: an empty config folder,
	// and none of the tutor's environment variables.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	for _, k := range []string{envDB, envContent, envProfile} {
		os.Unsetenv(k)
	}
	if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the binary: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// screenTerm is one tmux server with one 80x24 window running the tutor.
type screenTerm struct {
	t      *testing.T
	socket string
}

func needTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
}

// startTerm runs the binary with args in a fresh tmux server.
func startTerm(t *testing.T, args ...string) *screenTerm {
	t.Helper()
	return startTermEnv(t, "", args...)
}

// startTermEnv is startTerm with extra environment, e.g. "NO_COLOR=1".
// A shell around the tutor prints its exit status when it ends and keeps
// the pane open, so the screen can still be read afterwards.
func startTermEnv(t *testing.T, env string, args ...string) *screenTerm {
	t.Helper()
	needTmux(t)
	tm := &screenTerm{t: t, socket: fmt.Sprintf("bt-%d-%d", os.Getpid(), time.Now().UnixNano())}
	home := t.TempDir()
	cmd := fmt.Sprintf("cd %q && HOME=%q XDG_DATA_HOME=%q %s %q %s; s=$?; echo; echo \"[tutor exited $s]\"; sleep 3600",
		home, home, home, env, binPath, strings.Join(quoteAll(args), " "))
	tm.tmux("new-session", "-d", "-x", "80", "-y", "24", cmd)
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprintf("%q", a)
	}
	return out
}

func (tm *screenTerm) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *screenTerm) screen() string { return tm.tmux("capture-pane", "-p") }

// keys types keys (tmux key names: Enter, Escape, C-c, or literal text).
func (tm *screenTerm) keys(ks ...string) {
	tm.t.Helper()
	for _, k := range ks {
		tm.tmux("send-keys", k)
	}
}

// waitFor waits until the screen shows every string.
func (tm *screenTerm) waitFor(want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = tm.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		time.Sleep(30 * time.Millisecond)
	}
	tm.t.Fatalf("screen never showed %q; it shows:\n%s", want, s)
	return ""
}

// cursorAt is the terminal cursor's column and row, and the line it is on.
func (tm *screenTerm) cursorAt() (x, y int, line string) {
	tm.t.Helper()
	fmt.Sscan(tm.tmux("display-message", "-p", "#{cursor_x} #{cursor_y}"), &x, &y)
	if lines := strings.Split(tm.screen(), "\n"); y < len(lines) {
		line = lines[y]
	}
	return x, y, line
}

// waitCursor waits until the cursor is where ok says (what names the place
// for the failure message); the deadline is a timeout only.
func (tm *screenTerm) waitCursor(what string, ok func(x int, line string) bool) (int, int, string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		x, y, line := tm.cursorAt()
		if ok(x, line) {
			return x, y, line
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the cursor is at %d,%d on %q, not on %s:\n%s", x, y, line, what, tm.screen())
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// exited waits for the tutor to end and returns its exit status as the
// shell saw it (128+N when signal N ended it).
func (tm *screenTerm) exited() string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s := tm.screen()
		if i := strings.LastIndex(s, "[tutor exited "); i >= 0 {
			rest := s[i+len("[tutor exited "):]
			return rest[:strings.IndexByte(rest, ']')]
		}
		time.Sleep(30 * time.Millisecond)
	}
	tm.t.Fatalf("the tutor did not exit; screen:\n%s", tm.screen())
	return ""
}

// pid is the tutor's process id: the child of the pane's shell.
func (tm *screenTerm) pid() string {
	tm.t.Helper()
	shell := strings.TrimSpace(tm.tmux("display-message", "-p", "#{pane_pid}"))
	for range 100 {
		out, _ := exec.Command("ps", "-o", "pid=", "--ppid", shell).Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			return f[0]
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatal("no tutor process under the pane's shell")
	return ""
}

type jsonProgress struct {
	Chapters []struct {
		ID          string `json:"id"`
		Answered    int    `json:"answered"`
		Attempts    int    `json:"attempts"`
		ReadPercent int    `json:"read_percent"`
		InProgress  bool   `json:"quiz_in_progress"`
	} `json:"chapters"`
}

func progressJSON(t *testing.T, db string, args ...string) jsonProgress {
	t.Helper()
	out, err := exec.Command(binPath, append([]string{"--db", db, "progress", "--json"}, args...)...).Output()
	if err != nil {
		t.Fatalf("progress --json: %v", err)
	}
	var p jsonProgress
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("progress --json is not JSON: %v\n%s", err, out)
	}
	return p
}

// The main path: start, open the first chapter, start its quiz, answer a
// question, quit; progress --json shows the answer saved.
func TestRealTerminalFirstAnswerIsSaved(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startTerm(t, "--db", db)
	tm.waitFor("Welcome to", "Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("0 of 16 quizzes passed", "1. What backend development is")
	tm.keys("Enter")
	tm.waitFor("Chapter 1 of 16", "By the end of this chapter")
	tm.keys("G")
	tm.waitFor("Press t to take the quiz", "100%")
	tm.keys("t")
	tm.waitFor("Question 1 of 12")
	tm.keys("1", "Enter")
	screen := tm.waitFor("Press enter for the next question")
	if !strings.Contains(screen, "Right!") && !strings.Contains(screen, "Not quite") {
		t.Fatalf("no feedback after answering:\n%s", screen)
	}
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s after ctrl+c", st)
	}
	p := progressJSON(t, db)
	if p.Chapters[0].ID != "backend-overview" || p.Chapters[0].Answered != 1 || !p.Chapters[0].InProgress {
		t.Fatalf("progress after one answer: %+v", p.Chapters[0])
	}
}

// kill -9 mid-quiz: every submitted answer survives and the attempt is
// offered for resuming at the next question.
func TestRealTerminalKilledMidQuiz(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startAtQuiz(t, db)
	tm.keys("Enter")
	tm.waitFor("Question 2 of 12")
	tm.keys("1", "Enter")
	tm.waitFor("Press enter for the next question")
	// The save runs right after the answer, off the UI: wait until the file
	// has it (the deadline is only a timeout), then kill.
	deadline := time.Now().Add(10 * time.Second)
	for progressJSON(t, db).Chapters[0].Answered < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the second answer was never saved")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if out, err := exec.Command("kill", "-9", tm.pid()).CombinedOutput(); err != nil {
		t.Fatalf("kill -9: %v %s", err, out)
	}
	tm.exited()
	if p := progressJSON(t, db); p.Chapters[0].Answered != 2 || !p.Chapters[0].InProgress {
		t.Fatalf("after kill -9: %+v, want 2 answers and the quiz in progress", p.Chapters[0])
	}

	tm2 := startTerm(t, "--db", db)
	tm2.waitFor("Continue: What backend development is", "back to the quiz")
	tm2.keys("Enter")
	tm2.waitFor("Question 3 of 12")
	tm2.keys("C-c")
	tm2.exited()
}

// Without a terminal the tutor runs in line mode (it used to refuse with a
// message): the menu on stdout, and the end of input ends it cleanly.
func TestNotATerminal(t *testing.T) {
	cmd := exec.Command(binPath, "--db", filepath.Join(t.TempDir(), "p.db"))
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("want exit status 0, got %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "line mode") || !strings.Contains(string(out), "1. Chapters") {
		t.Fatalf("no line-mode menu:\n%s", out)
	}
}
