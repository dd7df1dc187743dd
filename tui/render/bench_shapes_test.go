package render

import (
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// BenchmarkRenderWorstShapes holds the render budget: any chapter within
// the content size limit renders in at most 1 s and 200 MB. For each worst
// shape (internal/benchgen.WorstShapes: one costly construct repeated) it
// renders, at 80 columns, the largest chapter of that shape that is still
// formatted (just within the render budget; a larger one is plain text),
// and "plain/<shape>" the shape at the size limit, shown as plain text.
// make bench reports the slowest; B/op bounds the memory of one render.
func BenchmarkRenderWorstShapes(b *testing.B) {
	limit := content.MaxFileSize - 512 // room for front matter
	for _, name := range benchgen.WorstShapeNames() {
		md := largestFormatted(name, limit)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(md))/1024, "KiB")
			for b.Loop() {
				if _, err := Markdown(md, 80, StyleDark); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, name := range []string{"wide table", "long line", "quoted lists"} {
		md := benchgen.WorstShape(name, limit)
		b.Run("plain/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Markdown(md, 80, StyleDark); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// largestFormatted is the shape at the largest size (to 64 bytes) whose
// estimated cost is within the render budget.
func largestFormatted(name string, limit int) string {
	lo, hi := 0, limit // cost(lo) within the budget, cost(hi) maybe not
	within := func(n int) bool { return renderCost(limitTables(benchgen.WorstShape(name, n))) <= renderBudget }
	if within(hi) {
		return benchgen.WorstShape(name, hi)
	}
	for hi-lo > 64 {
		mid := (lo + hi) / 2
		if within(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return benchgen.WorstShape(name, lo)
}
