package main

import (
	"errors"
	"fmt"
	"os"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// loadCourse loads the embedded guide (from its compiled-in snapshot), or
// the --content folder. A folder is opened as an os.Root, so a symlink
// cannot lead the loader outside it.
func loadCourse(dir string) (*content.Course, error) {
	if dir == "" {
		return content.EmbeddedCourse()
	}
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
		where := "the built-in guide"
		if dir != "" {
			where = render.Escape(dir)
		}
		msg := fmt.Sprintf("%s\nbackend-tutor: %s has %d problem(s); run `backend-tutor validate %s` after fixing them.",
			prefixed(probs, dir), where, len(probs), render.Escape(dirOrDot(dir)))
		return nil, &exitError{1, msg}
	}
	return c, err
}

func dirOrDot(d string) string {
	if d == "" {
		return "DIR"
	}
	return d
}

// prefixed lists problems one a line, file names and messages escaped
// (render.Escape): a name or a quoted value with a newline stays on its line.
func prefixed(ps content.Problems, dir string) string {
	out := ""
	for i, p := range ps {
		if dir != "" {
			p.File = dir + string(os.PathSeparator) + p.File
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

// openStore opens the progress file at path for --profile (default
// "default") and the built-in course's pack, "guide": until packs get ids
// of their own (issue 12), a --content folder shares the guide's records.
func openStore(g globals, path string) (*progress.Store, error) {
	store, err := progress.Open(path)
	if err != nil {
		return nil, &exitError{1, err.Error()}
	}
	if g.profile == "" {
		return store, nil
	}
	store, err = store.Scope(g.profile, progress.DefaultPack)
	if err != nil {
		return nil, &exitError{2, "--profile: " + err.Error()}
	}
	return store, nil
}

// readSnapshot reads progress for the read-only commands without creating a
// file that does not exist yet.
func readSnapshot(g globals) (*progress.Snapshot, error) {
	path, err := dbPath(g)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &progress.Snapshot{Chapters: map[string]progress.ChapterRecord{}}, nil
	}
	store, err := openStore(g, path)
	if err != nil {
		return nil, err
	}
	snap, err := store.Snapshot()
	if err != nil {
		return nil, &exitError{1, err.Error()}
	}
	return snap, nil
}
