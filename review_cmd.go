package main

import (
	"fmt"
	"io"
	"time"

	"backend-tutor/internal/scheduler"
)

// cmdReview starts a review session of the questions due today.
func cmdReview(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("review", "review [--review-limit N]", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	return runTutor(g, tutorStart{review: true}, stdout, stderr)
}

// reviewScheduler is the scheduler for review cards: the learner's local
// time zone for the 4 AM rollover, and --review-limit's daily cap.
func reviewScheduler(g globals) (*scheduler.Scheduler, error) {
	p := scheduler.DefaultParams()
	p.Location = time.Local
	p.DailyLimit = g.reviewLimit // loadSettings has set it: flag, config file or default
	s, err := scheduler.Configure(p)
	if err != nil {
		return nil, &exitError{2, "backend-tutor: " + err.Error()}
	}
	return s, nil
}

// nowEnv is a test-only override of the tutor's clock: an RFC 3339 time
// the clock starts at (it then runs on), so an end-to-end test can answer
// a quiz "today" and review it "tomorrow" without waiting a day. Not for
// learners; it changes no other behaviour.
const nowEnv = "BACKEND_TUTOR_NOW"

// clock is the tutor's clock: time.Now, or nowEnv's time running on.
func clock(getenv func(string) string) (func() time.Time, error) {
	v := getenv(nowEnv)
	if v == "" {
		return time.Now, nil
	}
	start, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, &exitError{2, fmt.Sprintf("backend-tutor: %s=%q is not an RFC 3339 time", nowEnv, v)}
	}
	began := time.Now()
	return func() time.Time { return start.Add(time.Since(began)) }, nil
}
