package content

import (
	"reflect"
	"testing"
)

// The compiled-in snapshot must match the guide's files; if this fails, run
// `go generate ./content` (or `make generate`) and commit guide.snapshot.
func TestSnapshotIsFresh(t *testing.T) {
	fromSnap := decodeSnapshot(snapshotBytes, GuideHash())
	if fromSnap == nil {
		t.Fatal("content/guide.snapshot is stale or unreadable: run `go generate ./content` and commit it")
	}
	loaded, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	// unexported line numbers are not in the snapshot; compare what users see
	for i, ch := range loaded.Chapters {
		ch.idLine, ch.ordLine, ch.bodyLine = 0, 0, 0
		if ch.Quiz != nil {
			ch.Quiz.line = 0
		}
		got := fromSnap.Chapters[i]
		if !reflect.DeepEqual(ch, got) {
			t.Fatalf("chapter %s differs between snapshot and files", ch.ID)
		}
	}
	for i := range loaded.Glossary {
		loaded.Glossary[i].line = 0
	}
	if !reflect.DeepEqual(loaded.Glossary, fromSnap.Glossary) || loaded.Title != fromSnap.Title {
		t.Fatal("glossary or title differs between snapshot and files")
	}
	if c, _ := fromSnap.Chapter(loaded.Chapters[2].ID); c != fromSnap.Chapters[2] {
		t.Fatal("chapter index not rebuilt")
	}
}

// A snapshot whose hash does not match the files is ignored, so edited
// chapters are never shown from a stale snapshot.
func TestStaleSnapshotIsIgnored(t *testing.T) {
	if decodeSnapshot(snapshotBytes, "not the hash") != nil {
		t.Fatal("a snapshot for other files was used")
	}
	if decodeSnapshot([]byte("garbage"), GuideHash()) != nil {
		t.Fatal("garbage decoded")
	}
}

func BenchmarkEmbeddedCourse(b *testing.B) {
	for b.Loop() {
		if _, err := EmbeddedCourse(); err != nil {
			b.Fatal(err)
		}
	}
}
