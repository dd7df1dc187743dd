// Reference solution of the notes-api lab (Go standard library only).
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

type store struct {
	mu    sync.Mutex
	notes map[int]note
	next  int
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
	s := &store{notes: map[int]note{}, next: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			s.mu.Lock()
			list := []note{}
			for id := 1; id < s.next; id++ {
				if n, ok := s.notes[id]; ok {
					list = append(list, n)
				}
			}
			s.mu.Unlock()
			writeJSON(w, http.StatusOK, list)
		case http.MethodPost:
			var in map[string]any
			if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
				writeError(w, http.StatusBadRequest, "the body is not valid JSON")
				return
			}
			text, ok := in["text"].(string)
			if !ok || strings.TrimSpace(text) == "" {
				writeError(w, http.StatusUnprocessableEntity, "text is required and must not be empty")
				return
			}
			s.mu.Lock()
			n := note{ID: s.next, Text: text}
			s.notes[n.ID] = n
			s.next++
			s.mu.Unlock()
			w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
			writeJSON(w, http.StatusCreated, n)
		default:
			w.Header().Set("Allow", "GET, POST")
			writeError(w, http.StatusMethodNotAllowed, "use GET or POST")
		}
	})
	mux.HandleFunc("/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		s.mu.Lock()
		n, found := s.notes[id]
		s.mu.Unlock()
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodDelete:
			w.Header().Set("Allow", "GET, DELETE")
			writeError(w, http.StatusMethodNotAllowed, "use GET or DELETE")
		case err != nil || !found:
			writeError(w, http.StatusNotFound, "no note with this id")
		case r.Method == http.MethodGet:
			writeJSON(w, http.StatusOK, n)
		default:
			s.mu.Lock()
			delete(s.notes, id)
			s.mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
