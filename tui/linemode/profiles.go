package linemode

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// PickProfile asks, as a numbered list, whose progress to use when the
// progress file has several profiles and none was chosen: the profiles
// with their learner names and last activity, then "New profile", which
// asks for a name (progress.CheckNewProfileName; a refused name says why
// and asks again, an empty line goes back to the list). main calls it only
// when a person types the input (a script is never asked: its lines would
// be eaten; it gets --profile). in must be the reader the session reads
// next (a *bufio.Reader shared with New), so nothing typed ahead is lost.
// ok is false when the input ends or the learner types q.
func PickProfile(in io.Reader, out io.Writer, ascii bool, profiles []progress.ProfileSummary) (name string, isNew, ok bool, err error) {
	r, p := newLineReader(in), &printer{w: out, ascii: ascii}
	names := make([]string, len(profiles))
	for i, s := range profiles {
		names[i] = s.Name
	}
	list := func() {
		p.say("Several learners use this computer. Who is studying?")
		for i, s := range profiles {
			// Escaped, not cleaned: names that differ only in a control
			// must not look the same.
			label := render.Escape(s.Name)
			if s.Learner != "" && s.Learner != s.Name {
				label += ", " + render.Escape(s.Learner)
			}
			when := "nothing yet"
			if !s.LastActivity.IsZero() {
				when = "last practice " + s.LastActivity.Local().Format("Jan 2, 2006")
			}
			p.say("  %d. %s (%s)", i+1, label, when)
		}
		p.say("  %d. New profile", len(profiles)+1)
	}
	list()
	for p.err == nil {
		p.prompt("Choose a number (q to quit): ")
		in, more := r.next()
		if !more {
			p.say("")
			return "", false, false, p.err
		}
		in = strings.TrimSpace(in)
		switch n, cerr := strconv.Atoi(in); {
		case in == "":
			list()
		case strings.EqualFold(in, "q"):
			return "", false, false, p.err
		case cerr != nil && namedProfile(profiles, in) >= 0:
			return profiles[namedProfile(profiles, in)].Name, false, true, p.err
		case cerr != nil || n < 1 || n > len(profiles)+1:
			p.say("There is no choice %q: type a number from 1 to %d, or a name from the list.", line(in), len(profiles)+1)
		case n <= len(profiles):
			return profiles[n-1].Name, false, true, p.err
		default:
			if name, ok := askName(r, p, names); ok {
				return name, true, true, p.err
			}
			if r.eof {
				return "", false, false, p.err
			}
			list()
		}
	}
	return "", false, false, fmt.Errorf("writing the question: %w", p.err)
}

// namedProfile is the index of the profile a learner named instead of
// numbering it (asked "Who is studying?", a person types their name), or
// -1. Case aside, as CheckNewProfileName refuses names that differ only
// in case.
func namedProfile(profiles []progress.ProfileSummary, in string) int {
	for i, s := range profiles {
		if strings.EqualFold(s.Name, in) {
			return i
		}
	}
	return -1
}

// askName reads a new profile's name until one is good; false on an empty
// line (back to the list) or the end of input.
func askName(r *lineReader, p *printer, existing []string) (string, bool) {
	for p.err == nil {
		p.prompt(fmt.Sprintf("Your name (up to %d letters, digits, spaces and - _ . '; empty to go back): ", progress.MaxNewProfileName))
		in, more := r.next()
		if !more {
			p.say("")
			return "", false
		}
		if strings.TrimSpace(in) == "" {
			return "", false
		}
		name, err := progress.CheckNewProfileName(in, existing)
		if err == nil {
			return name, true
		}
		p.say("%s", line(err.Error()))
	}
	return "", false
}
