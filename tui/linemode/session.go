// Package linemode runs the tutor as plain prompts on stdin and stdout, for
// screen readers, plain terminals and scripts: a numbered menu, chapters a
// page at a time, quizzes as numbered prompts, results as a summary. No
// escape sequences, no redraws: every line is written once, in order.
// Answers are saved with the same store calls as the full-screen tutor, and
// questions are asked and graded by the same kinds (content/kinds.go).
package linemode

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/internal/activetime"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// Options are what main hands line mode.
type Options struct {
	Course   *content.Course
	Store    *progress.Store
	Snapshot *progress.Snapshot
	In       io.Reader
	Out      io.Writer
	Rand     *rand.Rand // shuffles; nil seeds from the clock
	// Interactive: a person at a terminal types the input, so line mode may
	// ask whether to resume or take a passed quiz again. A script is never
	// asked (a question would eat one of its answer lines): --resume and
	// --new decide, and without them an unfinished attempt is resumed.
	Interactive bool
	PageLines   int              // lines of a chapter per page; 0 means 20
	ASCII       bool             // --ascii or a locale without UTF-8: content's glyphs get ASCII stand-ins
	LabURL      string           // where the Labs item checks the learner's server; "": each lab's port
	Now         func() time.Time // the clock saved times come from; nil is time.Now
}

// Start says what `quiz` does with an unfinished attempt.
type Start int

// The choices for an unfinished attempt.
const (
	Ask      Start = iota // ask when interactive, else resume
	Resume                // --resume
	StartNew              // --new: abandon it and start over
)

// Session is one run of line mode.
type Session struct {
	course  *content.Course
	records map[string]progress.ChapterRecord
	last    *progress.Place
	in      *lineReader
	out     *printer
	save    *saver
	rng     *rand.Rand
	ask     bool
	page    int
	welcome bool          // the first-run welcome is still to show
	index   *search.Index // built on the first search
	labURL  string
	clock   func() time.Time
	on      activity // what lines of input are spent on now (doing)
	// questions are the question summaries at start, for the notice of
	// what changed since the learner last studied (said once, in Run).
	questions map[string]map[string]progress.QuestionSummary
}

// activity is what the time between two lines of input goes to.
type activity struct {
	what    activetime.Doing
	chapter string
}

// doing says what the lines read until restore is called are spent on,
// for the time spent reading and in quizzes.
func (s *Session) doing(what activetime.Doing, chapter string) (restore func()) {
	old := s.on
	s.on = activity{what, chapter}
	return func() { s.on = old }
}

// New makes a session.
func New(o Options) *Session {
	s := &Session{
		course: o.Course, records: map[string]progress.ChapterRecord{},
		in: newLineReader(o.In), out: &printer{w: o.Out, ascii: o.ASCII}, rng: o.Rand,
		ask: o.Interactive, page: o.PageLines, labURL: o.LabURL, clock: o.Now,
	}
	if s.rng == nil {
		now := uint64(time.Now().UnixNano())
		s.rng = rand.New(rand.NewPCG(now, now>>17))
	}
	if s.page <= 0 {
		s.page = 20
	}
	if snap := o.Snapshot; snap != nil {
		for id, r := range snap.Chapters {
			s.records[id] = r
		}
		s.last, s.welcome = snap.Last, !snap.Welcomed
		s.questions = snap.Questions
	}
	s.save = &saver{store: o.Store, warn: s.warn, spent: activetime.New(), course: o.Course}
	s.save.input(s.now(), "", activetime.Nothing) // the first prompt's time counts from here
	if o.Store != nil && !o.Store.Writable() {
		s.out.say("%s", line(o.Store.Warning()))
	}
	return s
}

// Close writes what is still queued; false (with a message) if something
// could not be saved.
func (s *Session) Close() error {
	if err := s.save.close(); err != nil {
		return err
	}
	return s.out.err
}

// Interrupt is Close for a signal (ctrl+c, a closed terminal): it may run
// on another goroutine while the session waits for input. A change being
// written is finished first; whatever is still queued is written or kept in
// a recovery file. The session must not be used afterwards.
func (s *Session) Interrupt() error { return s.save.close() }

// Run is the menu, until the learner quits or the input ends.
func (s *Session) Run() error {
	s.out.say("Backend Tutor, line mode: %s.", line(s.course.Title))
	// The welcome is recorded once the learner does something, not when
	// it shows: a learner who quits at once (a mistyped --profile, told
	// so in the line above) leaves no new profile behind.
	welcomed := func() {
		if s.welcome {
			s.save.do(progress.Op{Kind: progress.OpWelcomed}, nil)
			s.welcome = false
		}
	}
	if s.welcome {
		if w := strings.TrimSpace(s.course.Welcome); w != "" {
			s.out.say("%s", text(w))
		}
	}
	s.noticeChanges()
	for {
		items := s.menu()
		s.out.say("")
		done := courserules.CourseProgress(s.course, s.records)
		passed, quizzes := courserules.PassedCount(s.course, s.records)
		s.out.say("Course: %.0f%% done, %d of %d quizzes passed.", done*100, passed, quizzes)
		s.out.say("Menu:")
		for i, it := range items {
			s.out.say("  %d. %s", i+1, it.label)
		}
		in, ok := s.choose("Choose a number (? for help): ", func() {
			s.out.say("Type the number of a menu item and press enter, t and a chapter's number to take its quiz (t 3), or l and a chapter's number for its last result and attempt history (l 3); an empty line shows the menu again. The end of input (Ctrl+D) quits.")
		})
		if !ok {
			return nil
		}
		if in == "" {
			continue // the menu again
		}
		// The chapter list's "t 3" and "l 3" work here too (the walk:
		// learners typed them at the menu). "l" alone, or "labs", is
		// still the menu's word.
		if verb, rest := cutVerb(in, "t", "l"); verb != "" {
			if _, err := strconv.Atoi(rest); err == nil {
				welcomed()
				if s.onChapter(verb, rest) {
					return nil
				}
				continue
			}
		}
		n, err := strconv.Atoi(in)
		if err != nil || n < 1 || n > len(items) {
			if it, found := itemByWord(items, in); found {
				n = it
			} else {
				s.out.say("There is no menu item %q: type a number from 1 to %d.", line(in), len(items))
				continue
			}
		}
		if items[n-1].word != "quit" {
			welcomed()
		}
		if quit := items[n-1].do(); quit {
			return nil
		}
	}
}

// noticeChanges says once what changed in the course since the learner
// last studied it, as home does (courserules.Changes), and remembers that
// it was said.
func (s *Session) noticeChanges() {
	changes := courserules.Changes(s.course, s.records, s.questions)
	for _, l := range courserules.NoticeLines(changes, len(changes)+1) {
		s.out.say("%s", line(l))
	}
	op, ok := courserules.NoticedOp(changes)
	if !ok {
		return
	}
	for _, n := range op.Noticed {
		rec := s.records[n.Chapter]
		rec.Noticed = n.Hash
		s.records[n.Chapter] = rec
	}
	s.save.do(op, nil) // one save for every chapter, as home's

}

type menuItem struct {
	label string
	word  string // a word that also picks it
	do    func() (quit bool)
}

// itemByWord finds the item whose word is in, or begins with in when no
// other item's does ("g" is the glossary; "c" is not: continue, chapters).
func itemByWord(items []menuItem, in string) (int, bool) {
	in = strings.ToLower(in)
	found := 0
	for i, it := range items {
		if in == it.word {
			return i + 1, true
		}
		if strings.HasPrefix(it.word, in) {
			if found != 0 {
				return 0, false
			}
			found = i + 1
		}
	}
	return found, found != 0
}

// menu lists what exists: Continue (when there is somewhere to go on),
// the chapters, search, the glossary (when the course has one), labs,
// stats, quit.
func (s *Session) menu() []menuItem {
	var items []menuItem
	if t, ok := courserules.Continue(s.course, s.records, s.last); ok {
		items = append(items, menuItem{
			label: fmt.Sprintf("Continue: %s (%s)", line(t.Chapter.Title), line(t.Status)), word: "continue",
			do: func() bool { return s.goOn(t) },
		})
	}
	if n := s.dueCount(); n > 0 {
		items = append(items, menuItem{label: fmt.Sprintf("Review (%d due)", n), word: "review", do: s.Review})
	}
	items = append(items, menuItem{label: "Chapters", word: "chapters", do: s.chapters})
	items = append(items, menuItem{label: "Search the course", word: "search", do: s.search})
	if len(s.course.Glossary) > 0 {
		items = append(items, menuItem{label: fmt.Sprintf("Glossary (%d terms)", len(s.course.Glossary)), word: "glossary", do: s.glossary})
	}
	if n := len(s.course.Labs()); n > 0 {
		items = append(items, menuItem{label: "Labs (" + strconv.Itoa(n) + "): build a small API and check it", word: "labs", do: s.labs})
	}
	items = append(items, menuItem{label: "Progress and stats: scores, time spent, weakest questions", word: "progress", do: s.stats})
	items = append(items, menuItem{label: "Quit", word: "quit", do: func() bool { return true }})
	return items
}

// goOn follows Continue, as the full-screen home screen does.
func (s *Session) goOn(t courserules.Target) bool {
	switch t.Action {
	case courserules.ResumeQuiz:
		return s.Quiz(t.Chapter.ID, Resume)
	case courserules.TakeQuiz:
		return s.Quiz(t.Chapter.ID, Ask)
	case courserules.Read:
		return s.read(t.Chapter, resumeReading)
	}
	return s.read(t.Chapter, 0)
}

// choose prompts and reads one line: an empty line or "?" runs help and
// asks again (the caller shows the menu again on an empty line by
// returning to its loop, so here both just prompt). False at the end of
// input.
func (s *Session) choose(prompt string, help func()) (string, bool) {
	for {
		s.out.prompt(prompt)
		in, ok := s.next()
		if !ok {
			s.out.say("")
			return "", false
		}
		in = strings.TrimSpace(in)
		if in == "?" {
			help()
			continue
		}
		return in, true
	}
}

// chapters lists the chapters with their status; a number reads one, "t"
// and a number takes its quiz, "l" and a number shows its last result,
// "reset" and a number resets it (after asking).
func (s *Session) chapters() bool {
	for {
		s.out.say("")
		s.out.say("Chapters:")
		header := ""
		for i, ch := range s.course.Chapters {
			// With several packs, each pack's chapters under its title.
			if p, ok := s.course.PackOf(ch.Pack); ok && len(s.course.Packs) > 1 && ch.Pack != header {
				header = ch.Pack
				s.out.say("%s:", line(p.Title))
			}
			s.out.say("  %d. %s (%s)", i+1, line(ch.Title), line(courserules.StatusText(ch, s.records[ch.ID])))
		}
		in, ok := s.choose("Chapter number to read, t and a number for its quiz, or enter for the menu (? for more): ", func() {
			s.out.say("Type a chapter's number to read it (3), t and its number to take its quiz (t 3), l and its number for its last result and attempt history (l 3), reset and its number to reset it (reset 3; it asks first), or press enter to go back to the menu.")
		})
		if !ok {
			return true
		}
		if in == "" || in == "q" {
			return false
		}
		if s.onChapter(cutVerb(in, "reset", "t", "l")) { // "reset" before the one-letter verbs
			return true
		}
	}
}

// cutVerb splits "t 3" into "t" and "3", for the first of verbs that in
// begins with; verb is "" when none does.
func cutVerb(in string, verbs ...string) (verb, rest string) {
	for _, v := range verbs {
		if rest, found := strings.CutPrefix(in, v); found {
			return v, strings.TrimSpace(rest)
		}
	}
	return "", in
}

// onChapter does verb ("" reads, "t" quizzes, "l" shows the last result,
// "reset" resets) to the chapter numbered num, or says there is no such
// chapter. It reports the end of input.
func (s *Session) onChapter(verb, num string) (eof bool) {
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > len(s.course.Chapters) {
		s.out.say("There is no chapter %q: type a number from 1 to %d.", line(num), len(s.course.Chapters))
		return false
	}
	ch := s.course.Chapters[n-1]
	switch verb {
	case "t":
		return s.Quiz(ch.ID, Ask)
	case "l":
		return s.lastResult(ch)
	case "reset":
		return s.reset(ch)
	}
	return s.read(ch, 0)
}

// glossary prints the terms, a page at a time.
func (s *Session) glossary() bool {
	var lines []string
	for _, t := range s.course.Glossary {
		where := ""
		if ch, ok := s.course.Chapter(t.ChapterID); ok {
			where = fmt.Sprintf(" (chapter %d: %s)", s.course.Index(ch.ID)+1, line(ch.Title))
		}
		lines = append(lines, line(t.Term)+": "+line(t.Definition)+where)
	}
	s.out.say("")
	s.out.say("Glossary, %d terms:", len(lines))
	_, eof := s.pager(lines, nil, 0, func(int) {})
	return eof
}

// next writes what is queued for the progress file, then reads one line
// of input. Typed input at a terminal is echoed, and its enter ends the
// prompt's line; input from a script is not, so line mode ends the line
// itself and what follows starts on a line of its own.
func (s *Session) next() (string, bool) {
	s.save.drain()
	in, ok := s.in.next()
	if ok {
		s.save.input(s.now(), s.on.chapter, s.on.what)
	}
	s.out.showing = ""
	if ok && !s.ask {
		s.out.write("\n")
	}
	return in, ok
}

// warn tells the learner about saving. A prompt already showing is shown
// again below the message, so it is still the last line.
func (s *Session) warn(msg string) {
	if p := s.out.showing; p != "" {
		s.out.write("\n")
		s.out.say("%s", msg)
		s.out.prompt(p)
		return
	}
	s.out.say("%s", msg)
}
