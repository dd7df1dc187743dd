package progress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Reset moves records aside, never deletes them: one chapter's (its
// summary, attempts, retry answers, question summaries, and the review
// cards and review answers of its questions; labs stay) or, with All, every
// record of the pack, into profiles/<p>/packs/<pack>/backups/<name>/,
// which mirrors the pack's layout (chapters/<id>, attempts/<id>/...,
// retries/<id>/..., labs/..., cards/...) plus an info record. Names are
// the UTC time of the reset, so the last one sorts last; Undo moves it
// back. Doctor's record checks look only at the pack's live buckets, so
// backups need no schema change: the bucket is made on the first reset.

var (
	bucketBackups = []byte("backups")
	keyInfo       = []byte("info")
)

// resettable are the pack's buckets a reset of everything empties; a
// chapter's reset moves its entry from each of chapterBuckets (and its
// questions' cards). The studied quarter hours stay: the learner did
// study on those days.
var (
	chapterBuckets = [][]byte{bucketChapters, bucketAttempts, bucketRetries, bucketQuestions}
	packBuckets    = [][]byte{bucketChapters, bucketAttempts, bucketRetries, bucketLabs, bucketCards, bucketQuestions, bucketStudied}
)

// Backup describes one reset's saved records.
type Backup struct {
	Name     string    `json:"-"`
	At       time.Time `json:"at"`
	All      bool      `json:"all,omitempty"`
	Chapters []string  `json:"chapters,omitempty"` // the chapters whose records moved
	Undo     string    `json:"undo,omitempty"`     // set when undoing Undo's backup moved newer records here
}

// Reset moves chapterID's records (every record of the pack when all is
// set) into a new dated backup, in one transaction. It returns the backup,
// with an empty Name when there was nothing to move.
func (s *Store) Reset(chapterID string, all bool) (Backup, error) {
	op := s.scopeOp(Op{Kind: OpReset, Chapter: chapterID, All: all})
	if err := checkOp(op); err != nil {
		return Backup{}, refusedError{err}
	}
	var b Backup
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		b, err = resetTx(tx, s.path, op, time.Now())
		return err
	})
	return b, err
}

type entry struct{ bucket, key []byte }

func (e entry) same(o entry) bool {
	return bytes.Equal(e.bucket, o.bucket) && bytes.Equal(e.key, o.key)
}

func resetTx(tx *bolt.Tx, path string, op Op, now time.Time) (Backup, error) {
	pb, err := packBucket(tx, path, op.Profile, op.Pack, makeChild)
	if err != nil {
		return Backup{}, err
	}
	var items []entry
	names := chapterBuckets
	if op.All {
		names = packBuckets
	}
	for _, n := range names {
		b, err := child(tx, pb, n)
		if err != nil {
			return Backup{}, &DamagedError{Path: path, Reason: fmt.Sprintf("%q %v", n, err)}
		}
		if b == nil {
			continue
		}
		if !op.All {
			if k := []byte(op.Chapter); has(b, k) {
				items = append(items, entry{n, k})
			}
			continue
		}
		if err := b.ForEach(func(k, _ []byte) error {
			items = append(items, entry{n, bytes.Clone(k)})
			return nil
		}); err != nil {
			return Backup{}, err
		}
	}
	if !op.All {
		cards, err := chapterCards(tx, path, pb, op.Chapter)
		if err != nil {
			return Backup{}, err
		}
		items = append(items, cards...)
	}
	if len(items) == 0 {
		return Backup{}, nil // nothing to move: also a reset replayed after it was written
	}
	info := Backup{At: now.UTC(), All: op.All}
	if !op.All {
		info.Chapters = []string{op.Chapter}
	}
	for _, it := range items {
		if op.All && bytes.Equal(it.bucket, bucketChapters) {
			info.Chapters = append(info.Chapters, string(it.key))
		}
	}
	return info, moveToBackup(tx, path, pb, items, &info)
}

// moveToBackup makes a new backup named for info.At and moves items (pack
// bucket, key) from pb into it.
func moveToBackup(tx *bolt.Tx, path string, pb *bolt.Bucket, items []entry, info *Backup) error {
	backups, err := makeChild(tx, pb, bucketBackups)
	if err != nil {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("backups %v", err)}
	}
	base := info.At.Format("20060102T150405.000000000Z")
	info.Name = base
	for i := 2; backups.Get([]byte(info.Name)) != nil || backups.Bucket([]byte(info.Name)) != nil; i++ {
		info.Name = fmt.Sprintf("%s-%d", base, i)
	}
	bk, err := backups.CreateBucket([]byte(info.Name))
	if err != nil {
		return err
	}
	raw, err := json.Marshal(info)
	if err != nil {
		return err
	}
	if err := bk.Put(keyInfo, raw); err != nil {
		return err
	}
	for _, it := range items {
		dst, err := bk.CreateBucketIfNotExists(it.bucket)
		if err != nil {
			return err
		}
		if err := moveEntry(pb.Bucket(it.bucket), dst, it.key); err != nil {
			return fmt.Errorf("moving %s/%s: %w", it.bucket, it.key, err)
		}
	}
	return nil
}

// moveEntry moves key (a value or a nested bucket, with its sequence) from
// src to dst, which must not hold it.
func moveEntry(src, dst *bolt.Bucket, key []byte) error {
	sb := src.Bucket(key)
	if sb == nil {
		v, ok := value(src, key)
		if !ok {
			return nil
		}
		if err := dst.Put(bytes.Clone(key), bytes.Clone(v)); err != nil {
			return err
		}
		return src.Delete(key)
	}
	nb, err := dst.CreateBucket(bytes.Clone(key))
	if err != nil {
		return err
	}
	// Copied, not moved: see migrateV2toV3 on bbolt's MoveBucket.
	if err := copyBucket(sb, nb); err != nil {
		return err
	}
	return src.DeleteBucket(key)
}

// Undo brings back the records of the last backup, in one transaction.
// Records made since in the same places are not lost: they move into a
// new backup first (so undoing again swaps them back). It returns the
// backup restored, with an empty Name when there is none.
func (s *Store) Undo() (Backup, error) {
	var restored Backup
	err := s.update(func(tx *bolt.Tx) error {
		pb, err := packBucket(tx, s.path, s.profile, s.pack, makeChild)
		if err != nil {
			return err
		}
		backups, err := child(tx, pb, bucketBackups)
		if err != nil || backups == nil {
			return err
		}
		name, _ := backups.Cursor().Last()
		if name == nil {
			return nil
		}
		name = bytes.Clone(name)
		bk := backups.Bucket(name)
		if bk == nil {
			return &DamagedError{Path: s.path, Reason: fmt.Sprintf("backups/%q %v", name, errNotBucket)}
		}
		if err := json.Unmarshal(bk.Get(keyInfo), &restored); err != nil {
			return &DamagedError{Path: s.path, Reason: fmt.Sprintf("backups/%q: %v", name, err)}
		}
		restored.Name = string(name)
		var items, clash []entry
		err = bk.ForEach(func(n, v []byte) error {
			if v != nil {
				return nil // info
			}
			live := pb.Bucket(n)
			return bk.Bucket(n).ForEach(func(k, _ []byte) error {
				it := entry{bytes.Clone(n), bytes.Clone(k)}
				items = append(items, it)
				if live != nil && has(live, k) {
					clash = append(clash, it)
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		// A chapter comes back whole: whatever of it is live now (its
		// record, attempts, retries, question summaries) moves aside even
		// where the backup holds nothing in that bucket, or a summary of
		// answers made since (a backup of an attempt started but not
		// answered has attempts and no questions) would stay beside a
		// history without them.
		for _, it := range slices.Clone(items) {
			if !slices.ContainsFunc(chapterBuckets, func(n []byte) bool { return bytes.Equal(n, it.bucket) }) {
				continue
			}
			for _, n := range chapterBuckets {
				e := entry{n, it.key}
				if live := pb.Bucket(n); live != nil && has(live, it.key) && !slices.ContainsFunc(clash, e.same) {
					clash = append(clash, e)
				}
			}
		}
		// A newer card of a restored card's question moves aside with its
		// due key (which differs from the restored one's), or the index
		// would keep a key for a card that is not there.
		for _, it := range clash {
			if !bytes.Equal(it.bucket, bucketCards) || it.key[0] != cardPrefix {
				continue
			}
			c, err := decodeCard(pb.Bucket(bucketCards).Get(it.key))
			if err != nil {
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("review card %q: %v", it.key[1:], err)}
			}
			c.QuestionID = string(it.key[1:])
			if due := dueKey(c); !slices.ContainsFunc(clash, func(e entry) bool { return bytes.Equal(e.key, due) }) {
				clash = append(clash, entry{bucketCards, due})
			}
		}
		if len(clash) > 0 {
			newer := Backup{At: time.Now().UTC(), All: restored.All, Chapters: restored.Chapters, Undo: restored.Name}
			if err := moveToBackup(tx, s.path, pb, clash, &newer); err != nil {
				return err
			}
		}
		for _, it := range items {
			dst, err := makeChild(tx, pb, it.bucket)
			if err != nil {
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("%q %v", it.bucket, err)}
			}
			if err := moveEntry(bk.Bucket(it.bucket), dst, it.key); err != nil {
				return err
			}
		}
		return backups.DeleteBucket(name)
	})
	return restored, err
}

// chapterCards are the entries of the cards bucket that belong to chapter:
// its questions' cards with their due keys, and its review answers. Cards
// are keyed by question, so this reads every card and review answer (a
// reset is rare; 100,000 cards decode in well under a second).
func chapterCards(tx *bolt.Tx, path string, pb *bolt.Bucket, chapter string) ([]entry, error) {
	cards, err := child(tx, pb, bucketCards)
	if err != nil {
		return nil, &DamagedError{Path: path, Reason: fmt.Sprintf("%q %v", bucketCards, err)}
	}
	if cards == nil {
		return nil, nil
	}
	var items []entry
	err = cards.ForEach(func(k, v []byte) error {
		if len(k) == 0 || v == nil {
			return nil
		}
		switch k[0] {
		case cardPrefix:
			c, err := decodeCard(v)
			if err != nil {
				return &DamagedError{Path: path, Reason: fmt.Sprintf("review card %q: %v", k[1:], err)}
			}
			if c.ChapterID == chapter {
				c.QuestionID = string(k[1:])
				items = append(items, entry{bucketCards, bytes.Clone(k)}, entry{bucketCards, dueKey(c)})
			}
		case reviewPrefix:
			var a ReviewAnswer
			if err := json.Unmarshal(v, &a); err != nil {
				return &DamagedError{Path: path, Reason: fmt.Sprintf("review answer %q: %v", k[1:], err)}
			}
			if a.Chapter == chapter {
				items = append(items, entry{bucketCards, bytes.Clone(k)})
			}
		}
		return nil
	})
	return items, err
}

// value is key's value in b; ok is false when b holds no value there. (A
// value stored empty in the same transaction reads back as nil from Get,
// so Get alone cannot tell an empty due-index value from a missing key.)
func value(b *bolt.Bucket, key []byte) (v []byte, ok bool) {
	k, v := b.Cursor().Seek(key)
	if !bytes.Equal(k, key) || b.Bucket(key) != nil {
		return nil, false
	}
	return v, true
}

// has reports whether b holds key, as a value or a bucket.
func has(b *bolt.Bucket, key []byte) bool {
	if b.Bucket(key) != nil {
		return true
	}
	_, ok := value(b, key)
	return ok
}
