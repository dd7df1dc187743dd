package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// resultsModel is the end of a quiz: score, pass or not, and what was missed.
type resultsModel struct {
	ch     *content.Chapter
	idx    int
	right  int
	total  int
	score  int
	passed bool
	missed []*content.Question
	given  map[string][]string
	shown  map[string][]int // each question's option order on screen
	vp     viewport.Model

	uid       string              // the attempt's UID
	questions []*content.Question // as asked
	ids       map[string]string   // question id → id of its answer, to mark those not saved yet

	missedOnly bool               // the end of a retry of the missed questions: no score kept
	history    []progress.Attempt // reopened ("l"): the chapter's finished attempts, oldest first
	// changedSince: reopened, the quiz changed since the attempt: its
	// score is the one it earned, not a count of today's questions
	changedSince bool
	earlier      map[string]bool // reopened: questions answered in an earlier version (edited since)
}

func newResults(c *programContext, q *quizModel, right, score int, passed bool) *resultsModel {
	r := &resultsModel{
		ch: q.ch, idx: c.course.Index(q.ch.ID), right: right, total: len(q.questions),
		score: score, passed: passed, uid: q.att.uid, questions: q.questions, shown: q.shuffles,
		missedOnly: q.missedOnly,
	}
	r.tally(q.answers)
	r.vp = viewport.New(viewport.WithWidth(c.width), viewport.WithHeight(c.bodyHeight()))
	r.vp.KeyMap = viewport.KeyMap{}
	r.resize(c)
	return r
}

// tally lists the missed questions from each question's answer.
func (r *resultsModel) tally(answers map[string]answered) {
	r.missed, r.given, r.ids = nil, map[string][]string{}, map[string]string{}
	for _, qu := range r.questions {
		a := answers[qu.ID]
		r.ids[qu.ID] = a.id
		if !a.correct {
			r.missed = append(r.missed, qu)
			r.given[qu.ID] = a.given
		}
	}
}

// fromAttempt shows the attempt as the file holds it once finished: each
// question's last answer, which may come from another tutor on the same
// attempt.
func (r *resultsModel) fromAttempt(c *programContext, a progress.Attempt) {
	answers := answersFrom(r.ch, a)
	r.right = 0
	for _, qu := range r.questions {
		if answers[qu.ID].correct {
			r.right++
		}
	}
	r.score = content.Score(r.right, r.total)
	r.passed = r.ch.Quiz.Passed(r.score)
	r.tally(answers)
	r.resize(c)
}

// unsaved counts this quiz's answers not written yet.
func (r *resultsModel) unsaved(c *programContext) int {
	n := 0
	for _, id := range r.ids {
		if id != "" && c.unsaved[id] {
			n++
		}
	}
	return n
}

func (r *resultsModel) resize(c *programContext) {
	r.vp.SetWidth(c.width)
	r.vp.SetHeight(c.bodyHeightUnder(r.header()))
	r.vp.SetContent(r.content(c))
}

func (r *resultsModel) content(c *programContext) string {
	st := c.st
	w := max(20, min(c.width-4, 90))
	var b strings.Builder
	switch {
	case r.missedOnly:
		fmt.Fprintf(&b, "  Missed questions again: you got %d of %d right.\n\n", r.right, r.total)
	case r.changedSince:
		b.WriteString(hang("  ", fmt.Sprintf("This attempt scored %d%%. The quiz has changed since: %d of its %d questions count as right now.",
			r.score, r.right, r.total), w) + "\n\n")
	default:
		fmt.Fprintf(&b, "  You got %d of %d right: %d%%.\n\n", r.right, r.total, r.score)
	}
	if n := r.unsaved(c); n > 0 {
		b.WriteString(st.Wrong.Render(fmt.Sprintf("  %d of these answers %s not saved yet (marked below when missed); the tutor keeps trying.",
			n, plural(n, "is", "are"))))
		b.WriteString("\n\n")
	}
	switch {
	case r.missedOnly:
		b.WriteString(hang("  ", "This retry is practice: your score, attempts and pass stay as they were.", w))
	case r.passed:
		b.WriteString(st.Right.Render(fmt.Sprintf("  ✓ Passed (the pass mark is %d%%).", r.ch.Quiz.PassMark)))
	default:
		b.WriteString(st.Wrong.Render(fmt.Sprintf("  ✗ Not passed yet: the pass mark is %d%% (%d of %d right).",
			r.ch.Quiz.PassMark, courserules.Needed(r.ch.Quiz.PassMark, r.total), r.total)))
	}
	b.WriteString("\n\n")
	b.WriteString(r.historyText(c))
	if len(r.missed) == 0 {
		b.WriteString("  You answered every question correctly.\n\n")
	} else {
		b.WriteString(st.Title.Render("  Questions to review") + "\n\n")
		b.WriteString(hang("  ", "m: retry the missed questions · r: retake the whole quiz", w) + "\n\n")
		for i, qu := range r.missed {
			b.WriteString(hang(fmt.Sprintf("  %d. ", i+1), st.Selected.Render(c.inline(render.SanitizeLine(qu.Prompt))), w))
			b.WriteString("\n")
			given := r.givenText(c, qu)
			switch {
			case given == "" && r.earlier[qu.ID]:
				given = "(you answered an earlier version of this question)"
			case given == "":
				given = "(no answer)"
			}
			if id := r.ids[qu.ID]; id != "" && c.unsaved[id] {
				given += " (not saved yet)"
			}
			b.WriteString(hang("     You answered: ", given, w))
			b.WriteString("\n")
			b.WriteString(answerText(c.inline, qu, r.shown[qu.ID], "     ", w))
			b.WriteString("\n")
			b.WriteString(wrapped(st.Explanation.Width(w).PaddingLeft(5), c.inline(qu.Explanation)))
			b.WriteString("\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// givenText is what the learner gave, sanitised: the options they picked
// rendered as "The answer" renders them (options are markdown: "`POST`"
// showed its backticks beside "The answer: GET"); a typed answer as typed.
func (r *resultsModel) givenText(c *programContext, qu *content.Question) string {
	given := r.given[qu.ID]
	if qu.Input() == content.Text {
		return render.SanitizeLine(strings.Join(given, qu.GivenSeparator()))
	}
	shown := make([]string, len(given))
	for i, g := range given {
		shown[i] = c.inline(render.SanitizeLine(g))
	}
	return strings.Join(shown, qu.GivenSeparator())
}

// key: take the quiz again (a new attempt), ask the missed questions
// again, or go to the chapter, the next one or home.
func (r *resultsModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Retry):
		return nil, nav{to: quizScreen, chapter: r.ch.ID}
	case key.Matches(msg, k.RetryMissed) && len(r.missed) > 0:
		return nil, nav{to: quizScreen, retry: r}
	case msg.String() == "c":
		return nil, nav{to: readerScreen, chapter: r.ch.ID, line: -1}
	case key.Matches(msg, k.NextChapter):
		if r.idx+1 < len(c.course.Chapters) {
			return nil, nav{to: readerScreen, chapter: c.course.Chapters[r.idx+1].ID, line: 0}
		}
	case key.Matches(msg, k.Back):
		return nil, nav{to: homeScreen}
	default:
		scrollKey(&r.vp, *k, msg)
	}
	return nil, nav{}
}

func (r *resultsModel) helpKeys(k *keyMap) helpKeys {
	chapter := key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "back to the chapter"))
	next := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next chapter"))
	home := key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "chapter list"))
	retry := k.Retry
	if r.missedOnly {
		retry = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retake the whole quiz"))
	}
	short := []key.Binding{retry, chapter, next, k.Help, home}
	full := []key.Binding{retry, chapter, next, home}
	if len(r.missed) > 0 {
		short = append([]key.Binding{retry, k.RetryMissed}, short[1:]...)
		full = append([]key.Binding{k.RetryMissed}, full...)
	}
	return helpKeys{short: short, full: [][]key.Binding{full, {k.Up, k.Down, k.PageDown, k.PageUp, k.Quit}}}
}

// header names the chapter; frame wraps a title too long for the window.
func (r *resultsModel) header() string {
	what := "Results"
	switch {
	case r.missedOnly:
		what = "Missed questions · Results"
	case r.history != nil:
		what = "Last result"
	}
	return fmt.Sprintf("%s · %s", what, render.SanitizeLine(r.ch.Title))
}

func (r *resultsModel) view(c *programContext) page {
	return page{header: r.header(), body: r.vp.View(), keys: r.helpKeys(c.keys).short, cue: moreCue(c.width, r.vp)}
}
