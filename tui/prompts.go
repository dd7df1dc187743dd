package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/tui/render"
)

// The quiz's prompts: "resume the unfinished attempt?", "take a passed
// quiz again?", and a review session's summary. Each takes the
// programContext and answers a key with a nav (tui/nav.go); the reset
// confirmation is in resetscreen.go.

// resumePrompt offers to carry on with q, an unfinished attempt rebuilt as
// the learner left it (Model.resumeQuiz).
type resumePrompt struct{ q *quizModel }

// key: carry on (back to the quiz, finished at once if every question is
// answered), start over (the attempt is abandoned, the context's abandon,
// and a new one starts), or go home.
func (p *resumePrompt) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	switch {
	case key.Matches(msg, c.keys.Resume):
		return nil, nav{to: quizScreen, back: true}
	case key.Matches(msg, c.keys.Restart):
		return c.abandon(p.q), nav{to: quizScreen, chapter: p.q.ch.ID}
	case key.Matches(msg, c.keys.Back):
		return nil, nav{to: homeScreen}
	}
	return nil, nav{}
}

func (p *resumePrompt) view(c *programContext) page {
	q := p.q
	w := max(20, min(c.width-4, 78))
	body := strings.Join([]string{
		"",
		hang("  ", fmt.Sprintf("You have an unfinished quiz for %q: %d of %d questions answered.",
			render.SanitizeLine(q.ch.Title), len(q.answers), len(q.questions)), w),
		"",
		hang("  ", "Press enter (or r) to carry on where you stopped, s to start over with freshly shuffled options, or esc to go back.", w),
	}, "\n")
	return page{header: "Quiz · " + render.SanitizeLine(q.ch.Title), body: body}
}

// retakePrompt asks before a passed quiz is taken again: a stray "t"
// should not start an attempt.
type retakePrompt struct {
	id   string // the passed chapter
	from screen // where "no" goes back to
}

func (p *retakePrompt) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	switch {
	case key.Matches(msg, c.keys.Again):
		return nil, nav{to: quizScreen, chapter: p.id}
	case key.Matches(msg, c.keys.NotNow):
		return nil, nav{to: p.from, back: true}
	}
	return nil, nav{}
}

func (p *retakePrompt) view(c *programContext) page {
	ch, _ := c.course.Chapter(p.id)
	rec := c.records[p.id]
	w := max(20, min(c.width-4, 78))
	body := strings.Join([]string{
		"",
		c.st.Right.Render(hang("  ", fmt.Sprintf("✓ You passed this quiz: your best score is %d%%.", rec.BestScore), w)),
		"",
		hang("  ", "Take it again? A new attempt has freshly shuffled options; your best score stays. Press enter (or y) to start, esc (or n) to go back.", w),
	}, "\n")
	return page{header: "Quiz · " + render.SanitizeLine(ch.Title), body: body}
}

// reviewSummary is a review session's summary (nil: nothing was due).
type reviewSummary struct{ r *reviewSession }

// key: any of enter, esc, q goes home (and the root ends the session).
func (s reviewSummary) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	if key.Matches(msg, c.keys.Home) || key.Matches(msg, c.keys.Back) {
		return nil, nav{to: homeScreen}
	}
	return nil, nav{}
}

func (s reviewSummary) view(c *programContext) page {
	r := s.r
	var b strings.Builder
	st := c.st
	// Wrapped, not left to the frame, which cuts a long line with "…"
	// (at 60 columns "come back here when they …").
	w := c.width - 2
	if r == nil || len(r.items) == 0 {
		b.WriteString(hang("  ", "Nothing to review right now.", w) + "\n\n")
		b.WriteString(st.Subtle.Render(hang("  ", "Questions you answer in quizzes come back here when they are due.", w)))
	} else {
		n := r.right + r.wrong
		b.WriteString(hang("  ", fmt.Sprintf("You reviewed %d %s: %d right, %d to practise again.", n, plural(n, "question", "questions"), r.right, r.wrong), w) + "\n\n")
		if r.wrong > 0 {
			b.WriteString(st.Subtle.Render(hang("  ", "The ones you missed come back tomorrow.", w)) + "\n")
		}
		if c.reviewDue > 0 {
			b.WriteString(hang("  ", fmt.Sprintf("%d more due today.", c.reviewDue), w) + "\n")
		}
	}
	b.WriteString("\n" + st.Selected.Render(hang("  ", "Press enter to go home.", w)))
	return page{header: "Review done", body: b.String()}
}
