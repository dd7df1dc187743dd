package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"backend-tutor/internal/labcheck"
	"backend-tutor/internal/labserve"
)

func cmdLabServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lab serve", "lab serve [--port N] [--listen ADDR]", stderr)
	port := fs.Int("port", 8000, "the port to listen on, on 127.0.0.1")
	listen := fs.String("listen", "", "listen on this address instead, such as 0.0.0.0:8000 (reachable from other machines: only in a lab VM or container)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "backend-tutor lab serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *port < 1 || *port > 65535 {
		fmt.Fprintln(stderr, "backend-tutor lab serve: --port must be between 1 and 65535")
		return errUsage
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	if *listen != "" {
		addr = *listen
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveSample(ctx, addr, stdout)
}

// serveSample runs the sample API on addr until ctx ends. Its access log
// holds what clients sent (paths), so it goes through the sanitiser.
func serveSample(ctx context.Context, addr string, stdout io.Writer) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return &exitError{1, labClean(fmt.Sprintf("backend-tutor lab serve: cannot listen on %s: %v", addr, errors.Unwrap(err)))}
	}
	out := &cleanWriter{w: stdout}
	u := "http://" + l.Addr().String()
	fmt.Fprintf(out, "The sample notes API is listening on %s (Ctrl+C stops it). Try:\n"+
		"  curl -i %s/health\n  curl -i -X POST %s/notes -H 'Content-Type: application/json' -d '{\"text\": \"buy milk\"}'\n  curl -i %s/notes\n"+
		"A lab check against it shows how a lab works, but is not your pass.\n\n", u, u, u, u)
	srv := &http.Server{Handler: labserve.Handler(out), ReadHeaderTimeout: labcheck.DefaultTimeout, MaxHeaderBytes: 64 << 10}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	fmt.Fprintln(out, "Stopped.")
	return nil
}

// cleanWriter passes everything written through the sanitiser, a write at
// a time (the access log writes whole lines).
type cleanWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (c *cleanWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.w, labClean(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
