package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
)

// Lines inside a four-backtick fence that shows a three-backtick one stay
// exactly as written (the old scanner closed the block at the inner fence
// and then joined and flattened the lines after it).
func TestFourBacktickFenceUntouched(t *testing.T) {
	md := "- item\n\n````md\n```\n- a list line\n  continued\n" + strings.Repeat("> ", 12) + "deep\n```\n````\n"
	if got := joinListLines(md); got != md {
		t.Errorf("joinListLines changed a fenced block:\n%q\nwant\n%q", got, md)
	}
	if got := limitNesting(md); got != md {
		t.Errorf("limitNesting changed a fenced block:\n%q\nwant\n%q", got, md)
	}
	tilde := strings.ReplaceAll(md, "````", "~~~")
	if got := limitNesting(tilde); got != tilde {
		t.Errorf("limitNesting changed a tilde block:\n%q", got)
	}
}

// Regression (issue 9): at 80 columns chapter 3 split `HTTP/1.1` as
// "HTTP/1." / "1", because glamour breaks lists at punctuation.
func TestInlineCodeNotSplit(t *testing.T) {
	md := "1. The **request line**: the method (`POST`), the target (the path `/notes`, plus any query string such as `?page=2`) and the protocol version (`HTTP/1.1`).\n"
	out := strings.ReplaceAll(ansi.Strip(mustMarkdown(t, md, 80)), "\u00a0", " ")
	if !strings.Contains(out, " HTTP/1.1 ") {
		t.Fatalf("inline code split:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n")[2:] {
		if l != "" && !strings.HasPrefix(l, "     ") {
			t.Fatalf("continuation not under the item's text: %q", l)
		}
	}
}

// A code line too long for the window is cut with a visible mark, never
// wider than the window.
func TestLongCodeLinesMarked(t *testing.T) {
	md := "```sh\ncurl -X POST https://api.example.com/notes -H 'Content-Type: application/json' -d '{\"text\":\"buy milk\"}'\n```\n"
	for _, style := range []string{StyleDark, StyleNoColor} {
		out, err := Markdown(md, 40, style)
		if err != nil {
			t.Fatal(err)
		}
		mark := codeMark
		if style == StyleNoColor {
			mark = codeMarkASCII
		}
		plain := ansi.Strip(out)
		if strings.Count(plain, mark) < 2 {
			t.Errorf("%s: no continuation marks:\n%s", style, plain)
		}
		for _, l := range strings.Split(plain, "\n") {
			if ansi.StringWidth(l) > 40 {
				t.Errorf("%s: line wider than 40: %q", style, l)
			}
		}
	}
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// checkCodeSpans: every inline code span of the chapter that fits on a
// line comes out on one line.
func checkCodeSpans(t testing.TB, ch *content.Chapter, out string, width int) {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(ansi.Strip(out), "\u00a0", " "), "\n")
	var f content.Fence
	for _, src := range strings.Split(ch.Body, "\n") {
		if f.Line(src) || strings.HasPrefix(strings.TrimSpace(src), "|") {
			continue
		}
		for _, m := range codeSpan.FindAllStringSubmatch(src, -1) {
			span := strings.TrimSpace(m[1])
			if ansi.StringWidth(span) > width-10 {
				continue
			}
			found := false
			for _, l := range lines {
				if strings.Contains(l, span) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s at %d: inline code %q split across lines", ch.File, width, span)
			}
		}
	}
}

// checkListHang: no line continues a list item under its bullet.
func checkListHang(t testing.TB, file, out string, width int, codeSGR string) {
	t.Helper()
	margin := -1
	for _, line := range strings.Split(out, "\n") {
		plain := ansi.Strip(line)
		text := strings.TrimLeft(plain, " ")
		n := len(plain) - len(text)
		switch {
		case text == "" || strings.HasPrefix(strings.TrimLeft(line, " "), codeSGR):
			margin = -1
		case renderedMarker(text) > 0:
			margin = n
		case n == margin:
			t.Errorf("%s at %d: a list item goes on under its bullet: %q", file, width, plain)
			margin = -1
		case n < margin:
			margin = -1
		}
	}
}

// A document that brings the stand-in characters itself does not get them
// turned into spaces or punctuation: they come out as U+FFFD.
func TestStrayStandIns(t *testing.T) {
	out := ansi.Strip(mustMarkdown(t, "- a\uE000b `c\uE002d`\n\nx\uE004y\n", 60))
	if strings.ContainsAny(out, "\uE000\uE002\uE004") || strings.Contains(out, "a b") || strings.Contains(out, "c.d") || strings.Contains(out, "x-y") {
		t.Fatalf("stand-ins leaked or were restored:\n%q", out)
	}
}

// A list item of Japanese text, which has no spaces to break at: glamour
// put the bullet alone on a line and the item's text on the next, and
// re-wrapping then joined the bullet to the item before ("変えない。 •")
// and a word broken across lines with a space ("あ る"). Each item's
// text follows its own bullet, hangs under it, and reads as written.
func TestJapaneseListItems(t *testing.T) {
	items := []string{
		"`GET`：データを取得する。サーバーの状態は変えない。",
		"`POST`：新しいデータを作る。同じリクエストを二回送ると、二つ作られることがある。",
		"`DELETE`：データを削除する。",
	}
	md := "よく使うメソッドは次のとおりです。\n\n- " + strings.Join(items, "\n- ") + "\n"
	for _, width := range []int{80, 60, 40} {
		out, err := Markdown(md, width, StyleNoColor) // inline code keeps its backticks
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(out), "\n")
		var got []string
		for _, l := range lines {
			if ansi.StringWidth(l) > width {
				t.Errorf("width %d: line wider than the window: %q", width, l)
			}
			switch {
			case strings.HasPrefix(l, "  • "):
				got = append(got, strings.TrimPrefix(l, "  • "))
			case strings.HasPrefix(l, "    ") && len(got) > 0:
				got[len(got)-1] += strings.TrimPrefix(l, "    ")
			}
		}
		if strings.Join(got, "\n") != strings.Join(items, "\n") {
			t.Errorf("width %d: items\n%s\nwant\n%s\nrendered:\n%s", width, strings.Join(got, "\n"), strings.Join(items, "\n"), out)
		}
	}
}
