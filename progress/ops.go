package progress

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/scheduler"
)

// OpKind names a change to the progress file.
type OpKind string

// The changes the tutor makes. Each is applied in one transaction by Apply,
// and applying one again changes nothing more (see Op), so a save can be
// retried and a recovery file merged twice.
const (
	OpWelcomed OpKind = "welcomed"  // the first-run welcome was dismissed
	OpLast     OpKind = "last"      // Place: where "Continue" goes
	OpReading  OpKind = "reading"   // Line, Word and Percent of Chapter
	OpStart    OpKind = "start"     // a new attempt: AttemptUID, ContentHash, Order, Shuffles
	OpAnswer   OpKind = "answer"    // Answer to the attempt (Attempt and/or AttemptUID)
	OpFinish   OpKind = "finish"    // score the attempt by Questions and PassMark, and close it
	OpDrop     OpKind = "drop"      // abandon the attempt ("start over")
	OpLabCheck OpKind = "lab_check" // LabCheck: one check of a lab, stored once by its ID
	OpRetry    OpKind = "retry"     // Answer of a missed-only retry, kept apart from attempts (retries.go)
	OpReset    OpKind = "reset"     // move Chapter's records (All: the pack's) into a backup (reset.go)
	OpNoticed  OpKind = "noticed"   // home told the learner what changed in Noticed's chapters (or Chapter, whose hash is ContentHash)
)

// NoticedChapter is one chapter of an OpNoticed: home told the learner what
// changed in it, whose content hash is Hash now. Pack is "" for the
// change's own pack; Store.Apply fills it in for a "PACK/CHAPTER" of
// another pack (WithPacks), so a recovery line names every chapter's pack.
type NoticedChapter struct {
	Pack    string `json:"pack,omitempty"`
	Chapter string `json:"chapter"`
	Hash    string `json:"hash"`
}

// MaxNoticed bounds the chapters of one OpNoticed: far above any course
// (the guide has 14; a big pack a few hundred), low enough that a
// recovery line stays well inside maxRecoveryFile.
const MaxNoticed = 100_000

// Op is one change to the progress file, self-contained so it can wait in a
// queue, be retried, or be written to a recovery file and applied by a
// later process. Replaying an Op is idempotent: a start finds its attempt
// by AttemptUID, an answer is skipped if its Answer.ID is stored, a finish
// of a finished attempt scores it again without counting it twice, time
// spent is added once per TimeSession and TimeSeq (timespent.go), and the
// rest set values.
type Op struct {
	Kind OpKind `json:"op"`
	// Profile and Pack are the scope the change belongs to. Apply and
	// WriteRecovery fill them in from the Store's scope when empty, so a
	// recovery file merges into the right place whichever tutor merges it;
	// a change read without them (from a schema-2 tutor's recovery file)
	// belongs to DefaultProfile and DefaultPack, like the rest of its file.
	Profile string `json:"profile,omitempty"`
	Pack    string `json:"pack,omitempty"`
	Chapter string `json:"chapter,omitempty"`
	// Attempt is the attempt's id in the file when known; AttemptUID finds
	// it when the id is not known yet (its start is still queued).
	Attempt    uint64 `json:"attempt,omitempty"`
	AttemptUID string `json:"attempt_uid,omitempty"`
	// ContentHash, Order and Shuffles describe the attempt (start, and
	// answers too, so an answer can recreate an attempt a reset lost).
	ContentHash string           `json:"content_hash,omitempty"`
	Order       []string         `json:"order,omitempty"`
	Shuffles    map[string][]int `json:"shuffles,omitempty"`
	Answer      *Answer          `json:"answer,omitempty"`
	// Questions (id → current hash) and PassMark grade a finish: the file's
	// answers from every tutor that used the attempt count, not only ours.
	Questions map[string]string `json:"questions,omitempty"`
	PassMark  int               `json:"pass_mark,omitempty"`
	Line      int               `json:"line,omitempty"`
	Word      int               `json:"word,omitempty"` // reading: ChapterRecord.Word
	Percent   int               `json:"percent,omitempty"`
	Place     *Place            `json:"place,omitempty"`
	All       bool              `json:"all,omitempty"` // reset: every chapter of the pack
	LabCheck  *LabCheck         `json:"lab_check,omitempty"`
	// Rating grades an answer or review for its review card
	// (scheduler.Rating: 1 again .. 4 easy); 0 grades Answer.Correct alone.
	Rating int `json:"rating,omitempty"`
	// ReadingS and QuizS are seconds the learner was active on Chapter
	// (reading it, in its quiz) since this tutor's previous change that
	// carried time; TimeSession (the tutor's own id) and TimeSeq (counting
	// up in it) make adding them idempotent. See timespent.go.
	ReadingS    int64  `json:"reading_s,omitempty"`
	QuizS       int64  `json:"quiz_s,omitempty"`
	TimeSession string `json:"time_session,omitempty"`
	TimeSeq     uint64 `json:"time_seq,omitempty"`

	// Sections (reading) are the hashes of the chapter's text sections
	// now, in order, and Passed how many of them, from the start, the
	// learner read past this time (ReadSections).
	Sections []string `json:"sections,omitempty"`
	Passed   int      `json:"passed,omitempty"`

	// Noticed (noticed) are every chapter home told the learner about at
	// once: one change, one transaction and one fsync however many
	// chapters a pack update changed. A change of the older form names
	// one chapter in Chapter and ContentHash instead, and still merges.
	Noticed []NoticedChapter `json:"noticed_chapters,omitempty"`
}

// Applied is what an Op left in the file.
type Applied struct {
	Attempt Attempt       // start, answer, finish: the attempt as stored now
	Record  ChapterRecord // finish: the chapter's updated summary
}

// NewID returns a random 128-bit id in hex, for attempt UIDs and answer ids.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// Apply makes one change in one transaction, in op's scope (s's scope
// when op names none).
func (s *Store) Apply(op Op) (Applied, error) {
	prefix := s.prefixOf(op)
	op = s.scopeOp(op)
	if err := checkOp(op); err != nil {
		return Applied{}, refusedError{err}
	}
	var res Applied
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		res, err = applyTx(tx, s.path, s.scheduler(), op)
		return err
	})
	if err != nil {
		return Applied{}, err
	}
	return qualifyApplied(res, prefix), nil
}

// scopeOp is op in s's scope unless it names its own; a change to a
// "PACK/CHAPTER" of one of s's other packs is in that pack (WithPacks).
func (s *Store) scopeOp(op Op) Op {
	if op.Pack == "" {
		op = s.routeOp(op)
	}
	if op.Profile == "" {
		op.Profile = s.profile
	}
	if op.Pack == "" {
		op.Pack = s.pack
	}
	if len(op.Noticed) > 0 {
		op.Noticed = s.routeNoticed(op.Noticed)
	}
	return op
}

// errUnknownChange: a change of a kind this version does not know (a
// newer tutor's recovery line); such a file is kept, not merged.
var errUnknownChange = errors.New("unknown change")

func checkOp(op Op) error {
	if op.Profile != "" {
		if err := CheckName("profile", op.Profile); err != nil {
			return err
		}
	}
	if op.Pack != "" {
		if err := CheckName("pack", op.Pack); err != nil {
			return err
		}
	}
	if err := checkTime(op); err != nil {
		return err
	}
	switch op.Kind {
	case OpWelcomed:
		return nil
	case OpLast:
		if op.Place == nil {
			return errors.New("last-place change without a place")
		}
		return validatePlace(*op.Place)
	case OpAnswer, OpRetry:
		if op.Answer == nil {
			return errors.New("answer change without an answer")
		}
		if err := checkSummarised(*op.Answer); err != nil {
			return err
		}
	case OpReset:
		if op.All {
			return nil
		}
	case OpLabCheck:
		if op.LabCheck == nil {
			return errNoLabCheck
		}
		return validateLabCheck(*op.LabCheck)
	case OpReview:
		if op.Answer == nil {
			return errors.New("review change without an answer")
		}
		if err := checkID("question id", op.Answer.QuestionID); err != nil {
			return err
		}
		if err := checkSummarised(*op.Answer); err != nil {
			return err
		}
	case OpReading:
		if err := checkWord(op.Word); err != nil {
			return err
		}
		if len(op.Sections) > MaxSections || op.Passed < 0 || op.Passed > len(op.Sections) {
			return fmt.Errorf("%d sections, %d read past", len(op.Sections), op.Passed)
		}
		for _, h := range op.Sections {
			if err := checkSectionHash(h); err != nil {
				return err
			}
		}
	case OpNoticed:
		if len(op.Noticed) > 0 {
			return checkNoticed(op)
		}
		if err := checkID("content hash", op.ContentHash); err != nil {
			return err
		}
	case OpStart, OpFinish, OpDrop:
	default:
		return fmt.Errorf("%w %q", errUnknownChange, op.Kind)
	}
	if op.Rating < 0 || op.Rating > 4 {
		return fmt.Errorf("rating %d is not 0-4", op.Rating)
	}
	return checkID("chapter id", op.Chapter)
}

// checkSummarised refuses an answer a question summary cannot hold as
// it is, before anything is written: a question hash too long (answerTx
// stores the attempt and the card before the summary, and MergeRecovery
// skips a refused change within its transaction, so a refusal from the
// summary would have left the answer in the attempt without it in the
// summary), or a time outside the years the file keeps (CheckTime:
// 1970-2200; a summary's unix nanoseconds wrap after 2262, and any other
// is a clock gone wrong or a damaged or hostile line).
func checkSummarised(a Answer) error {
	if len(a.QuestionHash) > maxIDLen {
		return fmt.Errorf("question hash is %d bytes long (max %d)", len(a.QuestionHash), maxIDLen)
	}
	return CheckTime("answer", a.At)
}

// applyTx makes op in its scope; a change that names none is
// DefaultProfile's and DefaultPack's (see Op).
func applyTx(tx *bolt.Tx, path string, sched *scheduler.Scheduler, op Op) (Applied, error) {
	profile, pack := op.Profile, op.Pack
	if profile == "" {
		profile = DefaultProfile
	}
	if pack == "" {
		pack = DefaultPack
	}
	sc, err := updateScope(tx, path, profile, pack)
	if err != nil {
		return Applied{}, err
	}
	var res Applied
	switch op.Kind {
	case OpWelcomed:
		err = welcomedTx(sc)
	case OpLast:
		err = putLast(sc, *op.Place)
	case OpReading:
		err = readingTx(sc, op)
	case OpNoticed:
		if len(op.Noticed) == 0 {
			err = noticedTx(sc, op.Chapter, op.ContentHash)
		}
		for _, n := range op.Noticed {
			nsc := sc
			if n.Pack != "" && n.Pack != pack {
				if nsc, err = updateScope(tx, path, profile, n.Pack); err != nil {
					break
				}
			}
			if err = noticedTx(nsc, n.Chapter, n.Hash); err != nil {
				break
			}
		}
	case OpStart:
		res.Attempt, err = startTx(sc, op)
	case OpAnswer:
		res.Attempt, err = answerTx(sc, sched, op)
	case OpReview:
		err = reviewTx(sc, sched, op)
	case OpFinish:
		var at Attempt
		if at, err = attemptFor(sc, op); err == nil {
			score, passed := Grade(at, op.Questions, op.PassMark)
			res.Record, res.Attempt, err = finishTx(sc, at, score, passed)
		}
	case OpDrop:
		err = dropTx(sc, op)
	case OpRetry:
		err = retryTx(tx, path, profile, pack, op)
	case OpReset:
		op.Profile, op.Pack = profile, pack
		_, err = resetTx(tx, path, op, time.Now())
	case OpLabCheck:
		err = labCheckTx(sc, op)
	}
	if err != nil {
		return res, err
	}
	// The time last: a change refused above (and skipped by
	// MergeRecovery within its transaction) adds none.
	rec, added, err := timeTx(sc, op)
	if added && op.Kind == OpFinish {
		res.Record = rec
	}
	return res, err
}
