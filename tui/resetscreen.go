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

// askReset is "R" in the reader: a confirmation that says what resetting
// the chapter takes away. Nothing is reset before the learner says yes.
func (m *Model) askReset(id string) tea.Cmd {
	if courserules.ResetLoss(m.records[id]) == "" {
		m.notice = "Nothing to reset: this chapter has no progress yet."
		return nil
	}
	m.resetting = id
	return m.enter(nav{to: resetScreen})
}

// resetKey answers the confirmation. "y" queues the reset (one transaction,
// through the saver, after this tutor's own queued saves) and shows the
// chapter from the top; the records move to a backup inside the progress
// file, which `backend-tutor reset --undo` brings back.
func (m *Model) resetKey(msg tea.KeyPressMsg) tea.Cmd {
	yes, no := m.keys.ConfirmReset, m.keys.Keep
	id := m.resetting
	switch {
	case key.Matches(msg, yes):
		delete(m.records, id)
		if m.last != nil && m.last.ChapterID == id {
			m.last.Screen = "chapter"
		}
		m.resetting = ""
		save := m.save(progress.Op{Kind: progress.OpReset, Chapter: id})
		cmd := m.openChapter(id, 0)
		m.notice = "Chapter reset. `backend-tutor reset --undo` brings its progress back."
		return tea.Batch(save, cmd)
	case key.Matches(msg, no):
		m.resetting = ""
		return m.enter(nav{to: readerScreen, back: true})
	}
	return nil
}

func (m *Model) resetView() string {
	ch, _ := m.course.Chapter(m.resetting)
	w := max(20, min(m.width-4, 78))
	body := strings.Join([]string{
		"",
		m.st.Wrong.Render(hang("  ", fmt.Sprintf("Reset %q?", render.SanitizeLine(ch.Title)), w)),
		"",
		hang("  ", "This clears "+courserules.ResetLoss(m.records[m.resetting])+".", w),
		"",
		// The undo command on a line of its own: wrapped in the sentence
		// it broke at "--" ("reset --" / "undo"), copied as two pieces.
		hang("  ", "They move to a backup inside your progress file; this brings them back:", w),
		"    backend-tutor reset --undo",
		"",
		hang("  ", "Press y to reset, esc (or n) to keep them.", w),
	}, "\n")
	return m.frame("Reset · "+render.SanitizeLine(ch.Title), body, m.shortHelp(m.screenKeys()))
}
