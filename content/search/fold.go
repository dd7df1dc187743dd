package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize is what a query is matched as: case-folded, with accents and
// other combining marks removed (compatibility decomposition, so "ﬁ" is
// "fi" and full-width "ＨＴＴＰ" is "http"), format characters such as soft
// hyphens and zero-width joiners dropped, and every run of white space one
// space, trimmed at both ends. The text searched is folded the same way, so
// "Resume" finds "résumé". Normalize(Normalize(q)) == Normalize(q).
func Normalize(q string) string {
	out, _ := fold(nil, q, false)
	// fold keeps one leading and one trailing space of the runs it
	// collapses; a query is trimmed so stray spaces never stop a match.
	if len(out) > 0 && out[0] == ' ' {
		out = out[1:]
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	return string(out)
}

// fold appends s, folded as Normalize does but not trimmed, to dst. With
// mapped, it also returns, for every byte it appended, the offset in s of
// the rune that produced it, plus one last entry len(s), so a match in the
// folded text can be turned back into a span of s.
func fold(dst []byte, s string, mapped bool) ([]byte, []int32) {
	out := dst
	if out == nil {
		out = make([]byte, 0, len(s))
	}
	var src []int32
	if mapped {
		src = make([]int32, 0, len(s)+1)
	}
	space := false // the last byte written is a collapsed space
	var dec [4 * utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII: the common case, no decomposition
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				if !space {
					out = append(out, ' ')
					if mapped {
						src = append(src, int32(i))
					}
					space = true
				}
				i++
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			if mapped {
				src = append(src, int32(i))
			}
			space = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// One rune's compatibility decomposition: at most 18 runes in
		// Unicode (U+FDFA); AppendString grows the buffer if needed.
		d := norm.NFKD.AppendString(dec[:0], s[i:i+size])
		if r == utf8.RuneError && size == 1 {
			d = append(dec[:0], "\uFFFD"...)
		}
		for _, x := range string(d) {
			switch {
			case unicode.Is(unicode.Mn, x) || unicode.Is(unicode.Me, x) || unicode.Is(unicode.Cf, x):
				continue // accents and invisible format characters do not count
			case unicode.IsSpace(x):
				if space {
					continue
				}
				x = ' '
				space = true
			default:
				x = unicode.ToLower(unicode.ToUpper(x)) // one case for ſ/s, K/k (Kelvin), Σ/σ/ς
				space = false
			}
			n := len(out)
			out = utf8.AppendRune(out, x)
			// (mapped is only used with an empty dst, so offsets line up)
			if mapped {
				for range len(out) - n {
					src = append(src, int32(i))
				}
			}
		}
		i += size
	}
	if mapped {
		src = append(src, int32(len(s)))
	}
	return out, src
}

// isWordRune reports whether r is part of a word, for ranking whole-word
// matches first.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wholeWord reports whether folded[i:j] is neither preceded nor followed by
// a word character.
func wholeWord(folded string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(folded[:i])
		if isWordRune(r) {
			return false
		}
	}
	if j < len(folded) {
		r, _ := utf8.DecodeRuneInString(folded[j:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}
