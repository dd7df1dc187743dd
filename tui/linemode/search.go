package linemode

import (
	"fmt"
	"strconv"

	"backend-tutor/content/search"
)

// maxResults is how many results line mode lists: the best ones (whole
// words, then headings, titles and glossary terms), as the search screen
// shows its best first.
const maxResults = 20

// search asks for words and lists where the course has them (chapter text,
// headings, titles, glossary entries, question prompts; never answers); a
// result's number reads its chapter from that line.
func (s *Session) search() bool {
	if s.index == nil {
		s.index = search.New(s.course)
	}
	for {
		q, ok := s.choose("Search for (enter for the menu): ", func() {
			s.out.say("Type words to look for (case and accents do not matter), or press enter to go back to the menu.")
		})
		if !ok {
			return true
		}
		if search.Normalize(q) == "" {
			return false
		}
		results, total := s.index.Top(q, maxResults)
		if total == 0 {
			s.out.say("Nothing matches %q.", line(q))
			continue
		}
		if total > len(results) {
			s.out.say("%d matches; the best %d:", total, len(results))
		} else {
			s.out.say("%d matches:", total)
		}
		for i, r := range results {
			text, _ := search.Plain(r.Text, r.Spans) // as a chapter reads: no ** or `
			s.out.say("  %d. %s: %s", i+1, s.place(r), line(text))
		}
		for {
			in, ok := s.choose("A result's number to read there, or enter to search again: ", func() {
				s.out.say("Type a result's number to read its chapter from that line, or press enter for a new search.")
			})
			if !ok {
				return true
			}
			if in == "" {
				break
			}
			n, err := strconv.Atoi(in)
			if err != nil || n < 1 || n > len(results) {
				s.out.say("There is no result %q: type a number from 1 to %d.", line(in), len(results))
				continue
			}
			if s.open(results[n-1]) {
				return true
			}
			break
		}
	}
}

// place says where a result is, in words.
func (s *Session) place(r search.Result) string {
	ch, ok := s.course.Chapter(r.ChapterID)
	switch {
	case r.Kind == search.Glossary:
		return "Glossary"
	case !ok:
		return "Course"
	case r.Kind == search.Question:
		return fmt.Sprintf("Chapter %d quiz, question %d", s.course.Index(ch.ID)+1, r.Line)
	case r.Heading != "" && r.Kind != search.Heading:
		return fmt.Sprintf("Chapter %d, %s", s.course.Index(ch.ID)+1, line(r.Heading))
	}
	return fmt.Sprintf("Chapter %d", s.course.Index(ch.ID)+1)
}

// open reads a result's chapter from its line; a glossary entry or a
// question is shown whole where it is (a question's answers are not).
func (s *Session) open(r search.Result) bool {
	ch, ok := s.course.Chapter(r.ChapterID)
	switch {
	case r.Kind == search.Glossary || r.Kind == search.Question:
		s.out.say("%s", line(r.Text))
		if ok && r.Kind == search.Question {
			s.out.say("(It is in chapter %d's quiz: Chapters, then t %d.)", s.course.Index(ch.ID)+1, s.course.Index(ch.ID)+1)
		}
		return false
	case !ok:
		return false
	}
	return s.read(ch, max(0, r.Line-1))
}
