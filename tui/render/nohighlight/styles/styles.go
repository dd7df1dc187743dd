// Package styles stands in for chroma's style registry (see the chroma
// stand-in's package comment).
package styles

import "github.com/alecthomas/chroma/v2"

// Registry holds registered styles by name.
var Registry = map[string]*chroma.Style{}

// Register adds a style to the registry.
func Register(style *chroma.Style) *chroma.Style {
	Registry[style.Name] = style
	return style
}
