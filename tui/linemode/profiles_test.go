package linemode

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"backend-tutor/progress"
)

func someProfiles() []progress.ProfileSummary {
	return []progress.ProfileSummary{
		{Name: "Ann Lee", Learner: "Ann Lee", LastActivity: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)},
		{Name: "lab-3\x1b[2J", Learner: "Bob"},
	}
}

// The numbered question: a wrong number is explained, a choice returns the
// profile, and "New profile" asks a name until it is a good one. What
// follows the answer stays in the reader for the session.
func TestPickProfile(t *testing.T) {
	in := bufio.NewReader(strings.NewReader("7\n2\nnext line\n"))
	var out strings.Builder
	name, isNew, ok, err := PickProfile(in, &out, false, someProfiles())
	if err != nil || !ok || isNew || name != "lab-3\x1b[2J" {
		t.Fatalf("picked %q new %v ok %v err %v", name, isNew, ok, err)
	}
	for _, want := range []string{"1. Ann Lee (last practice Nov 28, 2026)", `2. lab-3\x1b[2J, Bob (nothing yet)`, "3. New profile", `There is no choice "7"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Error("an escape byte was written")
	}
	if rest, _ := newLineReader(in).next(); rest != "next line" {
		t.Errorf("the session's next line is %q", rest)
	}

	out.Reset()
	name, isNew, ok, err = PickProfile(strings.NewReader("3\nann lee\nA<b\n\n3\n Zoë \n"), &out, false, someProfiles())
	if err != nil || !ok || !isNew || name != "Zoë" {
		t.Fatalf("new: %q new %v ok %v err %v\n%s", name, isNew, ok, err, out.String())
	}
	for _, want := range []string{"already", `'<' cannot be in a name`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	for _, input := range []string{"", "q\n", "3\n"} {
		if _, _, ok, err := PickProfile(strings.NewReader(input), &out, false, someProfiles()); ok || err != nil {
			t.Errorf("%q: ok %v err %v", input, ok, err)
		}
	}
}

// The walk: a learner asked "Who is studying?" types their name, as they
// would to a person; it picks their profile (case aside) instead of "There
// is no choice". A number still means the number.
func TestPickProfileByName(t *testing.T) {
	var out strings.Builder
	name, isNew, ok, err := PickProfile(strings.NewReader(" ann LEE \n"), &out, false, someProfiles())
	if err != nil || !ok || isNew || name != "Ann Lee" {
		t.Fatalf("picked %q new %v ok %v err %v\n%s", name, isNew, ok, err, out.String())
	}
	out.Reset()
	if _, _, _, err := PickProfile(strings.NewReader("Carol\n"), &out, false, someProfiles()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "or a name from the list") {
		t.Errorf("an unknown name does not say a name may be typed:\n%s", out.String())
	}
}
