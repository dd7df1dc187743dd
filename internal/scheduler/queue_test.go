package scheduler

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// queueBySort is Queue written the obvious way, to check the heap.
func queueBySort(cards []Card, now time.Time, n int) []int {
	var due []int
	for i, c := range cards {
		if c.State != New && !c.Due.After(now) {
			due = append(due, i)
		}
	}
	slices.SortStableFunc(due, func(a, b int) int { return cards[a].Due.Compare(cards[b].Due) })
	return due[:min(n, len(due))]
}

func TestQueueOrderAndCap(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return DayStart(Day(now, nil)+d, nil) }
	cards := []Card{
		{State: Review, Due: day(-1)},
		{State: Review, Due: day(1)},                     // tomorrow: not due
		{State: New},                                     // never reviewed: not a review card
		{State: Review, Due: day(-30)},                   // most overdue
		{State: Review, Due: day(0)},                     // due since 4:00 today
		{State: Review, Due: day(-1)},                    // ties with 0: index order
		{State: Relearning, Due: now},                    // due exactly now
		{State: Learning, Due: now.Add(time.Nanosecond)}, // a step not over yet
	}
	s := Default(nil)
	if got, want := s.Queue(cards, now, 0), []int{3, 0, 5, 4, 6}; !slices.Equal(got, want) {
		t.Errorf("Queue = %v, want %v", got, want)
	}
	if got, want := s.Queue(cards, now, 17), []int{3, 0, 5}; !slices.Equal(got, want) {
		t.Errorf("with 17 done today: Queue = %v, want %v", got, want)
	}
	for _, done := range []int{20, 21, math.MaxInt} {
		if got := s.Queue(cards, now, done); len(got) != 0 {
			t.Errorf("with %d done today: Queue = %v, want none", done, got)
		}
	}
	if got := s.Queue(cards, now, -5); len(got) != 5 {
		t.Errorf("negative done count: %d cards, want 5", len(got))
	}
	if got := s.Queue(nil, now, 0); len(got) != 0 {
		t.Errorf("no cards: Queue = %v", got)
	}
}

func TestDueWithin(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	s := Default(loc)
	now := time.Date(2026, 10, 24, 3, 59, 0, 0, loc) // still Friday's day; DST ends that weekend
	today := Day(now, loc)
	var cards []Card
	for d := -2; d <= 8; d++ {
		cards = append(cards, Card{State: Review, Due: DayStart(today+d, loc)})
	}
	cards = append(cards, Card{State: New}, Card{State: Learning, Due: now.Add(30 * time.Second)})
	// due by the end of today (4:00 tomorrow): days -2..0 and the step ending at 3:59:30
	for days, want := range map[int]int{0: 4, 1: 5, 6: 10, 100: 12, -3: 4} {
		if got := s.DueWithin(cards, now, days); got != want {
			t.Errorf("DueWithin(%d days) = %d, want %d", days, got, want)
		}
	}
	if got := len(s.Queue(cards, now, 0)); got != 3 {
		t.Errorf("Queue at 3:59 = %d cards, want 3 (the step is not over)", got)
	}
}

// The bounded heap returns exactly what sorting everything would, for
// many sizes, caps and ties.
func TestQueueMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	for round := range 300 {
		n := rng.IntN(300)
		cards := make([]Card, n)
		for i := range cards {
			// few distinct dues, so ties are common
			cards[i] = Card{State: State(rng.IntN(4)), Due: now.Add(time.Duration(rng.IntN(41)-20) * time.Hour)}
		}
		p := DefaultParams()
		p.DailyLimit = rng.IntN(60)
		s := mustConfigure(t, p)
		done := rng.IntN(30)
		got, want := s.Queue(cards, now, done), queueBySort(cards, now, max(p.DailyLimit-done, 0))
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("round %d (limit %d, done %d): Queue = %v, want %v", round, p.DailyLimit, done, got, want)
		}
	}
}

// TestYearOfDailyReviews simulates a learner for a year in a zone with
// DST: every day new questions are answered in quizzes (new cards, which
// do not count against the cap), and three review sessions (23:30, 3:30
// the next night, which still belongs to the evening's day, and 9:00) try
// to review 1,000 cards each. It checks that the cap per local day holds,
// that every queue is exactly the most overdue due cards, and that no
// review schedules a card in the past.
func TestYearOfDailyReviews(t *testing.T) {
	for _, limit := range []int{DefaultDailyLimit, 1000} {
		loc := mustZone(t, "America/New_York")
		p := DefaultParams()
		p.Location, p.DailyLimit = loc, limit
		fuzz := rand.New(rand.NewPCG(7, uint64(limit)))
		p.Fuzz = fuzz.Float64 // fuzz on: due days spread as a learner would see them
		s := mustConfigure(t, p)
		rng := rand.New(rand.NewPCG(3, uint64(limit)))
		rate := func() Rating { // a learner who misses one answer in six
			switch x := rng.IntN(12); {
			case x < 2:
				return Again
			case x < 3:
				return Hard
			}
			return Good
		}

		var cards []Card
		var tally Tally
		perDay := map[int]int{}
		capped := 0
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
		for d := range 365 {
			date := start.AddDate(0, 0, d)
			at := func(h, m int) time.Time {
				y, mo, dd := date.Date()
				return time.Date(y, mo, dd, h, m, 0, 0, loc)
			}
			for range 150 { // quiz answers: first reviews
				cards = append(cards, s.Review(Card{}, rate(), at(8, 0)))
			}
			for _, now := range []time.Time{at(9, 0), at(23, 30), at(27, 30) /* 3:30 next night */} {
				today := Day(now, loc)
				done := s.DoneToday(tally, now)
				q := s.Queue(cards, now, done)
				checkQueue(t, cards, now, q, limit-done)
				for _, i := range q[:min(len(q), 1000)] {
					old := cards[i]
					c := s.Review(old, rate(), now)
					tally = s.Count(tally, now)
					perDay[today]++
					if !c.Due.After(now) || c.Due.Before(c.LastReview) {
						t.Fatalf("limit %d: reviewed at %s, due %s: in the past", limit, now, c.Due)
					}
					if !(c.Stability >= minStability && c.Difficulty >= 1 && c.Difficulty <= 10) {
						t.Fatalf("limit %d: state out of range: %+v", limit, c)
					}
					cards[i] = c
				}
				if perDay[today] > limit {
					t.Fatalf("limit %d: %d reviews on day %d", limit, perDay[today], today)
				}
			}
		}
		for _, n := range perDay {
			if n == limit {
				capped++
			}
		}
		total := 0
		for _, n := range perDay {
			total += n
		}
		t.Logf("limit %d: %d cards, %d reviews, the cap reached on %d of %d days", limit, len(cards), total, capped, len(perDay))
		if capped < 250 {
			t.Errorf("limit %d: the cap was reached on only %d days; the test no longer tests it", limit, capped)
		}
	}
}

// checkQueue checks in one pass what queueBySort would (sorting 50,000
// due cards three times a simulated day made the year take 12 s): q holds
// only due review cards, most overdue first, min(room, due) of them, and
// no card left out is more overdue than the last one in.
func checkQueue(t *testing.T, cards []Card, now time.Time, q []int, room int) {
	t.Helper()
	in := make(map[int]bool, len(q))
	for k, i := range q {
		c := cards[i]
		if c.State == New || c.Due.After(now) {
			t.Fatalf("%s: card %d in the queue is not due (%v, due %s)", now, i, c.State, c.Due)
		}
		if k > 0 && c.Due.Before(cards[q[k-1]].Due) || k > 0 && c.Due.Equal(cards[q[k-1]].Due) && i < q[k-1] {
			t.Fatalf("%s: queue not most overdue first at %d", now, k)
		}
		in[i] = true
	}
	due := 0
	for i, c := range cards {
		if c.State == New || c.Due.After(now) {
			continue
		}
		due++
		if !in[i] && len(q) > 0 && c.Due.Before(cards[q[len(q)-1]].Due) {
			t.Fatalf("%s: card %d, due %s, left out for one due %s", now, i, c.Due, cards[q[len(q)-1]].Due)
		}
	}
	if want := min(max(room, 0), due); len(q) != want {
		t.Fatalf("%s: queue of %d, want %d (%d due, room for %d)", now, len(q), want, due, room)
	}
}
