package search

import (
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// Find returns the spans of text that match query, folded as the index
// folds and widened to whole graphemes: for highlighting a match in text
// the index does not hold, such as a rendered chapter line.
func Find(text, query string) []Span {
	q := Normalize(query)
	if q == "" {
		return nil
	}
	folded, _ := fold(nil, text, false)
	if !strings.Contains(string(folded), q) {
		return nil
	}
	ix := &Index{
		units:  []unit{{text: text, identical: len(folded) == len(text) && isASCII(text)}},
		folded: string(folded) + "\n", starts: []int32{0},
	}
	r, _ := ix.result(0, q, nil)
	return r.Spans
}

// Snippet fits a result's line into width display columns, keeping its
// first match in view: it drops leading white space and, when the line is
// still too wide, cuts it at grapheme boundaries (never inside a wide
// character or between a letter and its accent), marking each cut with
// "…". The spans are moved to the snippet and clipped to it.
func Snippet(text string, spans []Span, width int) (string, []Span) {
	trimmed := strings.TrimLeft(text, " \t")
	spans = moveSpans(spans, len(text)-len(trimmed), 0, len(trimmed))
	text = trimmed
	if width <= 0 || displaywidth.String(text) <= width {
		return text, spans
	}
	type grapheme struct{ off, col, w int }
	var gs []grapheme
	col, off := 0, 0
	for g := displaywidth.StringGraphemes(text); g.Next(); {
		gs = append(gs, grapheme{off, col, g.Width()})
		col += g.Width()
		off += len(g.Value())
	}
	total := col
	first := 0
	if len(spans) > 0 {
		// start a third of the width before the match, so some context shows
		for first+1 < len(gs) && gs[first+1].off <= spans[0].Start {
			first++
		}
		end := first // the grapheme holding the match's last byte
		for end+1 < len(gs) && gs[end+1].off < spans[0].End {
			end++
		}
		endCol := gs[end].col + gs[end].w
		startCol := max(0, min(gs[first].col-width/3, total-(width-1)))
		// the whole match in view when it fits (2 columns for the … marks)
		startCol = min(gs[first].col, max(startCol, endCol-(width-2)))
		for first > 0 && gs[first-1].col >= startCol {
			first--
		}
	}
	lead := ""
	if first > 0 {
		lead = "…"
	}
	room := width - len([]rune(lead))
	last := first // graphemes [first, last) are shown
	if total-gs[first].col <= room {
		last = len(gs) // the rest fits: no trailing cut
	} else {
		for last < len(gs) && gs[last].col+gs[last].w-gs[first].col <= room-1 {
			last++
		}
	}
	from, to, tail := gs[first].off, len(text), ""
	if last < len(gs) {
		to, tail = gs[last].off, "…"
	}
	return lead + text[from:to] + tail, moveSpans(spans, from-len(lead), len(lead), len(lead)+to-from)
}

// moveSpans shifts spans left by shift and clips them to [lo, hi).
func moveSpans(spans []Span, shift, lo, hi int) []Span {
	var out []Span
	for _, s := range spans {
		s.Start, s.End = max(lo, s.Start-shift), min(hi, s.End-shift)
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	return out
}
