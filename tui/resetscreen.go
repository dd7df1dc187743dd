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
	header := "Reset · " + render.SanitizeLine(ch.Title)
	paras := [][]string{
		strings.Split(c.st.Wrong.Render(hang("  ", fmt.Sprintf("Reset %q?", render.SanitizeLine(ch.Title)), w)), "\n"),
		strings.Split(hang("  ", "This clears "+courserules.ResetLoss(c.records[p.id])+".", w), "\n"),
		// The undo command on a line of its own: wrapped in the sentence
		// it broke at "--" ("reset --" / "undo"), copied as two pieces.
		// Both sentences are one line at 40 columns.
		{"  A backup keeps them. To undo:", "    backend-tutor reset --undo"},
		{"  Press y to reset, n to keep them."},
	}
	return page{header: header, body: fitReset(paras, c.bodyHeightUnder(header))}
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
