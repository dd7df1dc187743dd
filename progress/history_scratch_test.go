package progress

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// History's decoder reuses its scratch slices: attempts decoded one after
// another share nothing, and each equals what decodeAttempt reads (less
// the shuffles History skips).
func TestDecodeHistoryAttemptSharesNothing(t *testing.T) {
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	fin := at.Add(time.Minute)
	first := Attempt{ID: 1, ChapterID: "ch", ContentHash: "h", Started: at, Finished: &fin, Order: []string{"a", "b", "c"},
		Answers: []Answer{{ID: "1", QuestionID: "a", Given: []string{"x", "y"}, At: at}, {ID: "2", QuestionID: "b", Given: []string{"z"}, At: at}}, Score: 50}
	second := Attempt{ID: 2, ChapterID: "ch", ContentHash: "h", Started: at, Order: []string{"c"},
		Answers: []Answer{{ID: "3", QuestionID: "c", Given: []string{"w"}, At: at}}}
	third := Attempt{ID: 3, ChapterID: "ch", ContentHash: "h", Started: at, Order: []string{"a"}, Answers: []Answer{}}
	var scratch historyAttempt
	var got []Attempt
	for _, a := range []Attempt{first, second, third} {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		d, err := decodeHistoryAttempt(b, &scratch)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d)
	}
	for i, want := range []Attempt{first, second, third} {
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("attempt %d: %+v\nwant %+v", i+1, got[i], want)
		}
	}
}

// validateAttempt finds a question listed twice, an answer outside the
// order and an answer id stored twice, in short lists (scanned) and long
// ones (hashed) alike.
func TestValidateAttemptShortAndLong(t *testing.T) {
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{3, smallList + 5} {
		order := make([]string, n)
		var answers []Answer
		for i := range order {
			order[i] = fmt.Sprint("q", i)
			answers = append(answers, Answer{ID: fmt.Sprint("a", i), QuestionID: order[i], At: at})
		}
		good := Attempt{ID: 1, ChapterID: "ch", Started: at, Order: order, Answers: answers}
		if err := validateAttempt(good); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for why, bad := range map[string]func(a *Attempt){
			"listed twice": func(a *Attempt) { a.Order = append(slices.Clone(a.Order), a.Order[n-1]) },
			"not in the": func(a *Attempt) {
				a.Answers = append(slices.Clone(a.Answers), Answer{ID: "x", QuestionID: "nope", At: at})
			},
			"stored twice": func(a *Attempt) { a.Answers = append(slices.Clone(a.Answers), a.Answers[n-1]) },
		} {
			a := good
			bad(&a)
			if err := validateAttempt(a); err == nil || !strings.Contains(err.Error(), why) {
				t.Errorf("n=%d %s: %v", n, why, err)
			}
		}
	}
}
