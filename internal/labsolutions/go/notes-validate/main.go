// Reference solution of the notes-validate lab (Go standard library only).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"mime"
	"net/http"
	"os"
	"strconv"
	"sync"
	"unicode/utf8"
)

type note struct {
	ID       int    `json:"id"`
	Text     string `json:"text"`
	Priority string `json:"priority"`
}

var priorities = map[string]bool{"low": true, "normal": true, "high": true}

// apiError is the one error shape: {"error": {"code", "message", "field"}}.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, e apiError) {
	writeJSON(w, status, map[string]apiError{"error": e})
}

// validate turns a decoded body into a note, or says what is wrong.
func validate(body any) (note, *apiError) {
	obj, ok := body.(map[string]any)
	if !ok {
		return note{}, &apiError{"validation_failed", "the body must be a JSON object", ""}
	}
	text, ok := obj["text"].(string)
	if !ok || utf8.RuneCountInString(text) < 1 || utf8.RuneCountInString(text) > 200 {
		return note{}, &apiError{"validation_failed", "text must be a string of 1 to 200 characters", "text"}
	}
	n := note{Text: text, Priority: "normal"}
	if p, present := obj["priority"]; present {
		s, ok := p.(string)
		if !ok || !priorities[s] {
			return note{}, &apiError{"validation_failed", `priority must be "low", "normal" or "high"`, "priority"}
		}
		n.Priority = s
	}
	return n, nil
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
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, apiError{"unsupported_media_type", "send the note as Content-Type: application/json", ""})
			return
		}
		var body any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
			writeError(w, http.StatusBadRequest, apiError{"invalid_json", "the body is not valid JSON", ""})
			return
		}
		n, problem := validate(body)
		if problem != nil {
			writeError(w, http.StatusUnprocessableEntity, *problem)
			return
		}
		mu.Lock()
		n.ID = next
		next++
		notes[n.ID] = n
		mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		writeJSON(w, http.StatusCreated, n)
	})
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		list := []note{}
		for id := 1; id < next; id++ {
			if n, ok := notes[id]; ok {
				list = append(list, n)
			}
		}
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("GET /notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		mu.Lock()
		n, ok := notes[id]
		mu.Unlock()
		if err != nil || !ok {
			writeError(w, http.StatusNotFound, apiError{"not_found", "no note with this id", ""})
			return
		}
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, apiError{"not_found", "no such resource", ""})
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
