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
	header := "Reset · " + render.SanitizeLine(ch.Title)
	paras := [][]string{
		strings.Split(m.st.Wrong.Render(hang("  ", fmt.Sprintf("Reset %q?", render.SanitizeLine(ch.Title)), w)), "\n"),
		strings.Split(hang("  ", "This clears "+courserules.ResetLoss(m.records[m.resetting])+".", w), "\n"),
		// The undo command on a line of its own: wrapped in the sentence
		// it broke at "--" ("reset --" / "undo"), copied as two pieces.
		// Both sentences are one line at 40 columns.
		{"  A backup keeps them. To undo:", "    backend-tutor reset --undo"},
		{"  Press y to reset, n to keep them."},
	}
	return m.frame(header, fitReset(paras, m.bodyHeightUnder(header)), m.shortHelp(m.screenKeys()))
}

// fitReset lays the confirmation's paragraphs out in rows lines, a blank
// line above each (the cursor's promptRow is the first text line). The
// walk at 40×12 found the undo command and "Press y" cut off the bottom:
// when they do not fit, the blank lines between paragraphs go, then the
// lines of what is cleared (the second paragraph) from its end, "…" —
// the question, the undo command and the prompt always show.
func fitReset(paras [][]string, rows int) string {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	if n+len(paras) <= rows {
		var out []string
		for _, p := range paras {
			out = append(append(out, ""), p...)
		}
		return strings.Join(out, "\n")
	}
	if over := n + 1 - rows; over > 0 {
		loss := paras[1]
		keep := max(1, len(loss)-over)
		if keep < len(loss) {
			loss = append(loss[:keep-1:keep-1], strings.TrimRight(loss[keep-1], " .")+" …")
		}
		paras[1] = loss
	}
	out := []string{""}
	for _, p := range paras {
		out = append(out, p...)
	}
	return strings.Join(out, "\n")
}
