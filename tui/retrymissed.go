package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

// retryMissed is "m" on the results: ask only the questions r missed, on
// the quiz's own screens. Its answers are saved one transaction each
// (progress.OpRetry, through the saver) apart from the attempts, so the
// chapter's answered, attempts, best score, pass and Continue stay as
// they were; there is no attempt to resume or finish.
func (m *Model) retryMissed(r *resultsModel) tea.Cmd {
	q := newQuiz(m, r.ch)
	q.missedOnly = true
	q.questions = slices.Clone(r.missed)
	q.shuffles = courserules.Shuffles(q.questions, m.rng)
	for _, qu := range q.questions {
		q.order = append(q.order, qu.ID)
	}
	m.quiz = q
	shown := m.enter(nav{to: quizScreen})
	q.enter(m)
	return shown
}

// lastResultMsg is a chapter's attempt history, read off the UI goroutine
// for "l" (last result).
type lastResultMsg struct {
	chapter  string
	attempts []progress.Attempt
	err      error
}

// openLastResult is "l" in the reader and on home: read the chapter's
// attempts (queued behind this tutor's own saves, so a quiz just finished
// is in them) and show the last finished one with the history.
func (m *Model) openLastResult(id string) tea.Cmd {
	ch, ok := m.course.Chapter(id)
	if !ok || ch.Quiz == nil {
		return nil
	}
	store := m.store
	return m.read(func() tea.Msg {
		as, err := store.Attempts(id)
		return lastResultMsg{chapter: id, attempts: as, err: err}
	})
}

// showLastResult opens the results of msg's last finished attempt, or says
// on the warning line why there is none.
func (m *Model) showLastResult(msg lastResultMsg) tea.Cmd {
	ch, ok := m.course.Chapter(msg.chapter)
	if !ok || ch.Quiz == nil || (m.screen != readerScreen && m.screen != homeScreen) {
		return nil // the learner has moved on
	}
	if msg.err != nil {
		m.warning = "The last result could not be read: " + msg.err.Error()
		return nil
	}
	var done []progress.Attempt
	for _, a := range msg.attempts {
		if a.Finished != nil {
			done = append(done, a)
		}
	}
	if len(done) == 0 {
		m.notice = fmt.Sprintf("No finished quiz for %q yet: press t to take it.", ch.Title)
		return nil
	}
	last := done[len(done)-1]
	res := courserules.Resume(ch, last, m.rng)
	q := &quizModel{ch: ch, att: attemptRef{id: last.ID, uid: last.UID}, questions: res.Questions, shuffles: res.Shuffles, answers: answersFrom(ch, last)}
	if len(q.questions) == 0 {
		m.notice = fmt.Sprintf("The questions of %q have changed since your last attempt: press t to take the quiz.", ch.Title)
		return nil
	}
	r := newResults(m, q, 0, 0, false)
	r.history = done
	r.fromAttempt(m, last)
	// A finished attempt's score and pass are what it earned: a question
	// edited or removed since must not change them (fromAttempt counts
	// only answers to the current questions as right).
	r.changedSince = r.score != last.Score || r.passed != last.Passed
	r.earlier = map[string]bool{}
	for qid, ans := range progress.LastAnswers(last) {
		if qu, ok := ch.Quiz.Question(qid); ok && qu.Hash != ans.QuestionHash {
			r.earlier[qid] = true
		}
	}
	r.score, r.passed = last.Score, last.Passed
	r.resize(m)
	m.results = r
	return m.enter(nav{to: resultsScreen})
}

// historyShown is how many attempts a reopened result lists: the history
// sits above the missed questions, so it must stay short.
const historyShown = 10

// historyText lists a reopened result's attempts, newest first.
func (r *resultsModel) historyText(m *Model) string {
	if len(r.history) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.st.Title.Render("  Attempt history") + "\n\n")
	oldest := max(0, len(r.history)-historyShown)
	for i := len(r.history) - 1; i >= oldest; i-- {
		a := r.history[i]
		verdict := "not passed"
		if a.Passed {
			verdict = "passed"
		}
		fmt.Fprintf(&b, "  %s   %3d%%   %s\n", a.Finished.Local().Format("2006-01-02 15:04"), a.Score, verdict)
	}
	if oldest > 0 {
		fmt.Fprintf(&b, "  (and %d earlier)\n", oldest)
	}
	return b.String() + "\n"
}
