// Command dist builds the release archives `make dist` hands out: one per
// operating system and architecture, each holding the binary, README and
// LICENSE-free docs a learner needs, plus SHA256SUMS over the archives.
//
// Plain `go build` per target (CGO off, -trimpath, stamped -ldflags) rather
// than GoReleaser: it needs nothing beyond the Go toolchain, which CI and
// an instructor's laptop already have.
//
// Usage: go run ./tools/dist -version V -commit C -date D [-out dist] [-targets linux/amd64,...]
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// defaultTargets are the platforms the README promises.
var defaultTargets = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

// extras are copied into every archive beside the binary.
var extras = []string{"README.md", "docs/authoring.md"}

func main() {
	version := flag.String("version", "dev", "version to stamp")
	commit := flag.String("commit", "unknown", "commit to stamp")
	date := flag.String("date", "unknown", "build date to stamp")
	out := flag.String("out", "dist", "output folder")
	targets := flag.String("targets", strings.Join(defaultTargets, ","), "comma-separated GOOS/GOARCH list")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "dist: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	if err := run(*version, *commit, *date, *out, strings.Split(*targets, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(version, commit, date, out string, targets []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.date=%s", version, commit, date)
	var archives []string
	for _, t := range targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
		if !ok || goos == "" || goarch == "" {
			return fmt.Errorf("target %q: want GOOS/GOARCH", t)
		}
		name := fmt.Sprintf("backend-tutor_%s_%s_%s", version, goos, goarch)
		bin := "backend-tutor"
		if goos == "windows" {
			bin += ".exe"
		}
		tmp, err := os.MkdirTemp("", "dist-")
		if err != nil {
			return err
		}
		binPath := filepath.Join(tmp, bin)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		fmt.Printf("building %s/%s\n", goos, goarch)
		if err := cmd.Run(); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("build %s/%s: %w", goos, goarch, err)
		}
		files := map[string]string{name + "/" + bin: binPath}
		for _, e := range extras {
			files[name+"/"+filepath.Base(e)] = e
		}
		archive := filepath.Join(out, name+".tar.gz")
		if goos == "windows" {
			archive = filepath.Join(out, name+".zip")
		}
		err = writeArchive(archive, files)
		os.RemoveAll(tmp)
		if err != nil {
			return err
		}
		archives = append(archives, archive)
	}
	return writeSums(filepath.Join(out, "SHA256SUMS"), archives)
}

// writeArchive writes files (name in archive → path on disk) as a .zip or
// .tar.gz, chosen by the archive's extension, in name order so two runs of
// the same inputs give the same listing.
func writeArchive(archive string, files map[string]string) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	f, err := os.Create(archive)
	if err != nil {
		return err
	}
	if strings.HasSuffix(archive, ".zip") {
		err = writeZip(f, names, files)
	} else {
		err = writeTarGz(f, names, files)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeZip(w io.Writer, names []string, files map[string]string) error {
	zw := zip.NewWriter(w)
	for _, n := range names {
		data, err := os.ReadFile(files[n])
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()}
		hdr.SetMode(0o644)
		if strings.HasSuffix(n, ".exe") || !strings.Contains(filepath.Base(n), ".") {
			hdr.SetMode(0o755)
		}
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeTarGz(w io.Writer, names []string, files map[string]string) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, n := range names {
		data, err := os.ReadFile(files[n])
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if !strings.Contains(filepath.Base(n), ".") {
			mode = 0o755 // the binary
		}
		hdr := &tar.Header{Name: n, Mode: mode, Size: int64(len(data)), ModTime: time.Unix(0, 0).UTC(), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeSums writes "hash  name" lines, the format `sha256sum -c` reads.
func writeSums(path string, archives []string) error {
	var b strings.Builder
	for _, a := range archives {
		data, err := os.ReadFile(a)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), filepath.Base(a))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
