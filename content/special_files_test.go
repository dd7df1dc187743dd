//go:build linux

package content

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadGuarded runs Load and fails the test if it has not returned within a
// generous deadline: the old loader opened a named pipe and blocked for
// ever. The deadline is a guard only; a passing run returns at once.
func loadGuarded(t *testing.T, fsys fs.FS) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Load(fsys)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("Load hung (opened a special file?)")
		return nil
	}
}

// noStat hides an FS's Stat, so the loader falls back on the listing's types.
type noStat struct{ fsys fs.FS }

func (n noStat) Open(name string) (fs.File, error) { return n.fsys.Open(name) }

// Proves (issue 8 item 5): a named pipe, a socket, or a link to a pipe, in
// place of any file the loader reads (chapter, quiz, glossary.yaml,
// course.yaml), is a problem naming the file, found without opening it,
// through os.Root (the CLI's way), os.DirFS and an FS without Stat.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	special := map[string]func(path string) error{
		"pipe": func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"socket": func(p string) error {
			l, err := net.Listen("unix", p)
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		},
		"link to a pipe": func(p string) error {
			target := filepath.Join(filepath.Dir(p), "target-pipe")
			if err := syscall.Mkfifo(target, 0o600); err != nil {
				return err
			}
			return os.Symlink("target-pipe", p)
		},
	}
	want := map[string]string{"pipe": "named pipe (FIFO)", "socket": "a socket", "link to a pipe": "named pipe (FIFO)"}
	for _, name := range []string{"b.md", "alpha.quiz.yaml", "glossary.yaml", "course.yaml"} {
		for kind, make := range special {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(chapterMD("alpha", 1)), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := make(filepath.Join(dir, name)); err != nil {
				t.Skipf("cannot make a %s here: %v", kind, err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			for via, fsys := range map[string]fs.FS{"os.Root": root.FS(), "os.DirFS": os.DirFS(dir), "no Stat": noStat{os.DirFS(dir)}} {
				if via == "no Stat" && kind == "link to a pipe" {
					continue // the listing says "link"; only a stat can see through it
				}
				ps := problemsOf(t, loadGuarded(t, fsys))
				found := false
				for _, p := range ps {
					if p.File == name && strings.Contains(p.Msg, want[kind]) && strings.Contains(p.Msg, "not a regular file") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s as %s via %s: no problem naming it:\n%v", kind, name, via, ps)
				}
			}
		}
	}
}

// Proves: a named pipe where the labs/ folder should be, or as a lab file
// in it, is a problem naming it, not a hang (reading a pipe as a folder
// blocks as opening one does).
func TestLoadRefusesPipeForLabs(t *testing.T) {
	for _, c := range []struct{ pipe, file, want string }{
		{"labs", "labs", "named pipe (FIFO), not a folder"},
		{"labs/x.yaml", "labs/x.yaml", "named pipe (FIFO), not a regular file"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(chapterMD("alpha", 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(c.pipe)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(dir, c.pipe), 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		ps := problemsOf(t, loadGuarded(t, root.FS()))
		if len(ps) != 1 || ps[0].File != c.file || !strings.Contains(ps[0].Msg, c.want) {
			t.Errorf("%s as a pipe: problems %v, want one on %s saying %q", c.pipe, ps, c.file, c.want)
		}
	}
}
