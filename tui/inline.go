package tui

import (
	"strings"

	"backend-tutor/tui/render"
)

// inline renders the inline markdown of a prompt, an option, a hint or an
// explanation as the chapters render it: `code` in the code style and
// **strong** in bold, without the marks. Under NO_COLOR code keeps its
// backticks, since with the colour gone nothing else would set it apart.
// Spaces inside a code span become non-breaking, so wrapping never splits
// a span that fits on a line. The text is sanitised first.
func (c *programContext) inline(s string) string { return inlineText(c.st, c.noColor, s) }

func inlineText(st *styles, noColor bool, s string) string {
	s = render.Sanitize(s)
	if !strings.ContainsAny(s, "`*") {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexAny(s, "`*")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if s[0] == '`' {
			n := len(s) - len(strings.TrimLeft(s, "`"))
			fence := s[:n]
			end := strings.Index(s[n:], fence)
			if end < 0 { // no closing run: the backticks are literal
				b.WriteString(fence)
				s = s[n:]
				continue
			}
			code := strings.ReplaceAll(strings.TrimSpace(s[n:n+end]), " ", "\u00a0")
			if noColor {
				b.WriteString("`" + code + "`")
			} else {
				b.WriteString(st.Code.Render(code))
			}
			s = s[n+end+n:]
			continue
		}
		if strings.HasPrefix(s, "**") {
			if end := strings.Index(s[2:], "**"); end > 0 {
				b.WriteString(st.Strong.Render(s[2 : 2+end]))
				s = s[2+end+2:]
				continue
			}
		}
		b.WriteByte(s[0])
		s = s[1:]
	}
	return b.String()
}
