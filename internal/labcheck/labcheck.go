// Package labcheck checks a learner's HTTP server against a lab: it sends
// each step's request with net/http, in order, compares the response with
// the step's expectations, and explains the first failure in plain words,
// with what was sent as a curl command and what came back. It knows nothing
// of terminals: every string in a Result that came from the learner's
// server is raw and hostile, and the caller must pass it through the one
// sanitiser before showing it.
package labcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"backend-tutor/content"
)

// MaxBody is the most of a response body the checker reads. A bigger body
// is cut there (the rest is never read) and the step fails.
const MaxBody = 1 << 20

// DefaultTimeout bounds each request: connecting, sending, and reading the
// whole response.
const DefaultTimeout = 5 * time.Second

// maxHeaderBytes bounds a response's headers (net/http's default is 1 MiB).
const maxHeaderBytes = 64 << 10

// Options say where the server is and how to treat it.
type Options struct {
	// BaseURL is the server, such as http://127.0.0.1:8000 (the default,
	// with the lab's port).
	BaseURL string
	// AllowRemote permits a server that is not on this machine. Without it
	// only loopback addresses are dialled, whatever a name resolves to.
	AllowRemote bool
	// Timeout bounds each request; DefaultTimeout when zero.
	Timeout time.Duration
	// Restart restarts the learner's server, for steps with restart: true;
	// nil when the checker did not start the server.
	Restart func(ctx context.Context) error
	// BeforeStep is called before each step runs, with its index (the
	// command line marks the server's output there).
	BeforeStep func(i int)
	// ProbePorts are the ports tried when nothing listens on the server's
	// port, to tell the learner where their server is; nil means
	// CommonPorts.
	ProbePorts []int
}

// CommonPorts are the ports beginners' servers usually listen on.
var CommonPorts = []int{8000, 8080, 3000, 5000, 8888, 4000, 8001, 8081, 5173}

// Result is a whole check.
type Result struct {
	Lab   string       `json:"lab"`
	URL   string       `json:"url"`
	Steps []StepResult `json:"steps"` // the steps run: every one passed, or the last one failed
	Total int          `json:"total"` // steps in the lab
	// Sample is true when the server was the built-in sample (lab serve),
	// which marks its responses: such a check shows how a lab works but
	// is nobody's pass.
	Sample bool `json:"sample,omitempty"`
}

// SampleServer is the Server header of the built-in sample server
// (internal/labserve.ServerHeader; repeated here so the checker does not
// import the server).
const SampleServer = "backend-tutor-sample"

// Passed is true when every step of the lab passed.
func (r Result) Passed() bool { return r.PassedSteps() == r.Total }

// PassedSteps counts the steps that passed.
func (r Result) PassedSteps() int {
	n := 0
	for _, s := range r.Steps {
		if s.Passed {
			n++
		}
	}
	return n
}

// Failed is the failing step, if there is one.
func (r Result) Failed() (StepResult, bool) {
	if n := len(r.Steps); n > 0 && !r.Steps[n-1].Passed {
		return r.Steps[n-1], true
	}
	return StepResult{}, false
}

// StepResult is one step: what was sent, what came back, and for a
// failure, what was wrong and where to learn about it.
type StepResult struct {
	Number   int           `json:"number"` // 1-based
	Name     string        `json:"name"`
	Passed   bool          `json:"passed"`
	Curl     string        `json:"curl"`              // what was sent, as a command to run again
	Status   string        `json:"status,omitempty"`  // "HTTP/1.1 201 Created"
	Headers  []Header      `json:"headers,omitempty"` // the ones that matter to this step
	Body     string        `json:"body,omitempty"`    // the start of the body, a few lines
	BodyCut  bool          `json:"body_cut,omitempty"`
	Expected string        `json:"expected"` // "" when the step passed or the trouble was reaching the server
	Actual   string        `json:"actual"`
	Reason   string        `json:"reason,omitempty"` // what went wrong, in plain words
	Hint     Hint          `json:"hint"`
	Trouble  Trouble       `json:"trouble,omitempty"` // set when the trouble was reaching the server
	Took     time.Duration `json:"took_ns"`
}

// Header is one response header.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Hint says what to do and where the course teaches it.
type Hint struct {
	Text    string `json:"text,omitempty"`
	Chapter string `json:"chapter,omitempty"`
	Section string `json:"section,omitempty"`
}

// CheckURL parses a server address and refuses what the checker must not
// reach: anything but http(s), and without allowRemote a host that is not
// this machine.
func CheckURL(raw string, allowRemote bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("%q is not a server address: write it like http://127.0.0.1:8000", raw)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: give only the server's address, such as http://127.0.0.1:8000, without a path", raw)
	}
	u.Path = ""
	if !allowRemote && !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("%s is not on this machine: the checker only talks to 127.0.0.1, ::1 or localhost unless you add --allow-remote (for a lab VM or container)", u.Host)
	}
	return u, nil
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// errNotLoopback is what the dialler returns for an address that is not
// this machine's (a name that resolves elsewhere).
var errNotLoopback = errors.New("not a loopback address")

// Check runs the lab's steps in order against the server and stops at the
// first that fails. It never panics on what a server sends, and each
// request ends within the timeout or when ctx is cancelled.
func Check(ctx context.Context, lab *content.Lab, opts Options) Result {
	if opts.BaseURL == "" {
		opts.BaseURL = "http://127.0.0.1:" + strconv.Itoa(lab.Port)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ProbePorts == nil {
		opts.ProbePorts = CommonPorts
	}
	res := Result{Lab: lab.ID, URL: opts.BaseURL, Total: len(lab.Steps)}
	base, err := CheckURL(opts.BaseURL, opts.AllowRemote)
	if err != nil {
		res.Steps = append(res.Steps, StepResult{Number: 1, Name: stepName(lab, 0), Reason: err.Error(), Trouble: TroubleRemote})
		return res
	}
	r := &runner{ctx: ctx, base: base, opts: opts, vars: map[string]captured{}}
	r.transport = &http.Transport{
		Proxy:                  nil, // never through a proxy: this is the learner's own machine
		DialContext:            r.dial,
		MaxResponseHeaderBytes: maxHeaderBytes,
		ForceAttemptHTTP2:      false,
		MaxIdleConnsPerHost:    4,
	}
	defer r.transport.CloseIdleConnections()
	for i, st := range lab.Steps {
		if opts.BeforeStep != nil {
			opts.BeforeStep(i)
		}
		sr := r.step(i, st)
		res.Steps = append(res.Steps, sr)
		res.Sample = res.Sample || r.sawSample
		if !sr.Passed {
			break
		}
	}
	return res
}

func stepName(lab *content.Lab, i int) string {
	if i < len(lab.Steps) {
		return lab.Steps[i].Name
	}
	return ""
}

type runner struct {
	ctx       context.Context
	base      *url.URL
	opts      Options
	transport *http.Transport
	vars      map[string]captured
	sawSample bool
}

// captured is a value taken from a response: its text, and its JSON when
// it came from a JSON body (so a whole-placeholder JSON value keeps its type).
type captured struct {
	text string
	json string
}

func (r *runner) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: r.opts.Timeout}
	if !r.opts.AllowRemote {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, _ := net.SplitHostPort(address)
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("%s: %w", address, errNotLoopback)
			}
			return nil
		}
	}
	return d.DialContext(ctx, network, addr)
}

func (r *runner) step(i int, st content.LabStep) (sr StepResult) {
	sr = StepResult{Number: i + 1, Name: st.Name, Hint: Hint{Text: st.Hint.Text, Chapter: st.Hint.Chapter, Section: st.Hint.Section}}
	start := time.Now()
	defer func() { sr.Took = time.Since(start) }()

	if st.Restart {
		if r.opts.Restart == nil {
			sr.Reason = "this step restarts your server, and only a server the checker started can be restarted"
			sr.Hint = Hint{Text: `Let the checker start your server: add --run "COMMAND" (the command that starts it).`}
			sr.Trouble = TroubleRestart
			return sr
		}
		r.transport.CloseIdleConnections()
		if err := r.opts.Restart(r.ctx); err != nil {
			sr.Reason = "restarting your server failed: " + err.Error()
			sr.Trouble = TroubleRestart
			return sr
		}
	}

	req, curl, problem := r.request(st.Request)
	sr.Curl = curl
	if problem != "" {
		sr.Reason = problem
		return sr
	}
	client := &http.Client{Transport: r.transport, Timeout: r.opts.Timeout, CheckRedirect: r.redirectPolicy(st.Request.FollowRedirects)}
	resp, err := client.Do(req)
	if err != nil {
		r.explain(&sr, err)
		return sr
	}
	body, tooBig, err := readCapped(resp.Body)
	resp.Body.Close()
	sr.Status = resp.Proto + " " + resp.Status
	r.sawSample = r.sawSample || resp.Header.Get("Server") == SampleServer
	sr.Headers = relevantHeaders(resp.Header, st.Expect)
	sr.Body, sr.BodyCut = cutBody(body)
	if err != nil {
		r.explain(&sr, err)
		return sr
	}
	if tooBig {
		sr.Trouble = TroubleTooBig
		sr.Reason = fmt.Sprintf("the body is larger than %d MiB, so the checker read only the start of it", MaxBody>>20)
		sr.Expected, sr.Actual = fmt.Sprintf("a body under %d MiB", MaxBody>>20), "more than that (the rest was not read)"
		sr.Hint.Text = "A response this big is almost always a mistake: a loop that keeps writing, or a whole file sent by accident."
		return sr
	}
	if f := r.evaluate(st, resp, body); f != nil {
		sr.Expected, sr.Actual, sr.Reason = f.expected, f.actual, f.reason
		return sr
	}
	sr.Passed = true
	return sr
}

// redirectPolicy follows redirects only when the step asks, and only on the
// server's own host.
func (r *runner) redirectPolicy(follow bool) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if !follow || len(via) >= 5 || !strings.EqualFold(req.URL.Host, r.base.Host) {
			return http.ErrUseLastResponse
		}
		return nil
	}
}

// readCapped reads at most MaxBody bytes; tooBig says there was more.
func readCapped(rc io.Reader) (body []byte, tooBig bool, err error) {
	body, err = io.ReadAll(io.LimitReader(rc, MaxBody+1))
	if len(body) > MaxBody {
		return body[:MaxBody], true, nil
	}
	return body, false, err
}

// Body excerpts are cut to this many lines and bytes: enough to see what
// came back without flooding the terminal.
const (
	bodyLines = 12
	bodyBytes = 1200
)

func cutBody(b []byte) (string, bool) {
	s, cut := Cut(string(b[:min(len(b), bodyBytes+1)]), bodyBytes) // one byte past: Cut looks at it
	if lines := strings.SplitAfter(s, "\n"); len(lines) > bodyLines {
		s, cut = strings.Join(lines[:bodyLines], ""), true
	}
	return s, cut
}

// relevantHeaders are the headers worth showing: the ones every lesson
// talks about, and the ones this step checks.
func relevantHeaders(h http.Header, e content.LabExpect) []Header {
	names := []string{"Content-Type", "Content-Length", "Location", "Allow", "Set-Cookie", "Cache-Control", "ETag", "Retry-After"}
	for _, x := range e.Headers {
		names = append(names, x.Name)
	}
	var out []Header
	seen := map[string]bool{}
	for _, n := range names {
		k := http.CanonicalHeaderKey(n)
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, v := range h.Values(k) {
			out = append(out, Header{Name: k, Value: v})
		}
	}
	return out
}
