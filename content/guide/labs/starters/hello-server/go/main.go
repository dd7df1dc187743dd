// Starter for the hello-server lab: Go's net/http only.
//
// Run it:    go run .
// Check it:  backend-tutor lab check hello-server --run "go run ."
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// TODO: answer GET / with 200 and a greeting.
		// TODO: answer every other path with 404.
		http.Error(w, "not written yet", http.StatusInternalServerError)
	})
	addr := "127.0.0.1:" + port
	fmt.Println("listening on http://" + addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
