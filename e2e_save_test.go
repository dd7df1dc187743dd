package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/progress"
)

// readingLine is the saved reading position of the first chapter.
func readingLine(t *testing.T, db string) int {
	t.Helper()
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap.Chapters["backend-overview"].Line
}

// startReading starts the tutor on a fresh db and opens the first chapter.
func startReading(t *testing.T, db string) *screenTerm {
	t.Helper()
	tm := startTerm(t, "--db", db)
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("quizzes passed")
	tm.keys("Enter")
	tm.waitFor("Chapter 1 of ", "By the end of this chapter")
	return tm
}

// Issue 8 item 4: ctrl+c within a second of scrolling (before the scroll
// debounce saves) ends the process at once and saves the position; so does
// closing the window (SIGHUP).
func TestRealTerminalQuitRightAfterScrolling(t *testing.T) {
	for _, how := range []string{"ctrl+c", "SIGHUP"} {
		t.Run(how, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			tm := startReading(t, db)
			// One line at a time, each on screen before the next: a signal
			// does not queue behind keys, so all six must have been handled
			// before it is sent. Well within the 1 s scroll debounce.
			for range 6 {
				before := tm.screen()
				tm.keys("j")
				deadline := time.Now().Add(10 * time.Second)
				for tm.screen() == before && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond) // polling the pane; the deadline is only a guard
				}
			}
			if how == "ctrl+c" {
				tm.keys("C-c")
			} else if out, err := exec.Command("kill", "-s", "HUP", tm.pid()).CombinedOutput(); err != nil {
				t.Fatalf("kill: %v %s", err, out)
			}
			if st := tm.exited(); st != "0" {
				t.Fatalf("exit status %s after %s", st, how)
			}
			if line := readingLine(t, db); line != 6 {
				t.Fatalf("after %s right after scrolling: saved line %d, want 6", how, line)
			}
		})
	}
}

// Issue 8 item 1, with the real binary: an answer given while another
// process holds the file's lock is not lost. Quitting while it is still
// held says so on stderr and leaves a recovery file; the next start adds
// the answer to the progress file and deletes the recovery file.
func TestRealTerminalLockedSaveGoesToRecovery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startAtQuiz(t, db) // question 1 answered and saved
	tm.waitFor("Press enter for the next question")
	waitAnswered(t, db, 1)
	holder, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tm.keys("Enter")
	tm.waitFor("Question 2 of 12")
	tm.keys("1", "Enter")
	tm.waitFor("1 answer is waiting")
	tm.keys("C-c")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(tm.screen(), "[tutor exited") {
		if time.Now().After(deadline) {
			t.Fatalf("the tutor did not exit:\n%s", tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	screen := strings.ReplaceAll(tm.screen(), "\n", "")
	if !strings.Contains(screen, "1 answer and") || !strings.Contains(screen, "recovery") {
		t.Fatalf("the learner was not told where the answer went:\n%s", tm.screen())
	}
	// Exit status 1, as line mode's: the answer is not in the progress file.
	if !strings.Contains(screen, "[tutor exited 1]") {
		t.Fatalf("exit status is not 1 with an answer in a recovery file:\n%s", tm.screen())
	}
	files, _ := filepath.Glob(db + ".recovery-*")
	if len(files) != 1 {
		t.Fatalf("recovery files: %v", files)
	}
	holder.Close()

	tm2 := startTerm(t, "--db", db)
	tm2.waitFor("Continue: What backend development is")
	tm2.keys("C-c")
	tm2.exited()
	if p := progressJSON(t, db); p.Chapters[0].Answered != 2 {
		t.Fatalf("after the next start: %+v, want 2 answers", p.Chapters[0])
	}
	if files, _ := filepath.Glob(db + ".recovery-*"); len(files) != 0 {
		t.Fatalf("recovery file not deleted after merging: %v", files)
	}
}

// waitAnswered polls until the file holds n answers for the first chapter
// (a generous deadline, only as a timeout).
func waitAnswered(t *testing.T, db string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for progressJSON(t, db).Chapters[0].Answered != n {
		if time.Now().After(deadline) {
			t.Fatalf("the file never showed %d answers", n)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// Issue 8 item 2, with two real binaries: B was started before A began the
// quiz; when B starts it too, it is offered A's attempt to resume (not a new
// one that abandons A's), and the answers of both are saved to that one
// attempt, none refused.
func TestRealTerminalTwoTutorsSameQuiz(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	a := startTerm(t, "--db", db)
	a.waitFor("Press enter to begin")
	a.keys("Enter")
	a.waitFor("quizzes passed")
	b := startTerm(t, "--db", db)
	b.waitFor("quizzes passed")

	a.keys("t")
	a.waitFor("Question 1 of 12")
	a.keys("1", "Enter")
	a.waitFor("Press enter for the next question")
	waitAnswered(t, db, 1)

	b.keys("t")
	b.waitFor("unfinished quiz")
	b.keys("Enter")
	b.waitFor("Question 2 of 12")
	b.keys("1", "Enter")
	b.waitFor("Press enter for the next question")
	a.keys("Enter")
	a.waitFor("Question 2 of 12")
	a.keys("2", "Enter")
	if s := a.waitFor("Press enter for the next question"); strings.Contains(s, "not being saved") || strings.Contains(s, "refused") {
		t.Fatalf("A's answer was not saved:\n%s", s)
	}
	a.keys("C-c")
	b.keys("C-c")
	a.exited()
	b.exited()
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	atts, err := s.Attempts("backend-overview")
	if err != nil || len(atts) != 1 || len(atts[0].Answers) != 3 || atts[0].Abandoned {
		t.Fatalf("want one attempt with all 3 answers, got %+v (%v)", atts, err)
	}
}

// Attack: a recovery file the start could not merge was named only on the
// one warning line, cut to the window ("! Some saved answers could not be
// a…" at 40 columns; two files' reasons never fit): the learner could not
// find out which file or why. The whole message is printed when the tutor
// ends, escaped like every message.
func TestRealTerminalKeptRecoveryFileExplainedOnQuit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if err := os.WriteFile(db+".recovery-1-x", []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db+".recovery-2-y\x1b]0;T\x07", []byte(`{"op":"bogus"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, "--db", db)
	tm.waitFor("Welcome to", "could not be added yet")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	out := strings.Join(strings.Fields(tm.tmux("capture-pane", "-p", "-J")), " ")
	for _, want := range []string{
		"p.db.recovery-1-x was kept: line 1",
		`p.db.recovery-2-y\x1b]0;T\x07 was kept: line 1: unknown change "bogus"`,
		"next start tries them again",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("after quitting, the screen lacks %q:\n%s", want, out)
		}
	}
}
