// Starter for the notes-api lab: Go's net/http only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check notes-api --run "go run ."
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

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Text string `json:"text"`
		}
		json.NewDecoder(r.Body).Decode(&in)
		// TODO: a body that is not JSON is 400; JSON without a non-empty "text" is 422.
		mu.Lock()
		n := note{ID: nextID, Text: in.Text}
		notes[n.ID] = n
		nextID++
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		writeJSON(w, http.StatusCreated, n)
	})
	// TODO: GET /notes (the list), GET /notes/{id} (one note, or 404),
	// DELETE /notes/{id} (204, no body), PUT /notes (405 with an Allow header).
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
