package progress

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"backend-tutor/internal/scheduler"
)

// Review cards (issue 11) live in the pack's cards bucket, which schema 3
// already has, so they need no schema bump: three kinds of key, told apart
// by their first byte.
//
//	c<question id>                  the card: fixed-size binary (encodeCard)
//	d<8-byte due><4-byte ns><qid>   the due index: empty value, sorted by due
//	r<answer id>                    a review answer as JSON (ReviewAnswer)
//
// WHY binary and an index: decoding 100,000 JSON cards takes ~850 ms
// (internal/scheduler's notes), far over the 10 ms budget for today's
// queue. The index is sorted by due time, so the queue is a cursor walk
// over the due keys that stops after the daily cap: ~20 keys read however
// many cards the file holds (BenchmarkReviewQueue100kCards).
//
// The daily tally (review answers given on the learner's current local
// day) is the profile's, not a pack's: profiles/<profile>/review_tally.
const (
	cardPrefix   = 'c'
	duePrefix    = 'd'
	reviewPrefix = 'r'
)

var keyReviewTally = []byte("review_tally")

// OpReview is one review answer: Answer (its ID makes a replay a no-op),
// Chapter, and Rating (scheduler.Rating; 0 grades Answer.Correct alone).
// It changes the question's card and the day's tally, and nothing of the
// chapter's record or attempts.
const OpReview OpKind = "review"

// ReviewCard is one question's review card.
type ReviewCard struct {
	ChapterID    string
	QuestionID   string
	QuestionHash string // the question's hash when last answered; a new hash starts a fresh card
	scheduler.Card
}

// ReviewAnswer is a review answer as stored (apart from attempts).
type ReviewAnswer struct {
	Chapter string `json:"chapter"`
	Rating  int    `json:"rating"`
	Answer
}

// ReviewQueue is what a review session asks now.
type ReviewQueue struct {
	Cards     []ReviewCard // most overdue first, at most the day's cap left
	DoneToday int          // review answers already given today (this profile)
}

// SetScheduler sets the scheduler (time zone for the 4 AM rollover, daily
// cap) cards are kept with, for every scope of this file. The default is
// scheduler.Default(time.Local).
func (s *Store) SetScheduler(sc *scheduler.Scheduler) { s.sched.Store(sc) }

// Scheduler is the scheduler cards are kept with (SetScheduler), for
// figures that must agree with it (the stats' local days, reviews due).
func (s *Store) Scheduler() *scheduler.Scheduler { return s.scheduler() }

func (s *Store) scheduler() *scheduler.Scheduler {
	if sc := s.sched.Load(); sc != nil {
		return sc
	}
	return defaultScheduler()
}

var defaultScheduler = sync.OnceValue(func() *scheduler.Scheduler { return scheduler.Default(time.Local) })

// ratingOf is the op's rating, or the answer's correctness graded alone.
func ratingOf(op Op) scheduler.Rating {
	if op.Rating >= int(scheduler.Again) && op.Rating <= int(scheduler.Easy) {
		return scheduler.Rating(op.Rating)
	}
	return scheduler.RatingFor(scheduler.Answer{Correct: op.Answer != nil && op.Answer.Correct})
}

// reviewTx stores a review answer and moves its card and the day's tally.
func reviewTx(sc *scoped, sched *scheduler.Scheduler, op Op) error {
	if op.Answer == nil {
		return refused("review change without an answer")
	}
	ans := *op.Answer
	if ans.At.IsZero() {
		return refused("review answer to %q without a time", ans.QuestionID)
	}
	if ans.ID == "" {
		ans.ID = NewID()
	}
	key := append([]byte{reviewPrefix}, ans.ID...)
	if sc.cards.Get(key) != nil {
		return nil // already stored: a retry or a replay
	}
	raw, err := json.Marshal(ReviewAnswer{Chapter: op.Chapter, Rating: int(ratingOf(op)), Answer: ans})
	if err != nil {
		return err
	}
	if err := sc.cards.Put(key, raw); err != nil {
		return err
	}
	if err := cardTx(sc, sched, op.Chapter, ans, ratingOf(op)); err != nil {
		return err
	}
	if err := studiedTx(sc, ans.At); err != nil {
		return err
	}
	t, err := getTally(sc)
	if err != nil {
		return err
	}
	return putTally(sc, sched.Count(t, ans.At))
}

// cardTx moves the card of ans's question by rating. A card whose question
// hash differs from ans's starts afresh; an answer no later than the
// card's last review (a replay of an older change) leaves it as it is.
func cardTx(sc *scoped, sched *scheduler.Scheduler, chapter string, ans Answer, rating scheduler.Rating) error {
	old, ok, err := getCard(sc, ans.QuestionID)
	if err != nil {
		return err
	}
	c := ReviewCard{ChapterID: chapter, QuestionID: ans.QuestionID, QuestionHash: ans.QuestionHash}
	if ok {
		if old.QuestionHash == ans.QuestionHash {
			if !ans.At.After(old.LastReview) {
				return nil
			}
			c.Card = old.Card
		}
		if err := sc.cards.Delete(dueKey(old)); err != nil {
			return err
		}
	}
	c.Card = sched.Review(c.Card, rating, ans.At)
	raw, err := encodeCard(c)
	if err != nil {
		return refused("card for question %q: %v", ans.QuestionID, err)
	}
	if err := sc.cards.Put(cardKey(c.QuestionID), raw); err != nil {
		return err
	}
	return sc.cards.Put(dueKey(c), nil)
}

func cardKey(qid string) []byte { return append([]byte{cardPrefix}, qid...) }

// dueKey sorts by due time: the seconds with the sign bit flipped (so
// negative times sort first), then the nanoseconds, then the question id.
func dueKey(c ReviewCard) []byte {
	k := make([]byte, 13, 13+len(c.QuestionID))
	k[0] = duePrefix
	binary.BigEndian.PutUint64(k[1:], uint64(c.Due.Unix())^(1<<63))
	binary.BigEndian.PutUint32(k[9:], uint32(c.Due.Nanosecond()))
	return append(k, c.QuestionID...)
}

func getCard(sc *scoped, qid string) (ReviewCard, bool, error) {
	if sc.cards == nil {
		return ReviewCard{}, false, nil
	}
	raw := sc.cards.Get(cardKey(qid))
	if raw == nil {
		return ReviewCard{}, false, nil
	}
	c, err := decodeCard(raw)
	if err != nil {
		return ReviewCard{}, false, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review card %q: %v", qid, err)}
	}
	c.QuestionID = qid
	return c, true, nil
}

// The card record, version 1: a 54-byte fixed part, then the question hash
// and the chapter id, each with a 2-byte length. Times are UTC seconds and
// nanoseconds; floats are stored whole (fsrs.md pitfall 5: never round
// stored state).
const (
	cardVersion   = 1
	cardFixedSize = 1 + 1 + 4 + 8 + 8 + 12 + 12 + 4 + 4
)

func encodeCard(c ReviewCard) ([]byte, error) {
	if len(c.QuestionHash) > math.MaxUint16 || len(c.ChapterID) > math.MaxUint16 {
		return nil, errors.New("hash or chapter id too long")
	}
	b := make([]byte, cardFixedSize, cardFixedSize+4+len(c.QuestionHash)+len(c.ChapterID))
	b[0] = cardVersion
	b[1] = byte(c.State)
	be := binary.BigEndian
	be.PutUint32(b[2:], uint32(clampU32(c.Step)))
	be.PutUint64(b[6:], math.Float64bits(c.Stability))
	be.PutUint64(b[14:], math.Float64bits(c.Difficulty))
	putTime(b[22:], c.Due)
	putTime(b[34:], c.LastReview)
	be.PutUint32(b[46:], uint32(clampU32(c.Reps)))
	be.PutUint32(b[50:], uint32(clampU32(c.Lapses)))
	b = be.AppendUint16(b, uint16(len(c.QuestionHash)))
	b = append(b, c.QuestionHash...)
	b = be.AppendUint16(b, uint16(len(c.ChapterID)))
	return append(b, c.ChapterID...), nil
}

func decodeCard(b []byte) (ReviewCard, error) {
	if len(b) < cardFixedSize+4 {
		return ReviewCard{}, fmt.Errorf("%d bytes, want at least %d", len(b), cardFixedSize+4)
	}
	if b[0] != cardVersion {
		return ReviewCard{}, fmt.Errorf("record version %d, want %d", b[0], cardVersion)
	}
	be := binary.BigEndian
	var c ReviewCard
	c.State = scheduler.State(b[1])
	if c.State < scheduler.New || c.State > scheduler.Relearning {
		return ReviewCard{}, fmt.Errorf("state %d", b[1])
	}
	c.Step = int(be.Uint32(b[2:]))
	c.Stability = math.Float64frombits(be.Uint64(b[6:]))
	c.Difficulty = math.Float64frombits(be.Uint64(b[14:]))
	c.Due = getTime(b[22:])
	c.LastReview = getTime(b[34:])
	c.Reps = int(be.Uint32(b[46:]))
	c.Lapses = int(be.Uint32(b[50:]))
	rest := b[cardFixedSize:]
	var ok bool
	if c.QuestionHash, rest, ok = lenPrefixed(rest); !ok {
		return ReviewCard{}, errors.New("question hash cut short")
	}
	if c.ChapterID, rest, ok = lenPrefixed(rest); !ok || len(rest) != 0 {
		return ReviewCard{}, errors.New("chapter id cut short or trailing bytes")
	}
	return c, nil
}

func lenPrefixed(b []byte) (string, []byte, bool) {
	if len(b) < 2 {
		return "", nil, false
	}
	n := int(binary.BigEndian.Uint16(b))
	if len(b) < 2+n {
		return "", nil, false
	}
	return string(b[2 : 2+n]), b[2+n:], true
}

func putTime(b []byte, t time.Time) {
	binary.BigEndian.PutUint64(b, uint64(t.Unix()))
	binary.BigEndian.PutUint32(b[8:], uint32(t.Nanosecond()))
}

func getTime(b []byte) time.Time {
	ns := min(binary.BigEndian.Uint32(b[8:]), 999_999_999)
	return time.Unix(int64(binary.BigEndian.Uint64(b)), int64(ns)).UTC()
}

func clampU32(n int) int { return max(0, min(n, math.MaxUint32)) }

func getTally(sc *scoped) (scheduler.Tally, error) {
	if sc.profile == nil {
		return scheduler.Tally{}, nil
	}
	raw := sc.profile.Get(keyReviewTally)
	if raw == nil {
		return scheduler.Tally{}, nil
	}
	if len(raw) != 16 {
		return scheduler.Tally{}, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review tally is %d bytes, want 16", len(raw))}
	}
	return scheduler.Tally{Day: int(int64(binary.BigEndian.Uint64(raw))), N: int(int64(binary.BigEndian.Uint64(raw[8:])))}, nil
}

func putTally(sc *scoped, t scheduler.Tally) error {
	b := binary.BigEndian.AppendUint64(nil, uint64(int64(t.Day)))
	b = binary.BigEndian.AppendUint64(b, uint64(int64(t.N)))
	return sc.profile.Put(keyReviewTally, b)
}

// ReviewQueue reads the cards due at now that today's cap still allows,
// most overdue first: a walk over the due index that stops after the cap,
// so it reads about as many keys as it returns. keep, when not nil, skips
// the cards it refuses (a question gone from the course, or edited since:
// its card waits for the next quiz answer) without using up the cap.
func (s *Store) ReviewQueue(now time.Time, keep func(ReviewCard) bool) (ReviewQueue, error) {
	sched := s.scheduler()
	var q ReviewQueue
	err := s.view(func(sc *scoped) error {
		t, err := getTally(sc)
		if err != nil {
			return err
		}
		q.DoneToday = sched.DoneToday(t, now)
		left := sched.Params().DailyLimit - q.DoneToday
		if sc.cards == nil || left <= 0 {
			return nil
		}
		var due []ReviewCard
		c := sc.cards.Cursor()
		for k, _ := c.Seek([]byte{duePrefix}); k != nil && k[0] == duePrefix && len(due) < left; k, _ = c.Next() {
			if len(k) < 13 {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review index key %q is too short", k)}
			}
			if getTime(dueTime(k)).After(now) {
				break
			}
			card, ok, err := getCard(sc, string(k[13:]))
			if err != nil {
				return err
			}
			if ok && (keep == nil || keep(card)) {
				due = append(due, card)
			}
		}
		// The scheduler has the last word on order and cap.
		cards := make([]scheduler.Card, len(due))
		for i := range due {
			cards[i] = due[i].Card
		}
		for _, i := range sched.Queue(cards, now, q.DoneToday) {
			q.Cards = append(q.Cards, due[i])
		}
		return nil
	})
	if isMissing(err) {
		return ReviewQueue{}, nil
	}
	return q, err
}

// dueTime turns a due key's time part back into putTime's layout.
func dueTime(k []byte) []byte {
	b := make([]byte, 12)
	binary.BigEndian.PutUint64(b, binary.BigEndian.Uint64(k[1:])^(1<<63))
	copy(b[8:], k[9:13])
	return b
}

// Card returns the review card of a question in s's scope (ok false when
// the question has none yet).
func (s *Store) Card(questionID string) (c ReviewCard, ok bool, err error) {
	err = s.view(func(sc *scoped) error {
		c, ok, err = getCard(sc, questionID)
		return err
	})
	if isMissing(err) {
		return ReviewCard{}, false, nil
	}
	return c, ok, err
}

// ReviewAnswers returns the review answers stored in s's scope (in answer
// id order).
func (s *Store) ReviewAnswers() ([]ReviewAnswer, error) {
	var out []ReviewAnswer
	err := s.view(func(sc *scoped) error {
		if sc.cards == nil {
			return nil
		}
		c := sc.cards.Cursor()
		for k, v := c.Seek([]byte{reviewPrefix}); k != nil && k[0] == reviewPrefix; k, v = c.Next() {
			var a ReviewAnswer
			if err := json.Unmarshal(v, &a); err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review answer %q: %v", k[1:], err)}
			}
			out = append(out, a)
		}
		return nil
	})
	if isMissing(err) {
		return nil, nil
	}
	return out, err
}

// checkCards checks a pack's cards bucket: every card decodes and has its
// due key, every due key names a card due then, and nothing else is there.
// Cards are one per question (bounded by the course), so they are decoded
// at every start; the index cross-check (a seek per key) and the review
// answers (which grow with the history) only in a full check. The keys
// sort c < d < r, so a cursor walk stops at the first due key when it
// need not read them.
func checkCards(sc *scoped, where string, full bool) error {
	if sc.cards == nil {
		return nil
	}
	damaged := func(format string, a ...any) error {
		return &DamagedError{Path: sc.path, Reason: where + fmt.Sprintf(format, a...)}
	}
	cur := sc.cards.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if v == nil && sc.cards.Bucket(k) != nil {
			return damaged("cards/%q is a bucket, not a record", k)
		}
		switch k[0] {
		case cardPrefix:
			c, err := decodeCard(v)
			if err != nil {
				return damaged("review card %q: %v", k[1:], err)
			}
			c.QuestionID = string(k[1:])
			if !full {
				continue
			}
			if _, ok := value(sc.cards, dueKey(c)); !ok {
				return damaged("review card %q is missing from the due index", k[1:])
			}
		case duePrefix:
			if !full {
				return nil
			}
			if len(k) < 13 {
				return damaged("review index key %q is too short", k)
			}
			c, err := decodeCard(sc.cards.Get(cardKey(string(k[13:]))))
			c.QuestionID = string(k[13:])
			if err != nil || !bytes.Equal(dueKey(c), k) {
				return damaged("review index key for %q names no card due then", k[13:])
			}
		case reviewPrefix:
			var a ReviewAnswer
			if err := json.Unmarshal(v, &a); err != nil {
				return damaged("review answer %q: %v", k[1:], err)
			}
		default:
			return damaged("cards holds an unknown key %q", k)
		}
	}
	return nil
}
