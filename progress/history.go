package progress

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	bolt "go.etcd.io/bbolt"
)

// History is everything one profile and pack holds: the chapter summaries
// and every attempt with every answer, for `backend-tutor export`. It is
// read in one transaction, so the summaries agree with the attempts.
type History struct {
	Chapters map[string]ChapterRecord
	Attempts map[string][]Attempt // by chapter id, oldest first
}

// History reads the scope's whole history. A missing file is an empty one.
func (s *Store) History() (*History, error) {
	h := &History{Chapters: map[string]ChapterRecord{}, Attempts: map[string][]Attempt{}}
	err := s.view(func(sc *scoped) error {
		if sc.chapters != nil {
			if err := sc.chapters.ForEach(func(k, v []byte) error {
				r, err := decodeChapter(v)
				if err != nil {
					return &DamagedError{Path: s.path, Reason: fmt.Sprintf("chapter %q: %v", k, err)}
				}
				h.Chapters[string(k)] = r
				return nil
			}); err != nil {
				return err
			}
		}
		if sc.attempts == nil {
			return nil
		}
		return decodeHistory(sc.attempts, s.path, h.Attempts)
	})
	if isMissing(err) {
		return &History{Chapters: map[string]ChapterRecord{}, Attempts: map[string][]Attempt{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return h, nil
}

// decodeHistory decodes every attempt under attempts into out (by chapter,
// in id order), on every core as checkHistory does: decoding is most of an
// export's reading time. Values are collected in the caller's
// fault-guarded goroutine; the workers read the same mapping (valid for
// the whole transaction) and guard themselves. The first damaged record in
// file order is reported.
func decodeHistory(attempts *bolt.Bucket, path string, out map[string][]Attempt) error {
	type record struct{ chapter, key, val []byte }
	var recs []record
	err := attempts.ForEachBucket(func(ch []byte) error {
		return attempts.Bucket(ch).ForEach(func(k, v []byte) error {
			recs = append(recs, record{ch, k, v})
			return nil
		})
	})
	if err != nil {
		return err
	}
	decoded := make([]Attempt, len(recs))
	errs := make([]error, len(recs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(recs)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			old := debug.SetPanicOnFault(true)
			defer debug.SetPanicOnFault(old)
			i := w
			defer func() {
				if r := recover(); r != nil && i < len(recs) {
					errs[i] = &DamagedError{Path: path, Reason: fmt.Sprintf("reading it failed: %v", r)}
				}
			}()
			var scratch historyAttempt
			for ; i < len(recs); i += workers {
				a, err := decodeHistoryAttempt(recs[i].val, &scratch)
				if err != nil {
					errs[i] = &DamagedError{Path: path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", recs[i].chapter, recs[i].key, err)}
					return
				}
				decoded[i] = a
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return err
		}
		ch := string(recs[i].chapter)
		out[ch] = append(out[ch], decoded[i])
	}
	return nil
}

// historyAttempt is Attempt without Shuffles, which an export does not
// carry: decoding a map per attempt was a third of an export's time
// (100,000 answers: 1.2 s of 1.8 s under load, pprof). It is decoded with
// the json v2 implementation (github.com/go-json-experiment/json), which
// reads these records several times faster than encoding/json; the
// options keep v1's leniency (invalid UTF-8, duplicate names), so it
// accepts what decodeAttempt accepts.
type historyAttempt struct {
	ID          uint64     `json:"id"`
	UID         string     `json:"uid,omitempty"`
	ChapterID   string     `json:"chapter"`
	ContentHash string     `json:"content_hash"`
	Started     time.Time  `json:"started"`
	Finished    *time.Time `json:"finished,omitempty"`
	Order       []string   `json:"order"`
	Answers     []Answer   `json:"answers"`
	Score       int        `json:"score"`
	Passed      bool       `json:"passed"`
	Abandoned   bool       `json:"abandoned,omitempty"`
}

// decodeHistoryAttempt is decodeAttempt for History: the same checks, but
// the option shuffles are skipped, not kept. scratch is the worker's own:
// its answer and order slices are decoded into (json v2 appends to a
// slice's capacity) and then copied out at their exact size, one
// allocation each instead of one per doubling (growing them was ~40% of
// an export's allocations, pprof). Nothing else in it is reused: a
// pointer left in it would be decoded into, shared by two attempts.
func decodeHistoryAttempt(b []byte, scratch *historyAttempt) (Attempt, error) {
	*scratch = historyAttempt{Answers: scratch.Answers[:0], Order: scratch.Order[:0]}
	h := scratch
	if err := jsonv2.Unmarshal(b, h, jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true)); err != nil {
		return Attempt{}, fmt.Errorf("attempt record: %w", err)
	}
	a := (Attempt{ID: h.ID, UID: h.UID, ChapterID: h.ChapterID, ContentHash: h.ContentHash, Started: h.Started,
		Finished: h.Finished, Order: exact(h.Order), Answers: exact(h.Answers), Score: h.Score, Passed: h.Passed, Abandoned: h.Abandoned})
	if err := validateAttempt(a); err != nil {
		return Attempt{}, fmt.Errorf("attempt record: %w", err)
	}
	if a.Answers == nil {
		a.Answers = []Answer{}
	}
	return a, nil
}

// exact is a copy of s at its length (nil for nil).
func exact[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// AttemptKey is an attempt's identity across files: its UID, or for an
// attempt saved before UIDs existed one derived from what never changes
// in it (chapter, id, start time), so exporting it twice gives one key.
func AttemptKey(a Attempt) string {
	if a.UID != "" {
		return a.UID
	}
	return legacyKey(a.ID, a.Started, a.ChapterID)
}

// AnswerKey is the identity of a's i-th answer across files: its ID, or
// for an answer saved before answer ids existed one derived from its
// attempt and place (answers are only ever appended, so i is stable).
func AnswerKey(a Attempt, i int) string {
	return answerKey(AttemptKey(a), i, a.Answers[i])
}

// AnswerKeys is AnswerKey of every answer of a, in order.
func AnswerKeys(a Attempt) []string {
	keys := make([]string, len(a.Answers))
	var ak string
	for i, x := range a.Answers {
		if x.ID != "" {
			keys[i] = x.ID
			continue
		}
		if ak == "" {
			ak = AttemptKey(a)
		}
		keys[i] = answerKey(ak, i, x)
	}
	return keys
}

func answerKey(attemptKey string, i int, x Answer) string {
	if x.ID != "" {
		return x.ID
	}
	return legacyKey(uint64(i), x.At, attemptKey, "\x00", x.QuestionID)
}

// legacyKey is "legacy-" and 128 bits of SHA-256 over the name (its
// parts joined), n and t, made with one allocation: a file from before ids
// has one per answer, and an export of 100,000 of them spent a tenth of
// its time here (pprof). The parts are appended, not concatenated first:
// that was another allocation per answer.
func legacyKey(n uint64, t time.Time, name ...string) string {
	buf := make([]byte, 0, 128)
	for _, part := range name {
		buf = append(buf, part...)
	}
	buf = binary.BigEndian.AppendUint64(append(buf, 0), n)
	buf = binary.BigEndian.AppendUint64(buf, uint64(t.UnixNano()))
	sum := sha256.Sum256(buf)
	var out [len("legacy-") + 32]byte
	copy(out[:], "legacy-")
	hex.Encode(out[len("legacy-"):], sum[:16])
	return string(out[:])
}

// keyLearner holds the learner's name, under profiles/<profile>/: the
// name an export and a class report show (a profile name is often a
// seat, "lab-3"). Set by `backend-tutor export --learner NAME`.
var keyLearner = []byte("learner")

// Learner is the profile's learner name, "" when none was given.
func (s *Store) Learner() (string, error) {
	var name string
	err := s.view(func(sc *scoped) error {
		if sc.profile != nil {
			if v := sc.profile.Get(keyLearner); v != nil {
				name = string(v)
				if err := CheckName("learner", name); err != nil {
					return &DamagedError{Path: s.path, Reason: fmt.Sprintf("profile %q: %v", s.profile, err)}
				}
			}
		}
		return nil
	})
	if isMissing(err) {
		return "", nil
	}
	return name, err
}

// SetLearner stores the profile's learner name (CheckName's rules).
func (s *Store) SetLearner(name string) error {
	if err := CheckName("learner", name); err != nil {
		return err
	}
	return s.updateScoped(func(sc *scoped) error { return sc.profile.Put(keyLearner, []byte(name)) })
}

// Profiles lists the file's profiles by name; a missing file has none.
func (s *Store) Profiles() ([]string, error) {
	var names []string
	err := s.eachProfile(func(name []byte, _ *bolt.Bucket) error {
		names = append(names, string(name))
		return nil
	})
	if isMissing(err) {
		return nil, nil
	}
	slices.Sort(names)
	return names, err
}
