// Reference solution of the notes-pages lab (Go standard library only):
// pages newest first, with a cursor (the last id shown) in the next link.
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

type page struct {
	Items []note  `json:"items"`
	Next  *string `json:"next"` // null on the last page
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// number reads a query parameter as a whole number in [lo, hi], def when absent.
func number(r *http.Request, name string, def, lo, hi int) (int, bool) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	var mu sync.Mutex
	var notes []note // in id order, oldest first
	next := 1
	mux := http.NewServeMux()
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
		mu.Lock()
		n := note{ID: next, Text: text}
		next++
		notes = append(notes, n)
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		writeJSON(w, http.StatusCreated, n)
	})
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		limit, ok := number(r, "limit", 10, 1, 100)
		if !ok {
			writeError(w, http.StatusBadRequest, "limit must be a whole number from 1 to 100")
			return
		}
		cursor, ok := number(r, "cursor", 0, 1, 1<<62)
		if !ok {
			writeError(w, http.StatusBadRequest, "cursor must be the id from a next link")
			return
		}
		mu.Lock()
		defer mu.Unlock()
		p := page{Items: []note{}}
		for i := len(notes) - 1; i >= 0; i-- {
			n := notes[i]
			if cursor != 0 && n.ID >= cursor {
				continue
			}
			if len(p.Items) == limit {
				link := fmt.Sprintf("/notes?limit=%d&cursor=%d", limit, p.Items[limit-1].ID)
				p.Next = &link
				break
			}
			p.Items = append(p.Items, n)
		}
		writeJSON(w, http.StatusOK, p)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
