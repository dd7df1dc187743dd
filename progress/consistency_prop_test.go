package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// propChapters and propQuestions are the small world the property tests
// play in: few enough that attempts, resets and undos collide often.
var (
	propChapters  = []string{"a", "b"}
	propQuestions = []string{"q1", "q2", "q3"}
)

// checkAgainstHistory fails unless the stored question summaries and each
// chapter record's answers saved are exactly what rebuilding from the live
// attempts gives, and every quarter hour with a live answer or review
// answer is a studied slot. (Studied slots may outlive the attempts that
// made them: a chapter's reset keeps the days the learner studied.)
func checkAgainstHistory(t *testing.T, s *Store, when string) {
	t.Helper()
	snap, err := s.Snapshot()
	must(t, err)
	log, err := s.StudyLog()
	must(t, err)
	slots := map[int64]bool{}
	for _, at := range log.Studied {
		slots[at.Truncate(studiedSlot).Unix()] = true
	}
	var times []time.Time
	for _, ch := range propChapters {
		as := mustAttempts(t, s, ch)
		want := Summaries(as)
		got := snap.Questions[ch]
		answered := 0
		for q, w := range want {
			g, ok := got[q]
			if !ok || g.Hash != w.Hash || g.Answered != w.Answered || g.Missed != w.Missed || !g.Last.Equal(w.Last) {
				t.Fatalf("%s: chapter %s question %s summary = %+v (stored %v), history says %+v", when, ch, q, g, ok, w)
			}
			answered += w.Answered
		}
		for q, g := range got {
			if _, ok := want[q]; !ok {
				t.Fatalf("%s: chapter %s question %s has summary %+v but no answer in the history", when, ch, q, g)
			}
		}
		if r := snap.Chapters[ch]; r.Answered != answered {
			t.Fatalf("%s: chapter %s answers saved %d, history says %d", when, ch, r.Answered, answered)
		}
		for _, a := range as {
			for _, x := range a.Answers {
				times = append(times, x.At)
			}
		}
	}
	reviews, err := s.reviewAnswerTimes()
	must(t, err)
	for _, at := range append(times, reviews...) {
		if !slots[at.Truncate(studiedSlot).Unix()] {
			t.Fatalf("%s: answer at %v has no studied slot", when, at)
		}
	}
}

// reviewAnswerTimes is when each live review answer was given.
func (s *Store) reviewAnswerTimes() ([]time.Time, error) {
	var out []time.Time
	err := s.view(func(sc *scoped) error {
		var err error
		out, err = reviewTimes(sc)
		return err
	})
	if isMissing(err) {
		return nil, nil
	}
	return out, err
}

// Proves (property): whatever sequence of answers, replays, finishes,
// drops, retries, reviews, resets (of a chapter and of everything),
// undos, imports and recovery-file merges is applied, the question
// summaries, the chapter records' answers saved and the studied slots
// stay what rebuilding from the attempts gives. Times are coarse (whole
// minutes from a small range), so answers at the same instant happen.
func TestSummariesStayRebuildableProperty(t *testing.T) {
	seeds := 25
	if testing.Short() {
		seeds = 8
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			runSummaryProperty(t, uint64(seed))
		})
	}
}

func runSummaryProperty(t *testing.T, seed uint64) {
	s := cardStore(t)
	rng := rand.New(rand.NewPCG(seed, 99))
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func() time.Time { return t0.Add(time.Duration(rng.IntN(90)) * time.Minute) }
	uids := map[string][]string{} // chapter → attempt uids made so far
	var done []Op                 // every op applied, for replays
	var steps []string
	apply := func(op Op, what string) {
		t.Helper()
		steps = append(steps, what)
		_, err := s.Apply(op)
		if err != nil && strings.HasPrefix(what, "replay") && (Permanent(err) || errors.Is(err, ErrNoAttempt)) {
			return // a finish replayed after its attempt was reset away
		}
		if err != nil {
			t.Fatalf("seed %d step %d %s: %v\nsteps: %v", seed, len(steps), what, err, steps)
		}
		done = append(done, op)
	}
	for step := range 60 {
		ch := propChapters[rng.IntN(len(propChapters))]
		switch k := rng.IntN(20); {
		case k < 8: // an answer, to an attempt old or new
			if len(uids[ch]) == 0 || rng.IntN(3) == 0 {
				uids[ch] = append(uids[ch], NewID())
			}
			uid := uids[ch][rng.IntN(len(uids[ch]))]
			q := propQuestions[rng.IntN(len(propQuestions))]
			a := answer(q, rng.IntN(2) == 0, "x")
			if rng.IntN(4) == 0 {
				a.QuestionHash = "edited-" + q
			}
			a.ID, a.At = NewID(), at()
			apply(Op{Kind: OpAnswer, Chapter: ch, AttemptUID: uid, Order: propQuestions, Answer: &a}, "answer "+ch+"/"+q)
		case k < 10 && len(done) > 0: // a retried save
			op := done[rng.IntN(len(done))]
			if op.Kind == OpReset {
				continue // a reset replayed is a new reset: tested as one
			}
			apply(op, "replay "+string(op.Kind))
		case k < 11:
			if a, ok, err := s.OpenAttempt(ch); err == nil && ok {
				apply(Op{Kind: OpFinish, Chapter: ch, Attempt: a.ID, Questions: map[string]string{"q1": "qh-q1"}, PassMark: 50}, "finish "+ch)
			}
		case k < 12:
			if a, ok, err := s.OpenAttempt(ch); err == nil && ok {
				apply(Op{Kind: OpDrop, Chapter: ch, Attempt: a.ID}, "drop "+ch)
			}
		case k < 13 && rng.IntN(2) == 0: // an attempt started, nothing answered yet
			uid := NewID()
			uids[ch] = append(uids[ch], uid)
			apply(Op{Kind: OpStart, Chapter: ch, AttemptUID: uid, Order: propQuestions}, "start "+ch)
		case k < 13:
			a := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "x")
			a.ID, a.At = NewID(), at()
			apply(Op{Kind: OpRetry, Chapter: ch, Answer: &a}, "retry "+ch)
		case k < 14:
			a := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "x")
			a.ID, a.At = NewID(), at()
			apply(Op{Kind: OpReview, Chapter: ch, Answer: &a}, "review "+ch)
		case k < 15:
			if rng.IntN(3) == 0 {
				apply(Op{Kind: OpReset, All: true}, "reset all")
			} else {
				apply(Op{Kind: OpReset, Chapter: ch}, "reset "+ch)
			}
		case k < 16:
			steps = append(steps, "undo")
			_, err := s.Undo()
			must(t, err)
		case k < 17: // an import: known attempts with answers they lack, and a new one
			var in Imported
			for _, a := range mustAttempts(t, s, ch) {
				if a.UID == "" || rng.IntN(2) == 0 {
					continue
				}
				x := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "y")
				x.ID, x.At = NewID(), at()
				a.Answers = append(a.Answers, x)
				in.Attempts = append(in.Attempts, a)
			}
			x := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "z")
			x.ID, x.At = NewID(), at()
			fin := t0
			in.Attempts = append(in.Attempts, Attempt{UID: NewID(), ChapterID: ch, Started: t0, Finished: &fin,
				Order: propQuestions, Answers: []Answer{x}, Score: 100, Passed: true})
			steps = append(steps, "import "+ch)
			_, err := s.Import(in)
			must(t, err)
		case k < 18 && len(done) > 0: // a recovery file, some of it merged before
			var ops []Op
			for range 1 + rng.IntN(4) {
				op := done[rng.IntN(len(done))]
				if op.Kind != OpReset {
					ops = append(ops, op)
				}
			}
			steps = append(steps, fmt.Sprintf("recovery of %d", len(ops)))
			_, err := s.WriteRecovery(ops)
			must(t, err)
			// A finish whose attempt a reset took away is refused and
			// skipped; the rest merges.
			if _, err := s.MergeRecovery(); err != nil && !errors.Is(err, ErrNoAttempt) {
				t.Fatalf("merge: %v", err)
			}
			if files, _ := s.RecoveryFiles(); len(files) > 0 {
				t.Fatalf("recovery files kept: %v", files)
			}
		default:
			continue
		}
		checkAgainstHistory(t, s, fmt.Sprintf("seed %d step %d (%v)", seed, step, steps))
	}
	must(t, Check(s.Path()))
}

// Proves (property): time spent is added once per change whatever is
// replayed — a retried save, a recovery file merged with changes applied
// before — across up to keptTimeMarks tutor sessions interleaving their
// changes to one chapter, and through answers, finishes and readings.
func TestTimeAddedOnceProperty(t *testing.T) {
	for seed := range uint64(20) {
		s := cardStore(t)
		rng := rand.New(rand.NewPCG(seed, 7))
		sessions := make([]string, keptTimeMarks)
		seq := make([]uint64, keptTimeMarks)
		for i := range sessions {
			sessions[i] = NewID()
		}
		want := map[string][2]int64{}
		var done []Op
		uid := map[string]string{}
		for step := range 50 {
			ch := propChapters[rng.IntN(len(propChapters))]
			if rng.IntN(4) == 0 && len(done) > 0 {
				// Replayed: once directly, once through a recovery file.
				op := done[rng.IntN(len(done))]
				_, err := s.Apply(op)
				must(t, err)
				_, err = s.WriteRecovery([]Op{op, done[rng.IntN(len(done))]})
				must(t, err)
				_, err = s.MergeRecovery()
				must(t, err)
			} else {
				i := rng.IntN(len(sessions))
				seq[i]++
				op := Op{Chapter: ch, TimeSession: sessions[i], TimeSeq: seq[i],
					ReadingS: int64(rng.IntN(100)), QuizS: int64(1 + rng.IntN(100))}
				switch rng.IntN(3) {
				case 0:
					op.Kind, op.Percent = OpReading, rng.IntN(101)
				case 1:
					if uid[ch] == "" {
						uid[ch] = NewID()
					}
					a := answer(propQuestions[rng.IntN(3)], true, "x")
					a.ID = NewID()
					op.Kind, op.AttemptUID, op.Order, op.Answer = OpAnswer, uid[ch], propQuestions, &a
				default:
					if uid[ch] == "" {
						continue
					}
					op.Kind, op.AttemptUID, op.Questions = OpFinish, uid[ch], map[string]string{"q1": ""}
					uid[ch] = ""
				}
				_, err := s.Apply(op)
				must(t, err)
				w := want[ch]
				want[ch] = [2]int64{w[0] + op.ReadingS, w[1] + op.QuizS}
				done = append(done, op)
			}
			snap, err := s.Snapshot()
			must(t, err)
			for _, ch := range propChapters {
				r := snap.Chapters[ch]
				if got := [2]int64{r.ReadingS, r.QuizS}; got != want[ch] {
					t.Fatalf("seed %d step %d: chapter %s time (reading, quiz) = %v, want %v", seed, step, ch, got, want[ch])
				}
			}
		}
	}
}

// Proves: of two answers to a question at the same instant, the summary
// keeps the same hash whichever reached the file first — the one
// rebuilding from the history gives (it failed when the later-written
// answer won: a rebuild reads the attempts in id order).
func TestSummaryOfSimultaneousAnswers(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, hashes := range [][2]string{{"qh-b", "qh-a"}, {"qh-a", "qh-b"}} {
		s := cardStore(t)
		first, second := NewID(), NewID()
		for _, uid := range []string{first, second} {
			_, err := s.Apply(Op{Kind: OpStart, Chapter: "a", AttemptUID: uid, Order: propQuestions})
			must(t, err)
		}
		// The second attempt is answered first.
		for i, uid := range []string{second, first} {
			a := answer("q1", true, "x")
			a.ID, a.At, a.QuestionHash = NewID(), at, hashes[i]
			_, err := s.Apply(Op{Kind: OpAnswer, Chapter: "a", AttemptUID: uid, Answer: &a})
			must(t, err)
		}
		checkAgainstHistory(t, s, fmt.Sprintf("hashes %v", hashes))
		snap, err := s.Snapshot()
		must(t, err)
		if h := snap.Questions["a"]["q1"].Hash; h != "qh-b" {
			t.Errorf("hashes %v: summary hash %q, want the greater, qh-b", hashes, h)
		}
	}
}

// Proves: undoing a reset brings a chapter back whole. A chapter reset
// with an attempt started but nothing answered (attempts, no question
// summaries), answered since, then undone: the answers made since move
// aside with their summaries (the summaries stayed live, beside a history
// without their answers).
func TestUndoRestoresChapterWithItsSummaries(t *testing.T) {
	for _, all := range []bool{false, true} {
		s := cardStore(t)
		_, err := s.Apply(Op{Kind: OpStart, Chapter: "a", AttemptUID: NewID(), Order: propQuestions})
		must(t, err)
		_, err = s.Reset("a", all)
		must(t, err)
		quizAnswer(t, s, "a", "q1", false, day0)
		if _, err := s.Undo(); err != nil {
			t.Fatal(err)
		}
		checkAgainstHistory(t, s, fmt.Sprintf("undo (all %v)", all))
		// Undoing again swaps the answers made since back in.
		if _, err := s.Undo(); err != nil {
			t.Fatal(err)
		}
		checkAgainstHistory(t, s, fmt.Sprintf("undo twice (all %v)", all))
		if snap, _ := s.Snapshot(); snap.Questions["a"]["q1"].Answered != 1 {
			t.Errorf("all %v: after undoing twice, q1 = %+v", all, snap.Questions["a"]["q1"])
		}
	}
}

// Proves: a recovery line whose answer has a question hash too long for
// a summary is refused whole — the merge skips it and the attempt does
// not keep the answer without its summary. (It was refused only by the
// summary, after the attempt and the card were written, and the merge
// kept those.)
func TestRecoveryAnswerWithLongHashIsRefusedWhole(t *testing.T) {
	s := cardStore(t)
	quizAnswer(t, s, "a", "q1", true, day0)
	a := answer("q2", true, "x")
	a.ID, a.At, a.QuestionHash = NewID(), day0, strings.Repeat("h", maxIDLen+1)
	bad := Op{Kind: OpAnswer, Chapter: "a", AttemptUID: NewID(), Order: propQuestions, Answer: &a}
	line, err := json.Marshal(bad)
	must(t, err)
	must(t, os.WriteFile(s.Path()+recoveryMarker+"by-hand", append(line, '\n'), 0o600))
	_, _ = s.MergeRecovery() // the line is refused and reported, the file merged
	checkAgainstHistory(t, s, "after merging")
	if as := mustAttempts(t, s, "a"); len(as) != 1 {
		t.Errorf("%d attempts, want 1: the refused answer made one", len(as))
	}
	if _, err := s.Apply(bad); err == nil || !Permanent(err) {
		t.Errorf("Apply of the long hash = %v, want refused", err)
	}
}

// Proves: two tutors (two Stores, as two processes have) answering one
// attempt at once leave summaries equal to the history: each answer moves
// its summary in its own transaction, under the file's lock.
func TestTwoTutorsKeepSummaries(t *testing.T) {
	path := tempPath(t)
	a, b := mustOpen(t, path), mustOpen(t, path)
	uid := NewID()
	errs := make(chan error, 2)
	for i, s := range []*Store{a, b} {
		go func() {
			rng := rand.New(rand.NewPCG(uint64(i), 3))
			for range 30 {
				x := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "x")
				x.ID, x.At = NewID(), day0.Add(time.Duration(rng.IntN(600))*time.Second)
				if _, err := s.Apply(Op{Kind: OpAnswer, Chapter: "a", AttemptUID: uid, Order: propQuestions, Answer: &x}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		must(t, <-errs)
	}
	checkAgainstHistory(t, a, "two tutors")
	if as := mustAttempts(t, a, "a"); len(as) != 1 || len(as[0].Answers) != 60 {
		t.Errorf("%d attempts, want one with 60 answers", len(as))
	}
}

// Proves: an answer whose time a summary cannot store (after 2262) is
// refused, applied or imported, so no summary holds a wrapped time that
// differs from the history's. (Its unix nanoseconds overflowed: the
// summary said some other year.)
func TestAnswerTimeOutOfSummaryRange(t *testing.T) {
	s := cardStore(t)
	far := time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	a := answer("q1", true, "x")
	a.ID, a.At = NewID(), far
	if _, err := s.Apply(Op{Kind: OpAnswer, Chapter: "a", AttemptUID: NewID(), Order: propQuestions, Answer: &a}); err == nil || !Permanent(err) {
		t.Errorf("Apply = %v, want refused", err)
	}
	_, err := s.Import(Imported{Attempts: []Attempt{{UID: NewID(), ChapterID: "a", Started: day0, Order: propQuestions, Answers: []Answer{a}}}})
	if err == nil {
		t.Error("an import of an answer in the year 3000 was accepted")
	}
	checkAgainstHistory(t, s, "after the refusals")
}

// Proves: the lines KeepByHand prints are ASCII, so no pass over the
// message (the terminal's escaping; --ascii's stand-ins, which made a “ in
// a typed answer a bare " and the line no JSON) changes them, and saved as
// it says they bring the answer back with its text whole.
func TestKeepByHandLinesAreASCII(t *testing.T) {
	s := cardStore(t)
	a := answer("q1", true, "“quoted” — 日本 😀")
	a.ID, a.At = NewID(), day0
	msg := s.KeepByHand([]Op{{Kind: OpAnswer, Chapter: "a", AttemptUID: NewID(), Order: propQuestions, Answer: &a}})
	_, rest, _ := strings.Cut(msg, "----- unsaved changes -----\n")
	lines, _, ok := strings.Cut(rest, "----- end of unsaved changes -----")
	if !ok {
		t.Fatalf("no marks:\n%s", msg)
	}
	for i := 0; i < len(lines); i++ {
		if lines[i] >= 0x80 {
			t.Fatalf("a byte beyond ASCII in the lines: %q", lines)
		}
	}
	must(t, os.WriteFile(s.Path()+recoveryMarker+"by-hand", []byte(lines), 0o600))
	if n, err := s.MergeRecovery(); n != 1 || err != nil {
		t.Fatalf("merge: %d, %v", n, err)
	}
	if as := mustAttempts(t, s, "a"); len(as) != 1 || as[0].Answers[0].Given[0] != a.Given[0] {
		t.Errorf("attempts after the merge: %+v", as)
	}
}

// Proves (property): the migration 3 → 4 builds the summaries and studied
// slots a schema-4 tutor keeps answer by answer. Random answers (out of
// time order, replayed, to several attempts and chapters), reviews and an
// import go into a file; it is made schema 3 again (its questions and
// studied buckets dropped) and opened, which migrates it: the summaries
// and slots are what they were.
func TestMigrationEqualsRunningSummaries(t *testing.T) {
	for seed := range uint64(5) {
		path := tempPath(t)
		s := mustOpen(t, path)
		rng := rand.New(rand.NewPCG(seed, 11))
		var done []Op
		for range 40 {
			ch := propChapters[rng.IntN(2)]
			x := answer(propQuestions[rng.IntN(3)], rng.IntN(2) == 0, "x")
			x.ID, x.At = NewID(), day0.Add(time.Duration(rng.IntN(3000))*time.Minute)
			var op Op
			switch rng.IntN(4) {
			case 0:
				op = Op{Kind: OpReview, Chapter: ch, Answer: &x}
			case 1:
				if len(done) > 0 {
					op = done[rng.IntN(len(done))]
					break
				}
				fallthrough
			default:
				op = Op{Kind: OpAnswer, Chapter: ch, AttemptUID: fmt.Sprint(ch, rng.IntN(4)), Order: propQuestions, Answer: &x}
			}
			_, err := s.Apply(op)
			must(t, err)
			done = append(done, op)
		}
		before, err := s.StudyLog()
		must(t, err)
		must(t, withDB(path, false, func(db *bolt.DB) error {
			return db.Update(func(tx *bolt.Tx) error {
				pb := tx.Bucket(bucketProfiles).Bucket([]byte(DefaultProfile)).Bucket(bucketPacks).Bucket([]byte(DefaultPack))
				for _, n := range [][]byte{bucketQuestions, bucketStudied} {
					if err := pb.DeleteBucket(n); err != nil {
						return err
					}
				}
				return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
			})
		}))
		after, err := mustOpen(t, path).StudyLog()
		must(t, err)
		if !reflect.DeepEqual(before.Questions, after.Questions) {
			t.Errorf("seed %d: migrated summaries %v, kept %v", seed, after.Questions, before.Questions)
		}
		slots := func(ts []time.Time) []int64 {
			var out []int64
			for _, at := range ts {
				out = append(out, at.Unix())
			}
			slices.Sort(out)
			return out
		}
		if a, b := slots(after.Studied), slots(before.Studied); !slices.Equal(a, b) {
			t.Errorf("seed %d: migrated studied slots %v, kept %v", seed, a, b)
		}
	}
}
