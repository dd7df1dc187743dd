// Package render turns content into terminal text: the one sanitiser every
// string from content or from the learner passes, and the cached glamour
// render of chapters. It knows nothing of screens or of the progress file.
package render

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The sanitiser is one scanner (scan) with three kinds of pass, so every
// path to the terminal agrees on what is a control, a sequence or a bidi
// override:
//
//   - Sanitize, on text from content or from the learner before it is laid
//     out: every escape sequence and control goes. Markdown also passes
//     CharRefs, as goldmark would decode "&#x1b;" to ESC after Sanitize ran.
//   - Terminal, on what is written to the terminal after rendering (the
//     tutor's every frame, `read`, the commands' output): only the SGR
//     and OSC 8 (http, https, mailto) sequences a renderer makes survive.
//   - Escape (EscapeLines, EscapeJSON), on names and other data quoted in
//     messages: nothing is dropped, everything a terminal would act on is
//     shown as \x1b, \u009b..., so a reader sees what a file is really called.
//
// All of them show the bidi overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) as \u202e..., which can make text read differently from
// what it is, and keep the marks LRM and RLM (U+200E, U+200F), which
// right-to-left text needs. Shown, never stripped, in every pass — a
// decision, since a pack's prose may be Arabic or Hebrew: such text needs
// none of them (the Unicode bidi algorithm orders it by itself, and the
// marks LRM, RLM and ALM, kept, settle the neutral characters between
// runs; the Hebrew test pack, testdata/packs/he-http, has none), while in
// a code block an isolate or override makes code read differently from
// what it runs (Trojan Source, CVE-2021-42574) on a terminal that applies
// bidi. Stripping them would hide that a text tried; showing them tells
// the reader, and an author who needs one sees at once that it shows.
//
// The line and paragraph separators (U+2028, U+2029), which some
// terminals and editors break lines at while layout counts them as no
// width: Sanitize makes them the line breaks they mean ("\n", "\n\n";
// a space in SanitizeLine), the escaping passes show them, and Terminal
// drops U+2029 but keeps U+2028, which the renderer uses as its own
// zero-width break mark while it wraps (a text's own became "\n" first).
//
// The escaping passes also show the invisible format characters that can
// disguise a name or hide text in it (invisible): zero-width space, word
// joiner, BOM, soft hyphen, tag characters.... Sanitize and Terminal keep
// them: in prose they are how some scripts mark where lines and words may
// break, and a pack's author chooses what its prose shows anyway. The
// joiners ZWJ and ZWNJ are kept everywhere (emoji, Arabic and Indic text).
type pass int

const (
	dropAll     pass = iota // Sanitize
	keepStyle               // Terminal
	escapeLine              // Escape: one line, newlines and tabs shown too
	escapeLines             // messages: newlines and tabs kept
	escapeJSON              // JSON text: as escapeLines, in JSON's \u form
)

// Sanitize removes everything from s that a terminal would act on rather
// than print: escape sequences (CSI, OSC such as clipboard writes, hyperlinks
// and title changes, DCS, APC...), C0 controls other than newline and tab,
// DEL and C1 controls; bidi overrides and isolates are shown escaped. Tabs
// become four spaces, because a tab's width is the terminal's choice and
// breaks layout arithmetic.
func Sanitize(s string) string { return scan(s, dropAll) }

// SanitizeLine is Sanitize for a single-line field such as a typed answer:
// every line break becomes a space, a CR too (Sanitize drops a lone CR, but
// terminals send a pasted line break as CR, and "full\rstack" must not
// become "fullstack").
func SanitizeLine(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return strings.ReplaceAll(Sanitize(s), "\n", " ")
}

// Terminal is the last pass over text on its way to the terminal, after
// rendering and layout: it keeps the colour and style (SGR) sequences and
// the OSC 8 hyperlinks to http, https and mailto URLs that a renderer makes,
// and removes every other sequence and control, whoever made it. Text that
// needs no change comes back as it is, without an allocation, so it can run
// on every frame.
//
// Anything new that writes to the terminal (a lab showing what a learner's
// server sent, say) goes through it: the tutor's View and the commands'
// writer (NewTerminalWriter) already do.
func Terminal(s string) string { return scan(s, keepStyle) }

// Escape shows s with everything a terminal would act on made visible, Go
// style: ESC as \x1b, BEL as \x07, a newline as \n, C1 controls and bidi
// overrides as \u009b and \u202e, a byte that is not UTF-8 as \xff. It is
// for file names and other data quoted in messages: nothing is dropped, so
// the reader sees what the name really is.
func Escape(s string) string { return scan(s, escapeLine) }

// EscapeLines is Escape for a whole message: its newlines and tabs are kept.
func EscapeLines(s string) string { return scan(s, escapeLines) }

// EscapeJSON makes JSON text safe for a terminal without changing what it
// means: encoding/json escapes C0 controls but writes DEL, C1 controls and
// bidi overrides raw; here they become \u007f, \u0085, \u202e. Outside
// strings JSON holds only ASCII punctuation, so every one is in a string.
func EscapeJSON(s string) string { return scan(s, escapeJSON) }

// CharRefs shows, escaped, the numeric character references in markdown
// that would decode to a control, a bidi override or a line or paragraph
// separator: "&#x1b;]0;x&#x7;"
// becomes "\x1b]0;x\x07", text the reader sees. goldmark decodes references
// after Sanitize has run, so without this a pack could make any sequence,
// an SGR that Terminal must let through among them. In a code span, where
// markdown does not decode, the reference is shown the same way.
func CharRefs(md string) string {
	var b strings.Builder
	done := 0
	for i := 0; ; {
		j := strings.Index(md[i:], "&#")
		if j < 0 {
			break
		}
		i += j
		r, n := charRef(md[i:])
		if n == 0 {
			i += 2
			continue
		}
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiOverride(r) || r == 0x2028 || r == 0x2029 {
			b.WriteString(md[done:i])
			b.WriteString(Escape(string(r)))
			done = i + n
		}
		i += n
	}
	if done == 0 {
		return md
	}
	b.WriteString(md[done:])
	return b.String()
}

// charRef reads the numeric character reference at the start of s as
// CommonMark does (&# and 1–7 decimal digits, or &#x and 1–6 hex digits,
// then ;): its code point and length, or length 0 if there is none.
func charRef(s string) (rune, int) {
	i, base, most := 2, 10, 7
	if len(s) > 2 && (s[2] == 'x' || s[2] == 'X') {
		i, base, most = 3, 16, 6
	}
	start := i
	var r rune
	for ; i < len(s) && i-start <= most; i++ {
		c := s[i]
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c|0x20 >= 'a' && c|0x20 <= 'f':
			d = rune(c|0x20-'a') + 10
		case c == ';' && i > start:
			return r, i + 1
		default:
			return 0, 0
		}
		r = r*rune(base) + d
	}
	return 0, 0
}

const hexDigits = "0123456789abcdef"

// scan runs one pass over s. It copies nothing until it meets something to
// change, so clean text costs one read and no allocation.
func scan(s string, p pass) string {
	var b strings.Builder
	done := 0 // s[:done] is already in b (or needs no change)
	changed := false
	replace := func(i, n int, with string) {
		if !changed {
			changed = true
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteString(with)
		done = i + n
	}
	escaping := p == escapeLine || p == escapeLines || p == escapeJSON
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		switch {
		case c == '\n':
			if p == escapeLine {
				replace(i, 1, `\n`)
			}
			i++
		case c == '\r' && p == escapeJSON:
			i++ // JSON whitespace (encoding/json never writes one)
		case c == '\t':
			switch p {
			case escapeLine:
				replace(i, 1, `\t`)
			case dropAll, keepStyle:
				replace(i, 1, "    ")
			}
			i++
		case p == escapeJSON && c < 0x80:
			replace(i, 1, `\u00`+string(hexDigits[c>>4])+string(hexDigits[c&0xf]))
			i++
		case escaping && c < 0x80:
			// every other C0 control, ESC and DEL, shown; what follows an
			// ESC is printable and shows as itself
			replace(i, 1, `\x`+string(hexDigits[c>>4])+string(hexDigits[c&0xf]))
			i++
		case c == 0x1b:
			n := escapeLen(s[i:])
			if p == keepStyle && rendererMade(s[i:i+n]) {
				i += n
				continue
			}
			replace(i, n, "")
			i += n
		case c < 0x20 || c == 0x7f:
			// C0 controls and DEL; a CR goes too: CRLF becomes LF, and a lone
			// CR would overwrite the line
			replace(i, 1, "")
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size <= 1:
				if escaping && p != escapeJSON {
					replace(i, 1, `\x`+string(hexDigits[c>>4])+string(hexDigits[c&0xf]))
				} else {
					replace(i, 1, "\ufffd")
				}
			case r >= 0x80 && r <= 0x9f:
				switch {
				case escaping:
					replace(i, size, `\u00`+string(hexDigits[r>>4])+string(hexDigits[r&0xf]))
				case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9f || r == 0x9e || r == 0x98:
					// C1 introducers of CSI/OSC/DCS/APC/PM/SOS: their body goes too
					n := size + c1BodyLen(s[i+size:], r)
					replace(i, n, "")
					i += n
					continue
				default:
					replace(i, size, "")
				}
			case r == 0x2028 || r == 0x2029:
				switch {
				case escaping:
					replace(i, size, uEscape(r, p))
				case p == dropAll && r == 0x2028:
					replace(i, size, "\n")
				case p == dropAll:
					replace(i, size, "\n\n")
				case r == 0x2029:
					replace(i, size, "")
				}
			case isBidiOverride(r) || escaping && invisible(r):
				replace(i, size, uEscape(r, p))
			}
			i += size
		}
	}
	if !changed {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// isBidiOverride reports the bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069): they reorder the text that follows, so
// "user\u202egnp.exe" reads as "userexe.png". The marks U+200E and U+200F
// only set the direction of neutral characters around them, and are kept.
func isBidiOverride(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// invisible reports the format characters that show nothing and can
// disguise a name ("pass\u200bword") or carry hidden text (the tag
// characters U+E0000–U+E007F spell ASCII invisibly): soft hyphen, Mongolian
// vowel separator, zero-width space, word joiner and the invisible
// operators, the deprecated format controls U+206A–U+206F, BOM, the
// Hangul fillers that make a blank-looking name, interlinear annotation
// marks. Not ZWJ, ZWNJ (emoji and joined scripts) nor the bidi marks.
func invisible(r rune) bool {
	switch r {
	case 0x00ad, 0x180e, 0x200b, 0x3164, 0xfeff, 0xffa0:
		return true
	}
	return r >= 0x2060 && r <= 0x2064 || r >= 0x206a && r <= 0x206f ||
		r >= 0xfff9 && r <= 0xfffb || r >= 0xe0000 && r <= 0xe007f
}

// uEscape shows r as an escape: \uXXXX, or for a rune beyond the BMP
// \UXXXXXXXX (Go) or a \u surrogate pair (JSON).
func uEscape(r rune, p pass) string {
	if r > 0xffff {
		if p == escapeJSON {
			hi, lo := utf16.EncodeRune(r)
			return uEscape(hi, p) + uEscape(lo, p)
		}
		return `\U` + string(hexDigits[r>>28&0xf]) + string(hexDigits[r>>24&0xf]) + string(hexDigits[r>>20&0xf]) +
			string(hexDigits[r>>16&0xf]) + uEscape(r&0xffff, p)[2:]
	}
	return `\u` + string(hexDigits[r>>12&0xf]) + string(hexDigits[r>>8&0xf]) +
		string(hexDigits[r>>4&0xf]) + string(hexDigits[r&0xf])
}

// rendererMade reports whether seq, one whole escape sequence, is one of
// the two kinds a renderer makes and a terminal may be given: SGR (colour
// and style: ESC [ digits ; : m) or an OSC 8 hyperlink whose URL is http,
// https or mailto (or empty, which ends a link), terminated by BEL or ST.
func rendererMade(seq string) bool {
	if len(seq) < 3 {
		return false
	}
	switch seq[1] {
	case '[':
		if seq[len(seq)-1] != 'm' {
			return false
		}
		for i := 2; i < len(seq)-1; i++ {
			if c := seq[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
				return false
			}
		}
		return true
	case ']':
		var body string
		switch {
		case strings.HasSuffix(seq, "\x07"):
			body = seq[2 : len(seq)-1]
		case strings.HasSuffix(seq, "\x1b\\"):
			body = seq[2 : len(seq)-2]
		default:
			return false // unterminated
		}
		rest, ok := strings.CutPrefix(body, "8;")
		if !ok {
			return false
		}
		params, uri, ok := strings.Cut(rest, ";")
		if !ok || !printableASCII(params, true) || !printableASCII(uri, false) {
			return false
		}
		return uri == "" || hasScheme(uri, "http://") || hasScheme(uri, "https://") || hasScheme(uri, "mailto:")
	}
	return false
}

// printableASCII: the OSC 8 spec allows only bytes 32–126 in a link; a URL
// has no spaces either.
func printableASCII(s string, spaces bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 && !(spaces && c == ' ') || c > 0x7e {
			return false
		}
	}
	return true
}

func hasScheme(uri, scheme string) bool {
	return len(uri) > len(scheme) && strings.EqualFold(uri[:len(scheme)], scheme)
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
