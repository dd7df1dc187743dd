package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui"
	"backend-tutor/tui/linemode"
	"backend-tutor/tui/render"
)

// Which learner's progress? --profile, BACKEND_TUTOR_PROFILE or the config
// file's profile say (g.profile). When none does and the file has one
// profile or none, it is "default", as it always was. When the file has
// several, the tutor asks at start (askProfile: the picker screen, or a
// numbered prompt in line mode), and a command that cannot ask exits 2
// naming them (oneProfile).

// oneProfile refuses, with exit status 2, to guess whose progress a
// command reads or writes when the file has several profiles and none was
// chosen: the message lists them and the flag to pick one.
func oneProfile(g globals, store *progress.Store) error {
	if g.profile != "" {
		return nil
	}
	sums, err := store.ProfileSummaries()
	if err != nil {
		return &exitError{1, err.Error()}
	}
	if len(sums) <= 1 {
		return nil
	}
	return severalProfiles(sums)
}

// checkOneProfile is oneProfile before a command does work it would then
// fail to save (lab check runs the learner's server first): nothing to
// check when the file does not exist yet.
func checkOneProfile(g globals) error {
	if g.profile != "" {
		return nil
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	store, err := progress.Open(path)
	if err != nil {
		return &exitError{1, err.Error()}
	}
	return oneProfile(g, store)
}

// severalProfiles is the exit-2 error listing the profiles.
func severalProfiles(sums []progress.ProfileSummary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "backend-tutor: this progress file has %d profiles; say whose progress to use with --profile NAME (or BACKEND_TUTOR_PROFILE, or profile in the config file):", len(sums))
	for _, s := range sums {
		b.WriteString("\n  " + render.Escape(s.Name))
		var about []string
		if s.Learner != "" && s.Learner != s.Name {
			about = append(about, "learner "+render.Escape(s.Learner))
		}
		if !s.LastActivity.IsZero() {
			about = append(about, "last practice "+s.LastActivity.Local().Format("2006-01-02"))
		}
		if len(about) > 0 {
			b.WriteString("  (" + strings.Join(about, ", ") + ")")
		}
	}
	fmt.Fprintf(&b, "\nFor example: backend-tutor --profile %s", shellQuote(sums[0].Name))
	return &exitError{2, b.String()}
}

// shellQuote quotes a profile name for the example command line.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(render.Escape(s), "'", `'\''`) + "'"
}

// picker is how the tutor asks: the terminal it has, full screen or not.
type picker struct {
	lineMode, stdinTTY, ascii, noColor bool
	stdin                              io.Reader // line mode's reader, shared with the session
	stdout                             io.Writer
	course                             *content.Course // the welcome's title
}

// askProfile sets g.profile when the file has several profiles and none
// was chosen, asking the learner; a new profile is made at once, named
// with the learner's name, so the next start lists it. ok is false when
// the learner left without choosing. Without a person at a terminal to
// ask, it exits 2 as oneProfile does.
func askProfile(g *globals, store *progress.Store, pk picker) (ok bool, err error) {
	if g.profile != "" {
		return true, nil
	}
	sums, err := store.ProfileSummaries()
	if err != nil {
		return false, &exitError{1, err.Error()}
	}
	if len(sums) <= 1 {
		return true, nil
	}
	if !pk.stdinTTY {
		return false, severalProfiles(sums)
	}
	var name string
	var isNew bool
	if pk.lineMode {
		name, isNew, ok, err = linemode.PickProfile(pk.stdin, pk.stdout, pk.ascii, sums)
		if err != nil {
			return false, &exitError{1, "backend-tutor: " + err.Error()}
		}
	} else {
		m := tui.New(tui.Options{Course: pk.course, Profiles: sums, NoColor: pk.noColor, ASCII: pk.ascii})
		// Bubble Tea's own signal handling is enough here: nothing is
		// saved before a profile is chosen.
		if _, err := tea.NewProgram(m).Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
			return false, err
		}
		name, isNew, ok = m.Picked()
	}
	if !ok {
		return false, nil
	}
	g.profile = name
	if isNew {
		// The typed name is the profile's and, for exports, the
		// learner's. Saved now so the picker lists it next time; a
		// file that cannot be written (read-only, damaged) starts the
		// tutor anyway, which says why nothing is saved.
		if sc, err := store.Scope(name, progress.DefaultPack); err == nil {
			_ = sc.SetLearner(name)
		}
	}
	return true, nil
}
