// Reference solution of the notes-persist lab (Go standard library only):
// the notes and the next id live in notes.json, written to a temporary file
// and renamed over the old one before each answer, so a server stopped at
// any moment loses nothing it said was done.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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

type saved struct {
	Next  int    `json:"next"`
	Notes []note `json:"notes"`
}

type store struct {
	mu   sync.Mutex
	data saved
}

func load() (*store, error) {
	s := &store{data: saved{Next: 1, Notes: []note{}}}
	b, err := os.ReadFile(dataFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	return s, json.Unmarshal(b, &s.data)
}

// save writes the whole store to a new file and renames it over the old
// one: a rename is atomic, so the file is always the old or the new store.
func (s *store) save() error {
	b, err := json.Marshal(s.data)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(".", "notes-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), dataFile)
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
	s, err := load()
	if err != nil {
		log.Fatalf("reading %s: %v", dataFile, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		writeJSON(w, http.StatusOK, s.data.Notes)
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, "the body is not valid JSON")
			return
		}
		text, ok := in["text"].(string)
		if !ok || strings.TrimSpace(text) == "" {
			writeError(w, http.StatusUnprocessableEntity, "text is required")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		n := note{ID: s.data.Next, Text: text}
		s.data.Next++
		s.data.Notes = append(s.data.Notes, n)
		if err := s.save(); err != nil {
			writeError(w, http.StatusInternalServerError, "the note could not be saved")
			return
		}
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		writeJSON(w, http.StatusCreated, n)
	})
	mux.HandleFunc("GET /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, n := range s.data.Notes {
			if n.ID == id {
				writeJSON(w, http.StatusOK, n)
				return
			}
		}
		writeError(w, http.StatusNotFound, "no note with this id")
	})
	mux.HandleFunc("DELETE /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		s.mu.Lock()
		defer s.mu.Unlock()
		for i, n := range s.data.Notes {
			if n.ID == id {
				s.data.Notes = append(s.data.Notes[:i], s.data.Notes[i+1:]...)
				if err := s.save(); err != nil {
					writeError(w, http.StatusInternalServerError, "the change could not be saved")
					return
				}
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		writeError(w, http.StatusNotFound, "no note with this id")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
