package content

import (
	"embed"
	"io/fs"
)

//go:embed guide
var guide embed.FS

// Embedded is the guide compiled into the binary.
func Embedded() fs.FS {
	sub, err := fs.Sub(guide, "guide")
	if err != nil {
		panic(err) // the directory is compiled in; this cannot fail
	}
	return sub
}
