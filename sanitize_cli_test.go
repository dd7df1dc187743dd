package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawControl is the first control, C1 or bidi override in s that a terminal
// would act on, or "" (tabs and newlines are allowed).
func rawControl(s string) string {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == '\ufffd' {
			return string(r)
		}
	}
	return ""
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// File names and paths are printed escaped, never raw (issue 8, item 8): a
// chapter file named ESC ] 0 ; ... BEL retitled the terminal through
// validate's file:line messages and the other commands' errors.
func TestHostileNamesAreEscaped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "b\x1b]0;PWNED\x07.md"), "no front matter\n")
	writeFile(t, filepath.Join(dir, "c\nd\u202e.md"), "no front matter\n")
	db := filepath.Join(t.TempDir(), "p.db")
	for _, args := range [][]string{
		{"validate", dir}, {"--content", dir, "list"}, {"--content", dir, "read", "1"},
		{"--content", dir, "progress", "--json"}, {"--content", dir, "--db", db},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		if c := rawControl(out + errOut); c != "" {
			t.Errorf("%v: output holds %q raw:\n%q\n%q", args, c, out, errOut)
		}
		if args[0] == "--content" && args[len(args)-1] == db {
			continue // the tutor itself: needs a terminal before anything else
		}
		for _, want := range []string{
			`b\x1b]0;PWNED\x07.md:1: missing front matter`,
			`c\nd\u202e.md:1: missing front matter`, // one problem, one line
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, errOut)
			}
		}
	}

	// A folder or --db path with a control in its name, in stdout and stderr.
	good := filepath.Join(t.TempDir(), "ok\x1b]0;PWNED\x07")
	if err := os.Mkdir(good, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(good, "a.md"), "---\nid: a\ntitle: A\nsummary: s\norder: 1\n---\ntext\n")
	evilDB := filepath.Join(t.TempDir(), "p\x1b]0;PWNED\x07.db")
	for _, c := range []struct {
		args     []string
		code     int
		stream   int // 1 stdout, 2 stderr
		contains string
	}{
		{[]string{"validate", good}, 0, 1, `ok\x1b]0;PWNED\x07: ok — 1 chapter,`},
		{[]string{"validate", good + "\x1b[2J-missing"}, 1, 2, `ok\x1b]0;PWNED\x07\x1b[2J-missing: no such file`},
		{[]string{"--db", evilDB, "doctor"}, 0, 1, `p\x1b]0;PWNED\x07.db: it is created`},
		{[]string{"list", "--\x1b]0;PWNED\x07"}, 2, 2, `-\x1b]0;PWNED\x07`},
		{[]string{"read", "\x1b]0;PWNED\x07"}, 1, 2, `no chapter has the id "\x1b]0;PWNED\a"`},
	} {
		code, out, errOut := runCLI(t, c.args...)
		got := map[int]string{1: out, 2: errOut}[c.stream]
		if code != c.code || !strings.Contains(got, c.contains) || rawControl(out+errOut) != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errOut, c.code, c.contains)
		}
	}
}

// A file name that is not UTF-8 is named (escaped) with what is wrong, not
// "cannot read: invalid argument".
func TestNonUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "caf\xe9.md"), "---\nid: a\ntitle: A\nsummary: s\norder: 1\n---\ntext\n")
	code, _, errOut := runCLI(t, "validate", dir)
	want := filepath.Join(dir, `caf\xe9.md`) + ": the file name is not valid UTF-8: rename the file"
	if code != 1 || !strings.Contains(errOut, want) || rawControl(errOut) != "" {
		t.Fatalf("exit %d, stderr %q; want exit 1 and %q", code, errOut, want)
	}
}

// progress --json escapes C1 controls, DEL and bidi overrides as \u
// sequences (issue 8, item 9); the JSON still means the same title.
func TestProgressJSONEscapesControls(t *testing.T) {
	dir := t.TempDir()
	// YAML's \N is U+0085; \x9b, \x7f and \u202e are what they say.
	writeFile(t, filepath.Join(dir, "a.md"), "---\nid: a\ntitle: \"A\\N\\x9b31m\\x7f\\u202egnp\\u200f\"\nsummary: s\norder: 1\n---\ntext\n")
	code, out, errOut := runCLI(t, "--content", dir, "--db", filepath.Join(t.TempDir(), "p.db"), "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`\u0085`, `\u009b31m`, `\u007f`, `\u202egnp`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s:\n%s", want, out)
		}
	}
	if c := rawControl(out); c != "" {
		t.Errorf("JSON holds %q raw:\n%q", c, out)
	}
	var rep progressReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if got := rep.Chapters[0].Title; got != "A\u0085\u009b31m\x7f\u202egnp\u200f" {
		t.Errorf("title read back as %q", got)
	}
}
