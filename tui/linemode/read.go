package linemode

import (
	"fmt"
	"strconv"
	"strings"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/internal/activetime"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// resumeReading, as read's from: the page the learner had read to.
const resumeReading = -1

// read prints a chapter as plain text a page at a time, from line from of
// its body (0: the start; resumeReading: the page the learner had read to),
// and records how far they got, as the full-screen reader does. True when
// the input ended.
func (s *Session) read(ch *content.Chapter, from int) bool {
	lines := strings.Split(strings.TrimRight(text(ch.Body), "\n"), "\n")
	rec := s.records[ch.ID]
	if from == resumeReading {
		from = 0
		if rec.Furthest > 0 && rec.Furthest < 100 {
			from = rec.Furthest * len(lines) / 100 / s.page * s.page
		}
	}
	idx := s.course.Index(ch.ID)
	s.out.say("")
	s.out.say("Chapter %d of %d: %s", idx+1, len(s.course.Chapters), line(ch.Title))
	if from > 0 {
		s.out.say("(Starting %d%% of the way in; 0 goes back to the beginning.)", from*100/max(1, len(lines)))
	}
	s.last = &progress.Place{Screen: "chapter", ChapterID: ch.ID}
	s.save.do(progress.Op{Kind: progress.OpLast, Place: s.last}, nil)
	defer s.doing(activetime.Reading, ch.ID)()
	percent, saved := 0, -1
	// Saved as each page is shown, not only when the reading stops: ctrl+c
	// (a signal's Interrupt) lost how far the learner had read.
	savePage := func(shown int) {
		percent = 100
		if len(lines) > 0 {
			percent = shown * 100 / len(lines)
		}
		if percent == saved {
			return
		}
		saved = percent
		// The reading position (Line, Word) belongs to the full-screen
		// reader, which counts rendered lines and words: keep it (a save
		// without the Word would drop it); Furthest only grows.
		op := courserules.ReadingOp(ch, rec.Line, percent, percent)
		op.Word = rec.Word
		rec.ID, rec.ContentHash, rec.Furthest = ch.ID, ch.Hash, max(rec.Furthest, percent)
		rec.Sections = progress.ReadSections(rec.Sections, op.Sections, op.Passed)
		s.records[ch.ID] = rec
		s.save.do(op, nil)
	}
	shown, eof := s.pager(lines, search.Outline(ch.Body), from, savePage)
	savePage(shown)
	if eof || percent < 100 {
		return eof
	}
	for {
		var opts []string
		if ch.Quiz != nil {
			opts = append(opts, "t for the quiz")
		}
		if idx+1 < len(s.course.Chapters) {
			opts = append(opts, "n for the next chapter")
		}
		opts = append(opts, "enter for the menu")
		in, ok := s.choose(fmt.Sprintf("End of chapter %d. Type %s: ", idx+1, strings.Join(opts, ", ")), func() {
			s.out.say("Type %s.", strings.Join(opts, ", "))
		})
		switch {
		case !ok:
			return true
		case in == "t" && ch.Quiz != nil:
			return s.Quiz(ch.ID, Ask)
		case in == "n" && idx+1 < len(s.course.Chapters):
			return s.read(s.course.Chapters[idx+1], 0)
		case in == "" || in == "q":
			return false
		}
	}
}

// pager prints lines a page at a time from line from, telling shownPage
// how many lines have been shown before each wait for the learner. It
// returns how many lines have been shown (up to the end of the furthest
// page) and whether the input ended.
func (s *Session) pager(lines []string, sections []search.Section, from int, shownPage func(shown int)) (shown int, eof bool) {
	at := max(0, min(from, len(lines)))
	for {
		end := min(at+s.page, len(lines))
		for _, l := range lines[at:end] {
			s.out.say("%s", l)
		}
		shown = max(shown, end)
		if end >= len(lines) {
			return shown, false
		}
		shownPage(shown)
		help := "Enter for more, q to stop"
		if len(sections) > 0 {
			help += ", a number to jump to a section, s to list the sections"
		}
		s.out.prompt(fmt.Sprintf("-- %d%% -- %s: ", end*100/len(lines), help))
		for {
			in, ok := s.next()
			if !ok {
				s.out.say("")
				return shown, true
			}
			in = strings.TrimSpace(in)
			n, err := strconv.Atoi(in)
			switch {
			case in == "":
				at = end
			case in == "q":
				return shown, false
			case in == "?" || in == "s" && len(sections) > 0:
				if in == "?" {
					s.out.say("%s; 0 goes back to the start.", help)
				}
				for i, sec := range sections {
					s.out.say("  %d. %s", i+1, line(sec.Text))
				}
				s.out.prompt(help + ": ")
				continue
			case err == nil && n == 0:
				at = 0
			case err == nil && n >= 1 && n <= len(sections):
				at = min(sections[n-1].Line-1, len(lines)-1)
			default:
				s.out.prompt(fmt.Sprintf("Not understood. %s: ", help))
				continue
			}
			break
		}
	}
}
