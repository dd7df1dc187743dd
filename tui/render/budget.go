package render

import (
	"context"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
)

// Render budget. glamour's cost is per block and per inline element, and a
// 1 MiB chapter can hold tens of thousands of them: on the development VM
// (2 cores, 80 columns) 75,000 headings took 16 s and 2.8 GB, 58,000 quote
// lines 38 s, 40,000 code blocks 6 s, 28,000 links 1.8 s, and 100 KB of
// lists nested in quotes 40 s. Before rendering, renderCost estimates the
// time from what the chapter holds, in microseconds per element measured
// there (below, rounded up); a chapter over renderBudget is shown as plain,
// wrapped text instead, a linear pass that takes a fraction of a second
// at the size limit. The guide's costliest chapter is estimated at 58 ms
// (its chapters render in 13-40 ms), so only a chapter several times
// larger and denser than real ones is affected. `make bench`
// (BenchmarkRenderWorstShapes) holds every worst shape, at the largest
// size still formatted, to 1 s and 200 MB.
const (
	renderBudget = 300_000 // µs estimated; leaves room for a slower or busy machine

	costByte     = 1   // per byte of text
	costLine     = 60  // a paragraph line
	costHeading  = 350 // a heading (# or underlined) or a rule
	costItem     = 300 // a list item; ×2 per level of nesting (below)
	costQuote    = 350 // a quoted line; ×2 per level of nesting
	costFence    = 200 // a fenced code block
	costCodeLine = 150 // a line inside one
	costIndented = 220 // a line indented four or more spaces (code, or a list's text)
	costRow      = 100 // a table row
	costCell     = 50  // per '|' in it
	costHTML     = 30  // a line of HTML
	costLink     = 130 // a link
	costImage    = 250 // an image
	costAutolink = 70  // a bare URL
	costMark     = 20  // per emphasis or code-span character
)

// Markdown renders a chapter for the terminal at a wrap width in a glamour
// style: tables and nesting bounded first, and a chapter over the render
// budget as plain text.
func Markdown(md string, width int, style string) (string, error) {
	return MarkdownContext(context.Background(), md, width, style)
}

// MarkdownContext is Markdown that stops early, with ctx's error, once ctx
// is done: the tutor cancels a render nobody waits for any more.
func MarkdownContext(ctx context.Context, md string, width int, style string) (string, error) {
	bounded := limitTables(md)
	if renderCost(bounded) > renderBudget {
		return plainChapter(md, width), nil // as written: no folded cells
	}
	return format(ctx, bounded, width, style)
}

// renderCost estimates glamour's time for md, in microseconds (see above).
func renderCost(md string) int {
	cost := len(md) * costByte
	var fence content.Fence
	for line := range strings.SplitSeq(md, "\n") {
		wasInside := fence.Inside()
		if fence.Line(line) {
			if wasInside {
				// A long line is cut into pieces of a window's width, each a
				// line to glamour, whose code blocks grow by concatenation:
				// a 300 KB one-line block took 0.7-1 s before this counted.
				cost += costCodeLine * max(1, len(line)/40)
			} else {
				cost += costFence
			}
			continue
		}
		t := strings.TrimLeft(line, " \t")
		indent := len(line) - len(t)
		if t == "" {
			continue
		}
		switch {
		case t[0] == '>' || markerLen(t) > 0:
			// Each level of quote or list nesting about doubles glamour's
			// work on a line: 100 KB of "> - > - > - > - x" took 40 s.
			nest := containers(t)
			base := costQuote
			if t[0] != '>' {
				base, nest = costItem, nest+indent/2
			}
			cost += base << min(nest-1, 2*maxContainers)
		case t[0] == '#' || isRule(t):
			cost += costHeading
		case indent >= 4:
			cost += costIndented
		case strings.Contains(t, "|"):
			cost += costRow
		case t[0] == '<':
			cost += costHTML
		default:
			cost += costLine
		}
		// Cells count wherever a table is: in a quote or a list too.
		cost += costCell * strings.Count(t, "|")
		links, images := strings.Count(t, "]("), strings.Count(t, "![")
		cost += costLink*links + costImage*images + costAutolink*max(0, strings.Count(t, "://")-links)
		cost += costMark * countMarks(t)
	}
	return cost
}

// containers counts the quote and list markers opening a line (as
// limitLine does).
func containers(t string) int {
	n := 0
	for i := 0; i < len(t); {
		switch m := markerLen(t[i:]); {
		case t[i] == ' ':
			i++
		case t[i] == '>':
			n, i = n+1, i+1
		case m > 0:
			n, i = n+1, i+m
		default:
			return n
		}
	}
	return n
}

// isRule: a line of only -, =, * or _ (and spaces): a setext heading's
// underline or a thematic break.
func isRule(t string) bool {
	t = strings.TrimRight(t, " \t")
	return len(t) >= 3 && strings.Trim(t, "-= *_") == ""
}

func countMarks(t string) int {
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '*', '_', '`', '~':
			n++
		}
	}
	return n
}

// plainNotice heads a chapter shown as plain text.
const plainNotice = "This chapter is too large to format quickly, so it is shown as plain text."

// plainChapter is the chapter's sanitised source, wrapped to width with
// the same two-column margin glamour gives: every word of it, no colour.
func plainChapter(md string, width int) string {
	text := max(10, width-4)
	var b strings.Builder
	b.Grow(len(md) + len(md)/8)
	b.WriteString("\n")
	for line := range strings.SplitSeq(plainNotice+"\n\n"+Sanitize(md), "\n") {
		line = strings.ReplaceAll(strings.TrimRight(line, " \t\r"), "\t", "    ")
		if len(line) > text && ansi.StringWidth(line) > text { // bytes ≥ columns
			line = ansi.Hardwrap(ansi.Wordwrap(line, text, ""), text, true)
		}
		for i, l := range strings.Split(line, "\n") {
			if i > 0 || b.Len() > 1 {
				b.WriteString("\n")
			}
			if l != "" {
				b.WriteString("  " + l)
			}
		}
	}
	return b.String()
}
