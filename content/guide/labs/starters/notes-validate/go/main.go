// Starter for the notes-validate lab: Go's standard library only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check notes-validate --run "go run ."
//
// It accepts any note today; the checks and the one error shape are yours
// to write (see the TODOs).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync"
)

type note struct {
	ID       int    `json:"id"`
	Text     string `json:"text"`
	Priority string `json:"priority"`
}

// apiError is the one error shape: {"error": {"code", "message", "field"}}.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
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

func writeError(w http.ResponseWriter, status int, e apiError) {
	writeJSON(w, status, map[string]apiError{"error": e})
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		// TODO: a Content-Type other than application/json is 415
		// (mime.ParseMediaType reads it).
		var body map[string]any
		// TODO: a body that is not JSON is 400, and JSON that is not an
		// object is 422: decode into an any, then check its type.
		json.NewDecoder(r.Body).Decode(&body)
		// TODO: text must be a string of 1 to 200 characters; priority, if
		// there, "low", "normal" or "high". Anything else is 422 with code
		// "validation_failed" and the field.
		text, _ := body["text"].(string)
		priority, _ := body["priority"].(string)
		if priority == "" {
			priority = "normal"
		}
		mu.Lock()
		n := note{ID: nextID, Text: text, Priority: priority}
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
			writeError(w, http.StatusNotFound, apiError{Code: "not_found", Message: "no note with this id"})
			return
		}
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, apiError{Code: "not_found", Message: "no such resource"})
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
