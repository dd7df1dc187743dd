package tui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/progress"
)

// healthServer serves the fixture's lab "health": step 2 fails (200 where
// 404 is expected) until fixed is set. Its failing body carries escape
// sequences, which must reach the screen escaped.
func healthServer(fixed *atomic.Bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/health":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"status": "ok"}`)
		case fixed.Load():
			w.WriteHeader(http.StatusNotFound)
		default:
			fmt.Fprint(w, "oops \x1b[31mred\x1b]0;title\x07")
		}
	}))
}

// labRecord polls the progress file until cond holds for the lab's record
// (the deadline is only a timeout: the saver writes as soon as it can).
func labRecord(t *testing.T, e *env, cond func(progress.LabRecord) bool) progress.LabRecord {
	t.Helper()
	var r progress.LabRecord
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		recs, err := e.store(t).LabRecords()
		if err == nil {
			if r = recs["health"]; cond(r) {
				return r
			}
		}
	}
	t.Fatalf("lab record never got there: %+v", r)
	return r
}

// The Labs screen in a real program: check a failing server, read the
// explanation, fix the server, check again, pass; both checks are saved
// through the saver.
func TestLabsScreenCheckFixPass(t *testing.T) {
	var fixed atomic.Bool
	srv := healthServer(&fixed)
	defer srv.Close()
	e := newEnv(t)
	m := e.model(t, true)
	m.labBase = srv.URL
	tm := start(t, m)
	keys(tm, "G", "k", "enter")
	waitFor(t, tm, "Labs · 1", "not started")
	keys(tm, "enter")
	waitFor(t, tm, "Lab: a health check", "None yet.")
	keys(tm, "c")
	waitFor(t, tm, "GET /nope answers 404", "Expected:  404 Not Found", "Actual:    200 OK", `\x1b[31mred`)
	r := labRecord(t, e, func(r progress.LabRecord) bool { return r.Checks == 1 })
	if r.Passed || r.Last.FirstFailing != 2 || r.BestStepsPassed != 1 {
		t.Errorf("after the failing check: %+v", r)
	}
	fixed.Store(true)
	keys(tm, "c")
	r = labRecord(t, e, func(r progress.LabRecord) bool { return r.Checks == 2 })
	if !r.Passed || r.PassedAt == nil || r.BestStepsPassed != 2 {
		t.Errorf("after the passing check: %+v", r)
	}
	// The header's "passed on DATE" comes from the lab records read again
	// after the save: wait for the screen, not only the file, before
	// quitting (the date alone: the renderer redraws only the cells that
	// changed, and "passed on" shares a cell with "failing at").
	waitFor(t, tm, time.Now().Format("2006-01-02"))
	fm := finish(t, tm)
	view := viewText(fm)
	for _, want := range []string{"· passed on " + time.Now().Format("2006-01-02"), "Passed: lab health is done.", "✓ 2. GET /nope answers 404"} {
		if !strings.Contains(view, want) {
			t.Errorf("the lab's screen lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "\x1b[31m") {
		t.Errorf("the server's escape sequence reached the screen")
	}
}

// esc cancels a check that is waiting on a server that never answers, and
// nothing is saved.
func TestLabsScreenCancelCheck(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hang)
	e := newEnv(t)
	m := e.model(t, true)
	m.labBase = srv.URL
	tm := start(t, m)
	keys(tm, "G", "k", "enter", "enter", "c")
	waitFor(t, tm, "esc cancels")
	keys(tm, "esc")
	waitFor(t, tm, "Check cancelled")
	fm := finish(t, tm)
	if fm.Screen() != "labs" || fm.labs.open == nil {
		t.Errorf("esc during a check left the lab: %s", fm.Screen())
	}
	recs, err := e.store(t).LabRecords()
	if err != nil || len(recs) != 0 {
		t.Errorf("a cancelled check was saved: %+v, %v", recs, err)
	}
}

// A resize or a new background on a lab's screen formats the brief again
// (before, the brief stayed "Formatting…" after a resize).
func TestLabBriefFollowsResize(t *testing.T) {
	e := newEnv(t)
	m := e.model(t, true)
	step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	sendKeys(m, "G", "k", "enter", "enter")
	if v := viewText(m); !strings.Contains(v, "Lab: a health check") {
		t.Fatalf("the brief is not shown:\n%s", v)
	}
	step(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if v := viewText(m); !strings.Contains(v, "Lab: a health check") || strings.Contains(v, "Formatting") {
		t.Errorf("after a resize:\n%s", v)
	}
}
