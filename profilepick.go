package main

import (
	"cmp"
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
// file's profile say (g.profile). When none does, whichProfile decides, for
// the tutor and every command alike: the one profile the file has used
// (the walk: a file whose only used profile was "alice" opened the empty
// "default", and the learner's progress looked lost), or "default" in a
// file that has used none. When the file has several, the tutor asks at
// start (askProfile: the picker screen, or a numbered prompt in line
// mode), and a command that cannot ask exits 2 naming them (oneProfile).

// whichProfile is the profile to open, given the one chosen ("" when none
// was) and the file's used profiles (progress.ProfileSummaries). A chosen
// name that differs from a profile's only in case is that profile
// (sameProfile). several is true when none was chosen and the file has
// several: someone must choose. notice is set when the chosen profile is
// new to a file that has others (a typo such as `--profile alcie` would
// otherwise start an empty profile without a word); opening a profile
// does not make it, the first save does.
func whichProfile(chosen string, sums []progress.ProfileSummary) (name, notice string, several bool) {
	if chosen == "" {
		switch len(sums) {
		case 0:
			return progress.DefaultProfile, "", false
		case 1:
			return sums[0].Name, "", false
		}
		return "", "", true
	}
	name = sameProfile(chosen, sums)
	if name == progress.DefaultProfile || len(sums) == 0 {
		return name, "", false // every file has it; an empty file has no others
	}
	others := make([]string, 0, len(sums))
	for _, s := range sums {
		if s.Name == name {
			return name, "", false
		}
		others = append(others, s.Name)
	}
	// A file of a whole class's profiles names a few: the notice is one
	// line on the full screen.
	if len(others) > maxNamedOthers {
		others = append(others[:maxNamedOthers], fmt.Sprintf("and %d more", len(others)-maxNamedOthers))
	}
	return name, fmt.Sprintf("New profile %s. Other profiles here: %s — quit and use --profile NAME to switch.",
		name, strings.Join(others, ", ")), false
}

// maxNamedOthers is how many other profiles whichProfile's notice names.
const maxNamedOthers = 5

// sameProfile is the file's profile that name means: itself, or the one
// profile whose name differs from it only in case (the picker refuses a
// new name like that, so it is the same learner: `--profile ALICE` made a
// second, empty profile beside "alice", and the progress looked lost).
func sameProfile(name string, sums []progress.ProfileSummary) string {
	match := ""
	for _, s := range sums {
		switch {
		case s.Name == name:
			return name
		case strings.EqualFold(s.Name, name):
			if match != "" {
				return name // two such (older tutors allowed it): no guess
			}
			match = s.Name
		}
	}
	return cmp.Or(match, name)
}

// oneProfile sets g.profile to whichProfile's choice, and refuses, with
// exit status 2, to guess whose progress a command reads or writes when
// the file has several profiles and none was chosen: the message lists
// them and the flag to pick one. notice is whichProfile's.
func oneProfile(g *globals, store *progress.Store) (notice string, err error) {
	sums, err := store.ProfileNames()
	if err != nil {
		if g.profile != "" {
			return "", nil // the scoping that follows reports a damaged file
		}
		return "", &exitError{1, err.Error()}
	}
	name, notice, several := whichProfile(g.profile, sums)
	if several {
		// The list names each one's last practice: read it now.
		if all, err := store.ProfileSummaries(); err == nil {
			sums = all
		}
		return "", severalProfiles(sums)
	}
	g.profile = name
	return notice, nil
}

// checkOneProfile is oneProfile before a command does work it would then
// fail to save (lab check runs the learner's server first): nothing to
// check when the file does not exist yet. The notice is the command's own
// open's to give.
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
	_, err = oneProfile(&g, store)
	return err
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
// was chosen (whichProfile), asking the learner; a new profile is made at once, named
// with the learner's name, so the next start lists it. ok is false when
// the learner left without choosing. Without a person at a terminal to
// ask, it exits 2 as oneProfile does.
func askProfile(g *globals, store *progress.Store, pk picker) (ok bool, err error) {
	if g.profile != "" {
		return true, nil
	}
	sums, err := store.ProfileNames() // every start: the last activity only when asking
	if err != nil {
		return false, &exitError{1, err.Error()}
	}
	if _, _, several := whichProfile("", sums); !several {
		return true, nil
	}
	if sums, err = store.ProfileSummaries(); err != nil {
		return false, &exitError{1, err.Error()}
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
