// Command backend-tutor is an offline terminal tutor for backend web
// development. main parses the command line and wires the packages together:
// content (the course), progress (the learner's file) and tui (the screens).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"backend-tutor/internal/labcheck"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

const usage = `backend-tutor — learn backend web development in your terminal.

Usage:
  backend-tutor [--db PATH] [--content DIR]         start the tutor
  backend-tutor quiz ID|NUMBER [--resume|--new]     start one chapter's quiz
  backend-tutor review                              review the questions due today
  backend-tutor list                                the chapters and your status
  backend-tutor read ID|NUMBER [--plain] [--width N] print one chapter
  backend-tutor search TERM...                      lines with TERM, as ID:LINE: text
  backend-tutor progress [--json]                   your progress, per chapter
  backend-tutor validate [--strict] DIR...          check packs, and that they go together
  backend-tutor lab list                            the hands-on labs
  backend-tutor lab start LAB [DIR] [--lang L]      a starter for a lab (python, node or go)
  backend-tutor lab check LAB [--run "COMMAND"]     check your server against a lab
  backend-tutor lab serve [--port N]                a sample notes API to try with curl
  backend-tutor pack new DIR                        write a small working pack to start from
  backend-tutor config                              the settings in effect, and where each came from
  backend-tutor export [--format json|csv] [--all] [-o FILE] [--learner NAME]
                                                    your progress for a class report
  backend-tutor import FILE                         merge your own export (lab ↔ home)
  backend-tutor report FILE... [--csv|--html FILE]  one class table from many exports
  backend-tutor doctor [--reset]                    check the progress file
  backend-tutor reset CHAPTER|--all [--yes]         reset progress (kept in a backup in the file)
  backend-tutor reset --undo                        bring back the last reset's progress
  backend-tutor version                             print version, commit and build date

Global flags (before or after the command):
  --db PATH       progress file (default $XDG_DATA_HOME/backend-tutor/progress.db)
  --content DIR   add this pack (a folder with a pack.yaml) to the built-in guide,
                  or show it instead if its manifest says mode: replace; give
                  it again for more packs
  --profile NAME  whose progress to use (default: the one profile used, or
                  "default"); learners sharing a machine keep theirs apart in
                  the one progress file. With several profiles and none chosen
                  the tutor asks, and other commands exit 2 naming them
  --accessible    line mode: plain prompts and text, no full-screen UI (also
                  ACCESSIBLE=1; on by itself when TERM=dumb or stdin or
                  stdout is not a terminal)
  --ascii         ASCII instead of glyphs (arrows, ticks, bars) in the tutor
                  and every command; also when the locale is not UTF-8
                  (LC_ALL=C)
  --lab-url URL   where the tutor's Labs screen checks your server (default
                  http://127.0.0.1:PORT, each lab's own port)

  --review-limit N  review questions a day allows (default 20; the day
                  starts at 4 AM local time)

Flags win over the environment (BACKEND_TUTOR_DB, BACKEND_TUTOR_CONTENT with
folders separated by ':', BACKEND_TUTOR_PROFILE), which wins over the config
file $XDG_CONFIG_HOME/backend-tutor/config.yaml (or config.toml); "backend-tutor config" shows
what is in effect and where each value came from.

Run "backend-tutor COMMAND --help" for a command's flags.
`

// errUsage marks a command-line mistake: exit status 2 after the message.
var errUsage = errors.New("usage")

// exitError carries a message and an exit status.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: tests call it directly.
//
// Everything a command prints passes the sanitiser on its way out, whatever
// produced it: output keeps only the colours and links a renderer makes
// (render.Terminal), and messages show every control escaped, so a hostile
// file name reads as \x1b]0;... instead of retitling the terminal. Names
// are also escaped where a message quotes them (render.Escape), so one with
// a newline cannot pass for two lines.
func run(args []string, stdout, stderr io.Writer) int {
	out, msgs := render.NewTerminalWriter(stdout), render.NewMessageWriter(stderr)
	defer msgs.Flush()
	stderr = msgs
	g, rest, err := parseGlobal(args)
	if err == nil {
		if g, g.sources, err = loadSettings(g); err != nil {
			err = &exitError{2, "backend-tutor: " + err.Error()}
		}
	}
	if render.WantASCII(g.ascii, os.Getenv) {
		out.ASCII()
		msgs.ASCII()
	}
	if err == nil {
		g.note = func(s string) { fmt.Fprintln(msgs, "backend-tutor: note: "+s) }
		err = dispatch(g, rest, out, msgs)
	}
	out.Flush()
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(stderr, ee.msg)
		}
		return ee.code
	default:
		fmt.Fprintln(stderr, "backend-tutor:", err)
		return 1
	}
}

// globals are the flags every command accepts.
type globals struct {
	db         string
	content    []string // --content folders, in order (several may be given)
	profile    string   // "" means progress.DefaultProfile
	accessible bool     // --accessible: line mode
	ascii      bool     // --ascii: ASCII stand-ins for every glyph
	// reviewLimit is how many review questions a local day allows:
	// --review-limit, else review_limit from the config file, else the
	// default.
	reviewLimit    int
	reviewLimitSet bool    // --review-limit was given
	sources        sources // where each setting came from (config.go)
	labURL         string  // --lab-url: where the Labs screen checks the learner's server
	// note says what a command did not refuse but the learner should
	// know (a profile new beside others: scopeStore); nil says nothing.
	note func(string)
}

// parseGlobal takes --db, --content and --profile from anywhere on the
// line, so both "backend-tutor --db x list" and "backend-tutor list --db x"
// work.
func parseGlobal(args []string) (globals, []string, error) {
	var g globals
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if a == "--accessible" || a == "-accessible" {
			g.accessible = true
			continue
		}
		if a == "--ascii" || a == "-ascii" {
			g.ascii = true
			continue
		}
		if !strings.HasPrefix(a, "-") || (name != "db" && name != "content" && name != "profile" && name != "lab-url" && name != "review-limit") {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return g, nil, &exitError{2, fmt.Sprintf("flag --%s needs a value", name)}
			}
			i++
			value = args[i]
		}
		if value == "" && name != "profile" {
			// An empty path would silently mean the default file (or the
			// built-in guide): refuse it, the learner meant some path.
			return g, nil, &exitError{2, fmt.Sprintf("backend-tutor: --%s needs a non-empty path (leave the flag out for the default)", name)}
		}
		switch name {
		case "db":
			g.db = value
		case "content":
			g.content = append(g.content, value)
		case "lab-url":
			if _, err := labcheck.CheckURL(value, false); err != nil {
				return g, nil, &exitError{2, "backend-tutor: --lab-url: " + render.EscapeLines(err.Error())}
			}
			g.labURL = value
		case "review-limit":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 || n > 10_000 {
				return g, nil, &exitError{2, fmt.Sprintf("backend-tutor: --review-limit needs a number of questions from 0 to 10000, not %q", value)}
			}
			g.reviewLimit, g.reviewLimitSet = n, true
		default:
			if err := progress.CheckName("profile", value); err != nil {
				return g, nil, &exitError{2, fmt.Sprintf("--profile: %v (a name of 1 to 64 bytes, printable characters only)", err)}
			}
			g.profile = value
		}
	}
	return g, rest, nil
}

func dispatch(g globals, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return runTutor(g, tutorStart{}, stdout, stderr)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "list":
		return cmdList(g, rest, stdout, stderr)
	case "read":
		return cmdRead(g, rest, stdout, stderr)
	case "quiz":
		return cmdQuiz(g, rest, stdout, stderr)
	case "review":
		return cmdReview(g, rest, stdout, stderr)
	case "progress":
		return cmdProgress(g, rest, stdout, stderr)
	case "search":
		return cmdSearch(g, rest, stdout, stderr)
	case "validate":
		return cmdValidate(rest, stdout, stderr)
	case "doctor":
		return cmdDoctor(g, rest, stdout, stderr)
	case "reset":
		return cmdReset(g, rest, stdout, stderr)
	case "lab":
		return cmdLab(g, rest, stdout, stderr)
	case "pack":
		return cmdPack(rest, stdout, stderr)
	case "config":
		return cmdConfig(g, rest, stdout, stderr)
	case "export":
		return cmdExport(g, rest, stdout, stderr)
	case "import":
		return cmdImport(g, rest, stdout, stderr)
	case "report":
		return cmdReport(g, rest, stdout, stderr)
	case "version", "--version", "-v":
		fs := newOwnFlags("version", "version\n  prints version, commit, build date and platform; it has no flags", stderr)
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if err := noArgs(fs, stderr); err != nil {
			return err
		}
		printVersion(stdout)
		return nil
	case "help", "-h", "--help", "-help":
		if err := noMore(cmd, rest, stderr); err != nil {
			return err
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "backend-tutor: unknown command %q\n\n%s", cmd, usage)
	return errUsage
}

// newFlags makes a command's flag set with its own --help text.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: backend-tutor %s\n", synopsis)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "  --db PATH\n    \tprogress file\n  --content DIR\n    \tadd this pack to the built-in guide (again for more packs)\n  --profile NAME\n    \twhose progress to use (default: the one used, or \"default\"; needed when the file has several)")
	}
	return fs
}

// newOwnFlags is newFlags for a command that reads none of the global
// flags (validate, version): its --help lists only its own.
func newOwnFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := newFlags(name, synopsis, stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: backend-tutor %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// noMore refuses arguments after a command that takes none (`version x`).
func noMore(cmd string, rest []string, stderr io.Writer) error {
	if len(rest) == 0 {
		return nil
	}
	fmt.Fprintf(stderr, "backend-tutor %s: unexpected argument %q (it takes none; see `backend-tutor help`)\n", cmd, rest[0])
	return errUsage
}

// noArgs refuses arguments left after a command's flags (`list extra`): a
// usage error, not something to ignore, since the learner meant something.
func noArgs(fs *flag.FlagSet, stderr io.Writer) error {
	return noMore(fs.Name(), fs.Args(), stderr)
}

// parseFlags parses a command's flags; -h prints its usage and exits 0.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
