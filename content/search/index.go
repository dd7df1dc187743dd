// Package search finds text anywhere in a course: chapter text line by line,
// headings, chapter titles, glossary terms with their definitions, and the
// prompts of quiz questions (never their options, answers, hints or
// explanations, which would give the answers away). Matching is a plain
// substring match, case- and accent-insensitive (see Normalize); whole-word
// matches rank first, then matches in headings, titles and glossary terms,
// then everything else, each group in course order.
//
// It is plain Go: no terminal, no disk. The index is built once per course
// (New) and is safe for concurrent searches.
package search

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"backend-tutor/content"
)

// Kind says what a result's text is.
type Kind uint8

// The kinds of text searched.
const (
	Text     Kind = iota // a line of a chapter's markdown
	Heading              // a heading line of a chapter
	Title                // a chapter's title (from its front matter)
	Question             // a quiz question's prompt, as one line
	Glossary             // a glossary entry: "term — definition", as one line
)

// Span is a byte range [Start, End) of a Result's Text.
type Span struct{ Start, End int }

// Result is one line that matched.
type Result struct {
	Kind Kind
	// ChapterID is the chapter the line belongs to; for a glossary entry,
	// the chapter the term links to ("" if none).
	ChapterID string
	// Line is, for Text and Heading, the 1-based line in the chapter's
	// markdown body (the text `backend-tutor read ID --plain` prints); 0
	// for a Title; the 1-based question number for a Question; the 1-based
	// entry number for a Glossary result.
	Line int
	// Heading is the text of the section heading the line is under (its own
	// text for a heading; "" before the first heading); the term for a
	// Glossary result; the question's id for a Question.
	Heading string
	// Text is the whole line as written, unsanitised: callers sanitise it
	// (and each span of it) before it reaches a terminal.
	Text string
	// Spans are the matches in Text (the first maxSpans), in order, widened
	// to whole grapheme clusters so highlighting never splits a character.
	// Never empty.
	Spans []Span
	// WholeWord is true when a match is not inside a longer word.
	WholeWord bool
}

// Index is a course prepared for searching. The zero value finds nothing.
type Index struct {
	units []unit
	// folded is every unit's folded text, each followed by '\n' (which
	// folding never produces, so no match spans two units); starts[i] is
	// where unit i begins in it.
	folded string
	starts []int32
}

type unit struct {
	kind      Kind
	chapter   string
	line      int
	heading   string
	text      string
	termLen   int  // Glossary: bytes of the folded text that are the term
	identical bool // folding changed no byte offsets (plain ASCII, no runs of spaces)
}

// New indexes the course. It reads the course and never changes it.
func New(c *content.Course) *Index {
	ix := &Index{}
	var b []byte
	add := func(u unit) {
		start := len(b)
		b, _ = fold(b, u.text, false)
		u.identical = len(b)-start == len(u.text) && isASCII(u.text)
		ix.starts = append(ix.starts, int32(start))
		b = append(b, '\n')
		ix.units = append(ix.units, u)
	}
	for _, ch := range c.Chapters {
		lines := strings.Split(ch.Body, "\n")
		heads := content.Headings(ch.Body)
		firstH1 := ""
		for _, h := range heads {
			if h.Level == 1 {
				firstH1 = h.Text
				break
			}
		}
		if Normalize(firstH1) != Normalize(ch.Title) {
			add(unit{kind: Title, chapter: ch.ID, text: ch.Title, heading: ch.Title})
		}
		hi, heading := 0, ""
		for n, line := range lines {
			kind := Text
			if hi < len(heads) && heads[hi].Line == n+1 {
				heading, kind = heads[hi].Text, Heading
				hi++
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			add(unit{kind: kind, chapter: ch.ID, line: n + 1, heading: heading, text: strings.TrimRight(line, " \t\r")})
		}
		if ch.Quiz != nil {
			for n, q := range ch.Quiz.Questions {
				add(unit{kind: Question, chapter: ch.ID, line: n + 1, heading: q.ID, text: oneLine(q.Prompt)})
			}
		}
	}
	for n, t := range c.Glossary {
		term := oneLine(t.Term)
		folded, _ := fold(nil, term, false)
		add(unit{kind: Glossary, chapter: t.ChapterID, line: n + 1, heading: term,
			text: term + " — " + oneLine(t.Definition), termLen: len(folded)})
	}
	ix.folded = string(b)
	return ix
}

// Search returns every unit that contains the query (after Normalize),
// best first. An empty query finds nothing.
func (ix *Index) Search(query string) []Result {
	out, _ := ix.Top(query, -1)
	return out
}

// Top is Search cut to the best n results (all of them when n < 0), with
// the number there are in all. Only the results returned get their spans,
// so a screen that shows a few hundred pays for those, however many lines
// match.
func (ix *Index) Top(query string, n int) ([]Result, int) {
	q := Normalize(query)
	if q == "" || ix == nil {
		return nil, 0
	}
	var hits []int32 // units, in course order
	u := 0
	for off := 0; ; {
		i := strings.Index(ix.folded[off:], q)
		if i < 0 {
			break
		}
		i += off
		// Hits come in ascending order: walk forward to the unit holding i.
		for u+1 < len(ix.starts) && int(ix.starts[u+1]) <= i {
			u++
		}
		hits = append(hits, int32(u))
		off = ix.unitEnd(u) // one result per unit; the spans find the rest
	}
	if len(hits) == 0 {
		return nil, 0
	}
	// A counting sort by rank: stable, so each rank stays in course order,
	// and linear (a comparison sort of 20,000 results took a quarter of
	// the search time on the 1,000-chapter pack).
	rk := make([]uint8, len(hits))
	var next [ranks + 1]int // where each rank starts in order
	for k, u := range hits {
		rk[k] = ix.rank(int(u), q)
		next[rk[k]+1]++
	}
	for r := 1; r < len(next); r++ {
		next[r] += next[r-1]
	}
	order := make([]int32, len(hits))
	for k, u := range hits {
		order[next[rk[k]]] = u
		next[rk[k]]++
	}
	if n < 0 || n > len(order) {
		n = len(order)
	}
	out := make([]Result, n)
	spans := make([]Span, 0, n) // one allocation for most results' spans
	for k := range out {
		out[k], spans = ix.result(int(order[k]), q, spans)
	}
	return out, len(hits)
}

// unitEnd is the offset just past unit u's '\n' in ix.folded.
func (ix *Index) unitEnd(u int) int {
	if u+1 < len(ix.starts) {
		return int(ix.starts[u+1])
	}
	return len(ix.folded)
}

// ranks is how many ranks there are.
const ranks = 4

// rank orders results: whole words first, then headings, titles and
// glossary terms, then the rest; lower is better. It reads the folded text
// only: no spans, no allocation.
func (ix *Index) rank(u int, q string) uint8 {
	un := ix.units[u]
	folded := ix.folded[ix.starts[u] : ix.unitEnd(u)-1]
	first, whole := -1, false
	for off := 0; !whole; {
		i := strings.Index(folded[off:], q)
		if i < 0 {
			break
		}
		i += off
		if first < 0 {
			first = i
		}
		whole = wholeWord(folded, i, i+len(q))
		off = i + len(q)
	}
	n := uint8(0)
	if !whole {
		n += 2
	}
	switch {
	case un.kind == Heading || un.kind == Title:
	case un.kind == Glossary && first < un.termLen:
	default:
		n++
	}
	return n
}

// result builds unit u's Result for the folded query q, which it contains.
// Its spans are appended to spans, which it returns.
func (ix *Index) result(u int, q string, spans []Span) (Result, []Span) {
	un := ix.units[u]
	r := Result{Kind: un.kind, ChapterID: un.chapter, Line: un.line, Heading: un.heading, Text: un.text}
	folded := ix.folded[ix.starts[u] : ix.unitEnd(u)-1]
	var src []int32
	if !un.identical {
		f, s := fold(nil, un.text, true)
		folded, src = string(f), s
	}
	first := len(spans)
	for off := 0; off <= len(folded)-len(q); {
		i := strings.Index(folded[off:], q)
		if i < 0 {
			break
		}
		i += off
		j := i + len(q)
		if wholeWord(folded, i, j) {
			r.WholeWord = true
		}
		if len(spans)-first >= maxSpans {
			if r.WholeWord {
				break
			}
			off = j
			continue // still looking for a whole word, to rank the line
		}
		sp := Span{i, j}
		if src != nil {
			sp = widen(un.text, int(src[i]), endOf(src, j))
		}
		if n := len(spans); n > first && sp.Start < spans[n-1].End {
			spans[n-1].End = max(spans[n-1].End, sp.End) // overlapping after widening
		} else {
			spans = append(spans, sp)
		}
		off = j
	}
	r.Spans = spans[first:len(spans):len(spans)]
	return r, spans
}

// maxSpans bounds the spans kept per result: a one-letter query matches a
// long line dozens of times, and spans for every one of them on every line
// of a 1,000-chapter pack took 46 MB ("e"). The first 8 show where a line
// matches; ranking and WholeWord still see every match.
const maxSpans = 8

// endOf is where, in the original text, the folded bytes before j end: the
// start of the next original rune that produced output, or the text's end.
// Runes folding dropped (accents after the match) belong to the match.
func endOf(src []int32, j int) int {
	if j >= len(src)-1 {
		return int(src[len(src)-1])
	}
	k := j
	for k < len(src)-1 && src[k] == src[j-1] {
		k++ // j is inside one rune's expansion (ﬁ → fi): take the whole rune
	}
	return int(src[k])
}

// widen grows [start, end) of s to grapheme cluster boundaries, so a span
// never cuts a character (a letter and its accents, an emoji sequence).
func widen(s string, start, end int) Span {
	if isASCII(s) {
		return Span{start, end}
	}
	sp := Span{start, end}
	it := graphemes.FromString(s)
	for it.Next() {
		a, b := it.Start(), it.End()
		if a < start && start < b {
			sp.Start = a
		}
		if a < end && end < b {
			sp.End = b
		}
		if a >= end {
			break
		}
	}
	return sp
}

// oneLine joins a multi-line field into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
