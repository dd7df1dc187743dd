package render

import (
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
)

func TestLimitNesting(t *testing.T) {
	cases := map[string]string{
		"plain text":                      "plain text",
		"> > quote":                       "> > quote",
		strings.Repeat(">", 20) + " deep": strings.Repeat(">", maxContainers) + " deep",
		strings.Repeat("- ", 20) + "x":    strings.Repeat("- ", maxContainers) + "x",
		strings.Repeat(" ", 100) + "- x":  strings.Repeat(" ", maxIndent) + "- x",
		"1. 2. 3. item":                   "1. 2. 3. item",
		"-not a marker":                   "-not a marker",
	}
	for in, want := range cases {
		if got := limitNesting(in); got != want {
			t.Errorf("limitNesting(%.30q) = %.40q, want %.40q", in, got, want)
		}
	}
	code := "```text\n" + strings.Repeat(" ", 60) + "> kept\n```"
	if got := limitNesting(code); got != code {
		t.Errorf("code fences must be left alone: %q", got)
	}
}

// Documents that made glamour run for minutes or gigabytes render quickly
// and stay bounded once nesting is limited. (A regression shows up as a test
// timeout or a huge output, not as a timed assertion.)
func TestDeepNestingIsBounded(t *testing.T) {
	var list strings.Builder
	for i := range 400 {
		list.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	docs := map[string]string{
		"nested list":   list.String(),
		"nested quotes": strings.Repeat(">", 50000) + " deep\n",
		"marker chain":  strings.Repeat("- ", 20000) + "x\n",
	}
	for name, md := range docs {
		out, err := Markdown(md, 80, StyleDark)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(out) > 40*len(md)+100_000 {
			t.Errorf("%s: %d bytes of output from %d of input", name, len(out), len(md))
		}
		if !strings.Contains(out, "item") && !strings.Contains(out, "deep") && !strings.Contains(out, "x") {
			t.Errorf("%s: the text itself was lost", name)
		}
	}
}

// Very long documents are rendered in pieces, so glamour's cost (quadratic
// in the number of blocks) stays linear; normal chapters stay whole.
func TestSplitLarge(t *testing.T) {
	chapter := strings.Repeat("Some text.\n\n", 300)
	if got := splitLarge(chapter); len(got) != 1 || got[0] != chapter {
		t.Fatalf("a chapter-sized document was split into %d pieces", len(got))
	}
	for name, md := range map[string]string{
		"headings":   strings.Repeat("# h\n", 15000),
		"tight list": strings.Repeat("- item\n", 15000),
		"paragraphs": strings.Repeat("text\n\n", 8000),
		"one line":   strings.Repeat("a ", 30000) + "\n" + strings.Repeat("b\n", 3000),
	} {
		pieces := splitLarge(md)
		if strings.Join(pieces, "") != md {
			t.Errorf("%s: pieces do not add up to the document", name)
		}
		for i, p := range pieces {
			if n := strings.Count(p, "\n"); n > 4*pieceLines+1 {
				t.Errorf("%s: piece %d has %d lines", name, i, n)
			}
		}
	}
	// a fence is never cut
	fenced := strings.Repeat("x\n\n", 800) + "```text\n" + strings.Repeat("# not a heading\n", 900) + "```\n" + strings.Repeat("y\n\n", 800)
	for _, p := range splitLarge(fenced) {
		if strings.Count(p, "```")%2 != 0 {
			t.Fatalf("a piece cuts a code fence:\n%.200s", p)
		}
	}
}

// Tens of thousands of headings or list items render in bounded time (a hang
// would be a test timeout) and keeps its text.
// A huge document is cut into pieces of bounded size (so its render cost
// is linear: 16,000 headings took ~25 s unsplit), and rendering the pieces
// loses no text. The cutting is checked at the real sizes; the rendering
// with the sizes scaled down a hundredfold, so the test does not spend
// seconds rendering.
func TestHugeDocumentRenders(t *testing.T) {
	docs := map[string]func(n int) string{
		"headings": func(n int) string { return strings.Repeat("# h\n", n) },
		"list":     func(n int) string { return strings.Repeat("- a\n", n) },
		"fenced":   func(n int) string { return strings.Repeat("para\n\n````\n```\ncode\n````\n", n/6) },
	}
	for name, doc := range docs {
		md := doc(16000)
		pieces := splitLarge(md)
		if strings.Join(pieces, "") != md {
			t.Fatalf("%s: the pieces do not add up to the document", name)
		}
		for i, p := range pieces {
			if n := strings.Count(p, "\n"); n > 4*pieceLines+1 {
				t.Fatalf("%s: piece %d has %d lines, more than %d", name, i, n, 4*pieceLines)
			}
			if strings.Count(p, "````\n")%2 != 0 {
				t.Fatalf("%s: piece %d cuts a fenced block", name, i)
			}
		}
	}
	defer func(a, p int) { splitAbove, pieceLines = a, p }(splitAbove, pieceLines)
	splitAbove, pieceLines = 15, 3
	for name, doc := range docs {
		md := doc(160)
		if len(splitLarge(md)) < 10 {
			t.Fatalf("%s: not split", name)
		}
		out, err := Markdown(md, 80, StyleDark)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain := ansi.Strip(out)
		if strings.Count(plain, "h") < 150 && strings.Count(plain, "a") < 150 && strings.Count(plain, "code") < 25 {
			t.Fatalf("%s: text lost:\n%s", name, plain)
		}
	}
}
