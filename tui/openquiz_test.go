package tui

import "testing"

// `backend-tutor quiz` opens the tutor on the quiz: no welcome, no home
// screen; --resume goes back to the open attempt without asking, --new
// abandons it for a new one, and neither flag asks as "t" does.
func TestOpenOnQuiz(t *testing.T) {
	e := newEnv(t)
	open := func(how QuizStart) *Model {
		s := e.store(t)
		snap, err := s.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		return withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, NoColor: true, Rand: testRand(), Quiz: "alpha", QuizStart: how}))
	}
	sh := shufflesFor(e.course, "alpha")

	tm := start(t, open(QuizAsk)) // a first run: the welcome is skipped
	waitFor(t, tm, "Question 1 of 10")
	keys(tm, pos(sh, "s1", 0), "enter")
	waitFor(t, tm, "Right!")
	finish(t, tm)

	tm = start(t, open(QuizResume))
	waitFor(t, tm, "Question 2 of 10")
	fm := finish(t, tm)
	if fm.Screen() != "quiz" {
		t.Fatalf("--resume: screen %s, want the quiz", fm.Screen())
	}

	tm = start(t, open(QuizAsk))
	waitFor(t, tm, "unfinished") // "t" asks: resume or start over
	finish(t, tm)

	tm = start(t, open(QuizNew))
	waitFor(t, tm, "Question 1 of 10")
	finish(t, tm)
	as, err := e.store(t).Attempts("alpha")
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || !as[0].Abandoned || len(as[0].Answers) != 1 || as[1].Abandoned {
		t.Fatalf("--new: want the first attempt abandoned and a second open, got %+v", as)
	}
}
