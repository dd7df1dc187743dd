package search

import (
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// BenchmarkSearchIndexCourse builds the index of the built-in course, as
// the tutor does once in a tea.Cmd (budget 20 ms).
func BenchmarkSearchIndexCourse(b *testing.B) {
	c := guide(b)
	b.ReportAllocs()
	for b.Loop() {
		New(c)
	}
}

// BenchmarkSearchCourse is one keystroke's search of the built-in course
// (budget 2 ms): a short query typed so far, a word with many hits, and a
// rare phrase.
func BenchmarkSearchCourse(b *testing.B) {
	ix := New(guide(b))
	for _, q := range []string{"ht", "http", "idempotent"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(ix.Search(q)) == 0 {
					b.Fatal("no results")
				}
			}
		})
	}
}

// BenchmarkSearchLargePack searches a generated 1,000-chapter / 20,000
// question pack (budget 30 ms) for a word on every page of it: the worst
// case of many results, each needing its spans.
func BenchmarkSearchLargePack(b *testing.B) {
	c, err := content.Load(benchgen.Pack(1000, 20000))
	if err != nil {
		b.Fatal(err)
	}
	ix := New(c)
	// "e": nearly every line matches (~60,000 results), the worst case of all
	for _, q := range []string{"request", "chapter 999", "e"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(ix.Search(q)) == 0 {
					b.Fatal("no results")
				}
			}
		})
	}
}

// BenchmarkSearchTopLargePack is what the search screen runs: the best 500
// results of the pack, for a word on every page and for "e" (nearly every
// line).
func BenchmarkSearchTopLargePack(b *testing.B) {
	c, err := content.Load(benchgen.Pack(1000, 20000))
	if err != nil {
		b.Fatal(err)
	}
	ix := New(c)
	for _, q := range []string{"request", "e"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rs, _ := ix.Top(q, 500); len(rs) != 500 {
					b.Fatal(len(rs))
				}
			}
		})
	}
}

// BenchmarkSearchIndexLargePack builds the index of the 1,000-chapter pack.
func BenchmarkSearchIndexLargePack(b *testing.B) {
	c, err := content.Load(benchgen.Pack(1000, 20000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		New(c)
	}
}

// BenchmarkSectionOf links one question to its section on the guide's
// longest chapter with a quiz (the stats screen and progress --json do it
// for at most five, off the UI goroutine).
func BenchmarkSectionOf(b *testing.B) {
	var ch *content.Chapter
	for _, x := range guide(b).Chapters {
		if x.Quiz != nil && (ch == nil || len(x.Body) > len(ch.Body)) {
			ch = x
		}
	}
	qu := ch.Quiz.Questions[0]
	b.ReportAllocs()
	for b.Loop() {
		SectionOf(ch, qu)
	}
}
