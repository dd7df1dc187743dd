package classreport

import (
	"strings"
	"testing"
)

// Proves: a file that names the export schema but does not decode (nested
// past the JSON depth limit) is called damaged, not "not an export", and
// figures no tutor writes are refused with the record they are in, before
// they break the report's columns and sums.
func TestDecodeHostileFigures(t *testing.T) {
	head := `{"schema":"backend-tutor-export/1",`
	deep := head + `"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	if _, err := Decode(strings.NewReader(deep)); err == nil || !strings.Contains(err.Error(), "damaged export") {
		t.Errorf("deep nesting: %v", err)
	}
	for _, rec := range []string{
		`{"learner":"a","best_score":1000000000000000}`,
		`{"learner":"a","best_score":-1}`,
		`{"learner":"a","read_percent":101}`,
		`{"learner":"a","attempts":-3}`,
		`{"learner":"a","time_spent_seconds":-5}`,
	} {
		in := head + `"records":[{"learner":"ok"},` + rec + `]}`
		if _, err := Decode(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "record 2") {
			t.Errorf("%s: %v", rec, err)
		}
	}
	if _, err := Decode(strings.NewReader(head + `"attempts":[{"score":250}]}`)); err == nil || !strings.Contains(err.Error(), "attempt 1") {
		t.Errorf("score 250: %v", err)
	}
	for _, in := range []string{`{"schema":1}`, `{"schema":null,"x":1}`, `{"a":{"b":[1,"schema"]}}`} {
		if _, err := Decode(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "expected a JSON file") {
			t.Errorf("%s: %v", in, err)
		}
	}
}

// Proves: one learner whose name two exports spell differently (NFC, NFD)
// is one row of the report, not two that look the same.
func TestMergeSameNameOtherSpelling(t *testing.T) {
	var exps []*Export
	for _, name := range []string{"Zo\u00eb", "Zoe\u0308"} {
		e, err := Decode(strings.NewReader(`{"schema":"backend-tutor-export/1","records":[{"learner":"` + name + `","pack":"p","chapter":"c","read_percent":50}]}`))
		if err != nil {
			t.Fatal(err)
		}
		exps = append(exps, e)
	}
	if c := Merge(exps); len(c.Learners) != 1 {
		t.Errorf("learners %q", c.Learners)
	}
}
