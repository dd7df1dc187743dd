package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// --profile picks whose records `progress` reads; another learner's
// progress in the same file does not show, and the JSON says whose it is.
func TestProfileFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	first := course.Chapters[0].ID
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ann, err := s.Scope("Ann", progress.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	if err := ann.SaveReading(first, "h", 5, 60); err != nil {
		t.Fatal(err)
	}
	read := func(args ...string) (string, string, int) {
		code, out, errOut := runCLI(t, append([]string{"--db", db, "progress", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var rep struct {
			Profile, Pack string
			Chapters      []struct {
				ReadPercent int `json:"read_percent"`
			}
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		return rep.Profile, rep.Pack, rep.Chapters[0].ReadPercent
	}
	if p, k, n := read("--profile", "Ann"); p != "Ann" || k != "guide" || n != 60 {
		t.Errorf("--profile Ann: %s/%s read %d%%", p, k, n)
	}
	if p, k, n := read("--profile", "default"); p != "default" || k != "guide" || n != 0 {
		t.Errorf("--profile default: %s/%s read %d%%", p, k, n)
	}
	if p, k, n := read(); p != "Ann" || n != 60 {
		t.Errorf("no --profile, Ann's the only profile used: %s/%s read %d%%", p, k, n)
	}
	for _, bad := range []string{"", strings.Repeat("n", 65), "a\x1b]0;owned\x07", "a\nb"} {
		code, _, errOut := runCLI(t, "--db", db, "--profile="+bad, "progress")
		if code != 2 || !strings.Contains(errOut, "--profile") || strings.ContainsAny(errOut, "\x1b\x07") {
			t.Errorf("--profile %q: exit %d, stderr %q", bad, code, errOut)
		}
	}
}

// A progress file from a newer tutor is refused by every command with a
// clear message and left exactly as it was: never migrated down or reset,
// not even by doctor --reset.
func TestNewerSchemaRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	b, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		return m.Put([]byte("schema"), []byte("99"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{{"list"}, {"progress", "--json"}, {"doctor"}, {"doctor", "--reset"}, {"--profile", "x", "progress"}} {
		code, _, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 1 || !strings.Contains(errOut, "newer backend-tutor (schema 99") || !strings.Contains(errOut, "Nothing was changed") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a newer file was modified")
	}
	if m, _ := filepath.Glob(db + ".damaged-*"); len(m) != 0 {
		t.Errorf("a newer file was moved aside: %v", m)
	}
}

// twoProfiles makes a progress file with two learners' profiles (the
// untouched "default" every file has does not count).
func twoProfiles(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.db")
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"Ann Lee", "lab-3"} {
		sc, err := s.Scope(p, progress.DefaultPack)
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.SetLearner(p); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// With several profiles and none chosen, a command that cannot ask exits 2
// and names the profiles and the flag; the tutor from a script (stdin not
// a terminal) does too, without reading a line. --profile, the
// environment, or --all (export) choose. One profile besides an untouched
// default: no question, that profile opens (TestOnlyUsedProfileOpens).
func TestSeveralProfilesNeedAChoice(t *testing.T) {
	db := twoProfiles(t)
	for _, args := range [][]string{{"progress"}, {"list"}, {"export"}, {"review"}, {"lab", "list"}, {"reset", "--all", "--yes"}, {"lab", "check", "hello-server"}} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 2 || !strings.Contains(errOut, "2 profiles") || !strings.Contains(errOut, "\n  Ann Lee") ||
			!strings.Contains(errOut, "\n  lab-3") || !strings.Contains(errOut, "--profile NAME") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	cmd := exec.Command(binPath, "--db", db)
	cmd.Stdin = strings.NewReader("1\n1\n")
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 2 || !strings.Contains(string(out), "2 profiles") {
		t.Errorf("tutor from a script: exit %d\n%s", code, out)
	}
	if code, out, errOut := runCLI(t, "--db", db, "--profile", "lab-3", "progress", "--json"); code != 0 || !strings.Contains(out, `"profile": "lab-3"`) {
		t.Errorf("--profile: exit %d: %s%s", code, out, errOut)
	}
	t.Setenv(envProfile, "Ann Lee")
	if code, out, errOut := runCLI(t, "--db", db, "progress", "--json"); code != 0 || !strings.Contains(out, `"profile": "Ann Lee"`) {
		t.Errorf("%s: exit %d: %s%s", envProfile, code, out, errOut)
	}
	t.Setenv(envProfile, "")
	if code, out, errOut := runCLI(t, "--db", db, "export", "--all"); code != 0 || !strings.Contains(out, `"learner":"lab-3"`) {
		t.Errorf("export --all: exit %d: %.200s%s", code, out, errOut)
	}

	one := filepath.Join(t.TempDir(), "one.db")
	s, _ := progress.Open(one)
	ann, _ := s.Scope("Ann Lee", progress.DefaultPack)
	if err := ann.SetLearner("Ann Lee"); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "--db", one, "progress", "--json"); code != 0 || !strings.Contains(out, `"profile": "Ann Lee"`) {
		t.Errorf("one profile: exit %d: %s%s", code, out, errOut)
	}
}

// readFile is a progress file in which each named profile has read
// chapter 1 that far (the untouched "default" every file has besides), and
// is its own learner (for exports).
func readFile(t *testing.T, read map[string]int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for name, pct := range read {
		sc, err := s.Scope(name, progress.DefaultPack)
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.SaveReading(course.Chapters[0].ID, "h", 5, pct); err != nil {
			t.Fatal(err)
		}
		if err := sc.SetLearner(name); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// aliceFile is a progress file whose only used profile is "alice", 60%
// through chapter 1.
func aliceFile(t *testing.T) string { return readFile(t, map[string]int{"alice": 60}) }

// The walk: a file whose only used profile is "alice" opened the empty
// "default" with no --profile, and her progress looked lost. The one used
// profile opens: for commands, and for the tutor (line mode here; the
// full screen in TestRealTerminalProfiles).
func TestOnlyUsedProfileOpens(t *testing.T) {
	db := aliceFile(t)
	code, out, errOut := runCLI(t, "--db", db, "progress", "--json")
	if code != 0 || !strings.Contains(out, `"profile": "alice"`) || !strings.Contains(out, `"read_percent": 60`) || errOut != "" {
		t.Errorf("progress: exit %d: %.300s %s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "--db", db, "export", "--format", "csv"); code != 0 || !strings.Contains(out, "alice,alice,guide") {
		t.Errorf("export: exit %d: %.300s %s", code, out, errOut)
	}
	cmd := exec.Command(binPath, "--db", db)
	cmd.Stdin = strings.NewReader("q\n")
	lm, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(lm), "60%") || strings.Contains(string(lm), "New profile") {
		t.Errorf("line mode: %v\n%s", err, lm)
	}
	s, _ := progress.Open(db)
	if sums, _ := s.ProfileSummaries(); len(sums) != 1 {
		t.Errorf("profiles after the line-mode tutor: %v", sums)
	}
}

// The walk: `--profile alcie` (a typo) beside alice silently started an
// empty profile. It is said once — a note on a command's stderr, the first
// line in line mode — and reading makes no profile. Neither a profile that
// exists (in any case) nor the first profile of a file gets the note.
func TestNewProfileBesideOthersIsSaid(t *testing.T) {
	db := aliceFile(t)
	code, out, errOut := runCLI(t, "--db", db, "--profile", "alcie", "progress")
	want := "backend-tutor: note: New profile alcie. Other profiles here: alice — quit and use --profile NAME to switch.\n"
	if code != 0 || errOut != want || !strings.Contains(out, "0%") {
		t.Errorf("progress: exit %d, stderr %q", code, errOut)
	}
	s, _ := progress.Open(db)
	if sums, _ := s.ProfileSummaries(); len(sums) != 1 {
		t.Errorf("progress --profile alcie made a profile: %v", sums)
	}
	for _, args := range [][]string{{"--db", db, "--profile", "ALICE", "progress"}, {"--db", db, "--profile", "default", "progress"},
		{"--db", filepath.Join(t.TempDir(), "new.db"), "--profile", "zoe", "export", "--learner", "Zoe"}} {
		if code, _, errOut := runCLI(t, args...); code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	cmd := exec.Command(binPath, "--db", db, "--profile", "alcie")
	cmd.Stdin = strings.NewReader("q\n")
	lm, err := cmd.Output()
	if err != nil || !strings.HasPrefix(string(lm), "New profile alcie. Other profiles here: alice") {
		t.Errorf("line mode: %v\n%.300s", err, lm)
	}
	if sums, _ := s.ProfileSummaries(); len(sums) != 1 {
		t.Errorf("quitting line mode at once made a profile: %v", sums)
	}
}

// The walk: `--profile ALICE` where the file has "alice" made a second,
// empty profile (the learner's progress seemed gone, and the picker then
// listed both), though the picker refuses a new name that differs from a
// profile's only in case. A name differing only in case is that profile.
func TestProfileFlagIgnoresCase(t *testing.T) {
	db := readFile(t, map[string]int{"alice": 60, "Bob": 20})
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--db", db, "--profile", "ALICE", "progress", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Profile  string
		Chapters []struct {
			ReadPercent int `json:"read_percent"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Profile != "alice" || rep.Chapters[0].ReadPercent != 60 {
		t.Errorf("--profile ALICE read %q's %d%%, want alice's 60%%", rep.Profile, rep.Chapters[0].ReadPercent)
	}
	// Opening the tutor's store the same way makes no new profile.
	store, err := openStore(globals{db: db, profile: "ALICE"}, db, course)
	if err != nil {
		t.Fatal(err)
	}
	if store.Profile() != "alice" {
		t.Errorf("store profile %q, want alice", store.Profile())
	}
}

// A file of a whole class's profiles: the notice names five, and says how
// many more (one line on the full screen).
func TestNewProfileNoticeNamesFive(t *testing.T) {
	class := map[string]int{}
	for _, n := range []string{"ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal"} {
		class[n] = 10
	}
	db := readFile(t, class)
	code, _, errOut := runCLI(t, "--db", db, "--profile", "zed", "progress")
	if want := "Other profiles here: ann, bob, cy, dee, eve, and 3 more — quit"; code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}
