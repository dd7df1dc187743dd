// Package labsolutions holds the reference solution of every built-in lab,
// in Python and in Go, embedded in the binary so `backend-tutor lab
// solution LAB` can show one offline, once the learner has passed the lab.
// The same files are the servers internal/labcheck's tests prove pass their
// lab. It knows nothing of terminals or of the progress file: the caller
// decides when a solution may be shown, and sanitises what it prints.
package labsolutions

import (
	"embed"
	"errors"
	"io/fs"
	"strings"
)

// The Go solutions are each a main package under go/LAB; the Python ones
// one file each, python/LAB_WITH_UNDERSCORES.py (a Python module name
// cannot hold a dash).
//
//go:embed go/*/main.go python/*.py
var files embed.FS

// Langs are the languages a solution is written in, in the order shown.
var Langs = []string{"python", "go"}

// ErrNoLang is returned for a language that is not one of Langs.
var ErrNoLang = errors.New("no such language")

// Path is where lab's solution in lang lives, relative to this package.
func Path(lab, lang string) (string, error) {
	switch lang {
	case "go":
		return "go/" + lab + "/main.go", nil
	case "python":
		return "python/" + strings.ReplaceAll(lab, "-", "_") + ".py", nil
	}
	return "", ErrNoLang
}

// Get returns lab's reference solution in lang. A lab with no solution
// (a pack's lab) gives an error wrapping fs.ErrNotExist.
func Get(lab, lang string) (string, error) {
	p, err := Path(lab, lang)
	if err != nil {
		return "", err
	}
	if !fs.ValidPath(p) {
		return "", fs.ErrNotExist
	}
	b, err := files.ReadFile(p)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
