package render

import "strings"

// asciiGlyphs are the tutor's and its libraries' glyphs (cursor marks,
// ticks, arrows, bars, bullets, box drawing, typographic quotes) with an
// ASCII stand-in each. Every stand-in is one column wide, like the glyph
// it replaces, so a laid-out frame keeps its widths.
var asciiGlyphs = strings.NewReplacer(
	"›", ">", "‹", "<", "⇅", "*", "✓", "+", "✔", "+", "✗", "x", "✘", "x",
	"↑", "^", "↓", "v", "→", ">", "←", "<", "↩", "<", "⏎", "<", "↔", "-",
	"«", "<", "»", ">", "≤", "<", "≥", ">", "×", "x",
	"…", "~", "•", "*", "·", "-", "—", "-", "–", "-",
	"█", "#", "▓", "#", "▒", "-", "░", "-", "▌", "#", "▐", "#",
	"─", "-", "━", "-", "│", "|", "┃", "|", "═", "=", "║", "|",
	"┌", "+", "┐", "+", "└", "+", "┘", "+", "├", "+", "┤", "+", "┬", "+", "┴", "+", "┼", "+",
	"╭", "+", "╮", "+", "╰", "+", "╯", "+",
	"“", "\"", "”", "\"", "‘", "'", "’", "'", "\u00a0", " ",
)

// ASCII replaces the glyphs a terminal without UTF-8 (LC_ALL=C) cannot
// show with ASCII stand-ins of the same width. It is a last pass over
// output, after Terminal: over every frame of the tutor (tui.Model.View)
// and every command's output (render.Writer.ASCII). Other characters are
// left as they are: a pack's text in another script (日本語, Ελληνικά) has
// no ASCII form, and printing it as "?" would only lose it.
func ASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return asciiGlyphs.Replace(s)
		}
	}
	return s
}

// WantASCII says whether glyphs should fall back to ASCII: asked for
// (--ascii), or a locale that is not UTF-8 ("C", "POSIX", "en_US.ISO-8859-1").
// The locale is LC_ALL, else LC_CTYPE, else LANG, as in C; none set at all
// keeps the glyphs, as before.
func WantASCII(flag bool, getenv func(string) string) bool {
	if flag {
		return true
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(k); v != "" {
			v = strings.ToLower(v)
			return !strings.Contains(v, "utf-8") && !strings.Contains(v, "utf8")
		}
	}
	return false
}
