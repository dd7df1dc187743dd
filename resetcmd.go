package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"backend-tutor/internal/courserules"
	"backend-tutor/tui/render"
)

// The confirmation's input; tests replace them.
var (
	resetIn    io.Reader = stdinDefault
	resetInTTY           = stdinTTYDefault
)

var stdinDefault io.Reader = os.Stdin

func stdinTTYDefault() bool { return term.IsTerminal(os.Stdin.Fd()) }

// cmdReset is `backend-tutor reset CHAPTER|--all [--yes]` and `reset
// --undo`: records move to a dated backup inside the progress file (never
// deleted), and --undo brings the last one back. Without --yes it asks on
// a terminal and refuses when stdin is not one, so a script cannot reset
// by accident.
func cmdReset(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reset", "reset CHAPTER|--all [--yes] | reset --undo", stderr)
	all := fs.Bool("all", false, "reset every chapter")
	yes := fs.Bool("yes", false, "do not ask for confirmation (for scripts)")
	undo := fs.Bool("undo", false, "bring back the records of the last reset")
	rest, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *undo && (*all || len(rest) > 0):
		fmt.Fprintln(stderr, "backend-tutor reset: --undo takes no chapter and no --all")
		return errUsage
	case !*undo && *all == (len(rest) > 0), len(rest) > 1:
		fmt.Fprintln(stderr, "backend-tutor reset: give one chapter (id or number) or --all, or --undo")
		return errUsage
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stdout, "Nothing to reset: there is no progress yet.")
		return nil
	}
	store, err := openStore(g, path, course)
	if err != nil {
		return err
	}
	if !store.Writable() {
		return &exitError{1, "backend-tutor: " + store.Warning()}
	}
	if *undo {
		b, err := store.Undo()
		if err != nil {
			return &exitError{1, err.Error()}
		}
		if b.Name == "" {
			fmt.Fprintln(stdout, "Nothing to undo: there is no reset to bring back.")
			return nil
		}
		fmt.Fprintf(stdout, "Brought back the progress reset on %s (%s).\n", b.At.Local().Format("2006-01-02 15:04"), render.SanitizeLine(strings.Join(b.Chapters, ", ")))
		return nil
	}
	snap, err := store.Snapshot()
	if err != nil {
		return &exitError{1, err.Error()}
	}
	id, what, loss := "", "all your progress", courserules.ResetAllLoss(snap.Chapters)
	if !*all {
		ch, err := findChapter(course, rest[0])
		if err != nil {
			return err
		}
		id, what, loss = ch.ID, "chapter "+render.SanitizeLine(ch.Title), courserules.ResetLoss(snap.Chapters[ch.ID])
	}
	if loss == "" && !*all {
		fmt.Fprintf(stdout, "Nothing to reset: %s has no progress yet.\n", what)
		return nil
	}
	if !*yes {
		if !resetInTTY() {
			return &exitError{1, "backend-tutor reset: not resetting without confirmation; stdin is not a terminal. Add --yes to reset from a script."}
		}
		fmt.Fprintf(stdout, "Reset %s? This clears %s.\nThey move to a backup in the progress file; `backend-tutor reset --undo` brings them back.\nType y to reset: ", what, cmp.Or(loss, "nothing saved yet"))
		if f, ok := stdout.(interface{ Flush() error }); ok {
			_ = f.Flush() // the prompt has no newline, which the sanitising writer waits for
		}
		line, _ := bufio.NewReader(resetIn).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" {
			fmt.Fprintln(stdout, "Nothing was reset.")
			return &exitError{1, ""}
		}
	}
	b, err := store.Reset(id, *all)
	if err != nil {
		return &exitError{1, err.Error()}
	}
	if b.Name == "" {
		fmt.Fprintln(stdout, "Nothing to reset: there is no progress yet.")
		return nil
	}
	fmt.Fprintf(stdout, "Reset %s. To bring it back: backend-tutor reset --undo\n", what)
	return nil
}
