package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// startQuizTerm starts the tutor on a fresh db, dismisses the welcome and
// starts the first chapter's quiz; args are more flags for the tutor.
func startQuizTerm(t *testing.T, db string, args ...string) *screenTerm {
	t.Helper()
	tm := startTerm(t, append([]string{"--db", db}, args...)...)
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("quizzes passed")
	tm.keys("t")
	tm.waitFor("Question 1 of 12")
	return tm
}

// startAtQuiz is startQuizTerm with the first question answered.
func startAtQuiz(t *testing.T, db string, args ...string) *screenTerm {
	t.Helper()
	tm := startQuizTerm(t, db, args...)
	tm.keys("1", "Enter")
	tm.waitFor("Press enter for the next question")
	return tm
}

// While a tutor is open, a second tutor and the read-only commands all work
// on the same progress file, and neither waits for the other.
func TestRealTerminalTwoAtOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	first := startAtQuiz(t, db)

	// A command kept waiting for the tutor's lock would fail with "locked"
	// once the lock timeout passes: success means it did not wait it out.
	// (No wall-clock bound: on a busy machine that only made the test flaky.)
	for _, args := range [][]string{{"list"}, {"progress", "--json"}, {"read", "1", "--plain"}, {"validate", "content/guide"}} {
		out, err := exec.Command(binPath, append([]string{"--db", db}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("%v while the tutor runs: %v\n%s", args, err, out)
		}
	}
	second := startTerm(t, "--db", db)
	second.waitFor("Continue: What backend development is", "back to the quiz")
	second.keys("Enter")
	second.waitFor("Question 2 of 12")
	second.keys("1", "Enter")
	second.waitFor("Press enter for the next question")
	second.keys("C-c")
	second.exited()
	first.keys("Enter")
	first.waitFor("Question 2 of 12")
	first.keys("C-c")
	first.exited()
	if p := progressJSON(t, db); p.Chapters[0].Answered < 2 {
		t.Fatalf("answers from both tutors should be saved: %+v", p.Chapters[0])
	}
}

// SIGTERM and SIGHUP (a closed terminal) end the tutor cleanly: answers
// saved, terminal back out of the alternate screen.
func TestRealTerminalSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			tm := startAtQuiz(t, db)
			if alt := strings.TrimSpace(tm.tmux("display-message", "-p", "#{alternate_on}")); alt != "1" {
				t.Fatalf("tutor should run in the alternate screen, alternate_on=%s", alt)
			}
			pid := tm.pid()
			if out, err := exec.Command("kill", "-s", sigName(sig), pid).CombinedOutput(); err != nil {
				t.Fatalf("kill: %v %s", err, out)
			}
			tm.exited()
			if alt := strings.TrimSpace(tm.tmux("display-message", "-p", "#{alternate_on}")); alt != "0" {
				t.Errorf("terminal left in the alternate screen after %s", sig)
			}
			if p := progressJSON(t, db); p.Chapters[0].Answered != 1 {
				t.Errorf("after %s: answered %d, want 1", sig, p.Chapters[0].Answered)
			}
		})
	}
}

func sigName(s syscall.Signal) string {
	if s == syscall.SIGHUP {
		return "HUP"
	}
	return "TERM"
}

// A damaged progress file: a clear message naming the file and what to do,
// a non-zero exit, and the file left exactly as it was.
func TestRealTerminalDamagedFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	junk := bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096)
	if err := os.WriteFile(db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, "--db", db)
	if st := tm.exited(); st != "1" {
		t.Fatalf("exit status %q, want 1", st)
	}
	screen := tm.screen()
	for _, want := range []string{filepath.Base(db), "is not a progress database", "doctor --reset", "Nothing was changed"} {
		if !strings.Contains(strings.ReplaceAll(screen, "\n", ""), want) {
			t.Errorf("message lacks %q:\n%s", want, screen)
		}
	}
	if got, _ := os.ReadFile(db); !bytes.Equal(got, junk) {
		t.Fatal("the damaged file was changed")
	}
}

// NO_COLOR: the tutor works, and NO_COLOR means no colour. TERM=dumb: the
// tutor runs in line mode (issue 13), which works in the same window.
func TestRealTerminalNoColorAndDumb(t *testing.T) {
	for _, env := range []string{"NO_COLOR=1", "TERM=dumb"} {
		t.Run(env, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			tm := startTermEnv(t, env, "--db", db)
			if env == "TERM=dumb" {
				tm.waitFor("line mode", "Choose a number")
				tm.keys("chapters", "Enter")
				tm.waitFor("Chapter number to read")
				tm.keys("1", "Enter")
				tm.waitFor("Chapter 1 of 16", "Enter for more")
				tm.keys("q", "Enter")
				tm.waitFor("Chapter number to read")
				tm.keys("Enter")
				tm.keys("quit", "Enter")
				if st := tm.exited(); st != "0" {
					t.Fatalf("exit status %s", st)
				}
				return
			}
			tm.waitFor("Press enter to begin")
			tm.keys("Enter")
			tm.waitFor("quizzes passed")
			tm.keys("Enter")
			tm.waitFor("Chapter 1 of 16", "By the end of this chapter")
			colored := tm.tmux("capture-pane", "-p", "-e")
			if m := colourCode.FindString(colored); m != "" {
				t.Fatalf("NO_COLOR screen has the colour code %q", m)
			}
			tm.keys("C-c")
			if st := tm.exited(); st != "0" {
				t.Fatalf("exit status %s", st)
			}
		})
	}
}

// A 10 KB paste into a typed answer is cut to the field's limit and
// nothing breaks.
func TestRealTerminalBigPaste(t *testing.T) {
	tm := startQuizTerm(t, filepath.Join(t.TempDir(), "p.db"))
	for i := 0; i < 9; i++ { // the first typed question is the 10th
		tm.keys("1", "Enter")
		tm.waitFor("Press enter for the")
		tm.keys("Enter")
	}
	tm.waitFor("Type a short answer")
	tm.tmux("set-buffer", strings.Repeat("paste ", 1700))
	tm.tmux("paste-buffer", "-p") // bracketed paste, as a terminal sends it
	tm.keys("Enter")
	screen := tm.waitFor("Your answer:", "Not quite")
	if strings.Count(screen, "paste") > 40 {
		t.Fatalf("the paste was not bounded:\n%s", screen)
	}
	tm.keys("C-c")
	tm.exited()
}

// colourCode matches an SGR sequence that sets a colour (not the defaults
// 39/49, which only reset).
var colourCode = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25];[0-9;]+|48;[25];[0-9;]+)(?:;[0-9;]*)?m`)
