// Starter for the notes-login lab: Go's standard library only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check notes-login --run "go run ."
//
// Log-in checks the password already; the sessions and the owner checks are
// yours to write (see the TODOs).
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

// users are the lab's two accounts. A real app stores only a slow, salted
// hash of each password (chapter 9); this lab is about sessions.
var users = map[string]string{"ada": "lovelace1815", "grace": "hopper1906"}

type note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

var (
	mu       sync.Mutex
	notes    = map[int]note{}
	sessions = map[string]string{} // session id -> user name
	nextID   = 1
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// currentUser is the user of the request's session cookie, or "".
func currentUser(r *http.Request) string {
	c, err := r.Cookie("session")
	if err != nil {
		return ""
	}
	mu.Lock()
	defer mu.Unlock()
	return sessions[c.Value]
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ User, Password string }
		json.NewDecoder(r.Body).Decode(&in)
		if want, ok := users[in.User]; !ok || want != in.Password {
			writeError(w, http.StatusUnauthorized, "wrong user or password")
			return
		}
		// TODO: make a long random session id (rand.Text() from crypto/rand),
		// remember sessions[id] = in.User, and send it with
		// http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Path: "/", HttpOnly: true}).
		writeJSON(w, http.StatusOK, map[string]string{"user": in.User})
	})
	// TODO: POST /logout: forget the session, answer 204 with no body.
	// TODO: every /notes handler needs a valid session (else 401); notes
	// remember their owner, and another user's note is 404.
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		user := currentUser(r)
		// TODO: if user is "", answer 401 with {"error": "log in first"} and
		// return; otherwise keep user as the note's owner.
		log.Printf("POST /notes by %q", user)
		var in map[string]any
		json.NewDecoder(r.Body).Decode(&in)
		text, ok := in["text"].(string)
		if !ok || strings.TrimSpace(text) == "" {
			writeError(w, http.StatusUnprocessableEntity, "text is required")
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
		_, ok := notes[id]
		delete(notes, id)
		mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, "no note with this id")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
