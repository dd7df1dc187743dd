package content

import (
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// MaxCodeWidth is the widest a code line may be: an 80-column terminal
// shows a code block indented by 4, and a wider line wraps mid-token
// (docs/authoring.md asks for 70, this leaves the author that margin).
const MaxCodeWidth = 76

// Warnings are the authoring rules the guide states (docs/authoring.md)
// that a folder breaks: it still loads and works, but reads worse in a
// terminal. `validate` prints them and `validate --strict` refuses them.
// A question without an explanation is not among them: that is an error.
func (c *Course) Warnings() Problems { return c.warnings }

// lintChapters checks each chapter's code blocks: a fence names its
// language (so it is highlighted and the reader knows what it is), and no
// line is wider than MaxCodeWidth.
func lintChapters(course *Course) Problems {
	var w collector
	for _, ch := range course.Chapters {
		lintMarkdown(ch.File, ch.Body, ch.bodyLine, &w)
	}
	return w.list.sorted()
}

// lintMarkdown checks the fenced code blocks of md, whose first line is
// line first of file. Fences are read as CommonMark reads them: a run of
// 3 or more ` or ~, closed by a run of the same character at least as long.
func lintMarkdown(file, md string, first int, w *collector) {
	var char byte // the open block's fence character, 0 outside a block
	var run int
	for i, line := range strings.Split(md, "\n") {
		n := first + i
		t := strings.TrimLeft(line, " ")
		if char != 0 {
			if k := leadingRun(t, char); k >= run && strings.TrimSpace(t[k:]) == "" {
				char = 0
				continue
			}
			if width := displaywidth.String(strings.ReplaceAll(line, "\t", "    ")); width > MaxCodeWidth {
				w.add(file, n, "code line is %d columns wide; keep code lines to %d or fewer so they do not wrap in an 80-column terminal", width, MaxCodeWidth)
			}
			continue
		}
		for _, c := range []byte{'`', '~'} {
			k := leadingRun(t, c)
			if k < 3 || (c == '`' && strings.Contains(t[k:], "`")) {
				continue
			}
			char, run = c, k
			if strings.TrimSpace(t[k:]) == "" {
				w.add(file, n, "code block names no language: write %s followed by one (http, json, sql, sh, python, go, or text for anything else)", t[:k])
			}
			break
		}
	}
}

// leadingRun is how many times c repeats at the start of s.
func leadingRun(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}
