package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/classreport"
	"backend-tutor/progress"
)

// quizzedChapter is the first guide chapter with at least two questions.
func quizzedChapter(t *testing.T) *content.Chapter {
	t.Helper()
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range course.Chapters {
		if ch.QuestionCount() >= 2 {
			return ch
		}
	}
	t.Fatal("no chapter with two questions")
	return nil
}

// studied makes a progress file where profile read a chapter, finished one
// attempt (one right, one wrong) and left a second one open with one answer.
func studied(t *testing.T, db, profile string) *content.Chapter {
	t.Helper()
	ch := quizzedChapter(t)
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if s, err = s.Scope(profile, progress.DefaultPack); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReading(ch.ID, ch.Hash, 3, 60); err != nil {
		t.Fatal(err)
	}
	qs := ch.Quiz.Questions
	order := []string{qs[0].ID, qs[1].ID}
	a, err := s.StartAttempt(ch.ID, ch.Hash, order, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs[:2] {
		if err := s.SaveAnswer(ch.ID, a.ID, progress.Answer{ID: progress.NewID(), QuestionID: q.ID, QuestionHash: q.Hash, Given: []string{"x"}, Correct: i == 0}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FinishAttempt(ch.ID, a.ID, 50, false); err != nil {
		t.Fatal(err)
	}
	b, err := s.StartAttempt(ch.ID, ch.Hash, order, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ch.ID, b.ID, progress.Answer{ID: progress.NewID(), QuestionID: qs[1].ID, QuestionHash: qs[1].Hash, Given: []string{"y"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	return ch
}

func readExportFile(t *testing.T, path string) *classreport.Export {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := classreport.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// answerSet is an export's answers without learner-machine details.
func answerSet(e *classreport.Export) []string {
	var out []string
	for _, a := range e.Answers {
		out = append(out, strings.Join([]string{a.ID, a.Chapter, a.Attempt, a.Question, a.QuestionHash, a.At.UTC().String(), strings.Join(a.Given, "|")}, " ")+map[bool]string{true: " right", false: " wrong"}[a.Correct])
	}
	slices.Sort(out)
	return out
}

// Export then import into another file carries every answer, attempt and
// summary; importing again (or back into the first file) adds nothing.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	lab, home := filepath.Join(dir, "lab.db"), filepath.Join(dir, "home.db")
	ch := studied(t, lab, "seat-3")
	labJSON := filepath.Join(dir, "lab.json")
	if code, _, errOut := runCLI(t, "--db", lab, "--profile", "seat-3", "export", "--learner", "Ada", "-o", labJSON); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	labExp := readExportFile(t, labJSON)
	if len(labExp.Answers) != 3 || len(labExp.Attempts) != 2 {
		t.Fatalf("export has %d answers, %d attempts; want 3, 2", len(labExp.Answers), len(labExp.Attempts))
	}
	for _, a := range labExp.Answers {
		if a.ID == "" || a.Learner != "Ada" || a.Profile != "seat-3" || a.Pack != "guide" || a.QuestionHash == "" || a.At.IsZero() {
			t.Errorf("answer lacks a field: %+v", a)
		}
	}
	code, out, errOut := runCLI(t, "--db", home, "import", labJSON)
	if code != 0 || !strings.Contains(out, "2 new attempts, 3 new answers, 1 chapters read further") {
		t.Fatalf("first import: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--db", home, "import", labJSON)
	if code != 0 || !strings.Contains(out, "0 new attempts, 0 new answers, 0 chapters") {
		t.Fatalf("second import added something: exit %d: %s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "--db", lab, "--profile", "seat-3", "import", labJSON); code != 0 || !strings.Contains(out, "0 new attempts, 0 new answers") {
		t.Fatalf("import into the file it came from: exit %d: %s%s", code, out, errOut)
	}
	homeJSON := filepath.Join(dir, "home.json")
	// The import saved the learner name: no --learner needed.
	if code, _, errOut := runCLI(t, "--db", home, "export", "-o", homeJSON); code != 0 {
		t.Fatalf("export at home: exit %d: %s", code, errOut)
	}
	homeExp := readExportFile(t, homeJSON)
	if got, want := answerSet(homeExp), answerSet(labExp); !slices.Equal(got, want) {
		t.Errorf("answers after the round trip:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	find := func(e *classreport.Export) classreport.Record {
		for _, r := range e.Records {
			if r.Chapter == ch.ID {
				return r
			}
		}
		t.Fatalf("no record of %s", ch.ID)
		return classreport.Record{}
	}
	l, h := find(labExp), find(homeExp)
	if l.ReadPercent != 60 || l.Attempts != 1 || l.BestScore != 50 || l.FirstActivity == nil {
		t.Errorf("lab record: %+v", l)
	}
	if h.ReadPercent != l.ReadPercent || h.Attempts != l.Attempts || h.BestScore != l.BestScore || h.Passed != l.Passed ||
		!h.FirstActivity.Equal(*l.FirstActivity) || !h.LastActivity.Equal(*l.LastActivity) {
		t.Errorf("home record %+v, lab record %+v", h, l)
	}
	// The home file's summary agrees with the attempts it was given.
	s, err := progress.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r := snap.Chapters[ch.ID]; r.Answered != 3 || r.Attempts != 1 || r.OpenAttempt != 0 {
		t.Errorf("home summary: %+v", r)
	}
	if err := progress.Check(home); err != nil {
		t.Errorf("doctor after import: %v", err)
	}
}

// An export names its learner: a profile without a name is refused until
// --learner gives one, which is saved; -o never overwrites without --force.
func TestExportLearnerAndNoOverwrite(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "p.db"), filepath.Join(dir, "out.json")
	studied(t, db, progress.DefaultProfile)
	code, _, errOut := runCLI(t, "--db", db, "export", "-o", out)
	if code != 1 || !strings.Contains(errOut, "--learner NAME") {
		t.Fatalf("unnamed profile: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a refused export wrote %s", out)
	}
	if code, _, errOut := runCLI(t, "--db", db, "export", "--learner", "Bo", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	before, _ := os.ReadFile(out)
	code, _, errOut = runCLI(t, "--db", db, "export", "-o", out)
	if code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("second export over the file: exit %d: %s", code, errOut)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatal("the refused export changed the file")
	}
	if code, _, errOut := runCLI(t, "--db", db, "export", "-o", out, "--force", "--format", "csv"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	if after, _ := os.ReadFile(out); !strings.HasPrefix(string(after), "learner,profile,pack,") || !strings.Contains(string(after), "\nBo,default,guide,") {
		t.Fatalf("--force --format csv wrote:\n%s", after)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.json.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// --all: every named profile; an unnamed one is listed.
	studied(t, db, "seat-9")
	code, _, errOut = runCLI(t, "--db", db, "export", "--all")
	if code != 1 || !strings.Contains(errOut, "seat-9") {
		t.Fatalf("--all with an unnamed profile: exit %d: %s", code, errOut)
	}
	runCLI(t, "--db", db, "--profile", "seat-9", "export", "--learner", "Cy")
	code, js, errOut := runCLI(t, "--db", db, "export", "--all")
	if code != 0 {
		t.Fatalf("--all: exit %d: %s", code, errOut)
	}
	var e classreport.Export
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	learners := map[string]bool{}
	for _, r := range e.Records {
		learners[r.Learner] = true
	}
	if !learners["Bo"] || !learners["Cy"] || len(learners) != 2 {
		t.Errorf("--all learners: %v", learners)
	}
}

// Import refuses another learner's export and a file of another schema.
func TestImportRefuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	studied(t, db, progress.DefaultProfile)
	adaJSON := filepath.Join(dir, "ada.json")
	runCLI(t, "--db", db, "export", "--learner", "Ada", "-o", adaJSON)
	other := filepath.Join(dir, "other.db")
	runCLI(t, "--db", other, "export", "--learner", "Bo")
	code, _, errOut := runCLI(t, "--db", other, "import", adaJSON)
	if code != 1 || !strings.Contains(errOut, "Ada's export") {
		t.Fatalf("another learner's export: exit %d: %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad\x1b]0;x\x07.json")
	os.WriteFile(bad, []byte(`{"schema":"backend-tutor-export/9"}`), 0o600)
	code, _, errOut = runCLI(t, "--db", db, "import", bad)
	if code != 1 || !strings.Contains(errOut, `bad\x1b]0;x\x07.json`) || !strings.Contains(errOut, "backend-tutor-export/9") {
		t.Fatalf("unknown schema: exit %d: %q", code, errOut)
	}
}

// Proves: an export whose learner name is spelt with a combining accent
// (NFD) imports into the profile of the same name spelt precomposed (NFC):
// it was refused as "Zoë's export, but profile default is Zoë's".
func TestImportSameNameOtherSpelling(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	studied(t, db, progress.DefaultProfile)
	nfd := filepath.Join(dir, "nfd.json")
	runCLI(t, "--db", db, "export", "--learner", "Zoe\u0308", "-o", nfd)
	other := filepath.Join(dir, "other.db")
	runCLI(t, "--db", other, "export", "--learner", "Zo\u00eb")
	if code, _, errOut := runCLI(t, "--db", other, "import", nfd); code != 0 {
		t.Fatalf("import of Zoë's export into Zoë's profile: exit %d: %s", code, errOut)
	}
}

// Proves: a file whose records name one learner and whose attempts name
// another is refused as two learners' (the attempts went into the first
// learner's profile).
func TestImportRefusesMixedLearners(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	studied(t, db, progress.DefaultProfile)
	exp := filepath.Join(dir, "ada.json")
	runCLI(t, "--db", db, "export", "--learner", "Ada", "-o", exp)
	b, err := os.ReadFile(exp)
	if err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Join(dir, "mixed.json")
	s := strings.Replace(string(b), `"attempts":[{"learner":"Ada"`, `"attempts":[{"learner":"Bo"`, 1)
	if s == string(b) {
		t.Fatal("the export has no attempt to change")
	}
	os.WriteFile(mixed, []byte(s), 0o600)
	other := filepath.Join(dir, "other.db")
	if code, _, errOut := runCLI(t, "--db", other, "import", mixed); code != 1 || !strings.Contains(errOut, "2 learners") {
		t.Fatalf("mixed learners: exit %d: %s", code, errOut)
	}
}
