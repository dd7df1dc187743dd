package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestMarkWideBreaks(t *testing.T) {
	const b = wideBreak
	cases := map[string]string{
		"plain ASCII stays": "plain ASCII stays",
		"あいう":               "あ" + b + "い" + b + "う",
		"あ、い。":              "あ、" + b + "い。",      // never before 、 or 。
		"「あ」":               "「あ」",                // never after 「 or before 」
		"テ\u3099ータ":         "テ\u3099ー" + b + "タ", // the voicing mark stays with its base
		"全角の２００です":          "全" + b + "角" + b + "の" + b + "２００" + b + "で" + b + "す",
		"HTTPの基本":           "HTTPの" + b + "基" + b + "本",
		"שָׁלוֹם עולם":      "שָׁלוֹם עולם", // one column each: spaces do
	}
	for in, want := range cases {
		if got := MarkWideBreaks(in); got != want {
			t.Errorf("MarkWideBreaks(%q) = %q, want %q", in, got, want)
		}
		if got := DropWideBreaks(MarkWideBreaks(in)); got != in {
			t.Errorf("DropWideBreaks(MarkWideBreaks(%q)) = %q", in, got)
		}
	}
	md := "本文です\n\n`コード`と本文\n\n```text\nコード\n```\n\n| 表 | 列 |\n| --- | --- |\n| 値 | 値 |\n"
	want := "本" + b + "文" + b + "で" + b + "す\n\n`コード`と" + b + "本" + b + "文\n\n```text\nコード\n```\n\n| 表 | 列 |\n| --- | --- |\n| 値 | 値 |\n"
	if got := markWideBreaksMD(md); got != want {
		t.Errorf("markWideBreaksMD:\n%q\nwant\n%q", got, want)
	}
}

// Japanese text after a space used to go whole to the next line, as x/ansi
// wraps only at spaces: "`HTTP/1.1 200 OK`" stood alone on its line with
// the sentence under it, and a run cut at the width put "。" first on a
// line. It now breaks between characters, not before a closing mark.
func TestJapaneseParagraphWraps(t *testing.T) {
	md := "レスポンスの一行目に `HTTP/1.1 200 OK` と表示されれば成功です。全角の「２００」ではなく、半角の数字で書かれていることに注意してください。\n"
	for _, width := range []int{40, 50, 60, 80} {
		out, err := Markdown(md, width, StyleNoColor)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		var text strings.Builder
		for _, line := range strings.Split(plain, "\n") {
			line = strings.TrimRight(line, " ")
			if ansi.StringWidth(line) > width {
				t.Errorf("width %d: line too wide: %q", width, line)
			}
			if strings.HasSuffix(line, "`HTTP/1.1 200 OK`") {
				t.Errorf("width %d: the sentence went to the next line, leaving %q", width, line)
			}
			if s := strings.TrimLeft(line, " "); strings.HasPrefix(s, "。") || strings.HasPrefix(s, "、") || strings.HasPrefix(s, "」") {
				t.Errorf("width %d: a line starts with a closing mark: %q", width, line)
			}
			text.WriteString(strings.TrimLeft(line, " "))
		}
		if strings.Contains(plain, wideBreak) || !strings.Contains(text.String(), "と表示されれば成功です。全角の「２００」ではなく") {
			t.Errorf("width %d: text changed:\n%s", width, plain)
		}
	}
}
