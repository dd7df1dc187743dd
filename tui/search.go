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

// openSearch shows the search screen, building the index on first use.
func (m *Model) openSearch() tea.Cmd {
	var cmd tea.Cmd
	if m.search == nil {
		in := textinput.New()
		in.Prompt = "/ "
		in.Placeholder = "search chapters, glossary and questions"
		in.CharLimit = 200
		in.SetVirtualCursor(true)
		ist := in.Styles()
		ist.Cursor.Blink = false // a steady cursor, as in typed answers
		in.SetStyles(ist)
		m.search = &searchModel{input: in}
		course := m.course
		cmd = func() tea.Msg { return searchIndexMsg{search.New(course)} }
	}
	m.search.input.SetWidth(max(10, m.width-6))
	m.search.back = m.screen
	m.screen = searchScreen
	return tea.Batch(cmd, m.search.input.Focus())
}

func (s *searchModel) indexed(m *Model, msg searchIndexMsg) tea.Cmd {
	s.ix = msg.ix
	s.run(m, true)
	if s.pending && m.screen == searchScreen && len(s.results) > 0 {
		s.pending = false
		return m.openResult(s.results[0], s.query)
	}
	return nil
}

// run searches again if the query changed (or force).
func (s *searchModel) run(m *Model, force bool) {
	q := s.input.Value()
	if (q == s.query && !force) || s.ix == nil {
		return
	}
	s.query = q
	s.results, s.total = s.ix.Top(q, searchLimit)
	s.cursor, s.offset = 0, 0
}

func (s *searchModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	page := max(1, s.visible(m)-1)
	switch {
	case key.Matches(msg, k.Close):
		m.screen = s.back
		if s.back == homeScreen {
			m.home.refresh(m)
		}
		return nil
	case key.Matches(msg, k.Open):
		s.pending = s.ix == nil
		if s.cursor < len(s.results) {
			return m.openResult(s.results[s.cursor], s.query)
		}
		return nil
	case key.Matches(msg, k.ResultUp):
		s.move(m, -1)
	case key.Matches(msg, k.ResultDown):
		s.move(m, 1)
	case key.Matches(msg, k.ResultPageUp):
		s.move(m, -page)
	case key.Matches(msg, k.ResultPageDown):
		s.move(m, page)
	default:
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		composeInput(&s.input)
		s.run(m, false)
		return cmd
	}
	return nil
}

// paste puts pasted text into the query, as one sanitised line.
func (s *searchModel) paste(m *Model, msg tea.PasteMsg) tea.Cmd {
	msg.Content = render.SanitizeLine(msg.Content)
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	composeInput(&s.input)
	s.run(m, false)
	return cmd
}

func (s *searchModel) move(m *Model, by int) {
	s.cursor = min(max(0, s.cursor+by), max(0, len(s.results)-1))
	vis := s.visible(m)
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+vis {
		s.offset = s.cursor - vis + 1
	}
}

// visible is how many results fit under the query box and the count line.
func (s *searchModel) visible(m *Model) int {
	return max(1, (m.bodyHeight()-2)/searchRows)
}

func (s *searchModel) resize(m *Model) {
	s.input.SetWidth(max(10, m.width-6))
	s.move(m, 0)
}

func (s *searchModel) view(m *Model) string {
	var b strings.Builder
	b.WriteString(" " + s.input.View() + "\n")
	switch {
	case s.ix == nil:
		b.WriteString("  " + m.st.Subtle.Render("Preparing the search…"))
	case strings.TrimSpace(s.query) == "":
		b.WriteString("  " + m.st.Subtle.Render("Type a word: chapter text, headings, the glossary and quiz questions are searched."))
	case len(s.results) == 0:
		b.WriteString("  " + m.st.Subtle.Render("No matches. Try a shorter word."))
	default:
		count := fmt.Sprintf("%d matches", s.total)
		switch {
		case s.total == 1:
			count = "1 match"
		case s.total > len(s.results):
			count += fmt.Sprintf(", the best %d shown", len(s.results))
		}
		b.WriteString("  " + m.st.Subtle.Render(count))
		width := max(10, m.width-4)
		end := min(len(s.results), s.offset+s.visible(m))
		for i := s.offset; i < end; i++ {
			r := s.results[i]
			cursor, placeStyle := "  ", m.st.Faint
			if i == s.cursor {
				cursor, placeStyle = m.st.Cursor.Render("› "), m.st.Selected
			}
			place := placeStyle.Render(resultPlace(m.course, r, width))
			text, spans := search.Plain(r.Text, r.Spans) // as the reader shows it: no ** or `
			text, spans = search.Snippet(text, spans, width)
			line := ansi.Truncate(MarkMatches(text, spans, true), width, "…") // a tab's 4 spaces
			b.WriteString("\n" + cursor + place + "\n  " + line)
		}
	}
	footer := m.shortHelp(helpKeys{short: []key.Binding{m.keys.ResultDown, m.keys.Open, m.keys.Close}})
	return m.frame("Search", b.String(), footer)
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
func (m *Model) openResult(r search.Result, query string) tea.Cmd {
	m.search.back = homeScreen // the reader's esc comes back here; esc again is home
	switch r.Kind {
	case search.Glossary:
		cmd := m.openGlossary()
		m.glossary.showTerm(m, r.Heading, query)
		return cmd
	case search.Question:
		cmd := m.openChapter(r.ChapterID, 1<<30)
		m.reader.mark = &readerMark{search: true} // nothing to highlight; esc still returns to the results
		return cmd
	}
	ch, ok := m.course.Chapter(r.ChapterID)
	if !ok {
		return nil
	}
	cmd := m.openChapter(r.ChapterID, -1)
	m.reader.mark = newMark(ch, r.Line, query)
	m.reader.mark.search = true
	if m.reader.ready { // served from the render cache already
		m.reader.applyMark(m)
	}
	return cmd
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
func (r *readerModel) applyMark(m *Model) {
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
		r.vp.lines[i] = lipgloss.StyleRanges(r.vp.lines[i], lipgloss.NewRange(from, to, m.st.Match))
	}
	if mk.scroll && first >= 0 {
		r.vp.SetYOffset(first - r.vp.height/3)
	}
}

// showTerm highlights the query in a term's entry and scrolls the
// glossary to it.
func (g *glossaryModel) showTerm(m *Model, term, query string) {
	g.term, g.query = term, query
	g.resize(m)
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
