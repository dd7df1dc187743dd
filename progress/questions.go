package progress

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Each pack keeps a running summary per quiz question (schema 4), so what a
// learner has answered, which version, and what they miss most is read from
// one small record per question instead of decoding every attempt: at
// 100,000 answers `progress --json` decoded ~15 MB of attempts (~210 ms).
//
//	questions/<chapter>/<question id>  QuestionSummary, fixed-size binary (EncodeSummary)
//	studied/<8-byte big-endian unix seconds>  a quarter hour with an answer (empty value)
//
// Both are updated in the same transaction as the answer that changes them
// (answerTx, reviewTx for studied, Import), and built from the history by
// the migration 3 → 4 (and in memory when an older file is only read).

var (
	bucketQuestions = []byte("questions")
	bucketStudied   = []byte("studied")
)

// studiedSlot is the length of a studied/ key's slot: every time zone's
// offset is a whole number of quarter hours, so the local day (4 AM
// rollover) of any answer is the local day of its slot's start.
const studiedSlot = 15 * time.Minute

// QuestionSummary is one question's running summary across its chapter's
// quiz attempts. Hash is the question hash of its latest answer (by time;
// of two at the same instant, the greater hash; but a summary dated after
// now gives way to the answer saved after it, and a time outside the years
// the file keeps counts as none: see summarise), so an answer to an
// earlier version of the question is known as such.
type QuestionSummary struct {
	Hash     string
	Answered int       // attempts with an answer to it
	Missed   int       // attempts whose answer that counts (the last) was wrong
	Last     time.Time // the latest answer's time
}

// Answer times are kept for years 1970 to 2200 (MinTimeYear..MaxTimeYear):
// a summary stores its time as unix nanoseconds, which overflow after
// 2262, and a time outside those years is a computer's clock gone wrong,
// not a time a learner answered.
const (
	MinTimeYear = 1970
	MaxTimeYear = 2200
)

// CheckTime refuses a time outside years MinTimeYear..MaxTimeYear with a
// message that says what to check; the zero time (none) is accepted.
func CheckTime(what string, t time.Time) error {
	if t.IsZero() || timeInRange(t) {
		return nil
	}
	return fmt.Errorf("%s is dated %s, outside the years %d-%d the progress file keeps: is that computer's clock right?",
		what, t.UTC().Format(time.RFC3339), MinTimeYear, MaxTimeYear)
}

func timeInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinTimeYear && y <= MaxTimeYear
}

func validateSummary(q QuestionSummary) error {
	if err := CheckTime("the question's latest answer", q.Last); err != nil {
		return err
	}
	if len(q.Hash) > maxIDLen {
		return fmt.Errorf("question hash is %d bytes long (max %d)", len(q.Hash), maxIDLen)
	}
	if q.Answered < 0 || q.Missed < 0 || q.Missed > q.Answered {
		return fmt.Errorf("counts out of range (answered %d, missed %d)", q.Answered, q.Missed)
	}
	return nil
}

// summaryHead is the fixed part of a stored summary: the latest answer's
// time (unix nanoseconds), answered and missed (big-endian); the hash
// follows. Binary, like the review cards: every start reads them all, and
// JSON with a time in it cost ~9 allocations and ~5 µs a record.
const summaryHead = 8 + 4 + 4

// EncodeSummary is a summary as stored.
func EncodeSummary(q QuestionSummary) ([]byte, error) {
	if err := validateSummary(q); err != nil {
		return nil, refused("refusing to save question summary: %w", err)
	}
	b := make([]byte, summaryHead, summaryHead+len(q.Hash))
	if !q.Last.IsZero() { // 0: no time (a zero time has no unix nanoseconds)
		binary.BigEndian.PutUint64(b, uint64(q.Last.UnixNano()))
	}
	binary.BigEndian.PutUint32(b[8:], uint32(q.Answered))
	binary.BigEndian.PutUint32(b[12:], uint32(q.Missed))
	return append(b, q.Hash...), nil
}

func decodeSummary(b []byte) (QuestionSummary, error) {
	if err := checkSummary(b); err != nil {
		return QuestionSummary{}, err
	}
	q := QuestionSummary{
		Answered: int(int32(binary.BigEndian.Uint32(b[8:]))),
		Missed:   int(int32(binary.BigEndian.Uint32(b[12:]))),
		Hash:     string(b[summaryHead:]),
	}
	if ns := int64(binary.BigEndian.Uint64(b)); ns != 0 {
		q.Last = time.Unix(0, ns).UTC()
	}
	return q, nil
}

// checkSummary is decodeSummary's validation without the decoding, for
// the start-up check (nothing allocated).
func checkSummary(b []byte) error {
	if len(b) < summaryHead {
		return fmt.Errorf("question summary: %d bytes, want at least %d", len(b), summaryHead)
	}
	answered, missed := int32(binary.BigEndian.Uint32(b[8:])), int32(binary.BigEndian.Uint32(b[12:]))
	if len(b)-summaryHead > maxIDLen || answered < 0 || missed < 0 || missed > answered {
		return fmt.Errorf("question summary: hash of %d bytes, answered %d, missed %d", len(b)-summaryHead, answered, missed)
	}
	return nil
}

// summarise adds ans, an answer to an attempt whose earlier answers are
// before, to sum at now: the same figures rebuilding from the history
// gives. The latest answer is found by time, except that a summary dated
// after now (an answer from a computer whose clock was ahead) gives way to
// the answer saved after it: compared by time, it would pin the question
// to that answer's version until its date came. A time a summary cannot
// keep (CheckTime) counts as none.
func summarise(sum QuestionSummary, before []Answer, ans Answer, now time.Time) QuestionSummary {
	var prev *Answer
	for i := range before {
		if before[i].QuestionID == ans.QuestionID {
			prev = &before[i]
		}
	}
	if prev == nil {
		sum.Answered++
	} else if !prev.Correct {
		sum.Missed-- // the answer that counts is the new one
	}
	if !ans.Correct {
		sum.Missed++
	}
	at := ans.At
	if !timeInRange(at) {
		at = time.Time{}
	}
	// The latest answer by time; of answers at the same instant, the
	// greater hash, so the summary does not depend on the order answers
	// reached the file (a rebuild reads them attempt by attempt).
	if at.After(sum.Last) || at.Equal(sum.Last) && ans.QuestionHash > sum.Hash || sum.Last.After(now) {
		sum.Hash, sum.Last = ans.QuestionHash, at
	}
	return sum
}

// summaryTx records ans (to an attempt of chapter whose earlier answers
// are before) in the question's summary and the studied slots.
func summaryTx(sc *scoped, chapter string, before []Answer, ans Answer) error {
	b, err := sc.questions.CreateBucketIfNotExists([]byte(chapter))
	if err != nil {
		return err
	}
	var sum QuestionSummary
	if raw := b.Get([]byte(ans.QuestionID)); raw != nil {
		if sum, err = decodeSummary(raw); err != nil {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q question %q: %v", chapter, ans.QuestionID, err)}
		}
	}
	if err := putSummary(b, ans.QuestionID, summarise(sum, before, ans, time.Now())); err != nil {
		return err
	}
	return studiedTx(sc, ans.At)
}

func putSummary(b *bolt.Bucket, qid string, sum QuestionSummary) error {
	raw, err := EncodeSummary(sum)
	if err != nil {
		return err
	}
	return b.Put([]byte(qid), raw)
}

func studiedKey(t time.Time) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], uint64(t.Truncate(studiedSlot).Unix()))
	return k[:]
}

func studiedTx(sc *scoped, t time.Time) error {
	if t.Unix() < 0 {
		return nil // before 1970: not a time a learner studied
	}
	return sc.studied.Put(studiedKey(t), []byte{})
}

// Summaries is the summary of every question of one chapter's attempts
// (oldest first), as the running summaries have it.
func Summaries(as []Attempt) map[string]QuestionSummary {
	out := map[string]QuestionSummary{}
	summariseAttempts(as, out)
	return out
}

func summariseAttempts(as []Attempt, into map[string]QuestionSummary) {
	now := time.Now()
	for _, a := range as {
		for i, ans := range a.Answers {
			into[ans.QuestionID] = summarise(into[ans.QuestionID], a.Answers[:i], ans, now)
		}
	}
}

// rebuildSummaries writes the summaries of every chapter of hist (its
// attempts, oldest first), replacing the chapter's summaries there, and
// adds the studied slots of its answers (slots are never taken away: a
// chapter's reset keeps them too): the migration 3 → 4, and Import after
// it merged attempts.
func rebuildSummaries(sc *scoped, hist map[string][]Attempt) error {
	for ch, as := range hist {
		if sc.questions.Bucket([]byte(ch)) != nil {
			if err := sc.questions.DeleteBucket([]byte(ch)); err != nil {
				return err
			}
		}
		b, err := sc.questions.CreateBucket([]byte(ch))
		if err != nil {
			return err
		}
		sums := map[string]QuestionSummary{}
		summariseAttempts(as, sums)
		for q, sum := range sums {
			if err := putSummary(b, q, sum); err != nil {
				return err
			}
		}
		for _, a := range as {
			for _, ans := range a.Answers {
				if err := studiedTx(sc, ans.At); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// readSummaries reads sc's question summaries into into, under chapter
// ids prefixed by prefix. A file before schema 4 (read, not migrated:
// nobody wrote to it yet) has none: they are built from its history.
func readSummaries(sc *scoped, prefix string, into map[string]map[string]QuestionSummary) error {
	if sc.questions == nil {
		return oldSummaries(sc, prefix, into)
	}
	return sc.questions.ForEach(func(ch, v []byte) error {
		b := sc.questions.Bucket(ch)
		if v != nil || b == nil {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("questions/%q %v", ch, errNotBucket)}
		}
		m := map[string]QuestionSummary{}
		err := b.ForEach(func(q, v []byte) error {
			sum, err := decodeSummary(v)
			if err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q question %q: %v", ch, q, err)}
			}
			m[string(q)] = sum
			return nil
		})
		into[prefix+string(ch)] = m
		return err
	})
}

// oldSummaries is what the summaries of a file before schema 4 would
// hold, from its history.
func oldSummaries(sc *scoped, prefix string, into map[string]map[string]QuestionSummary) error {
	if sc.attempts == nil {
		return nil
	}
	hist := map[string][]Attempt{}
	if err := decodeHistory(sc.attempts, sc.path, hist); err != nil {
		return err
	}
	for ch, as := range hist {
		m := map[string]QuestionSummary{}
		summariseAttempts(as, m)
		into[prefix+ch] = m
	}
	return nil
}

// readStudied lists the start of every studied slot of sc, or, in a file
// before schema 4, the time of every answer and review answer.
func readStudied(sc *scoped) ([]time.Time, error) {
	var out []time.Time
	if sc.studied == nil {
		hist := map[string][]Attempt{}
		if sc.attempts != nil {
			if err := decodeHistory(sc.attempts, sc.path, hist); err != nil {
				return nil, err
			}
		}
		for _, as := range hist {
			for _, a := range as {
				for _, ans := range a.Answers {
					out = append(out, ans.At)
				}
			}
		}
		reviews, err := reviewTimes(sc)
		return append(out, reviews...), err
	}
	err := sc.studied.ForEach(func(k, v []byte) error {
		if len(k) != 8 || len(v) != 0 {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("studied %x: not a time slot", k)}
		}
		out = append(out, time.Unix(int64(binary.BigEndian.Uint64(k)), 0).UTC())
		return nil
	})
	return out, err
}

// reviewTimes is when each review answer of sc was given.
func reviewTimes(sc *scoped) ([]time.Time, error) {
	var out []time.Time
	if sc.cards == nil {
		return nil, nil
	}
	c := sc.cards.Cursor()
	for k, v := c.Seek([]byte{reviewPrefix}); k != nil && k[0] == reviewPrefix; k, v = c.Next() {
		var a struct {
			At time.Time `json:"at"`
		}
		if err := json.Unmarshal(v, &a); err != nil {
			return nil, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review answer %q: %v", k[1:], err)}
		}
		out = append(out, a.At)
	}
	return out, nil
}

// checkSummaries decodes every question summary and studied slot of sc:
// what grows with the questions and days, so start-up checks it always.
func checkSummaries(sc *scoped) error {
	if sc.questions == nil {
		return nil // before schema 4
	}
	err := sc.questions.ForEach(func(ch, v []byte) error {
		b := sc.questions.Bucket(ch)
		if v != nil || b == nil {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("questions/%q %v", ch, errNotBucket)}
		}
		return b.ForEach(func(q, v []byte) error {
			if err := checkSummary(v); err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q question %q: %v", ch, q, err)}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if sc.studied == nil {
		return nil
	}
	// Only the keys' shape: a slot a day for years is thousands of keys,
	// and start-up should not build a time for each.
	c := sc.studied.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || len(v) != 0 {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("studied %x: not a time slot", k)}
		}
	}
	return nil
}

// migrateV3toV4 builds every profile and pack's question summaries and
// studied slots from its attempts and review answers.
func migrateV3toV4(tx *bolt.Tx) error {
	profiles := tx.Bucket(bucketProfiles)
	if profiles == nil {
		return nil
	}
	type scopeName struct{ profile, pack string }
	var scopes []scopeName
	err := profiles.ForEach(func(p, _ []byte) error {
		profile := profiles.Bucket(p)
		if profile == nil {
			return nil
		}
		packs := profile.Bucket(bucketPacks)
		if packs == nil {
			return nil
		}
		return packs.ForEach(func(k, _ []byte) error {
			scopes = append(scopes, scopeName{string(p), string(k)})
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, s := range scopes {
		sc, err := updateScope(tx, tx.DB().Path(), s.profile, s.pack)
		if err != nil {
			return err
		}
		hist := map[string][]Attempt{}
		if err := decodeHistory(sc.attempts, sc.path, hist); err != nil {
			return err
		}
		if err := rebuildSummaries(sc, hist); err != nil {
			return fmt.Errorf("profile %q pack %q: %w", s.profile, s.pack, err)
		}
		reviews, err := reviewTimes(sc)
		if err != nil {
			return err
		}
		for _, t := range reviews {
			if err := studiedTx(sc, t); err != nil {
				return err
			}
		}
	}
	return nil
}
