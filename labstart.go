package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"backend-tutor/content"
	"backend-tutor/tui/render"
)

// starterRun is how each language's starter is run, for the README and
// the --run of the check.
var starterRun = map[string]string{
	"python": "python3 server.py",
	"node":   "node server.js",
	"go":     "go run .",
}

func cmdLabStart(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lab start", "lab start LAB [DIR] [--lang python|node|go]", stderr)
	lang := fs.String("lang", "python", "the language of the starter: python, node or go")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		fmt.Fprintln(stderr, "backend-tutor lab start: name one lab, and optionally the folder to write the starter in")
		return errUsage
	}
	if _, ok := starterRun[*lang]; !ok {
		fmt.Fprintln(stderr, labClean(fmt.Sprintf("backend-tutor lab start: --lang %q: use python, node or go", *lang)))
		return errUsage
	}
	course, lab, err := loadLab(g, pos[0], stderr)
	if err != nil {
		return err
	}
	fsys, localID := course.StarterFS(lab)
	files, err := content.ReadStarter(fsys, localID, *lang)
	if errors.Is(err, content.ErrNoStarter) {
		msg := fmt.Sprintf("backend-tutor: lab %s has no %s starter", lab.ID, *lang)
		if langs := content.StarterLangsOf(fsys, localID); len(langs) > 0 {
			msg += " (it has: " + strings.Join(langs, ", ") + ")"
		}
		return &exitError{1, labClean(msg)}
	}
	if err != nil {
		return &exitError{1, labClean("backend-tutor: " + err.Error())}
	}
	dir := localID
	if len(pos) == 2 {
		dir = pos[1]
	}
	files = append(files, starterExtras(lab, *lang, files)...)

	// Nothing is written unless every file is new: a learner's work is
	// never overwritten, not even a file of a half-finished earlier start.
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if _, err := os.Lstat(p); err == nil {
			return &exitError{1, labClean(fmt.Sprintf("backend-tutor: %s already exists, and lab start never overwrites a file.\n"+
				"Nothing was written. Choose another folder: backend-tutor lab start %s OTHER-FOLDER --lang %s", p, lab.ID, *lang))}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &exitError{1, labClean("backend-tutor: " + err.Error())}
	}
	var names []string
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := writeNew(p, f.Data); err != nil {
			return &exitError{1, labClean(fmt.Sprintf("backend-tutor: writing %s: %v (files written so far: %s)", p, err, strings.Join(names, ", ")))}
		}
		names = append(names, p)
	}
	run := starterRun[*lang]
	out := fmt.Sprintf("Wrote %s.\n\nRun it:    cd %s && %s\nCheck it:  backend-tutor lab check %s --run %q   (in %s)\n\n"+
		"The starter runs and passes the first step; the TODOs in it are the lab's work.\n",
		strings.Join(names, ", "), shellWord(dir), run, lab.ID, run, dir)
	_, err = io.WriteString(stdout, labClean(out))
	return err
}

// starterExtras are the files lab start adds to every starter: a README
// saying what to build and how to run and check it, and for Go a go.mod
// (kept out of the content folder, where it would make the starter a
// module of its own that the binary could not embed).
func starterExtras(lab *content.Lab, lang string, have []content.StarterFile) []content.StarterFile {
	run := starterRun[lang]
	readme := fmt.Sprintf("Run it:   `%s`\n\nCheck it: `backend-tutor lab check %s --run %q`\n\n%s\n", run, lab.ID, run, lab.Brief)
	extras := []content.StarterFile{{Name: "README.md", Data: []byte(readme)}}
	if lang == "go" {
		extras = append(extras, content.StarterFile{Name: "go.mod", Data: []byte("module " + lab.ID + "\n\ngo 1.22\n")})
	}
	var out []content.StarterFile
	for _, e := range extras {
		if !hasStarterFile(have, e.Name) {
			out = append(out, e)
		}
	}
	return out
}

func hasStarterFile(fs []content.StarterFile, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

// writeNew creates a file that must not exist yet.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shellWord quotes a folder name for a command line when it needs it.
func shellWord(s string) string {
	if strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" && s != "" {
		return s
	}
	if render.Escape(s) == s {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	// A control, bidi override, newline or stray byte: every message shows
	// it escaped (\x1b, \u202e), which inside '...' would name another
	// folder. In $'...' the shell reads those same escapes back.
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		if c := s[i : i+n]; c == "'" || c == `\` {
			b.WriteString(`\` + c)
		} else {
			b.WriteString(render.Escape(c))
		}
		i += n
	}
	b.WriteString("'")
	return b.String()
}
