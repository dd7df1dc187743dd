package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/internal/stats"
	"backend-tutor/tui/render"
)

// statsModel is the stats screen (issue 11, "See progress"): per chapter
// the best score as a bar, attempts and answers; the weakest questions;
// the streak; the reviews due this week. The figures are read off the UI
// goroutine (statsMsg); until they arrive the screen says it is reading.
type statsModel struct {
	vp     viewport.Model
	bar    progress.Model
	st     *stats.Stats // nil while reading
	err    error
	loaded bool
}

// statsMsg is the stats, read and worked out behind the queued saves (so
// an answer just given counts).
type statsMsg struct {
	st  stats.Stats
	err error
}

func (m *Model) openStats() tea.Cmd {
	vp := viewport.New(viewport.WithWidth(m.width), viewport.WithHeight(m.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	m.stats = &statsModel{vp: vp, bar: m.solidBar(20)}
	m.stats.resize(m)
	m.screen = statsScreen
	if m.store == nil {
		return nil
	}
	store, course, now := m.store, m.course, m.now()
	return m.read(func() tea.Msg {
		snap, err := store.Snapshot()
		if err != nil {
			return statsMsg{err: err}
		}
		log, err := store.StudyLog()
		if err != nil {
			return statsMsg{err: err}
		}
		return statsMsg{st: stats.Compute(course, snap.Chapters, log, store.Scheduler(), now)}
	})
}

func (s *statsModel) loadedMsg(m *Model, msg statsMsg) {
	s.loaded, s.err = true, msg.err
	if msg.err == nil {
		s.st = &msg.st
	}
	s.resize(m)
}

func (s *statsModel) resize(m *Model) {
	s.vp.SetWidth(m.width)
	s.vp.SetHeight(m.bodyHeight())
	s.bar.FullColor = m.st.accent // the background may have changed
	s.vp.SetContent(s.text(m))
}

// text is the screen's body. A chapter is two lines: its number and
// title, then its bar and figures, so the figures fit at 40 columns.
func (s *statsModel) text(m *Model) string {
	st := m.st
	w := max(20, min(m.width-2, 90))
	switch {
	case s.err != nil:
		return "  Could not read your progress: " + render.SanitizeLine(s.err.Error())
	case s.st == nil && m.store != nil:
		return st.Faint.Render("  Reading your progress…")
	case s.st == nil:
		return "  No progress file: nothing is saved in this session."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  Streak: %d %s studied in a row\n", s.st.StreakDays, plural(s.st.StreakDays, "day", "days"))
	fmt.Fprintf(&b, "  Reviews due this week: %d\n\n", s.st.ReviewDue)
	b.WriteString(st.Selected.Render("  Chapters") + "\n")
	for i, ch := range s.st.Chapters {
		b.WriteString(ansi.Truncate(fmt.Sprintf("  %2d. %s", i+1, render.SanitizeLine(ch.Title)), w, "…") + "\n")
		if !ch.Quiz {
			b.WriteString(st.Faint.Render("      no quiz") + "\n")
			continue
		}
		figures := fmt.Sprintf(" %4s · %d %s · %d answered", stats.ScoreText(ch.Attempts, ch.BestScore),
			ch.Attempts, plural(ch.Attempts, "try", "tries"), ch.Answered)
		s.bar.SetWidth(max(4, min(20, w-6-ansi.StringWidth(figures))))
		b.WriteString("      " + s.bar.ViewAs(float64(ch.BestScore)/100) + figures + "\n")
		if ch.Earlier > 0 { // kept, but counted nowhere until answered again
			b.WriteString(st.Faint.Render(ansi.Truncate(fmt.Sprintf("      %d answered an earlier version", ch.Earlier), w, "…")) + "\n")
		}
	}
	b.WriteString("\n" + st.Selected.Render("  Weakest questions") + "\n")
	if len(s.st.Weakest) == 0 {
		b.WriteString(st.Faint.Render("  None missed yet.") + "\n")
	}
	for _, wk := range s.st.Weakest {
		i := m.course.Index(wk.ChapterID)
		prompt := wk.QuestionID
		if i >= 0 && m.course.Chapters[i].Quiz != nil {
			if qu, ok := m.course.Chapters[i].Quiz.Question(wk.QuestionID); ok {
				prompt = strings.Join(strings.Fields(qu.Prompt), " ")
			}
		}
		b.WriteString(ansi.Truncate("  "+render.SanitizeLine(prompt), w, "…") + "\n")
		b.WriteString(st.Faint.Render(ansi.Truncate(fmt.Sprintf("    chapter %d · missed %d×", i+1, wk.Missed), w, "…")) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (s *statsModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Back) {
		m.screen = homeScreen
		return nil
	}
	scrollKey(&s.vp, m.keys, msg)
	return nil
}

func (s *statsModel) view(m *Model) string {
	return m.frame("Your progress", s.vp.View(), m.shortHelp(m.screenKeys()))
}
