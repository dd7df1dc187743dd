package render

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestASCII(t *testing.T) {
	in := "› 1. [x] ✓\u00a0right · ↓ more … █████░░░ “quoted” ┌─┐"
	got := ASCII(in)
	for _, r := range got {
		if r >= 0x80 {
			t.Fatalf("non-ASCII %q left in %q", r, got)
		}
	}
	if ansi.StringWidth(got) != ansi.StringWidth(in) {
		t.Errorf("width %d, was %d: %q", ansi.StringWidth(got), ansi.StringWidth(in), got)
	}
	if s := "plain text, \x1b[1mbold\x1b[m"; ASCII(s) != s {
		t.Errorf("ASCII changed %q", s)
	}
}

func TestWantASCII(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, c := range []struct {
		flag bool
		env  map[string]string
		want bool
	}{
		{false, nil, false},
		{true, map[string]string{"LANG": "C.UTF-8"}, true},
		{false, map[string]string{"LANG": "C.UTF-8"}, false},
		{false, map[string]string{"LANG": "en_GB.utf8"}, false},
		{false, map[string]string{"LC_ALL": "C", "LANG": "C.UTF-8"}, true},
		{false, map[string]string{"LC_CTYPE": "POSIX"}, true},
		{false, map[string]string{"LANG": "C"}, true},
		{false, map[string]string{"LANG": "de_DE.ISO-8859-1"}, true},
	} {
		if got := WantASCII(c.flag, env(c.env)); got != c.want {
			t.Errorf("WantASCII(%v, %v) = %v, want %v", c.flag, c.env, got, c.want)
		}
	}
}
