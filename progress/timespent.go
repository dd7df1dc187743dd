package progress

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Time spent (issue 11, "See progress"): the seconds a learner was active
// reading a chapter or in its quiz. The tutor counts them from its own
// clock and hands them to the changes it saves anyway (a reading position,
// an answer, a finish, the last place), so time never costs a transaction
// of its own: a change carries the seconds since the tutor's previous
// change that carried time, for its chapter.
//
// Adding is idempotent like the rest of an Op: every change that carries
// time names the tutor's session (a NewID made when it starts) and a
// number counting up within it. The chapter record keeps the newest number
// of the last keptTimeMarks sessions that added time, and a change whose
// number is not above its session's mark adds nothing: a retried save, or
// a recovery file merged twice. A tutor saves in order, so its numbers
// reach a record in order. Only a change from a session older than the
// kept ones could count twice: five tutors adding time to one chapter
// while a sixth replays a recovery file.

// keptTimeMarks is how many sessions' marks a chapter record keeps.
const keptTimeMarks = 4

// maxOpSeconds bounds the time one change may carry: a tutor saves at
// least when the learner leaves a chapter or answers, so even a day is
// far more than a real change holds; a bigger number is a damaged or
// hostile recovery line.
const maxOpSeconds = 24 * 60 * 60

// timeMark is the newest change of one session that added time to a
// chapter: its TimeSession and TimeSeq.
type timeMark struct {
	session string
	seq     uint64
}

// carriesTime: the change adds seconds to its chapter.
func carriesTime(op Op) bool { return op.ReadingS != 0 || op.QuizS != 0 }

// CanCarryTime: changes of this kind may carry time (they name one chapter
// of the learner's and are saved while the learner works in it).
func CanCarryTime(k OpKind) bool {
	switch k {
	case OpReading, OpLast, OpStart, OpAnswer, OpFinish, OpDrop, OpRetry, OpReview:
		return true
	}
	return false
}

func checkTime(op Op) error {
	if !carriesTime(op) {
		return nil
	}
	switch {
	case !CanCarryTime(op.Kind):
		return fmt.Errorf("a %q change carries no time", op.Kind)
	case op.ReadingS < 0 || op.QuizS < 0 || op.ReadingS > maxOpSeconds || op.QuizS > maxOpSeconds:
		return fmt.Errorf("time out of range (reading %d s, quiz %d s; 0-%d each)", op.ReadingS, op.QuizS, maxOpSeconds)
	case op.TimeSeq == 0:
		return errors.New("time without its change number")
	}
	if err := checkSession(op.TimeSession); err != nil {
		return err
	}
	return checkID("chapter id", op.Chapter)
}

// checkSession: 1-64 letters, digits, '-' or '_' (NewID gives 32 hex
// digits), so marks need no quoting.
func checkSession(s string) error {
	if s == "" || len(s) > 64 || strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_')
	}) >= 0 {
		return fmt.Errorf("time session %q is not 1-64 letters, digits, - or _", s)
	}
	return nil
}

func parseTimeMarks(s string) ([]timeMark, error) {
	var marks []timeMark
	for f := range strings.FieldsSeq(s) {
		session, n, ok := strings.Cut(f, ":")
		seq, err := strconv.ParseUint(n, 10, 64)
		if !ok || err != nil || checkSession(session) != nil {
			return nil, fmt.Errorf("time mark %q is not session:number", f)
		}
		marks = append(marks, timeMark{session, seq})
	}
	if len(marks) > keptTimeMarks {
		return nil, fmt.Errorf("%d time marks (max %d)", len(marks), keptTimeMarks)
	}
	return marks, nil
}

func formatTimeMarks(marks []timeMark) string {
	var b strings.Builder
	for i, mk := range marks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(mk.session + ":" + strconv.FormatUint(mk.seq, 10))
	}
	return b.String()
}

// timeTx adds op's seconds to its chapter's record, once; added is false
// when op carries none or was applied before.
func timeTx(sc *scoped, op Op) (ChapterRecord, bool, error) {
	if !carriesTime(op) {
		return ChapterRecord{}, false, nil
	}
	r, err := getChapter(sc, op.Chapter)
	if err != nil {
		return ChapterRecord{}, false, err
	}
	marks, err := parseTimeMarks(r.TimeMarks)
	if err != nil { // getChapter validated it: unreachable
		return ChapterRecord{}, false, err
	}
	if i := slices.IndexFunc(marks, func(mk timeMark) bool { return mk.session == op.TimeSession }); i >= 0 {
		if op.TimeSeq <= marks[i].seq {
			return r, false, nil // applied already: a retry or a replay
		}
		marks = slices.Delete(marks, i, i+1)
	}
	r.ReadingS = AddSeconds(r.ReadingS, op.ReadingS)
	r.QuizS = AddSeconds(r.QuizS, op.QuizS)
	marks = append([]timeMark{{op.TimeSession, op.TimeSeq}}, marks...)
	r.TimeMarks = formatTimeMarks(marks[:min(len(marks), keptTimeMarks)])
	return r, true, putChapter(sc, r)
}

// AddSeconds adds two non-negative times in seconds, saturating rather
// than wrapping: a total near the limit can only come from a damaged file,
// and must not turn negative (a refused save here; elsewhere a negative
// time in the stats, `progress --json` and exports, which report and
// import then refuse, and a reset that no longer says it clears time).
// Every sum of times uses it.
func AddSeconds(total, s int64) int64 {
	if total > math.MaxInt64-s {
		return math.MaxInt64
	}
	return total + s
}
