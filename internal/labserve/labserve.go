// Package labserve is the built-in sample notes API (`backend-tutor lab
// serve`): a server that keeps the labs' contracts (hello-server and
// notes-api), so a learner can try requests with curl before writing any
// code. It knows nothing of terminals: its access log goes to a writer the
// caller sanitises.
package labserve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ServerHeader marks every response of the sample server, so a lab check
// can tell it from the learner's own (a check against it is no pass).
const ServerHeader = "backend-tutor-sample"

// Limits that keep the sample bounded whatever a client sends.
const (
	maxBody  = 64 << 10
	maxNotes = 10000
)

type note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

type server struct {
	mu    sync.Mutex
	notes map[int]note
	next  int
	log   io.Writer
	logMu sync.Mutex
	now   func() time.Time
}

// Handler is the sample API. Each request writes one access-log line to log.
func Handler(log io.Writer) http.Handler {
	s := &server{notes: map[int]note{}, next: 1, log: log, now: time.Now}
	mux := http.NewServeMux()
	mux.HandleFunc("/health", s.only("GET", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	mux.HandleFunc("/{$}", s.only("GET", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "Hello from the Backend Tutor sample server. Try GET /health, or POST /notes with {\"text\": \"...\"}.")
	}))
	mux.HandleFunc("/notes", s.only("GET, POST", s.notesCollection))
	mux.HandleFunc("/notes/{id}", s.only("GET, DELETE", s.oneNote))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "there is nothing at "+r.URL.Path)
	})
	return s.logged(mux)
}

// only answers 405 with an Allow header to methods not in allow.
func (s *server) only(allow string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, m := range strings.Split(allow, ", ") {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed here; use "+allow)
	}
}

func (s *server) notesCollection(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		s.mu.Lock()
		list := make([]note, 0, len(s.notes))
		for id := 1; id < s.next; id++ {
			if n, ok := s.notes[id]; ok {
				list = append(list, n)
			}
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, list)
		return
	}
	var in map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not a JSON object: "+err.Error())
		return
	}
	text, ok := in["text"].(string)
	if !ok || strings.TrimSpace(text) == "" {
		writeError(w, http.StatusUnprocessableEntity, `"text" is required: a string with something in it`)
		return
	}
	s.mu.Lock()
	if len(s.notes) >= maxNotes {
		s.mu.Unlock()
		writeError(w, http.StatusInsufficientStorage, "the sample keeps at most 10000 notes; delete some")
		return
	}
	n := note{ID: s.next, Text: text}
	s.notes[n.ID] = n
	s.next++
	s.mu.Unlock()
	w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
	writeJSON(w, http.StatusCreated, n)
}

func (s *server) oneNote(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	n, found := s.notes[id]
	if found && r.Method == http.MethodDelete {
		delete(s.notes, id)
	}
	s.mu.Unlock()
	switch {
	case err != nil || !found:
		writeError(w, http.StatusNotFound, "no note has the id "+r.PathValue("id"))
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusOK, n)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// statusWriter remembers the status and size of a response, for the log.
type statusWriter struct {
	http.ResponseWriter
	status, size int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

// logged writes one access-log line per request: time, client, method,
// path, status, bytes, duration.
func (s *server) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		w.Header().Set("Server", ServerHeader)
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		line := fmt.Sprintf("%s %s %s %s %d %dB %s\n", start.Format("15:04:05"), r.RemoteAddr, r.Method,
			strconv.Quote(r.URL.RequestURI()), sw.status, sw.size, s.now().Sub(start).Round(time.Microsecond))
		s.logMu.Lock()
		io.WriteString(s.log, line)
		s.logMu.Unlock()
	})
}
