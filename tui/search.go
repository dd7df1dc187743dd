package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/tui/render"
)

// searchModel is the search screen: a query box over the whole course
// (chapter text, headings, titles, glossary, question prompts), results as
// they are typed. The index is built once, by a command, the first time
// the screen opens; keys typed meanwhile are kept and searched when it
// arrives.
type searchModel struct {
	ix      *search.Index // nil until searchIndexMsg
	input   textinput.Model
	query   string          // what results are for
	results []search.Result // the best searchLimit
	total   int             // how many there are in all
	cursor  int
	offset  int    // first result on screen
	pending bool   // enter came before the index: open the first result when it arrives
	back    screen // where esc goes: the screen "/" was pressed on
}

// searchIndexMsg brings the built index back to the UI goroutine.
type searchIndexMsg struct{ ix *search.Index }

// searchLimit is how many results the screen keeps: enough to page
// through, and on a 1,000-chapter pack only these need their spans.
const searchLimit = 500

// searchRows is how many screen lines one result takes: where it is, then
// the line itself.
const searchRows = 2

// newSearch is the search screen, made the first time it opens, and the
// command that builds its index.
func newSearch(c *programContext) (*searchModel, tea.Cmd) {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search chapters, glossary and questions"
	in.CharLimit = 200
	in.SetVirtualCursor(true)
	ist := in.Styles()
	ist.Cursor.Blink = false // a steady cursor, as in typed answers
	in.SetStyles(ist)
	course := c.course
	return &searchModel{input: in}, func() tea.Msg { return searchIndexMsg{search.New(course)} }
}

// open shows the screen, opened from screen from (where esc goes back to).
func (s *searchModel) open(c *programContext, from screen) tea.Cmd {
	s.input.SetWidth(max(10, c.width-6))
	s.back = from
	return s.input.Focus()
}

// indexed takes the built index; shown: the search screen is the current
// one, where an enter typed before the index came opens the first result.
func (s *searchModel) indexed(msg searchIndexMsg, c *programContext, shown bool) nav {
	s.ix = msg.ix
	s.run(true)
	if s.pending && shown && len(s.results) > 0 {
		s.pending = false
		return s.openResult(c, s.results[0], s.query)
	}
	return nav{}
}

// run searches again if the query changed (or force).
func (s *searchModel) run(force bool) {
	q := s.input.Value()
	if (q == s.query && !force) || s.ix == nil {
		return
	}
	s.query = q
	s.results, s.total = s.ix.Top(q, searchLimit)
	s.cursor, s.offset = 0, 0
}

func (s *searchModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	page := max(1, s.visible(c)-1)
	switch {
	case key.Matches(msg, k.Close):
		return nil, nav{to: s.back, back: true}
	case key.Matches(msg, k.Open):
		s.pending = s.ix == nil
		if s.cursor < len(s.results) {
			return nil, s.openResult(c, s.results[s.cursor], s.query)
		}
	case key.Matches(msg, k.ResultUp):
		s.move(c, -1)
	case key.Matches(msg, k.ResultDown):
		s.move(c, 1)
	case key.Matches(msg, k.ResultPageUp):
		s.move(c, -page)
	case key.Matches(msg, k.ResultPageDown):
		s.move(c, page)
	default:
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		composeInput(&s.input)
		s.run(false)
		return cmd, nav{}
	}
	return nil, nav{}
}

// paste puts pasted text into the query, as one sanitised line.
func (s *searchModel) paste(msg tea.PasteMsg) tea.Cmd {
	msg.Content = render.SanitizeLine(msg.Content)
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	composeInput(&s.input)
	s.run(false)
	return cmd
}

func (s *searchModel) move(c *programContext, by int) {
	s.cursor = min(max(0, s.cursor+by), max(0, len(s.results)-1))
	vis := s.visible(c)
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+vis {
		s.offset = s.cursor - vis + 1
	}
}

// visible is how many results fit under the query box and the count line.
func (s *searchModel) visible(c *programContext) int {
	return max(1, (c.bodyHeight()-2)/searchRows)
}

func (s *searchModel) resize(c *programContext) {
	s.input.SetWidth(max(10, c.width-6))
	s.move(c, 0)
}

func (s *searchModel) view(c *programContext) page {
	var b strings.Builder
	b.WriteString(" " + s.input.View() + "\n")
	switch {
	case s.ix == nil:
		b.WriteString("  " + c.st.Subtle.Render("Preparing the search…"))
	case strings.TrimSpace(s.query) == "":
		b.WriteString("  " + c.st.Subtle.Render("Type a word: chapter text, headings, the glossary and quiz questions are searched."))
	case len(s.results) == 0:
		b.WriteString("  " + c.st.Subtle.Render("No matches. Try a shorter word."))
	default:
		count := fmt.Sprintf("%d matches", s.total)
		switch {
		case s.total == 1:
			count = "1 match"
		case s.total > len(s.results):
			count += fmt.Sprintf(", the best %d shown", len(s.results))
		}
		b.WriteString("  " + c.st.Subtle.Render(count))
		width := max(10, c.width-4)
		end := min(len(s.results), s.offset+s.visible(c))
		for i := s.offset; i < end; i++ {
			r := s.results[i]
			cursor, placeStyle := "  ", c.st.Faint
			if i == s.cursor {
				cursor, placeStyle = c.st.Cursor.Render("› "), c.st.Selected
			}
			place := placeStyle.Render(resultPlace(c.course, r, width))
			text, spans := search.Plain(r.Text, r.Spans) // as the reader shows it: no ** or `
			text, spans = search.Snippet(text, spans, width)
			line := ansi.Truncate(MarkMatches(text, spans, true), width, "…") // a tab's 4 spaces
			b.WriteString("\n" + cursor + place + "\n  " + line)
		}
	}
	return page{header: "Search", body: b.String(), keys: []key.Binding{c.keys.ResultDown, c.keys.Open, c.keys.Close}}
}

// resultPlace names where a result is, sanitised and fitted to width:
// chapter and section, the quiz, or the glossary. A long chapter title is
// cut first, so the section, which says more, stays readable.
func resultPlace(c *content.Course, r search.Result, width int) string {
	fit := func(s string, w int) string { return ansi.Truncate(render.SanitizeLine(s), max(1, w), "…") }
	if r.Kind == search.Glossary {
		return fit("Glossary › "+r.Heading, width)
	}
	i := c.Index(r.ChapterID)
	if i < 0 {
		return fit(r.ChapterID, width)
	}
	title := fmt.Sprintf("%d. %s", i+1, c.Chapters[i].Title)
	section := ""
	switch {
	case r.Kind == search.Question:
		section = fmt.Sprintf("Quiz, question %d", r.Line)
	case r.Kind != search.Title && r.Heading != "" && r.Heading != c.Chapters[i].Title:
		section = r.Heading
	}
	if section == "" {
		return fit(title, width)
	}
	section = fit(section, width-3-min(ansi.StringWidth(render.SanitizeLine(title)), width/3))
	return fit(title, width-3-ansi.StringWidth(section)) + " › " + section
}

// openResult goes to a result: the reader at the match, highlighted; the
// reader at the chapter's end (where its quiz starts) for a question; the
// glossary at the term.
func (s *searchModel) openResult(c *programContext, r search.Result, query string) nav {
	s.back = homeScreen // the reader's esc comes back here; esc again is home
	switch r.Kind {
	case search.Glossary:
		return nav{to: glossaryScreen, term: r.Heading, query: query}
	case search.Question: // nothing to highlight; esc still returns to the results
		return nav{to: readerScreen, chapter: r.ChapterID, line: 1 << 30, mark: &readerMark{search: true}}
	}
	ch, ok := c.course.Chapter(r.ChapterID)
	if !ok {
		return nav{}
	}
	mk := newMark(ch, r.Line, query)
	mk.search = true
	return nav{to: readerScreen, chapter: r.ChapterID, line: -1, mark: mk}
}

// readerMark is a search match to show in the reader: the ordinal-th
// occurrence of the query in the chapter, counted in its markdown.
type readerMark struct {
	query       string
	ordinal     int
	line, lines int  // the markdown line and line count, for when the rendered text hides it
	scroll      bool // scroll to it (once: a later re-render keeps the reader's place)
	search      bool // opened from the search screen: esc goes back to it
	stats       bool // opened from the stats screen (a weakest question's section): esc goes back to it
}

func (mk *readerMark) fromSearch() bool { return mk != nil && mk.search }

// newMark marks query's match at the markdown line of ch, to scroll to.
func newMark(ch *content.Chapter, line int, query string) *readerMark {
	return &readerMark{query: query, ordinal: ordinalBefore(ch.Body, line, query), line: line,
		lines: strings.Count(ch.Body, "\n") + 1, scroll: true}
}

// ordinalBefore counts the query's matches in the body that start before
// line (1-based): the result's own match is the next one. The body is
// searched whole, as the rendered text is, so a match that wraps from one
// line to the next counts the same in both.
func ordinalBefore(body string, line int, query string) int {
	cut := 0
	for i := 1; i < line && cut < len(body); i++ {
		j := strings.IndexByte(body[cut:], '\n')
		if j < 0 {
			cut = len(body)
			break
		}
		cut += j + 1
	}
	n := 0
	for _, sp := range search.Find(body, query) {
		if sp.Start < cut {
			n++
		}
	}
	return n
}

// applyMark highlights the mark in the rendered chapter and scrolls it a
// third of the way down the window. Rendering removes markdown syntax and
// rewraps lines but keeps the words in order, so the ordinal-th match of
// the rendered text (searched whole, lines joined, so a match the new
// wrapping splits is still found) is the one chosen; if the render hides
// it, the reader goes to the same proportion of the text.
func (r *readerModel) applyMark(c *programContext) {
	mk := r.mark
	if mk == nil || mk.query == "" {
		return
	}
	defer func() { mk.scroll = false }()
	plain := make([]string, len(r.vp.lines))
	starts := make([]int, len(r.vp.lines)+1)
	for i, l := range r.vp.lines {
		plain[i] = ansi.Strip(l)
		starts[i+1] = starts[i] + len(plain[i]) + 1
	}
	spans := search.Find(strings.Join(plain, "\n"), mk.query)
	if mk.ordinal >= len(spans) {
		if mk.scroll {
			r.vp.SetYOffset(mk.line*len(r.vp.lines)/max(1, mk.lines) - r.vp.height/3)
		}
		return
	}
	sp := spans[mk.ordinal]
	first := -1
	for i := range r.vp.lines {
		a, b := max(sp.Start, starts[i]), min(sp.End, starts[i+1]-1)
		if a >= b {
			continue
		}
		if first < 0 {
			first = i
		}
		p := plain[i]
		a, b = a-starts[i], b-starts[i]
		// a match that wraps: not the margin or the padding around the break
		a += len(p[a:b]) - len(strings.TrimLeft(p[a:b], " "))
		b -= len(p[a:b]) - len(strings.TrimRight(p[a:b], " "))
		if a >= b {
			continue
		}
		from, to := ansi.StringWidth(p[:a]), ansi.StringWidth(p[:b])
		r.vp.lines[i] = lipgloss.StyleRanges(r.vp.lines[i], lipgloss.NewRange(from, to, c.st.Match))
	}
	if mk.scroll && first >= 0 {
		r.vp.SetYOffset(first - r.vp.height/3)
	}
}

// showTerm highlights the query in a term's entry and scrolls the
// glossary to it.
func (g *glossaryModel) showTerm(c *programContext, term, query string) {
	g.term, g.query = term, query
	g.resize(c)
	g.scrollTo(term)
}

// scrollTo scrolls the glossary to a term's entry: its heading's line as
// laid out, which finds a heading wrapped to two lines too.
func (g *glossaryModel) scrollTo(term string) {
	if i := slices.Index(g.names, term); i >= 0 && i < len(g.terms) {
		g.vp.SetYOffset(g.terms[i])
	}
}

// markQuery highlights the query's matches in shown, a line of screen text
// (sanitised, perhaps styled): the match style over the columns they take.
func markQuery(shown, query string) string {
	var ranges []lipgloss.Range
	plain := ansi.Strip(shown)
	for _, sp := range search.Find(plain, query) {
		ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(plain[:sp.Start]), ansi.StringWidth(plain[:sp.End]), matchStyle))
	}
	return lipgloss.StyleRanges(shown, ranges...)
}

// MarkMatches makes a search result's line safe for a terminal, with its
// matched spans in the match style when styled is true. Each piece passes
// the sanitiser on its own, so no escape sequence from the content survives
// even when a match cuts through one.
func MarkMatches(text string, spans []search.Span, styled bool) string {
	if !styled {
		return render.SanitizeLine(text)
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(text) || sp.Start >= sp.End {
			continue // never from the index; a guard, not a case
		}
		b.WriteString(render.SanitizeLine(text[last:sp.Start]))
		b.WriteString(matchStyle.Render(render.SanitizeLine(text[sp.Start:sp.End])))
		last = sp.End
	}
	b.WriteString(render.SanitizeLine(text[last:]))
	return b.String()
}
