package scheduler

import (
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkReviewQueue100k is computing today's review queue (cap 20,
// nothing done yet) from 100,000 saved answers' cards, half of them due,
// their due days spread over two years around now. Budget ≤ 10 ms (issue
// 11); reading the cards from the progress file is the store's part.
func BenchmarkReviewQueue100k(b *testing.B) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	cards := benchCards(100_000, now)
	s := Default(nil)
	b.ResetTimer()
	for b.Loop() {
		if q := s.Queue(cards, now, 0); len(q) != DefaultDailyLimit {
			b.Fatalf("queue of %d", len(q))
		}
	}
}

// BenchmarkReview is one answer's new card state.
func BenchmarkReview(b *testing.B) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	s := Default(nil)
	c := s.Review(Card{}, Good, now.AddDate(0, 0, -3))
	for b.Loop() {
		_ = s.Review(c, Good, now)
	}
}

func benchCards(n int, now time.Time) []Card {
	rng := rand.New(rand.NewPCG(1, 1))
	s := Default(nil)
	today := Day(now, nil)
	cards := make([]Card, n)
	for i := range cards {
		c := s.Review(Card{}, Good, now.AddDate(0, 0, -400))
		c.Due = DayStart(today+rng.IntN(730)-365, nil)
		cards[i] = c
	}
	return cards
}
