package content

import (
	"sort"
	"strings"
)

// checkChapters sorts the chapters and reports duplicate ids and orders.
func checkChapters(course *Course, c *collector) {
	sort.SliceStable(course.Chapters, func(i, j int) bool {
		return course.Chapters[i].Order < course.Chapters[j].Order
	})
	orders := map[int]*Chapter{}
	for i, ch := range course.Chapters {
		if prev, dup := course.byID[ch.ID]; dup {
			c.add(ch.File, ch.idLine, "duplicate chapter id %q (also in %s)", ch.ID, course.Chapters[prev].File)
			continue
		}
		course.byID[ch.ID] = i
		if prev, dup := orders[ch.Order]; dup {
			c.add(ch.File, ch.ordLine, "order %d is also used by %s", ch.Order, prev.File)
		}
		orders[ch.Order] = ch
	}
}

// attachQuizzes gives each quiz to its chapter.
func attachQuizzes(course *Course, quizzes []*Quiz, c *collector) {
	for _, q := range quizzes {
		ch, ok := course.Chapter(q.ChapterID)
		if !ok {
			c.add(q.File, q.line, "quiz for chapter %q, but no chapter has that id", q.ChapterID)
			continue
		}
		if ch.Quiz != nil {
			c.add(q.File, q.line, "chapter %q already has a quiz in %s", q.ChapterID, ch.Quiz.File)
			continue
		}
		ch.Quiz = q
	}
}

// checkQuestionIDs requires question ids unique across the whole folder.
func checkQuestionIDs(course *Course, c *collector) {
	seen := map[string]*Question{}
	for _, ch := range course.Chapters {
		if ch.Quiz == nil {
			continue
		}
		for _, q := range ch.Quiz.Questions {
			if q.ID == "" {
				continue
			}
			if prev, dup := seen[q.ID]; dup {
				c.add(q.File, q.Line, "duplicate question id %q (first used at %s:%d)", q.ID, prev.File, prev.Line)
				continue
			}
			seen[q.ID] = q
		}
	}
}

func checkGlossary(course *Course, c *collector) {
	seen := map[string]bool{}
	for _, t := range course.Glossary {
		key := strings.ToLower(t.Term)
		if seen[key] {
			c.add("glossary.yaml", t.line, "term %q appears twice", t.Term)
		}
		seen[key] = true
		if _, ok := course.Chapter(t.ChapterID); !ok && t.ChapterID != "" {
			c.add("glossary.yaml", t.line, "term %q names chapter %q, which does not exist", t.Term, t.ChapterID)
		}
	}
}
