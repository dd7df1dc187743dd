package tui

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/tui/render"
)

// homeItem is one row of the chapter list: "Continue" or a chapter.
type homeItem struct {
	continues bool
	toQuiz    bool // Continue leads to the chapter's quiz
	glossary  bool
	labs      bool
	pack      *content.Pack // a header row: the pack's chapters follow (ch is its first)
	review    bool          // "Review · N due" (tui/review.go)
	ch        *content.Chapter
	number    int
	status    string
}

// chapterRow says the row is a chapter (Continue included), not the
// review, labs or glossary row or a pack's header.
func (it homeItem) chapterRow() bool {
	return it.ch != nil && !it.glossary && !it.labs && !it.review && it.pack == nil
}

func (it homeItem) FilterValue() string {
	if it.glossary {
		return "Glossary"
	}
	if it.labs {
		return "Labs"
	}
	if it.review {
		return "Review"
	}
	return it.ch.Title
}

// homeModel is the home screen: course title, overall progress and the
// chapter list (bubbles/list, which brings paging and / to filter).
type homeModel struct {
	list list.Model
	bar  progress.Model
}

func newHomeModel(c *programContext) homeModel {
	l := list.New(nil, homeDelegate{st: c.st}, c.width, c.height)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetStatusBarItemName("chapter", "chapters")
	l.DisableQuitKeybindings()
	l.SetFilteringEnabled(false) // "/" opens the search screen instead (tui/search.go)
	// "page 2/100" rather than a dot per page: a big instructor pack would
	// otherwise draw a hundred dots on every frame.
	l.Paginator.Type = paginator.Arabic
	l.KeyMap.ShowFullHelp.SetEnabled(false)
	l.KeyMap.CloseFullHelp.SetEnabled(false)
	h := homeModel{list: l, bar: c.st.solidBar(40)}
	h.refresh(c)
	return h
}

// refresh rebuilds the rows from the course and the progress records; it
// reads only the small per-chapter summaries, never the answer history.
// With a filter applied the list re-runs it: the command that does so must
// reach the program, or the list shows no rows at all ("No chapters.").
func (h *homeModel) refresh(c *programContext) tea.Cmd {
	var items []list.Item
	if t, ok := courserules.Continue(c.course, c.records, c.last); ok {
		items = append(items, homeItem{continues: true, toQuiz: t.Action == courserules.TakeQuiz, ch: t.Chapter, number: c.course.Index(t.Chapter.ID) + 1, status: t.Status})
	}
	if c.reviewDue > 0 {
		items = append(items, reviewRow(c.reviewDue))
	}
	// With more than one pack, each pack's chapters follow a header row
	// with its title (added rows: every chapter row is as it was).
	header := ""
	for i, ch := range c.course.Chapters {
		if p, ok := c.course.PackOf(ch.Pack); ok && len(c.course.Packs) > 1 && ch.Pack != header {
			header = ch.Pack
			items = append(items, homeItem{pack: p, ch: ch, status: packStatus(c.course, p)})
		}
		items = append(items, homeItem{ch: ch, number: i + 1, status: courserules.StatusText(ch, c.records[ch.ID])})
	}
	if n := len(c.course.Labs()); n > 0 {
		items = append(items, homeItem{labs: true, status: fmt.Sprintf("%d hands-on %s: build a small API, and check it here", n, plural(n, "lab", "labs"))})
	}
	if len(c.course.Glossary) > 0 {
		items = append(items, homeItem{glossary: true, status: fmt.Sprintf("%d terms, each with the chapter that introduces it", len(c.course.Glossary))})
	}
	h.bar.FullColor = c.st.accent // the background may have changed
	sel := h.list.Index()
	cmd := h.list.SetItems(items)
	h.list.SetDelegate(homeDelegate{st: c.st, due: c.reviewDue})
	h.list.Select(max(0, min(sel, len(items)-1)))
	return cmd
}

func (h *homeModel) resize(c *programContext) {
	h.list.SetSize(c.width, max(1, c.bodyHeightUnder(render.SanitizeLine(c.course.Title))-2-strings.Count(noticeView(c), "\n")))
	h.bar.SetWidth(min(40, max(10, c.width-30)))
}

// key opens the row's screen, or asks the root for what is not a screen
// (a review session, a quiz once its state is read, a last result,
// quitting). The chapter number typed is the root's (Model.homeNumberKey).
func (h *homeModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	it, ok := h.list.SelectedItem().(homeItem)
	switch {
	case key.Matches(msg, k.Open) && ok && it.review:
		return c.startReview(), nav{}
	case key.Matches(msg, k.Open) && ok && it.glossary:
		return nil, nav{to: glossaryScreen}
	case key.Matches(msg, k.Open) && ok && it.labs:
		return nil, nav{to: labsScreen}
	case key.Matches(msg, k.Open) && ok:
		if it.continues && it.toQuiz {
			return c.beginQuiz(it.ch.ID), nav{}
		}
		if it.continues && it.ch.ID == c.last.ChapterID {
			return c.continueLast(), nav{}
		}
		return nil, nav{to: readerScreen, chapter: it.ch.ID, line: -1}
	case key.Matches(msg, k.StartQuiz) && ok && it.chapterRow():
		return c.beginQuiz(it.ch.ID), nav{}
	case key.Matches(msg, k.LastResult): // never the list's "next page" (still right/pgdn)
		if ok && it.chapterRow() {
			return c.lastResult(it.ch.ID), nav{}
		}
		return nil, nav{}
	case key.Matches(msg, k.Filter):
		return nil, nav{to: searchScreen}
	case key.Matches(msg, k.Stats):
		return nil, nav{to: statsScreen}
	case key.Matches(msg, k.QuitHome):
		return c.quit(), nav{}
	}
	var cmd tea.Cmd
	h.list, cmd = h.list.Update(msg)
	return cmd, nav{}
}

// update hands the list a message that is not a key.
func (h *homeModel) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	h.list, cmd = h.list.Update(msg)
	return cmd
}

func (h *homeModel) view(c *programContext) page {
	passed, quizzes := courserules.PassedCount(c.course, c.records)
	done := courserules.CourseProgress(c.course, c.records)
	line := fmt.Sprintf(" %s %3.0f%% · %d of %d quizzes passed", h.bar.ViewAs(done), done*100, passed, quizzes)
	rows := strings.TrimLeft(h.list.View(), "\n")
	// A blank row between the course bar and the list (the list's own
	// status line used to give it; the list's height leaves room).
	return page{header: render.SanitizeLine(c.course.Title), body: line + "\n\n" + noticeView(c) + rows}
}

// homeDelegate draws a row in two lines: number, title and status; then the
// chapter's summary, dimmed. due is the review row's count as refresh
// read it (the row is there only when it is above 0).
type homeDelegate struct {
	st  *styles
	due int
}

func (d homeDelegate) Height() int                         { return 2 }
func (d homeDelegate) Spacing() int                        { return 0 }
func (d homeDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d homeDelegate) Render(w io.Writer, l list.Model, index int, item list.Item) {
	it, ok := item.(homeItem)
	if !ok {
		return
	}
	st := d.st
	width := max(10, l.Width()-2)
	selected := index == l.Index()
	cursor := "  "
	if selected {
		cursor = st.Cursor.Render("› ")
	}
	var title, second string
	switch {
	case it.pack != nil:
		title = "── " + render.SanitizeLine(it.pack.Title) + " ──"
		second = it.status
	case it.review:
		title = fmt.Sprintf("    Review · %d due", d.due)
		second = it.status
	case it.glossary:
		title = "    Glossary"
		second = it.status
	case it.labs:
		title = "    Labs"
		second = it.status
	case it.continues:
		title = "Continue: " + render.SanitizeLine(it.ch.Title)
		second = it.status
	default:
		title = fmt.Sprintf("%2d. %s", it.number, render.SanitizeLine(it.ch.Title))
		second = it.status + " — " + render.SanitizeLine(it.ch.Summary)
	}
	title = ansi.Truncate(title, width, "…")
	second = ansi.Truncate(second, width-4, "…")
	if selected {
		title = st.Selected.Render(title)
	} else if it.continues || it.pack != nil {
		title = st.Accent.Render(title)
	}
	fmt.Fprint(w, cursor+title+"\n"+"    "+st.Faint.Render(strings.TrimSpace(second)))
}

// packStatus is a pack header's second line: its chapters and description,
// from its manifest.
func packStatus(c *content.Course, p *content.Pack) string {
	n := 0
	for _, ch := range c.Chapters {
		if ch.Pack == p.ID {
			n++
		}
	}
	s := content.Chapters(n)
	if d := strings.TrimSpace(p.Description); d != "" {
		s += " — " + render.SanitizeLine(d)
	}
	return s
}
