package progress

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Attempts live in attempts/<chapterID>/<8-byte big-endian id>. Ids come from
// the nested bucket's sequence, so they start at 1, only grow, and are never
// reused. Every change also updates the chapter's ChapterRecord in the same
// transaction, so the summary can never disagree with the history.

// StartAttempt begins a quiz run with the given question order and option
// shuffles, marks it as the chapter's open attempt and the "Continue"
// target. An attempt still open for the chapter is marked abandoned: the
// caller offers "resume" before starting a new one, so reaching here means
// the learner chose not to.
func (s *Store) StartAttempt(chapterID, contentHash string, order []string, shuffles map[string][]int) (Attempt, error) {
	if err := checkID("chapter id", chapterID); err != nil {
		return Attempt{}, err
	}
	var a Attempt
	err := s.update(func(tx *bolt.Tx) error {
		r, err := getChapter(tx, chapterID)
		if err != nil {
			return err
		}
		b, err := tx.Bucket(bucketAttempts).CreateBucketIfNotExists([]byte(chapterID))
		if err != nil {
			return err
		}
		if r.OpenAttempt != 0 {
			if old, err := getAttempt(tx, chapterID, r.OpenAttempt); err == nil && old.Finished == nil {
				old.Abandoned = true
				if err := putAttempt(tx, old); err != nil {
					return err
				}
			}
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		a = Attempt{
			ID:          id,
			ChapterID:   chapterID,
			ContentHash: contentHash,
			Started:     time.Now(),
			Order:       slices.Clone(order),
			Answers:     []Answer{},
		}
		if len(shuffles) > 0 {
			a.Shuffles = make(map[string][]int, len(shuffles))
			for q, p := range shuffles {
				a.Shuffles[q] = slices.Clone(p)
			}
		}
		if err := putAttempt(tx, a); err != nil {
			return err
		}
		r.OpenAttempt = id
		r.ContentHash = contentHash
		if err := putChapter(tx, r); err != nil {
			return err
		}
		return putLast(tx, Place{Screen: "quiz", ChapterID: chapterID})
	})
	if err != nil {
		return Attempt{}, err
	}
	return a, nil
}

// SaveAnswer stores one answer in an open attempt. Answering a question
// again in the same attempt replaces the earlier answer (and is not counted
// twice in ChapterRecord.Answered). A zero a.At is set to now.
func (s *Store) SaveAnswer(chapterID string, attemptID uint64, a Answer) error {
	if a.At.IsZero() {
		a.At = time.Now()
	}
	a.Given = slices.Clone(a.Given)
	return s.update(func(tx *bolt.Tx) error {
		at, err := openAttempt(tx, chapterID, attemptID)
		if err != nil {
			return err
		}
		if !slices.Contains(at.Order, a.QuestionID) {
			return fmt.Errorf("question %q is not part of attempt %d of chapter %q", a.QuestionID, attemptID, chapterID)
		}
		r, err := getChapter(tx, chapterID)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(at.Answers, func(x Answer) bool { return x.QuestionID == a.QuestionID }); i >= 0 {
			at.Answers[i] = a
		} else {
			at.Answers = append(at.Answers, a)
			r.Answered++
			if err := putChapter(tx, r); err != nil {
				return err
			}
		}
		return putAttempt(tx, at)
	})
}

// FinishAttempt closes an open attempt with its score (percent) and
// whether it reached the pass mark, and returns the chapter's updated record.
func (s *Store) FinishAttempt(chapterID string, attemptID uint64, score int, passed bool) (ChapterRecord, error) {
	if err := checkPercent("score", score); err != nil {
		return ChapterRecord{}, err
	}
	var rec ChapterRecord
	err := s.update(func(tx *bolt.Tx) error {
		at, err := openAttempt(tx, chapterID, attemptID)
		if err != nil {
			return err
		}
		now := time.Now()
		at.Finished, at.Score, at.Passed = &now, score, passed
		if err := putAttempt(tx, at); err != nil {
			return err
		}
		r, err := getChapter(tx, chapterID)
		if err != nil {
			return err
		}
		r.Attempts++
		r.LastScore = score
		r.BestScore = max(r.BestScore, score)
		r.Passed = r.Passed || passed
		if r.OpenAttempt == attemptID {
			r.OpenAttempt = 0
		}
		rec = r
		return putChapter(tx, r)
	})
	if err != nil {
		return ChapterRecord{}, err
	}
	return rec, nil
}

// DropAttempt abandons an unfinished attempt the learner chose not to
// resume. Its answers stay in the file (and in Answered); it just stops
// being the chapter's open attempt. Dropping it twice is harmless.
func (s *Store) DropAttempt(chapterID string, id uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		at, err := getAttempt(tx, chapterID, id)
		if err != nil {
			return err
		}
		if at.Finished != nil {
			return fmt.Errorf("dropping attempt %d of chapter %q: %w", id, chapterID, ErrAttemptClosed)
		}
		if at.Abandoned {
			return nil
		}
		at.Abandoned = true
		if err := putAttempt(tx, at); err != nil {
			return err
		}
		r, err := getChapter(tx, chapterID)
		if err != nil {
			return err
		}
		if r.OpenAttempt != id {
			return nil
		}
		r.OpenAttempt = 0
		return putChapter(tx, r)
	})
}

// Attempt returns one attempt; errors.Is(err, ErrNoAttempt) if there is none.
func (s *Store) Attempt(chapterID string, id uint64) (Attempt, error) {
	var a Attempt
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, err = getAttempt(tx, chapterID, id)
		return err
	})
	if isMissing(err) {
		return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", id, chapterID, ErrNoAttempt)
	}
	return a, err
}

// Attempts returns every attempt of a chapter, oldest (lowest id) first.
func (s *Store) Attempts(chapterID string) ([]Attempt, error) {
	out := []Attempt{}
	err := s.view(func(tx *bolt.Tx) error {
		b := attemptBucket(tx, chapterID)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", chapterID, k, err)}
			}
			out = append(out, a)
			return nil
		})
	})
	if isMissing(err) {
		return []Attempt{}, nil
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func attemptBucket(tx *bolt.Tx, chapterID string) *bolt.Bucket {
	all := tx.Bucket(bucketAttempts)
	if all == nil {
		return nil
	}
	return all.Bucket([]byte(chapterID))
}

func getAttempt(tx *bolt.Tx, chapterID string, id uint64) (Attempt, error) {
	var raw []byte
	if b := attemptBucket(tx, chapterID); b != nil {
		raw = b.Get(attemptKey(id))
	}
	if raw == nil {
		return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", id, chapterID, ErrNoAttempt)
	}
	a, err := decodeAttempt(raw)
	if err != nil {
		return Attempt{}, &DamagedError{Path: tx.DB().Path(), Reason: fmt.Sprintf("chapter %q attempt %d: %v", chapterID, id, err)}
	}
	return a, nil
}

// openAttempt is getAttempt for operations that need a running attempt.
func openAttempt(tx *bolt.Tx, chapterID string, id uint64) (Attempt, error) {
	a, err := getAttempt(tx, chapterID, id)
	if err != nil {
		return Attempt{}, err
	}
	if a.Finished != nil || a.Abandoned {
		return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", id, chapterID, ErrAttemptClosed)
	}
	return a, nil
}

func putAttempt(tx *bolt.Tx, a Attempt) error {
	raw, err := encodeAttempt(a)
	if err != nil {
		return err
	}
	b, err := tx.Bucket(bucketAttempts).CreateBucketIfNotExists([]byte(a.ChapterID))
	if err != nil {
		return err
	}
	return b.Put(attemptKey(a.ID), raw)
}
