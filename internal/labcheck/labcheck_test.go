package labcheck

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"backend-tutor/content"
)

// loadLab loads a lab file (with the test data chapter beside it) through
// the real loader.
func loadLab(t testing.TB, lab string) *content.Lab {
	t.Helper()
	chapter, err := os.ReadFile(filepath.Join("..", "..", "content", "testdata", "labpack", "01-notes.md"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Load(fstest.MapFS{"01-notes.md": {Data: chapter}, "labs/l.yaml": {Data: []byte(lab)}})
	if err != nil {
		t.Fatalf("lab does not load:\n%v", err)
	}
	return c.Labs()[0]
}

// oneStep is a lab with a single GET / expecting 200.
const oneStep = "id: one\ntitle: One\nchapter: notes-basics\norder: 1\nbrief: b\nsteps:\n" +
	"  - name: home\n    request: {method: GET, path: /}\n    expect: {status: 200}\n    hint: {section: Logging in, text: Answer 200.}\n"

// freePort is a loopback port with nothing listening on it.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// rawServer accepts connections on loopback and hands each to handle.
func rawServer(t *testing.T, network, addr string, handle func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen(network, addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { defer c.Close(); handle(c) })
		}
	})
	return l.Addr().String()
}

// readRequest reads one request's head so the client is done sending.
func readRequest(c net.Conn) {
	_, _ = http.ReadRequest(bufio.NewReader(c))
}

func failedStep(t *testing.T, res Result) StepResult {
	t.Helper()
	f, ok := res.Failed()
	if !ok {
		t.Fatalf("the check passed: %+v", res)
	}
	return f
}

func TestNothingListening(t *testing.T) {
	port := freePort(t)
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://127.0.0.1:" + strconv.Itoa(port), ProbePorts: []int{}})
	f := failedStep(t, res)
	want := fmt.Sprintf("nothing is listening on 127.0.0.1:%d", port)
	if f.Trouble != TroubleRefused || f.Reason != want || !strings.HasPrefix(f.Hint.Text, "Start your server first") {
		t.Errorf("got %s / %q / %q", f.Trouble, f.Reason, f.Hint.Text)
	}
	if f.Curl != fmt.Sprintf("curl -i http://127.0.0.1:%d/", port) {
		t.Errorf("curl = %q", f.Curl)
	}
	if f.Took <= 0 {
		t.Errorf("Took = %v: the step's time is lost", f.Took)
	}
}

func TestServerOnAnotherPort(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	other := srv.Listener.Addr().(*net.TCPAddr).Port
	port := freePort(t)
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://127.0.0.1:" + strconv.Itoa(port), ProbePorts: []int{port, other}})
	f := failedStep(t, res)
	if f.Trouble != TroubleOtherPort || !strings.Contains(f.Reason, "answers on port "+strconv.Itoa(other)) ||
		!strings.Contains(f.Hint.Text, "--url http://127.0.0.1:"+strconv.Itoa(other)) {
		t.Errorf("got %s / %q / %q", f.Trouble, f.Reason, f.Hint.Text)
	}
}

func TestServerOnlyOnIPv6(t *testing.T) {
	addr := rawServer(t, "tcp6", "[::1]:0", func(c net.Conn) {})
	_, port, _ := net.SplitHostPort(addr)
	if canConnect(context.Background(), "127.0.0.1:"+port) {
		t.Skip("127.0.0.1 has the same port taken")
	}
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://127.0.0.1:" + port, ProbePorts: []int{}})
	f := failedStep(t, res)
	if f.Trouble != TroubleIPv6Only || !strings.Contains(f.Reason, "your server listens only on ::1") || !strings.Contains(f.Hint.Text, "127.0.0.1") {
		t.Errorf("got %s / %q / %q", f.Trouble, f.Reason, f.Hint.Text)
	}
}

func TestServerClosesTheConnection(t *testing.T) {
	for _, reset := range []bool{false, true} {
		addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
			readRequest(c)
			if reset {
				c.(*net.TCPConn).SetLinger(0) // close with RST
			}
		})
		res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr})
		f := failedStep(t, res)
		if f.Trouble != TroubleReset || f.Reason != "your server closed the connection without sending a whole answer" || !strings.Contains(f.Hint.Text, "crashed") {
			t.Errorf("reset=%v: got %s / %q / %q", reset, f.Trouble, f.Reason, f.Hint.Text)
		}
	}
}

func TestServerTooSlow(t *testing.T) {
	release := make(chan struct{})
	addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
		readRequest(c)
		<-release // answers only when the test is over
	})
	defer close(release)
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr, Timeout: 50 * time.Millisecond})
	f := failedStep(t, res)
	if f.Trouble != TroubleTimeout || !strings.Contains(f.Reason, "did not answer completely within 50ms") {
		t.Errorf("got %s / %q", f.Trouble, f.Reason)
	}
}

func TestGarbageAnswer(t *testing.T) {
	addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
		readRequest(c)
		io.WriteString(c, "hello there, I am not a web server\r\n\r\n")
	})
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr})
	f := failedStep(t, res)
	if f.Trouble != TroubleNotHTTP || !strings.HasPrefix(f.Reason, "what came back is not an HTTP response") {
		t.Errorf("got %s / %q", f.Trouble, f.Reason)
	}
}

// A 10 MB body is cut at MaxBody: the step fails, and the checker stops
// reading (the server cannot write it all).
func TestHugeBody(t *testing.T) {
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 32<<10) + "\n")
		for range (10 << 20) / len(chunk) {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: srv.URL})
	srv.Close() // waits for the handler to finish
	f := failedStep(t, res)
	if f.Trouble != TroubleTooBig || !strings.Contains(f.Reason, "larger than 1 MiB") || f.Status != "HTTP/1.1 200 OK" {
		t.Errorf("got %s / %q / %q", f.Trouble, f.Reason, f.Status)
	}
	if len(f.Body) > bodyBytes || !f.BodyCut {
		t.Errorf("body excerpt is %d bytes (cut %v)", len(f.Body), f.BodyCut)
	}
	if w := written.Load(); w >= 10<<20-(32<<10) {
		t.Errorf("the server wrote all %d bytes: the checker read past its cap", w)
	}
}

// Escape sequences in the status line and body come back raw in the Result
// (the caller sanitises): labcheck must neither lose them nor choke on them.
// net/http refuses control characters in header values, and its message
// quotes them.
func TestEscapeSequences(t *testing.T) {
	body := "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[31mred\r\n"
	serve := func(header string) StepResult {
		addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
			readRequest(c)
			fmt.Fprintf(c, "HTTP/1.1 500 Oops\x1b[5m\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", header, len(body), body)
		})
		return failedStep(t, Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr}))
	}
	f := serve("text/plain")
	if f.Trouble != "" || f.Body != body || f.Status != "HTTP/1.1 500 Oops\x1b[5m" || f.Actual != "500 Internal Server Error" {
		t.Errorf("escapes in status and body: %+v", f)
	}
	f = serve("text/plain\x1b]0;title\x07")
	if f.Trouble != TroubleNotHTTP || strings.ContainsAny(f.Reason, "\x1b\x07") {
		t.Errorf("escapes in a header: %s / %q", f.Trouble, f.Reason)
	}
}

func TestOnlyLoopback(t *testing.T) {
	for _, u := range []string{"http://example.com", "http://10.0.0.1:8000", "http://[2001:db8::1]:80", "ftp://127.0.0.1", "127.0.0.1:8000", "http://127.0.0.1:8000/x"} {
		if _, err := CheckURL(u, false); err == nil {
			t.Errorf("CheckURL(%q) accepted", u)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8000", "http://localhost:3000/", "http://[::1]:8000", "http://127.0.0.2"} {
		if _, err := CheckURL(u, false); err != nil {
			t.Errorf("CheckURL(%q): %v", u, err)
		}
	}
	if _, err := CheckURL("http://example.com", true); err != nil {
		t.Errorf("allow-remote: %v", err)
	}
	res := Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://example.com"})
	if f := failedStep(t, res); f.Trouble != TroubleRemote || !strings.Contains(f.Reason, "--allow-remote") {
		t.Errorf("got %s / %q", f.Trouble, f.Reason)
	}
}

// A redirect to another host is never followed, even when the step asks to
// follow redirects; one on the same host is.
func TestRedirects(t *testing.T) {
	var offHost atomic.Bool
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { offHost.Store(true) }))
	defer remote.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, remote.URL+"/", http.StatusFound)
		case "/here":
			http.Redirect(w, r, "/", http.StatusFound)
		default:
			w.WriteHeader(200)
		}
	}))
	defer srv.Close()
	lab := func(path string, follow bool) *content.Lab {
		return loadLab(t, strings.Replace(oneStep, "{method: GET, path: /}", fmt.Sprintf("{method: GET, path: %s, follow_redirects: %v}", path, follow), 1))
	}
	if res := Check(context.Background(), lab("/here", true), Options{BaseURL: srv.URL}); !res.Passed() {
		t.Errorf("same-host redirect not followed: %+v", res.Steps)
	}
	res := Check(context.Background(), lab("/here", false), Options{BaseURL: srv.URL})
	if f := failedStep(t, res); f.Actual != "302 Found" {
		t.Errorf("without follow_redirects: %+v", f)
	}
	// remote is another port of 127.0.0.1: another host all the same
	res = Check(context.Background(), lab("/away", true), Options{BaseURL: srv.URL})
	if f := failedStep(t, res); f.Actual != "302 Found" || offHost.Load() {
		t.Errorf("off-host redirect followed (%v): %+v", offHost.Load(), f)
	}
}

func TestCancelled(t *testing.T) {
	release := make(chan struct{})
	addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) { readRequest(c); <-release })
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	lab := loadLab(t, oneStep)
	res := Check(ctx, lab, Options{BaseURL: "http://" + addr, BeforeStep: func(int) { cancel() }})
	if f := failedStep(t, res); f.Trouble != TroubleCancelled {
		t.Errorf("got %s / %q", f.Trouble, f.Reason)
	}
}

func TestRestartNeedsRun(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	lab := loadLab(t, strings.Replace(oneStep, "  - name: home\n", "  - name: home\n    restart: true\n", 1))
	f := failedStep(t, Check(context.Background(), lab, Options{BaseURL: srv.URL}))
	if f.Trouble != TroubleRestart || !strings.Contains(f.Hint.Text, "--run") {
		t.Errorf("got %s / %q", f.Trouble, f.Hint.Text)
	}
	restarts := 0
	lab.Steps[0].Expect.Status = 404
	res := Check(context.Background(), lab, Options{BaseURL: srv.URL, Restart: func(context.Context) error { restarts++; return nil }})
	if !res.Passed() || restarts != 1 {
		t.Errorf("restarts %d, result %+v", restarts, res.Steps)
	}
}

func TestCurlQuoting(t *testing.T) {
	got := curlCommand("POST", "http://127.0.0.1:8000/notes", []content.LabHeader{{Name: "Cookie", Value: "s=it's; $(rm -rf ~)"}}, `{"text":"a'b"}`)
	want := `curl -i http://127.0.0.1:8000/notes -H 'Cookie: s=it'\''s; $(rm -rf ~)' --data-raw '{"text":"a'\''b"}'`
	if got != want {
		t.Errorf("curl\n got %s\nwant %s", got, want)
	}
	if got := curlCommand("DELETE", "http://127.0.0.1:8000/notes/1", nil, ""); got != "curl -i -X DELETE http://127.0.0.1:8000/notes/1" {
		t.Errorf("curl = %s", got)
	}
}

// A server that sends its headers, then trickles the body forever, is cut
// off by the same per-request timeout.
func TestBodyTrickledPastTheTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
		readRequest(c)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nab")
		<-release
	})
	f := failedStep(t, Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr, Timeout: 50 * time.Millisecond}))
	if f.Trouble != TroubleTimeout {
		t.Errorf("got %s / %q", f.Trouble, f.Reason)
	}
}

// Headers past 64 KiB are refused, not buffered.
func TestHugeHeaders(t *testing.T) {
	addr := rawServer(t, "tcp", "127.0.0.1:0", func(c net.Conn) {
		readRequest(c)
		io.WriteString(c, "HTTP/1.1 200 OK\r\n")
		for range 2000 {
			io.WriteString(c, "X-Junk: "+strings.Repeat("j", 100)+"\r\n")
		}
		io.WriteString(c, "\r\n")
	})
	f := failedStep(t, Check(context.Background(), loadLab(t, oneStep), Options{BaseURL: "http://" + addr}))
	if f.Trouble != TroubleTooBig || !strings.Contains(f.Reason, "headers are larger than 64 KiB") {
		t.Errorf("got %+v", f)
	}
}

// What a server sends back is captured for later steps, so it is hostile
// there too: it cannot smuggle a header in with a line break, nor send the
// checker to another host through a captured Location.
func TestHostileCaptures(t *testing.T) {
	const lab = "id: c\ntitle: C\nchapter: notes-basics\norder: 1\nbrief: b\nsteps:\n" +
		"  - name: one\n    request: {method: GET, path: /}\n    capture: {v: {json: v}, where: {header: Location}}\n    expect: {status: 200}\n" +
		"  - name: two\n    request: {method: GET, path: \"%s\", headers: {X-V: \"{v}\"}}\n    expect: {status: 200}\n"
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Location", "http://example.com/steal")
		fmt.Fprint(w, `{"v": "a\r\nX-Injected: 1"}`)
	}))
	defer srv.Close()
	f := failedStep(t, Check(context.Background(), loadLab(t, fmt.Sprintf(lab, "/x")), Options{BaseURL: srv.URL}))
	if f.Number != 2 || !strings.Contains(f.Reason, "would hold a line break") {
		t.Errorf("header injection: %+v", f)
	}
	f = failedStep(t, Check(context.Background(), loadLab(t, fmt.Sprintf(lab, "{where}")), Options{BaseURL: srv.URL}))
	if f.Number != 2 || !strings.Contains(f.Reason, "which is not a path on your server") {
		t.Errorf("off-host Location: %+v", f)
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests reached the server, want 2 (one per check)", hits.Load())
	}
	// A captured value in a path is escaped: it cannot add a query or
	// climb out of the path.
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Location", "/")
			fmt.Fprint(w, `{"v": "../admin?x=1"}`)
			return
		}
		if r.URL.RawPath != "/x/..%2Fadmin%3Fx=1" || r.URL.RawQuery != "" {
			w.WriteHeader(400)
		}
	}))
	defer srv2.Close()
	if res := Check(context.Background(), loadLab(t, strings.Replace(fmt.Sprintf(lab, "/x/{v}"), "headers: {X-V: \"{v}\"}", "headers: {}", 1)), Options{BaseURL: srv2.URL}); !res.Passed() {
		f, _ := res.Failed()
		t.Errorf("escaped path: %+v", f)
	}
}

// Proves: a server's multibyte text is never cut in the middle of a
// character where the checker shortens it — the quoted header (80 bytes),
// a JSON value (200 bytes), the first line of a body that should be empty
// (80 bytes) and the body excerpt (1,200 bytes) — with the character
// straddling each boundary.
func TestMultibyteAtTheCut(t *testing.T) {
	straddle := func(n int) string { return strings.Repeat("a", n-1) + "é€😀" + strings.Repeat("b", 3000) }
	step := func(expect string) string {
		return "id: m\ntitle: M\nchapter: notes-basics\norder: 1\nbrief: b\nsteps:\n" +
			"  - name: one\n    request: {method: GET, path: /}\n    expect: " + expect + "\n"
	}
	for _, tc := range []struct {
		name, expect string
		serve        func(w http.ResponseWriter)
		cut          func(StepResult) string
	}{
		{"header", "{status: 200, headers: {X-Name: {equals: ok}}}", func(w http.ResponseWriter) {
			w.Header().Set("X-Name", straddle(80))
		}, func(f StepResult) string { return f.Reason }},
		{"json value", "{status: 200, json: {v: {equals: ok}}}", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"v": %q}`, straddle(199)) // shown quoted: the quote is byte 1
		}, func(f StepResult) string { return f.Reason }},
		{"empty body", "{status: 200, empty_body: true}", func(w http.ResponseWriter) {
			fmt.Fprint(w, straddle(80))
		}, func(f StepResult) string { return f.Actual }},
		{"body excerpt", "{status: 200}", func(w http.ResponseWriter) {
			w.WriteHeader(500)
			fmt.Fprint(w, straddle(bodyBytes))
		}, func(f StepResult) string { return f.Body }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { tc.serve(w) }))
			defer srv.Close()
			f := failedStep(t, Check(context.Background(), loadLab(t, step(tc.expect)), Options{BaseURL: srv.URL}))
			got := tc.cut(f)
			if !strings.Contains(got, "aaaa") || strings.Contains(got, "bbbb") {
				t.Fatalf("not the cut text: %q (failure %+v)", got, f)
			}
			for _, s := range []string{f.Reason, f.Expected, f.Actual, f.Body} {
				if !utf8.ValidString(s) {
					t.Errorf("a character cut in two: %q", s)
				}
			}
		})
	}
}

// Proves: Cut keeps at most n bytes, whole characters only, and says
// whether it cut; bytes that are not UTF-8 are cut anywhere.
func TestCutWholeCharacters(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
		cut  bool
	}{
		{"abc", 3, "abc", false},
		{"abcd", 3, "abc", true},
		{"ab€", 3, "ab", true},
		{"a😀", 4, "a", true},
		{"😀😀", 4, "😀", true},
		{"\x80\x80\x80\x80\x80\x80", 5, "\x80\x80\x80\x80\x80", true},
		{"é", 1, "", true},
	} {
		if got, cut := Cut(tc.s, tc.n); got != tc.want || cut != tc.cut {
			t.Errorf("Cut(%q, %d) = %q, %v; want %q, %v", tc.s, tc.n, got, cut, tc.want, tc.cut)
		}
	}
}
