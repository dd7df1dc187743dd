package progress

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"slices"
)

// Records are stored as JSON: readable with `bbolt get` when debugging, and
// tolerant of new optional fields. Every encoder validates before writing so
// the file never holds a record its own decoder would reject, and every
// decoder validates after reading so a damaged record becomes an error, not
// a panic or a nonsense screen.

// maxIDLen bounds ids (chapter and question) so a garbage record cannot
// smuggle megabytes into map keys; real ids are short slugs.
const maxIDLen = 256

func checkID(what, id string) error {
	if id == "" {
		return fmt.Errorf("%s is empty", what)
	}
	if len(id) > maxIDLen {
		return fmt.Errorf("%s is %d bytes long (max %d)", what, len(id), maxIDLen)
	}
	return nil
}

func checkPercent(what string, v int) error {
	if v < 0 || v > 100 {
		return fmt.Errorf("%s %d is outside 0-100", what, v)
	}
	return nil
}

func validateChapter(r ChapterRecord) error {
	if err := checkID("chapter id", r.ID); err != nil {
		return err
	}
	if r.Line < 0 {
		return fmt.Errorf("line %d is negative", r.Line)
	}
	if err := checkWord(r.Word); err != nil {
		return err
	}
	if err := checkPercent("furthest", r.Furthest); err != nil {
		return err
	}
	if r.Answered < 0 || r.Attempts < 0 {
		return fmt.Errorf("negative count (answered %d, attempts %d)", r.Answered, r.Attempts)
	}
	if err := checkPercent("best score", r.BestScore); err != nil {
		return err
	}
	if err := checkPercent("last score", r.LastScore); err != nil {
		return err
	}
	// Invariants our writers keep: scores only exist after a finished attempt,
	// and the best is the max over all finished attempts, so never below the last.
	if r.Attempts == 0 && (r.BestScore != 0 || r.LastScore != 0 || r.Passed) {
		return errors.New("scores recorded without a finished attempt")
	}
	if r.LastScore > r.BestScore {
		return fmt.Errorf("last score %d above best score %d", r.LastScore, r.BestScore)
	}
	if r.ReadingS < 0 || r.QuizS < 0 {
		return fmt.Errorf("negative time (reading %d s, quiz %d s)", r.ReadingS, r.QuizS)
	}
	if _, err := parseTimeMarks(r.TimeMarks); err != nil {
		return err
	}
	if len(r.Sections) > MaxSections*65 {
		return fmt.Errorf("sections are %d bytes long", len(r.Sections))
	}
	if len(r.Noticed) > maxIDLen {
		return fmt.Errorf("noticed hash is %d bytes long (max %d)", len(r.Noticed), maxIDLen)
	}
	return nil
}

func encodeChapter(r ChapterRecord) ([]byte, error) {
	if err := validateChapter(r); err != nil {
		return nil, refused("refusing to save chapter record: %w", err)
	}
	return json.Marshal(r)
}

// decodeChapter parses and validates one `chapters` value.
func decodeChapter(b []byte) (ChapterRecord, error) {
	var r ChapterRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return ChapterRecord{}, fmt.Errorf("chapter record: %w", err)
	}
	if err := validateChapter(r); err != nil {
		return ChapterRecord{}, fmt.Errorf("chapter record: %w", err)
	}
	return r, nil
}

// smallList is the longest list validateAttempt scans instead of hashing.
const smallList = 16

func validateAttempt(a Attempt) error {
	if a.ID == 0 {
		return errors.New("attempt id is 0")
	}
	if err := checkID("chapter id", a.ChapterID); err != nil {
		return err
	}
	if a.Started.IsZero() {
		return errors.New("start time missing")
	}
	// Quiz-sized lists are scanned, not put in maps: two maps per attempt
	// were a fifth of an export's decoding (pprof, 100,000 answers).
	inOrder := func(q string) bool { return slices.Contains(a.Order, q) }
	var orderSet map[string]bool
	if len(a.Order) > smallList {
		orderSet = make(map[string]bool, len(a.Order))
		inOrder = func(q string) bool { return orderSet[q] }
	}
	for i, q := range a.Order {
		if err := checkID("question id", q); err != nil {
			return err
		}
		if orderSet != nil && orderSet[q] || orderSet == nil && slices.Contains(a.Order[:i], q) {
			return fmt.Errorf("question %q listed twice", q)
		}
		if orderSet != nil {
			orderSet[q] = true
		}
	}
	for q, perm := range a.Shuffles {
		if !inOrder(q) {
			return fmt.Errorf("shuffle for question %q not in the attempt", q)
		}
		if err := checkPermutation(perm); err != nil {
			return fmt.Errorf("shuffle for question %q: %w", q, err)
		}
	}
	if a.UID != "" {
		if err := checkID("attempt uid", a.UID); err != nil {
			return err
		}
	}
	// A question may be answered more than once (schema 2: two tutors on one
	// attempt); an answer id may not appear twice.
	var ids map[string]bool
	if len(a.Answers) > smallList {
		ids = make(map[string]bool, len(a.Answers))
	}
	for i, ans := range a.Answers {
		if !inOrder(ans.QuestionID) {
			return fmt.Errorf("answer to question %q not in the attempt", ans.QuestionID)
		}
		// The question's summary keeps the hash (validateSummary): checked
		// here too, so an answer it would refuse is refused before its
		// attempt is written (a refused change writes nothing).
		if len(ans.QuestionHash) > maxIDLen {
			return fmt.Errorf("answer to question %q: question hash is %d bytes long (max %d)", ans.QuestionID, len(ans.QuestionHash), maxIDLen)
		}
		if ans.ID == "" {
			continue
		}
		if err := checkID("answer id", ans.ID); err != nil {
			return err
		}
		twice := ids[ans.ID]
		if ids == nil {
			twice = slices.ContainsFunc(a.Answers[:i], func(b Answer) bool { return b.ID == ans.ID })
		}
		if twice {
			return fmt.Errorf("answer %q stored twice", ans.ID)
		}
		if ids != nil {
			ids[ans.ID] = true
		}
	}
	if err := checkPercent("score", a.Score); err != nil {
		return err
	}
	if a.Finished == nil && (a.Score != 0 || a.Passed) {
		return errors.New("unfinished attempt has a score")
	}
	if a.Finished != nil && a.Abandoned {
		return errors.New("attempt is both finished and abandoned")
	}
	return nil
}

// checkPermutation accepts exactly the orderings of 0..n-1, so a resumed
// attempt can index options with it without bounds surprises.
func checkPermutation(p []int) error {
	seen := make([]bool, len(p))
	for _, v := range p {
		if v < 0 || v >= len(p) || seen[v] {
			return fmt.Errorf("%v is not a permutation of 0..%d", p, len(p)-1)
		}
		seen[v] = true
	}
	return nil
}

func encodeAttempt(a Attempt) ([]byte, error) {
	if err := validateAttempt(a); err != nil {
		return nil, refused("refusing to save attempt: %w", err)
	}
	return json.Marshal(a)
}

// decodeAttempt parses and validates one value of an `attempts/<chapter>` bucket.
func decodeAttempt(b []byte) (Attempt, error) {
	var a Attempt
	// encoding/json's own semantics (github.com/go-json-experiment/json/v1
	// emulates them) on the faster v2 decoder: the check before a session's
	// first write decodes every attempt, and a 10 MB file took 60 ms with
	// encoding/json against a 50 ms budget, 42 ms with this (326,723 → 159,688
	// allocations; BenchmarkCheckBeforeWrite10MB, load ~2).
	if err := jsonv1.Unmarshal(b, &a); err != nil {
		return Attempt{}, fmt.Errorf("attempt record: %w", err)
	}
	if err := validateAttempt(a); err != nil {
		return Attempt{}, fmt.Errorf("attempt record: %w", err)
	}
	if a.Answers == nil {
		a.Answers = []Answer{}
	}
	return a, nil
}

func validatePlace(p Place) error {
	if p.Screen != "chapter" && p.Screen != "quiz" {
		return fmt.Errorf("place screen %q is not \"chapter\" or \"quiz\"", p.Screen)
	}
	return checkID("place chapter id", p.ChapterID)
}

// placeRecord is a Place as stored: with the pack it is in. A place
// without one (written by schema 2) is in the guide.
type placeRecord struct {
	Place
	Pack string `json:"pack,omitempty"`
}

func encodePlace(p Place, pack string) ([]byte, error) {
	if err := validatePlace(p); err != nil {
		return nil, refused("refusing to save last place: %w", err)
	}
	return json.Marshal(placeRecord{Place: p, Pack: pack})
}

// decodePlace parses and validates a stored last place and its pack.
func decodePlace(b []byte) (Place, string, error) {
	var r placeRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return Place{}, "", fmt.Errorf("last place: %w", err)
	}
	if err := validatePlace(r.Place); err != nil {
		return Place{}, "", fmt.Errorf("last place: %w", err)
	}
	if r.Pack == "" {
		r.Pack = DefaultPack
	} else if err := CheckName("last place pack", r.Pack); err != nil {
		return Place{}, "", fmt.Errorf("last place: %w", err)
	}
	return r.Place, r.Pack, nil
}

// attemptKey is the 8-byte big-endian id, so bbolt's byte order is id order.
func attemptKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}
