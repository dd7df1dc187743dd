package search

import (
	"strings"

	"backend-tutor/content"
)

// Plain is a result's line as a reader sees it rendered, for showing the
// result: a heading's #s, inline code's backticks, emphasis markers
// (**, *, __, _ in pairs), a link's or image's target ([text](url) shows
// "text"), an autolink's <> and backslash escapes go. spans move with the
// text; a span wholly inside what went (a match in a link's URL) goes, and
// when every span would go the line comes back as written, so a result
// always shows its match. Only ASCII syntax bytes and whole spaces (around
// a heading's text) are dropped, so a span never comes to cut a character. Lines of a code block are not told
// apart (the index keeps lines, not blocks): a pair of markers in code
// goes too, as it does where markdown would read it as emphasis.
func Plain(text string, spans []Span) (string, []Span) {
	if len(text) > maxPlain || !strings.ContainsAny(text, "#`*_[]!<\\") {
		return text, spans
	}
	drop := make([]bool, len(text))
	markDrops(text, drop)
	pos := make([]int, len(text)+1) // pos[i]: where text[i:] starts in the output
	var b strings.Builder
	for i := range len(text) {
		pos[i] = b.Len()
		if !drop[i] {
			b.WriteByte(text[i])
		}
	}
	pos[len(text)] = b.Len()
	out := b.String()
	var moved []Span
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		s, e := sp.Start, sp.End
		for s < e && drop[s] {
			s++
		}
		for e > s && drop[e-1] {
			e--
		}
		if s < e {
			moved = append(moved, Span{pos[s], pos[e-1] + 1})
		}
	}
	if len(moved) == 0 {
		return text, spans
	}
	return out, moved
}

// Pairing a marker looks ahead for its closer, so a hostile line of
// markers that never close (" *a" over and over) costs its length times
// the look-ahead: maxPair bounds the look-ahead (emphasis, code and link
// text longer than that are shown as written) and maxPlain the line (the
// guide's longest is 127 bytes; a longer one is shown as written,
// sanitised like every result). Worst case 1 KiB: BenchmarkPlainHostile.
const (
	maxPlain = 1 << 10
	maxPair  = 256
)

// markDrops sets drop for the syntax bytes of line.
func markDrops(line string, drop []bool) {
	i := 0
	// A heading's #s, a closing run of #s and the spaces around its text,
	// as content.Headings (the outline's) reads them: a tab after the #s,
	// or "## Cookies ##", is a heading there too.
	if hs := content.Headings(line); len(hs) == 1 && hs[0].Line == 1 {
		hashes := strings.IndexByte(line, '#') + hs[0].Level
		i = hashes + strings.Index(line[hashes:], hs[0].Text)
		dropRange(drop, 0, i)
		dropRange(drop, i+len(hs[0].Text), len(line))
	}
	skip := map[int]int{} // a closer already dropped: jump past it
	for i < len(line) {
		if e, ok := skip[i]; ok {
			i = e
			continue
		}
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line) && isPunct(line[i+1]):
			drop[i] = true
			i += 2
		case c == '`':
			n := run(line, i, '`')
			end := closingTicks(line, i+n, n)
			if end < 0 {
				i += n // no closer: the backticks are text
				continue
			}
			dropRange(drop, i, i+n)
			dropRange(drop, end, end+n)
			i = end + n // code is as written: nothing inside goes
		case c == '!' && i+1 < len(line) && line[i+1] == '[':
			if closeText, closeURL := link(line, i+1); closeURL > 0 {
				drop[i] = true
				drop[i+1] = true
				dropRange(drop, closeText, closeURL+1)
				skip[closeText] = closeURL + 1
				i += 2
				continue
			}
			i++
		case c == '[':
			if closeText, closeURL := link(line, i); closeURL > 0 {
				drop[i] = true
				dropRange(drop, closeText, closeURL+1)
				skip[closeText] = closeURL + 1
			}
			i++
		case c == '<':
			if end := strings.IndexByte(line[i:], '>'); end > 0 && isAutolink(line[i+1:i+end]) {
				drop[i] = true
				drop[i+end] = true
				skip[i+end] = i + end + 1
			}
			i++
		case c == '*' || c == '_':
			n := min(run(line, i, c), 3)
			if end := closingEmphasis(line, i, n, c); end > 0 {
				dropRange(drop, i, i+n)
				dropRange(drop, end, end+n)
				skip[end] = end + n
			}
			i += n
		default:
			i++
		}
	}
}

func dropRange(drop []bool, from, to int) {
	for k := from; k < to; k++ {
		drop[k] = true
	}
}

// run is the length of the run of c at s[i:].
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingTicks finds a run of exactly n backticks at or after from.
func closingTicks(s string, from, n int) int {
	for j := from; j < min(len(s), from+maxPair); {
		if s[j] != '`' {
			j++
			continue
		}
		m := run(s, j, '`')
		if m == n {
			return j
		}
		j += m
	}
	return -1
}

// link finds, for the [ at s[open], its ] and the ) of a "(target)"
// right after it; closeURL is 0 when it is not a link.
func link(s string, open int) (closeText, closeURL int) {
	depth := 0
	for j := open; j < min(len(s), open+maxPair); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				if j+1 >= len(s) || s[j+1] != '(' {
					return 0, 0
				}
				end := strings.IndexByte(s[j+2:min(len(s), j+2+maxPair)], ')')
				if end < 0 {
					return 0, 0
				}
				return j, j + 2 + end
			}
		}
	}
	return 0, 0
}

// closingEmphasis finds the closing run for an opening run of n c's at
// s[i]: the opener must be followed by a non-space (and for _, not
// preceded by a letter or digit: snake_case is not emphasis), the closer
// preceded by a non-space (for _, not followed by a letter or digit).
func closingEmphasis(s string, i, n int, c byte) int {
	after := i + n
	if after >= len(s) || s[after] == ' ' || s[after] == c || c == '_' && i > 0 && isWordByte(s[i-1]) {
		return -1
	}
	for j := after + 1; j+n <= len(s) && j < after+maxPair; j++ {
		if s[j] == '`' { // a code span: its markers are code
			// A run of backticks is one opener, as markDrops reads it:
			// one with no closer is text, skipped whole. Trying each
			// shorter tail of it cost the square of the run (a line of
			// " *a" then backticks took 4-5 ms, 70 µs now:
			// BenchmarkPlainHostile/ticks) and paired a tail with a later
			// backtick.
			m := run(s, j, '`')
			if end := closingTicks(s, j+m, m); end > 0 {
				j = end + m - 1
			} else {
				j += m - 1
			}
			continue
		}
		if s[j] != c || run(s, j, c) != n || s[j-1] == ' ' || s[j-1] == c {
			continue
		}
		if c == '_' && j+n < len(s) && isWordByte(s[j+n]) {
			continue
		}
		return j
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !isWordByte(c)
}

// isAutolink: <scheme:...> or <user@host>, no spaces.
func isAutolink(s string) bool {
	if s == "" || strings.ContainsAny(s, " <") {
		return false
	}
	if i := strings.IndexByte(s, ':'); i > 1 {
		return true
	}
	return strings.Contains(s, "@")
}
