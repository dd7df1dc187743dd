package content

import (
	"bytes"
)

// splitFrontMatter separates a chapter file into its YAML front matter and
// markdown body. bodyLine is the 1-based line where the body starts, so
// problems found later can still name the right line. ok is false when the
// file does not start with a front matter block.
func splitFrontMatter(src []byte) (front []byte, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, src, 1, false
	}
	rest := src[4:]
	line := 2
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		var cur []byte
		if i < 0 {
			cur, rest = rest, nil
		} else {
			cur, rest = rest[:i], rest[i+1:]
		}
		if string(bytes.TrimRight(cur, " \t")) == "---" {
			front = src[4 : len(src)-len(rest)-len(cur)-boolInt(i >= 0)]
			return front, rest, line + 1, true
		}
		line++
	}
	return nil, src, 1, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
