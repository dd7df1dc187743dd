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

//go:embed packtemplate
var packTemplate embed.FS

// PackTemplate is the small working pack `backend-tutor pack new` writes:
// one chapter, a quiz with every kind, a glossary and a lab.
func PackTemplate() fs.FS {
	sub, err := fs.Sub(packTemplate, "packtemplate")
	if err != nil {
		panic(err) // the directory is compiled in; this cannot fail
	}
	return sub
}
