package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var searchLine = regexp.MustCompile(`^([a-z0-9-]+(?:/quiz)?|glossary):(\d+): (.*)$`)

// Every line of `search` is CHAPTER:LINE: text, and for chapter text LINE
// is the line of `read CHAPTER --plain` that holds text: a script can go
// from one to the other.
func TestSearchCommandLinesPointIntoRead(t *testing.T) {
	code, out, errOut := runCLI(t, "search", "HTTP", "method")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("only %d lines: %q", len(lines), out)
	}
	plain := map[string][]string{}
	kinds := map[string]bool{}
	for _, l := range lines {
		m := searchLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line not CHAPTER:LINE: text: %q", l)
		}
		if !strings.Contains(strings.ToLower(m[3]), "http method") {
			t.Errorf("line without the term: %q", l)
		}
		place, n := m[1], m[2]
		kinds[strings.TrimLeft(place, "abcdefghijklmnopqrstuvwxyz0123456789-")] = true
		if strings.Contains(place, "/") || place == "glossary" || n == "0" {
			continue
		}
		if plain[place] == nil {
			_, body, _ := runCLI(t, "read", place, "--plain")
			plain[place] = strings.Split(body, "\n")
		}
		i, _ := strconv.Atoi(n)
		if i < 1 || i > len(plain[place]) || strings.TrimRight(plain[place][i-1], " ") != m[3] {
			t.Errorf("%s: line %s of `read %s --plain` is not %q", l, n, place, m[3])
		}
	}
	if !kinds[""] {
		t.Errorf("no chapter text found: %q", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences in piped output")
	}
}

func TestSearchCommandExitCodes(t *testing.T) {
	for _, c := range []struct {
		args   []string
		code   int
		errOut string
	}{
		{[]string{"search", "zzqx-nothing"}, 1, `nothing matches "zzqx-nothing"`},
		// attack: the query was shown with its escape sequence dropped and
		// its bidi override escaped twice ("x\\u202e"): a message shows a
		// learner's text escaped once, nothing dropped
		{[]string{"search", "zzqx\x1b]0;T\x07\u202e"}, 1, `nothing matches "zzqx\x1b]0;T\x07\u202e"`},
		{[]string{"search"}, 2, "name what to look for"},
		{[]string{"search", "  ", "\t"}, 2, "name what to look for"},
		{[]string{"search", "--frob", "x"}, 2, "flag provided but not defined"},
		{[]string{"search", "--help"}, 0, "CHAPTER-ID:LINE: text"},
		{[]string{"search", "--", "-X"}, 0, ""},
		{[]string{"search", "idempotent", "--content", "does-not-exist"}, 1, "does-not-exist"},
	} {
		code, _, errOut := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.errOut) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.errOut)
		}
	}
	// the questions' answers are not searched: this option text is only an answer
	if code, out, _ := runCLI(t, "search", "The CSS rules of a button"); code != 1 {
		t.Errorf("an answer option was found: %q", out)
	}
}

// A hostile pack: escape sequences in the text never reach the terminal,
// also when the match cuts through one.
func TestSearchCommandHostilePack(t *testing.T) {
	dir := t.TempDir()
	hostile := "\x1b]52;c;aGVsbG8=\x07\x1b[2J\u009b31m\u202e"
	chapter := "---\nid: h\ntitle: T\nsummary: s\norder: 1\n---\n# Heading " + hostile + "\n\nBody " + hostile + " end\n"
	if err := os.WriteFile(filepath.Join(dir, "h.md"), []byte(chapter), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"body", "[2j", "52;c"} {
		code, out, errOut := runCLI(t, "--content", dir, "search", q)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", q, code, errOut)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Errorf("%q: output contains %q", q, bad)
			}
		}
	}
}

// On a terminal the matches are highlighted (reverse video); the real
// binary in tmux.
func TestRealTerminalSearchHighlights(t *testing.T) {
	tm := startTerm(t, "search", "idempotent")
	if s := tm.exited(); s != "0" {
		t.Fatalf("exit %s:\n%s", s, tm.screen())
	}
	screen := tm.tmux("capture-pane", "-p", "-e")
	if !regexp.MustCompile(`\x1b\[[0-9;]*7[0-9;]*m[Ii]dempotent`).MatchString(screen) {
		t.Errorf("no highlighted match on the terminal:\n%q", screen)
	}
	if !strings.Contains(tm.screen(), "http-essentials/quiz:") {
		t.Errorf("no quiz line:\n%s", tm.screen())
	}
}

// Issue 9's regression, kept by the search that replaced the home filter:
// "/ http enter enter esc" on home, then back to the chapter list, which
// must list the chapters (the old filter left "No chapters.").
func TestRealTerminalSlashHTTPEnterEnterEsc(t *testing.T) {
	tm := startTerm(t)
	tm.waitFor("Press enter to begin.")
	tm.keys("Enter")
	tm.waitFor("HTTP essentials", "quit")
	tm.keys("/", "http", "Enter", "Enter")
	tm.waitFor("Chapter ")
	tm.keys("Escape")
	// Back at the results it came from; one more esc is home. One esc per
	// screen: two sent at once reach the tutor as one alt+esc.
	tm.waitFor("matches", "esc back")
	tm.keys("Escape")
	tm.waitFor("q quit")
	s := tm.screen()
	if strings.Contains(s, "No chapters") || !strings.Contains(s, "HTTP essentials") {
		t.Fatalf("the home list is empty after returning:\n%s", s)
	}
}
