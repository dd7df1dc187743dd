package search

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"backend-tutor/content"
)

// SectionOf is the section of ch a question belongs to, for linking a
// question to what to read again (the stats screen's weakest questions):
// the section (a heading and its text up to the next heading) sharing the
// most of the question's words, each word weighted by how few sections
// hold it (a word every section has tells nothing), a word of the heading
// itself counting twice. Words are folded like search (case, accents) and
// shorter than 4 letters or very common ones are left out. Ties go to the
// earlier section; no shared word, or a chapter without headings, gives
// the zero Section (the chapter's start). Quiz files name no section, so
// it is derived: 0.3-0.5 ms a question on the guide's longest chapter
// (BenchmarkSectionOf; folding the text is most of it; building a word
// set per section, the first version, took 2-3 ms), so it runs only for
// the five questions shown, off the UI goroutine.
func SectionOf(ch *content.Chapter, qu *content.Question) Section {
	lines := strings.Split(ch.Body, "\n")
	hs := content.Headings(ch.Body)
	if len(hs) == 0 {
		return Section{}
	}
	parts := []string{qu.Prompt, qu.Hint, qu.Explanation}
	for _, o := range qu.Options {
		parts = append(parts, o.Text)
	}
	parts = append(append(parts, qu.Accept...), qu.Items...)
	// The question's first 64 distinct words: a bit each, so a hostile
	// pack's huge question or many headings cost 16 bytes a heading.
	asked := map[string]int{} // a word of the question → its bit
	eachWord(strings.Join(parts, " "), func(w string) {
		if _, ok := asked[w]; !ok && len(asked) < 64 {
			asked[w] = len(asked)
		}
	})
	if len(asked) == 0 {
		return Section{}
	}
	// One pass over the chapter, keeping only the question's words: which
	// section holds which (body), and which heading names which (title).
	body := make([]uint64, len(hs))
	title := make([]uint64, len(hs))
	var df [64]int
	for i, h := range hs {
		end := len(lines)
		if i+1 < len(hs) {
			end = hs[i+1].Line - 1
		}
		eachWord(strings.Join(lines[h.Line-1:end], "\n"), func(w string) {
			if k, ok := asked[w]; ok && body[i]&(1<<k) == 0 {
				body[i] |= 1 << k
				df[k]++
			}
		})
		eachWord(h.Text, func(w string) {
			if k, ok := asked[w]; ok {
				title[i] |= 1 << k
			}
		})
	}
	best, bestScore := -1, 0.0
	for i := range hs {
		score := 0.0
		for k := range len(asked) {
			if body[i]&(1<<k) == 0 {
				continue
			}
			weight := math.Log(1 + float64(len(hs))/float64(df[k]))
			if title[i]&(1<<k) != 0 {
				weight *= 2
			}
			score += weight
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return Section{}
	}
	h := hs[best]
	return Section{Line: h.Line, Level: h.Level, Text: h.Text}
}

// commonWords carry no topic: left out of SectionOf's matching.
var commonWords = map[string]bool{
	"about": true, "also": true, "because": true, "been": true, "does": true, "each": true, "every": true,
	"from": true, "have": true, "into": true, "just": true, "like": true, "more": true, "most": true,
	"must": true, "only": true, "other": true, "same": true, "should": true, "some": true, "than": true,
	"that": true, "their": true, "them": true, "then": true, "there": true, "these": true, "they": true,
	"this": true, "what": true, "when": true, "where": true, "which": true, "while": true, "with": true,
	"would": true, "your": true, "will": true, "were": true, "here": true, "after": true, "before": true,
}

// eachWord calls f with each folded word of s, 4 letters or more, common
// ones left out.
func eachWord(s string, f func(w string)) {
	folded := Normalize(s)
	start := -1
	for i, r := range folded + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := folded[start:i]; utf8.RuneCountInString(w) >= 4 && !commonWords[w] {
				f(w)
			}
			start = -1
		}
	}
}
