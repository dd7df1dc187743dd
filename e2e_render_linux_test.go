package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// Proves (issue 8 item 6) with the real binary: a 1 MiB chapter that is one
// 5,000-column table opens at once (as plain text), and a storm of 40
// resizes while it is open neither piles up renders nor grows memory: the
// tutor shows the chapter at the final size, its peak memory stays far
// under 200 MB, and it quits normally. (Before, each resize started a
// full render of about 450 MB until the process died.)
func TestRealTerminalHugeTableResizeStorm(t *testing.T) {
	dir := t.TempDir()
	const front = "---\nid: huge-table\ntitle: A huge table\nsummary: One table of 5,000 columns.\norder: 1\n---\n\n"
	body := benchgen.WorstShape("wide table", content.MaxFileSize-len(front))
	if err := os.WriteFile(filepath.Join(dir, "01-huge.md"), []byte(front+body), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, "--content", dir, "--db", filepath.Join(t.TempDir(), "p.db"))
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("A huge table")
	tm.keys("Enter")
	tm.waitFor("too large to format")
	pid := tm.pid()
	for i := range 40 {
		tm.tmux("resize-window", "-x", strconv.Itoa(40+(i*7)%80), "-y", strconv.Itoa(16+i%10))
	}
	tm.tmux("resize-window", "-x", "100", "-y", "24")
	tm.waitFor("This chapter is too large to format quickly, so it is shown as plain text.")
	status, err := os.ReadFile(fmt.Sprintf("/proc/%s/status", pid))
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Fatalf("no VmHWM in /proc/%s/status", pid)
	}
	if kb, _ := strconv.Atoi(string(m[1])); kb > 200<<10 {
		t.Fatalf("peak memory %d MB after the resize storm, over 200 MB", kb>>10)
	}
	tm.keys("C-c")
	if code := tm.exited(); code != "0" {
		t.Fatalf("exit status %s", code)
	}
}

// Proves (issue 8 item 5) with the real binary: the tutor started on a pack
// whose glossary.yaml is a named pipe says so, naming the file, and exits;
// it does not wait for ever on the pipe.
func TestRealTerminalPackWithPipe(t *testing.T) {
	dir := t.TempDir()
	const chapter = "---\nid: alpha\ntitle: Alpha\nsummary: A chapter.\norder: 1\n---\n\n# Alpha\n\nText.\n"
	if err := os.WriteFile(filepath.Join(dir, "01-alpha.md"), []byte(chapter), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "glossary.yaml"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	tm := startTerm(t, "--content", dir, "--db", filepath.Join(t.TempDir(), "p.db"))
	if code := tm.exited(); code != "1" {
		t.Fatalf("exit status %s; screen:\n%s", code, tm.screen())
	}
	tm.waitFor("glossary.yaml: it is a named pip") // the line wraps at 80 columns
}
