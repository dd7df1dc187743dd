package tui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// rightKeys are the keys that answer the quiz's current question correctly,
// worked out from what the screen shows (the shuffled order), as a learner
// who knows the answer would press them.
func rightKeys(q *quizModel) []string {
	qu := q.current()
	var ks []string
	switch qu.Kind {
	case content.Single:
		for pos, orig := range q.shuffles[qu.ID] {
			if qu.Options[orig].Correct {
				ks = append(ks, fmt.Sprint(pos+1))
			}
		}
	case content.Multi:
		for pos, orig := range q.shuffles[qu.ID] {
			if qu.Options[orig].Correct {
				ks = append(ks, fmt.Sprint(pos+1))
			}
		}
	case content.TrueFalse:
		ks = append(ks, map[bool]string{true: "t", false: "f"}[qu.Answer])
	case content.Typed:
		for _, r := range qu.Accept[0] {
			ks = append(ks, string(r))
		}
	case content.Order:
		ks = sortKeys(q.arrangement)
	}
	return append(ks, "enter")
}

// Every quiz of the embedded course can be taken through the UI and passed
// with full marks: each right answer can be expressed with the keys, and
// every typed question accepts its own first answer after typing.
func TestEveryEmbeddedQuizCanBeAcedThroughTheUI(t *testing.T) {
	course, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(t.TempDir() + "/p.db")
	if err != nil {
		t.Fatal(err)
	}
	m := withoutTicks(New(Options{Course: course, Store: store, Snapshot: &progress.Snapshot{Welcomed: true},
		Cache: render.NewCache(4), NoColor: true, Rand: rand.New(rand.NewPCG(7, 7))}))
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, ch := range course.Chapters {
		if ch.Quiz == nil {
			continue
		}
		run(m, m.startQuiz(ch.ID))
		for range ch.Quiz.Questions {
			sendKeys(m, rightKeys(m.quiz)...)
			if !m.quiz.answers[m.quiz.current().ID].correct {
				t.Fatalf("%s: the right answer to %s was marked wrong:\n%s", ch.ID, m.quiz.current().ID, viewText(m))
			}
			sendKeys(m, "enter")
		}
		if m.Screen() != "results" || !strings.Contains(viewText(m), "100%") {
			t.Fatalf("%s: want 100%% on the results screen, got %s:\n%s", ch.ID, m.Screen(), viewText(m))
		}
	}
	m.Flush()
	snap, _ := store.Snapshot()
	for _, ch := range course.Chapters {
		if r := snap.Chapters[ch.ID]; ch.Quiz != nil && (!r.Passed || r.BestScore != 100) {
			t.Errorf("%s: saved %+v, want passed with 100", ch.ID, r)
		}
	}
}
