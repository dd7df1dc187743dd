// Reference solution of the notes-cache lab (Go standard library only).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

type note struct {
	ID      int    `json:"id"`
	Text    string `json:"text"`
	version int
}

// etag labels one version of a note: its id and a version number that
// goes up on every change, in double quotes as HTTP requires.
func (n note) etag() string { return fmt.Sprintf(`"%d-v%d"`, n.ID, n.version) }

// matches reports whether an If-None-Match value names the tag: "*", or a
// comma-separated list compared weakly (a W/ prefix is ignored).
func matches(ifNoneMatch, tag string) bool {
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func readText(w http.ResponseWriter, r *http.Request) (string, bool) {
	var in map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not valid JSON")
		return "", false
	}
	text, ok := in["text"].(string)
	if !ok || strings.TrimSpace(text) == "" {
		writeError(w, http.StatusUnprocessableEntity, "text is required")
		return "", false
	}
	return text, true
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	var mu sync.Mutex
	notes := map[int]note{}
	next := 1
	mux := http.NewServeMux()
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		text, ok := readText(w, r)
		if !ok {
			return
		}
		mu.Lock()
		n := note{ID: next, Text: text, version: 1}
		notes[n.ID] = n
		next++
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		w.Header().Set("ETag", n.etag())
		writeJSON(w, http.StatusCreated, n)
	})
	mux.HandleFunc("GET /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		n, ok := notes[id]
		mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, "no note with this id")
			return
		}
		w.Header().Set("ETag", n.etag())
		w.Header().Set("Cache-Control", "no-cache")
		if inm := r.Header.Get("If-None-Match"); inm != "" && matches(inm, n.etag()) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("PUT /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		_, ok := notes[id]
		mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, "no note with this id")
			return
		}
		text, ok := readText(w, r)
		if !ok {
			return
		}
		mu.Lock()
		n := notes[id]
		n.Text = text
		n.version++
		notes[id] = n
		mu.Unlock()
		w.Header().Set("ETag", n.etag())
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
