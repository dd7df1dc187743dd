package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkdown renders arbitrary chapter text: it must never panic, never
// emit an escape sequence glamour did not make itself (checkTerminalOutput),
// and stay within a bounded size (nesting is limited before rendering).
func FuzzMarkdown(f *testing.F) {
	f.Add("# Title\n\nSome *text* and `code`.\n\n```go\nfunc main() {}\n```\n")
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n")
	f.Add(strings.Repeat("> ", 40) + "deep\n" + strings.Repeat("- ", 40) + "x\n")
	f.Add("[link](http://x/\x1b]52;c;aGk=\x07) \x1b[2J \u009b31m \u202e")
	f.Add(hostileDoc())
	f.Add("# &#x1b;]0;PWNED&#x7; &#27;[8m &#x9d;0;t&#x9c; &#x202e; [x](https://a/&#x1b;]0;P&#x7;) `&#x1b;`")
	// Japanese (break marks between wide characters) and Hebrew with points
	f.Add("# 見出し\n\n本文は `GET /health` と「２００」。\n\n- 項目：テ\u3099ータ\n\n| 表 | 列 |\n|---|---|\n| 値 | 値 |\n\n```sh\n# コメント\n```\n")
	f.Add("- שָׁלוֹם עוֹלָם\n\n1. בְּהַצְלָחָה\u2028x `a\u2028b`\n")
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 64<<10 || !utf8.ValidString(md) {
			return // content files are UTF-8 (the loader rejects the rest)
		}
		out, err := Markdown(md, 80, StyleDark)
		if err != nil {
			return // a render error is reported, and the reader falls back to plain text
		}
		checkTerminalOutput(t, out)
	})
}
