package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// resetPrompt is "R" in the reader (readerModel.key): a confirmation that
// says what resetting the chapter takes away; nothing is reset before the
// learner says yes.
type resetPrompt struct{ id string }

// key answers the confirmation. "y" queues the reset (one transaction,
// through the saver, after this tutor's own queued saves; the context's
// resetChapter) and shows the chapter from the top; the records move to a
// backup inside the progress file, which `backend-tutor reset --undo`
// brings back.
func (p *resetPrompt) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	switch {
	case key.Matches(msg, c.keys.ConfirmReset):
		return c.resetChapter(p.id), nav{to: readerScreen, chapter: p.id, line: 0}
	case key.Matches(msg, c.keys.Keep):
		return nil, nav{to: readerScreen, back: true}
	}
	return nil, nav{}
}

func (p *resetPrompt) view(c *programContext) page {
	ch, _ := c.course.Chapter(p.id)
	w := max(20, min(c.width-4, 78))
	body := strings.Join([]string{
		"",
		c.st.Wrong.Render(hang("  ", fmt.Sprintf("Reset %q?", render.SanitizeLine(ch.Title)), w)),
		"",
		hang("  ", "This clears "+courserules.ResetLoss(c.records[p.id])+".", w),
		"",
		// The undo command on a line of its own: wrapped in the sentence
		// it broke at "--" ("reset --" / "undo"), copied as two pieces.
		hang("  ", "They move to a backup inside your progress file; this brings them back:", w),
		"    backend-tutor reset --undo",
		"",
		hang("  ", "Press y to reset, esc (or n) to keep them.", w),
	}, "\n")
	return page{header: "Reset · " + render.SanitizeLine(ch.Title), body: body}
}

// resetChapter forgets chapter id's records (the context's resetChapter):
// the reset is queued, and home and Continue no longer offer its quiz.
func (m *Model) resetChapter(id string) tea.Cmd {
	delete(m.records, id)
	if m.last != nil && m.last.ChapterID == id {
		m.last.Screen = "chapter"
	}
	m.notice = "Chapter reset. `backend-tutor reset --undo` brings its progress back."
	return m.save(progress.Op{Kind: progress.OpReset, Chapter: id})
}
