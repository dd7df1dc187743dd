package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// firstNonASCII is the first byte of s at or above 0x80 with a little of
// what surrounds it, or "".
func firstNonASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return s[max(0, i-30):min(len(s), i+30)]
		}
	}
	return ""
}

// With a locale without UTF-8 (LC_ALL=C) every command prints ASCII only:
// bars, ticks, arrows, dashes and quotes become their ASCII stand-ins
// (render.ASCII over the one writer every command prints through, run in
// main.go). The guide and the tutor's own words hold nothing else; text a
// learner's pack supplies in another script is printed as it is (there is
// no ASCII form of 日本語), which TestASCIIKeepsPackText shows.
func TestEveryCommandASCIIUnderCLocale(t *testing.T) {
	t.Setenv("LC_ALL", "C")
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	seedFinished(t, db, 5) // results, a due review, a chapter in progress
	t.Setenv("XDG_CONFIG_HOME", dir)
	exp := filepath.Join(dir, "me.json")
	if code, _, errOut := runCLI(t, "--db", db, "export", "--learner", "Ann", "-o", exp); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	port := freeLoopbackPort(t)
	for _, args := range [][]string{
		{"list"}, {"progress"}, {"progress", "--json"}, {"review"}, {"lab", "list"},
		{"lab", "check", "hello-server", "--url", "http://127.0.0.1:" + port}, {"search", "status code"},
		{"read", "1", "--plain"}, {"read", "3", "--plain"}, {"doctor"}, {"config"}, {"report", exp},
		{"version"}, {"--help"}, {"validate", "--strict", "no-such-folder"},
	} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code == 2 {
			t.Errorf("%v: usage error: %s", args, errOut)
		}
		if s := firstNonASCII(out + errOut); s != "" {
			t.Errorf("%v: a byte beyond ASCII in %q", args, s)
		}
	}
}

// --ascii does the same under a UTF-8 locale.
func TestASCIIFlagForCommands(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	db := filepath.Join(t.TempDir(), "p.db")
	seedFinished(t, db, 5)
	for _, args := range [][]string{{"list"}, {"progress"}} {
		_, utf8Out, _ := runCLI(t, append([]string{"--db", db}, args...)...)
		if firstNonASCII(utf8Out) == "" {
			t.Fatalf("%v: no glyph to replace under UTF-8; the test proves nothing:\n%s", args, utf8Out)
		}
		_, out, errOut := runCLI(t, append([]string{"--db", db, "--ascii"}, args...)...)
		if s := firstNonASCII(out + errOut); s != "" {
			t.Errorf("%v --ascii: a byte beyond ASCII in %q", args, s)
		}
	}
}

// A pack's own text in another script is printed as it is under LC_ALL=C:
// there is no ASCII form of it; the tutor's glyphs around it are still
// replaced.
func TestASCIIKeepsPackText(t *testing.T) {
	t.Setenv("LC_ALL", "C")
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "01-intro.md"), "---\nid: intro\ntitle: はじめに\nsummary: 最初の章\norder: 1\n---\n\n# はじめに\n\nHTTP \u2014 text.\n")
	code, out, errOut := runCLI(t, "--db", filepath.Join(t.TempDir(), "p.db"), "--content", dir, "list")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "はじめに") {
		t.Errorf("the pack's title is not printed as it is:\n%s", out)
	}
	if strings.ContainsAny(out, "\u2014·█░") {
		t.Errorf("a glyph kept under LC_ALL=C:\n%s", out)
	}
}

// Machine-readable output stays machine-readable, and says the same, under
// --ascii (or LC_ALL=C, as cron jobs often run): JSON carries text beyond
// ASCII as \u escapes, and CSV stays CSV. (The glyph stand-ins turned a
// title's “quotes” into bare " inside JSON strings and CSV fields.)
func TestASCIIKeepsJSONAndCSVValid(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	title := "The “Hello” chapter — 日本"
	writeFile(t, filepath.Join(dir, "01-intro.md"), "---\nid: intro\ntitle: "+title+"\nsummary: s\norder: 1\n---\n\n# Intro\n\nText.\n")
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := runCLI(t, "--db", db, "--content", dir, "export", "--learner", "Ann", "-o", filepath.Join(t.TempDir(), "x.json")); code != 0 {
		t.Fatalf("first export: exit %d: %s", code, errOut) // names the learner
	}
	for _, args := range [][]string{{"progress", "--json"}, {"export"}} {
		code, out, errOut := runCLI(t, append([]string{"--db", db, "--content", dir, "--ascii"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if s := firstNonASCII(out); s != "" {
			t.Errorf("%v: a byte beyond ASCII in %q", args, s)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: not JSON under --ascii: %v\n%s", args, err, out)
		}
		if !strings.Contains(fmt.Sprint(v), title) {
			t.Errorf("%v: the title did not come through whole:\n%s", args, out)
		}
	}
	code, out, errOut := runCLI(t, "--db", db, "--content", dir, "--ascii", "export", "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil {
		t.Errorf("export --format csv under --ascii is not CSV: %v\n%s", err, out)
	}
	// The class report's CSV, of a learner whose name has curly quotes.
	db2, exp := filepath.Join(t.TempDir(), "q.db"), filepath.Join(t.TempDir(), "q.json")
	if code, _, errOut := runCLI(t, "--db", db2, "export", "--learner", "Ann “Q” Lee", "-o", exp); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	code, out, errOut = runCLI(t, "--ascii", "report", "--csv", exp)
	if code != 0 {
		t.Fatalf("report --csv: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[1][0] != `Ann "Q" Lee` {
		t.Errorf("report --csv under --ascii: %v, %q\n%s", err, rows, out)
	}
}
