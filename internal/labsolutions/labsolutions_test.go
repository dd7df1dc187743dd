package labsolutions

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

// Every built-in lab has both solutions embedded; anything else is not found.
func TestGet(t *testing.T) {
	for _, lab := range []string{"hello-server", "notes-api", "notes-persist", "notes-login", "notes-validate", "notes-cache", "notes-pages"} {
		for _, lang := range Langs {
			src, err := Get(lab, lang)
			if err != nil || !strings.Contains(src, "Reference solution of the "+lab+" lab") {
				t.Errorf("%s in %s: %v\n%.80s", lab, lang, err, src)
			}
		}
	}
	for _, lab := range []string{"nope", "../go/hello-server", "go/hello-server", ""} {
		if _, err := Get(lab, "go"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Get(%q, go) = %v, want not found", lab, err)
		}
	}
	if _, err := Get("hello-server", "cobol"); !errors.Is(err, ErrNoLang) {
		t.Errorf("cobol: %v", err)
	}
}
