package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// noticeMost is how many lines home's notice of changes takes at most
// (a heading, then a chapter a line, the last saying how many more).
const noticeMost = 4

// noticeChanges works out, at start-up, what changed in the course since
// the learner last studied it and home has not said yet: shown above the
// chapter list until the next key, and remembered at once (one
// progress.OpNoticed naming every chapter, through the saver) so it is
// said once.
func (m *Model) noticeChanges(questions map[string]map[string]progress.QuestionSummary) tea.Cmd {
	changes := courserules.Changes(m.course, m.records, questions)
	if len(changes) == 0 {
		return nil
	}
	m.changes = courserules.NoticeLines(changes, noticeMost)
	if m.store == nil {
		return nil // no file: nothing to remember it in
	}
	op, ok := courserules.NoticedOp(changes)
	if !ok {
		return nil
	}
	for _, n := range op.Noticed {
		rec := m.records[n.Chapter]
		rec.Noticed = n.Hash
		m.records[n.Chapter] = rec
	}
	return m.save(op)
}

// noticeView is the notice as home shows it, wrapped to the width, with
// the blank line that parts it from the list; "" when there is none.
func noticeView(c *programContext) string {
	if len(c.changes) == 0 {
		return ""
	}
	var b strings.Builder
	for i, l := range c.changes {
		text := hang("  ", render.SanitizeLine(l), c.width-1)
		if i == 0 {
			text = c.st.Selected.Render(text)
		}
		b.WriteString(text + "\n")
	}
	return b.String() + "\n"
}

// dropNotice ends the notice (a key was pressed): the list gets its rows back.
func (m *Model) dropNotice() {
	if len(m.changes) > 0 {
		m.changes = nil
		m.home.resize(m.context())
	}
}
