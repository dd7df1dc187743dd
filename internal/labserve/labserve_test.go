package labserve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The sample keeps the contracts of the first two labs.
func TestSamplePassesTheLabs(t *testing.T) {
	var log syncBuffer
	srv := httptest.NewServer(Handler(&log))
	defer srv.Close()
	c, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"hello-server", "notes-api"} {
		lab, _ := c.Lab(id)
		res := labcheck.Check(context.Background(), lab, labcheck.Options{BaseURL: srv.URL})
		if !res.Passed() {
			f, _ := res.Failed()
			t.Errorf("%s: step %d: %s", id, f.Number, f.Reason)
		}
		if !res.Sample {
			t.Errorf("%s: the check did not notice the sample server", id)
		}
	}
	if lines := strings.Count(log.String(), "\n"); lines != 12 {
		t.Errorf("access log has %d lines, want one per request (12):\n%s", lines, log.String())
	}
	if !strings.Contains(log.String(), ` POST "/notes" 201 `) {
		t.Errorf("access log:\n%s", log.String())
	}
}

func TestSampleBounds(t *testing.T) {
	srv := httptest.NewServer(Handler(io.Discard))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/notes", "application/json", strings.NewReader(`{"text": "`+strings.Repeat("x", maxBody)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("oversized body: %d", resp.StatusCode)
	}
}

// BenchmarkSampleServe is `lab serve` answering GET /notes/1 over
// keep-alive connections from two clients (the budget: ≥ 5,000 requests/s).
func BenchmarkSampleServe(b *testing.B) {
	srv := httptest.NewServer(Handler(io.Discard))
	defer srv.Close()
	resp, _ := http.Post(srv.URL+"/notes", "application/json", strings.NewReader(`{"text": "bench"}`))
	resp.Body.Close()
	b.SetParallelism(1)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := http.Get(srv.URL + "/notes/1")
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func TestServerHeaderIsTheCheckersMark(t *testing.T) {
	if ServerHeader != labcheck.SampleServer {
		t.Errorf("labserve marks %q, labcheck looks for %q", ServerHeader, labcheck.SampleServer)
	}
}
