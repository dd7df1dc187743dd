package progress

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"backend-tutor/internal/scheduler"
)

// day0 is 10:00 UTC; the store's scheduler runs in UTC in these tests.
var day0 = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

func cardStore(t testing.TB) *Store {
	t.Helper()
	s := mustOpen(t, tempPath(t))
	s.SetScheduler(scheduler.Default(time.UTC))
	return s
}

// quizAnswer answers q in a fresh attempt of chapter ch at `at`.
func quizAnswer(t testing.TB, s *Store, ch, q string, correct bool, at time.Time) {
	t.Helper()
	a := answer(q, correct, "x")
	a.ID, a.At = NewID(), at
	_, err := s.Apply(Op{Kind: OpAnswer, Chapter: ch, AttemptUID: NewID(), Order: []string{q}, Answer: &a})
	must(t, err)
}

func reviewOp(ch, q string, correct bool, at time.Time) Op {
	a := answer(q, correct, "x")
	a.ID, a.At = NewID(), at
	return Op{Kind: OpReview, Chapter: ch, Answer: &a}
}

// Proves: a quiz answer makes its question's card in the same change —
// wrong comes back the next local day, right later — and a question whose
// hash changed starts a fresh card.
func TestQuizAnswerMakesCard(t *testing.T) {
	s := cardStore(t)
	quizAnswer(t, s, "http", "q-wrong", false, day0)
	quizAnswer(t, s, "http", "q-right", true, day0)
	wrong, ok, err := s.Card("q-wrong")
	must(t, err)
	if !ok || wrong.ChapterID != "http" || wrong.QuestionHash != "qh-q-wrong" || wrong.Reps != 1 {
		t.Fatalf("card after a wrong answer: %+v ok=%v", wrong, ok)
	}
	if want := scheduler.DayStart(scheduler.Day(day0, nil)+1, nil); !wrong.Due.Equal(want) {
		t.Errorf("wrong answer due %v, want the next day's start %v", wrong.Due, want)
	}
	right, _, _ := s.Card("q-right")
	if !right.Due.After(wrong.Due) {
		t.Errorf("right answer due %v, not after the wrong one's %v", right.Due, wrong.Due)
	}

	// The question is edited: its next answer starts the card again.
	a := Answer{ID: NewID(), QuestionID: "q-right", QuestionHash: "edited", Correct: true, At: day0.Add(48 * time.Hour)}
	_, err = s.Apply(Op{Kind: OpAnswer, Chapter: "http", AttemptUID: NewID(), Order: []string{"q-right"}, Answer: &a})
	must(t, err)
	fresh, _, _ := s.Card("q-right")
	if fresh.Reps != 1 || fresh.QuestionHash != "edited" {
		t.Errorf("after an edit the card should start afresh: %+v", fresh)
	}
	q, err := s.ReviewQueue(day0.Add(30*24*time.Hour), nil)
	must(t, err)
	if len(q.Cards) != 2 {
		t.Errorf("queue has %d cards, want one per question (2): the old index entry must go", len(q.Cards))
	}
}

// Proves: review answers never change the chapter's record (answered,
// attempts, best score, passed), its attempts or Continue; they move the
// card and the day's tally, and a replayed review changes nothing more.
func TestReviewsLeaveQuizAggregates(t *testing.T) {
	s := cardStore(t)
	at, err := s.StartAttempt("http", "h", []string{"q1", "q2"}, nil)
	must(t, err)
	for _, q := range []string{"q1", "q2"} {
		a := answer(q, q == "q1", "x")
		a.ID, a.At = NewID(), day0
		_, err := s.Apply(Op{Kind: OpAnswer, Chapter: "http", Attempt: at.ID, Answer: &a})
		must(t, err)
	}
	_, err = s.Apply(Op{Kind: OpFinish, Chapter: "http", Attempt: at.ID, Questions: map[string]string{"q1": "qh-q1", "q2": "qh-q2"}, PassMark: 50})
	must(t, err)
	must(t, s.SaveLast(Place{Screen: "chapter", ChapterID: "http"}))
	before, err := s.Snapshot()
	must(t, err)
	attempts, err := s.Attempts("http")
	must(t, err)

	next := day0.Add(24 * time.Hour)
	q, err := s.ReviewQueue(next, nil)
	must(t, err)
	if len(q.Cards) != 1 || q.Cards[0].QuestionID != "q2" {
		t.Fatalf("the next day's queue: %+v, want q2 (missed)", q.Cards)
	}
	op := reviewOp("http", "q2", true, next)
	for range 2 { // the second is a replay
		_, err := s.Apply(op)
		must(t, err)
	}
	_, err = s.Apply(reviewOp("http", "q1", false, next))
	must(t, err)

	after, err := s.Snapshot()
	must(t, err)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("reviews changed the snapshot:\nbefore %+v\nafter  %+v", before, after)
	}
	attempts2, err := s.Attempts("http")
	must(t, err)
	if !reflect.DeepEqual(attempts, attempts2) {
		t.Errorf("reviews changed the attempts")
	}
	c, _, _ := s.Card("q2")
	if c.Reps != 2 || !c.Due.After(next) {
		t.Errorf("q2 after one review (and its replay): %+v", c)
	}
	got, err := s.ReviewAnswers()
	must(t, err)
	if len(got) != 2 {
		t.Errorf("%d review answers stored, want 2 (a replay is stored once)", len(got))
	}
	q, err = s.ReviewQueue(next, nil)
	must(t, err)
	if q.DoneToday != 2 {
		t.Errorf("tally today %d, want 2", q.DoneToday)
	}
}

// Proves: the daily cap counts reviews already given today, across a
// reopen of the file, and starts again at the 4 AM rollover.
func TestReviewCapAcrossRestarts(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	p := scheduler.DefaultParams()
	p.DailyLimit = 3
	sched, err := scheduler.Configure(p)
	must(t, err)
	s.SetScheduler(sched)
	for i := range 5 {
		quizAnswer(t, s, "http", fmt.Sprintf("q%d", i), false, day0)
	}
	next := day0.Add(24 * time.Hour)
	_, err = s.Apply(reviewOp("http", "q0", true, next))
	must(t, err)

	s2 := mustOpen(t, path)
	s2.SetScheduler(sched)
	q, err := s2.ReviewQueue(next.Add(time.Hour), nil)
	must(t, err)
	if q.DoneToday != 1 || len(q.Cards) != 2 {
		t.Fatalf("after one review of a cap of 3: done %d, queue %d; want 1 and 2", q.DoneToday, len(q.Cards))
	}
	if q.Cards[0].QuestionID != "q1" {
		t.Errorf("queue starts at %s, want q1 (ties go by question id)", q.Cards[0].QuestionID)
	}
	// 3:59 the next morning is still the same local day; 4:00 is not.
	dayStart := scheduler.DayStart(scheduler.Day(next, nil)+1, nil)
	if q, _ := s2.ReviewQueue(dayStart.Add(-time.Minute), nil); q.DoneToday != 1 {
		t.Errorf("at 3:59 done %d, want 1", q.DoneToday)
	}
	if q, _ := s2.ReviewQueue(dayStart, nil); q.DoneToday != 0 || len(q.Cards) != 3 {
		t.Errorf("at 4:00 done %d queue %d, want 0 and 3", q.DoneToday, len(q.Cards))
	}
}

// Proves: a recovery file's review merges like any change, once.
func TestReviewInRecoveryFile(t *testing.T) {
	s := cardStore(t)
	quizAnswer(t, s, "http", "q1", false, day0)
	op := reviewOp("http", "q1", true, day0.Add(24*time.Hour))
	_, err := s.WriteRecovery([]Op{op, op})
	must(t, err)
	_, err = s.MergeRecovery()
	must(t, err)
	if got, _ := s.ReviewAnswers(); len(got) != 1 {
		t.Errorf("%d review answers after merging one twice", len(got))
	}
}

func TestCardRecordRoundTrip(t *testing.T) {
	c := ReviewCard{ChapterID: "ch", QuestionID: "q", QuestionHash: "abc",
		Card: scheduler.Card{State: scheduler.Review, Stability: 3.14159, Difficulty: 5.5,
			Due: day0, LastReview: day0.Add(-time.Hour), Reps: 7, Lapses: 2}}
	raw, err := encodeCard(c)
	must(t, err)
	got, err := decodeCard(raw)
	must(t, err)
	got.QuestionID = "q"
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, c)
	}
	for n := range len(raw) {
		if _, err := decodeCard(raw[:n]); err == nil {
			t.Errorf("a record cut to %d bytes decodes", n)
		}
	}
}

func FuzzDecodeCard(f *testing.F) {
	raw, _ := encodeCard(ReviewCard{ChapterID: "c", QuestionHash: "h", Card: scheduler.Card{State: scheduler.Review}})
	f.Add(raw)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := decodeCard(b)
		if err != nil {
			return
		}
		again, err := encodeCard(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeCard(again); err != nil {
			t.Fatalf("re-encoded record fails: %v", err)
		}
	})
}

// BenchmarkStoreReviewQueue100k is today's review queue read from a
// progress file holding 100,000 cards, half of them due, due days spread
// over two years around now: open the file, read the tally, walk the due
// index for the cap (20). Budget ≤ 10 ms (issue 11).
func BenchmarkStoreReviewQueue100k(b *testing.B) {
	s := cardStore(b)
	now := day0
	sched := scheduler.Default(time.UTC)
	rng := rand.New(rand.NewPCG(1, 1))
	today := scheduler.Day(now, nil)
	// 5,000 cards a transaction: bbolt splits nodes only at commit, so one
	// transaction of 100,000 random inserts is quadratic (minutes).
	for start := 0; start < 100_000; start += 5_000 {
		must(b, s.updateScoped(func(sc *scoped) error {
			for i := start; i < start+5_000; i++ {
				c := ReviewCard{ChapterID: fmt.Sprintf("ch%03d", i%300), QuestionID: fmt.Sprintf("q%06d", i), QuestionHash: "0123456789abcdef0123456789abcdef"}
				c.Card = sched.Review(scheduler.Card{}, scheduler.Good, now.AddDate(0, 0, -400))
				c.Due = scheduler.DayStart(today+rng.IntN(730)-365, nil)
				raw, err := encodeCard(c)
				if err != nil {
					return err
				}
				if err := sc.cards.Put(cardKey(c.QuestionID), raw); err != nil {
					return err
				}
				if err := sc.cards.Put(dueKey(c), nil); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	b.ReportAllocs()
	for b.Loop() {
		q, err := s.ReviewQueue(now, nil)
		if err != nil || len(q.Cards) != scheduler.DefaultDailyLimit {
			b.Fatalf("queue %d, %v", len(q.Cards), err)
		}
	}
}

// Proves: keep skips cards (questions gone or edited) without using up the
// cap, so stale cards never block the day's reviews.
func TestReviewQueueKeepSkipsStale(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	p := scheduler.DefaultParams()
	p.DailyLimit = 2
	sched, err := scheduler.Configure(p)
	must(t, err)
	s.SetScheduler(sched)
	for _, q := range []string{"a-gone", "b-gone", "c-kept", "d-kept"} {
		quizAnswer(t, s, "http", q, false, day0)
	}
	q, err := s.ReviewQueue(day0.Add(48*time.Hour), func(c ReviewCard) bool { return c.QuestionID[2:] == "kept" })
	must(t, err)
	if len(q.Cards) != 2 || q.Cards[0].QuestionID != "c-kept" || q.Cards[1].QuestionID != "d-kept" {
		t.Fatalf("queue %+v, want c-kept and d-kept", q.Cards)
	}
}

// Proves: a quiz answer's rating reaches its card: right after a hint
// (Hard) comes back sooner than right (Good), and wrong (Again) no later
// (on a first answer both are the next day).
func TestRatingMovesDue(t *testing.T) {
	s := cardStore(t)
	due := map[int]time.Time{}
	for _, r := range []scheduler.Rating{scheduler.Again, scheduler.Hard, scheduler.Good} {
		q := fmt.Sprintf("q%d", r)
		a := answer(q, r != scheduler.Again, "x")
		a.ID, a.At = NewID(), day0
		_, err := s.Apply(Op{Kind: OpAnswer, Chapter: "http", AttemptUID: NewID(), Order: []string{q}, Answer: &a, Rating: int(r)})
		must(t, err)
		c, _, _ := s.Card(q)
		due[int(r)] = c.Due
	}
	if due[1].After(due[2]) || !due[2].Before(due[3]) {
		t.Errorf("due again %v, hard %v, good %v: want again <= hard < good", due[1], due[2], due[3])
	}
}
