// Starter for the notes-cache lab: Go's standard library only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check notes-cache --run "go run ."
//
// The notes API works; the ETag, Cache-Control and 304 are yours to add
// (see the TODOs).
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
	ID   int    `json:"id"`
	Text string `json:"text"`
}

var (
	mu     sync.Mutex
	notes  = map[int]note{}
	nextID = 1
)

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
	json.NewDecoder(r.Body).Decode(&in)
	text, ok := in["text"].(string)
	if !ok || strings.TrimSpace(text) == "" {
		writeError(w, http.StatusUnprocessableEntity, "send JSON with a non-empty text")
		return "", false
	}
	return text, true
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		text, ok := readText(w, r)
		if !ok {
			return
		}
		mu.Lock()
		n := note{ID: nextID, Text: text}
		notes[n.ID] = n
		nextID++
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
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
		// TODO: make an ETag for this version of the note, in double quotes:
		// a hash of the JSON (crypto/sha256), or the id and a version number
		// that goes up on every change.
		// TODO: if r.Header.Get("If-None-Match") names it, set the ETag and
		// Cache-Control headers and answer w.WriteHeader(http.StatusNotModified)
		// with no body.
		// TODO: otherwise send the note with the ETag and Cache-Control: no-cache.
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
		n := note{ID: id, Text: text}
		notes[id] = n
		mu.Unlock()
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
