// Package quick stands in for chroma's one-call highlighter (see the chroma
// stand-in's package comment).
package quick

import "io"

// Highlight writes source as it is: no colouring, nothing lost.
func Highlight(w io.Writer, source, lexer, formatter, style string) error {
	_, err := io.WriteString(w, source)
	return err
}
