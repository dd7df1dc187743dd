package progress

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Every learner's records live under a profile, and every course's records
// under its pack (schema 3): profiles/<profile>/packs/<pack>/{chapters,
// attempts,labs,cards}. A Store reads and writes one profile and pack, its
// scope; see Store.Scope.

// DefaultProfile and DefaultPack are the scope of a Store from Open, and the
// place every record of a schema-2 file (one learner, one course) moved to.
const (
	DefaultProfile = "default"
	DefaultPack    = "guide" // the built-in course
)

// maxNameLen bounds profile and pack names: a learner types the one, a
// pack's manifest gives the other, and both end up in lists and file names.
const maxNameLen = 64

var (
	bucketProfiles = []byte("profiles")
	bucketPacks    = []byte("packs")
	bucketLabs     = []byte("labs")
	bucketCards    = []byte("cards")
)

// CheckName reports whether name can name a profile or a pack: not empty,
// at most 64 bytes of valid UTF-8, every character printable (letters,
// marks, numbers, punctuation, symbols and the ASCII space).
func CheckName(what, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%s name is empty", what)
	case len(name) > maxNameLen:
		return fmt.Errorf("%s name is %d bytes long (max %d)", what, len(name), maxNameLen)
	case !utf8.ValidString(name):
		return fmt.Errorf("%s name %q is not valid UTF-8", what, name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%s name %q has a character that cannot be shown (%U)", what, name, r)
		}
	}
	return nil
}

// Scope returns a Store for the same file that reads and writes the
// records of another profile and pack. It shares the file and this
// process's lock with s; the profile and pack buckets are made on the
// first write.
func (s *Store) Scope(profile, pack string) (*Store, error) {
	if err := CheckName("profile", profile); err != nil {
		return nil, err
	}
	if err := CheckName("pack", pack); err != nil {
		return nil, err
	}
	return &Store{shared: s.shared, profile: profile, pack: pack}, nil
}

// Profile is the profile this Store reads and writes.
func (s *Store) Profile() string { return s.profile }

// Pack is the pack (course) this Store reads and writes.
func (s *Store) Pack() string { return s.pack }

// scoped is one profile and pack's buckets inside a transaction. Every
// function that reads or writes records goes through one, so no record can
// land outside its scope. In a read-only transaction a bucket that does not
// exist yet is nil and reads as empty; in a write transaction every bucket
// exists.
type scoped struct {
	path                            string
	profile                         *bolt.Bucket // per learner: welcomed, last
	chapters, attempts, labs, cards *bolt.Bucket
	questions, studied              *bolt.Bucket // schema 4 (questions.go)
	pack                            string
}

var errNotBucket = errors.New("is not a bucket")

// viewScope finds profile and pack's buckets for reading.
func viewScope(tx *bolt.Tx, path, profile, pack string) (*scoped, error) {
	return findScope(tx, path, profile, pack, child)
}

// updateScope finds profile and pack's buckets for writing, making any
// that are missing.
func updateScope(tx *bolt.Tx, path, profile, pack string) (*scoped, error) {
	return findScope(tx, path, profile, pack, makeChild)
}

// findScope walks profiles/<profile>/packs/<pack> with step (child to
// read, makeChild to write); it stops, with nil buckets, at one missing.
func findScope(tx *bolt.Tx, path, profile, pack string, step func(*bolt.Tx, *bolt.Bucket, []byte) (*bolt.Bucket, error)) (*scoped, error) {
	sc := &scoped{path: path, pack: pack}
	steps := [][]byte{bucketProfiles, []byte(profile), bucketPacks, []byte(pack)}
	var b *bolt.Bucket
	for i, name := range steps {
		next, err := step(tx, b, name)
		if err != nil {
			return nil, sc.damaged(steps[:i+1], err)
		}
		if next == nil {
			return sc, nil
		}
		b = next
		if i == 1 {
			sc.profile = b
		}
	}
	for _, f := range []struct {
		dst  **bolt.Bucket
		name []byte
	}{{&sc.chapters, bucketChapters}, {&sc.attempts, bucketAttempts}, {&sc.labs, bucketLabs}, {&sc.cards, bucketCards},
		{&sc.questions, bucketQuestions}, {&sc.studied, bucketStudied}} {
		var err error
		if *f.dst, err = step(tx, b, f.name); err != nil {
			return nil, sc.damaged(append(steps, f.name), err)
		}
	}
	return sc, nil
}

// legacyScope is the schema 0-2 layout (chapters and attempts at the top,
// per-learner keys in meta), for the migrations written against it.
func legacyScope(tx *bolt.Tx) *scoped {
	return &scoped{
		path:     tx.DB().Path(),
		profile:  tx.Bucket(bucketMeta),
		chapters: tx.Bucket(bucketChapters),
		attempts: tx.Bucket(bucketAttempts),
		pack:     DefaultPack,
	}
}

// child is parent's sub-bucket name (a top-level bucket when parent is
// nil), nil when there is none, and errNotBucket when name holds a value.
func child(tx *bolt.Tx, parent *bolt.Bucket, name []byte) (*bolt.Bucket, error) {
	if parent == nil {
		return tx.Bucket(name), nil // the root holds only buckets
	}
	if b := parent.Bucket(name); b != nil {
		return b, nil
	}
	if parent.Get(name) != nil {
		return nil, errNotBucket
	}
	return nil, nil
}

func makeChild(tx *bolt.Tx, parent *bolt.Bucket, name []byte) (*bolt.Bucket, error) {
	if parent == nil {
		return tx.CreateBucketIfNotExists(name)
	}
	if parent.Bucket(name) == nil && parent.Get(name) != nil {
		return nil, errNotBucket
	}
	return parent.CreateBucketIfNotExists(name)
}

func (sc *scoped) damaged(path [][]byte, err error) error {
	where := ""
	for i, p := range path {
		if i > 0 {
			where += "/"
		}
		where += fmt.Sprintf("%q", p)
	}
	return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("%s: %v", where, err)}
}
