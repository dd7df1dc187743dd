package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// The tmux test: the real binary, its Labs screen, a failing
// server, the explanation on screen, the fix, the pass, saved.
func TestLabsScreenInTmux(t *testing.T) {
	var fixed atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/health":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"status": "ok"}`)
		case r.URL.Path == "/" || fixed.Load():
			if r.URL.Path != "/" {
				w.WriteHeader(http.StatusNotFound)
			}
			fmt.Fprint(w, "hi")
		default:
			fmt.Fprint(w, "a page")
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "p.db")
	tm := startTerm(t, "--db", db, "--lab-url", srv.URL)
	tm.waitFor("Welcome")
	tm.keys("Enter")
	tm.waitFor("0 of 16 quizzes passed")
	tm.keys("G", "k")
	tm.waitFor("›     Labs")
	tm.keys("Enter")
	tm.waitFor("Labs ·", "Your first server", "not started")
	tm.keys("Enter")
	tm.waitFor("Lab: Your first server ·", "not started")
	tm.keys("c")
	tm.waitFor("✗ 3. GET /no-such-page answers 404", "Expected:  404 Not Found", "Actual:    200 OK", "failing at step 3")
	fixed.Store(true)
	tm.keys("c")
	tm.waitFor("All 3 steps passed", "passed on "+time.Now().Format("2006-01-02"))
	tm.keys("C-c")
	if s := tm.exited(); s != "0" {
		t.Fatalf("the tutor exited %s", s)
	}
	_, out, _ := runCLI(t, "--db", db, "progress", "--json")
	var rep struct{ Labs []labProgress }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Labs) == 0 {
		t.Fatalf("progress --json: %v\n%s", err, out)
	}
	if l := rep.Labs[0]; l.ID != "hello-server" || !l.Passed || l.BestStepsPassed != 3 || l.PassedAt == nil {
		t.Errorf("saved: %+v", l)
	}
}
