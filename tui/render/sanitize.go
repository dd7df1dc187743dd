// Package render turns content into terminal text: the one sanitiser every
// string from content or from the learner passes, and the cached glamour
// render of chapters. It knows nothing of screens or of the progress file.
package render

import (
	"strings"
	"unicode/utf8"
)

// Sanitize removes everything from s that a terminal would act on rather
// than print: escape sequences (CSI, OSC such as clipboard writes, hyperlinks
// and title changes, DCS, APC...), C0 controls other than newline and tab,
// DEL, C1 controls, and the bidirectional overrides that can make text read
// differently from what it is. Tabs become four spaces, because a tab's
// width is the terminal's choice and breaks layout arithmetic.
func Sanitize(s string) string {
	if isClean(s) {
		return s // the common case: no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == '\t':
			b.WriteString("    ")
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			// dropped: CRLF becomes LF, a lone CR would overwrite the line
		case isControl(r) || isBidi(r):
			if r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9f || r == 0x9e || r == 0x98 {
				// C1 introducers of CSI/OSC/DCS/APC/PM/SOS: drop their body too
				i += size + c1BodyLen(s[i+size:], r)
				continue
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// SanitizeLine is Sanitize for a single-line field such as a typed answer:
// newlines become spaces too.
func SanitizeLine(s string) string {
	return strings.ReplaceAll(Sanitize(s), "\n", " ")
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 {
			return false // non-ASCII is checked rune by rune on the slow path
		}
	}
	return true
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
}

// escapeLen is the length of the escape sequence at the start of s (which
// begins with ESC), including its terminator.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40-0x7e
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
			if s[i] < 0x20 {
				return i
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X': // OSC, DCS, APC, PM, SOS: up to BEL or ST
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b {
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2
				}
				return i
			}
		}
		return len(s)
	}
	// two-byte sequence (ESC c, ESC 7, ...); don't swallow a multibyte rune
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

// c1BodyLen skips the body of a sequence opened by a C1 introducer.
func c1BodyLen(s string, intro rune) int {
	if intro == 0x9b { // CSI
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
			if s[i] < 0x20 || s[i] >= 0x80 {
				return i
			}
		}
		return len(s)
	}
	for i := 0; i < len(s); i++ { // string sequences end at BEL, ST (ESC \ or U+009C)
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
	}
	return len(s)
}
