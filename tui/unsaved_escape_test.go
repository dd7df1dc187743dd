package tui

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// Proves: the lines a learner is asked to keep by hand (a full disk), as
// main's stderr writer prints them (render.EscapeLines), still decode to
// the same answer when a pack's option text holds DEL, C1 controls or bidi
// overrides (encoding/json writes them raw, and the writer showed DEL as
// \x7f, not JSON: the saved line was refused at every start).
func TestUnsavedReportEscapesLines(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	given := "opt\u009b2J\u202e\u0085\u007f\u2028 C:\\dir"
	op := progress.Op{Kind: progress.OpAnswer, Chapter: "ch", Attempt: 1,
		Answer: &progress.Answer{ID: "x", QuestionID: "q", Given: []string{given}}}
	msg := render.EscapeLines(unsavedReport(store, []progress.Op{op}, errors.New("locked"), "", errors.New("no space left on device")).Error())
	for _, raw := range []string{"\u009b", "\u202e", "\u0085", "\u007f", "\u2028"} {
		if strings.Contains(msg, raw) {
			t.Errorf("the message holds %q raw:\n%s", raw, msg)
		}
	}
	_, rest, _ := strings.Cut(msg, "----- unsaved changes -----\n")
	line, _, _ := strings.Cut(rest, "\n")
	var back progress.Op
	if err := json.Unmarshal([]byte(line), &back); err != nil || back.Answer == nil || back.Answer.Given[0] != given {
		t.Errorf("the kept line %q does not decode to the answer: %+v, %v", line, back.Answer, err)
	}
}
