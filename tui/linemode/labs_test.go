package linemode

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The Labs menu item: the list with status, a check that fails with its
// explanation (the server's escape sequences shown escaped), saved; the
// fix; a pass, saved and shown in the list.
func TestLabsMenu(t *testing.T) {
	var fixed atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/health":
			fmt.Fprint(w, `{"status": "ok"}`)
		case fixed.Load():
			w.WriteHeader(http.StatusNotFound)
		default:
			fmt.Fprint(w, "oops \x1b[31mred")
		}
	}))
	defer srv.Close()
	e := newEnv(t)
	run := func() string {
		return e.run(t, "labs\nc 1\n\n", func(s *Session) { s.labURL = srv.URL; s.Run() })
	}
	out := run()
	for _, want := range []string{"1. A health check (not started)", "✗ 2. GET /nope answers 404", "Expected:  404 Not Found", `\x1b[31mred`, "1. A health check (failing at step 2)"} {
		if !strings.Contains(out, want) {
			t.Errorf("first run lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("an escape byte from the server reached the output")
	}
	fixed.Store(true)
	out = run()
	if want := "1. A health check (passed on " + time.Now().Format("2006-01-02") + ")"; !strings.Contains(out, want) {
		t.Errorf("second run lacks %q:\n%s", want, out)
	}
	recs, err := e.store(t).LabRecords()
	if r := recs["health"]; err != nil || r.Checks != 2 || !r.Passed {
		t.Errorf("saved: %+v, %v", r, err)
	}
}
