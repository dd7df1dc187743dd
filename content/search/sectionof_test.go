package search

import (
	"testing"

	"backend-tutor/content"
)

// Proves: a question links to the section that shares its telling words
// (one every section has does not decide), a heading's own words weigh
// more, a "# comment" in a code block is no section, and with no shared
// word or no heading the link is the chapter's start.
func TestSectionOf(t *testing.T) {
	ch := &content.Chapter{Body: "# Web basics\nWeb servers answer requests.\n\n" +
		"## Cookies\nA cookie is small text the browser keeps for the server.\n\n" +
		"```sh\n# Databases\nserver --cookies\n```\n\n" +
		"## Databases\nThe server keeps tables of rows.\n\n" +
		"### Indexes\nAn index finds rows in tables fast, like a book's index.\n"}
	cases := []struct {
		name string
		qu   content.Question
		want Section
	}{
		{"body words", content.Question{Prompt: "Where does the browser keep a cookie?"}, Section{Line: 4, Level: 2, Text: "Cookies"}},
		{"most shared words", content.Question{Prompt: "Which finds rows in tables?", Explanation: "An index."}, Section{Line: 15, Level: 3, Text: "Indexes"}},
		// Cookies' code block says "databases" too: only the heading's weight
		// breaks the tie, which would go to the earlier section.
		{"options count, heading words weigh more", content.Question{Prompt: "Pick one.", Options: []content.Option{{Text: "databases"}}}, Section{Line: 12, Level: 2, Text: "Databases"}},
		{"nothing shared", content.Question{Prompt: "What is DNS?"}, Section{}},
		{"accents and case folded", content.Question{Prompt: "COOKIÉ?", Accept: []string{"Cookie"}}, Section{Line: 4, Level: 2, Text: "Cookies"}},
	}
	for _, c := range cases {
		if got := SectionOf(ch, &c.qu); got != c.want {
			t.Errorf("%s: SectionOf = %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := SectionOf(&content.Chapter{Body: "no headings at all about cookies"}, &content.Question{Prompt: "cookies"}); got != (Section{}) {
		t.Errorf("a chapter without headings: %+v", got)
	}
}

// FuzzSectionOf: a hostile pack's chapter and question never make
// SectionOf panic, and what it links to is one of the chapter's headings
// (or the chapter's start).
func FuzzSectionOf(f *testing.F) {
	f.Add("# A\ncookies here\n## B\ntables\n", "Which tables?")
	f.Add("```\n# not\n```\n## Real one\ntext", "real text")
	f.Add("#\n##\n###  ###\n", "####")
	f.Fuzz(func(t *testing.T, body, prompt string) {
		got := SectionOf(&content.Chapter{Body: body}, &content.Question{Prompt: prompt, Options: []content.Option{{Text: prompt}}})
		if got == (Section{}) {
			return
		}
		for _, s := range Outline(body) {
			if s == got {
				return
			}
		}
		t.Fatalf("SectionOf = %+v, not a heading of %q", got, body)
	})
}
