//go:build unix

package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ctrl+C during `lab check --run` (the real binary) stops the learner's
// server with the check: nothing is left running on the port.
func TestLabCheckInterruptStopsTheServer(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	// A server that accepts connections and never answers, so the check
	// is still waiting when the interrupt comes.
	server := `import os, socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(os.environ["PORT"]))); s.listen()
open(os.environ["PIDFILE"], "w").write(str(os.getpid()))
conns = []
while True: conns.append(s.accept())
`
	os.WriteFile(filepath.Join(dir, "hang.py"), []byte(server), 0o644)
	port := freeLoopbackPort(t)
	cmd := exec.Command(binPath, "lab", "check", "hello-server", "--url", "http://127.0.0.1:"+port, "--timeout", "60s",
		"--run", "exec python3 hang.py")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PIDFILE="+pidFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	waitFor(t, "the server to start", func() bool {
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(string(b))
		return pid > 0
	})
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("exit: %v\n%s", err, out.String())
		}
	case <-time.After(20 * time.Second): // a timeout, not a synchronisation
		cmd.Process.Kill()
		t.Fatalf("lab check did not stop after SIGINT:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "The check was stopped before this step finished.") {
		t.Errorf("output:\n%s", out.String())
	}
	if syscall.Kill(pid, 0) == nil {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the server (pid %d) outlived the check", pid)
	}
	if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
		c.Close()
		t.Errorf("something still listens on port %s", port)
	}
}
