package linemode

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"backend-tutor/content"
)

// Line mode with two packs: the chapter list has each pack's title over
// its chapters, and reading the added pack's chapter saves to that pack.
func TestTwoPacksChapterList(t *testing.T) {
	e := newEnv(t)
	e.course.Manifest(os.DirFS("../testdata/course"), "course")
	docker, err := content.Load(os.DirFS("../../testdata/packs/docker"))
	if err != nil {
		t.Fatal(err)
	}
	if e.course, err = content.Combine(e.course, []*content.Course{docker}); err != nil {
		t.Fatal(err)
	}
	st, err := e.store(t).WithPacks([]string{"docker"})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader("1\n3\n\n\n"), Out: &out, Rand: testRand()})
	s.Run()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "Intro to Docker:\n  3. HTTP inside a container") || !strings.Contains(got, "Backend Tutor:\n  1. Alpha") {
		t.Fatalf("no pack headers:\n%s", got)
	}
	d, _ := e.store(t).Scope("default", "docker")
	ds, err := d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r := ds.Chapters["http-essentials"]; r.Furthest != 100 {
		t.Fatalf("the pack's chapter was not saved in the pack: %+v", ds.Chapters)
	}
}
