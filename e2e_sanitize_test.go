package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startTermClipboard is startTermEnv with tmux accepting clipboard writes
// (OSC 52) from the program, as many terminals do: the binary waits on a
// tmux channel until the option is set, so nothing races.
func startTermClipboard(t *testing.T, args ...string) *screenTerm {
	t.Helper()
	needTmux(t)
	tm := &screenTerm{t: t, socket: fmt.Sprintf("bt-%d-%d", os.Getpid(), time.Now().UnixNano())}
	home := t.TempDir()
	cmd := fmt.Sprintf("tmux -L %s wait-for go; cd %q && HOME=%q XDG_DATA_HOME=%q COLORTERM=truecolor %q %s; s=$?; echo; echo \"[tutor exited $s]\"; sleep 3600",
		tm.socket, home, home, home, binPath, strings.Join(quoteAll(args), " "))
	tm.tmux("new-session", "-d", "-x", "80", "-y", "24", cmd)
	t.Cleanup(func() { tm.tmux("kill-server") })
	tm.tmux("set-option", "-s", "set-clipboard", "on")
	tm.tmux("wait-for", "-S", "go")
	return tm
}

// assertTerminalUntouched fails if the program retitled the pane or wrote
// the clipboard.
func (tm *screenTerm) assertTerminalUntouched() {
	tm.t.Helper()
	if title := tm.tmux("display-message", "-p", "#{pane_title}"); strings.Contains(title, "PWNED") {
		tm.t.Errorf("the pane's title was changed to %q", strings.TrimSpace(title))
	}
	if bufs := tm.tmux("list-buffers"); strings.TrimSpace(bufs) != "" {
		tm.t.Errorf("the clipboard was written: %s", bufs)
	}
}

// Character references in a chapter decode to escape sequences after the
// source is sanitised; printed to a terminal, they set its title and wrote
// its clipboard (issue 8, item 7). A hostile file name did the same through
// validate's messages (item 8).
func TestRealTerminalHostilePack(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "---\nid: refs\ntitle: Refs\nsummary: s\norder: 1\n---\n# Refs\n\n"+
		"Title &#x1b;]0;PWNED&#x7; and clip &#27;]52;c;SElKQUNLRUQ=&#7; and &#x202e;gnp.exe done.\n")
	db := filepath.Join(t.TempDir(), "p.db")

	tm := startTermClipboard(t, "--content", dir, "--db", db, "read", "1")
	screen := tm.waitFor("[tutor exited 0]")
	if !strings.Contains(screen, "done.") || !strings.Contains(screen, `\u202egnp.exe`) || !strings.Contains(screen, `\x1b]0;PWNED\x07`) {
		t.Errorf("the chapter is not shown as it should be:\n%s", screen)
	}
	tm.assertTerminalUntouched()

	// The tutor: Bubble Tea drops the OSC sequences itself, but put the
	// override on the screen raw.
	tm = startTermClipboard(t, "--content", dir, "--db", db)
	tm.waitFor("Press enter to begin")
	tm.keys("Enter")
	tm.waitFor("1. Refs")
	tm.keys("Enter")
	screen = tm.waitFor(`\u202egnp.exe`, `\x1b]0;PWNED\x07`)
	if strings.ContainsRune(screen, '\u202e') {
		t.Errorf("a raw bidi override on the tutor's screen:\n%s", screen)
	}
	tm.assertTerminalUntouched()
	tm.keys("q") // back home first: ctrl+c in the reader can hang (issue 8, item 4)
	tm.waitFor("1. Refs")
	tm.keys("C-c")
	tm.exited()

	bad := t.TempDir()
	writeFile(t, filepath.Join(bad, "b\x1b]0;PWNED\x07\x1b]52;c;SElKQUNLRUQ=\x07.md"), "no front matter\n")
	tm = startTermClipboard(t, "validate", bad)
	tm.waitFor("[tutor exited 1]", `\x1b]0;PWNED\x07\x1b]52;c;SElK`, `.md:1: missing front matter`)
	tm.assertTerminalUntouched()
}
