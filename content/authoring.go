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
// line is wider than MaxCodeWidth. The markdown in quiz and lab files
// (prompts, hints, explanations, a lab's brief) is checked as it is
// parsed (mapping.text), and its warnings come in as more.
func lintChapters(course *Course, more Problems) Problems {
	w := collector{warnings: more}
	for _, ch := range course.Chapters {
		lintMarkdown(ch.File, ch.Body, ch.bodyLine, &w)
	}
	return w.warnings.sorted()
}

// lintMarkdown checks the fenced code blocks of md, whose first line is
// line first of file (fences as Fence reads them).
func lintMarkdown(file, md string, first int, w *collector) {
	var fence Fence
	for i, line := range strings.Split(md, "\n") {
		n := first + i
		wasInside := fence.Inside()
		switch {
		case !fence.Line(line):
		case !wasInside && fence.Info() == "":
			t := strings.TrimLeft(line, " ")
			w.warn(file, n, "code block names no language: write %s followed by one (http, json, sql, sh, python, go, or text for anything else)", strings.TrimRight(t, " \t"))
		case wasInside && fence.Inside():
			if width := displaywidth.String(strings.ReplaceAll(line, "\t", "    ")); width > MaxCodeWidth {
				w.warn(file, n, "code line is %d columns wide; keep code lines to %d or fewer so they do not wrap in an 80-column terminal", width, MaxCodeWidth)
			}
		}
	}
}
