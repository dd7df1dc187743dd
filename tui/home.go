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
	"backend-tutor/tui/render"
)

// homeItem is one row of the chapter list: "Continue" or a chapter.
type homeItem struct {
	continues bool
	glossary  bool
	ch        *content.Chapter
	number    int
	status    string
}

func (it homeItem) FilterValue() string {
	if it.glossary {
		return "Glossary"
	}
	return it.ch.Title
}

// homeModel is the home screen: course title, overall progress and the
// chapter list (bubbles/list, which brings paging and / to filter).
type homeModel struct {
	list list.Model
	bar  progress.Model
}

func newHomeModel(m *Model) homeModel {
	l := list.New(nil, homeDelegate{m: m}, m.width, m.height)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetStatusBarItemName("chapter", "chapters")
	l.DisableQuitKeybindings()
	l.SetFilteringEnabled(false) // "/" opens the search screen instead (tui/search.go)
	// "page 2/100" rather than a dot per page: a big instructor pack would
	// otherwise draw a hundred dots on every frame.
	l.Paginator.Type = paginator.Arabic
	// A steady cursor in the filter box, as in typed answers: no blink timer.
	fst := l.FilterInput.Styles()
	fst.Cursor.Blink = false
	l.FilterInput.SetStyles(fst)
	l.KeyMap.ShowFullHelp.SetEnabled(false)
	l.KeyMap.CloseFullHelp.SetEnabled(false)
	h := homeModel{list: l, bar: progress.New(progress.WithWidth(40), progress.WithoutPercentage())}
	h.refresh(m)
	return h
}

// refresh rebuilds the rows from the course and the progress records; it
// reads only the small per-chapter summaries, never the answer history.
func (h *homeModel) refresh(m *Model) {
	var items []list.Item
	if m.last != nil {
		if ch, ok := m.course.Chapter(m.last.ChapterID); ok {
			items = append(items, homeItem{continues: true, ch: ch, number: m.course.Index(ch.ID) + 1, status: m.continueText(ch)})
		}
	}
	for i, ch := range m.course.Chapters {
		items = append(items, homeItem{ch: ch, number: i + 1, status: StatusText(ch, m.records[ch.ID])})
	}
	if len(m.course.Glossary) > 0 {
		items = append(items, homeItem{glossary: true, status: fmt.Sprintf("%d terms, each with the chapter that introduces it", len(m.course.Glossary))})
	}
	sel := h.list.Index()
	h.list.SetItems(items)
	h.list.SetDelegate(homeDelegate{m: m})
	h.list.Select(min(sel, len(items)-1))
}

func (m *Model) continueText(ch *content.Chapter) string {
	rec := m.records[ch.ID]
	if m.last.Screen == "quiz" && rec.OpenAttempt != 0 {
		return "back to the quiz"
	}
	return fmt.Sprintf("back to reading · %d%%", rec.Furthest)
}

func (h *homeModel) resize(m *Model) {
	h.list.SetSize(m.width, max(1, m.bodyHeight()-2))
	h.bar.SetWidth(min(40, max(10, m.width-30)))
}

func (h *homeModel) filtering() bool { return h.list.SettingFilter() }

func (h *homeModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	if m.homeNumberKey(msg) {
		return nil
	}
	if !h.list.SettingFilter() {
		it, ok := h.list.SelectedItem().(homeItem)
		switch {
		case key.Matches(msg, m.keys.Open) && ok && it.glossary:
			return m.openGlossary()
		case key.Matches(msg, m.keys.Open) && ok:
			if it.continues {
				return m.continueLast()
			}
			return m.openChapter(it.ch.ID, -1)
		case key.Matches(msg, m.keys.StartQuiz) && ok && !it.glossary:
			return m.beginQuiz(it.ch.ID)
		case key.Matches(msg, m.keys.Filter):
			return m.openSearch()
		case key.Matches(msg, m.keys.QuitHome):
			return m.quit()
		}
	}
	var cmd tea.Cmd
	h.list, cmd = h.list.Update(msg)
	return cmd
}

// update hands the list a message that is not a key (filter results).
func (h *homeModel) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	h.list, cmd = h.list.Update(msg)
	return cmd
}

func (h *homeModel) view(m *Model) string {
	passed, quizzes := PassedCount(m.course, m.records)
	done := CourseProgress(m.course, m.records)
	line := fmt.Sprintf(" %s %3.0f%% · %d of %d quizzes passed", h.bar.ViewAs(done), done*100, passed, quizzes)
	body := line + "\n" + strings.TrimLeft(h.list.View(), "\n")
	footer := m.shortHelp(m.screenKeys())
	if h.list.FilterState() != list.Unfiltered {
		footer = m.st.Footer.Render("type to filter · enter apply · esc clear")
	}
	return m.frame(render.SanitizeLine(m.course.Title), body, footer)
}

// homeDelegate draws a row in two lines: number, title and status; then the
// chapter's summary, dimmed.
type homeDelegate struct{ m *Model }

func (d homeDelegate) Height() int                         { return 2 }
func (d homeDelegate) Spacing() int                        { return 0 }
func (d homeDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d homeDelegate) Render(w io.Writer, l list.Model, index int, item list.Item) {
	it, ok := item.(homeItem)
	if !ok {
		return
	}
	st := d.m.st
	width := max(10, l.Width()-2)
	selected := index == l.Index()
	cursor := "  "
	if selected {
		cursor = st.Cursor.Render("› ")
	}
	var title, second string
	switch {
	case it.glossary:
		title = "    Glossary"
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
	} else if it.continues {
		title = st.Accent.Render(title)
	}
	fmt.Fprint(w, cursor+title+"\n"+"    "+st.Faint.Render(strings.TrimSpace(second)))
}
