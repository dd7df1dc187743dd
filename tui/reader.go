package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"backend-tutor/content"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// readerModel shows one chapter in a scrolling viewport. The chapter is
// rendered by a command; until it arrives the reader shows a placeholder,
// and keys keep working.
type readerModel struct {
	ch      *content.Chapter
	idx     int
	vp      viewport.Model
	want    render.Key // the render the reader is waiting for or showing
	ready   bool       // the viewport holds the rendered chapter
	laidOut bool
	restore int // line to scroll to once the render arrives; -1 none

	furthest   int // percent
	savedLine  int
	savedFurth int
	scrollGen  int
}

// openChapter shows chapter id at line (or at the saved line when line < 0).
func (m *Model) openChapter(id string, line int) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok {
		return nil
	}
	var cmds []tea.Cmd
	if m.screen == readerScreen && m.reader.ch != nil && m.reader.ch.ID != id {
		cmds = append(cmds, m.reader.savePosition(m))
	}
	rec := m.records[id]
	if line < 0 {
		line = rec.Line
	}
	vp := viewport.New(viewport.WithWidth(m.width), viewport.WithHeight(m.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{} // keys are routed by the reader, not the viewport
	m.reader = readerModel{
		ch: ch, idx: m.course.Index(id), vp: vp, restore: line, laidOut: true,
		furthest: rec.Furthest, savedLine: rec.Line, savedFurth: rec.Furthest,
	}
	m.screen = readerScreen
	m.last = &progress.Place{Screen: "chapter", ChapterID: id}
	cmds = append(cmds, m.saver.enqueue(func() tea.Msg {
		return saveErrMsg{m.store.SaveLast(progress.Place{Screen: "chapter", ChapterID: id})}
	}))
	cmds = append(cmds, m.reader.rerender(m))
	return tea.Batch(cmds...)
}

func (r *readerModel) keyFor(m *Model, ch *content.Chapter) render.Key {
	return render.Key{Chapter: ch.ID + "@" + ch.Hash, Width: render.WrapWidth(m.width), Style: m.style}
}

// rerender shows the chapter at the current width and style: at once from
// the cache, or by starting a render command.
func (r *readerModel) rerender(m *Model) tea.Cmd {
	if r.ch == nil {
		return nil
	}
	k := r.keyFor(m, r.ch)
	if k == r.want && r.ready {
		return nil
	}
	r.want = k
	if out, ok := m.cache.Get(k); ok {
		r.setContent(m, out)
		return r.prerenderNext(m)
	}
	return renderCmd(m.cache, k, r.ch.Body)
}

func renderCmd(cache *render.Cache, k render.Key, md string) tea.Cmd {
	return func() tea.Msg {
		out, err := cache.Render(k, md)
		return renderedMsg{key: k, out: out, err: err}
	}
}

// prerenderNext renders the following chapter in the background, so "n"
// opens it without waiting.
func (r *readerModel) prerenderNext(m *Model) tea.Cmd {
	if r.idx+1 >= len(m.course.Chapters) {
		return nil
	}
	next := m.course.Chapters[r.idx+1]
	k := r.keyFor(m, next)
	if _, ok := m.cache.Get(k); ok {
		return nil
	}
	return renderCmd(m.cache, k, next.Body)
}

func (r *readerModel) rendered(m *Model, msg renderedMsg) tea.Cmd {
	if msg.key != r.want || m.screen != readerScreen && m.screen != quizScreen {
		return nil // a pre-render, or a render nobody waits for any more
	}
	out := msg.out
	if msg.err != nil {
		// Fall back to the plain text rather than show nothing.
		out = lipgloss.NewStyle().Width(msg.key.Width).Padding(0, 2).Render(render.Sanitize(r.ch.Body))
		m.warning = "This chapter could not be formatted, so it is shown as plain text: " + msg.err.Error()
	}
	r.setContent(m, out)
	return r.prerenderNext(m)
}

func (r *readerModel) setContent(m *Model, out string) {
	oldTotal, oldOffset := r.vp.TotalLineCount(), r.vp.YOffset()
	r.vp.SetContent(out + "\n\n" + r.endLine(m) + "\n")
	switch {
	case r.restore >= 0:
		r.vp.SetYOffset(r.restore)
		r.restore = -1
	case r.ready && oldTotal > 0:
		// a re-render at another width: keep the same place in the text
		r.vp.SetYOffset(oldOffset * r.vp.TotalLineCount() / oldTotal)
	}
	r.ready = true
	r.noteScroll()
}

func (r *readerModel) endLine(m *Model) string {
	n := r.ch.QuestionCount()
	text := fmt.Sprintf("── End of chapter %d ──  ", r.idx+1)
	switch {
	case n > 0:
		text += fmt.Sprintf("Press t to take the quiz (%d questions)", n)
	case r.idx+1 < len(m.course.Chapters):
		text += "Press n for the next chapter"
	default:
		text += "This is the last chapter"
	}
	return "  " + m.st.Selected.Render(text)
}

func (r *readerModel) resize(m *Model) {
	r.vp.SetWidth(m.width)
	r.vp.SetHeight(m.bodyHeight())
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
}

func (r *readerModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	scrolled := true
	switch {
	case key.Matches(msg, k.Back):
		cmd := r.savePosition(m)
		m.screen = homeScreen
		m.home.refresh(m)
		return cmd
	case key.Matches(msg, k.StartQuiz):
		cmd := r.savePosition(m)
		return tea.Batch(cmd, m.beginQuiz(r.ch.ID))
	case key.Matches(msg, k.NextChapter):
		if r.idx+1 < len(m.course.Chapters) {
			return m.openChapter(m.course.Chapters[r.idx+1].ID, -1)
		}
		return nil
	case key.Matches(msg, k.PrevChapter):
		if r.idx > 0 {
			return m.openChapter(m.course.Chapters[r.idx-1].ID, -1)
		}
		return nil
	case key.Matches(msg, k.Up):
		r.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		r.vp.ScrollDown(1)
	case key.Matches(msg, k.PageDown):
		r.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		r.vp.PageUp()
	case key.Matches(msg, k.HalfDown):
		r.vp.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		r.vp.HalfPageUp()
	case key.Matches(msg, k.Top):
		r.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		r.vp.GotoBottom()
	default:
		scrolled = false
	}
	if !scrolled || !r.ready {
		return nil
	}
	r.noteScroll()
	// Save the position once scrolling pauses, not on every keystroke.
	r.scrollGen++
	gen := r.scrollGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return scrollSettledMsg{gen} })
}

// savePosition queues a save of the reading position if it changed.
func (r *readerModel) savePosition(m *Model) tea.Cmd {
	if r.ch == nil || !r.ready {
		return nil
	}
	line, furthest := r.vp.YOffset(), r.furthest
	rec := m.records[r.ch.ID]
	rec.ID, rec.Line, rec.Furthest, rec.ContentHash = r.ch.ID, line, max(rec.Furthest, furthest), r.ch.Hash
	m.records[r.ch.ID] = rec
	if line == r.savedLine && furthest == r.savedFurth {
		return nil
	}
	r.savedLine, r.savedFurth = line, furthest
	id, hash := r.ch.ID, r.ch.Hash
	return m.saver.enqueue(func() tea.Msg {
		return saveErrMsg{m.store.SaveReading(id, hash, line, furthest)}
	})
}

func (r *readerModel) view(m *Model) string {
	header := fmt.Sprintf("Chapter %d of %d · %s", r.idx+1, len(m.course.Chapters), render.SanitizeLine(r.ch.Title))
	body := r.vp.View()
	if !r.ready {
		body = "\n  " + m.st.Subtle.Render("Formatting the chapter…")
	}
	footer := fmt.Sprintf("%3d%% · %s", r.percent(), m.shortHelp(m.screenKeys()))
	return m.frame(header, body, footer)
}
