package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/internal/courserules"
	"backend-tutor/internal/stats"
	"backend-tutor/tui/render"
)

// statsModel is the stats screen (issue 11, "See progress"): per chapter
// the best score as a bar, attempts, answers and time spent; the weakest
// questions, each linked to its section; the streak; the reviews due this
// week. The figures are read off the UI goroutine (statsMsg); until they
// arrive the screen says it is reading.
//
// The weakest questions are links: ↓ scrolls as on any page until one is
// in view, then moves onto it (and on to the next), ↑ back; enter opens
// the reader at the picked question's section, whose esc comes back here.
type statsModel struct {
	vp     viewport.Model
	bar    progress.Model
	st     *stats.Stats // nil while reading
	err    error
	loaded bool
	sel    int   // the weakest question picked; -1 none
	weakAt []int // the body line of each weakest question
}

// statsMsg is the stats, read and worked out behind the queued saves (so
// an answer just given counts).
type statsMsg struct {
	st  stats.Stats
	err error
}

// newStats lays the stats screen out afresh (its open in tui/nav.go);
// its read brings the figures.
func newStats(c *programContext) *statsModel {
	vp := viewport.New(viewport.WithWidth(c.width), viewport.WithHeight(c.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	s := &statsModel{vp: vp, bar: c.st.solidBar(20), sel: -1}
	s.resize(c)
	return s
}

// read reads the figures behind the queued saves; nil without a file.
func (s *statsModel) read(c *programContext) tea.Cmd {
	if c.store == nil {
		return nil
	}
	store, course, now := c.store, c.course, c.now()
	return c.read(func() tea.Msg {
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

func (s *statsModel) loadedMsg(c *programContext, msg statsMsg) {
	s.loaded, s.err = true, msg.err
	if msg.err == nil {
		s.st = &msg.st
	}
	s.resize(c)
}

func (s *statsModel) resize(c *programContext) {
	s.vp.SetWidth(c.width)
	s.vp.SetHeight(c.bodyHeight())
	s.bar.FullColor = c.st.accent // the background may have changed
	s.vp.SetContent(s.text(c))
}

// text is the screen's body. A chapter is two lines: its number and
// title, then its bar and figures, so the figures fit at 40 columns.
func (s *statsModel) text(c *programContext) string {
	st := c.st
	w := max(20, min(c.width-2, 90))
	switch {
	case s.err != nil:
		return "  Could not read your progress: " + render.SanitizeLine(s.err.Error())
	case s.st == nil && c.store != nil:
		return st.Faint.Render("  Reading your progress…")
	case s.st == nil:
		return "  No progress file: nothing is saved in this session."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  Streak: %d %s studied in a row\n", s.st.StreakDays, plural(s.st.StreakDays, "day", "days"))
	fmt.Fprintf(&b, "  Reviews due this week: %d\n", s.st.ReviewDue)
	b.WriteString(ansi.Truncate(fmt.Sprintf("  Time: read %s · quiz %s", courserules.DurationText(s.st.ReadingS), courserules.DurationText(s.st.QuizS)), w, "…") + "\n\n")
	b.WriteString(st.Selected.Render("  Chapters") + "\n")
	for i, ch := range s.st.Chapters {
		b.WriteString(ansi.Truncate(fmt.Sprintf("  %2d. %s", i+1, render.SanitizeLine(ch.Title)), w, "…") + "\n")
		if !ch.Quiz {
			b.WriteString(st.Faint.Render(ansi.Truncate("      no quiz · read "+courserules.DurationText(ch.ReadingS), w, "…")) + "\n")
			continue
		}
		figures := fmt.Sprintf(" %4s · %d %s · %d answered", stats.ScoreText(ch.Attempts, ch.BestScore),
			ch.Attempts, plural(ch.Attempts, "try", "tries"), ch.Answered)
		s.bar.SetWidth(max(4, min(20, w-6-ansi.StringWidth(figures))))
		b.WriteString("      " + s.bar.ViewAs(float64(ch.BestScore)/100) + figures + "\n")
		b.WriteString(st.Faint.Render(ansi.Truncate(fmt.Sprintf("      read %s · quiz %s", courserules.DurationText(ch.ReadingS), courserules.DurationText(ch.QuizS)), w, "…")) + "\n")
		if ch.Earlier > 0 { // kept, but counted nowhere until answered again
			b.WriteString(st.Faint.Render(ansi.Truncate(fmt.Sprintf("      %d answered an earlier version", ch.Earlier), w, "…")) + "\n")
		}
	}
	b.WriteString("\n" + st.Selected.Render("  Weakest questions") + "\n")
	if len(s.st.Weakest) == 0 {
		b.WriteString(st.Faint.Render("  None missed yet.") + "\n")
	}
	s.weakAt = s.weakAt[:0]
	for n, wk := range s.st.Weakest {
		i := c.course.Index(wk.ChapterID)
		prompt := wk.QuestionID
		if i >= 0 && c.course.Chapters[i].Quiz != nil {
			if qu, ok := c.course.Chapters[i].Quiz.Question(wk.QuestionID); ok {
				prompt = strings.Join(strings.Fields(qu.Prompt), " ")
			}
		}
		s.weakAt = append(s.weakAt, strings.Count(b.String(), "\n"))
		place := fmt.Sprintf("chapter %d", i+1)
		if wk.Section != "" {
			place += " › " + render.SanitizeLine(wk.Section)
		}
		prompt = ansi.Truncate(render.SanitizeLine(prompt), w-2, "…")
		if n == s.sel {
			b.WriteString(st.Cursor.Render("› ") + st.Selected.Render(prompt) + "\n")
		} else {
			b.WriteString("  " + prompt + "\n")
		}
		// the count first: a narrow window cuts the section's name, not it
		b.WriteString(st.Faint.Render(ansi.Truncate(fmt.Sprintf("    missed %d× · %s", wk.Missed, place), w, "…")) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (s *statsModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Back):
		return nil, nav{to: homeScreen}
	case key.Matches(msg, k.ReadSection):
		return nil, s.openSection(c)
	// The next question when it is in view, or when the window cannot
	// scroll further (at the bottom, the first one's top line may be above
	// the window: at 40×12 down then did nothing, and none could be picked).
	case key.Matches(msg, k.Down) && s.sel+1 < len(s.weakAt) && (s.inView(s.sel+1) || s.vp.AtBottom()):
		s.pick(c, s.sel+1)
	case key.Matches(msg, k.Up) && s.sel >= 0:
		s.pick(c, s.sel-1)
	default:
		scrollKey(&s.vp, *k, msg)
	}
	return nil, nav{}
}

// inView: weakest question i's two lines are on screen.
func (s *statsModel) inView(i int) bool {
	top := s.vp.YOffset()
	return s.weakAt[i] >= top && s.weakAt[i]+1 < top+s.vp.Height()
}

// pick makes weakest question i the picked one (-1: none) and scrolls to it.
func (s *statsModel) pick(c *programContext, i int) {
	s.sel = i
	s.vp.SetContent(s.text(c))
	if i < 0 {
		return
	}
	top := s.vp.YOffset()
	switch at := s.weakAt[i]; {
	case at < top:
		s.vp.SetYOffset(at)
	case at+1 >= top+s.vp.Height():
		s.vp.SetYOffset(at + 2 - s.vp.Height())
	}
}

// openSection opens the reader at the picked weakest question's section
// (the chapter's start when none was found); esc there comes back here,
// with the figures read again.
func (s *statsModel) openSection(c *programContext) nav {
	if s.st == nil || s.sel < 0 || s.sel >= len(s.st.Weakest) {
		return nav{}
	}
	wk := s.st.Weakest[s.sel]
	ch, ok := c.course.Chapter(wk.ChapterID)
	if !ok {
		return nav{}
	}
	if wk.SectionLine == 0 {
		return nav{to: readerScreen, chapter: ch.ID, line: 0, mark: &readerMark{stats: true}}
	}
	mk := newMark(ch, wk.SectionLine, wk.Section)
	mk.stats = true
	return nav{to: readerScreen, chapter: ch.ID, line: -1, mark: mk}
}

func (s *statsModel) view(c *programContext) page {
	return page{header: "Your progress", body: s.vp.View()}
}
