//go:build unix

package labcheck

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/labrun"
)

// Every built-in lab has reference solutions in Python and Go here, in the
// test data (learners never get them from the binary). The tests prove each
// lab can be passed, and that a server broken on purpose fails at the
// expected step with the expected explanation.

func guideLab(t *testing.T, id string) *content.Lab {
	t.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	lab, ok := c.Lab(id)
	if !ok {
		t.Fatalf("no lab %s", id)
	}
	return lab
}

// reference is the command that runs a lab's reference solution.
type reference struct {
	lang    string
	command func(t *testing.T) string
}

var goBuilds sync.Map // lab id -> path of the built binary

func references(lab string) []reference {
	py := strings.ReplaceAll(lab, "-", "_") + ".py"
	return []reference{
		{"go", func(t *testing.T) string {
			if p, ok := goBuilds.Load(lab); ok {
				return strconv.Quote(p.(string))
			}
			out := filepath.Join(os.TempDir(), "backend-tutor-ref-"+lab+"-"+strconv.Itoa(os.Getpid()))
			cmd := exec.Command(goTool(), "build", "-o", out, "./testdata/go/"+lab)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("building the Go reference of %s: %v\n%s", lab, err, b)
			}
			goBuilds.Store(lab, out)
			return strconv.Quote(out)
		}},
		{"python", func(t *testing.T) string {
			if _, err := exec.LookPath("python3"); err != nil {
				t.Skip("python3 is not installed (.ci/run installs it)")
			}
			abs, _ := filepath.Abs(filepath.Join("testdata", "python", py))
			return "exec python3 " + strconv.Quote(abs)
		}},
	}
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

func TestMain(m *testing.M) {
	code := m.Run()
	goBuilds.Range(func(_, p any) bool { os.Remove(p.(string)); return true })
	os.Exit(code)
}

// startReference starts a reference on a free port and returns its URL.
func startReference(t *testing.T, command string) (string, *labrun.Server) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s, err := labrun.Start(command, "", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	if err := s.WaitReady(context.Background(), 30*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(s.Last(20), "\n"))
	}
	return "http://" + addr, s
}

func TestReferencesPass(t *testing.T) {
	for _, id := range []string{"hello-server", "notes-api"} {
		lab := guideLab(t, id)
		for _, ref := range references(id) {
			t.Run(id+"/"+ref.lang, func(t *testing.T) {
				url, srv := startReference(t, ref.command(t))
				res := Check(context.Background(), lab, Options{BaseURL: url})
				if !res.Passed() {
					f, _ := res.Failed()
					t.Fatalf("step %d %q failed: %s\nexpected %s\nactual %s\n%s\n%s\n%s\nserver:\n%s", f.Number, f.Name, f.Reason,
						f.Expected, f.Actual, f.Curl, f.Status, f.Body, strings.Join(srv.Last(20), "\n"))
				}
			})
		}
	}
}

// breakage is one deliberate mistake, made by a proxy in front of the
// reference: it rewrites the responses of requests it matches.
type breakage struct {
	lab, name string
	match     func(*http.Request) bool
	rewrite   func(*http.Response)
	step      int    // the step that must fail
	reason    string // the start of its explanation
	trouble   Trouble
}

var breakages = []breakage{
	{lab: "hello-server", name: "health as text",
		match:   path("GET", "/health"),
		rewrite: func(r *http.Response) { r.Header.Set("Content-Type", "text/plain") },
		step:    1, reason: `the Content-Type header is "text/plain", and it should start with "application/json"`},
	{lab: "hello-server", name: "health not ok",
		match:   path("GET", "/health"),
		rewrite: setBody(`{"status": "OK"}`),
		step:    1, reason: `"status" is "OK" where the lab expects "ok"`},
	{lab: "hello-server", name: "every page 200",
		match:   path("GET", "/no-such-page"),
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 200, "200 OK" },
		step:    3, reason: "your server answered 200 OK where the lab expects 404 Not Found"},
	{lab: "notes-api", name: "created as 200",
		match:   path("POST", "/notes"),
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 200, "200 OK" },
		step:    1, reason: "your server answered 200 OK where the lab expects 201 Created"},
	{lab: "notes-api", name: "no Location",
		match:   path("POST", "/notes"),
		rewrite: func(r *http.Response) { r.Header.Del("Location") },
		step:    1, reason: "the response has no Location header"},
	{lab: "notes-api", name: "list as an object",
		match: path("GET", "/notes"),
		rewrite: func(r *http.Response) {
			b, _ := io.ReadAll(r.Body)
			setBody(`{"notes": ` + string(b) + `}`)(r)
		},
		step: 3, reason: `the body is an object, where the lab expects a list`},
	{lab: "notes-api", name: "delete answers 200",
		match:   func(r *http.Request) bool { return r.Method == "DELETE" },
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 200, "200 OK" },
		step:    4, reason: "your server answered 200 OK where the lab expects 204 No Content"},
	{lab: "notes-api", name: "bad JSON is 500",
		match: func(r *http.Request) bool {
			return r.Method == "POST" && r.Header.Get("X-Test-Body") == `{"text": "unfinished`
		},
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 500, "500 Internal Server Error" },
		step:    6, reason: "your server answered 500 Internal Server Error where the lab expects 400 Bad Request"},
	{lab: "notes-api", name: "no text is 400",
		match: func(r *http.Request) bool {
			return r.Method == "POST" && strings.Contains(r.Header.Get("X-Test-Body"), "title")
		},
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 400, "400 Bad Request" },
		step:    7, reason: "your server answered 400 Bad Request where the lab expects 422 Unprocessable Entity"},
	{lab: "notes-api", name: "no Allow",
		match:   path("PUT", "/notes"),
		rewrite: func(r *http.Response) { r.Header.Del("Allow") },
		step:    9, reason: "the response has no Allow header"},
	{lab: "notes-api", name: "server crashes on create",
		match:   path("POST", "/notes"),
		rewrite: nil, // the proxy drops the connection
		step:    1, reason: "your server closed the connection without sending a whole answer", trouble: TroubleReset},
}

func path(method, p string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == method && r.URL.Path == p }
}

func setBody(s string) func(*http.Response) {
	return func(r *http.Response) {
		r.Body = io.NopCloser(strings.NewReader(s))
		r.ContentLength = int64(len(s))
		r.Header.Set("Content-Length", strconv.Itoa(len(s)))
	}
}

// breakingProxy serves the reference at target, with b's mistake.
func breakingProxy(t *testing.T, target string, b breakage) string {
	u, _ := url.Parse(target)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = func(r *http.Response) error {
		if b.match(r.Request) && b.rewrite != nil {
			b.rewrite(r)
		}
		return nil
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.Header.Set("X-Test-Body", string(body))
		if b.rewrite == nil && b.match(r) {
			panic(http.ErrAbortHandler) // close the connection without an answer
		}
		rp.ServeHTTP(w, r)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the aborted handler's message
	rp.ErrorLog = srv.Config.ErrorLog
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestBrokenServersFailWhereExpected(t *testing.T) {
	started := map[string]string{} // one reference per lab, for all its breakages
	for _, b := range breakages {
		if started[b.lab] == "" {
			started[b.lab], _ = startReference(t, references(b.lab)[0].command(t))
		}
		t.Run(b.lab+"/"+b.name, func(t *testing.T) {
			url := breakingProxy(t, started[b.lab], b)
			res := Check(context.Background(), guideLab(t, b.lab), Options{BaseURL: url})
			f := failedStep(t, res)
			if f.Number != b.step || !strings.HasPrefix(f.Reason, b.reason) || f.Trouble != b.trouble {
				t.Errorf("failed at step %d (%s): %q\nwant step %d: %q", f.Number, f.Trouble, f.Reason, b.step, b.reason)
			}
			if f.Hint.Text == "" || f.Curl == "" {
				t.Errorf("no hint or curl: %+v", f)
			}
		})
	}
}
