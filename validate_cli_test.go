package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The empty-folder message names the folder as a clean path, however it
// was typed: never DIR/. or DIR//.
func TestValidateEmptyFolderPath(t *testing.T) {
	dir := t.TempDir()
	for _, arg := range []string{dir, dir + "/", dir + "//", dir + "/."} {
		code, _, errOut := runCLI(t, "validate", arg)
		want := filepath.Clean(dir) + ": no chapters found"
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("validate %q: exit %d, stderr %q; want exit 1 and %q", arg, code, errOut, want)
		}
		if first, _, _ := strings.Cut(errOut, "\n"); strings.Contains(first, "/.") || strings.Contains(first, "//") {
			t.Errorf("validate %q: unclean path in %q", arg, first)
		}
	}
}
