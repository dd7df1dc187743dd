package labcheck

import "unicode/utf8"

// Cut returns s cut to at most n bytes, and whether it was cut. It never
// cuts a UTF-8 character in two: a server's text is hostile, and half a
// character would reach the learner's terminal as a replacement mark, or
// (before the sanitiser sees it) join whatever byte is written after it.
// The one place a server's or learner's text is shortened by bytes: the
// checker's messages and body excerpts, and what internal/labsave keeps.
func Cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for i := n; i > n-utf8.UTFMax && i >= 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i], true
		}
	}
	return s[:n], true // not UTF-8 here: any cut is as good
}

// Shorten is Cut with "…" marking a cut.
func Shorten(s string, n int) string {
	if c, cut := Cut(s, n); cut {
		return c + "…"
	}
	return s
}
