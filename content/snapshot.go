package content

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/gob"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
)

// The embedded guide is also compiled in as a snapshot: the Course that
// Load builds from it, gob-encoded by `go generate ./content`. Decoding it
// takes a fraction of a millisecond where parsing the YAML takes several, and
// every command pays for loading the course, so it matters for start-up
// (BENCHMARKS.md). The snapshot records a hash of the guide's files: if a
// chapter was edited without regenerating, the hash differs and the guide is
// loaded the slow way, so a stale snapshot can never show stale text.
// TestSnapshotIsFresh fails until it is regenerated.

//go:generate go run ./internal/snapgen

//go:embed guide.snapshot
var snapshotBytes []byte

// snapshotFile is what guide.snapshot holds.
type snapshotFile struct {
	SourceHash string
	Course     *Course
	Labs       []byte // gob of the labs, decoded on first use (Course.Labs)
}

// EmbeddedCourse is the loaded, validated embedded guide: from the snapshot
// when it matches the guide's files, otherwise by loading them.
func EmbeddedCourse() (*Course, error) {
	if c := decodeSnapshot(snapshotBytes, GuideHash()); c != nil {
		for _, p := range c.Packs {
			p.fsys = Embedded()
		}
		return c, nil
	}
	return Load(Embedded())
}

// GuideHash fingerprints every file of the embedded guide that the
// snapshot holds: labs/ included, labs/starters/ not (starters are read
// from the files when asked for, and hashing them would slow every start).
func GuideHash() string {
	h := sha256.New()
	var names []string
	_ = fs.WalkDir(guide, "guide", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.IsDir() && path == "guide/"+StartersDir:
			return fs.SkipDir
		case !d.IsDir():
			names = append(names, path)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		b, _ := guide.ReadFile(n)
		h.Write([]byte(strings.TrimPrefix(n, "guide/")))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func decodeSnapshot(b []byte, wantHash string) *Course {
	var s snapshotFile
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&s); err != nil || s.SourceHash != wantHash || s.Course == nil {
		return nil
	}
	c := s.Course
	c.labsGob = s.Labs
	c.byID = make(map[string]int, len(c.Chapters))
	for i, ch := range c.Chapters {
		c.byID[ch.ID] = i
	}
	return c
}

// EncodeSnapshot builds the snapshot of the embedded guide (for snapgen).
func EncodeSnapshot() ([]byte, error) {
	c, err := Load(Embedded())
	if err != nil {
		return nil, err
	}
	var labs bytes.Buffer
	if err := gob.NewEncoder(&labs).Encode(c.labs); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snapshotFile{SourceHash: GuideHash(), Course: c, Labs: labs.Bytes()}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeLabs decodes the labs of the snapshot. The snapshot matched the
// guide's files, so this cannot fail unless the binary is damaged; then the
// labs are loaded from the files.
func decodeLabs(b []byte) []*Lab {
	var labs []*Lab
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&labs); err == nil {
		return labs
	}
	if c, err := Load(Embedded()); err == nil {
		return c.labs
	}
	return nil
}
