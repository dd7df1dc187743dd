package classreport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Hostile strings a learner name, a pack's chapter id or title can hold.
const (
	hostileEsc   = "Eve\x1b]0;owned\x07\x1b[2J"
	hostileHTML  = `</bdi><script>alert(1)</script><img src=x onerror=alert(2)>`
	hostileBidi  = "Mallory\u202egnp.exe"
	hostileForm  = "=HYPERLINK(\"http://evil\",\"x\")"
	hostilePlus  = "+1-2"
	hostileAt    = "@SUM(A1)"
	hostileMinus = "-2+3"
)

var day = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

// export makes one learner's export with the given chapter results
// (score < 0: not started) and answers (question → right).
func export(learner string, scores map[string]int, answers map[string][]bool) *Export {
	e := &Export{Schema: Schema, ExportedAt: day}
	for _, ch := range []string{"intro", "http", hostileHTML} {
		r := Record{Learner: learner, Profile: "p", Pack: "guide", Chapter: ch, Title: "Title of " + ch}
		if s, ok := scores[ch]; ok {
			r.ReadPercent, r.Attempts, r.BestScore, r.Passed = 100, 1, s, s >= 70
			r.FirstActivity, r.LastActivity = &day, &day
		}
		e.Records = append(e.Records, r)
	}
	n := 0
	for q, rs := range answers {
		for _, ok := range rs {
			n++
			e.Answers = append(e.Answers, Answer{ID: fmt.Sprintf("%s-%d", learner, n), Learner: learner, Pack: "guide", Chapter: "http", Question: q, Correct: ok, At: day})
		}
	}
	return e
}

func TestMerge(t *testing.T) {
	a := export("Ann", map[string]int{"intro": 80, "http": 40}, map[string][]bool{"status": {false, true}, "verbs": {false}})
	b := export("Bo", map[string]int{"intro": 60}, map[string][]bool{"status": {false, false}, "verbs": {true}})
	// Ann again, from home: a better http score, and the lab's answers
	// again (imported at home) plus one new one.
	home := export("Ann", map[string]int{"http": 90}, nil)
	home.Answers = append(append(home.Answers, a.Answers...), Answer{ID: "new", Learner: "Ann", Pack: "guide", Chapter: "http", Question: "verbs", Correct: false, At: day})
	c := Merge([]*Export{b, a, home})
	if got := strings.Join(c.Learners, ","); got != "Ann,Bo" {
		t.Fatalf("learners %s", got)
	}
	if len(c.Chapters) != 3 || c.Chapters[0].Chapter != "intro" {
		t.Fatalf("chapters %+v", c.Chapters)
	}
	ann := c.Cells[0]
	if ann[0].BestScore != 80 || !ann[0].Passed || ann[1].BestScore != 90 || !ann[1].Passed || ann[2].Seen {
		t.Errorf("Ann's cells %+v", ann)
	}
	if c.PassedCount(0) != 2 || c.PassedCount(1) != 0 {
		t.Errorf("passed %d, %d", c.PassedCount(0), c.PassedCount(1))
	}
	if Mark(ann[1]) != "90 ✓" || Mark(c.Cells[1][1]) != "–" || Mark(c.Cells[1][0]) != "60" {
		t.Errorf("marks %q %q %q", Mark(ann[1]), Mark(c.Cells[1][1]), Mark(c.Cells[1][0]))
	}
	// status: Ann 1 wrong, Bo 2 wrong → 2 learners, 3 wrong of 4; verbs:
	// Ann 2 wrong (the lab's counted once), Bo right → 1 learner.
	if len(c.Missed) != 2 {
		t.Fatalf("missed %+v", c.Missed)
	}
	if m := c.Missed[0]; m.Question != "status" || m.Learners != 2 || m.Wrong != 3 || m.Answers != 4 {
		t.Errorf("most missed %+v", m)
	}
	if m := c.Missed[1]; m.Question != "verbs" || m.Learners != 1 || m.Wrong != 2 || m.Answers != 3 {
		t.Errorf("second %+v", m)
	}
}

func TestDecodeRefusesOtherSchemas(t *testing.T) {
	for _, in := range []string{`{"schema":"backend-tutor-export/2"}`, `{"profile":"x","chapters":[]}`, "learner,profile\nA,b\n", ``, `[1,2]`} {
		if _, err := Decode(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "not a backend-tutor export") {
			t.Errorf("%q: %v", in, err)
		}
	}
	if _, err := Decode(strings.NewReader(`{"schema":"backend-tutor-export/1","records":[]}`)); err != nil {
		t.Errorf("a valid export: %v", err)
	}
}

// Every cell a spreadsheet might run as a formula starts with a quote, in
// the export CSV and the class CSV alike.
func TestCSVFormulaInjection(t *testing.T) {
	var recs []Record
	for _, s := range []string{hostileForm, hostilePlus, hostileAt, hostileMinus, "\tx", "plain", hostileEsc, hostileBidi} {
		recs = append(recs, Record{Learner: s, Chapter: s, Title: s, Pack: "guide"})
	}
	var buf bytes.Buffer
	if err := WriteRecordsCSV(&buf, recs); err != nil {
		t.Fatal(err)
	}
	checkCells(t, buf.String())
	var exps []*Export
	for _, r := range recs {
		exps = append(exps, &Export{Schema: Schema, Records: []Record{r}})
	}
	buf.Reset()
	if err := Merge(exps).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	checkCells(t, buf.String())
}

func checkCells(t *testing.T, doc string) {
	t.Helper()
	if strings.ContainsAny(doc, "\x1b\x07\u202e") {
		t.Errorf("a control or bidi override reached the CSV:\n%q", doc)
	}
	rows, err := csv.NewReader(strings.NewReader(doc)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q can run as a formula", cell)
			}
			if strings.HasPrefix(cell, "'") {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no cell was quoted")
	}
}

// The page escapes every learner- and content-derived string and has no
// script and nothing from the network.
func TestHTMLEscapes(t *testing.T) {
	var exps []*Export
	for _, name := range []string{hostileEsc, hostileHTML, hostileBidi, hostileForm, "نور"} {
		exps = append(exps, export(name, map[string]int{"intro": 75, hostileHTML: 20}, map[string][]bool{hostileHTML: {false}}))
	}
	var buf bytes.Buffer
	if err := Merge(exps).WriteHTML(&buf, day); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<img", "onerror=alert(2)>", "\x1b", "\x07", "\u202e", "href=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<bdi>Mallory\\u202egnp.exe</bdi>", `<bdi>Eve\x1b]0;owned\x07\x1b[2J</bdi>`, "<bdi>نور</bdi>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
