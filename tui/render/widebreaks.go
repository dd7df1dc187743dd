package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/uax29/v2/graphemes"

	"backend-tutor/content"
)

// Line breaks in Chinese and Japanese text. It has no spaces, and the
// wrappers of glamour and lipgloss (x/ansi's Wrap) break only at spaces:
// a run of it after a space went whole to the next line ("`GET /health`"
// alone, then its sentence under it), and a run longer than the line was
// cut at the width, a closing "。" or "、" starting the next line.
//
// So before wrapping, a break opportunity is put between two wide
// characters: U+2028 (LINE SEPARATOR), which x/ansi counts as a space of
// no width, so the wrappers break there and measure lines as they will
// be; after wrapping, every one is taken out again. None goes before a
// mark that must not start a line (、。」 and small kana: the kinsoku rule
// in its loose form) or after one that must not end it (「（), nor inside
// a word in full-width letters or digits (２００), inside code, or in a
// table row. The marks make glamour's wrapping dearer: 90 KB of Japanese
// paragraphs rendered in 113 ms with them, 73 ms without, on the 2-core
// development VM; renderCost, which counts bytes, estimated 108 ms, so the
// render budget still holds.
const wideBreak = "\u2028"

// noStart are the wide characters a line must not start with; noEnd
// those it must not end with.
const (
	noStart = "、。，．・：；？！ー～）」』】〕〉》ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
	noEnd   = "（「『【〔〈《"
)

// MarkWideBreaks puts a break opportunity between two wide characters of
// plain text (a prompt, a definition) that may part there. Wrap the
// result, then take the marks out with DropWideBreaks.
func MarkWideBreaks(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	prevWide, prev := false, ""
	for it := graphemes.FromString(s); it.Next(); {
		g := it.Value()
		wide := ansi.StringWidth(g) == 2
		if prevWide && wide && canBreak(prev, g) {
			b.WriteString(wideBreak)
		}
		b.WriteString(g)
		prevWide, prev = wide, g
	}
	return b.String()
}

// DropWideBreaks takes out the marks MarkWideBreaks put in (and any a
// text brought itself: it shows nothing).
func DropWideBreaks(s string) string {
	if !strings.Contains(s, wideBreak) {
		return s
	}
	return strings.ReplaceAll(s, wideBreak, "")
}

// canBreak says whether a line may end after grapheme a when b follows.
func canBreak(a, b string) bool {
	// a grapheme's first rune says what it is (テ + U+3099 is a テ)
	next, _ := utf8.DecodeRuneInString(b)
	this, _ := utf8.DecodeRuneInString(a)
	if fullWidthASCII(this) && fullWidthASCII(next) {
		return false // a word or number typed in full-width letters (２００)
	}
	return !strings.ContainsRune(noStart, next) && !strings.ContainsRune(noEnd, this)
}

// fullWidthASCII says whether r is a full-width form of a letter or digit.
func fullWidthASCII(r rune) bool {
	return r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
}

// markWideBreaksMD is MarkWideBreaks over a markdown document: the text
// of each line outside fenced code and table rows, leaving inline code
// spans as written.
func markWideBreaksMD(md string) string {
	if isASCII(md) {
		return md
	}
	lines := strings.Split(md, "\n")
	var fence content.Fence
	for i, line := range lines {
		if fence.Line(line) || isASCII(line) || strings.HasPrefix(strings.TrimLeft(line, " "), "|") {
			continue
		}
		lines[i] = outsideCodeSpans(line, MarkWideBreaks)
	}
	return strings.Join(lines, "\n")
}

// outsideCodeSpans applies f to the parts of a markdown line outside its
// inline code spans (a run of backticks up to the next run as long).
func outsideCodeSpans(s string, f func(string) string) string {
	var b strings.Builder
	start := 0 // of the text not yet written
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := backtickRun(s[i:])
		end := strings.Index(s[i+n:], s[i:i+n])
		if end < 0 || backtickRun(s[i+n+end:]) != n {
			i += n // no closing run: literal backticks
			continue
		}
		b.WriteString(f(s[start:i]))
		b.WriteString(s[i : i+n+end+n])
		i += n + end + n
		start = i
	}
	b.WriteString(f(s[start:]))
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
