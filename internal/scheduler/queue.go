package scheduler

import "time"

// Queue returns today's review queue: the indexes into cards of the cards
// due at now (Due not after now), most overdue (earliest Due) first, equal
// Dues in index order, at most DailyLimit minus doneToday of them (see
// DoneToday). New cards are never in it. cards is only read.
//
// It keeps the best n in a bounded heap, O(len(cards) log n), so a
// backlog of 100,000 due cards costs no more than a few due ones:
// BenchmarkQueue100k.
func (s *Scheduler) Queue(cards []Card, now time.Time, doneToday int) []int {
	n := s.p.DailyLimit - max(doneToday, 0)
	if n <= 0 {
		return nil
	}
	nowSec, nowNsec := now.Unix(), int32(now.Nanosecond())
	h := make(dueHeap, 0, min(n, len(cards)))
	for i := range cards {
		c := &cards[i]
		if c.State == New {
			continue
		}
		e := dueEntry{sec: c.Due.Unix(), nsec: int32(c.Due.Nanosecond()), idx: i}
		if e.sec > nowSec || (e.sec == nowSec && e.nsec > nowNsec) {
			continue // not due yet
		}
		if len(h) < n {
			h.push(e)
		} else if e.less(h[0]) {
			h[0] = e
			h.down(0)
		}
	}
	out := make([]int, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = h.pop().idx
	}
	return out
}

// dueEntry orders cards by Due, then index.
type dueEntry struct {
	sec  int64
	nsec int32
	idx  int
}

func (a dueEntry) less(b dueEntry) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.nsec != b.nsec {
		return a.nsec < b.nsec
	}
	return a.idx < b.idx
}

// dueHeap is a max-heap (the latest Due on top), so the entry to drop
// when a more overdue card turns up is at h[0].
type dueHeap []dueEntry

func (h *dueHeap) push(e dueEntry) {
	*h = append(*h, e)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s[p].less(s[i]) {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h *dueHeap) pop() dueEntry {
	s := *h
	top := s[0]
	s[0] = s[len(s)-1]
	*h = s[:len(s)-1]
	h.down(0)
	return top
}

func (h dueHeap) down(i int) {
	for {
		l, big := 2*i+1, i
		if l < len(h) && h[big].less(h[l]) {
			big = l
		}
		if r := l + 1; r < len(h) && h[big].less(h[r]) {
			big = r
		}
		if big == i {
			return
		}
		h[i], h[big] = h[big], h[i]
		i = big
	}
}

// DueWithin counts the review cards due before the end of the local day
// `days` after today: 0 counts what is due today (the uncapped size of
// today's queue), 6 the reviews due this week. New cards never count.
func (s *Scheduler) DueWithin(cards []Card, now time.Time, days int) int {
	end := DayStart(Day(now, s.p.Location)+max(days, 0)+1, s.p.Location)
	n := 0
	for i := range cards {
		if cards[i].State != New && cards[i].Due.Before(end) {
			n++
		}
	}
	return n
}
