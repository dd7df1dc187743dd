package linemode

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"backend-tutor/tui/render"
)

// maxLine bounds one line of input: the rest of a longer line is read and
// dropped, so a pasted file cannot grow memory without bound.
const maxLine = 64 << 10

// lineReader is the one reader over stdin for a whole session: every
// prompt reads from it, so nothing a script sends is swallowed by a prompt
// that buffered ahead (the trouble with a new reader per prompt).
type lineReader struct {
	r   *bufio.Reader
	eof bool
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

// next returns the next line without its line ending; false at the end of
// input (a last line without a newline still counts as a line).
func (l *lineReader) next() (string, bool) {
	if l.eof {
		return "", false
	}
	var b []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(b) < maxLine {
			b = append(b, chunk[:min(len(chunk), maxLine-len(b))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			l.eof = true
			if len(b) == 0 {
				return "", false
			}
		}
		break
	}
	return strings.TrimRight(string(b), "\r\n"), true
}

// printer writes line mode's output. Everything passes render.EscapeLines
// on its way out, so no escape sequence reaches the terminal at all: a
// control in content or in a learner's input is shown as \x1b, never sent.
// Content is laid out with render.Sanitize first, as the full-screen UI
// does, so what the UI drops is dropped here too.
type printer struct {
	w       io.Writer
	err     error
	showing string // the prompt waiting for input, if any
	ascii   bool   // render.ASCII after render.EscapeLines
}

// say writes one or more lines.
func (p *printer) say(format string, args ...any) {
	p.write(fmt.Sprintf(format, args...) + "\n")
}

// prompt writes a prompt without a newline and flushes it, so it shows
// before the program waits for input.
func (p *printer) prompt(s string) {
	p.showing = s
	p.write(s)
	if f, ok := p.w.(interface{ Flush() error }); ok {
		if err := f.Flush(); err != nil && p.err == nil {
			p.err = err
		}
	}
}

func (p *printer) write(s string) {
	if p.err != nil {
		return
	}
	s = render.EscapeLines(s)
	if p.ascii {
		s = render.ASCII(s)
	}
	_, p.err = io.WriteString(p.w, s)
}

// text is content (a title, a prompt, an option, an explanation) made safe
// and plain for line mode: controls dropped as the full-screen UI drops
// them, and the UI's "·" separators read as commas.
func text(s string) string {
	return strings.ReplaceAll(render.Sanitize(s), " · ", ", ")
}

// line is text on one line.
func line(s string) string {
	return strings.ReplaceAll(render.SanitizeLine(s), " · ", ", ")
}
