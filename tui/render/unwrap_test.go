package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestJoinListLines(t *testing.T) {
	cases := map[string]string{
		"- one\n  two\n- three":       "- one two\n- three",
		"1. step\n   more\n\n   para": "1. step more\n\n   para",
		"- a\n  - nested\n    tail":   "- a\n  - nested tail",
		"text\nmore text":             "text\nmore text", // paragraphs: glamour joins them itself
		"- a\n  ```go\n  x\n  ```":    "- a\n  ```go\n  x\n  ```",
		"- a  \n  b":                  "- a  \n  b", // a hard break stays
		"- a\n# Heading":              "- a\n# Heading",
		"- a\n---":                    "- a\n---",
		"```text\n- a\n  b\n```":      "```text\n- a\n  b\n```",
		"- a\n> quote":                "- a\n> quote",
		"- item\n  | not | a table |": "- item\n  | not | a table |",
	}
	for in, want := range cases {
		if got := joinListLines(in); got != want {
			t.Errorf("joinListLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// A list item written over several source lines wraps as one paragraph.
func TestListItemWrapsAsOneParagraph(t *testing.T) {
	md := "- item one starts here and goes on for a bit\n  and continues on a second source line here.\n- second\n"
	out := ansi.Strip(mustMarkdown(t, md, 40))
	if strings.Contains(out, "for a bit\n") {
		t.Fatalf("the source line break survived:\n%s", out)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "goes on for a bit and continues on a second") {
		t.Fatalf("text lost or reordered:\n%s", out)
	}
}

func mustMarkdown(t *testing.T, md string, w int) string {
	t.Helper()
	out, err := Markdown(md, w, StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Wrapped lines of a list item line up under its text, not its bullet.
func TestListItemsHang(t *testing.T) {
	md := "- item one starts here and goes on for a bit and continues on a second line.\n- second\n\n1. Numbered item that is long enough to wrap at forty columns.\n\nAfter the list.\n"
	lines := strings.Split(ansi.Strip(mustMarkdown(t, md, 40)), "\n")
	var bullet, cont, numbered, numCont, after string
	for i, l := range lines {
		switch {
		case strings.Contains(l, "• item one"):
			bullet, cont = l, lines[i+1]
		case strings.Contains(l, "1. Numbered"):
			numbered, numCont = l, lines[i+1]
		case strings.Contains(l, "After the list"):
			after = l
		}
	}
	col := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	if col(cont) != col(bullet)+2 || col(numCont) != col(numbered)+3 {
		t.Fatalf("continuations not under the text:\n%q\n%q\n%q\n%q", bullet, cont, numbered, numCont)
	}
	if col(after) != col(bullet) {
		t.Fatalf("the paragraph after the list moved: %q", after)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Fatalf("line wider than 40: %q", l)
		}
	}
}
