// Starter for the notes-persist lab: Go's standard library only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check notes-persist --run "go run ."
//
// This is a working notes API that keeps its notes in memory, so a restart
// loses them. Make it save them in a JSON file, written safely (see the TODOs).
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

const dataFile = "notes.json"

type note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

var (
	mu     sync.Mutex
	notes  = map[int]note{}
	nextID = 1
)

// load is called once at start.
func load() error {
	// TODO: if dataFile exists, read the notes and nextID from it
	// (os.ReadFile, json.Unmarshal). A missing file is no error.
	return nil
}

// save is called after every change, before the answer is sent.
func save() error {
	// TODO: write the notes and nextID as JSON to a temporary file
	// (os.CreateTemp(".", "notes-*.tmp")), close it, then os.Rename it over
	// dataFile, so a crash never leaves half a file. Saving nextID too means
	// a deleted note's id is never handed out again.
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	if err := load(); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		list := []note{}
		for id := 1; id < nextID; id++ {
			if n, ok := notes[id]; ok {
				list = append(list, n)
			}
		}
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, "the body is not valid JSON")
			return
		}
		text, ok := in["text"].(string)
		if !ok || strings.TrimSpace(text) == "" {
			writeError(w, http.StatusUnprocessableEntity, "text is required")
			return
		}
		mu.Lock()
		defer mu.Unlock()
		n := note{ID: nextID, Text: text}
		notes[n.ID] = n
		nextID++
		if err := save(); err != nil {
			writeError(w, http.StatusInternalServerError, "the note could not be saved")
			return
		}
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
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("DELETE /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		defer mu.Unlock()
		if _, ok := notes[id]; !ok {
			writeError(w, http.StatusNotFound, "no note with this id")
			return
		}
		delete(notes, id)
		if err := save(); err != nil {
			writeError(w, http.StatusInternalServerError, "the change could not be saved")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr + "; notes are saved in " + dataFile + " once save is written")
	log.Fatal(http.ListenAndServe(addr, mux))
}
