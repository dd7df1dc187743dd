package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"backend-tutor/internal/filekind"
)

// MaxFileSize bounds every content file, so a huge or runaway file is a clear
// error instead of a slow start or an exhausted memory.
const MaxFileSize = 1 << 20

// Limits that keep a hostile or mistaken pack bounded.
const (
	maxOptions   = 10
	maxQuestions = 500
	maxChapters  = 5000
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and validates a content folder. Both the embedded guide and a
// --content folder come through here. On any problem it returns Problems
// (every one found, sorted by file and line) and no course.
func Load(fsys fs.FS) (*Course, error) {
	var c collector
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading content folder: %w", err)
	}
	course := &Course{Title: "Backend Tutor", byID: map[string]int{}}
	var quizzes []*Quiz
	sources := map[string][]byte{} // chapter id -> raw bytes of its files, for the hash
	var files []parsedFile
	courseFile := false
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		kind := fileKind(name)
		if kind != "" && !utf8.ValidString(name) {
			// io/fs paths are UTF-8: opening it would only say "invalid argument"
			c.add(name, 0, "the file name is not valid UTF-8: rename the file (content file names must be UTF-8)")
			continue
		}
		if kind != "" {
			files = append(files, parsedFile{name: name, kind: kind, mode: e.Type()})
		}
	}
	files = append(files, labFiles(fsys, &c)...)
	// Files are read in order, parsed in parallel a chunk at a time (YAML
	// parsing is most of the cost of a start), and their results and
	// problems taken in order, exactly as if one loop did it all.
	for start := 0; start < len(files); start += loadChunk {
		chunk := files[start:min(len(files), start+loadChunk)]
		for i := range chunk {
			chunk[i].src, chunk[i].ok = readFile(fsys, chunk[i].name, chunk[i].mode, &chunk[i].probs)
		}
		parseFiles(chunk)
		for i := range chunk {
			f := &chunk[i]
			if len(course.Chapters) >= maxChapters {
				c.add(f.name, 0, "too many chapters (the limit is %d)", maxChapters)
				start = len(files)
				break
			}
			c.list = append(c.list, f.probs.list...)
			c.warnings = append(c.warnings, f.probs.warnings...)
			if !f.ok {
				continue
			}
			switch f.kind {
			case "chapter":
				if f.chapter != nil {
					course.Chapters = append(course.Chapters, f.chapter)
					sources[f.chapter.ID] = append(sources[f.chapter.ID], f.src...)
				}
			case "quiz":
				if f.quiz != nil {
					quizzes = append(quizzes, f.quiz)
					sources["quiz:"+f.quiz.ChapterID] = f.src
				}
			case "course":
				parseCourse(f.name, f.src, course, &c)
				courseFile = true
			case "pack":
				if f.pack != nil {
					course.Packs = []*Pack{f.pack}
				}
			case "glossary":
				course.Glossary = f.terms
			case "lab":
				if f.lab != nil {
					course.labs = append(course.labs, f.lab)
				}
			}
			chunk[i] = parsedFile{} // let the parse trees go
		}
	}

	applyManifest(course, fsys, courseFile, &c)
	checkChapters(course, &c)
	attachQuizzes(course, quizzes, &c)
	checkQuestionIDs(course, &c)
	checkGlossary(course, &c)
	checkLabs(course, &c)
	checkStarters(fsys, course, &c)
	if len(course.Chapters) == 0 && len(c.list) == 0 {
		c.add(".", 0, "no chapters found (a chapter is a .md file with front matter)")
	}
	if len(c.list) > 0 {
		return nil, c.list.sorted()
	}
	course.warnings = lintChapters(course, c.warnings)
	for _, l := range course.labs {
		l.LocalID = l.ID
		if len(course.Packs) == 1 {
			l.Pack = course.Packs[0].ID
		}
	}
	for _, ch := range course.Chapters {
		ch.LocalID = ch.ID
		if len(course.Packs) == 1 {
			ch.Pack = course.Packs[0].ID
		}
		h := sha256.New()
		h.Write(sources[ch.ID])
		h.Write(sources["quiz:"+ch.ID])
		ch.Hash = hex.EncodeToString(h.Sum(nil))[:16]
	}
	return course, nil
}

// loadChunk is how many files are read and parsed before their results are
// taken: it bounds the work wasted past the chapter limit.
const loadChunk = 256

// parsedFile is one content file, read and parsed.
type parsedFile struct {
	name, kind string
	mode       fs.FileMode // type bits from the folder listing
	src        []byte
	ok         bool // read and valid UTF-8
	chapter    *Chapter
	quiz       *Quiz
	terms      []Term
	lab        *Lab
	pack       *Pack
	probs      collector // this file's own problems, merged in file order
}

// parseFiles parses chapters, quizzes and the glossary on every core. Each
// file has its own collector and the parsers share nothing mutable.
// course.yaml is parsed later, in order, because it fills in the course.
func parseFiles(files []parsedFile) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				f := &files[i]
				if !f.ok {
					continue
				}
				switch f.kind {
				case "chapter":
					f.chapter = parseChapter(f.name, f.src, &f.probs)
				case "quiz":
					f.quiz = parseQuiz(f.name, f.src, &f.probs)
				case "glossary":
					f.terms = parseGlossary(f.name, f.src, &f.probs)
				case "lab":
					f.lab = parseLab(f.name, f.src, &f.probs)
				case "pack":
					f.pack = parseManifest(f.name, f.src, &f.probs)
				}
			}
		})
	}
	wg.Wait()
}

// labFiles lists the lab files in labs/, if the folder has one.
func labFiles(fsys fs.FS, c *collector) []parsedFile {
	entries, err := readDir(fsys, LabsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		c.add(LabsDir, 0, "cannot read: %s", cleanFSError(err))
		return nil
	}
	var out []parsedFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !isLabFile(name) {
			continue
		}
		out = append(out, parsedFile{name: LabsDir + "/" + name, kind: "lab", mode: e.Type()})
	}
	return out
}

func fileKind(name string) string {
	switch {
	case name == "course.yaml":
		return "course"
	case name == ManifestFile:
		return "pack"
	case name == "glossary.yaml":
		return "glossary"
	case strings.HasSuffix(name, ".quiz.yaml"):
		return "quiz"
	case strings.HasSuffix(name, ".md") && !strings.EqualFold(name, "README.md"):
		return "chapter"
	}
	return ""
}

// readFile reads one file with a hard size limit and checks it is UTF-8.
// listed is the file's type from the folder listing. The file must be
// regular before it is opened: opening a named pipe blocks until something
// writes to it (for ever, in a pack), and a device can be endless.
func readFile(fsys fs.FS, name string, listed fs.FileMode, c *collector) ([]byte, bool) {
	if err := checkRegular(fsys, name, listed); err != nil {
		c.add(name, 0, "%s", err)
		return nil, false
	}
	f, err := fsys.Open(name)
	if err != nil {
		c.add(name, 0, "cannot read: %s", cleanFSError(err))
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		c.add(name, 0, "not a regular file")
		return nil, false
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		c.add(name, 0, "cannot read: %s", cleanFSError(err))
		return nil, false
	}
	if len(src) > MaxFileSize {
		c.add(name, 0, "file is larger than the %d KiB limit for a content file", MaxFileSize>>10)
		return nil, false
	}
	if !utf8.Valid(src) {
		c.add(name, firstInvalidLine(src), "not valid UTF-8 text (is it a binary file?)")
		return nil, false
	}
	return src, true
}

// readDir is fs.ReadDir for a folder inside the content folder: it is
// stat'ed first, because reading a named pipe put where a folder should be
// (labs/, a starter's folder) would block for ever. Anything but a folder
// is an error saying what it is.
func readDir(fsys fs.FS, name string) ([]fs.DirEntry, error) {
	if sfs, ok := fsys.(fs.StatFS); ok {
		st, err := sfs.Stat(name)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("it is %s, not a folder", filekind.Describe(st.Mode()))
		}
	}
	return fs.ReadDir(fsys, name)
}

// checkRegular refuses anything but a regular file without opening it. An
// fs.StatFS (os.DirFS, os.Root.FS, fstest.MapFS) answers with a stat that
// follows a symlink, so a link to a pipe is caught too; any other fs.FS
// falls back on the listing's type bits, which name a pipe, socket or
// device as such (a symlink there is opened and checked after).
func checkRegular(fsys fs.FS, name string, listed fs.FileMode) error {
	mode := listed
	sfs, ok := fsys.(fs.StatFS)
	if ok {
		st, err := sfs.Stat(name)
		if err != nil {
			return fmt.Errorf("cannot read: %s", cleanFSError(err))
		}
		mode = st.Mode()
	}
	if mode.IsRegular() || (!ok && mode.Type() == fs.ModeSymlink) {
		return nil
	}
	return fmt.Errorf("it is %s, not a regular file; content files must be ordinary files", filekind.Describe(mode))
}

func cleanFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") {
			return "it is a link that leads outside the content folder"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

func firstInvalidLine(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

func parseChapter(file string, src []byte, c *collector) *Chapter {
	front, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		c.add(file, 1, "missing front matter: a chapter starts with a line '---', then id, title, summary and order, then '---'")
		return nil
	}
	node, ok := parseYAML(file, front, 1, c)
	if !ok {
		return nil
	}
	m, ok := asMapping(file, node, "front matter", []string{"id", "title", "summary", "order"}, c)
	if !ok {
		return nil
	}
	ch := &Chapter{File: file}
	ch.ID = m.str("id", true, c)
	ch.Title = m.str("title", true, c)
	ch.Summary = m.str("summary", true, c)
	ch.Order, _ = m.integer("order", true, c)
	if ch.ID != "" && !idPattern.MatchString(ch.ID) {
		c.add(file, m.lineOf("id"), "id %q must be lowercase letters, digits and '-'", ch.ID)
	}
	if strings.TrimSpace(string(body)) == "" {
		c.add(file, bodyLine, "chapter has no text after the front matter")
	}
	ch.Body = string(body)
	if ch.ID == "" {
		return nil
	}
	ch.idLine = m.lineOf("id")
	ch.bodyLine = bodyLine
	ch.ordLine = m.lineOf("order")
	return ch
}
