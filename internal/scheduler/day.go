package scheduler

import "time"

// RolloverHour is when a learner's day starts, in local time: 4 AM, as in
// Anki (preferences.md "Next day starts at"), so a session past midnight
// still counts as the evening's day.
const RolloverHour = 4

// Day numbers the learner's local day that contains t: days since
// 1970-01-01, where a day runs from 4:00 local time to the next 4:00.
// 3:59 belongs to the day before. loc nil means UTC.
//
// The boundary is the instant 4:00 local time names on that date, so a
// day is 23 or 25 hours long across a DST change and Day never goes back
// as t goes forward.
func Day(t time.Time, loc *time.Location) int {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	day := civilDay(y, m, d)
	if t.Before(time.Date(y, m, d, RolloverHour, 0, 0, 0, loc)) {
		day--
	}
	return day
}

// DayStart is the instant local day `day` begins: 4:00 on that date in
// loc (nil means UTC). When a DST change skips 4:00, it is the instant Go
// normalises that wall time to.
func DayStart(day int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := time.Unix(int64(day)*86400, 0).UTC().Date()
	return time.Date(y, m, d, RolloverHour, 0, 0, 0, loc)
}

// civilDay counts days from 1970-01-01 to a calendar date.
func civilDay(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Tally counts the review answers given on one local day. The progress
// file keeps one so that the daily cap counts reviews already done today,
// across restarts. The zero Tally is "none yet".
type Tally struct {
	Day int // Day of the counted answers
	N   int
}

// DoneToday is how many review answers t counts for the day of now.
func (s *Scheduler) DoneToday(t Tally, now time.Time) int {
	if t.Day != Day(now, s.p.Location) {
		return 0
	}
	return t.N
}

// Count adds one review answer given at now, starting afresh on a new day.
func (s *Scheduler) Count(t Tally, now time.Time) Tally {
	today := Day(now, s.p.Location)
	if t.Day != today {
		return Tally{Day: today, N: 1}
	}
	return Tally{Day: today, N: t.N + 1}
}
