package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// Proves (issue 8 item 6): a table wider and longer than the limits comes
// out as tables of at most maxTableColumns columns and maxTableRows body
// rows, each with the header, and every cell's text is still there, in
// order. (The old renderer took the whole table to glamour.)
func TestLimitTablesBoundsColumnsAndRows(t *testing.T) {
	const cols, rows = 300, 250
	cell := func(r, c int) string { return fmt.Sprintf("r%dc%d", r, c) }
	var b strings.Builder
	b.WriteString("Intro.\n\n|")
	for c := range cols {
		b.WriteString(" " + cell(0, c) + " |")
	}
	b.WriteString("\n|" + strings.Repeat(" --- |", cols) + "\n")
	for r := 1; r <= rows; r++ {
		b.WriteString("|")
		for c := range cols {
			b.WriteString(" " + cell(r, c) + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\nAfter.\n")
	out := limitTables(b.String())

	var tables [][]string // each table's lines
	for block := range strings.SplitSeq(out, "\n\n") {
		if strings.HasPrefix(block, "|") {
			tables = append(tables, strings.Split(strings.TrimSuffix(block, "\n"), "\n"))
		}
	}
	if want := (rows + maxTableRows - 1) / maxTableRows; len(tables) != want {
		t.Fatalf("%d tables, want %d", len(tables), want)
	}
	nextRow := 1
	for i, tbl := range tables {
		if len(tbl) < 3 || len(tbl)-2 > maxTableRows {
			t.Fatalf("table %d has %d lines", i, len(tbl))
		}
		if !delimiterRow.MatchString(tbl[1]) || len(splitCells(tbl[1])) != maxTableColumns {
			t.Fatalf("table %d delimiter row %q", i, tbl[1])
		}
		for j, line := range tbl {
			if j == 1 {
				continue
			}
			cells := splitCells(line)
			if len(cells) != maxTableColumns {
				t.Fatalf("table %d line %d has %d cells", i, j, len(cells))
			}
			r := 0 // the header, repeated in every table
			if j > 1 {
				r, nextRow = nextRow, nextRow+1
			}
			var want []string
			for c := range cols {
				want = append(want, cell(r, c))
			}
			got := append(cells[:maxTableColumns-1:maxTableColumns-1], strings.Split(cells[maxTableColumns-1], ` \| `)...)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("table %d line %d lost or moved text:\n%q", i, j, line)
			}
		}
	}
	if nextRow != rows+1 {
		t.Fatalf("%d body rows came out, want %d", nextRow-1, rows)
	}
	if !strings.HasPrefix(out, "Intro.\n\n") || !strings.HasSuffix(out, "\n\nAfter.\n") {
		t.Fatal("text around the table changed")
	}
}

// Tables within the limits, and pipes outside tables, are left alone.
func TestLimitTablesLeavesSmallTablesAlone(t *testing.T) {
	for _, md := range []string{
		"| a | b |\n| --- | :-: |\n| 1 | 2 |\n",
		"a | b\n--|--\n1 | 2\n",
		"```\n| x |" + strings.Repeat(" y |", 50) + "\n| - |\n```\n",
		"text with | a pipe\nand another | here\n",
		"    | indented | code |\n    | --- | --- |\n",
	} {
		if got := limitTables(md); got != md {
			t.Errorf("changed:\n%q\n->\n%q", md, got)
		}
	}
}

// Proves (issue 8 item 6): every worst shape at the content size limit is
// over the render budget, so it is shown as plain text (milliseconds)
// instead of going to glamour (seconds to minutes, gigabytes); and no
// chapter of the guide comes near the budget, so real chapters keep their
// formatting. (make bench times the shapes at the largest size that is
// still formatted.)
func TestWorstShapesGoPlain(t *testing.T) {
	for name, md := range benchgen.WorstShapes(content.MaxFileSize - 512) {
		if cost := renderCost(limitTables(md)); cost <= renderBudget {
			t.Errorf("%s: estimated %d µs, within the budget of %d: it would go to glamour", name, cost, renderBudget)
		}
	}
	out, err := Markdown(benchgen.WorstShapes(content.MaxFileSize - 512)["wide table"], 80, StyleDark)
	if err != nil || !strings.Contains(out, plainNotice) {
		t.Fatalf("the issue's table: err %v, plain notice missing", err)
	}
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range c.Chapters {
		if cost := renderCost(ch.Body); cost > renderBudget/4 {
			t.Errorf("guide chapter %s: estimated %d µs, too near the budget %d", ch.ID, cost, renderBudget)
		}
	}
}

// The plain form keeps every word, fits the width and has no escapes left.
func TestPlainChapter(t *testing.T) {
	md := "# Title\n\n" + strings.Repeat("word ", 5000) + "\n\n| a | b |\n\x1b]0;x\x07\n"
	out := plainChapter(md, 60)
	if got, want := strings.Count(out, "word"), 5000; got != want {
		t.Fatalf("%d words, want %d", got, want)
	}
	for l := range strings.SplitSeq(out, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("line %d wide: %q", ansi.StringWidth(l), l)
		}
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") {
		t.Fatal("a control character reached the output")
	}
}

// A render whose context is cancelled stops with the context's error.
func TestMarkdownContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := MarkdownContext(ctx, "# Title\n\nText.\n", 80, StyleDark); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	c := NewCache(4)
	if _, err := c.RenderContext(ctx, Key{Chapter: "x", Width: 80, Style: StyleDark}, "# T\n"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cache: err = %v", err)
	}
	if _, ok := c.Get(Key{Chapter: "x", Width: 80, Style: StyleDark}); ok {
		t.Fatal("a cancelled render was cached")
	}
}
