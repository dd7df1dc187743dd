package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"backend-tutor/content"
	"backend-tutor/internal/asciijson"
	"backend-tutor/internal/stats"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// loadCourse loads the course the tutor shows: the embedded guide (from
// its compiled-in snapshot) and every --content pack, combined
// (content.Combine). A folder without a pack.yaml gets a warning on stderr
// saying how to add one.
func loadCourse(g globals, stderr io.Writer) (*content.Course, error) {
	guide, err := content.EmbeddedCourse()
	if err != nil {
		return nil, err
	}
	var packs []*content.Course
	for _, dir := range g.content {
		p, err := loadPack(dir)
		if err != nil {
			return nil, err
		}
		if p.Packs[0].Derived {
			fmt.Fprintf(stderr, "backend-tutor: warning: %s: %s\n", render.Escape(dir), content.NoManifestHelp(p.Packs[0].ID))
		}
		packs = append(packs, p)
	}
	c, err := content.Combine(guide, packs)
	if err != nil {
		return nil, &exitError{1, "backend-tutor: " + render.Escape(err.Error())}
	}
	return c, nil
}

// loadPack loads one content folder, opened as an os.Root so a symlink
// cannot lead the loader outside it. A folder without a pack.yaml gets
// the id of its name (content.Course.Manifest).
func loadPack(dir string) (*content.Course, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: content folder %s: %v", render.Escape(dir), errors.Unwrap(err))}
	}
	if !st.IsDir() {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: %s is not a folder (--content wants a folder of chapters)", render.Escape(dir))}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: content folder %s: %v", render.Escape(dir), errors.Unwrap(err))}
	}
	c, err := content.Load(root.FS())
	var probs content.Problems
	if errors.As(err, &probs) {
		msg := fmt.Sprintf("%s\nbackend-tutor: %s has %d problem(s); run `backend-tutor validate %s` after fixing them.",
			prefixed(probs, dir), render.Escape(dir), len(probs), render.Escape(dir))
		return nil, &exitError{1, msg}
	}
	if err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dir)
	c.Manifest(root.FS(), filepath.Base(abs))
	return c, nil
}

// prefixed lists problems one a line, file names and messages escaped
// (render.Escape): a name or a quoted value with a newline stays on its line.
func prefixed(ps content.Problems, dir string) string {
	out := ""
	for i, p := range ps {
		if dir != "" {
			// Joined and cleaned: "DIR/" and a whole-folder problem
			// (".") read as DIR, not DIR//. (problems name files with /).
			p.File = filepath.Join(dir, filepath.FromSlash(p.File))
		}
		p.File, p.Msg = render.Escape(p.File), render.Escape(p.Msg)
		if i > 0 {
			out += "\n"
		}
		out += p.String()
	}
	return out
}

// dbPath is --db or the default location.
func dbPath(g globals) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	return progress.DefaultPath()
}

// openCourseStore opens the progress file scoped as the tutor would for the
// packs in use (--content, env, config), for a command that needs the
// course for nothing else (import). A command that has loaded the course
// passes it to openStore: loading it again costs as much again.
func openCourseStore(g globals, path string) (*progress.Store, error) {
	course, err := loadCourse(g, io.Discard)
	if err != nil {
		return nil, err
	}
	return openStore(g, path, course)
}

// openStore opens the progress file at path for --profile (default
// "default") and the course's packs: the first pack's records under plain
// chapter ids, every added pack's under "PACK/CHAPTER" (progress.WithPacks),
// each in its own scope.
func openStore(g globals, path string, course *content.Course) (*progress.Store, error) {
	store, err := progress.Open(path)
	if err != nil {
		return nil, &exitError{1, err.Error()}
	}
	return scopeStore(g, store, course)
}

// scopeStore is openStore's scoping of the opened file, for the profile
// whichProfile decides. With no profile chosen and several in the file it
// exits 2 naming them (oneProfile); a chosen profile new to a file with
// others is said through g.note.
func scopeStore(g globals, store *progress.Store, course *content.Course) (*progress.Store, error) {
	notice, err := oneProfile(&g, store)
	if err != nil {
		return nil, err
	}
	if notice != "" && g.note != nil {
		g.note(notice)
	}
	profile := g.profile
	base, more := progress.DefaultPack, []string(nil)
	for i, p := range course.Packs {
		if i == 0 {
			base = p.ID
		} else {
			more = append(more, p.ID)
		}
	}
	if profile != progress.DefaultProfile || base != progress.DefaultPack {
		if store, err = store.Scope(profile, base); err != nil {
			return nil, &exitError{2, "--profile: " + err.Error()}
		}
	}
	if len(more) > 0 {
		if store, err = store.WithPacks(more); err != nil {
			return nil, &exitError{1, "backend-tutor: " + err.Error()}
		}
	}
	return store, nil
}

// readOverview reads everything `progress` reports (progress.Overview)
// with one open of the file and one read of each pack, without creating a
// file that does not exist yet; profile is the one read.
func readOverview(g globals, course *content.Course) (ov *progress.Overview, profile string, err error) {
	profile = cmp.Or(g.profile, progress.DefaultProfile)
	none := &progress.Overview{Snapshot: &progress.Snapshot{Chapters: map[string]progress.ChapterRecord{}},
		Log: &progress.StudyLog{}, Labs: map[string]progress.LabRecord{}}
	ov, err = readExisting(g, course, none, func(s *progress.Store) (*progress.Overview, error) {
		profile = s.Profile()
		return s.Overview()
	})
	return ov, profile, err
}

// progressStats works out the stats (internal/stats) of ov's progress now.
func progressStats(g globals, course *content.Course, ov *progress.Overview) (stats.Stats, error) {
	now, err := clock(os.Getenv)
	if err != nil {
		return stats.Stats{}, err
	}
	sched, err := reviewScheduler(g)
	if err != nil {
		return stats.Stats{}, err
	}
	return stats.Compute(course, ov.Snapshot.Chapters, ov.Log, sched, now()), nil
}

// readSnapshot reads progress for the read-only commands without creating a
// file that does not exist yet.
func readSnapshot(g globals, course *content.Course) (*progress.Snapshot, error) {
	return readExisting(g, course, &progress.Snapshot{Chapters: map[string]progress.ChapterRecord{}}, (*progress.Store).Snapshot)
}

// readExisting opens the progress file for a read-only command, scoped
// for course's packs (openStore), and reads it with read; a file that does
// not exist yet is not created: none is the answer.
func readExisting[T any](g globals, course *content.Course, none T, read func(*progress.Store) (T, error)) (T, error) {
	var zero T
	path, err := dbPath(g)
	if err != nil {
		return zero, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return none, nil
	}
	store, err := openStore(g, path, course)
	if err != nil {
		return zero, err
	}
	v, err := read(store)
	if err != nil {
		return zero, &exitError{1, err.Error()}
	}
	return v, nil
}

// jsonOut is JSON text as a command prints it: safe for a terminal
// (render.EscapeJSON) and, under --ascii or a locale without UTF-8, in
// ASCII without a character changed (asciijson), so the output writer's
// glyph stand-ins find nothing to change in it.
func jsonOut(g globals, js string) string {
	js = render.EscapeJSON(js)
	if render.WantASCII(g.ascii, os.Getenv) {
		js = asciijson.Escape(js)
	}
	return js
}

// csvOut writes CSV (write) to w as a command prints it. Under --ascii or
// a locale without UTF-8 each field gets ASCII's stand-ins before it is
// quoted (the writer's pass would turn a “ into a bare " inside a field
// and the file into no CSV); the same rows, in ASCII.
func csvOut(g globals, w io.Writer, write func(io.Writer) error) error {
	if !render.WantASCII(g.ascii, os.Getenv) {
		return write(w)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, row := range rows {
		for i := range row {
			row[i] = render.ASCII(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
