//go:build unix

package labrun

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the learner's server: LABRUN_HELPER says how
// it behaves.
func TestMain(m *testing.M) {
	switch os.Getenv("LABRUN_HELPER") {
	case "":
		os.Exit(m.Run())
	case "serve":
		fmt.Println("starting on port", os.Getenv("PORT"))
		if os.Getenv("LABRUN_CHILD") == "1" { // start a grandchild in the same group
			c := exec.Command(os.Args[0])
			c.Env = append(os.Environ(), "LABRUN_HELPER=sleep")
			c.Start()
			fmt.Println("child", c.Process.Pid)
		}
		l, err := net.Listen("tcp", "127.0.0.1:"+os.Getenv("PORT"))
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Println("got", r.Method, r.URL.Path)
		}))
	case "crash":
		fmt.Println("Traceback (most recent call last):")
		fmt.Fprintln(os.Stderr, "NameError: name 'app' is not defined")
		os.Exit(3)
	case "sleep", "silent":
		select {}
	}
}

func helper(mode string, extra ...string) string {
	env := "LABRUN_HELPER=" + mode
	for _, e := range extra {
		env += " " + e
	}
	return env + " " + strconv.Quote(os.Args[0])
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestStartWaitStop(t *testing.T) {
	addr := freeAddr(t)
	s, err := Start(helper("serve", "LABRUN_CHILD=1"), "", addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(context.Background(), 10*time.Second); err != nil {
		s.Stop()
		t.Fatal(err)
	}
	mark := s.Mark()
	if _, err := http.Get("http://" + addr + "/hello"); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	if status, ok := s.Exited(); !ok || status == "" {
		t.Errorf("after Stop: exited %v %q", ok, status)
	}
	if got := strings.Join(s.Since(mark), "\n"); got != "got GET /hello" {
		t.Errorf("output since mark = %q", got)
	}
	var child int
	for _, l := range s.Last(10) {
		fmt.Sscanf(l, "child %d", &child)
	}
	if child == 0 {
		t.Fatalf("no child pid in %q", s.Last(10))
	}
	// The grandchild was in the group, so it got the signal too. Reaped
	// by init or not, it must be gone or a zombie within the deadline.
	deadline := time.Now().Add(5 * time.Second)
	for alive(child) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // polling for a condition, with a deadline
	}
	if alive(child) {
		syscall.Kill(child, syscall.SIGKILL)
		t.Errorf("the server's child %d outlived Stop", child)
	}
}

// alive is true for a running (not zombie) process.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	f := strings.Fields(string(b))
	return len(f) > 2 && f[2] != "Z"
}

func TestEarlyExit(t *testing.T) {
	s, err := Start(helper("crash"), "", freeAddr(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	err = s.WaitReady(context.Background(), 10*time.Second)
	var ee *ExitedError
	if !errors.As(err, &ee) || ee.Status != "exit status 3" || !strings.Contains(strings.Join(ee.Last, "\n"), "NameError: name 'app' is not defined") {
		t.Errorf("err = %v (%+v)", err, ee)
	}
}

func TestPortTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, err = Start(helper("serve"), "", l.Addr().String())
	var pt *PortTakenError
	if !errors.As(err, &pt) || !strings.Contains(err.Error(), "already taken by another program") {
		t.Errorf("err = %v", err)
	}
}

func TestNotReady(t *testing.T) {
	addr := freeAddr(t)
	s, err := Start(helper("silent"), "", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	err = s.WaitReady(context.Background(), 100*time.Millisecond)
	var nr *NotReadyError
	if !errors.As(err, &nr) || nr.Addr != addr {
		t.Errorf("err = %v", err)
	}
}

func TestOutputKeepsTheLastLines(t *testing.T) {
	var o output
	for i := range keptLines + 50 {
		fmt.Fprintf(&o, "line %d\n", i)
	}
	o.Write([]byte("partial"))
	if got := o.last(2); strings.Join(got, "|") != fmt.Sprintf("line %d|partial", keptLines+49) {
		t.Errorf("last = %q", got)
	}
	if got := o.since(keptLines + 49); strings.Join(got, "|") != fmt.Sprintf("line %d|partial", keptLines+49) {
		t.Errorf("since = %q", got)
	}
	if got := o.since(0); len(got) != keptLines+1 {
		t.Errorf("since(0) = %d lines", len(got))
	}
	o.Write([]byte(strings.Repeat("x", 3*maxLineSize) + "\n"))
	if got := o.last(1); len(got[0]) != maxLineSize {
		t.Errorf("long line kept as %d bytes", len(got[0]))
	}
}

func TestListeningElsewhere(t *testing.T) {
	want, other := freeAddr(t), freeAddr(t)
	_, otherPort, _ := net.SplitHostPort(other)
	s, err := Start("PORT="+otherPort+" "+helper("serve"), "", want, other)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	err = s.WaitReady(context.Background(), 30*time.Second)
	var ee *ElsewhereError
	if !errors.As(err, &ee) || ee.Addr != other || !strings.Contains(err.Error(), "started accepting connections on "+other+", not on "+want) {
		t.Errorf("err = %v", err)
	}
}

func TestRestart(t *testing.T) {
	addr := freeAddr(t)
	s, err := Start(helper("serve"), "", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if err := s.WaitReady(context.Background(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	first := s.current().cmd.Process.Pid
	if err := s.Restart(context.Background(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if second := s.current().cmd.Process.Pid; second == first || alive(first) {
		t.Errorf("restart: pid %d -> %d (old alive: %v)", first, second, alive(first))
	}
	if _, err := http.Get("http://" + addr + "/again"); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	out := strings.Join(s.Last(10), "\n")
	if strings.Count(out, "starting on port") != 2 || !strings.Contains(out, "got GET /again") {
		t.Errorf("output:\n%s", out)
	}
}
