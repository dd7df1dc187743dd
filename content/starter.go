package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
)

// StartersDir holds the labs' starters: labs/starters/LAB/LANG/FILES. A
// starter is a small runnable program with TODOs where the lab's work is;
// `lab start` copies it for the learner. Starters are read only when asked
// for, never at start-up.
const StartersDir = LabsDir + "/starters"

// StarterLangs are the languages a starter can be written in.
var StarterLangs = []string{"python", "node", "go"}

// maxStarterFiles bounds a starter, like every other part of a pack.
const maxStarterFiles = 20

// starterName is what a starter file may be called: plain names, no
// folders, nothing hidden, so copying one can never write outside the
// learner's folder.
var starterName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// StarterFile is one file of a starter.
type StarterFile struct {
	Name string
	Data []byte
}

// ErrNoStarter says a lab has no starter in a language.
var ErrNoStarter = errors.New("no starter")

// ReadStarter reads the starter of a lab in a language from a content
// folder, with the same limits as every content file.
func ReadStarter(fsys fs.FS, labID, lang string) ([]StarterFile, error) {
	dir := path.Join(StartersDir, labID, lang)
	entries, err := readDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoStarter
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s", dir, cleanFSError(err))
	}
	var c collector
	var out []StarterFile
	for _, e := range entries {
		if !starterName.MatchString(e.Name()) {
			return nil, fmt.Errorf("%s/%s: a starter file name must be plain letters, digits, '.', '_' and '-'", dir, e.Name())
		}
		if len(out) == maxStarterFiles {
			return nil, fmt.Errorf("%s: too many files (the limit is %d)", dir, maxStarterFiles)
		}
		src, ok := readFile(fsys, dir+"/"+e.Name(), e.Type(), &c)
		if !ok {
			return nil, c.list
		}
		out = append(out, StarterFile{Name: e.Name(), Data: src})
	}
	if len(out) == 0 {
		return nil, ErrNoStarter
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// StarterLangsOf lists the languages a lab has a starter in.
func StarterLangsOf(fsys fs.FS, labID string) []string {
	var out []string
	for _, l := range StarterLangs {
		if entries, err := readDir(fsys, path.Join(StartersDir, labID, l)); err == nil && len(entries) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// checkStarters checks the names in labs/starters: a folder per lab id, a
// folder per language in it, plain file names. The files themselves are
// read when a learner asks for them.
func checkStarters(fsys fs.FS, course *Course, c *collector) {
	labs, err := readDir(fsys, StartersDir)
	if err != nil {
		return // no starters
	}
	for _, l := range labs {
		where := StartersDir + "/" + l.Name()
		if _, ok := course.Lab(l.Name()); !ok || !l.IsDir() {
			c.add(where, 0, "no lab has the id %q (starters are in labs/starters/LAB-ID/LANGUAGE/)", l.Name())
			continue
		}
		langs, _ := readDir(fsys, where)
		for _, lang := range langs {
			if !lang.IsDir() || !contains(StarterLangs, lang.Name()) {
				c.add(where+"/"+lang.Name(), 0, "not a starter language folder (use one of: python, node, go)")
				continue
			}
			files, _ := readDir(fsys, where+"/"+lang.Name())
			for _, f := range files {
				if !starterName.MatchString(f.Name()) || f.IsDir() {
					c.add(where+"/"+lang.Name()+"/"+f.Name(), 0, "a starter holds plain files named with letters, digits, '.', '_' and '-'")
				}
			}
		}
	}
}
