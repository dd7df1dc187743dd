// Package asciijson writes JSON text in ASCII without changing what it
// says: every character beyond ASCII becomes a \u escape (a surrogate pair
// beyond the BMP). JSON that must survive a pass made for people — the
// glyph stand-ins of --ascii or a locale without UTF-8 (render.ASCII turns
// a “ into a bare "), a message writer's escaping — goes through it
// first, so the pass finds nothing to change: `progress --json`, an
// export printed, a lab check's --json, the lines KeepByHand prints.
// Outside strings JSON holds only ASCII, so every escape is in a string.
package asciijson

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// Escape is the JSON text js with every character beyond ASCII escaped;
// a byte that is not UTF-8 becomes \ufffd, as a JSON decoder reads it.
func Escape(js string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(js); {
		if js[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(js[i:])
		b.WriteString(js[done:i])
		if r > 0xffff {
			r -= 0x10000
			u(&b, 0xd800+r>>10)
			u(&b, 0xdc00+r&0x3ff)
		} else {
			u(&b, r)
		}
		i += size
		done = i
	}
	if done == 0 {
		return js
	}
	b.WriteString(js[done:])
	return b.String()
}

func u(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[r>>shift&0xf])
	}
}
