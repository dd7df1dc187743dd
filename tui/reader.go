package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// readerModel shows one chapter in a scrolling pager. The chapter is
// rendered by a command; until it arrives the reader shows a placeholder,
// and keys keep working.
type readerModel struct {
	ch      *content.Chapter
	idx     int
	vp      pager
	want    render.Key // the render the reader is waiting for or showing
	ready   bool       // the viewport holds the rendered chapter
	laidOut bool
	restore int         // line to scroll to once the render arrives; -1 none
	mark    *readerMark // a search match to highlight (tui/search.go)
	// The word that was at the top when a re-render at another width
	// moved the place (anchorAt: the offset it gave; -1 none). While the
	// reader has not scrolled since, the next re-render keeps that word,
	// not the first word of the line it landed on (which would slip back
	// up to a line on every resize).
	anchorWord, anchorAt int
	// restoreWord, with restore: the saved place in words above the top
	// line (progress.ChapterRecord.Word; 0 none), which holds at any
	// width; restore is used when it has this many words above it (the
	// width the place was saved at), else the line holding that word.
	restoreWord int

	furthest   int // percent
	seen       int // percent read past since the chapter was opened (clears "updated since you read it")
	savedLine  int
	savedWord  int
	savedFurth int
	scrollGen  int

	footer footerCache
}

// footerCache keeps the reader's key hints, which change only with the
// width and the colours, so a keystroke does not rebuild them.
type footerCache struct {
	width int
	dark  bool
	text  string
}

// openChapter shows chapter id at line (or at the saved line when line < 0).
func (m *Model) openChapter(id string, line int) tea.Cmd {
	return m.enter(nav{to: readerScreen, chapter: id, line: line})
}

// loadChapter makes the reader show chapter id at line (the reader's open
// in tui/nav.go); false for a chapter the course has not.
func (m *Model) loadChapter(id string, line int) (tea.Cmd, bool) {
	ch, ok := m.course.Chapter(id)
	if !ok {
		return nil, false
	}
	var cmds []tea.Cmd
	if m.screen == readerScreen && m.reader.ch != nil && m.reader.ch.ID != id {
		cmds = append(cmds, m.savePlace())
	}
	rec := m.records[id]
	word := 0
	if line < 0 {
		line, word = rec.Line, rec.Word
	}
	m.reader = readerModel{
		ch: ch, idx: m.course.Index(id), vp: pager{height: m.bodyHeight()}, restore: line, restoreWord: word, laidOut: true,
		footer:   m.reader.footer,
		furthest: rec.Furthest, savedLine: rec.Line, savedWord: rec.Word, savedFurth: rec.Furthest,
	}
	m.reader.resize(m.context()) // under its header, which may wrap
	m.last = &progress.Place{Screen: "chapter", ChapterID: id}
	cmds = append(cmds, m.save(progress.Op{Kind: progress.OpLast, Place: &progress.Place{Screen: "chapter", ChapterID: id}}))
	cmds = append(cmds, m.reader.rerender(m.context()))
	return tea.Batch(cmds...), true
}

func (r *readerModel) keyFor(c *programContext, ch *content.Chapter) render.Key {
	return render.Key{Chapter: ch.ID + "@" + ch.Hash, Width: render.WrapWidth(c.width), Style: c.style}
}

// rerender shows the chapter at the current width and style: at once from
// the cache, or by starting a render command.
func (r *readerModel) rerender(c *programContext) tea.Cmd {
	if r.ch == nil {
		return nil
	}
	k := r.keyFor(c, r.ch)
	if k == r.want && r.ready {
		return nil
	}
	r.want = k
	if out, ok := c.cache.Get(k); ok {
		r.setContent(c, out)
		return r.prerenderNext(c)
	}
	return c.render(k, r.ch.Body)
}

// prerenderNext renders the following chapter in the background, so "n"
// opens it without waiting.
func (r *readerModel) prerenderNext(c *programContext) tea.Cmd {
	if r.idx+1 >= len(c.course.Chapters) {
		return nil
	}
	next := c.course.Chapters[r.idx+1]
	k := r.keyFor(c, next)
	if _, ok := c.cache.Get(k); ok {
		return nil
	}
	return c.prefetch(k, next.Body)
}

func (r *readerModel) rendered(c *programContext, msg renderedMsg) tea.Cmd {
	if msg.key != r.want || c.screen != readerScreen && c.screen != quizScreen || errors.Is(msg.err, context.Canceled) {
		return nil // a pre-render, or a render nobody waits for any more
	}
	out := msg.out
	if msg.err != nil {
		// Fall back to the plain text rather than show nothing.
		out = lipgloss.NewStyle().Width(msg.key.Width).Padding(0, 2).Render(render.Sanitize(r.ch.Body))
		c.warn("This chapter could not be formatted, so it is shown as plain text: " + msg.err.Error())
	}
	r.setContent(c, out)
	return r.prerenderNext(c)
}

func (r *readerModel) setContent(c *programContext, out string) {
	oldLines, oldOffset := r.vp.lines, r.vp.YOffset()
	r.vp.SetContent(out + "\n\n" + r.endLine(c) + "\n")
	switch {
	case r.restore >= 0:
		// The saved line is exact at the width it was saved at; at another
		// width (another terminal) it is elsewhere in the text, and the
		// place is the line holding the saved word, kept as the anchor so
		// a resize before scrolling keeps that word too.
		at, w := r.restore, r.restoreWord
		if w > 0 && wordsIn(r.vp.lines[:min(at, len(r.vp.lines))]) != w {
			at = lineOfWord(r.vp.lines, w)
		}
		r.vp.SetYOffset(at)
		r.restore, r.restoreWord, r.anchorAt = -1, 0, -1
		if w > 0 {
			r.anchorWord, r.anchorAt = w, r.vp.YOffset()
		}
	case r.ready && len(oldLines) > 0:
		// a re-render at another width: keep the same place in the text,
		// the line holding the word that was at the top (an offset kept in
		// proportion slipped back a line or two on every resize)
		if r.anchorAt != oldOffset || oldOffset == 0 {
			r.anchorWord = wordsIn(oldLines[:oldOffset])
		}
		r.vp.SetYOffset(lineOfWord(r.vp.lines, r.anchorWord))
		r.anchorAt = r.vp.YOffset()
	default:
		r.anchorAt = -1
	}
	r.applyMark(c)
	r.ready = true
	// Where the chapter opens counts for how far it was ever read, but
	// not as read again: only the learner's own scrolling clears
	// "updated since you read it", never opening it.
	r.furthest = max(r.furthest, r.percent())
}

// wordsIn counts the words in rendered lines: tokens with a letter or a
// digit, so table borders and the ↩ of a cut code line, which change with
// the width, do not count.
func wordsIn(lines []string) int {
	n := 0
	for _, l := range lines {
		n += lineWords(l)
	}
	return n
}

func lineWords(l string) int {
	n := 0
	for _, f := range strings.Fields(ansi.Strip(l)) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// lineOfWord is the line holding word number k (from 0) of lines.
func lineOfWord(lines []string, k int) int {
	seen := 0
	for i, l := range lines {
		seen += lineWords(l)
		if seen > k {
			return i
		}
	}
	return len(lines)
}

func (r *readerModel) endLine(c *programContext) string {
	n := r.ch.QuestionCount()
	text := fmt.Sprintf("── End of chapter %d ──  ", r.idx+1)
	switch {
	case n > 0:
		text += fmt.Sprintf("Press t to take the quiz (%d questions)", n)
	case r.idx+1 < len(c.course.Chapters):
		text += "Press n for the next chapter"
	default:
		text += "This is the last chapter"
	}
	// Wrapped, not cut: at 60 columns the quiz's question count was lost.
	return c.st.Selected.Render(hang("  ", text, c.width-2))
}

func (r *readerModel) resize(c *programContext) {
	if r.ch == nil { // no chapter opened yet
		r.vp.SetHeight(c.bodyHeight())
		return
	}
	r.vp.SetHeight(c.bodyHeightUnder(r.header(c)))
}

// percent is how far through the chapter the bottom of the screen is.
func (r *readerModel) percent() int {
	if !r.ready {
		return 0
	}
	if r.vp.TotalLineCount() <= r.vp.Height() {
		return 100
	}
	return int(r.vp.ScrollPercent()*100 + 0.5)
}

func (r *readerModel) noteScroll() {
	r.furthest = max(r.furthest, r.percent())
	r.seen = max(r.seen, r.percent())
}

// key scrolls, or leaves with a nav: the reading position is queued
// first (Model.savePlace), so what the next screen reads of the records
// (the reset's "this clears ...") has it.
func (r *readerModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	var scrolled bool
	switch {
	case key.Matches(msg, k.Back):
		cmd := c.savePlace()
		if r.mark.fromSearch() { // opened from search: back to its results
			return cmd, nav{to: searchScreen, back: true}
		}
		if r.mark != nil && r.mark.stats && c.statsOpen { // back to the stats, read again
			return cmd, nav{to: statsScreen, back: true}
		}
		return cmd, nav{to: homeScreen}
	case key.Matches(msg, k.StartQuiz):
		cmd := c.savePlace()
		return tea.Batch(cmd, c.beginQuiz(r.ch.ID)), nav{}
	case key.Matches(msg, k.Filter):
		return c.savePlace(), nav{to: searchScreen}
	case key.Matches(msg, k.Outline):
		return nil, nav{to: outlineScreen}
	case key.Matches(msg, k.LastResult):
		cmd := c.savePlace()
		return tea.Batch(cmd, c.lastResult(r.ch.ID)), nav{}
	case key.Matches(msg, k.Reset):
		// a confirmation that says what resetting the chapter takes away
		// (tui/resetscreen.go); nothing is reset before the learner says yes
		cmd := c.savePlace()
		if courserules.ResetLoss(c.records[r.ch.ID]) == "" {
			c.say("Nothing to reset: this chapter has no progress yet.")
			return cmd, nav{}
		}
		return cmd, nav{to: resetScreen, chapter: r.ch.ID}
	case key.Matches(msg, k.NextChapter):
		if r.idx+1 < len(c.course.Chapters) {
			return nil, nav{to: readerScreen, chapter: c.course.Chapters[r.idx+1].ID, line: -1}
		}
		return nil, nav{}
	case key.Matches(msg, k.PrevChapter):
		if r.idx > 0 {
			return nil, nav{to: readerScreen, chapter: c.course.Chapters[r.idx-1].ID, line: -1}
		}
		return nil, nav{}
	default:
		scrolled = scrollKey(&r.vp, *k, msg)
	}
	if !scrolled || !r.ready {
		return nil, nav{}
	}
	r.noteScroll()
	// Save the position once scrolling pauses, not on every keystroke.
	r.scrollGen++
	gen := r.scrollGen
	return c.tick(time.Second, func(time.Time) tea.Msg { return scrollSettledMsg{gen} }), nav{}
}

// savePlace queues a save of the reader's position if it changed (the
// context's savePlace): the records keep the place at once, the file once
// the save runs.
func (m *Model) savePlace() tea.Cmd {
	r := &m.reader
	if r.ch == nil || !r.ready {
		return nil
	}
	line, furthest := r.vp.YOffset(), r.furthest
	word := r.topWord()
	op := courserules.ReadingOp(r.ch, line, furthest, r.seen)
	op.Word = word
	rec := m.records[r.ch.ID]
	sections := progress.ReadSections(rec.Sections, op.Sections, op.Passed)
	unchanged := line == r.savedLine && word == r.savedWord && furthest == r.savedFurth && sections == rec.Sections
	rec.ID, rec.Line, rec.Word, rec.Furthest, rec.ContentHash, rec.Sections = r.ch.ID, line, word, max(rec.Furthest, furthest), r.ch.Hash, sections
	m.records[r.ch.ID] = rec
	if unchanged && !m.spent.Waiting(r.ch.ID) {
		return nil
	}
	r.savedLine, r.savedWord, r.savedFurth = line, word, furthest
	return m.save(op)
}

// topWord is the reading place in words above the top line, which holds
// at any width: the word a resize kept at the top while the reader has not
// scrolled since (the first word of its line may be an earlier one), else
// the words of the lines above. Counted when the place is saved (after
// scrolling pauses, on leaving), never per keystroke.
func (r *readerModel) topWord() int {
	top := r.vp.YOffset()
	w := r.anchorWord
	if top == 0 || r.anchorAt != top {
		w = wordsIn(r.vp.lines[:top])
	}
	return min(w, progress.MaxWord)
}

// header names the chapter; frame wraps a title too long for the window.
func (r *readerModel) header(c *programContext) string {
	return fmt.Sprintf("Chapter %d of %d · %s", r.idx+1, len(c.course.Chapters), render.SanitizeLine(r.ch.Title))
}

// view's footer is the percentage read, then the key hints, kept until the
// width or the colours change (c.hints fits them).
func (r *readerModel) view(c *programContext) page {
	header := r.header(c)
	body := r.vp.View()
	if !r.ready {
		body = "\n  " + c.st.Subtle.Render("Formatting the chapter…")
	}
	if f := r.footer; f.text == "" || f.width != c.width || f.dark != c.st.isDark {
		r.footer = footerCache{width: c.width, dark: c.st.isDark, text: c.hints(c.width - 2 - ansi.StringWidth("100% · "))}
	}
	return page{header: header, body: body, footer: fmt.Sprintf("%3d%% · %s", r.percent(), r.footer.text)}
}

// pager is the reader's scrolling window over the rendered chapter. It
// keeps the chapter as lines and a frame joins only the visible ones: no
// per-line restyling, so a keystroke costs what the screen costs, not what
// the chapter costs (a bubbles viewport re-renders every visible line
// through lipgloss, about 0.2 ms a frame). Its methods behave like the
// viewport's of the same name. Lines wider than the window are cut by
// frame; rendered lines never are (render fits them to the wrap width).
type pager struct {
	lines  []string
	height int
	offset int
}

// SetContent replaces the text; the offset stays where it is if it can.
func (p *pager) SetContent(s string) {
	p.lines = strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if len(p.lines) == 1 && p.lines[0] == "" {
		p.lines = nil
	}
	p.SetYOffset(p.offset)
}

func (p *pager) SetHeight(h int) {
	p.height = max(0, h)
	p.SetYOffset(p.offset)
}

func (p pager) Height() int         { return p.height }
func (p pager) TotalLineCount() int { return len(p.lines) }
func (p pager) YOffset() int        { return p.offset }
func (p pager) maxYOffset() int     { return max(0, len(p.lines)-p.height) }
func (p pager) AtBottom() bool      { return p.offset >= p.maxYOffset() }

func (p *pager) SetYOffset(n int) { p.offset = min(max(n, 0), p.maxYOffset()) }
func (p *pager) ScrollDown(n int) { p.SetYOffset(p.offset + n) }
func (p *pager) ScrollUp(n int)   { p.SetYOffset(p.offset - n) }
func (p *pager) PageDown()        { p.ScrollDown(p.height) }
func (p *pager) PageUp()          { p.ScrollUp(p.height) }
func (p *pager) HalfPageDown()    { p.ScrollDown(p.height / 2) }
func (p *pager) HalfPageUp()      { p.ScrollUp(p.height / 2) }
func (p *pager) GotoTop()         { p.SetYOffset(0) }
func (p *pager) GotoBottom()      { p.SetYOffset(p.maxYOffset()) }

// ScrollPercent is how far down the text the window is, 0 to 1.
func (p pager) ScrollPercent() float64 {
	if p.height >= len(p.lines) {
		return 1
	}
	return min(1, max(0, float64(p.offset)/float64(len(p.lines)-p.height)))
}

// View is the visible lines, no more: frame pads the body to its height.
func (p pager) View() string {
	end := min(len(p.lines), p.offset+p.height)
	if p.offset >= end {
		return ""
	}
	return strings.Join(p.lines[p.offset:end], "\n")
}
