package benchgen

import (
	"fmt"
	"slices"
	"strings"
)

// The worst shapes for rendering (issue 8 item 6): chapter bodies (markdown
// without front matter) built from one costly construct repeated up to a
// size, for the render benchmarks and the tests that hold rendering to its
// budget. Each is a head, a unit repeated while it fits, and a tail.
var shapes = map[string][3]string{
	// the table: 5,000 columns, the rows repeated
	"wide table":        {row(5000, "x") + row(5000, "-"), row(5000, "x"), ""},
	"long table":        {"| method | meaning |\n| --- | --- |\n", "| GET | read a resource |\n", ""},
	"tables":            {"", "| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n\n", ""},
	"list tables":       {"- item\n\n  | a | b |\n  | - | - |\n", "  | 1 | 2 |\n", ""},
	"quoted wide table": {"> " + row(2000, "x") + "> " + row(2000, "-"), "> " + row(2000, "x"), ""},
	"long line":         {"", "a server answers a request ", ""},
	"hard breaks":       {"", "a line  \n", ""},
	"entities":          {"", "&amp; &#x41; &lt; ", ""},
	"links":             {"", "[a link](https://example.com/a/path) ", ""},
	"autolinks":         {"", "see https://example.com/a and ", ""},
	"images":            {"", "![an image](https://example.com/i.png) ", ""},
	"inline marks":      {"", "*a* **b** `c` ~d~ ", ""},
	"emphasis runs":     {"", "***a*** ___b___ ", ""},
	"html":              {"", "<div><b>x</b></div>\n\n", ""},
	"headings":          {"", "## A heading\n\n", ""},
	"setext headings":   {"", "A heading\n---------\n\n", ""},
	"code blocks":       {"", "```go\nfmt.Println(1)\n```\n\n", ""},
	"code lines":        {"```\n", "x := 1\n", "```\n"},
	"long code line":    {"```\n", "x := y + z; ", "\n```\n"},
	"indented code":     {"", "    x := 1\n", ""},
	"list items":        {"", "- an item with `code` and *emphasis*\n", ""},
	"nested list":       {"", "- a\n  - b\n    - c\n      - d\n        - e\n          - f\n            - g\n              - h\n", ""},
	"quotes":            {"", "> a quoted line\n>\n", ""},
	"nested quotes":     {"", "> > > > > > > > deep\n", ""},
	"quoted lists":      {"", "> - > - > - > - x\n", ""},
}

func row(cols int, cell string) string {
	return "|" + strings.Repeat(cell+"|", cols) + "\n"
}

// WorstShapeNames lists the shapes, sorted.
func WorstShapeNames() []string {
	names := make([]string, 0, len(shapes))
	for n := range shapes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// WorstShape builds the named shape at no more than limit bytes.
func WorstShape(name string, limit int) string {
	s, ok := shapes[name]
	if !ok {
		panic(fmt.Sprintf("benchgen: no shape %q", name))
	}
	head, unit, tail := s[0], s[1], s[2]
	var b strings.Builder
	b.WriteString(head)
	for b.Len()+len(unit)+len(tail) <= limit {
		b.WriteString(unit)
	}
	b.WriteString(tail)
	return b.String()
}

// WorstShapes builds every shape at no more than limit bytes.
func WorstShapes(limit int) map[string]string {
	out := make(map[string]string, len(shapes))
	for n := range shapes {
		out[n] = WorstShape(n, limit)
	}
	return out
}
