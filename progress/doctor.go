package progress

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/filekind"
)

// Check reports whether the progress file at path is healthy: nil if so,
// otherwise a *DamagedError, *NewerSchemaError or *NotAFileError (or an fs
// error such as fs.ErrNotExist when there is no file). It never writes to the file; it
// only takes a shared lock, so it can run while a tutor is open.
func Check(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &NotAFileError{Path: path, What: filekind.Describe(info.Mode())}
	}
	_, err = verify(path, true)
	return err
}

// MoveAside renames a (damaged) progress file to
// path.damaged-YYYYMMDD-HHMMSS and returns the new name, so `doctor --reset`
// starts fresh without destroying anything the learner might want back.
// Only a regular file is moved: for a folder, pipe, device or symbolic
// link it returns *NotAFileError and changes nothing (a link is refused
// too: renaming it would leave its target, the file that is damaged, as
// it was).
func MoveAside(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", &NotAFileError{Path: path, What: filekind.Describe(info.Mode())}
	}
	base := path + ".damaged-" + time.Now().Format("20060102-150405")
	dst := base
	// Never clobber an earlier quarantined file from the same second.
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, dst); err != nil {
		return "", err
	}
	return dst, nil
}

// fullCheckLimit is the file size up to which opening the file checks the
// whole history (every attempt decoded, every page walked). A learner's
// file stays below it for months; past it, start-up checks only what grows
// with the chapters (the header, the summaries, the open attempts), so a
// year of saved answers does not slow every start: a full check of 100,000
// answers takes about 350 ms. doctor (Check) always checks everything, and
// an old attempt that is damaged is still reported when it is read.
const fullCheckLimit = 256 << 10

// verify checks an existing file without writing to it and returns its
// schema version. Order matters: first our own header check (plain reads,
// no mmap), then bbolt opens it read-only under the fault guard, then we
// decode the records in this goroutine, and only then does tx.Check (which
// runs in a goroutine of its own, outside our fault guard) walk the pages
// we have already touched safely. Unless full is set, a file larger than
// fullCheckLimit gets the checks that are bounded by the number of
// chapters and skips those that are bounded by the history.
func verify(path string, full bool) (schema int, err error) {
	if err := preflight(path); err != nil {
		return 0, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() <= fullCheckLimit {
		full = true
	}
	err = withDB(path, true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			v, err := readSchema(tx, path)
			if err != nil {
				return err
			}
			schema = v
			if err := checkRecords(tx, path, v, full); err != nil {
				return err
			}
			if !full {
				return nil
			}
			var problems []string
			for e := range tx.Check() {
				if len(problems) < 3 {
					problems = append(problems, e.Error())
				}
			}
			if len(problems) > 0 {
				return &DamagedError{Path: path, Reason: "consistency check failed: " + strings.Join(problems, "; ")}
			}
			return nil
		})
	})
	return schema, err
}

// checkRecords decodes every record, so a garbled value is found by doctor
// and at start-up rather than halfway through a quiz. Without full it skips
// the attempt history but still decodes each chapter's open attempt. A file
// before schema 3 is checked in its own layout (it is migrated only after).
func checkRecords(tx *bolt.Tx, path string, schema int, full bool) error {
	if schema < 3 {
		sc := legacyScope(tx)
		if err := checkLast(sc, ""); err != nil {
			return err
		}
		return checkPack(sc, "", full)
	}
	profiles, err := child(tx, nil, bucketProfiles)
	if err != nil || profiles == nil {
		return err
	}
	return forEachBucket(path, profiles, "profile", "profiles/", func(name string, profile *bolt.Bucket) error {
		where := fmt.Sprintf("profile %q: ", name)
		if name == DefaultProfile {
			where = ""
		}
		if err := checkLast(&scoped{path: path, profile: profile}, where); err != nil {
			return err
		}
		packs, err := child(tx, profile, bucketPacks)
		if err != nil {
			return &DamagedError{Path: path, Reason: fmt.Sprintf("%spacks %v", where, err)} // "packs is not a bucket"
		}
		if packs == nil {
			return nil
		}
		return forEachBucket(path, packs, "pack", where+"packs/", func(pack string, _ *bolt.Bucket) error {
			sc, err := viewScope(tx, path, name, pack)
			if err != nil {
				return err
			}
			in := ""
			if name != DefaultProfile || pack != DefaultPack {
				in = fmt.Sprintf("profile %q pack %q: ", name, pack)
			}
			return checkPack(sc, in, full)
		})
	})
}

// forEachBucket runs fn on every entry of parent, each of which must be a
// bucket with a valid name (CheckName).
func forEachBucket(path string, parent *bolt.Bucket, what, where string, fn func(name string, b *bolt.Bucket) error) error {
	return parent.ForEach(func(k, v []byte) error {
		if v != nil {
			return &DamagedError{Path: path, Reason: fmt.Sprintf("%s%q %v", where, k, errNotBucket)}
		}
		if err := CheckName(what, string(k)); err != nil {
			return &DamagedError{Path: path, Reason: where + err.Error()}
		}
		return fn(string(k), parent.Bucket(k))
	})
}

func checkLast(sc *scoped, where string) error {
	if sc.profile == nil {
		return nil
	}
	if raw := sc.profile.Get(keyLast); raw != nil {
		if _, _, err := decodePlace(raw); err != nil {
			return &DamagedError{Path: sc.path, Reason: where + err.Error()}
		}
	}
	if _, err := getTally(sc); err != nil {
		var de *DamagedError
		if errors.As(err, &de) {
			de.Reason = where + de.Reason
		}
		return err
	}
	return nil
}

// checkPack checks one pack's chapters and attempts; where names the
// profile and pack in messages ("" for the default ones).
func checkPack(sc *scoped, where string, full bool) error {
	damaged := func(format string, a ...any) error {
		return &DamagedError{Path: sc.path, Reason: where + fmt.Sprintf(format, a...)}
	}
	if sc.attempts != nil && full {
		// Every record decoded, on every core (history_check.go).
		if err := checkHistory(sc.attempts, sc.path, where); err != nil {
			return err
		}
	}
	if err := checkLabs(sc, where, full); err != nil {
		return err
	}
	if err := checkSummaries(sc); err != nil {
		if d, ok := err.(*DamagedError); ok {
			d.Reason = where + d.Reason
		}
		return err
	}
	if err := checkCards(sc, where, full); err != nil {
		return err
	}
	if sc.chapters == nil {
		return nil
	}
	return sc.chapters.ForEach(func(k, v []byte) error {
		r, err := decodeChapter(v)
		if err != nil {
			return damaged("chapter %q: %v", k, err)
		}
		if r.ID != string(k) {
			return damaged("chapter %q is filed under the wrong key", k)
		}
		if r.OpenAttempt != 0 {
			a, err := getAttempt(sc, r.ID, r.OpenAttempt)
			if err != nil || a.Finished != nil || a.Abandoned {
				return damaged("chapter %q: its open quiz attempt %d is missing or closed", k, r.OpenAttempt)
			}
		}
		return nil
	})
}

// openNoWait opens path with O_NONBLOCK, so that a named pipe put where
// the progress file was (after the caller's stat said it was a regular
// file) cannot block the open; callers check what they opened. The flag
// changes nothing for a regular file.
func openNoWait(path string, flag int) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NONBLOCK, 0)
}

// bbolt meta page layout (go.etcd.io/bbolt internal/common/meta.go, file
// format version 2, stable since boltdb): a 16-byte page header, then
// magic, version, pageSize, flags (uint32 each), root bucket {root pgid,
// sequence}, freelist pgid, high-water pgid, txid, checksum (uint64 each),
// in native byte order, checksum = FNV-64a of the bytes before it.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumLen     = 56 // bytes covered by the checksum
	noFreelist     = ^uint64(0)
)

type boltMeta struct {
	pageSize               uint32
	root, freelist, hiPgid uint64
	txid                   uint64
}

func parseMeta(page []byte) (boltMeta, bool) {
	if len(page) < pageHeaderSize+metaSumLen+8 {
		return boltMeta{}, false
	}
	m := page[pageHeaderSize:]
	ne := binary.NativeEndian
	h := fnv.New64a()
	h.Write(m[:metaSumLen])
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion || ne.Uint64(m[56:]) != h.Sum64() {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: ne.Uint32(m[8:]),
		root:     ne.Uint64(m[16:]),
		freelist: ne.Uint64(m[32:]),
		hiPgid:   ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}, true
}

// preflight reads the two bbolt meta pages with ordinary reads and checks
// that the file is a bbolt file and is as long as its header says. bbolt
// itself would mmap a truncated file and fault (SIGBUS) when it touches the
// missing pages, which no recover() can catch without SetPanicOnFault, and
// not at all inside tx.Check's own goroutine; this catches truncation with
// a clear message before any of that.
func preflight(path string) error {
	f, err := openNoWait(path, os.O_RDONLY)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() { // swapped for a pipe or device since our stat
		return &NotAFileError{Path: path, What: filekind.Describe(fi.Mode())}
	}
	size := fi.Size()
	if size < minFileSize {
		return tooSmall(path, size)
	}
	readPage := func(off int64) []byte {
		buf := make([]byte, 4096)
		n, err := f.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil
		}
		return buf[:n]
	}
	var metas []boltMeta
	m0, ok0 := parseMeta(readPage(0))
	if ok0 {
		metas = append(metas, m0)
		if m1, ok := parseMeta(readPage(int64(m0.pageSize))); ok {
			metas = append(metas, m1)
		}
	} else {
		// Like bbolt: meta 0 is unreadable, so probe for meta 1 at each
		// plausible page size.
		for ps := int64(1024); ps <= 1<<24 && ps < size; ps <<= 1 {
			if m1, ok := parseMeta(readPage(ps)); ok && int64(m1.pageSize) == ps {
				metas = append(metas, m1)
				break
			}
		}
	}
	if len(metas) == 0 {
		return &DamagedError{Path: path, Reason: "it is not a progress database (no valid database header)"}
	}
	best := metas[0]
	for _, m := range metas[1:] {
		if m.txid > best.txid {
			best = m
		}
	}
	if best.pageSize < 512 || best.pageSize > 1<<24 || best.pageSize&(best.pageSize-1) != 0 {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("its header has an impossible page size %d", best.pageSize)}
	}
	if best.hiPgid < 4 || best.root >= best.hiPgid || (best.freelist != noFreelist && best.freelist >= best.hiPgid) {
		return &DamagedError{Path: path, Reason: "its header points outside the database"}
	}
	if need := best.hiPgid * uint64(best.pageSize); need > uint64(size) || need/uint64(best.pageSize) != best.hiPgid {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("the file is truncated: %d bytes, its header needs %d", size, need)}
	}
	return nil
}
