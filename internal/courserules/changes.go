package courserules

import (
	"fmt"
	"strings"
	"sync"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/progress"
)

// Content changes after a learner studied it (issue 12, item 5): an answer
// to a question edited since is kept but counts no more, a removed
// question's answers are kept and not counted, and a text edit flags the
// chapter "updated since you read it" until the learner reads past it.

// Questions counts a chapter's quiz questions by what the learner has
// answered, from the question summaries (progress.QuestionSummary by
// question id).
type Questions struct {
	Answered int // in their current version, in quiz attempts: never more than the quiz has
	Earlier  int // answered only in an earlier version (edited since)
	Removed  int // answered, and no longer in the quiz
}

// CountQuestions counts ch's questions in sums.
func CountQuestions(ch *content.Chapter, sums map[string]progress.QuestionSummary) Questions {
	var n Questions
	if len(sums) == 0 {
		return n
	}
	seen := 0
	if ch.Quiz != nil {
		for _, qu := range ch.Quiz.Questions {
			sum, ok := sums[qu.ID]
			switch {
			case !ok || sum.Answered == 0:
				continue
			case sum.Hash == qu.Hash:
				n.Answered++
			default:
				n.Earlier++
			}
			seen++
		}
	}
	for _, sum := range sums {
		if sum.Answered > 0 {
			seen--
		}
	}
	n.Removed = -seen
	return n
}

// TextUpdated reports whether ch's text changed, in a section the learner
// has not read past since, after they read it. A record without section
// hashes (written before they were kept) is never updated: we cannot know;
// nor is a chapter with more sections than a record keeps, whose reading
// saves carry no hashes (ReadingOp): its flag could never clear.
//
// The read hashes are a set: a pack's chapter of 4,096 short sections
// took 54 ms a status with a list search per section, on every return
// home (BenchmarkTextUpdatedManySections).
func TextUpdated(ch *content.Chapter, rec progress.ChapterRecord) bool {
	if rec.Sections == "" { // before hashing the chapter: most records
		return false
	}
	secs := sections(ch)
	if len(secs) > progress.MaxSections {
		return false
	}
	read := map[string]bool{}
	for h := range strings.SplitSeq(rec.Sections, ",") {
		read[h] = true
	}
	for _, s := range secs {
		if !read[s.Hash] {
			return true
		}
	}
	return false
}

// ReadingOp is the save of a reading position in ch: line (the reader's
// own measure), furthest (percent read, ever) and seen (percent read past
// this time, which is what clears "updated since you read it": sections
// that end before it count as read in their current version).
func ReadingOp(ch *content.Chapter, line, furthest, seen int) progress.Op {
	secs := sections(ch)
	lines := strings.Count(ch.Body, "\n") + 1
	at := min(max(seen, 0), 100) * lines / 100
	op := progress.Op{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: ch.Hash, Line: line, Percent: furthest}
	if len(secs) > progress.MaxSections {
		return op // no hashes: the reading position is saved, the flag not kept
	}
	for _, s := range secs {
		op.Sections = append(op.Sections, s.Hash)
		if s.End <= at || seen >= 100 {
			op.Passed++
		}
	}
	return op
}

// sectionCache keeps each chapter's section hashes: home works out every
// chapter's status on each return to it, and a chapter does not change
// while the tutor runs (a 1,000-chapter pack would otherwise hash all its
// text each time).
var sectionCache sync.Map // *content.Chapter → []search.SectionHash

func sections(ch *content.Chapter) []search.SectionHash {
	if v, ok := sectionCache.Load(ch); ok {
		return v.([]search.SectionHash)
	}
	secs := search.Sections(ch.Body)
	sectionCache.Store(ch, secs)
	return secs
}

// Change is what changed in a chapter since the learner studied it.
type Change struct {
	Chapter     *content.Chapter
	Number      int // 1-based, as home lists it
	Questions   Questions
	TextUpdated bool
}

// Changes lists the chapters that changed since the learner studied them
// and that home has not told them about yet (ChapterRecord.Noticed).
func Changes(c *content.Course, records map[string]progress.ChapterRecord, questions map[string]map[string]progress.QuestionSummary) []Change {
	var out []Change
	for i, ch := range c.Chapters {
		rec, ok := records[ch.ID]
		if !ok || rec.Noticed == ch.Hash {
			continue
		}
		n := CountQuestions(ch, questions[ch.ID])
		ch := Change{Chapter: ch, Number: i + 1, Questions: n, TextUpdated: TextUpdated(ch, rec)}
		if ch.TextUpdated || n.Earlier > 0 || n.Removed > 0 {
			out = append(out, ch)
		}
	}
	return out
}

// ChangeText says what changed in one chapter: "ch. 3: 2 questions
// changed, text updated".
func ChangeText(ch Change) string {
	var parts []string
	if n := ch.Questions.Earlier; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s changed", n, plural(n, "question", "questions")))
	}
	if n := ch.Questions.Removed; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s removed", n, plural(n, "question", "questions")))
	}
	if ch.TextUpdated {
		parts = append(parts, "text updated")
	}
	return fmt.Sprintf("ch. %d: %s", ch.Number, strings.Join(parts, ", "))
}

// NoticeLines is home's one-time notice of changes: a heading, then a
// line per chapter, at most most lines in all (at least two), the last
// saying how many more chapters when they do not all fit.
func NoticeLines(changes []Change, most int) []string {
	if len(changes) == 0 {
		return nil
	}
	most = max(most, 2)
	lines := []string{"Changed since you last studied:"}
	for i, ch := range changes {
		if len(lines) == most-1 && len(changes)-i > 1 {
			lines = append(lines, fmt.Sprintf("and %d more chapters", len(changes)-i))
			break
		}
		lines = append(lines, ChangeText(ch))
	}
	return lines
}

// NoticedOp is the one save that remembers home told the learner about
// changes, so it tells them once: every changed chapter in one change (one
// transaction, one fsync), not a save per chapter — a pack update that
// changed 1,000 chapters queued 1,000 saves. ok is false when there is
// nothing to remember.
func NoticedOp(changes []Change) (op progress.Op, ok bool) {
	if len(changes) == 0 {
		return progress.Op{}, false
	}
	op.Kind = progress.OpNoticed
	for _, ch := range changes {
		op.Noticed = append(op.Noticed, progress.NoticedChapter{Chapter: ch.Chapter.ID, Hash: ch.Chapter.Hash})
	}
	return op, true
}
