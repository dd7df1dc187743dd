package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	cases := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"version"}, 0, "(commit ", ""},
		{[]string{"--help"}, 0, "Usage:", ""},
		{[]string{"--db", db, "list"}, 0, "3   http-essentials", ""},
		{[]string{"list", "--db", db}, 0, "not started", ""},
		{[]string{"--db", db, "read", "1", "--plain"}, 0, "# What backend development is", ""},
		{[]string{"--db", db, "read", "http-essentials"}, 0, "HTTP", ""},
		{[]string{"--db", db, "read", "99"}, 1, "", "there is no chapter 99"},
		{[]string{"--db", db, "read", "nope"}, 1, "", `no chapter has the id "nope"`},
		{[]string{"--db", db, "read"}, 2, "", "name one chapter"},
		{[]string{"read", "--help"}, 0, "", "Usage: backend-tutor read"},
		{[]string{"validate", "content/guide"}, 0, "ok — 16 chapters", ""},
		{[]string{"validate"}, 2, "", "name the content folder"},
		{[]string{"validate", "does-not-exist"}, 1, "", "does-not-exist"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"--db"}, 2, "", "needs a value"},
		{[]string{"--db", db, "doctor"}, 0, "No progress file yet", ""},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.errOut) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				c.args, code, trim(out), trim(errOut), c.code, c.out, c.errOut)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("read-only commands created the progress file")
	}
}

func trim(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// A broken pack is reported file:line, every problem, with exit status 1.
func TestValidateReportsFileAndLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\nid: a\ntitle: A\nsummary: s\norder: 1\n---\n# A\ntext\n")
	write("a.quiz.yaml", "chapter: a\nquestions:\n  - id: q1\n    kind: single\n    prompt: P?\n    options:\n      - text: x\n      - text: y\n    explanation: because\n  - id: q2\n    kind: essay\n    prompt: P2?\n    explanation: e\n")
	write("b.quiz.yaml", "chapter: missing\nquestions:\n  - id: q3\n    kind: truefalse\n    prompt: T?\n    answer: true\n    explanation: e\n")
	code, _, errOut := runCLI(t, "validate", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		filepath.Join(dir, "a.quiz.yaml") + ":6: a single question needs exactly one option",
		filepath.Join(dir, "a.quiz.yaml") + ":11: unknown kind \"essay\"",
		filepath.Join(dir, "b.quiz.yaml") + ":1: quiz for chapter \"missing\"",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q in:\n%s", want, errOut)
		}
	}
}

func TestProgressJSONShape(t *testing.T) {
	code, out, _ := runCLI(t, "--db", filepath.Join(t.TempDir(), "p.db"), "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	chapters := rep["chapters"].([]any)
	if len(chapters) != 16 {
		t.Fatalf("%d chapters", len(chapters))
	}
	first := chapters[0].(map[string]any)
	for _, k := range []string{"id", "title", "questions", "read_percent", "answered", "attempts", "best_score", "passed"} {
		if _, ok := first[k]; !ok {
			t.Errorf("chapter JSON lacks %q: %v", k, first)
		}
	}
}

// doctor reports a damaged file without touching it, and --reset moves it
// aside and starts fresh.
func TestDoctor(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	junk := bytes.Repeat([]byte("not a database "), 1000)
	if err := os.WriteFile(db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "--db", db, "doctor")
	if code != 1 || !strings.Contains(errOut, db) || !strings.Contains(errOut, "doctor --reset") {
		t.Fatalf("doctor on junk: exit %d, stderr %q", code, errOut)
	}
	if got, _ := os.ReadFile(db); !bytes.Equal(got, junk) {
		t.Fatal("doctor changed the damaged file")
	}
	code, _, errOut = runCLI(t, "--db", db, "list")
	if code != 1 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("list on a damaged file: exit %d, stderr %q", code, errOut)
	}
	code, out, _ := runCLI(t, "--db", db, "doctor", "--reset")
	if code != 0 || !strings.Contains(out, "Moved it to") {
		t.Fatalf("doctor --reset: exit %d, %q", code, out)
	}
	matches, _ := filepath.Glob(db + ".damaged-*")
	if len(matches) != 1 {
		t.Fatalf("damaged copy not kept: %v", matches)
	}
	if got, _ := os.ReadFile(matches[0]); !bytes.Equal(got, junk) {
		t.Fatal("the moved-aside file is not the original")
	}
	if code, out, _ := runCLI(t, "--db", db, "doctor"); code != 0 || !strings.Contains(out, "healthy") {
		t.Fatalf("fresh file not healthy: %d %q", code, out)
	}
}

// Escape sequences in a pack never reach the terminal through the commands.
func TestHostilePackCommands(t *testing.T) {
	dir := t.TempDir()
	hostile := "\x1b]52;c;aGVsbG8=\x07\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e"
	// YAML refuses raw control characters, but its "\e" and "\a" escapes
	// produce them; the markdown body can hold anything.
	chapter := "---\nid: h\ntitle: \"Title \\e]0;pwned\\a \\e[2J\"\nsummary: s\norder: 1\n---\n# Heading " + hostile +
		"\n\nBody " + hostile + " [link](http://x/" + hostile + ")\n"
	if err := os.WriteFile(filepath.Join(dir, "h.md"), []byte(chapter), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "p.db")
	for _, args := range [][]string{{"read", "1", "--plain"}, {"read", "h"}, {"list"}, {"progress"}} {
		code, out, errOut := runCLI(t, append([]string{"--content", dir, "--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: output contains %q", args, bad)
			}
		}
		if args[0] == "read" && !strings.Contains(out, "Body") {
			t.Errorf("%v: the text itself is missing: %q", args, out)
		}
	}
}

// The binary must not link the real syntax highlighter: its package
// initialisers cost ~18 ms at every start (see tui/render/nohighlight).
func TestHighlighterIsTheStandIn(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{with .Module}}{{.Dir}}{{end}}", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "github.com/alecthomas/chroma/v2") {
			found = true
			if !strings.Contains(line, filepath.Join("tui", "render", "nohighlight")) {
				t.Errorf("real chroma linked: %s", line)
			}
		}
		if strings.HasPrefix(line, "github.com/alecthomas/chroma/v2/lexers") {
			t.Errorf("chroma's lexers are linked: %s", line)
		}
	}
	if !found {
		t.Log("glamour no longer imports chroma at all")
	}
}

// `read N --plain` is the markdown from its first line; `read --width N`
// into a pipe is formatted at that width, with no escape codes.
func TestReadPipedOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	_, out, _ := runCLI(t, "--db", db, "read", "3", "--plain")
	if !strings.HasPrefix(out, "# HTTP essentials") {
		t.Errorf("read --plain starts %q", trim(out))
	}
	_, out, _ = runCLI(t, "--db", db, "read", "3", "--width", "50")
	if strings.Contains(out, "\x1b") || strings.Contains(out, "## ") || strings.HasPrefix(out, "\n") {
		t.Errorf("read --width 50 into a pipe: %q", trim(out))
	}
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 50 {
			t.Errorf("line of %d columns at --width 50: %q", n, l)
		}
	}
	if !strings.Contains(out, "`POST`") {
		t.Errorf("inline code lost its backticks in plain output")
	}
}

// Attack: after "They are kept in p.db.recovery-...; the next start adds
// them", `progress` said "0 answers saved" and nothing else: the answers
// looked lost. It says that recovery files wait (on stderr, so --json
// stays JSON).
func TestProgressMentionsRecoveryFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := runCLI(t, "--db", db, "progress"); code != 0 || errOut != "" {
		t.Fatalf("no recovery file: exit %d, stderr %q", code, errOut)
	}
	if err := os.WriteFile(db+".recovery-1-20260101-000000.0", []byte(`{"op":"welcomed"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"progress"}, {"progress", "--json"}} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 0 || !strings.Contains(errOut, "1 recovery file beside") || !strings.Contains(errOut, "next start") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if strings.Contains(out, "recovery") {
			t.Errorf("%v: the note is on stdout: %q", args, out)
		}
	}
}
