// Reference solution of the notes-login lab (Go standard library only).
package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
)

// users are the lab's two accounts. A real app stores only a slow,
// salted hash of each password (chapter 9); this lab is about sessions.
var users = map[string]string{"ada": "lovelace1815", "grace": "hopper1906"}

type note struct {
	ID    int    `json:"id"`
	Text  string `json:"text"`
	owner string
}

type server struct {
	mu       sync.Mutex
	notes    map[int]note
	next     int
	sessions map[string]string // session id -> user
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func newSessionID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// user is who the request's session belongs to, or "" (and a 401 sent).
func (s *server) user(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie("session"); err == nil {
		s.mu.Lock()
		u := s.sessions[c.Value]
		s.mu.Unlock()
		if u != "" {
			return u
		}
	}
	writeError(w, http.StatusUnauthorized, "log in first")
	return ""
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	s := &server{notes: map[int]note{}, next: 1, sessions: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ User, Password string }
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, "the body is not valid JSON")
			return
		}
		want, known := users[in.User]
		if !known || subtle.ConstantTimeCompare([]byte(want), []byte(in.Password)) != 1 {
			writeError(w, http.StatusUnauthorized, "wrong user or password")
			return
		}
		id := newSessionID()
		s.mu.Lock()
		s.sessions[id] = in.User
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		writeJSON(w, http.StatusOK, map[string]string{"user": in.User})
	})
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) {
		if s.user(w, r) == "" {
			return
		}
		c, _ := r.Cookie("session")
		s.mu.Lock()
		delete(s.sessions, c.Value)
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /notes", func(w http.ResponseWriter, r *http.Request) {
		u := s.user(w, r)
		if u == "" {
			return
		}
		s.mu.Lock()
		list := []note{}
		for id := 1; id < s.next; id++ {
			if n, ok := s.notes[id]; ok && n.owner == u {
				list = append(list, n)
			}
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		u := s.user(w, r)
		if u == "" {
			return
		}
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
		n := note{ID: s.next, Text: text, owner: u}
		s.notes[n.ID] = n
		s.next++
		s.mu.Unlock()
		w.Header().Set("Location", "/notes/"+strconv.Itoa(n.ID))
		writeJSON(w, http.StatusCreated, n)
	})
	// A note of someone else's is 404, exactly like a note that does not
	// exist, so ids reveal nothing.
	mux.HandleFunc("/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodDelete {
			w.Header().Set("Allow", "GET, DELETE")
			writeError(w, http.StatusMethodNotAllowed, "use GET or DELETE")
			return
		}
		u := s.user(w, r)
		if u == "" {
			return
		}
		id, _ := strconv.Atoi(r.PathValue("id"))
		s.mu.Lock()
		defer s.mu.Unlock()
		n, ok := s.notes[id]
		if !ok || n.owner != u {
			writeError(w, http.StatusNotFound, "no note with this id")
			return
		}
		if r.Method == http.MethodDelete {
			delete(s.notes, id)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, n)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
