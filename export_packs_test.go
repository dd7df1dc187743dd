package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"backend-tutor/internal/classreport"
	"backend-tutor/progress"
)

// studiedDocker adds to db's profile a read, one finished attempt and a
// passed lab check in the docker pack (testdata/packs/docker), and a passed
// check of the guide's first lab.
func studiedDocker(t *testing.T, db, profile string) {
	t.Helper()
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	guide, err := s.Scope(profile, progress.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := guide.SaveLabCheck(progress.LabCheck{ID: progress.NewID(), Lab: "hello-server", At: at, Steps: 3, StepsPassed: 3, Passed: true}); err != nil {
		t.Fatal(err)
	}
	if err := guide.SaveLabCheck(progress.LabCheck{ID: progress.NewID(), Lab: "notes-api", At: at, Steps: 5, StepsPassed: 2, FirstFailing: 3}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Scope(profile, "docker")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SaveReading("containers", "h", 2, 80); err != nil {
		t.Fatal(err)
	}
	a, err := d.StartAttempt("containers", "h", []string{"ct-image"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SaveAnswer("containers", a.ID, progress.Answer{ID: progress.NewID(), QuestionID: "ct-image", QuestionHash: "qh", Given: []string{"true"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.FinishAttempt("containers", a.ID, 100, true); err != nil {
		t.Fatal(err)
	}
}

// An export covers every pack of the course (the guide and each --content
// pack, with its id and version), and labs_passed lists each chapter's
// passed labs. Old code exported the first pack only, labs_passed empty.
func TestExportEveryPackAndLabsPassed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	guideCh := studied(t, db, progress.DefaultProfile)
	studiedDocker(t, db, progress.DefaultProfile)
	out := filepath.Join(dir, "ada.json")
	if code, _, errOut := runCLI(t, "--db", db, "--content", "testdata/packs/docker", "export", "--learner", "Ada", "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	e := readExportFile(t, out)
	recs := map[string]classreport.Record{}
	for _, r := range e.Records {
		recs[r.Pack+" "+r.Chapter] = r
	}
	d, ok := recs["docker containers"]
	if !ok || d.PackVersion != "2" || d.ReadPercent != 80 || d.Attempts != 1 || d.BestScore != 100 || !d.Passed || d.LastActivity == nil {
		t.Fatalf("docker pack's record: %+v (found %v)", d, ok)
	}
	if g := recs["guide "+guideCh.ID]; g.Attempts != 1 || g.ReadPercent != 60 {
		t.Errorf("guide record: %+v", g)
	}
	if l := recs["guide servers-frameworks"].LabsPassed; !slices.Equal(l, []string{"hello-server"}) {
		t.Errorf("labs_passed of servers-frameworks: %q", l)
	}
	if l := recs["guide apis-rest-json"].LabsPassed; l == nil || len(l) != 0 {
		t.Errorf("labs_passed of a chapter whose lab failed: %q", l)
	}
	packs := map[string]int{}
	for _, a := range e.Answers {
		packs[a.Pack]++
	}
	if packs["docker"] != 1 || packs["guide"] != 3 {
		t.Errorf("answers by pack: %v", packs)
	}
	// CSV: labs_passed joined with ";".
	code, csvOut, errOut := runCLI(t, "--db", db, "--content", "testdata/packs/docker", "export", "--format", "csv")
	if code != 0 || !strings.Contains(csvOut, ",hello-server\n") || !strings.Contains(csvOut, "docker,2,containers") {
		t.Errorf("csv: exit %d: %s%s", code, csvOut, errOut)
	}

	// The export travels home with every pack.
	home := filepath.Join(dir, "home.db")
	if code, o, errOut := runCLI(t, "--db", home, "--content", "testdata/packs/docker", "import", out); code != 0 || !strings.Contains(o, "4 new answers") {
		t.Fatalf("import: exit %d: %s%s", code, o, errOut)
	}
	back := filepath.Join(dir, "back.json")
	runCLI(t, "--db", home, "--content", "testdata/packs/docker", "export", "-o", back)
	if got, want := answerSet(readExportFile(t, back)), answerSet(e); !slices.Equal(got, want) {
		t.Errorf("answers after the round trip:\n%q\nwant\n%q", got, want)
	}
}

// Importing a file with several packs is all or nothing: an attempt
// refused in one pack leaves every pack (and the learner name) as it was.
// Old code imported pack by pack, so "docker" (first in order) stayed.
func TestImportAllPacksOrNothing(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	fin := at.Add(time.Minute)
	e := &classreport.Export{Schema: classreport.Schema, ExportedAt: at, Tool: "t"}
	for _, pack := range []string{"docker", progress.DefaultPack} {
		e.Records = append(e.Records, classreport.Record{Learner: "Ada", Profile: "default", Pack: pack, Chapter: "ch", ReadPercent: 50, LabsPassed: []string{}})
		e.Attempts = append(e.Attempts, classreport.Attempt{Learner: "Ada", Profile: "default", Pack: pack, Chapter: "ch",
			ID: "att-" + pack, ContentHash: "h", Started: at, Finished: &fin, Score: 100, Passed: true, Order: []string{"q1"}})
		e.Answers = append(e.Answers, classreport.Answer{ID: "ans-" + pack, Learner: "Ada", Profile: "default", Pack: pack,
			Chapter: "ch", Attempt: "att-" + pack, Question: "q1", Correct: true, At: at, Given: []string{"x"}})
	}
	// The guide's attempt is refused (a question listed twice). Old code
	// checked and wrote one pack at a time, "docker" first, so docker's
	// records stayed in the file.
	e.Attempts[1].Order = []string{"q1", "q1"}
	bad := writeExport(t, dir, "bad.json", e)
	home := filepath.Join(dir, "home.db")
	code, o, errOut := runCLI(t, "--db", home, "--content", "testdata/packs/docker", "import", bad)
	if code != 1 || !strings.Contains(errOut, "twice") {
		t.Fatalf("import: exit %d: %s%s", code, o, errOut)
	}
	s, err := progress.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	for _, pack := range []string{"docker", progress.DefaultPack} {
		sc, _ := s.Scope(progress.DefaultProfile, pack)
		h, err := sc.History()
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Attempts) != 0 || len(h.Chapters) != 0 {
			t.Errorf("pack %s half imported: %d chapters, %d with attempts", pack, len(h.Chapters), len(h.Attempts))
		}
	}
	if name, _ := s.Learner(); name != "" {
		t.Errorf("learner name %q saved by a refused import", name)
	}
	e.Attempts[1].Order = []string{"q1"}
	if code, o, errOut := runCLI(t, "--db", home, "--content", "testdata/packs/docker", "import", writeExport(t, dir, "good.json", e)); code != 0 || !strings.Contains(o, "2 new attempts, 2 new answers, 2 chapters") {
		t.Fatalf("good import: exit %d: %s%s", code, o, errOut)
	}
}

// An export from a computer whose clock was a year ahead: import sets
// those times to now and says so in its summary line; importing it again
// adds nothing and says nothing of times.
func TestImportSaysFutureTimesWereCapped(t *testing.T) {
	dir := t.TempDir()
	ahead := time.Now().AddDate(1, 0, 0).UTC().Truncate(time.Second)
	e := &classreport.Export{Schema: classreport.Schema, ExportedAt: ahead, Tool: "t"}
	e.Records = append(e.Records, classreport.Record{Learner: "Ada", Profile: "default", Pack: "docker", Chapter: "ch", ReadPercent: 50, LabsPassed: []string{}})
	e.Attempts = append(e.Attempts, classreport.Attempt{Learner: "Ada", Profile: "default", Pack: "docker", Chapter: "ch",
		ID: "att", ContentHash: "h", Started: ahead, Order: []string{"q1"}})
	e.Answers = append(e.Answers, classreport.Answer{ID: "ans", Learner: "Ada", Profile: "default", Pack: "docker",
		Chapter: "ch", Attempt: "att", Question: "q1", Correct: true, At: ahead, Given: []string{"x"}})
	file := writeExport(t, dir, "ahead.json", e)
	home := filepath.Join(dir, "home.db")
	code, o, errOut := runCLI(t, "--db", home, "--content", "testdata/packs/docker", "import", file)
	if code != 0 || !strings.Contains(o, "2 times were dated after this computer's clock") || !strings.Contains(o, "set to now") {
		t.Fatalf("import: exit %d: %s%s", code, o, errOut)
	}
	code, o, errOut = runCLI(t, "--db", home, "--content", "testdata/packs/docker", "import", file)
	if code != 0 || !strings.Contains(o, "0 new attempts, 0 new answers") || strings.Contains(o, "clock") {
		t.Fatalf("import again: exit %d: %s%s", code, o, errOut)
	}
	s, err := progress.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := s.Scope(progress.DefaultProfile, "docker")
	h, err := sc.History()
	if err != nil {
		t.Fatal(err)
	}
	if a := h.Attempts["ch"]; len(a) != 1 || a[0].Started.After(time.Now()) || a[0].Answers[0].At.After(time.Now()) {
		t.Errorf("stored %+v", a)
	}
}
