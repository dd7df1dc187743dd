package scheduler

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has installed
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDayRollsOverAt4AM(t *testing.T) {
	for _, name := range []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"} {
		loc := mustZone(t, name)
		at := func(h, m int) time.Time { return time.Date(2026, 6, 15, h, m, 0, 0, loc) }
		june15 := civilDay(2026, 6, 15)
		for _, c := range []struct {
			t    time.Time
			want int
		}{
			{at(0, 0), june15 - 1}, {at(3, 59), june15 - 1}, {at(3, 59).Add(59*time.Second + 999*time.Millisecond), june15 - 1},
			{at(4, 0), june15}, {at(12, 0), june15}, {at(23, 59), june15},
		} {
			if got := Day(c.t, loc); got != c.want {
				t.Errorf("%s: Day(%s) = %d, want %d", name, c.t.Format(time.DateTime), got, c.want)
			}
		}
		// The same instant seen from UTC is another day in some zones: Day
		// follows the learner's zone, not the instant's.
		if got := Day(at(4, 0).UTC(), loc); got != june15 {
			t.Errorf("%s: Day of a UTC-located 4:00 local = %d, want %d", name, got, june15)
		}
		if got := DayStart(june15, loc); !got.Equal(at(4, 0)) {
			t.Errorf("%s: DayStart = %s, want 04:00 local", name, got)
		}
	}
	if Day(time.Date(2026, 6, 15, 3, 59, 0, 0, time.UTC), nil) != civilDay(2026, 6, 14) {
		t.Error("nil location is not UTC")
	}
}

// On DST change days the local day is 23 or 25 hours, still from 4:00 to
// 4:00 local, and Day never goes back as time goes on.
func TestDayAcrossDST(t *testing.T) {
	for _, c := range []struct {
		zone       string
		date       time.Time // the change happens in the night before this date's 4:00
		wantLength time.Duration
	}{
		{"America/New_York", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), 23 * time.Hour},  // 2:00 -> 3:00
		{"America/New_York", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), 25 * time.Hour}, // 2:00 -> 1:00
		{"Europe/Berlin", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), 23 * time.Hour},
		{"Europe/Berlin", time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), 25 * time.Hour},
		{"Australia/Sydney", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), 25 * time.Hour}, // 3:00 -> 2:00
		{"America/Santiago", time.Date(2026, 9, 6, 0, 0, 0, 0, time.UTC), 23 * time.Hour}, // 0:00 -> 1:00
	} {
		loc := mustZone(t, c.zone)
		y, m, d := c.date.Date()
		day := civilDay(y, m, d)
		// the day before the change night runs from its 4:00 to the change day's 4:00
		start, end := DayStart(day-1, loc), DayStart(day, loc)
		if got := end.Sub(start); got != c.wantLength {
			t.Errorf("%s %s: local day before is %v long, want %v", c.zone, c.date.Format(time.DateOnly), got, c.wantLength)
		}
		if h, mi, _ := end.In(loc).Clock(); h != 4 || mi != 0 {
			t.Errorf("%s: DayStart at %02d:%02d local, want 04:00", c.zone, h, mi)
		}
		if Day(end.Add(-time.Nanosecond), loc) != day-1 || Day(end, loc) != day {
			t.Errorf("%s: the boundary is not at 4:00 local on %s", c.zone, c.date.Format(time.DateOnly))
		}
		// Every minute of the three days around the change: Day moves by
		// at most one and only forward, changing exactly at DayStart.
		prev := Day(start.Add(-24*time.Hour), loc)
		for tt := start.Add(-24 * time.Hour); tt.Before(end.Add(48 * time.Hour)); tt = tt.Add(time.Minute) {
			got := Day(tt, loc)
			if got != prev && (got != prev+1 || !tt.Equal(DayStart(got, loc))) {
				t.Fatalf("%s: Day went from %d to %d at %s", c.zone, prev, got, tt.In(loc))
			}
			prev = got
		}
	}
}

// A review past midnight but before 4:00 is the evening's day: same-day
// (short-term) formula. At 4:00 a day has passed.
func TestReviewElapsedUsesLocalDays(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	s := Default(loc)
	evening := time.Date(2026, 3, 28, 22, 0, 0, 0, loc)
	c := s.Review(Card{}, Good, evening)
	night := s.Review(c, Good, time.Date(2026, 3, 29, 3, 59, 0, 0, loc)) // DST began at 2:00
	if want := s.shortTermStability(c.Stability, Good); night.Stability != want {
		t.Errorf("3:59 next night: S = %v, want the same-day %v", night.Stability, want)
	}
	morning := s.Review(c, Good, time.Date(2026, 3, 29, 4, 0, 0, 0, loc))
	if want := s.recallStability(c.Difficulty, c.Stability, s.retrievability(1, c.Stability), Good); morning.Stability != want {
		t.Errorf("4:00 next morning: S = %v, want the one-day %v", morning.Stability, want)
	}
	// Due is the start of a local day: 4:00 in the learner's zone.
	for _, got := range []Card{c, night, morning} {
		if h, m, _ := got.Due.In(loc).Clock(); h != 4 || m != 0 {
			t.Errorf("due at %02d:%02d local, want 04:00", h, m)
		}
	}
	// A clock that went back counts as the same day, never negative days.
	back := s.Review(c, Good, evening.Add(-48*time.Hour))
	if want := s.shortTermStability(c.Stability, Good); back.Stability != want {
		t.Errorf("review before the last one: S = %v, want same-day %v", back.Stability, want)
	}
}

func TestTallyCountsPerLocalDay(t *testing.T) {
	loc := mustZone(t, "America/New_York")
	s := Default(loc)
	var tally Tally
	late := time.Date(2026, 11, 1, 1, 30, 0, 0, loc) // the repeated hour of the DST end
	for range 3 {
		tally = s.Count(tally, late)
	}
	if got := s.DoneToday(tally, time.Date(2026, 11, 1, 3, 59, 0, 0, loc)); got != 3 {
		t.Errorf("3:59 the same night: %d done, want 3", got)
	}
	if got := s.DoneToday(tally, time.Date(2026, 11, 1, 4, 0, 0, 0, loc)); got != 0 {
		t.Errorf("4:00: %d done, want 0 on the new day", got)
	}
	if tally = s.Count(tally, time.Date(2026, 11, 1, 4, 0, 0, 0, loc)); tally.N != 1 {
		t.Errorf("first count of a new day: N = %d, want 1", tally.N)
	}
}
