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
// it is derived: ~0.6 ms a question on the guide (all 213 in 137 ms), so
// it runs for the few questions shown, off the UI goroutine.
func SectionOf(ch *content.Chapter, qu *content.Question) Section {
	lines := strings.Split(ch.Body, "\n")
	hs := headings(lines)
	if len(hs) == 0 {
		return Section{}
	}
	parts := []string{qu.Prompt, qu.Hint, qu.Explanation}
	for _, o := range qu.Options {
		parts = append(parts, o.Text)
	}
	parts = append(append(parts, qu.Accept...), qu.Items...)
	asked := words(strings.Join(parts, " "))
	if len(asked) == 0 {
		return Section{}
	}
	type span struct{ body, title map[string]bool }
	spans := make([]span, len(hs))
	df := map[string]int{}
	for i, h := range hs {
		end := len(lines)
		if i+1 < len(hs) {
			end = hs[i+1].line
		}
		spans[i] = span{words(strings.Join(lines[h.line:end], "\n")), words(h.text)}
		for w := range spans[i].body {
			df[w]++
		}
	}
	best, bestScore := -1, 0.0
	for i, sp := range spans {
		score := 0.0
		for w := range asked {
			if !sp.body[w] {
				continue
			}
			weight := math.Log(1 + float64(len(hs))/float64(df[w]))
			if sp.title[w] {
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
	return Section{Line: h.line + 1, Level: h.level, Text: h.text}
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

// words is the set of folded words of s, 4 letters or more, common ones
// left out.
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(Normalize(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(w) >= 4 && !commonWords[w] {
			out[w] = true
		}
	}
	return out
}
