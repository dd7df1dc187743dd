package labcheck

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkCheck20Steps is a 20-step check against a ready local server
// that answers at once: nearly all of it is the checker's own time (the
// budget: ≤ 30 ms on top of the server's).
func BenchmarkCheck20Steps(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status": "ok", "items": [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}]}`)
	}))
	defer srv.Close()
	var lab strings.Builder
	lab.WriteString("id: b\ntitle: B\nchapter: notes-basics\norder: 1\nbrief: b\nsteps:\n")
	for i := range 20 {
		fmt.Fprintf(&lab, "  - name: step %d\n    request: {method: GET, path: /health}\n    capture: {id: {json: items.0.id}}\n"+
			"    expect:\n      status: 200\n      headers: {Content-Type: {prefix: application/json}}\n"+
			"      json: {status: {equals: ok}, items: {contains: {id: \"{id}\", text: a}}}\n", i)
	}
	l := loadLab(b, lab.String())
	b.ResetTimer()
	for b.Loop() {
		if res := Check(context.Background(), l, Options{BaseURL: srv.URL}); !res.Passed() {
			b.Fatalf("%+v", res.Steps[len(res.Steps)-1])
		}
	}
}
