package progress

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestCheckNewProfileName(t *testing.T) {
	existing := []string{"Ann Lee", "default"}
	for in, want := range map[string]string{" Zoë O'Neil-2 ": "Zoë O'Neil-2", "lab_3.b": "lab_3.b", "محمد": "محمد", "花子": "花子"} {
		if got, err := CheckNewProfileName(in, existing); err != nil || got != want {
			t.Errorf("%q: %q, %v", in, got, err)
		}
	}
	for in, why := range map[string]string{
		"":                      "type a name",
		"   ":                   "type a name",
		strings.Repeat("a", 41): "41 characters",
		"a/b":                   `'/' cannot be in a name`,
		"a\x1b]0;x\x07":         "cannot be shown",
		"a\u202eb":              "cannot be shown",
		"ann lee":               "already",
		"DEFAULT":               "already",
		"two  spaces":           "one space",
		"bad\xffutf8":           "not valid",
	} {
		if _, err := CheckNewProfileName(in, existing); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: %v, want %q", in, err, why)
		}
	}
}

// The summaries skip the untouched default every file has, and give each
// profile's learner and latest quiz time in any pack.
func TestProfileSummaries(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	if sums, err := s.ProfileSummaries(); err != nil || len(sums) != 0 {
		t.Fatalf("new file: %+v, %v", sums, err)
	}
	ann, _ := s.Scope("Ann", "docker")
	if err := ann.SetLearner("Ann Lee"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		a, err := ann.StartAttempt("ch", "h", []string{"q"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := ann.SaveAnswer("ch", a.ID, Answer{ID: NewID(), QuestionID: "q", At: time.Date(2099, 11, 20+i, 9, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	sums, err := s.ProfileSummaries()
	if err != nil || len(sums) != 1 || sums[0].Name != "Ann" || sums[0].Learner != "Ann Lee" ||
		!sums[0].LastActivity.Equal(time.Date(2099, 11, 22, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("summaries: %+v, %v", sums, err)
	}
	if err := s.SetWelcomed(); err != nil { // default used now
		t.Fatal(err)
	}
	if sums, _ := s.ProfileSummaries(); len(sums) != 2 || sums[1].Name != DefaultProfile || !sums[1].LastActivity.IsZero() {
		t.Fatalf("with default used: %+v", sums)
	}
	// ProfileNames: the same profiles and learners, no last activity (a
	// command deciding whose progress to open reads no attempt).
	if names, err := s.ProfileNames(); err != nil || len(names) != 2 || names[0] != (ProfileSummary{Name: "Ann", Learner: "Ann Lee"}) ||
		names[1] != (ProfileSummary{Name: DefaultProfile}) {
		t.Fatalf("names: %+v, %v", names, err)
	}

	// A damaged attempt is not the list's to report: the tutor's checks
	// name it once the profile is open.
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("profiles")).Bucket([]byte("Ann")).Bucket([]byte("packs")).Bucket([]byte("docker")).Bucket([]byte("attempts")).Bucket([]byte("ch"))
		k, _ := b.Cursor().Last()
		return b.Put(k, []byte("{not json"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if sums, err := s.ProfileSummaries(); err != nil || len(sums) != 2 {
		t.Fatalf("with a damaged attempt: %+v, %v", sums, err)
	}
}

// Proves: a name the picker accepts can be saved (40 characters of
// Japanese are 120 bytes, past CheckName's 64: the picker took it and
// the tutor then could not open the profile), is kept in one spelling
// (NFC), and is not a look-alike of a profile there (a combining accent,
// full-width letters).
func TestCheckNewProfileNameSaves(t *testing.T) {
	long := strings.Repeat("花", 22) // 22 characters, 66 bytes
	if name, err := CheckNewProfileName(long, nil); err == nil {
		t.Errorf("%q accepted, but CheckName says %v", name, CheckName("profile", name))
	} else if !strings.Contains(err.Error(), "fewer characters") {
		t.Errorf("error %q does not say what to do", err)
	}
	if name, err := CheckNewProfileName(strings.Repeat("花", 21), nil); err != nil || CheckName("profile", name) != nil {
		t.Errorf("21 kanji: %v", err)
	}
	if got, err := CheckNewProfileName("Zoe\u0308", nil); err != nil || got != "Zoë" {
		t.Errorf("decomposed ë: %q, %v", got, err)
	}
	for _, in := range []string{"Zoe\u0308", "ＺＯＥ\u0308"} {
		if _, err := CheckNewProfileName(in, []string{"Zoë"}); err == nil || !strings.Contains(err.Error(), "already") {
			t.Errorf("%q beside Zoë: %v", in, err)
		}
	}
}

// Proves: a new name that mixes look-alike alphabets ("Аnn" with a
// Cyrillic А) is refused, so it cannot pass for "Ann" in the list; names
// in one alphabet, or Japanese's mix of kanji and kana, are taken.
func TestCheckNewProfileNameAlphabets(t *testing.T) {
	for _, in := range []string{"\u0410nn", "P\u0430ul", "\u03bflga"} {
		if _, err := CheckNewProfileName(in, []string{"Ann"}); err == nil || !strings.Contains(err.Error(), "alphabet") {
			t.Errorf("%q: %v", in, err)
		}
	}
	for _, in := range []string{"Анна", "Ζωή", "Łukasz", "山田 はなこ", "José María"} {
		if _, err := CheckNewProfileName(in, nil); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// Last activity counts what the file dates besides quizzes: a review
// answer (to its quarter hour) and a lab check. Reading saves carry no
// time and do not count.
func TestProfileSummariesReviewsAndLabs(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	bob, _ := s.Scope("Bob", DefaultPack)
	if err := bob.SaveReading("ch", "h", 3, 50); err != nil {
		t.Fatal(err)
	}
	carl, _ := s.Scope("Carl", "docker")
	if err := carl.SaveLabCheck(LabCheck{ID: NewID(), Lab: "hello", At: time.Date(2099, 3, 4, 9, 30, 0, 0, time.UTC), Steps: 2}); err != nil {
		t.Fatal(err)
	}
	dora, _ := s.Scope("Dora", DefaultPack)
	if _, err := dora.Apply(reviewOp("ch", "q", true, time.Date(2099, 5, 6, 10, 7, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	sums, err := s.ProfileSummaries()
	if err != nil || len(sums) != 3 {
		t.Fatalf("summaries: %+v, %v", sums, err)
	}
	want := map[string]time.Time{"Bob": {}, "Carl": time.Date(2099, 3, 4, 9, 30, 0, 0, time.UTC), "Dora": time.Date(2099, 5, 6, 10, 0, 0, 0, time.UTC)}
	for _, sum := range sums {
		if !sum.LastActivity.Equal(want[sum.Name]) {
			t.Errorf("%s: last activity %v, want %v", sum.Name, sum.LastActivity, want[sum.Name])
		}
	}
}
