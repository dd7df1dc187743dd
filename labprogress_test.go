package main

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/internal/labserve"
)

// Every check is saved: `lab list` shows failing at step N, then passed
// with the date; `progress --json` has the labs; a check of the sample
// server is saved but is not a pass, and says why.
func TestLabChecksAreSaved(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	good, bad := helloServer(false), helloServer(true)
	defer good.Close()
	defer bad.Close()
	sample := httptest.NewServer(labserve.Handler(io.Discard))
	defer sample.Close()

	status := func() string {
		t.Helper()
		code, out, errOut := runCLI(t, "--db", db, "lab", "list")
		if code != 0 {
			t.Fatalf("lab list: exit %d: %s", code, errOut)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "hello-server") {
				return l
			}
		}
		t.Fatalf("lab list has no hello-server:\n%s", out)
		return ""
	}
	labs := func() []labProgress {
		t.Helper()
		_, out, _ := runCLI(t, "--db", db, "progress", "--json")
		var rep struct{ Labs []labProgress }
		if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Labs) == 0 {
			t.Fatalf("progress --json: %v\n%s", err, out)
		}
		return rep.Labs
	}

	if s := status(); !strings.Contains(s, "not started") {
		t.Errorf("before any check: %q", s)
	}
	if code, out, _ := runCLI(t, "--db", db, "lab", "check", "hello-server", "--url", sample.URL); code != 0 || !strings.Contains(out, "it is not your pass") {
		t.Errorf("sample check: exit %d\n%s", code, out)
	}
	// saved (the status moves on from "not started"), but never a pass
	if s := status(); strings.Contains(s, "passed") || !strings.Contains(s, "sample only") {
		t.Errorf("after a check of the sample server: %q", s)
	}
	if l := labs()[0]; l.Passed || l.BestStepsPassed != 0 {
		t.Errorf("sample check counted: %+v", l)
	}
	if code, _, errOut := runCLI(t, "--db", db, "lab", "check", "hello-server", "--url", bad.URL); code != 1 || errOut != "" {
		t.Errorf("failing check: exit %d, %s", code, errOut)
	}
	if s := status(); !strings.Contains(s, "failing at step 3") {
		t.Errorf("after a failing check: %q", s)
	}
	if l := labs()[0]; l.ID != "hello-server" || l.Steps != 3 || l.BestStepsPassed != 2 || l.Passed || l.PassedAt != nil {
		t.Errorf("after a failing check: %+v", l)
	}
	if code, _, errOut := runCLI(t, "--db", db, "lab", "check", "hello-server", "--url", good.URL); code != 0 || errOut != "" {
		t.Errorf("passing check: exit %d, %s", code, errOut)
	}
	today := time.Now().Format("2006-01-02")
	if s := status(); !strings.Contains(s, "passed on "+today) {
		t.Errorf("after a pass: %q", s)
	}
	// A pass stays a pass after a later failing check.
	runCLI(t, "--db", db, "lab", "check", "hello-server", "--url", bad.URL)
	if l := labs()[0]; !l.Passed || l.BestStepsPassed != 3 || l.PassedAt == nil {
		t.Errorf("after a pass and a failure: %+v", l)
	}
	if s := status(); !strings.Contains(s, "passed on "+today) {
		t.Errorf("after a pass and a failure: %q", s)
	}
}
