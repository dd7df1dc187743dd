// Package scheduler decides when a question comes back for review: the
// FSRS-6 spaced-repetition algorithm, with its 21 default weights, desired
// retention 0.9 and a maximum interval of 36,500 days. It is plain Go: no
// terminal, no disk, no course content, and no clock — every time is an
// argument, so tests never wait.
//
// # Source
//
// The formulas, weights, bounds and test vectors come from
// ../shared/research/fsrs.md (November 2026), which read them from the
// FSRS authors' code: py-fsrs 6.3.1 (scheduler.py, tests/test_basic.py),
// fsrs-rs 6.6.1 (model.rs, inference.rs), go-fsrs v4 and ts-fsrs 5.4.1,
// and Anki's fuzz (rslib/src/scheduler/states/fuzz.rs). vectors_test.go
// checks every vector there that this configuration can run: V1 (py-fsrs
// test_review_card, with steps 1m/10m and 10m), V2 (test_memo_state), V4
// (go-fsrs, the same-day Hard floor), V5 (fsrs-rs formula by formula), V6
// (FSRS-5 weights), V7 (the tutor's own no-step configuration) and Anki's
// fuzz table. V3 is go-fsrs's "long-term" mode, which orders the four
// ratings' intervals by pushing Good up to Hard+1; that contradicts V1,
// so Review does not do it, and the test checks V3 over the formulas with
// that ordering written out.
//
// # Choices for the tutor
//
//   - Days are the learner's local days, rolling over at 4 AM (Anki's
//     rule) in the Scheduler's time zone: Day, DayStart. Elapsed time is
//     whole local days since the last review (not since due); a second
//     review the same local day uses FSRS's short-term formula. A Review
//     card is due at the start (4 AM) of its due day, so a whole day's
//     cards become due together.
//   - No learning or relearning steps by default (fsrs.md §5): the tutor
//     asks each question once per sitting, so a card is in Review from its
//     first answer and a miss comes back the next day.
//   - A quiz has no self-rating: RatingFor maps wrong or revealed to
//     Again, right after a hint or a wrong try to Hard, right to Good, and
//     never Easy. Hard is always due at least a day before Good would be.
//   - Fuzz (spreading intervals) is off unless Params.Fuzz supplies random
//     numbers; every test runs without it except the year simulation.
//   - Queue returns today's due cards, most overdue first, capped per local
//     day (DefaultDailyLimit, 20) counting the review answers already
//     given that day (Tally). DueWithin counts what falls due by the end
//     of a later local day ("reviews due this week").
//
// # What a caller stores
//
// Per card, every field of Card (State, Step, Stability, Difficulty, Due,
// LastReview, Reps, Lapses), times in UTC and floats unrounded; plus one
// Tally for the learner (the local day and the review answers given on
// it). A card whose question changed starts again as the zero Card.
package scheduler
