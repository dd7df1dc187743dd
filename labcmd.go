package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
	"backend-tutor/internal/labrun"
	"backend-tutor/internal/labsave"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// labClean is the one place lab output meets the sanitiser: everything
// `lab` prints (lab texts from a pack, and every byte a learner's server
// sent: status line, headers, body, its own output) goes through it, applied
// to the whole output just before it is written. Escaped, not dropped: a
// learner debugging their server must see that it sent \x1b[31m or \u202e.
// (--json output goes through render.EscapeJSON instead, which keeps it JSON.)
func labClean(s string) string { return render.EscapeLines(s) }

// labUsage is `backend-tutor lab`'s own help.
const labUsage = `Usage:
  backend-tutor lab list                        the labs and your status
  backend-tutor lab start LAB [DIR] [--lang python|node|go]
                                                a runnable starter with TODOs (never overwrites)
  backend-tutor lab serve [--port N] [--listen ADDR]
                                                the built-in sample notes API, to try with curl
  backend-tutor lab check LAB [flags]           check your server against a lab
      --url URL          where your server is (default http://127.0.0.1:PORT, the lab's port)
      --run "COMMAND"    start your server with COMMAND, check it, stop it
      --json             print the result as JSON
      --allow-remote     allow a server that is not on this machine
      --timeout D        time allowed for each request (default 5s)
      --wait D           with --run: time allowed for the server to start (default 10s)
  backend-tutor lab solution LAB [--lang python|go]
                                                the lab's reference solution, once you passed it
`

func cmdLab(g globals, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, "backend-tutor lab: name a lab command\n\n"+labUsage)
		return errUsage
	}
	switch args[0] {
	case "list":
		return cmdLabList(g, args[1:], stdout, stderr)
	case "check":
		return cmdLabCheck(g, args[1:], stdout, stderr)
	case "start":
		return cmdLabStart(g, args[1:], stdout, stderr)
	case "serve":
		return cmdLabServe(args[1:], stdout, stderr)
	case "solution":
		return cmdLabSolution(g, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, labUsage)
		return nil
	}
	fmt.Fprintf(stderr, "backend-tutor lab: unknown lab command %q\n\n%s", args[0], labUsage)
	return errUsage
}

func cmdLabList(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lab list", "lab list", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	recs, err := readLabRecords(g, course)
	if err != nil {
		return err
	}
	var b strings.Builder
	if len(course.Labs()) == 0 {
		b.WriteString("This course has no labs.\n")
	} else {
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tID\tTITLE\tAFTER CHAPTER\tSTATUS")
		for i, l := range course.Labs() {
			after := l.Chapter
			if n := course.Index(l.Chapter); n >= 0 {
				after = strconv.Itoa(n+1) + " " + l.Chapter
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, l.ID, oneLine(l.Title), after, labStatus(recs, l))
		}
		tw.Flush()
		b.WriteString("\nCheck one with: backend-tutor lab check ID --run \"COMMAND THAT STARTS YOUR SERVER\"\n")
	}
	_, err = io.WriteString(stdout, labClean(b.String()))
	return err
}

// labStatus is a lab's status for `lab list`.
func labStatus(recs map[string]progress.LabRecord, l *content.Lab) string {
	r, ok := recs[l.ID]
	return labsave.Status(r, ok)
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// labCheckFlags are `lab check`'s options.
type labCheckFlags struct {
	url, run      string
	asJSON        bool
	allowRemote   bool
	timeout, wait time.Duration
}

func cmdLabCheck(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lab check", `lab check LAB [--url URL] [--run "COMMAND"] [--json] [--allow-remote] [--timeout D] [--wait D]`, stderr)
	var f labCheckFlags
	fs.StringVar(&f.url, "url", "", "where your server is (default http://127.0.0.1:PORT, the lab's port)")
	fs.StringVar(&f.run, "run", "", "start your server with this shell command, check it, then stop it")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON")
	fs.BoolVar(&f.allowRemote, "allow-remote", false, "allow a server that is not on this machine (a lab VM or container)")
	fs.DurationVar(&f.timeout, "timeout", labcheck.DefaultTimeout, "time allowed for each request")
	fs.DurationVar(&f.wait, "wait", 10*time.Second, "with --run: time allowed for your server to start accepting connections")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor lab check: name one lab, by id or number (see `backend-tutor lab list`)")
		return errUsage
	}
	if f.timeout <= 0 || f.wait <= 0 {
		fmt.Fprintln(stderr, "backend-tutor lab check: --timeout and --wait must be more than zero")
		return errUsage
	}
	course, lab, err := loadLab(g, pos[0], stderr)
	if err != nil {
		return err
	}
	if err := checkOneProfile(g); err != nil {
		return err // before the check runs: it would not be saved
	}
	if f.url == "" {
		f.url = "http://127.0.0.1:" + strconv.Itoa(lab.Port)
	}
	base, err := labcheck.CheckURL(f.url, f.allowRemote)
	if err != nil {
		fmt.Fprintln(stderr, labClean("backend-tutor lab check: "+err.Error()))
		return errUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := labcheck.Options{BaseURL: base.String(), AllowRemote: f.allowRemote, Timeout: f.timeout}
	var srv *labrun.Server
	var marks []int
	var notReady string
	if f.run != "" {
		srv, err = labrun.Start(f.run, "", hostPort(base), elsewhere(base)...)
		if err != nil {
			return &exitError{1, labClean("backend-tutor lab check: " + err.Error())}
		}
		defer srv.Stop()
		if err := srv.WaitReady(ctx, f.wait); err != nil {
			var exited *labrun.ExitedError
			if errors.As(err, &exited) {
				return &exitError{1, labClean(exitedMessage(exited.Error(), exited.Last))}
			}
			// Not ready in time: check anyway, so the learner gets the
			// diagnosis (listening on ::1 only, on another port...).
			notReady = err.Error()
		}
		marks = make([]int, len(lab.Steps))
		opts.BeforeStep = func(i int) { marks[i] = srv.Mark() }
		opts.Restart = func(ctx context.Context) error { return srv.Restart(ctx, f.wait) }
	}
	res := labcheck.Check(ctx, lab, opts)
	var serverOut []string
	serverExit := ""
	if srv != nil {
		status, exited := srv.Exited()
		if f, ok := res.Failed(); ok && !exited && (f.Trouble == labcheck.TroubleReset || f.Trouble == labcheck.TroubleRefused || f.Trouble == labcheck.TroubleNotHTTP) {
			// The connection dropped: did the server crash? Give it a
			// moment to be reaped before saying it is still running.
			status, exited = srv.WaitExit(time.Second)
		}
		srv.Stop() // its output is complete once it has stopped
		if failed, ok := res.Failed(); ok {
			serverOut = srv.Since(marks[failed.Number-1])
			if exited {
				serverExit = status
				serverOut = srv.Last(15)
			}
		}
	}
	if err := saveLabCheck(g, course, lab, res, time.Now()); err != nil {
		fmt.Fprintln(stderr, "backend-tutor: the check was not saved:", err)
	}
	var out string
	if f.asJSON {
		out = jsonOut(g, labJSON(res, notReady, serverExit, serverOut))
	} else {
		out = labClean(labsave.Report(course, lab, res, f.run != "", notReady, serverExit, serverOut))
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		return err
	}
	if !res.Passed() {
		return &exitError{1, ""}
	}
	return nil
}

// loadLab loads the course and finds a lab in it by id or number.
func loadLab(g globals, arg string, stderr io.Writer) (*content.Course, *content.Lab, error) {
	course, err := loadCourse(g, stderr)
	if err != nil {
		return nil, nil, err
	}
	lab, err := findLab(course, arg)
	return course, lab, err
}

// findLab accepts a lab id or its 1-based number.
func findLab(c *content.Course, arg string) (*content.Lab, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > len(c.Labs()) {
			return nil, &exitError{1, fmt.Sprintf("backend-tutor: there is no lab %d (labs are numbered 1 to %d)", n, len(c.Labs()))}
		}
		return c.Labs()[n-1], nil
	}
	if l, ok := c.Lab(arg); ok {
		return l, nil
	}
	return nil, &exitError{1, labClean(fmt.Sprintf("backend-tutor: no lab has the id %q (see `backend-tutor lab list`)", arg))}
}

func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// elsewhere are where a learner's server may listen by mistake: the other
// loopback address on the same port, and the common ports.
func elsewhere(u *url.URL) []string {
	host, port := hostPort(u), u.Port()
	h, _, _ := net.SplitHostPort(host)
	var out []string
	switch h {
	case "127.0.0.1":
		out = append(out, net.JoinHostPort("::1", port))
	case "::1":
		out = append(out, net.JoinHostPort("127.0.0.1", port))
	}
	for _, p := range labcheck.CommonPorts {
		out = append(out, net.JoinHostPort(h, strconv.Itoa(p)))
	}
	return out
}

func exitedMessage(msg string, last []string) string {
	var b strings.Builder
	b.WriteString("backend-tutor lab check: " + msg + ".\n")
	if len(last) == 0 {
		b.WriteString("It printed nothing.\n")
	} else {
		b.WriteString("Its last lines of output:\n")
		for _, l := range last {
			b.WriteString("  | " + l + "\n")
		}
	}
	b.WriteString("Run the command yourself to see the whole error, fix it, then check again.")
	return b.String()
}

// labCheckJSON is `lab check --json`, for instructors' scripts. Add fields;
// never rename or remove one.
type labCheckJSON struct {
	Lab          string                `json:"lab"`
	URL          string                `json:"url"`
	Passed       bool                  `json:"passed"`
	StepsPassed  int                   `json:"steps_passed"`
	Steps        int                   `json:"steps"`
	Results      []labcheck.StepResult `json:"results"`
	NotReady     string                `json:"not_ready,omitempty"`
	ServerExit   string                `json:"server_exit,omitempty"`
	ServerOutput []string              `json:"server_output,omitempty"` // during the failing step
}

func labJSON(res labcheck.Result, notReady, serverExit string, serverOut []string) string {
	rep := labCheckJSON{Lab: res.Lab, URL: res.URL, Passed: res.Passed(), StepsPassed: res.PassedSteps(), Steps: res.Total,
		Results: res.Steps, NotReady: notReady, ServerExit: serverExit, ServerOutput: serverOut}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Sprintf("{\"error\": %q}\n", err.Error())
	}
	return string(b) + "\n"
}
