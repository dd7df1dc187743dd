package progress

import (
	"fmt"
	"slices"
)

// Imported is what `backend-tutor import` merges into a profile and pack:
// the furthest point read per chapter and attempts from an export, each
// attempt's UID and answers' IDs set to the AttemptKey and AnswerKey the
// export gave them. Merging is idempotent: an attempt is found again by its
// key and an answer by its id, so importing one file twice adds nothing.
type Imported struct {
	Read     map[string]int // chapter id → furthest percent read
	Attempts []Attempt
}

// ImportResult counts what an import added.
type ImportResult struct {
	Attempts int // attempts new to the file
	Answers  int // answers new to the file (in new or known attempts)
	Chapters int // chapters whose furthest point read grew
}

// importBatch bounds the attempts merged in one transaction: one fsync per
// batch instead of per attempt (10,000 attempts would take seconds), and a
// transaction of bounded size.
const importBatch = 500

// Import merges in into the Store's profile and pack. Every attempt is
// checked first, so a file with one bad attempt is refused before
// anything is written. Unfinished attempts come in abandoned (their
// answers count, but they are not resumed here).
func (s *Store) Import(in Imported) (ImportResult, error) {
	var res ImportResult
	for ch, p := range in.Read {
		if err := checkID("chapter id", ch); err != nil {
			return res, refused("import: %w", err)
		}
		if err := checkPercent("read percent of chapter "+fmt.Sprintf("%q", ch), p); err != nil {
			return res, refused("import: %w", err)
		}
	}
	for i, a := range in.Attempts {
		probe := a
		probe.ID = 1
		if err := validateAttempt(probe); err != nil {
			return res, refused("import: attempt %d (%s): %w", i+1, a.UID, err)
		}
		if err := checkID("attempt id", a.UID); err != nil {
			return res, refused("import: attempt %d: %w", i+1, err)
		}
		for j, x := range a.Answers {
			if x.ID == "" {
				return res, refused("import: attempt %d answer %d has no id", i+1, j+1)
			}
		}
		if a.Finished != nil && a.Abandoned {
			return res, refused("import: attempt %d is both finished and abandoned", i+1)
		}
	}
	if len(in.Read) > 0 {
		err := s.updateScoped(func(sc *scoped) error {
			for ch, p := range in.Read {
				r, err := getChapter(sc, ch)
				if err != nil {
					return err
				}
				if p <= r.Furthest {
					continue
				}
				r.Furthest = p
				if err := putChapter(sc, r); err != nil {
					return err
				}
				res.Chapters++
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	for start := 0; start < len(in.Attempts); start += importBatch {
		batch := in.Attempts[start:min(start+importBatch, len(in.Attempts))]
		var got ImportResult
		err := s.updateScoped(func(sc *scoped) error {
			got = ImportResult{}
			known := map[string]map[string]uint64{}
			for _, a := range batch {
				if err := importAttemptTx(sc, a, known, &got); err != nil {
					return err
				}
			}
			// The touched chapters' question summaries, from their
			// history as it is now (answers merged in any order).
			hist := map[string][]Attempt{}
			for ch := range known {
				b := attemptBucket(sc, ch)
				if b == nil {
					continue
				}
				err := b.ForEach(func(k, v []byte) error {
					a, err := decodeAttempt(v)
					if err != nil {
						return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", ch, k, err)}
					}
					hist[ch] = append(hist[ch], a)
					return nil
				})
				if err != nil {
					return err
				}
			}
			return rebuildSummaries(sc, hist)
		})
		if err != nil {
			return res, err
		}
		res.Attempts += got.Attempts
		res.Answers += got.Answers
	}
	return res, nil
}

// attemptKeys maps the chapter's attempts' keys to their ids, read once
// per transaction.
func attemptKeys(sc *scoped, chapter string, known map[string]map[string]uint64) (map[string]uint64, error) {
	if m, ok := known[chapter]; ok {
		return m, nil
	}
	m := map[string]uint64{}
	if b := attemptBucket(sc, chapter); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", chapter, k, err)}
			}
			m[AttemptKey(a)] = a.ID
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	known[chapter] = m
	return m, nil
}

// importAttemptTx merges one attempt: a new one is stored under the next
// id with its own times; a known one gets the answers it lacks and, if
// the import finished it, its finish.
func importAttemptTx(sc *scoped, in Attempt, known map[string]map[string]uint64, res *ImportResult) error {
	keys, err := attemptKeys(sc, in.ChapterID, known)
	if err != nil {
		return err
	}
	r, err := getChapter(sc, in.ChapterID)
	if err != nil {
		return err
	}
	var at Attempt
	fresh := false
	if id, ok := keys[in.UID]; ok {
		if at, err = getAttempt(sc, in.ChapterID, id); err != nil {
			return err
		}
	} else {
		b, err := sc.attempts.CreateBucketIfNotExists([]byte(in.ChapterID))
		if err != nil {
			return err
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		at = in
		at.ID, at.Answers, at.Finished, at.Score, at.Passed = id, []Answer{}, nil, 0, false
		at.Order = slices.Clone(in.Order)
		at.Abandoned = in.Finished == nil
		keys[in.UID] = id
		fresh = true
		res.Attempts++
	}
	have := make(map[string]bool, len(at.Answers))
	asked := make(map[string]bool, len(at.Answers))
	for i, k := range AnswerKeys(at) {
		have[k] = true
		asked[at.Answers[i].QuestionID] = true
	}
	for _, x := range in.Answers {
		if have[x.ID] {
			continue
		}
		if !slices.Contains(at.Order, x.QuestionID) {
			return refused("import: question %q is not part of attempt %s of chapter %q", x.QuestionID, in.UID, in.ChapterID)
		}
		x.Given = slices.Clone(x.Given)
		at.Answers = append(at.Answers, x)
		have[x.ID] = true
		res.Answers++
		if !asked[x.QuestionID] {
			asked[x.QuestionID] = true
			r.Answered++
		}
	}
	if in.Finished != nil && at.Finished == nil {
		fin := *in.Finished
		at.Finished, at.Score, at.Passed, at.Abandoned = &fin, in.Score, in.Passed, false
		r.Attempts++
		if fresh || r.LastScore == 0 {
			r.LastScore = in.Score
		}
		r.BestScore = max(r.BestScore, in.Score)
		r.LastScore = min(r.LastScore, r.BestScore)
		r.Passed = r.Passed || in.Passed
		if r.OpenAttempt == at.ID {
			r.OpenAttempt = 0
		}
	}
	if err := putAttempt(sc, at); err != nil {
		return err
	}
	return putChapter(sc, r)
}
