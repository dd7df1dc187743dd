package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The empty-folder message names the folder as a clean path, however it
// was typed: never DIR/. or DIR//.
func TestValidateEmptyFolderPath(t *testing.T) {
	dir := t.TempDir()
	for _, arg := range []string{dir, dir + "/", dir + "//", dir + "/."} {
		code, _, errOut := runCLI(t, "validate", arg)
		want := filepath.Clean(dir) + ": no chapters found"
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("validate %q: exit %d, stderr %q; want exit 1 and %q", arg, code, errOut, want)
		}
		if first, _, _ := strings.Cut(errOut, "\n"); strings.Contains(first, "/.") || strings.Contains(first, "//") {
			t.Errorf("validate %q: unclean path in %q", arg, first)
		}
	}
}

// Authoring-rule warnings leave validate's exit status 0; --strict makes
// them errors (exit 1). The built-in guide passes --strict.
func TestValidateStrict(t *testing.T) {
	chapter := "---\nid: a\ntitle: A\nsummary: s\norder: 1\n---\n# A\n\n"
	bad, good := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(bad, "a.md"), chapter+"```\ncode\n```\n")
	writeFile(t, filepath.Join(good, "a.md"), chapter+"```text\ncode\n```\n")
	// a quiz's explanation is markdown too: its code block at line 9
	writeFile(t, filepath.Join(bad, "a.quiz.yaml"), "chapter: a\nquestions:\n  - id: q\n    kind: truefalse\n"+
		"    prompt: p\n    answer: true\n    explanation: |\n      See:\n      ```\n      GET /\n      ```\n")
	warning := filepath.Join(bad, "a.md") + ":9: warning: code block names no language"
	quizWarning := filepath.Join(bad, "a.quiz.yaml") + ":9: warning: code block names no language"
	refused := filepath.Join(bad, "a.md") + ":9: error (--strict): code block names no language"
	cases := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"validate", bad}, 0, "ok —", warning},
		{[]string{"validate", bad}, 0, "ok —", quizWarning},
		{[]string{"validate", "--strict", bad}, 1, "", refused},
		{[]string{"validate", bad, "--strict"}, 1, "", "2 authoring rule(s) broken"},
		{[]string{"validate", "--strict", good}, 0, "ok —", ""},
		{[]string{"validate", "--strict", "content/guide"}, 0, "content/guide: ok — 16 chapters", ""},
		{[]string{"validate", "--strict", "content/packtemplate"}, 0, "content/packtemplate: ok", ""},
		{[]string{"validate", "--strict", "testdata/packs/ja-http", "testdata/packs/he-http"}, 0, "testdata/packs/he-http: ok", ""},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.errOut) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				c.args, code, out, errOut, c.code, c.out, c.errOut)
		}
		if c.code != 0 && strings.Contains(out, "ok") {
			t.Errorf("%v: refused, yet stdout says ok: %q", c.args, out)
		}
	}
	if _, _, errOut := runCLI(t, "validate", "--strict", "content/guide"); strings.Contains(errOut, "warning") || strings.Contains(errOut, "error") {
		t.Errorf("the guide breaks its own authoring rules:\n%s", errOut)
	}
}

// validate and version read none of the global flags, so their --help
// lists only their own.
func TestOwnFlagsHelp(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"validate", "--help"}, "Usage: backend-tutor validate [--strict] DIR...\n  -strict\n"},
		{[]string{"version", "--help"}, "Usage: backend-tutor version\n"},
		{[]string{"version", "-h"}, "Usage: backend-tutor version\n"},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, c.args...)
		if code != 0 || !strings.HasPrefix(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 0 and %q", c.args, code, errOut, c.want)
		}
		for _, global := range []string{"--db", "--content", "--profile"} {
			if strings.Contains(errOut, global) {
				t.Errorf("%v lists the global flag %s:\n%s", c.args, global, errOut)
			}
		}
	}
}
