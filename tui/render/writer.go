package render

import (
	"bytes"
	"io"
)

// Writer passes everything written to it through one of the sanitiser's
// passes on its way to w. It works a line at a time, so a sequence split
// across two writes (a tabwriter, a colour writer) is judged whole; Flush
// writes the last, unfinished line.
type Writer struct {
	w    io.Writer
	pass func(string) string
	buf  []byte
}

// maxPending bounds what a Writer holds back waiting for a newline: a
// chapter's longest rendered line is a few hundred bytes.
const maxPending = 64 << 10

// NewTerminalWriter is for output that may carry rendered text (a
// command's stdout): Terminal keeps the renderer's colours and links and
// removes every other sequence and control.
func NewTerminalWriter(w io.Writer) *Writer { return &Writer{w: w, pass: Terminal} }

// NewMessageWriter is for messages (a command's stderr): every control is
// shown escaped (EscapeLines), none is dropped and none reaches the terminal.
func NewMessageWriter(w io.Writer) *Writer { return &Writer{w: w, pass: EscapeLines} }

// ASCII adds render.ASCII after the writer's pass: a command's output
// under --ascii or a locale without UTF-8 (main.go's run sets it on both
// writers, so no command prints a glyph on its own).
func (w *Writer) ASCII() {
	pass := w.pass
	w.pass = func(s string) string { return ASCII(pass(s)) }
}

// Write takes p whole; it is written up to its last newline.
func (w *Writer) Write(p []byte) (int, error) {
	// What is pending holds no newline (emit writes up to the last one),
	// so only p is searched: many small writes stay linear.
	end := 0
	if k := bytes.LastIndexByte(p, '\n'); k >= 0 {
		end = len(w.buf) + k + 1
	}
	w.buf = append(w.buf, p...)
	if end == 0 && len(w.buf) < maxPending {
		return len(p), nil
	}
	if end == 0 {
		end = len(w.buf)
	}
	if err := w.emit(end); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back.
func (w *Writer) Flush() error { return w.emit(len(w.buf)) }

// Unwrap is the writer underneath, so a command can still ask whether its
// output is a terminal and how wide.
func (w *Writer) Unwrap() io.Writer { return w.w }

func (w *Writer) emit(end int) error {
	if end == 0 {
		return nil
	}
	_, err := io.WriteString(w.w, w.pass(string(w.buf[:end])))
	w.buf = append(w.buf[:0], w.buf[end:]...)
	return err
}
