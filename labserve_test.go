package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls for a condition; the deadline is only a timeout.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLabServe(t *testing.T) {
	var out lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSample(ctx, "127.0.0.1:0", &out) }()
	addr := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	waitFor(t, "the sample to listen", func() bool { return addr.MatchString(out.String()) })
	url := addr.FindStringSubmatch(out.String())[1]

	code, rep, _ := runCLI(t, "lab", "check", "hello-server", "--url", url)
	if code != 0 || !strings.Contains(rep, "not your pass") || !strings.Contains(rep, "All 3 steps passed on the sample server.") {
		t.Errorf("check against the sample: %d\n%s", code, rep)
	}
	// A path with an escape sequence (percent-encoded on the wire: a raw
	// one is refused by net/http before any handler) is logged quoted.
	req, _ := http.NewRequest("GET", url+"/health", nil)
	req.URL.RawPath, req.URL.Path = "/%1b[2J", "/\x1b[2J"
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	waitFor(t, "the access log", func() bool { return strings.Contains(out.String(), `"/%1b[2J" 404`) })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	log := out.String()
	if !strings.Contains(log, `GET "/health" 200`) || !strings.HasSuffix(log, "Stopped.\n") {
		t.Errorf("log:\n%s", log)
	}
	if strings.ContainsAny(log, "\x1b\x07") {
		t.Errorf("a control character reached the log:\n%q", log)
	}
	if code, _, errOut := runCLI(t, "lab", "serve", "--port", "0"); code != 2 || !strings.Contains(errOut, "between 1 and 65535") {
		t.Errorf("--port 0: %d %s", code, errOut)
	}
}
