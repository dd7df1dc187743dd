package content_test

import (
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// BenchmarkLoadLargePack loads and validates a generated pack of 1,000
// chapters and 20,000 questions (in memory: the figure is parsing and
// validation, not the disk).
func BenchmarkLoadLargePack(b *testing.B) {
	fsys := benchgen.Pack(1000, 20000)
	b.ReportAllocs()
	for b.Loop() {
		c, err := content.Load(fsys)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Chapters) != 1000 {
			b.Fatal(len(c.Chapters))
		}
	}
}

// BenchmarkLoadEmbedded loads the built-in guide, as every start does.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Load(content.Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}
