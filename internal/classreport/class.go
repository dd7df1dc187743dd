package classreport

import (
	"cmp"
	"slices"
)

// Class is several exports merged: learners × chapters and the questions
// the class missed most.
type Class struct {
	Learners []string // learner names, sorted
	Chapters []Column // in the order the exports list them
	Cells    [][]Cell // [learner][chapter]
	Missed   []Missed // most missed first, at most MaxMissed
	Files    int      // exports merged
}

// Column is one chapter of one pack.
type Column struct {
	Pack, Chapter, Title string
}

// Cell is one learner's result in one chapter. A learner found in several
// exports (the lab machine's and home's) gets the best of each figure.
type Cell struct {
	Seen        bool // some export shows the learner read or quizzed it
	ReadPercent int
	Attempts    int
	BestScore   int
	Passed      bool
}

// Missed is one question the class answered wrongly.
type Missed struct {
	Pack, Chapter, Question string
	Learners                int // learners with a wrong answer to it
	Wrong, Answers          int // wrong answers, all answers
}

// MaxMissed is how many questions the most-missed list shows.
const MaxMissed = 10

// Merge builds the class table from exports (already Decoded).
func Merge(exports []*Export) *Class {
	c := &Class{Files: len(exports)}
	learnerIdx := map[string]int{}
	colIdx := map[[2]string]int{}
	type cellKey struct{ l, c int }
	cells := map[cellKey]Cell{}
	for _, e := range exports {
		for _, r := range e.Records {
			if _, ok := learnerIdx[r.Learner]; !ok {
				learnerIdx[r.Learner] = len(c.Learners)
				c.Learners = append(c.Learners, r.Learner)
			}
			k := [2]string{r.Pack, r.Chapter}
			if _, ok := colIdx[k]; !ok {
				colIdx[k] = len(c.Chapters)
				c.Chapters = append(c.Chapters, Column{Pack: r.Pack, Chapter: r.Chapter, Title: r.Title})
			}
			ck := cellKey{learnerIdx[r.Learner], colIdx[k]}
			old := cells[ck]
			cells[ck] = Cell{
				Seen:        old.Seen || r.ReadPercent > 0 || r.Attempts > 0 || r.FirstActivity != nil,
				ReadPercent: max(old.ReadPercent, r.ReadPercent),
				Attempts:    max(old.Attempts, r.Attempts),
				BestScore:   max(old.BestScore, r.BestScore),
				Passed:      old.Passed || r.Passed,
			}
		}
	}
	// Learners sorted by name; cells follow.
	order := slices.Clone(c.Learners)
	slices.Sort(order)
	c.Cells = make([][]Cell, len(order))
	for i, name := range order {
		c.Cells[i] = make([]Cell, len(c.Chapters))
		for j := range c.Chapters {
			c.Cells[i][j] = cells[cellKey{learnerIdx[name], j}]
		}
	}
	c.Learners = order
	c.Missed = mostMissed(exports)
	return c
}

// mostMissed counts each question's answers once per answer id (a learner
// who imported the lab machine's answers at home exports them twice).
func mostMissed(exports []*Export) []Missed {
	type qKey struct{ pack, chapter, question string }
	type tally struct {
		wrong, all int
		learners   map[string]bool
	}
	seen := map[string]bool{}
	tallies := map[qKey]*tally{}
	for _, e := range exports {
		for _, a := range e.Answers {
			if a.ID != "" {
				if seen[a.ID] {
					continue
				}
				seen[a.ID] = true
			}
			k := qKey{a.Pack, a.Chapter, a.Question}
			t := tallies[k]
			if t == nil {
				t = &tally{learners: map[string]bool{}}
				tallies[k] = t
			}
			t.all++
			if !a.Correct {
				t.wrong++
				t.learners[a.Learner] = true
			}
		}
	}
	var out []Missed
	for k, t := range tallies {
		if t.wrong == 0 {
			continue
		}
		out = append(out, Missed{Pack: k.pack, Chapter: k.chapter, Question: k.question, Learners: len(t.learners), Wrong: t.wrong, Answers: t.all})
	}
	slices.SortFunc(out, func(a, b Missed) int {
		return cmp.Or(cmp.Compare(b.Learners, a.Learners), cmp.Compare(b.Wrong, a.Wrong),
			cmp.Compare(a.Pack, b.Pack), cmp.Compare(a.Chapter, b.Chapter), cmp.Compare(a.Question, b.Question))
	})
	if len(out) > MaxMissed {
		out = out[:MaxMissed]
	}
	return out
}

// PassedCount is how many chapters learner i passed.
func (c *Class) PassedCount(i int) int {
	n := 0
	for _, cell := range c.Cells[i] {
		if cell.Passed {
			n++
		}
	}
	return n
}
