package labcheck

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// privateNotes serves the test data lab (content/testdata/labpack), which
// uses every expectation and capture type. broken names one thing to get
// wrong.
func privateNotes(broken string) http.Handler {
	var mu sync.Mutex
	notes := map[int]string{}
	next := 7
	mux := http.NewServeMux()
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	authed := func(r *http.Request) bool {
		c, err := r.Cookie("session")
		return err == nil && c.Value == "s3cr3t"
	}
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s3cr3t", HttpOnly: broken != "no-httponly", Path: "/"})
		writeJSON(w, 200, map[string]string{"user": "ada"})
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		if !authed(r) {
			writeJSON(w, 401, map[string]string{"error": "log in"})
			return
		}
		var in struct{ Text string }
		json.NewDecoder(r.Body).Decode(&in)
		mu.Lock()
		id := next
		next++
		notes[id] = in.Text
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(id))
		w.Header().Set("X-Request-Id", "r1")
		writeJSON(w, 201, map[string]any{"id": id, "text": in.Text, "tags": []string{"a"}})
	})
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		list := []map[string]any{}
		for id, text := range notes {
			if broken == "list-string-ids" {
				list = append(list, map[string]any{"id": "x" + strconv.Itoa(id), "text": text})
				continue
			}
			list = append(list, map[string]any{"id": id, "text": text})
		}
		writeJSON(w, 200, list)
	})
	mux.HandleFunc("GET /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		text, ok := notes[id]
		mu.Unlock()
		if !ok || !authed(r) {
			writeJSON(w, 404, map[string]string{"error": "no such note"})
			return
		}
		writeJSON(w, 200, map[string]any{"id": id, "text": text})
	})
	mux.HandleFunc("GET /old/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/notes/"+r.PathValue("id"), http.StatusMovedPermanently)
	})
	mux.HandleFunc("DELETE /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		if broken != "delete-keeps" {
			delete(notes, id)
		}
		mu.Unlock()
		w.WriteHeader(204)
	})
	return mux
}

func packLab(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "content", "testdata", "labpack", "labs", "everything.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPackLabPasses(t *testing.T) {
	srv := httptest.NewServer(privateNotes(""))
	defer srv.Close()
	res := Check(context.Background(), loadLab(t, packLab(t)), Options{BaseURL: srv.URL})
	if !res.Passed() {
		f, _ := res.Failed()
		t.Fatalf("step %d %q failed: %s\nexpected %s\nactual %s\n%s", f.Number, f.Name, f.Reason, f.Expected, f.Actual, f.Curl)
	}
	if got := res.Steps[1].Curl; got != "curl -i "+srv.URL+"/notes -H 'Cookie: session=s3cr3t' -H 'Content-Type: application/json' --data-raw '{\"tags\":[\"a\"],\"text\":\"hello\"}'" {
		t.Errorf("curl of step 2 = %s", got)
	}
}

func TestPackLabFailures(t *testing.T) {
	for _, tc := range []struct {
		broken string
		step   int
		reason string
	}{
		{"no-httponly", 1, "the session cookie is set without HttpOnly"},
		{"list-string-ids", 4, `the body has no element with "id": "7" and "text": "hello"`},
		{"delete-keeps", 7, "your server answered 200 OK where the lab expects 404 Not Found or 410 Gone"},
	} {
		srv := httptest.NewServer(privateNotes(tc.broken))
		res := Check(context.Background(), loadLab(t, packLab(t)), Options{BaseURL: srv.URL})
		srv.Close()
		f := failedStep(t, res)
		if f.Number != tc.step || !strings.HasPrefix(f.Reason, tc.reason) {
			t.Errorf("%s: failed at step %d: %q; want step %d: %q", tc.broken, f.Number, f.Reason, tc.step, tc.reason)
		}
	}
}
