package progress

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A full disk: saving fails with an error, and everything saved before is
// still there, undamaged. Needs a small filesystem, so it mounts a 512 KiB
// tmpfs; where mounting isn't allowed (not root, no CAP_SYS_ADMIN) it skips.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small filesystem here: %v %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })

	path := filepath.Join(dir, "progress.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt("ch", "h", []string{"q1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer("ch", a.ID, Answer{QuestionID: "q1", QuestionHash: "x", Given: []string{"yes"}, Correct: true, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// Fill the disk, then keep saving until a save fails.
	filler, _ := os.Create(filepath.Join(dir, "filler"))
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break
		}
	}
	filler.Close()
	// Each attempt below is ~50 KB, so the file must grow.
	var big []string
	for i := range 200 {
		big = append(big, strings.Repeat("q", 200)+strconv.Itoa(i))
	}
	var saveErr error
	for i := 0; i < 200 && saveErr == nil; i++ {
		saveErr = s.SaveReading("ch", "h", i, i%100)
		if saveErr == nil {
			_, saveErr = s.StartAttempt("big", "h", big, nil)
		}
	}
	if saveErr == nil {
		t.Fatal("no save failed on a full disk")
	}
	t.Logf("save on a full disk: %v", saveErr)

	// Everything saved before is intact, and the file checks clean.
	os.Remove(filepath.Join(dir, "filler"))
	if err := Check(path); err != nil {
		t.Fatalf("file damaged by a failed save: %v", err)
	}
	atts, err := s.Attempts("ch")
	if err != nil || len(atts) == 0 || len(atts[0].Answers) != 1 || !atts[0].Answers[0].Correct {
		t.Fatalf("the first answer did not survive: %+v %v", atts, err)
	}
}
