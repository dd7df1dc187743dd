package progress

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Snapshot reads everything the home screen needs in one transaction. A
// missing file is not an error: it is a learner with no progress yet.
func (s *Store) Snapshot() (*Snapshot, error) {
	snap := &Snapshot{Chapters: map[string]ChapterRecord{}}
	err := s.view(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			snap.Welcomed = meta.Get(keyWelcomed) != nil
			if raw := meta.Get(keyLast); raw != nil {
				p, err := decodePlace(raw)
				if err != nil {
					return &DamagedError{Path: s.path, Reason: err.Error()}
				}
				snap.Last = &p
			}
		}
		chapters := tx.Bucket(bucketChapters)
		if chapters == nil {
			return nil
		}
		return chapters.ForEach(func(k, v []byte) error {
			r, err := decodeChapter(v)
			if err != nil {
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("chapter %q: %v", k, err)}
			}
			snap.Chapters[string(k)] = r
			return nil
		})
	})
	if isMissing(err) {
		return &Snapshot{Chapters: map[string]ChapterRecord{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// SaveReading records the reading position of a chapter: Line is where the
// learner is now, Furthest only ever grows. Out-of-range values are clamped
// (a viewport can briefly report -1 or 101 while resizing; that is not worth
// losing a save over). It also makes this chapter the "Continue" target.
// Call it on leaving a chapter or on a debounce, not per scroll step: each
// call is an fsync.
func (s *Store) SaveReading(chapterID, contentHash string, line, percent int) error {
	if err := checkID("chapter id", chapterID); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return readingTx(tx, chapterID, contentHash, line, percent) })
}

func readingTx(tx *bolt.Tx, chapterID, contentHash string, line, percent int) error {
	line = max(line, 0)
	percent = min(max(percent, 0), 100)
	r, err := getChapter(tx, chapterID)
	if err != nil {
		return err
	}
	r.ContentHash = contentHash
	r.Line = line
	r.Furthest = max(r.Furthest, percent)
	if err := putChapter(tx, r); err != nil {
		return err
	}
	return putLast(tx, Place{Screen: "chapter", ChapterID: chapterID})
}

// SaveLast records where the learner is, for "Continue". Screen must be
// "chapter" or "quiz".
func (s *Store) SaveLast(p Place) error {
	if err := validatePlace(p); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return putLast(tx, p) })
}

// SetWelcomed records that the first-run welcome has been dismissed.
func (s *Store) SetWelcomed() error {
	return s.update(welcomedTx)
}

func welcomedTx(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyWelcomed, []byte("1")) }

// getChapter returns the chapter's record, or a zero one with the id set.
func getChapter(tx *bolt.Tx, id string) (ChapterRecord, error) {
	if b := tx.Bucket(bucketChapters); b != nil {
		if raw := b.Get([]byte(id)); raw != nil {
			r, err := decodeChapter(raw)
			if err != nil {
				return ChapterRecord{}, &DamagedError{Path: tx.DB().Path(), Reason: fmt.Sprintf("chapter %q: %v", id, err)}
			}
			return r, nil
		}
	}
	return ChapterRecord{ID: id}, nil
}

func putChapter(tx *bolt.Tx, r ChapterRecord) error {
	raw, err := encodeChapter(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketChapters).Put([]byte(r.ID), raw)
}

func putLast(tx *bolt.Tx, p Place) error {
	raw, err := encodePlace(p)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyLast, raw)
}
