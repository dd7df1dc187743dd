//go:build unix

package labcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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

// Every built-in lab has reference solutions in Python and Go, in
// internal/labsolutions (embedded in the binary, shown by `lab solution`
// only after the learner passed the lab). The tests prove each
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

// The Go references are built once per test binary, all with one go build
// (one toolchain start, links in parallel): measured here, 3.3 s of CPU
// against 4.1-4.6 s for seven builds one by one, with a warm build cache.
var (
	goBuildOnce sync.Once
	goBuildDir  string
	goBuildErr  error
)

func goReference(t *testing.T, lab string) string {
	goBuildOnce.Do(func() {
		goBuildDir, goBuildErr = os.MkdirTemp("", "backend-tutor-refs-")
		if goBuildErr != nil {
			return
		}
		cmd := exec.Command(goTool(), "build", "-o", goBuildDir+string(filepath.Separator), "backend-tutor/internal/labsolutions/go/...")
		if b, err := cmd.CombinedOutput(); err != nil {
			goBuildErr = fmt.Errorf("%v\n%s", err, b)
		}
	})
	if goBuildErr != nil {
		t.Fatalf("building the Go references: %v", goBuildErr)
	}
	return strconv.Quote(filepath.Join(goBuildDir, lab))
}

func references(lab string) []reference {
	py := strings.ReplaceAll(lab, "-", "_") + ".py"
	return []reference{
		{"go", func(t *testing.T) string { return goReference(t, lab) }},
		{"python", func(t *testing.T) string {
			if _, err := exec.LookPath("python3"); err != nil {
				t.Skip("python3 is not installed (.ci/run installs it)")
			}
			abs, _ := filepath.Abs(filepath.Join("..", "labsolutions", "python", py))
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
	if goBuildDir != "" {
		os.RemoveAll(goBuildDir)
	}
	os.Exit(code)
}

// guideLabs are the built-in labs, in course order. Each must have
// references here (a lab without them fails TestReferencesPass), starters
// (content.TestEmbeddedStarters) and breakages below
// (TestEveryLabHasBreakages): a lab that cannot be passed never lands.
func guideLabs(t *testing.T) []string {
	t.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range c.Labs() {
		ids = append(ids, l.ID)
	}
	return ids
}

func TestEveryLabHasBreakages(t *testing.T) {
	for _, id := range guideLabs(t) {
		n := 0
		for _, b := range breakages {
			if b.lab == id {
				n++
			}
		}
		if n < 2 {
			t.Errorf("lab %s has %d breakages; give it at least two mistakes a learner makes", id, n)
		}
	}
}

// startReference starts a reference on a free port, in a folder of its own
// (where it keeps its data, for notes-persist), and returns its URL and
// that folder.
func startReference(t *testing.T, command string) (string, *labrun.Server, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dir := t.TempDir()
	s, err := labrun.Start(command, dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	if err := s.WaitReady(context.Background(), 30*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(s.Last(20), "\n"))
	}
	return "http://" + addr, s, dir
}

// restarter restarts a reference for steps with restart: true, as lab
// check --run does; before (when set) runs first, on the server's folder.
func restarter(srv *labrun.Server, before func()) func(context.Context) error {
	return func(ctx context.Context) error {
		if before != nil {
			srv.Stop()
			before()
		}
		return srv.Restart(ctx, 30*time.Second)
	}
}

func TestReferencesPass(t *testing.T) {
	for _, id := range guideLabs(t) {
		lab := guideLab(t, id)
		for _, ref := range references(id) {
			t.Run(id+"/"+ref.lang, func(t *testing.T) {
				url, srv, _ := startReference(t, ref.command(t))
				res := Check(context.Background(), lab, Options{BaseURL: url, Restart: restarter(srv, nil)})
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
// reference: it rewrites the responses of requests it matches, or answers
// them itself (answer), or drops the connection (neither). beforeRestart
// meddles with the reference's saved data while it is stopped (the Go
// reference of notes-persist keeps notes.json in dir).
type breakage struct {
	lab, name     string
	match         func(*http.Request) bool
	rewrite       func(*http.Response)
	answer        http.HandlerFunc
	beforeRestart func(t *testing.T, dir string)
	step          int    // the step that must fail
	reason        string // the start of its explanation
	trouble       Trouble
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

	{lab: "notes-persist", name: "notes kept only in memory",
		match:         never,
		beforeRestart: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "notes.json")) },
		step:          3, reason: "your server answered 404 Not Found where the lab expects 200 OK"},
	{lab: "notes-persist", name: "delete not saved",
		match:  func(r *http.Request) bool { return r.Method == "DELETE" },
		answer: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) },
		step:   6, reason: "your server answered 200 OK where the lab expects 404 Not Found"},
	{lab: "notes-persist", name: "next id worked out from the notes left",
		match:         never,
		beforeRestart: reuseIDs,
		step:          8, reason: "your server answered 200 OK where the lab expects 404 Not Found"},

	{lab: "notes-login", name: "cookie without HttpOnly",
		match: path("POST", "/login"),
		rewrite: func(r *http.Response) {
			for i, v := range r.Header["Set-Cookie"] {
				r.Header["Set-Cookie"][i] = strings.ReplaceAll(v, "; HttpOnly", "")
			}
		},
		step: 2, reason: "the session cookie is set without HttpOnly"},
	{lab: "notes-login", name: "notes open to anyone",
		match: func(r *http.Request) bool { return r.URL.Path == "/notes" && r.Header.Get("Cookie") == "" },
		rewrite: func(r *http.Response) {
			r.StatusCode, r.Status = 200, "200 OK"
			setBody("[]")(r)
		},
		step: 3, reason: "your server answered 200 OK where the lab expects 401 Unauthorized"},
	{lab: "notes-login", name: "any session can read any note",
		match: func(r *http.Request) bool { return r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/notes/") },
		rewrite: func(r *http.Response) {
			if r.StatusCode == 404 {
				r.StatusCode, r.Status = 200, "200 OK"
				setBody(`{"id": 1, "text": "ada's secret plan"}`)(r)
			}
		},
		step: 8, reason: "your server answered 200 OK where the lab expects 404 Not Found or 403 Forbidden"},
	{lab: "notes-login", name: "log-out forgets nothing",
		match:  path("POST", "/logout"),
		answer: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) },
		step:   13, reason: "your server answered 200 OK where the lab expects 401 Unauthorized"},

	{lab: "notes-validate", name: "errors as plain text fields",
		match: path("POST", "/notes"),
		rewrite: func(r *http.Response) {
			if r.StatusCode == 422 {
				setBody(`{"error": "text must be a string"}`)(r)
			}
		},
		step: 2, reason: `"error" is text, where the lab expects an object`},
	{lab: "notes-validate", name: "no length limit",
		match: func(r *http.Request) bool {
			return r.Method == "POST" && strings.Contains(r.Header.Get("X-Test-Body"), strings.Repeat("x", 201))
		},
		rewrite: func(r *http.Response) {
			r.StatusCode, r.Status = 201, "201 Created"
			setBody(`{"id": 99, "text": "xxx", "priority": "normal"}`)(r)
		},
		step: 3, reason: "your server answered 201 Created where the lab expects 422 Unprocessable Entity"},
	{lab: "notes-validate", name: "any Content-Type read as JSON",
		match: func(r *http.Request) bool { return r.Method == "POST" && r.Header.Get("Content-Type") == "text/plain" },
		rewrite: func(r *http.Response) {
			r.StatusCode, r.Status = 201, "201 Created"
			setBody(`{"id": 99, "text": "call the bank", "priority": "normal"}`)(r)
		},
		step: 7, reason: "your server answered 201 Created where the lab expects 415 Unsupported Media Type"},
	{lab: "notes-validate", name: "crash on a path that is not a number",
		match:   path("GET", "/notes/abc"),
		rewrite: nil,
		step:    8, reason: "your server closed the connection without sending a whole answer", trouble: TroubleReset},

	{lab: "notes-cache", name: "no ETag",
		match:   func(r *http.Request) bool { return r.Method == "GET" },
		rewrite: func(r *http.Response) { r.Header.Del("ETag") },
		step:    2, reason: "the response has no ETag header"},
	{lab: "notes-cache", name: "no Cache-Control",
		match:   func(r *http.Request) bool { return r.Method == "GET" },
		rewrite: func(r *http.Response) { r.Header.Del("Cache-Control") },
		step:    2, reason: "the response has no Cache-Control header"},
	{lab: "notes-cache", name: "If-None-Match ignored",
		match: func(r *http.Request) bool {
			if r.Header.Get("If-None-Match") == "" {
				return false
			}
			r.Header.Del("If-None-Match") // the reference never sees it
			return true
		},
		rewrite: func(*http.Response) {},
		step:    3, reason: "your server answered 200 OK where the lab expects 304 Not Modified"},
	{lab: "notes-cache", name: "304 for any If-None-Match",
		match: func(r *http.Request) bool { return r.Header.Get("If-None-Match") != "" },
		answer: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", r.Header.Get("If-None-Match"))
			w.Header().Set("Cache-Control", "no-cache")
			w.WriteHeader(304)
		},
		step: 4, reason: "your server answered 304 Not Modified where the lab expects 200 OK"},
	{lab: "notes-cache", name: "ETag unchanged by a PUT",
		match:  staleAfterPut(),
		answer: notModified,
		step:   6, reason: "your server answered 304 Not Modified where the lab expects 200 OK"},

	{lab: "notes-pages", name: "a plain list",
		match: path("GET", "/notes"),
		rewrite: func(r *http.Response) {
			var p struct{ Items json.RawMessage }
			b, _ := io.ReadAll(r.Body)
			json.Unmarshal(b, &p)
			setBody(string(p.Items))(r)
		},
		step: 4, reason: `the body is a list, where the lab expects an object with a "next" field, and later steps need it`},
	{lab: "notes-pages", name: "oldest first",
		match: query("/notes", "limit=2"),
		rewrite: func(r *http.Response) {
			var p struct {
				Items []any `json:"items"`
				Next  any   `json:"next"`
			}
			b, _ := io.ReadAll(r.Body)
			json.Unmarshal(b, &p)
			p.Items[0], p.Items[1] = p.Items[1], p.Items[0]
			b, _ = json.Marshal(p)
			setBody(string(b))(r)
		},
		step: 4, reason: `"items" is [`},
	{lab: "notes-pages", name: "next link to the same page",
		match: query("/notes", "limit=2"),
		rewrite: func(r *http.Response) {
			var p map[string]any
			b, _ := io.ReadAll(r.Body)
			json.Unmarshal(b, &p)
			p["next"] = "/notes?limit=2"
			b, _ = json.Marshal(p)
			setBody(string(b))(r)
		},
		step: 5, reason: `"items.0" is {`},
	{lab: "notes-pages", name: "limit=0 accepted",
		match:   query("/notes", "limit=0"),
		rewrite: func(r *http.Response) { r.StatusCode, r.Status = 200, "200 OK" },
		step:    7, reason: "your server answered 200 OK where the lab expects 400 Bad Request"},
	{lab: "notes-pages", name: "crash on limit=lots",
		match:   query("/notes", "limit=lots"),
		rewrite: nil,
		step:    8, reason: "your server closed the connection without sending a whole answer", trouble: TroubleReset},
}

func never(*http.Request) bool { return false }

func query(p, rawQuery string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == "GET" && r.URL.Path == p && r.URL.RawQuery == rawQuery }
}

// staleAfterPut matches a conditional GET of a note once that note has been
// changed: a server whose ETag ignores changes answers those with 304.
func staleAfterPut() func(*http.Request) bool {
	var mu sync.Mutex
	changed := map[string]bool{}
	return func(r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == "PUT" {
			changed[r.URL.Path] = true
		}
		return r.Method == "GET" && changed[r.URL.Path] && r.Header.Get("If-None-Match") != ""
	}
}

func notModified(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", r.Header.Get("If-None-Match"))
	w.WriteHeader(http.StatusNotModified)
}

// reuseIDs rewrites the Go reference's notes.json as a server that works
// out the next id from the notes it has left would see it: the note deleted
// last had the highest id, so its id comes back.
func reuseIDs(t *testing.T, dir string) {
	file := filepath.Join(dir, "notes.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Error(err)
		return
	}
	var data struct {
		Next  int              `json:"next"`
		Notes []map[string]any `json:"notes"`
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Error(err)
		return
	}
	data.Next = 1
	for _, n := range data.Notes {
		if id, _ := n["id"].(float64); int(id) >= data.Next {
			data.Next = int(id) + 1
		}
	}
	b, _ = json.Marshal(data)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Error(err)
	}
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
		if r.Request.Header.Get("X-Test-Matched") != "" && b.rewrite != nil {
			b.rewrite(r)
		}
		return nil
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.Header.Set("X-Test-Body", string(body))
		switch matched := b.match(r); {
		case matched && b.answer != nil:
			b.answer(w, r)
			return
		case matched && b.rewrite == nil:
			panic(http.ErrAbortHandler) // close the connection without an answer
		case matched:
			r.Header.Set("X-Test-Matched", "1") // match once: it may change the request or keep state
		}
		rp.ServeHTTP(w, r)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the aborted handler's message
	rp.ErrorLog = srv.Config.ErrorLog
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestBrokenServersFailWhereExpected(t *testing.T) {
	type ref struct {
		url string
		srv *labrun.Server
		dir string
	}
	started := map[string]ref{} // one (Go) reference per lab, for all its breakages
	for _, b := range breakages {
		if started[b.lab].url == "" {
			url, srv, dir := startReference(t, references(b.lab)[0].command(t))
			started[b.lab] = ref{url, srv, dir}
		}
		t.Run(b.lab+"/"+b.name, func(t *testing.T) {
			r := started[b.lab]
			url := breakingProxy(t, r.url, b)
			var before func()
			if b.beforeRestart != nil {
				before = func() { b.beforeRestart(t, r.dir) }
			}
			res := Check(context.Background(), guideLab(t, b.lab), Options{BaseURL: url, Restart: restarter(r.srv, before)})
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
