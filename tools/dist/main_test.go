package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The archives hold the named files with their contents, the binary is
// executable, and SHA256SUMS matches the archives byte for byte.
func TestArchivesAndSums(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "backend-tutor")
	readme := filepath.Join(dir, "README.md")
	os.WriteFile(bin, []byte("binary"), 0o755)
	os.WriteFile(readme, []byte("readme"), 0o644)
	files := map[string]string{"pkg/backend-tutor": bin, "pkg/README.md": readme}

	tgz := filepath.Join(dir, "a.tar.gz")
	zp := filepath.Join(dir, "a.zip")
	if err := writeArchive(tgz, files); err != nil {
		t.Fatal(err)
	}
	if err := writeArchive(zp, files); err != nil {
		t.Fatal(err)
	}

	f, _ := os.Open(tgz)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	got := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		got[h.Name] = string(data)
		if h.Name == "pkg/backend-tutor" && h.Mode&0o111 == 0 {
			t.Errorf("binary not executable in tar: %o", h.Mode)
		}
	}
	if got["pkg/backend-tutor"] != "binary" || got["pkg/README.md"] != "readme" {
		t.Errorf("tar contents = %v", got)
	}

	zr, err := zip.OpenReader(zp)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 2 || zr.File[0].Name != "pkg/README.md" {
		t.Errorf("zip entries = %v", zr.File)
	}

	sums := filepath.Join(dir, "SHA256SUMS")
	if err := writeSums(sums, []string{tgz, zp}); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(sums)
	data, _ := os.ReadFile(tgz)
	h := sha256.Sum256(data)
	if !strings.Contains(string(text), hex.EncodeToString(h[:])+"  a.tar.gz\n") {
		t.Errorf("SHA256SUMS = %q", text)
	}
}

func TestBadTarget(t *testing.T) {
	if err := run("v", "c", "d", t.TempDir(), []string{"linux"}); err == nil {
		t.Fatal("a target without an architecture was accepted")
	}
}
