package search

import "strings"

// heading is an ATX heading line of a chapter ("## Cookies").
type heading struct {
	line  int // 0-based index in the chapter's lines
	level int
	text  string // without the #s
}

// headings finds the ATX headings of markdown lines, skipping fenced code
// blocks, where "# comment" is a shell comment, not a heading. Fences follow
// CommonMark: three or more backticks or tildes open one; it closes at a
// line of the same character, at least as long, and nothing else. (Setext
// headings, underlined with === or ---, are not used by the course.)
func headings(lines []string) []heading {
	var out []heading
	fenceCh, fenceLen := byte(0), 0
	for n, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if fenceLen > 0 {
			if run := leadingRun(trimmed, fenceCh); run >= fenceLen && strings.TrimSpace(trimmed[run:]) == "" {
				fenceLen = 0
			}
			continue
		}
		if c := firstByte(trimmed); c == '`' || c == '~' {
			if run := leadingRun(trimmed, c); run >= 3 && (c == '~' || !strings.Contains(trimmed[run:], "`")) {
				fenceCh, fenceLen = c, run
				continue
			}
		}
		if indent > 3 {
			continue
		}
		level := leadingRun(trimmed, '#')
		if level < 1 || level > 6 || (len(trimmed) > level && trimmed[level] != ' ' && trimmed[level] != '\t') {
			continue
		}
		text := strings.TrimSpace(trimmed[level:])
		// an optional closing sequence of #s, after a space
		if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ")) {
			text = strings.TrimSpace(t)
		}
		out = append(out, heading{line: n, level: level, text: text})
	}
	return out
}

func leadingRun(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// Section is one heading of a chapter, for its outline.
type Section struct {
	Line  int // 1-based line in the chapter's markdown body
	Level int // 1 for #, 2 for ##, ...
	Text  string
}

// Outline lists the ATX headings of a chapter's markdown body, in order,
// skipping fenced code blocks.
func Outline(body string) []Section {
	hs := headings(strings.Split(body, "\n"))
	out := make([]Section, len(hs))
	for i, h := range hs {
		out[i] = Section{Line: h.line + 1, Level: h.level, Text: h.text}
	}
	return out
}
