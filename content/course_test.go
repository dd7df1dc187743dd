package content

import (
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Course-wide rules for the embedded guide. A failure names the chapter (and
// question or line) so the author can go straight to it.
const (
	minChapters         = 12
	minChapterQuestions = 10
	minChapterKinds     = 3
	minCourseQuestions  = 150
	minKindUses         = 10
	minGlossaryTerms    = 50
	minWords, maxWords  = 900, 2000
	maxCodeLine         = 76
	minExplanation      = 40
	objectivesSentence  = "By the end of this chapter you will be able to"
	summaryHeading      = "## Summary"
)

func TestEmbeddedCourse(t *testing.T) {
	c, err := Load(Embedded())
	if err != nil {
		t.Fatalf("the embedded guide does not validate:\n%v", err)
	}
	if len(c.Chapters) < minChapters {
		t.Errorf("the guide has %d chapters, want at least %d", len(c.Chapters), minChapters)
	}

	kindUses := map[Kind]int{}
	total := 0
	prompts := map[string]string{} // normalised prompt -> where first seen
	t.Logf("%-32s %6s %9s  %s", "chapter", "words", "questions", "kinds")
	for _, ch := range c.Chapters {
		where := ch.File + " (" + ch.ID + ")"
		words := len(strings.Fields(ch.Body))
		kinds := map[Kind]int{}
		n := ch.QuestionCount()
		if ch.Quiz != nil {
			for _, q := range ch.Quiz.Questions {
				kinds[q.Kind]++
				kindUses[q.Kind]++
				qwhere := q.File + ":" + strconv.Itoa(q.Line) + " question " + q.ID
				key := Normalize(q.Prompt)
				if prev, dup := prompts[key]; dup {
					t.Errorf("%s: same prompt as %s: %q", qwhere, prev, q.Prompt)
				} else {
					prompts[key] = qwhere
				}
				if l := utf8.RuneCountInString(strings.TrimSpace(q.Explanation)); l < minExplanation {
					t.Errorf("%s: explanation is %d characters, want at least %d: %q", qwhere, l, minExplanation, q.Explanation)
				}
				for _, o := range q.Options {
					lo := strings.ToLower(o.Text)
					if strings.Contains(lo, "all of the above") || strings.Contains(lo, "none of the above") {
						t.Errorf("%s: option %q depends on an order the tutor shuffles", qwhere, o.Text)
					}
				}
			}
		}
		total += n
		var kindNames []string
		for _, k := range Kinds {
			if kinds[k] > 0 {
				kindNames = append(kindNames, string(k)+"="+strconv.Itoa(kinds[k]))
			}
		}
		t.Logf("%-32s %6d %9d  %s", ch.ID, words, n, strings.Join(kindNames, " "))

		if n < minChapterQuestions {
			t.Errorf("chapter %s: %d questions, want at least %d", where, n, minChapterQuestions)
		}
		if len(kinds) < minChapterKinds {
			t.Errorf("chapter %s: uses %d question kinds (%s), want at least %d", where, len(kinds), strings.Join(kindNames, " "), minChapterKinds)
		}
		if words < minWords || words > maxWords {
			t.Errorf("chapter %s: %d words, want %d-%d", where, words, minWords, maxWords)
		}
		checkChapterBody(t, ch, where)
	}
	t.Logf("%-32s %6s %9d", "total", "", total)

	if total < minCourseQuestions {
		t.Errorf("the guide has %d questions, want at least %d", total, minCourseQuestions)
	}
	for _, k := range Kinds {
		if kindUses[k] < minKindUses {
			t.Errorf("kind %s is used %d times in the guide, want at least %d", k, kindUses[k], minKindUses)
		}
	}

	if len(c.Glossary) < minGlossaryTerms {
		t.Errorf("glossary.yaml has %d terms, want at least %d", len(c.Glossary), minGlossaryTerms)
	}
	for _, term := range c.Glossary {
		if _, ok := c.Chapter(term.ChapterID); !ok {
			t.Errorf("glossary.yaml:%d: term %q names chapter %q, which does not exist", term.line, term.Term, term.ChapterID)
		}
	}
	terms := make([]string, len(c.Glossary))
	for i, term := range c.Glossary {
		terms[i] = strings.ToLower(term.Term)
	}
	if !sort.StringsAreSorted(terms) {
		t.Logf("note: glossary.yaml terms are not in alphabetical order")
	}
}

// checkChapterBody checks the shape of one chapter's markdown: objectives
// first, a summary, and terminal-friendly code blocks.
func checkChapterBody(t *testing.T, ch *Chapter, where string) {
	t.Helper()
	// The body's line 1 is the line after the closing '---' of the front
	// matter; bodyOffset turns body lines into file lines.
	bodyOffset := fileLineOffset(ch)

	var firstPara string
	lines := strings.Split(ch.Body, "\n")
	for _, l := range lines {
		tl := strings.TrimSpace(l)
		if tl == "" || strings.HasPrefix(tl, "# ") {
			continue
		}
		firstPara = tl
		break
	}
	if !strings.HasPrefix(firstPara, objectivesSentence) {
		t.Errorf("chapter %s: does not start with %q (first text: %q)", where, objectivesSentence, firstPara)
	}
	hasSummary := false
	for _, l := range lines {
		if strings.TrimRight(l, " ") == summaryHeading {
			hasSummary = true
		}
	}
	if !hasSummary {
		t.Errorf("chapter %s: has no %q heading", where, summaryHeading)
	}
	for _, b := range fencedBlocks(ch.Body) {
		if b.lang == "" {
			t.Errorf("%s:%d: fenced code block without a language tag", ch.File, b.line+bodyOffset)
		}
		for i, l := range b.lines {
			fileLine := b.line + 1 + i + bodyOffset
			if n := utf8.RuneCountInString(l); n > maxCodeLine {
				t.Errorf("%s:%d: code line is %d characters, want at most %d: %q", ch.File, fileLine, n, maxCodeLine, l)
			}
			if strings.Contains(l, "\t") {
				t.Errorf("%s:%d: code line contains a tab: %q", ch.File, fileLine, l)
			}
		}
	}
}

// fileLineOffset is the number of file lines before the body: the front
// matter. Body line n is file line n+offset.
func fileLineOffset(ch *Chapter) int {
	src, err := fs.ReadFile(Embedded(), ch.File)
	if err != nil {
		return 0
	}
	_, _, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		return 0
	}
	return bodyLine - 1
}
