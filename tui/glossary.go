package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"backend-tutor/tui/render"
)

// glossaryModel shows every glossary term with its definition and the
// chapter that introduces it, alphabetically, in a scrolling viewport.
type glossaryModel struct {
	vp    viewport.Model
	terms []int    // the line of each term's heading, where the cursor goes
	names []string // each term, in the same order (scrollTo)
	// term and query: the entry a search result opened, whose matches of
	// the query are highlighted (showTerm).
	term, query string
}

func (m *Model) openGlossary() tea.Cmd {
	vp := viewport.New(viewport.WithWidth(m.width), viewport.WithHeight(m.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	m.glossary = &glossaryModel{vp: vp}
	m.glossary.resize(m)
	m.screen = glossaryScreen
	return nil
}

func (g *glossaryModel) resize(m *Model) {
	g.vp.SetWidth(m.width)
	g.vp.SetHeight(m.bodyHeight())
	text, terms, names := glossaryText(m, g.term, g.query)
	g.vp.SetContent(text)
	g.terms, g.names = terms, names
}

// glossaryText is the glossary laid out, the query's matches highlighted in
// the entry of term (none when term is ""), the line each term starts on,
// and the terms in that order.
func glossaryText(m *Model, term, query string) (string, []int, []string) {
	terms := append(m.course.Glossary[:0:0], m.course.Glossary...)
	sort.SliceStable(terms, func(i, j int) bool {
		return strings.ToLower(terms[i].Term) < strings.ToLower(terms[j].Term)
	})
	w := max(20, min(m.width-4, 90))
	var b strings.Builder
	at := make([]int, 0, len(terms))
	names := make([]string, 0, len(terms))
	line := 0
	for _, t := range terms {
		at, names = append(at, line), append(names, t.Term)
		start := b.Len()
		name, def := m.st.Selected.Render(render.SanitizeLine(t.Term)), render.SanitizeLine(t.Definition)
		if term != "" && t.Term == term {
			name, def = markQuery(name, query), markQuery(def, query)
		}
		b.WriteString(hang("  ", name, w) + "\n")
		b.WriteString(hang("    ", def, w) + "\n")
		if i := m.course.Index(t.ChapterID); i >= 0 {
			ch := m.course.Chapters[i]
			b.WriteString(m.st.Faint.Render(hang("    ", fmt.Sprintf("chapter %d: %s", i+1, render.SanitizeLine(ch.Title)), w)) + "\n")
		}
		b.WriteString("\n")
		line += strings.Count(b.String()[start:], "\n")
	}
	return strings.TrimRight(b.String(), "\n"), at, names
}

func (g *glossaryModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.screen = homeScreen
	case key.Matches(msg, k.Filter):
		return m.openSearch()
	default:
		scrollKey(&g.vp, k, msg)
	}
	return nil
}

func (g *glossaryModel) view(m *Model) string {
	header := fmt.Sprintf("Glossary · %d terms", len(m.course.Glossary))
	return m.frame(header, g.vp.View(), m.shortHelp(m.screenKeys()))
}
