package progress

import (
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/scheduler"
)

// Attempts live in attempts/<chapterID>/<8-byte big-endian id>. Ids come from
// the nested bucket's sequence, so they start at 1, only grow, and are never
// reused. Every change also updates the chapter's ChapterRecord in the same
// transaction, so the summary can never disagree with the history.

// StartAttempt begins a quiz run with the given question order and option
// shuffles, marks it as the chapter's open attempt and the "Continue"
// target. An attempt already open for the chapter is left as it is (another
// tutor may be answering it): the caller offers "resume" first, and "start
// over" drops the old attempt explicitly (DropAttempt).
func (s *Store) StartAttempt(chapterID, contentHash string, order []string, shuffles map[string][]int) (Attempt, error) {
	res, err := s.Apply(Op{Kind: OpStart, Chapter: chapterID, AttemptUID: NewID(), ContentHash: contentHash, Order: order, Shuffles: shuffles})
	return res.Attempt, err
}

// startTx creates the attempt op describes, or returns it when an attempt
// with op's UID already exists (a start replayed from a recovery file).
func startTx(sc *scoped, op Op) (Attempt, error) {
	if op.AttemptUID != "" {
		if a, ok, err := findAttempt(sc, op.Chapter, 0, op.AttemptUID); err != nil || ok {
			return a, err
		}
	}
	r, err := getChapter(sc, op.Chapter)
	if err != nil {
		return Attempt{}, err
	}
	b, err := sc.attempts.CreateBucketIfNotExists([]byte(op.Chapter))
	if err != nil {
		return Attempt{}, err
	}
	id, err := b.NextSequence()
	if err != nil {
		return Attempt{}, err
	}
	a := Attempt{
		ID:          id,
		UID:         op.AttemptUID,
		ChapterID:   op.Chapter,
		ContentHash: op.ContentHash,
		Started:     time.Now(),
		Order:       slices.Clone(op.Order),
		Answers:     []Answer{},
	}
	if len(op.Shuffles) > 0 {
		a.Shuffles = make(map[string][]int, len(op.Shuffles))
		for q, p := range op.Shuffles {
			a.Shuffles[q] = slices.Clone(p)
		}
	}
	if err := putAttempt(sc, a); err != nil {
		return Attempt{}, err
	}
	r.OpenAttempt = id
	r.ContentHash = op.ContentHash
	if err := putChapter(sc, r); err != nil {
		return Attempt{}, err
	}
	return a, putLast(sc, Place{Screen: "quiz", ChapterID: op.Chapter})
}

// SaveAnswer stores one answer in an attempt. Answers are kept in submit
// order; answering a question again adds an answer (the last one counts)
// but is not counted twice in ChapterRecord.Answered. An answer whose ID is
// already stored is not stored again. An attempt that was finished or
// abandoned (by another tutor) still takes the answer: no answer is refused
// because of another process. A zero a.At is set to now.
func (s *Store) SaveAnswer(chapterID string, attemptID uint64, a Answer) error {
	_, err := s.Apply(Op{Kind: OpAnswer, Chapter: chapterID, Attempt: attemptID, Answer: &a})
	return err
}

// answerTx adds op.Answer to its attempt. If the attempt is not in the file
// (its start was lost with a reset file) and op carries the attempt's order,
// the attempt is made first, so the answer still has a home.
func answerTx(sc *scoped, sched *scheduler.Scheduler, op Op) (Attempt, error) {
	ans := *op.Answer
	if ans.At.IsZero() {
		ans.At = time.Now()
	}
	ans.Given = slices.Clone(ans.Given)
	at, err := attemptFor(sc, op)
	if err != nil {
		return Attempt{}, err
	}
	if !slices.Contains(at.Order, ans.QuestionID) {
		return Attempt{}, refused("question %q is not part of attempt %d of chapter %q", ans.QuestionID, at.ID, op.Chapter)
	}
	if ans.ID != "" && slices.ContainsFunc(at.Answers, func(x Answer) bool { return x.ID == ans.ID }) {
		return at, nil // already stored: a retry or a replay
	}
	first := !slices.ContainsFunc(at.Answers, func(x Answer) bool { return x.QuestionID == ans.QuestionID })
	before := at.Answers
	at.Answers = append(at.Answers, ans)
	// The attempt first: if its validation refuses the answer, nothing is
	// written (MergeRecovery relies on that to skip a refused change).
	if err := putAttempt(sc, at); err != nil {
		return Attempt{}, err
	}
	// The question's review card and summary (questions.go) move in the
	// same transaction.
	if err := cardTx(sc, sched, op.Chapter, ans, ratingOf(op)); err != nil {
		return Attempt{}, err
	}
	if err := summaryTx(sc, op.Chapter, before, ans); err != nil {
		return Attempt{}, err
	}
	if first {
		r, err := getChapter(sc, op.Chapter)
		if err != nil {
			return Attempt{}, err
		}
		r.Answered++
		if err := putChapter(sc, r); err != nil {
			return Attempt{}, err
		}
	}
	return at, nil
}

// attemptFor finds op's attempt, or starts it when op says how.
func attemptFor(sc *scoped, op Op) (Attempt, error) {
	at, ok, err := findAttempt(sc, op.Chapter, op.Attempt, op.AttemptUID)
	switch {
	case err != nil:
		return Attempt{}, err
	case ok:
		return at, nil
	case op.AttemptUID != "" && len(op.Order) > 0:
		return startTx(sc, op)
	}
	return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", op.Attempt, op.Chapter, ErrNoAttempt)
}

// findAttempt looks an attempt up by id, checking the uid when both sides
// have one (a file reset since reuses ids), else by uid, newest first.
func findAttempt(sc *scoped, chapterID string, id uint64, uid string) (Attempt, bool, error) {
	if id != 0 {
		a, err := getAttempt(sc, chapterID, id)
		switch {
		case err == nil && (uid == "" || a.UID == "" || a.UID == uid):
			return a, true, nil
		case err != nil && !errors.Is(err, ErrNoAttempt):
			return Attempt{}, false, err
		}
	}
	b := attemptBucket(sc, chapterID)
	if uid == "" || b == nil {
		return Attempt{}, false, nil
	}
	c := b.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		a, err := decodeAttempt(v)
		if err != nil {
			return Attempt{}, false, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", chapterID, k, err)}
		}
		if a.UID == uid {
			return a, true, nil
		}
	}
	return Attempt{}, false, nil
}

// LastAnswers is each question's last answer in a: the one that counts.
func LastAnswers(a Attempt) map[string]Answer {
	last := make(map[string]Answer, len(a.Answers))
	for _, ans := range a.Answers {
		last[ans.QuestionID] = ans
	}
	return last
}

// Grade scores a by each question's last answer: the percent of questions
// (id → current hash; an answer to an edited question does not count) whose
// last answer is right, rounded down like content.Score, and whether that
// reaches passMark.
func Grade(a Attempt, questions map[string]string, passMark int) (score int, passed bool) {
	if len(questions) == 0 {
		return 0, passMark <= 0
	}
	last := LastAnswers(a)
	right := 0
	for q, hash := range questions {
		if x, ok := last[q]; ok && x.Correct && (hash == "" || x.QuestionHash == hash) {
			right++
		}
	}
	score = right * 100 / len(questions)
	return score, score >= passMark
}

// FinishAttempt closes an attempt with its score (percent) and whether it
// reached the pass mark, and returns the chapter's updated record. Finishing
// an attempt already finished (by another tutor) scores it again without
// counting it twice; finishing an abandoned one revives it.
func (s *Store) FinishAttempt(chapterID string, attemptID uint64, score int, passed bool) (ChapterRecord, error) {
	if err := checkPercent("score", score); err != nil {
		return ChapterRecord{}, err
	}
	var rec ChapterRecord
	err := s.updateScoped(func(sc *scoped) error {
		at, ok, err := findAttempt(sc, chapterID, attemptID, "")
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("attempt %d of chapter %q: %w", attemptID, chapterID, ErrNoAttempt)
		}
		rec, _, err = finishTx(sc, at, score, passed)
		return err
	})
	if err != nil {
		return ChapterRecord{}, err
	}
	return rec, nil
}

func finishTx(sc *scoped, at Attempt, score int, passed bool) (ChapterRecord, Attempt, error) {
	first := at.Finished == nil
	now := time.Now()
	at.Finished, at.Score, at.Passed, at.Abandoned = &now, score, passed, false
	if err := putAttempt(sc, at); err != nil {
		return ChapterRecord{}, Attempt{}, err
	}
	r, err := getChapter(sc, at.ChapterID)
	if err != nil {
		return ChapterRecord{}, Attempt{}, err
	}
	if first {
		r.Attempts++
	}
	r.LastScore = score
	r.BestScore = max(r.BestScore, score)
	r.Passed = r.Passed || passed
	if r.OpenAttempt == at.ID {
		r.OpenAttempt = 0
	}
	return r, at, putChapter(sc, r)
}

// DropAttempt abandons an unfinished attempt the learner chose not to
// resume. Its answers stay in the file (and in Answered); it just stops
// being the chapter's open attempt. Dropping it twice, or dropping one that
// is finished (by another tutor) or gone, changes nothing.
func (s *Store) DropAttempt(chapterID string, id uint64) error {
	_, err := s.Apply(Op{Kind: OpDrop, Chapter: chapterID, Attempt: id})
	return err
}

func dropTx(sc *scoped, op Op) error {
	at, ok, err := findAttempt(sc, op.Chapter, op.Attempt, op.AttemptUID)
	if err != nil {
		return err
	}
	if !ok || at.Finished != nil || at.Abandoned {
		return nil // nothing (left) to drop: gone with a reset file, or finished by another tutor
	}
	at.Abandoned = true
	if err := putAttempt(sc, at); err != nil {
		return err
	}
	r, err := getChapter(sc, op.Chapter)
	if err != nil {
		return err
	}
	if r.OpenAttempt != at.ID {
		return nil
	}
	r.OpenAttempt = 0
	return putChapter(sc, r)
}

// Attempt returns one attempt; errors.Is(err, ErrNoAttempt) if there is none.
func (s *Store) Attempt(chapterID string, id uint64) (Attempt, error) {
	if t, plain := s.route(chapterID); t != s {
		a, err := t.Attempt(plain, id)
		if err == nil {
			a.ChapterID = chapterID
		}
		return a, err
	}
	var a Attempt
	err := s.view(func(sc *scoped) error {
		var err error
		a, err = getAttempt(sc, chapterID, id)
		return err
	})
	if isMissing(err) {
		return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", id, chapterID, ErrNoAttempt)
	}
	return a, err
}

// Attempts returns every attempt of a chapter, oldest (lowest id) first; a
// "PACK/CHAPTER" of one of s's other packs is read in that pack's scope,
// as Apply writes it (the walk found "l" on a pack chapter saying it had
// no finished quiz).
func (s *Store) Attempts(chapterID string) ([]Attempt, error) {
	if t, plain := s.route(chapterID); t != s {
		as, err := t.Attempts(plain)
		for i := range as {
			as[i].ChapterID = chapterID
		}
		return as, err
	}
	out := []Attempt{}
	err := s.view(func(sc *scoped) error {
		b := attemptBucket(sc, chapterID)
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

func attemptBucket(sc *scoped, chapterID string) *bolt.Bucket {
	if sc.attempts == nil {
		return nil
	}
	return sc.attempts.Bucket([]byte(chapterID))
}

func getAttempt(sc *scoped, chapterID string, id uint64) (Attempt, error) {
	var raw []byte
	if b := attemptBucket(sc, chapterID); b != nil {
		raw = b.Get(attemptKey(id))
	}
	if raw == nil {
		return Attempt{}, fmt.Errorf("attempt %d of chapter %q: %w", id, chapterID, ErrNoAttempt)
	}
	a, err := decodeAttempt(raw)
	if err != nil {
		return Attempt{}, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %d: %v", chapterID, id, err)}
	}
	return a, nil
}

func putAttempt(sc *scoped, a Attempt) error {
	raw, err := encodeAttempt(a)
	if err != nil {
		return err
	}
	b, err := sc.attempts.CreateBucketIfNotExists([]byte(a.ChapterID))
	if err != nil {
		return err
	}
	return b.Put(attemptKey(a.ID), raw)
}

// OpenAttempt reads the file's current state (not a start-up snapshot) and
// returns the chapter's open attempt, if it has one that is neither
// finished nor abandoned: another tutor may have started it since.
func (s *Store) OpenAttempt(chapterID string) (Attempt, bool, error) {
	if t, id := s.route(chapterID); t != s {
		a, ok, err := t.OpenAttempt(id)
		a.ChapterID = chapterID
		return a, ok, err
	}
	var a Attempt
	var ok bool
	err := s.view(func(sc *scoped) error {
		r, err := getChapter(sc, chapterID)
		if err != nil || r.OpenAttempt == 0 {
			return err
		}
		a, ok, err = findAttempt(sc, chapterID, r.OpenAttempt, "")
		ok = ok && a.Finished == nil && !a.Abandoned
		return err
	})
	if isMissing(err) {
		return Attempt{}, false, nil
	}
	return a, ok, err
}
