package scheduler

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// The reference vectors of ../shared/research/fsrs.md §4 (named V1..V7
// there), each from the FSRS authors' own tests. Values from float64 code
// (py-fsrs) are checked to half a unit of the last printed digit; values
// from fsrs-rs, which computes in float32, to 1e-4 as fsrs.md says.

func mustConfigure(t testing.TB, p Params) *Scheduler {
	t.Helper()
	s, err := Configure(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// near fails unless got is within tol of want.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.9g, want %.9g (±%g, off by %.3g)", what, got, want, tol, got-want)
	}
}

// dp is the tolerance for a value printed with n decimals.
func dp(n int) float64 { return 0.5*math.Pow(10, -float64(n)) + 1e-12 }

const f32tol = 1e-4

var t0 = time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)

// reviewAtGaps reviews a new card with ratings at whole-day gaps from the
// previous review, as the memory-state vectors do, and returns each card.
func reviewAtGaps(s *Scheduler, ratings []Rating, gaps []int) []Card {
	var c Card
	now := t0
	var out []Card
	for i, r := range ratings {
		now = now.AddDate(0, 0, gaps[i])
		c = s.Review(c, r, now)
		out = append(out, c)
	}
	return out
}

func TestDefaultParamsValid(t *testing.T) {
	if _, err := Configure(DefaultParams()); err != nil {
		t.Fatal(err)
	}
}

// V1: py-fsrs test_review_card (also ts-fsrs ivl_history, go-fsrs
// TestBasicSchedulerExample): steps 1m, 10m; relearning 10m; each review
// at the previous due. Intervals are asserted upstream; S and D are
// fsrs.md's py-fsrs run at 4 dp.
func TestV1ReviewCard(t *testing.T) {
	p := DefaultParams()
	p.LearningSteps = []time.Duration{time.Minute, 10 * time.Minute}
	p.RelearningSteps = []time.Duration{10 * time.Minute}
	s := mustConfigure(t, p)
	G, A := Good, Again
	ratings := []Rating{G, G, G, G, G, G, A, A, G, G, G, G, G}
	wantIvl := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
	wantState := []State{Learning, Review, Review, Review, Review, Review, Relearning, Relearning, Review, Review, Review, Review, Review}
	wantS := []float64{2.3065, 2.3065, 10.9710, 46.3169, 162.9998, 497.8766, 6.8904, 2.1546, 2.1546, 3.9831, 7.2363, 12.4830, 20.7704}
	wantD := []float64{2.1181, 2.1112, 2.1043, 2.0975, 2.0906, 2.0837, 7.3832, 9.1251, 9.1112, 9.0973, 9.0835, 9.0696, 9.0558}
	var c Card
	now := t0
	for i, r := range ratings {
		c = s.Review(c, r, now)
		step := fmt.Sprintf("review %d", i+1)
		if ivl := Day(c.Due, time.UTC) - Day(c.LastReview, time.UTC); ivl != wantIvl[i] {
			t.Errorf("%s: interval %d days, want %d", step, ivl, wantIvl[i])
		}
		if c.State != wantState[i] {
			t.Errorf("%s: state %v, want %v", step, c.State, wantState[i])
		}
		near(t, step+" S", c.Stability, wantS[i], dp(4))
		near(t, step+" D", c.Difficulty, wantD[i], dp(4))
		now = c.Due
	}
	if c.Reps != 13 || c.Lapses != 1 {
		t.Errorf("reps %d lapses %d, want 13 and 1", c.Reps, c.Lapses)
	}
}

// V2: py-fsrs test_memo_state, fsrs-rs test_memory_state: A,G,G,G,G,G at
// day gaps 0,0,1,3,8,21 (not at due). Intermediates from py-fsrs (6 dp).
func TestV2MemoryState(t *testing.T) {
	ratings := []Rating{Again, Good, Good, Good, Good, Good}
	gaps := []int{0, 0, 1, 3, 8, 21}
	wantS := []float64{0.212, 0.246689, 2.021477, 7.863699, 21.917713, 53.626903}
	wantD := []float64{6.4133, 6.402115, 6.390941, 6.379779, 6.368627, 6.357487}
	cards := reviewAtGaps(Default(nil), ratings, gaps)
	for i, c := range cards {
		near(t, fmt.Sprintf("after %d: S", i+1), c.Stability, wantS[i], dp(6))
		near(t, fmt.Sprintf("after %d: D", i+1), c.Difficulty, wantD[i], dp(6))
	}
	last := cards[len(cards)-1]
	near(t, "final S (fsrs-rs)", last.Stability, 53.62691, f32tol)
	near(t, "final D (fsrs-rs)", last.Difficulty, 6.3574867, f32tol)

	p := DefaultParams()
	p.Weights[17], p.Weights[18], p.Weights[19] = 0, 0, 0
	last = reviewAtGaps(mustConfigure(t, p), ratings, gaps)[5]
	near(t, "final S without short-term", last.Stability, 53.335106, f32tol)
	near(t, "final D without short-term", last.Difficulty, 6.3574867, f32tol)
}

// V4: go-fsrs TestNextStatesMemoryStateAllRatingsShortTerm: A,H,G,E,G,G
// at gaps 0,0,1,3,8,21. The same-day Hard must not lower S (floor from
// Hard, not from Good).
func TestV4AllRatings(t *testing.T) {
	cards := reviewAtGaps(Default(nil), []Rating{Again, Hard, Good, Easy, Good, Good}, []int{0, 0, 1, 3, 8, 21})
	last := cards[len(cards)-1]
	near(t, "S", last.Stability, 51.0810, dp(4))
	near(t, "D", last.Difficulty, 6.7493, dp(4))
}

// V5: fsrs-rs model.rs unit vectors, formula by formula (float32 there).
func TestV5Formulas(t *testing.T) {
	s := Default(nil)
	for i, c := range []struct{ t, s, want float64 }{
		{0, 1, 1.0}, {1, 2, 0.9403443}, {2, 3, 0.9253786}, {3, 4, 0.9185229}, {4, 4, 0.9}, {5, 2, 0.8261359},
	} {
		near(t, fmt.Sprintf("R%d", i), s.retrievability(c.t, c.s), c.want, 1e-6)
	}
	for g, want := range map[Rating]float64{Again: 8.354889, Hard: 6.6774445, Good: 5.0, Easy: 3.3225555} {
		near(t, "D1 "+g.String(), s.dampedDifficulty(5, g), want, 1e-6)
	}
	for g, want := range map[Rating]float64{Again: 8.341763, Hard: 6.6659956, Good: 4.990228, Easy: 3.3144615} {
		near(t, "D2 "+g.String(), s.nextDifficulty(5, g), want, 1e-6)
	}
	for i, c := range []struct {
		d, r float64
		g    Rating
		want float64
	}{{1, .9, Again, 25.602541}, {2, .8, Hard, 28.226582}, {3, .7, Good, 58.656002}, {4, .6, Easy, 127.226685}} {
		near(t, fmt.Sprintf("recall S %d", i), s.recallStability(c.d, 5, c.r, c.g), c.want, f32tol)
	}
	for i, c := range []struct{ d, r, want float64 }{{1, .9, 1.0525396}, {2, .8, 1.1894329}, {3, .7, 1.3680838}, {4, .6, 1.584989}} {
		near(t, fmt.Sprintf("lapse S %d", i), s.forgetStability(c.d, 5, c.r), c.want, f32tol)
	}
	for g, want := range map[Rating]float64{Again: 1.596818, Hard: 5.0, Good: 5.0, Easy: 8.12961} {
		near(t, "same-day S "+g.String(), s.shortTermStability(5, g), want, f32tol)
	}
	// float64 gives 3116769 for DR 0.1 where fsrs-rs's float32 gives 3116766.
	want := []float64{3116769, 34793, 2508, 387, 90, 27, 9, 3, 1, 1}
	for i, w := range want {
		p := DefaultParams()
		p.DesiredRetention = float64(i+1) / 10
		got := max(math.Round(mustConfigure(t, p).intervalRaw(1)), 1)
		if got != w {
			t.Errorf("interval at DR %.1f = %v, want %v", p.DesiredRetention, got, w)
		}
	}
}

// V6: fsrs-rs test_memo_state with FSRS-5 weights, filled with w19 = 0
// and w20 = 0.5 as check_and_fill_parameters does.
func TestV6FSRS5Weights(t *testing.T) {
	p := DefaultParams()
	copy(p.Weights[:], []float64{0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233, 0.64219797, 1.071918,
		0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953, 0.2975, 2.4691248, 0.19542035, 3.201072,
		0.18046261, 0.121442534, 0, 0.5})
	cards := reviewAtGaps(mustConfigure(t, p), []Rating{Again, Good, Good, Good, Good}, []int{0, 1, 3, 8, 21})
	last := cards[len(cards)-1]
	near(t, "S", last.Stability, 31.722992, f32tol)
	near(t, "D", last.Difficulty, 7.382128, f32tol)
}

// V7: the tutor's own configuration (no steps), computed by fsrs.md with
// py-fsrs, not an upstream test: from 2024-01-01 09:00 UTC, each review at
// due. Intervals exact, S and D at 4 dp.
func TestV7NoSteps(t *testing.T) {
	s := Default(nil)
	ratings := []Rating{Good, Good, Hard, Easy, Again, Good, Good}
	wantS := []float64{2.3065, 10.9643, 32.2033, 145.6076, 4.4363, 10.1853, 22.4552}
	wantD := []float64{2.1181, 2.1112, 4.7483, 2.9786, 7.6774, 7.6649, 7.6525}
	wantIvl := []int{2, 11, 32, 146, 4, 10, 22}
	var c Card
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i, r := range ratings {
		c = s.Review(c, r, now)
		step := fmt.Sprintf("review %d (%v)", i+1, r)
		if c.State != Review {
			t.Errorf("%s: state %v, want review", step, c.State)
		}
		if ivl := Day(c.Due, nil) - Day(now, nil); ivl != wantIvl[i] {
			t.Errorf("%s: interval %d, want %d", step, ivl, wantIvl[i])
		}
		near(t, step+" S", c.Stability, wantS[i], dp(4))
		near(t, step+" D", c.Difficulty, wantD[i], dp(4))
		now = c.Due
	}
	if c.Lapses != 1 || c.Reps != 7 {
		t.Errorf("lapses %d reps %d, want 1 and 7", c.Lapses, c.Reps)
	}
}

// Anki's fuzz vectors (fuzz.rs with_review_fuzz, minimum 1, maximum 1000).
func TestFuzzedIntervalAnki(t *testing.T) {
	for _, c := range []struct {
		ivl  float64
		max  int
		want [3]int
	}{
		{2.49, 1000, [3]int{2, 2, 2}}, {2.5, 1000, [3]int{2, 3, 4}}, {7, 1000, [3]int{5, 7, 9}},
		{17, 1000, [3]int{14, 17, 20}}, {37, 1000, [3]int{33, 37, 41}}, {100, 99, [3]int{92, 96, 99}},
	} {
		for i, f := range []float64{0, 0.5, 0.99} {
			if got := fuzzedInterval(c.ivl, f, 1, c.max); got != c.want[i] {
				t.Errorf("fuzz(%v, f=%v, max %d) = %d, want %d", c.ivl, f, c.max, got, c.want[i])
			}
		}
	}
}

// V3: go-fsrs TestLongTermScheduler, the mode this package does not
// implement (see doc.go): no steps, and each review's four intervals
// ordered again=min(a,h), hard=max(h,again+1), good=max(g,hard+1),
// easy=max(e,good+1). The ordering is written out here over the package's
// formulas, which V3 then checks at stabilities up to 1,559 days (V1 stops
// at 498). Its lapse cap is S where ours is S/e^(w17*w18); neither binds in
// V3.
func TestV3LongTermFormulas(t *testing.T) {
	s := Default(nil)
	G, A := Good, Again
	ratings := []Rating{G, G, G, G, G, G, A, A, G, G, G, G, G}
	wantIvl := []int{3, 14, 57, 196, 586, 1559, 10, 1, 3, 5, 9, 15, 25}
	wantS := []float64{2.3065, 13.8269, 56.9567, 196.2353, 586.4835, 1559.3567, 9.8832, 1.3527, 2.392, 4.8562, 8.7624, 15.186, 25.1362}
	wantD := []float64{2.1181, 2.1112, 2.1043, 2.0975, 2.0906, 2.0837, 7.3832, 9.1251, 9.1112, 9.0973, 9.0835, 9.0696, 9.0558}
	var st, d float64
	elapsed := 0
	for i, r := range ratings {
		var next [5]float64 // by rating
		for g := Again; g <= Easy; g++ {
			switch {
			case i == 0:
				next[g] = s.initialStability(g)
			case g == Again:
				next[g] = min(s.forgetStability(d, st, s.retrievability(float64(elapsed), st)), st)
			default:
				next[g] = s.recallStability(d, st, s.retrievability(float64(elapsed), st), g)
			}
		}
		ivl := func(g Rating) int { return s.interval(s.intervalRaw(next[g])) }
		again := min(ivl(Again), ivl(Hard))
		hard := max(ivl(Hard), again+1)
		good := max(ivl(Good), hard+1)
		easy := max(ivl(Easy), good+1)
		if i == 0 {
			d = s.initialDifficulty(r)
		} else {
			d = s.nextDifficulty(d, r)
		}
		st = next[r]
		elapsed = [5]int{0, again, hard, good, easy}[r]
		step := fmt.Sprintf("review %d", i+1)
		if elapsed != wantIvl[i] {
			t.Errorf("%s: interval %d, want %d", step, elapsed, wantIvl[i])
		}
		near(t, step+" S", st, wantS[i], dp(4))
		near(t, step+" D", d, wantD[i], dp(4))
	}
}

func TestConfigureRejectsBadParams(t *testing.T) {
	for name, change := range map[string]func(*Params){
		"weight NaN":        func(p *Params) { p.Weights[3] = math.NaN() },
		"w20 too small":     func(p *Params) { p.Weights[20] = 0.05 },
		"retention 0":       func(p *Params) { p.DesiredRetention = 0 },
		"retention above 1": func(p *Params) { p.DesiredRetention = 1.01 },
		"maximum 0":         func(p *Params) { p.MaximumInterval = 0 },
		"maximum too big":   func(p *Params) { p.MaximumInterval = MaxInterval + 1 },
		"zero step":         func(p *Params) { p.LearningSteps = []time.Duration{time.Minute, 0} },
		"negative limit":    func(p *Params) { p.DailyLimit = -1 },
	} {
		p := DefaultParams()
		change(&p)
		if _, err := Configure(p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
