package benchgen

import (
	"path/filepath"
	"testing"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// The generated pack loads without problems and has the size asked for.
func TestPackLoads(t *testing.T) {
	c, err := content.Load(Pack(50, 1000))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ch := range c.Chapters {
		n += ch.QuestionCount()
	}
	if len(c.Chapters) != 50 || n != 1000 {
		t.Fatalf("got %d chapters, %d questions", len(c.Chapters), n)
	}
}

// The generated progress file passes the store's own verification and its
// summaries add up to the history.
func TestProgressVerifies(t *testing.T) {
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.db")
	if err := Progress(path, c, 2000); err != nil {
		t.Fatal(err)
	}
	s, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := progress.Check(path); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range snap.Chapters {
		total += r.Answered
	}
	if total < 2000 || !snap.Welcomed || snap.Last == nil {
		t.Fatalf("answered %d, welcomed %v, last %v", total, snap.Welcomed, snap.Last)
	}
}
