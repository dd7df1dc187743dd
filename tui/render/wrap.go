package render

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
)

// Wrapping fixes around glamour. Glamour wraps a list (not its items) at
// the list's width with " ,.;-+|" as break points and no hanging indent, so
// inline code split mid-token ("( HTTP/1." / "1 ).") and an item's wrapped
// lines started under its bullet. And it wraps a long code line with
// nothing to show the line goes on, so a copied command broke.
//
// The fixes: before rendering, the characters glamour would break at are
// swapped for stand-ins (from the private use area, one column wide like
// the originals) inside inline code everywhere, and in list items' text;
// so glamour breaks list text only at spaces. After rendering, each list
// item is re-wrapped at spaces with its lines hanging under its text, and
// the stand-ins are swapped back. Long code lines are cut before rendering
// and each cut marked with a continuation mark.

// standIns maps each break character to its stand-in.
var standIns = map[rune]rune{
	' ': '\uE000', ',': '\uE001', '.': '\uE002', ';': '\uE003',
	'-': '\uE004', '+': '\uE005', '|': '\uE006',
}

var restore = func() *strings.Replacer {
	var pairs []string
	for from, to := range standIns {
		pairs = append(pairs, string(to), string(from))
	}
	return strings.NewReplacer(pairs...)
}()

// stray removes stand-in characters a document brings itself, so restoring
// never invents text.
var stray = func() *strings.Replacer {
	var pairs []string
	for _, to := range standIns {
		pairs = append(pairs, string(to), "\uFFFD")
	}
	return strings.NewReplacer(pairs...)
}()

// protectBreaks swaps break characters for stand-ins inside inline code
// (spaces too: a span should not split when it fits, so only in spans of
// up to fit columns) and in list items' text, outside code blocks and
// tables.
func protectBreaks(md string, fit int) string {
	md = stray.Replace(md)
	lines := strings.Split(md, "\n")
	var fence content.Fence
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fence.Line(line) || strings.HasPrefix(trimmed, "|") {
			continue
		}
		k := markerLen(trimmed)
		if k == 0 && !strings.Contains(line, "`") {
			continue
		}
		start := len(line) - len(trimmed) + k
		lines[i] = line[:start] + protectText(line[start:], k > 0, fit)
	}
	return strings.Join(lines, "\n")
}

// protectText swaps break characters in one line of text: inside code
// spans always, elsewhere only when listText (not spaces, and not an
// escaped character or an entity's ';').
func protectText(s string, listText bool, fit int) string {
	var b strings.Builder
	// A ';' after an '&' may end a character reference: left as it is.
	// Found once: searching s[:i] at every ';' was quadratic (a 290 KB
	// list item of ';' took 0.9 s).
	firstAmp := strings.IndexByte(s, '&')
	for i := 0; i < len(s); {
		if s[i] == '`' {
			n := backtickRun(s[i:])
			if end := strings.Index(s[i+n:], s[i:i+n]); end >= 0 && backtickRun(s[i+n+end:]) == n {
				b.WriteString(s[i : i+n])
				fits := ansi.StringWidth(s[i+n:i+n+end]) <= fit
				for _, r := range s[i+n : i+n+end] {
					if to, ok := standIns[r]; ok && (fits || r != ' ') {
						r = to
					}
					b.WriteRune(r)
				}
				b.WriteString(s[i : i+n])
				i += n + end + n
				continue
			}
			b.WriteString(s[i : i+n]) // no closing run: literal backticks
			i += n
			continue
		}
		c := s[i]
		if to, ok := standIns[rune(c)]; ok && listText && c != ' ' && (i == 0 || s[i-1] != '\\') &&
			(c != ';' || firstAmp < 0 || firstAmp >= i) {
			b.WriteRune(to)
		} else {
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// reflowLists re-wraps each rendered list item at spaces to fit width,
// with its wrapped lines indented under the item's text, and restores the
// stand-ins. Glamour keeps a right margin as wide as its left one (2), so
// the lines do too. Lines that start with codeSGR, the code block colour,
// are code that only looks like a list ("6. Server: …" in a diagram).
func reflowLists(out string, width int, codeSGR string) string {
	lines := strings.Split(out, "\n")
	res := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		plain := ansi.Strip(line)
		text := strings.TrimLeft(plain, " ")
		k := renderedMarker(text)
		// A bullet alone on its line: glamour moved the item's first word
		// to the next line, as it does with a run of Japanese text, which
		// has no spaces to break at.
		alone := k == 0 && renderedMarker(text+" ") > 0
		if alone {
			k = ansi.StringWidth(text) + 1
		}
		if k == 0 || codeSGR != "" && strings.HasPrefix(strings.TrimLeft(line, " "), codeSGR) {
			res = append(res, line)
			continue
		}
		n := len(plain) - len(text)
		head := n + k
		first := i
		var body []string
		if !alone {
			body = append(body, ansi.TruncateLeft(line, head, ""))
		}
		for i+1 < len(lines) {
			p := ansi.Strip(lines[i+1])
			t := strings.TrimLeft(p, " ")
			if t == "" || len(p)-len(t) != n || renderedMarker(t) > 0 || renderedMarker(t+" ") > 0 {
				break
			}
			i++
			body = append(body, ansi.TruncateLeft(lines[i], n, ""))
		}
		limit := width - 2 - head
		if limit < 10 || len(body) == 0 {
			res = append(res, lines[first:i+1]...)
			continue
		}
		wrapped := strings.Split(lipgloss.Wrap(joinWrapped(body), limit, ""), "\n")
		marker := ansi.Truncate(line, head, "")
		marker += strings.Repeat(" ", max(0, head-ansi.StringWidth(marker)))
		pad := strings.Repeat(" ", head)
		for j, w := range wrapped {
			if j == 0 {
				res = append(res, marker+w)
			} else {
				res = append(res, pad+w)
			}
		}
	}
	return restore.Replace(strings.Join(res, "\n"))
}

// joinWrapped joins the lines glamour wrapped an item into, with a space
// where glamour broke at one; between two wide characters it broke inside
// a run of Chinese or Japanese text, which has no spaces ("あ" "る" is
// "ある", not "あ る"): there, with the break opportunity it broke at
// (widebreaks.go).
func joinWrapped(lines []string) string {
	var b strings.Builder
	prev := ""
	for i, l := range lines {
		switch {
		case i == 0:
		case wideAt(prev, true) && wideAt(l, false):
			b.WriteString(wideBreak)
		default:
			b.WriteByte(' ')
		}
		b.WriteString(l)
		prev = l
	}
	return b.String()
}

// wideAt says whether the last (or first) character s shows is two
// columns wide.
func wideAt(s string, last bool) bool {
	plain := strings.TrimSpace(ansi.Strip(s))
	if plain == "" {
		return false
	}
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(plain)
	} else {
		r, _ = utf8.DecodeRuneInString(plain)
	}
	return ansi.StringWidth(string(r)) == 2
}

// Continuation marks for a cut code line: an arrow, or for the plain style
// (NO_COLOR, pipes) a backslash, as a shell line continuation reads.
const (
	codeMark      = "↩"
	codeMarkASCII = "\\"
)

// cutCodeLines cuts code lines wider than limit columns, ending each cut
// piece with mark; the rest goes on under the line's own indentation. A cut
// falls after a space where one is in the second half of the piece.
func cutCodeLines(md string, limit int, mark string) string {
	if limit < 10 {
		return md
	}
	lines := strings.Split(md, "\n")
	out := lines[:0:0]
	var fence content.Fence
	for _, line := range lines {
		wasInside := fence.Inside()
		if !fence.Line(line) || !wasInside || !fence.Inside() || ansi.StringWidth(line) <= limit {
			out = append(out, line)
			continue
		}
		indent := line[:min(len(line)-len(strings.TrimLeft(line, " ")), limit/2)]
		out = cutCodeLine(out, line, indent, limit, mark)
	}
	return strings.Join(out, "\n")
}

// cutCodeLine appends line cut into pieces of at most limit columns (see
// cutCodeLines). It measures every grapheme once: measuring what is left
// after each cut, as it first did, made a 1 MiB one-line code block take
// 23 s (BenchmarkRenderWorstShapes/long_code_line).
func cutCodeLine(out []string, line, indent string, limit int, mark string) []string {
	var offs, cum []int // per grapheme: byte offset, width of everything before it
	w := 0
	for it := graphemes.FromString(line); it.Next(); {
		offs = append(offs, it.Start())
		cum = append(cum, w)
		w += ansi.StringWidth(it.Value())
	}
	offs, cum = append(offs, len(line)), append(cum, w)
	room := limit - ansi.StringWidth(mark)
	indentW := ansi.StringWidth(indent)
	prefix, prefixW := "", 0
	for i, n := 0, len(offs)-1; ; {
		if prefixW+cum[n]-cum[i] <= limit {
			return append(out, prefix+line[offs[i]:])
		}
		j := i
		for j < n && prefixW+cum[j+1]-cum[i] <= room {
			j++
		}
		head := prefix + line[offs[i]:offs[j]]
		if sp := strings.LastIndexByte(head, ' '); sp > len(indent)+len(head)/2 {
			// after the space: its grapheme index, found from its byte offset
			at := offs[i] + sp + 1 - len(prefix)
			for j > i && offs[j] > at {
				j--
			}
			head = prefix + line[offs[i]:offs[j]]
		}
		if j == i || strings.TrimSpace(head) == "" {
			return append(out, prefix+line[offs[i]:])
		}
		out = append(out, head+mark)
		i, prefix, prefixW = j, indent, indentW
	}
}

// backtickRun is the length of the run of backticks that starts s.
func backtickRun(s string) int {
	n := 0
	for n < len(s) && s[n] == '`' {
		n++
	}
	return n
}
