package courserules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/progress"
)

const body3 = "Intro.\n\n## One\n\nFirst part.\n\n```sh\n# not a heading\n```\n\n## Two\n\nSecond part.\n\n## Three\n\nThird part.\n"

func chapter(body, hash string, qs ...*content.Question) *content.Chapter {
	ch := &content.Chapter{ID: "c", Title: "C", Body: body, Hash: hash}
	if len(qs) > 0 {
		ch.Quiz = &content.Quiz{PassMark: 70, Questions: qs}
	}
	return ch
}

// read applies a reading save of ch, seen percent read this time, to rec,
// as the progress file does.
func read(ch *content.Chapter, rec progress.ChapterRecord, seen int) progress.ChapterRecord {
	op := ReadingOp(ch, 0, seen, seen)
	rec.Sections = progress.ReadSections(rec.Sections, op.Sections, op.Passed)
	rec.ContentHash = ch.Hash
	return rec
}

// Proves: "updated since you read it" is raised by a change of the text
// only (not by a question edit, not by a record from before section
// hashes), is not cleared by opening the chapter, and clears once the
// learner reads past the last changed section.
func TestTextUpdatedFlag(t *testing.T) {
	q := &content.Question{ID: "q1", Hash: "qa"}
	v1 := chapter(body3, "h1", q)
	rec := read(v1, progress.ChapterRecord{ID: "c"}, 40)
	if TextUpdated(v1, rec) {
		t.Fatal("flag raised without a change")
	}
	// A question edit changes the chapter's hash, not its text.
	q2 := &content.Question{ID: "q1", Hash: "qb"}
	if TextUpdated(chapter(body3, "h2", q2), rec) {
		t.Error("a question edit raised the text flag")
	}
	// A code block's "# comment" is not a heading: the sections stay 4.
	if n := len(ReadingOp(v1, 0, 0, 0).Sections); n != 4 {
		t.Errorf("%d sections, want 4", n)
	}
	// The text of section Two changes.
	v2 := chapter(strings.Replace(body3, "Second part.", "Second part, rewritten.", 1), "h3", q)
	if !TextUpdated(v2, rec) {
		t.Fatal("a text change did not raise the flag")
	}
	if got := StatusText(v2, rec); !strings.HasSuffix(got, " · updated since you read it") {
		t.Errorf("status = %q", got)
	}
	// Opening it (a save of nothing read past) does not clear it, nor
	// does reading only up to the changed section.
	for _, seen := range []int{0, 30} {
		if rec2 := read(v2, rec, seen); !TextUpdated(v2, rec2) {
			t.Errorf("reading %d%% cleared the flag", seen)
		}
	}
	// Reading past section Two (which ends on line 15 of 20) clears it,
	// and it stays clear.
	rec = read(v2, rec, 80)
	if TextUpdated(v2, rec) {
		t.Errorf("reading past the changed section left the flag: %q", rec.Sections)
	}
	if rec = read(v2, rec, 0); TextUpdated(v2, rec) {
		t.Error("flag came back")
	}
	// Whitespace at a section's ends is layout, not text.
	if TextUpdated(chapter(strings.Replace(v2.Body, "Third part.\n", "Third part.\n\n\n", 1), "h4"), rec) {
		t.Error("trailing blank lines raised the flag")
	}
	// A record from before section hashes: no flag, whatever changed.
	if TextUpdated(v2, progress.ChapterRecord{ID: "c", ContentHash: "h1", Furthest: 100}) {
		t.Error("a record without section hashes was flagged")
	}
}

// Proves: a chapter with more sections than a record keeps (a hostile
// pack: a heading on every line) still saves its reading position: the
// save carries no hashes, so the store does not refuse it.
func TestReadingOpManySections(t *testing.T) {
	body := strings.Repeat("# h\n", progress.MaxSections+1)
	op := ReadingOp(chapter(body, "h"), 3, 50, 50)
	if len(op.Sections) != 0 || op.Passed != 0 || op.Line != 3 || op.Percent != 50 {
		t.Errorf("op = %+v sections, line %d, percent %d", len(op.Sections), op.Line, op.Percent)
	}
}

// Proves: a chapter's questions are counted by version: an answer to an
// edited question is "earlier", to a removed one "removed", and Answered
// never exceeds the questions of the quiz.
func TestCountQuestions(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ch := chapter("text", "h", &content.Question{ID: "q1", Hash: "a1"}, &content.Question{ID: "q2", Hash: "b2"}, &content.Question{ID: "q3", Hash: "c1"})
	sums := map[string]progress.QuestionSummary{
		"q1":   {Hash: "a1", Answered: 7, Missed: 2, Last: at}, // current, answered many times
		"q2":   {Hash: "b1", Answered: 1, Last: at},            // edited since
		"gone": {Hash: "g1", Answered: 3, Last: at},            // removed
	}
	if got := CountQuestions(ch, sums); got != (Questions{Answered: 1, Earlier: 1, Removed: 1}) {
		t.Errorf("CountQuestions = %+v", got)
	}
	changes := Changes(&content.Course{Chapters: []*content.Chapter{ch}}, map[string]progress.ChapterRecord{"c": {ID: "c"}},
		map[string]map[string]progress.QuestionSummary{"c": sums})
	if len(changes) != 1 || ChangeText(changes[0]) != "ch. 1: 1 question changed, 1 question removed" {
		t.Errorf("changes = %+v", changes)
	}
	// Told once: a record that noticed this version lists nothing.
	if got := Changes(&content.Course{Chapters: []*content.Chapter{ch}}, map[string]progress.ChapterRecord{"c": {ID: "c", Noticed: "h"}},
		map[string]map[string]progress.QuestionSummary{"c": sums}); len(got) != 0 {
		t.Errorf("noticed chapter listed: %+v", got)
	}
}

// Proves: the notice takes at most the lines it is given, its heading
// included (home gives noticeMost, 4: it took 5), the last saying how many
// chapters more; all of them when they fit.
func TestNoticeLinesBound(t *testing.T) {
	changes := func(n int) []Change {
		var out []Change
		for i := range n {
			out = append(out, Change{Number: i + 1, TextUpdated: true})
		}
		return out
	}
	for n, want := range map[int][]string{
		3: {"Changed since you last studied:", "ch. 1: text updated", "ch. 2: text updated", "ch. 3: text updated"},
		4: {"Changed since you last studied:", "ch. 1: text updated", "ch. 2: text updated", "and 2 more chapters"},
		9: {"Changed since you last studied:", "ch. 1: text updated", "ch. 2: text updated", "and 7 more chapters"},
	} {
		if got := NoticeLines(changes(n), 4); !slices.Equal(got, want) {
			t.Errorf("%d changes: %q, want %q", n, got, want)
		}
	}
	if got := NoticeLines(changes(5), 6); len(got) != 6 {
		t.Errorf("5 changes in 6 lines: %q", got)
	}
}
