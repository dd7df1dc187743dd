package progress

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Answers to a missed-only retry live apart from attempts, in
// profiles/<p>/packs/<pack>/retries/<chapterID>/<answer id>, one Answer as
// JSON each. The bucket is made on the first write, so files without it
// need no migration, and nothing there changes a ChapterRecord: a retry
// of the missed questions moves none of answered, attempts, best_score,
// passed or Continue. (Review cards, another feature, live under cards/.)

var bucketRetries = []byte("retries")

// packBucket finds profiles/<profile>/packs/<pack> with step (child to
// read, makeChild to write); nil when it is missing and step is child.
func packBucket(tx *bolt.Tx, path, profile, pack string, step func(*bolt.Tx, *bolt.Bucket, []byte) (*bolt.Bucket, error)) (*bolt.Bucket, error) {
	var b *bolt.Bucket
	for _, name := range [][]byte{bucketProfiles, []byte(profile), bucketPacks, []byte(pack)} {
		next, err := step(tx, b, name)
		if err != nil {
			return nil, &DamagedError{Path: path, Reason: fmt.Sprintf("profile %q pack %q: %q %v", profile, pack, name, err)}
		}
		if next == nil {
			return nil, nil
		}
		b = next
	}
	return b, nil
}

// retryTx stores op.Answer under retries/<chapter>/<answer id>; storing
// the same answer again (a retried save, a recovery file merged twice)
// changes nothing.
func retryTx(tx *bolt.Tx, path, profile, pack string, op Op) error {
	ans := *op.Answer
	if ans.ID == "" {
		return refused("retry answer to %q has no id", ans.QuestionID)
	}
	if err := checkID("question id", ans.QuestionID); err != nil {
		return refused("retry answer: %w", err)
	}
	if ans.At.IsZero() {
		ans.At = time.Now()
	}
	raw, err := json.Marshal(ans)
	if err != nil {
		return err
	}
	pb, err := packBucket(tx, path, profile, pack, makeChild)
	if err != nil {
		return err
	}
	b, err := makeChild(tx, pb, bucketRetries)
	if err == nil {
		b, err = makeChild(tx, b, []byte(op.Chapter))
	}
	if err != nil {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("retries/%q: %v", op.Chapter, err)}
	}
	if b.Get([]byte(ans.ID)) != nil {
		return nil
	}
	return b.Put([]byte(ans.ID), raw)
}

// SaveRetryAnswer stores one answer of a missed-only retry of a chapter.
func (s *Store) SaveRetryAnswer(chapterID string, a Answer) error {
	_, err := s.Apply(Op{Kind: OpRetry, Chapter: chapterID, Answer: &a})
	return err
}

// RetryAnswers returns a chapter's missed-only retry answers, in key
// (answer id) order.
func (s *Store) RetryAnswers(chapterID string) ([]Answer, error) {
	if t, plain := s.route(chapterID); t != s {
		return t.RetryAnswers(plain)
	}
	out := []Answer{}
	err := s.viewTx(func(tx *bolt.Tx) error {
		pb, err := packBucket(tx, s.path, s.profile, s.pack, child)
		if pb == nil || err != nil {
			return err
		}
		b, err := child(tx, pb, bucketRetries)
		if b == nil || err != nil {
			return err
		}
		if b = b.Bucket([]byte(chapterID)); b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a Answer
			if err := json.Unmarshal(v, &a); err != nil {
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("retries/%q/%q: %v", chapterID, k, err)}
			}
			out = append(out, a)
			return nil
		})
	})
	if isMissing(err) {
		return []Answer{}, nil
	}
	return out, err
}

// viewTx runs fn in a read-only transaction of a schema-3 file (an older
// file has none of the records it reads).
func (s *Store) viewTx(fn func(tx *bolt.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return withDB(s.path, true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			schema, err := readSchema(tx, s.path)
			if err != nil || schema < 3 {
				return err
			}
			return fn(tx)
		})
	})
}
