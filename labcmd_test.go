package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// helloServer passes the hello-server lab, or, with broken, answers 200
// where 404 is expected.
func helloServer(broken bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/health":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"status": "ok"}`)
		case "/":
			fmt.Fprint(w, "hi")
		default:
			if !broken {
				w.WriteHeader(404)
			}
			fmt.Fprint(w, "this page\tdoes not exist\n")
		}
	}))
}

func freeLoopbackPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func TestLabCommands(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // "not started": no checks saved yet
	good, bad := helloServer(false), helloServer(true)
	defer good.Close()
	defer bad.Close()
	cases := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"lab", "list"}, 0, "1  hello-server    Your first server               6 servers-frameworks    not started", ""},
		{[]string{"lab", "list", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"lab"}, 2, "", "name a lab command"},
		{[]string{"lab", "frob"}, 2, "", `unknown lab command "frob"`},
		{[]string{"lab", "check"}, 2, "", "name one lab"},
		{[]string{"lab", "check", "hello-server", "notes-api"}, 2, "", "name one lab"},
		{[]string{"lab", "check", "hello-server", "--nope"}, 2, "", "flag provided but not defined"},
		{[]string{"lab", "check", "nope"}, 1, "", `no lab has the id "nope"`},
		{[]string{"lab", "check", "9"}, 1, "", "there is no lab 9"},
		{[]string{"lab", "check", "1", "--url", "http://example.com"}, 2, "", "--allow-remote"},
		{[]string{"lab", "check", "1", "--url", "localhost:8000"}, 2, "", "is not a server address"},
		{[]string{"lab", "check", "1", "--timeout", "0s"}, 2, "", "more than zero"},
		{[]string{"lab", "check", "hello-server", "--url", good.URL}, 0, "✓ 3. GET /no-such-page answers 404\n\nAll 3 steps passed", ""},
		{[]string{"lab", "check", "--url", bad.URL, "1"}, 1, "✓ 2. GET / answers 200\n✗ 3. GET /no-such-page answers 404\n\n   Your server answered 200 OK where the lab expects 404 Not Found.", ""},
		{[]string{"lab", "check", "1", "--url", "http://127.0.0.1:" + freeLoopbackPort(t)}, 1, "Start your server first", ""},
	}
	for _, tc := range cases {
		code, out, errOut := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.errOut) {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, stdout with %q, stderr with %q", tc.args, code, out, errOut, tc.code, tc.out, tc.errOut)
		}
	}
}

func TestLabCheckReportShowsTheExchange(t *testing.T) {
	bad := helloServer(true)
	defer bad.Close()
	_, out, _ := runCLI(t, "lab", "check", "hello-server", "--url", bad.URL)
	for _, want := range []string{
		"Sent:      curl -i " + bad.URL + "/no-such-page",
		"Got back:  HTTP/1.1 200 OK",
		"Content-Type: text/plain; charset=utf-8",
		"│ this page    does not exist", // the tab through the sanitiser
		"Expected:  404 Not Found",
		"Actual:    200 OK",
		"Hint: A path your server does not serve is 404 Not Found",
		`Learn: chapter 3, "HTTP essentials`,
		`section "Status codes: the server's one-number summary" (backend-tutor read http-essentials)`,
		"2 of 3 steps passed. Fix step 3, then check again.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	code, js, _ := runCLI(t, "lab", "check", "hello-server", "--url", bad.URL, "--json")
	var rep struct {
		Passed      bool `json:"passed"`
		StepsPassed int  `json:"steps_passed"`
		Results     []struct {
			Name, Expected, Actual, Curl string
			Passed                       bool
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil || code != 1 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, js)
	}
	// The documented fields are there for every step, even when empty.
	var raw struct{ Results []map[string]any }
	json.Unmarshal([]byte(js), &raw)
	for _, k := range []string{"name", "passed", "expected", "actual", "curl"} {
		if _, ok := raw.Results[0][k]; !ok {
			t.Errorf("--json: a step has no %q", k)
		}
	}
	last := rep.Results[len(rep.Results)-1]
	if rep.Passed || rep.StepsPassed != 2 || last.Passed || last.Expected != "404 Not Found" || last.Actual != "200 OK" || !strings.HasPrefix(last.Curl, "curl -i ") {
		t.Errorf("--json = %+v", rep)
	}
}

// Every byte from the learner's server is hostile: escape sequences in its
// status line and body, and bidi overrides, never reach the terminal, in
// text or in JSON.
func TestLabCheckSanitisesTheServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	body := "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202eevil\u009b31m\x7f\n"
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				http.ReadRequest(bufio.NewReader(c))
				fmt.Fprintf(c, "HTTP/1.1 200 OK\x1b]0;pwned\x07\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			}()
		}
	}()
	url := "http://" + l.Addr().String()
	for _, args := range [][]string{{"lab", "check", "1", "--url", url}, {"lab", "check", "1", "--url", url, "--json"}} {
		code, out, _ := runCLI(t, args...)
		if code != 1 || !strings.Contains(out, "evil") {
			t.Fatalf("%v: exit %d\n%s", args, code, out)
		}
		if i := strings.IndexAny(out, "\x1b\x07\x7f\u202e\u009b"); i >= 0 {
			t.Errorf("%v: a control character reached the output at %d: %q", args, i, out[max(0, i-20):min(len(out), i+20)])
		}
	}
}

func TestLabCheckRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("--run is Unix-only")
	}
	port := freeLoopbackPort(t)
	url := "http://127.0.0.1:" + port

	code, _, errOut := runCLI(t, "lab", "check", "1", "--url", url, "--run", "echo 'Listening...'; echo oops >&2; exit 3")
	if code != 1 || !strings.Contains(errOut, "your server exited (exit status 3) before it accepted a connection") ||
		!strings.Contains(errOut, "  | Listening...\n  | oops\n") {
		t.Errorf("early exit: %d\n%s", code, errOut)
	}

	taken := helloServer(false)
	defer taken.Close()
	code, _, errOut = runCLI(t, "lab", "check", "1", "--url", taken.URL, "--run", "exit 0")
	if code != 1 || !strings.Contains(errOut, "is already taken by another program") {
		t.Errorf("port taken: %d\n%s", code, errOut)
	}

	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed (.ci/run installs it)")
	}
	ref := "python3 internal/labsolutions/python/"
	code, out, errOut := runCLI(t, "lab", "check", "notes-api", "--url", url, "--run", ref+"notes_api.py")
	if code != 0 || !strings.Contains(out, "All 9 steps passed") {
		t.Errorf("reference: %d\n%s\n%s", code, out, errOut)
	}
	// A server that dies in the middle of step 2: its exit status and its
	// last lines are shown beside the step.
	crash := filepath.Join(t.TempDir(), "crash.py")
	os.WriteFile(crash, []byte(`import os, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.send_response(200); self.send_header("Content-Type", "application/json"); self.end_headers()
            self.wfile.write(b'{"status": "ok"}'); return
        print("Traceback: KeyError: 'home'", file=sys.stderr, flush=True)
        os._exit(4)
HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
`), 0o644)
	code, out, _ = runCLI(t, "lab", "check", "hello-server", "--url", url, "--run", "exec python3 "+crash)
	if code != 1 || !strings.Contains(out, "✓ 1. ") || !strings.Contains(out, "Your server exited during this step (exit status 4). Its last lines of output:") ||
		!strings.Contains(out, "| Traceback: KeyError: 'home'") {
		t.Errorf("server crash: %d\n%s", code, out)
	}

	// The hello-server reference fails notes-api at step 1, and its own
	// log line of that request is shown beside the step.
	code, out, _ = runCLI(t, "lab", "check", "notes-api", "--url", url, "--run", ref+"hello_server.py")
	if code != 1 || !strings.Contains(out, "Your server's output during this step:\n     | ") || !strings.Contains(out, `"POST /notes HTTP/1.1" 501`) {
		t.Errorf("server output beside the step: %d\n%s", code, out)
	}
}

// A step with restart: true restarts the server --run started, between
// steps (the persistence labs' "notes survive a restart").
func TestLabCheckRestartsTheServer(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("--run is Unix-only")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed (.ci/run installs it)")
	}
	pack := t.TempDir()
	os.MkdirAll(filepath.Join(pack, "labs"), 0o755)
	os.WriteFile(filepath.Join(pack, "a.md"), []byte("---\nid: a\ntitle: A\nsummary: S\norder: 1\n---\n\n# A\n\nText.\n"), 0o644)
	os.WriteFile(filepath.Join(pack, "labs", "r.yaml"), []byte("id: r\ntitle: R\nchapter: a\norder: 1\nbrief: b\nsteps:\n"+
		"  - {name: before, request: {method: GET, path: /health}, expect: {status: 200}}\n"+
		"  - {name: after a restart, restart: true, request: {method: GET, path: /health}, expect: {status: 200}}\n"), 0o644)
	url := "http://127.0.0.1:" + freeLoopbackPort(t)
	ref, _ := filepath.Abs("internal/labsolutions/python/hello_server.py")
	code, out, errOut := runCLI(t, "--content", pack, "lab", "check", "r", "--url", url, "--run", "exec python3 "+ref)
	if code != 0 || !strings.Contains(out, "✓ 2. after a restart") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	own := helloServer(false)
	defer own.Close()
	code, out, _ = runCLI(t, "--content", pack, "lab", "check", "r", "--url", own.URL)
	if code != 1 || !strings.Contains(out, "only a server the checker started can be restarted") {
		t.Errorf("without --run: exit %d\n%s", code, out)
	}
}
