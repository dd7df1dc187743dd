package courserules

import (
	"math/rand/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// Shuffles draws a screen order for each question that shows a list, one
// permutation per question in the order given, from rng. The full-screen
// quiz and line mode both start attempts with it, so a seeded rng gives
// both the same screens.
func Shuffles(qs []*content.Question, rng *rand.Rand) map[string][]int {
	out := map[string][]int{}
	for _, qu := range qs {
		if n := qu.ShuffleSize(); n > 0 {
			out[qu.ID] = content.Shuffle(n, rng)
		}
	}
	return out
}

// Resumed is an unfinished attempt as the learner left it.
type Resumed struct {
	Questions []*content.Question // still in the chapter, in the attempt's order
	Shuffles  map[string][]int
	Answers   map[string]progress.Answer // CurrentAnswers
}

// Resume rebuilds an unfinished attempt: questions removed from the course
// since are left out, a question whose list changed length gets a new
// shuffle, and an answer to a question edited since does not count.
func Resume(ch *content.Chapter, a progress.Attempt, rng *rand.Rand) Resumed {
	r := Resumed{Shuffles: map[string][]int{}, Answers: map[string]progress.Answer{}}
	if ch.Quiz == nil {
		return r
	}
	for _, qid := range a.Order {
		qu, ok := ch.Quiz.Question(qid)
		if !ok {
			continue // removed from the course since
		}
		r.Questions = append(r.Questions, qu)
		if n := qu.ShuffleSize(); n > 0 {
			p := a.Shuffles[qid]
			if !isPermutation(p, n) {
				p = content.Shuffle(n, rng) // the question changed shape since
			}
			r.Shuffles[qid] = p
		}
	}
	r.Answers = CurrentAnswers(ch, a)
	return r
}

// CurrentAnswers is each question's last answer in a (the one that counts),
// for the questions still in the chapter and unchanged since (same hash).
func CurrentAnswers(ch *content.Chapter, a progress.Attempt) map[string]progress.Answer {
	out := map[string]progress.Answer{}
	if ch.Quiz == nil {
		return out
	}
	for qid, ans := range progress.LastAnswers(a) {
		if qu, ok := ch.Quiz.Question(qid); ok && qu.Hash == ans.QuestionHash {
			out[qid] = ans
		}
	}
	return out
}

func isPermutation(p []int, n int) bool {
	if len(p) != n {
		return false
	}
	seen := make([]bool, n)
	for _, v := range p {
		if v < 0 || v >= n || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}
