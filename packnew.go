package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"backend-tutor/content"
	"backend-tutor/tui/render"
)

// cmdPack is `pack new DIR`.
func cmdPack(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "new" {
		fmt.Fprintln(stderr, "Usage: backend-tutor pack new DIR   (writes a small working pack to start from)")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags("pack new", "pack new DIR", stderr)
	pos, err := parseMixed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor pack new: name the folder to write the pack in")
		return errUsage
	}
	return packNew(pos[0], stdout)
}

// packNew writes content.PackTemplate to dir, its id taken from the
// folder's name. Like lab start it never overwrites: nothing is written
// unless every file is new.
func packNew(dir string, stdout io.Writer) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &exitError{1, "backend-tutor: " + err.Error()}
	}
	id := content.DeriveID(filepath.Base(abs))
	tmpl := content.PackTemplate()
	type file struct {
		name string
		data []byte
	}
	var files []file
	err = fs.WalkDir(tmpl, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(tmpl, p)
		if p == content.ManifestFile {
			data = bytes.Replace(data, []byte("id: my-pack"), []byte("id: "+id), 1)
		}
		files = append(files, file{p, data})
		return err
	})
	if err != nil {
		return &exitError{1, "backend-tutor: " + err.Error()}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if _, err := os.Lstat(p); err == nil {
			return &exitError{1, fmt.Sprintf("backend-tutor: %s already exists, and pack new never overwrites a file.\nNothing was written. Choose a new folder: backend-tutor pack new OTHER-FOLDER", render.Escape(p))}
		}
	}
	var names []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return &exitError{1, "backend-tutor: " + render.Escape(err.Error())}
		}
		if err := writeNew(p, f.data); err != nil {
			return &exitError{1, fmt.Sprintf("backend-tutor: writing %s: %s (files written so far: %s)", render.Escape(p), render.Escape(err.Error()), strings.Join(names, ", "))}
		}
		names = append(names, render.Escape(p))
	}
	d := render.Escape(dir)
	_, err = fmt.Fprintf(stdout, "Wrote a pack with the id %s in %s:\n  %s\n\nCheck it:  backend-tutor validate %s\nTry it:    backend-tutor --content %s\n",
		id, d, strings.Join(names, "\n  "), shellWord(dir), shellWord(dir))
	return err
}
