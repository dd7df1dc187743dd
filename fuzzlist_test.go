package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryFuzzTargetListed: every Fuzz target in the repository is in
// README's fuzz row (as "`FuzzX` (package folder)") and in the Makefile's
// fuzz target, so `make fuzz` runs it and README does not undersell it.
func TestEveryFuzzTargetListed(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	makefile, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "| The parsers survive fuzzing") {
			row = l
		}
	}
	if row == "" {
		t.Fatal("README has no row starting \"| The parsers survive fuzzing\"")
	}
	fuzzFunc := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)
	found := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		pkg, target := dir, "./"+dir
		if dir == "." {
			pkg, target = "main", "."
		}
		for _, m := range fuzzFunc.FindAllStringSubmatch(string(src), -1) {
			found++
			if want := "`" + m[1] + "` (" + pkg + ")"; !strings.Contains(row, want) {
				t.Errorf("README's fuzz row does not list %s (%s)", want, path)
			}
			if want := "$(GO) test " + target + " -run '^$$' -fuzz '^" + m[1] + "$$'"; !strings.Contains(string(makefile), want) {
				t.Errorf("Makefile's fuzz target has no line %q (%s)", want, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 20 {
		t.Fatalf("found %d fuzz targets; the search is broken", found)
	}
}
