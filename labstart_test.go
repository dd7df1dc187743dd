package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"backend-tutor/content"
)

func TestLabStartNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my lab")
	code, out, errOut := runCLI(t, "lab", "start", "hello-server", dir)
	if code != 0 || !strings.Contains(out, "server.py") || !strings.Contains(out, `--run "python3 server.py"`) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	if !strings.Contains(string(readme), "backend-tutor lab check hello-server --run \"python3 server.py\"") || !strings.Contains(string(readme), "# Lab: your first server") {
		t.Errorf("README.md:\n%s", readme)
	}
	// The learner has changed server.py; a second start must keep it, and
	// must not write README.md either (it writes nothing unless all is new).
	os.WriteFile(filepath.Join(dir, "server.py"), []byte("my work"), 0o644)
	os.Remove(filepath.Join(dir, "README.md"))
	code, _, errOut = runCLI(t, "lab", "start", "hello-server", dir)
	if code != 1 || !strings.Contains(errOut, "server.py already exists, and lab start never overwrites a file") || !strings.Contains(errOut, "Nothing was written") {
		t.Errorf("second start: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "server.py")); string(b) != "my work" {
		t.Errorf("server.py overwritten: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err == nil {
		t.Error("README.md written although server.py existed")
	}
	for _, tc := range []struct {
		args      []string
		code      int
		errSubstr string
	}{
		{[]string{"lab", "start"}, 2, "name one lab"},
		{[]string{"lab", "start", "1", "a", "b"}, 2, "name one lab"},
		{[]string{"lab", "start", "1", "--lang", "cobol"}, 2, `--lang "cobol": use python, node or go`},
		{[]string{"lab", "start", "nope"}, 1, `no lab has the id "nope"`},
	} {
		if code, _, errOut := runCLI(t, tc.args...); code != tc.code || !strings.Contains(errOut, tc.errSubstr) {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
		}
	}
}

// Every starter runs, passes the steps before its lab's work and fails
// the first step of it: it is a real start, and it leaves the lab's work to
// the learner. The number is the step each lab's starters must fail.
var starterFails = map[string]int{
	"hello-server": 2, "notes-api": 2, "notes-persist": 3, "notes-login": 2,
	"notes-validate": 2, "notes-cache": 2, "notes-pages": 4,
}

func TestStartersRunAndFailWhereExpected(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("--run is Unix-only")
	}
	tools := map[string]string{"python": "python3", "node": "node", "go": "go"}
	c, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range c.Labs() {
		lab, fails := l.ID, starterFails[l.ID]
		if fails < 2 {
			t.Errorf("lab %s: say in starterFails which step its starters fail (2 or later)", lab)
			continue
		}
		for _, lang := range []string{"python", "node", "go"} {
			t.Run(lab+"/"+lang, func(t *testing.T) {
				if _, err := exec.LookPath(tools[lang]); err != nil {
					t.Skipf("%s is not installed (.ci/run installs it)", tools[lang])
				}
				dir := filepath.Join(t.TempDir(), "s")
				if code, _, errOut := runCLI(t, "lab", "start", lab, dir, "--lang", lang); code != 0 {
					t.Fatalf("lab start: %d %s", code, errOut)
				}
				t.Chdir(dir) // --run runs in the current folder
				code, out, errOut := runCLI(t, "lab", "check", lab, "--url", "http://127.0.0.1:"+freeLoopbackPort(t), "--run", starterRun[lang], "--wait", "60s")
				passed := "✓ " + strconv.Itoa(fails-1) + ". "
				failed := "✗ " + strconv.Itoa(fails) + ". "
				if code != 1 || !strings.Contains(out, "✓ 1. ") || !strings.Contains(out, passed) || !strings.Contains(out, failed) {
					t.Errorf("exit %d\n%s\n%s", code, out, errOut)
				}
			})
		}
	}
}

// Attack: for a folder whose name holds a control or a bidi override, the
// "Run it: cd ..." line showed the name escaped (as every message must)
// inside single quotes, so the command, copied, named another folder. It
// uses the shell's $'...' quoting, whose escapes are the ones shown: the
// line is both safe to print and right to paste.
func TestLabStartCdLineRunsForAnyName(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, name := range []string{"my lab", "it's", "a\x1b]0;T\x07b\u202ec", "new\nline", "back\\slash", "bad\xffbyte"} {
		dir := filepath.Join(t.TempDir(), name)
		code, out, errOut := runCLI(t, "lab", "start", "hello-server", dir)
		if code != 0 {
			t.Fatalf("%q: exit %d\n%s", name, code, errOut)
		}
		_, rest, ok := strings.Cut(out, "Run it:    cd ")
		word, _, ok2 := strings.Cut(rest, " && ")
		if !ok || !ok2 {
			t.Fatalf("%q: no cd line:\n%s", name, out)
		}
		pwd, err := exec.Command(bash, "-c", "cd "+word+" && pwd -P").Output()
		if err != nil {
			t.Errorf("%q: cd %s: %v", name, word, err)
			continue
		}
		want, _ := filepath.EvalSymlinks(dir)
		if got := strings.TrimSuffix(string(pwd), "\n"); got != want {
			t.Errorf("%q: cd %s went to %q, want %q", name, word, got, want)
		}
	}
}
