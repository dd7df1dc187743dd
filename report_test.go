package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"backend-tutor/internal/classreport"
)

// writeExport writes a hand-made export (as a hostile file could be) to dir.
func writeExport(t *testing.T, dir, name string, e *classreport.Export) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := classreport.WriteJSON(f, e); err != nil {
		t.Fatal(err)
	}
	return p
}

var hostileNames = []string{"Eve\x1b]0;owned\x07\x1b[2J", "<script>alert(1)</script>", "Mallory\u202egnp.exe", "=HYPERLINK(\"http://x\")", "学習者の山田太郎さんです"}

func hostileClass(t *testing.T, dir string) []string {
	t.Helper()
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	var files []string
	for i, name := range hostileNames {
		e := &classreport.Export{Schema: classreport.Schema}
		for c, ch := range []string{"intro", "http\x1b[31m", "db"} {
			e.Records = append(e.Records, classreport.Record{Learner: name, Pack: "guide", Chapter: ch,
				Title: "Title\x1b]8;;http://evil\x07 " + name, ReadPercent: 100, Attempts: 1, BestScore: 50 + 10*c, Passed: c > 0, FirstActivity: &at})
		}
		e.Answers = append(e.Answers, classreport.Answer{ID: name, Learner: name, Pack: "guide", Chapter: "intro", Question: "q\x1b[2J" + name, Correct: false, At: at})
		files = append(files, writeExport(t, dir, strings.Repeat("x", i+1)+".json", e))
	}
	return files
}

// The terminal table of hostile names: no control reaches the output, and
// at a given width every line fits.
func TestReportTerminalHostile(t *testing.T) {
	files := hostileClass(t, t.TempDir())
	code, out, errOut := runCLI(t, append([]string{"report"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("a control or bidi override reached the output:\n%q", out)
	}
	if !strings.Contains(out, "5 learners, 3 chapters, 5 exports") || !strings.Contains(out, "60 ✓") {
		t.Errorf("table:\n%s", out)
	}
	class, err := mergeFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{30, 40, 80} {
		for _, line := range strings.Split(classText(class, w), "\n") {
			if ansi.StringWidth(line) > w {
				t.Errorf("width %d: line of %d columns: %q", w, ansi.StringWidth(line), line)
			}
		}
	}
}

func TestReportCSVAndHTML(t *testing.T) {
	dir := t.TempDir()
	files := hostileClass(t, dir)
	code, out, errOut := runCLI(t, append([]string{"report", "--csv"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "learner" || rows[0][2] != "guide/intro best_score" {
		t.Fatalf("csv:\n%s", out)
	}
	for _, row := range rows {
		if c := row[0]; strings.ContainsRune("=+-@", rune(c[0])) {
			t.Errorf("formula cell %q", c)
		}
	}
	page := filepath.Join(dir, "class.html")
	if code, _, errOut := runCLI(t, append([]string{"report", "--html", page}, files...)...); code != 0 {
		t.Fatalf("--html: exit %d: %s", code, errOut)
	}
	html, _ := os.ReadFile(page)
	if strings.Contains(string(html), "<script") || strings.ContainsRune(string(html), 0x1b) {
		t.Error("the page holds a script or a raw escape")
	}
	if code, _, errOut := runCLI(t, append([]string{"report", "--html", page}, files...)...); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("--html over an existing file: exit %d: %s", code, errOut)
	}
}

// A file of another schema (or a CSV export) is refused, named escaped,
// and nothing is printed.
func TestReportRefusesUnknownSchema(t *testing.T) {
	dir := t.TempDir()
	good := hostileClass(t, dir)[0]
	for body, want := range map[string]string{
		`{"schema":"backend-tutor-export/7","records":[]}`: `schema "backend-tutor-export/7"`,
		"learner,profile,pack\nAda,default,guide\n":        "CSV exports are for spreadsheets",
		`{"profile":"default","chapters":[]}`:              "expected a JSON file",
	} {
		bad := filepath.Join(dir, "room\x1b[2J.json")
		os.WriteFile(bad, []byte(body), 0o600)
		code, out, errOut := runCLI(t, "report", good, bad)
		if code != 1 || out != "" || !strings.Contains(errOut, `room\x1b[2J.json`) || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, out %q, err %q", body, code, out, errOut)
		}
	}
}
