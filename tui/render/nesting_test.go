package render

import (
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
