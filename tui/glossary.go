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

// openGlossary goes to the glossary.
func (m *Model) openGlossary() tea.Cmd { return m.enter(nav{to: glossaryScreen}) }

// newGlossary lays the glossary out afresh (its open in tui/nav.go).
func newGlossary(c *programContext) *glossaryModel {
	vp := viewport.New(viewport.WithWidth(c.width), viewport.WithHeight(c.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	g := &glossaryModel{vp: vp}
	g.resize(c)
	return g
}

func (g *glossaryModel) resize(c *programContext) {
	g.vp.SetWidth(c.width)
	g.vp.SetHeight(c.bodyHeight())
	text, terms, names := glossaryLines(c, g.term, g.query)
	g.vp.SetContent(text)
	g.terms, g.names = terms, names
}

// glossaryLines is the glossary laid out, the query's matches highlighted
// in the entry of term (none when term is ""), the line each term starts
// on, and the terms in that order.
func glossaryLines(c *programContext, term, query string) (string, []int, []string) {
	terms := append(c.course.Glossary[:0:0], c.course.Glossary...)
	sort.SliceStable(terms, func(i, j int) bool {
		return strings.ToLower(terms[i].Term) < strings.ToLower(terms[j].Term)
	})
	w := max(20, min(c.width-4, 90))
	var b strings.Builder
	at := make([]int, 0, len(terms))
	names := make([]string, 0, len(terms))
	line := 0
	for _, t := range terms {
		at, names = append(at, line), append(names, t.Term)
		start := b.Len()
		name, def := c.st.Selected.Render(render.SanitizeLine(t.Term)), render.SanitizeLine(t.Definition)
		if term != "" && t.Term == term {
			name, def = markQuery(name, query), markQuery(def, query)
		}
		b.WriteString(hang("  ", name, w) + "\n")
		b.WriteString(hang("    ", def, w) + "\n")
		if i := c.course.Index(t.ChapterID); i >= 0 {
			ch := c.course.Chapters[i]
			b.WriteString(c.st.Faint.Render(hang("    ", fmt.Sprintf("chapter %d: %s", i+1, render.SanitizeLine(ch.Title)), w)) + "\n")
		}
		b.WriteString("\n")
		line += strings.Count(b.String()[start:], "\n")
	}
	return strings.TrimRight(b.String(), "\n"), at, names
}

func (g *glossaryModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	switch {
	case key.Matches(msg, k.Back):
		return nil, nav{to: homeScreen}
	case key.Matches(msg, k.Filter):
		return nil, nav{to: searchScreen}
	default:
		scrollKey(&g.vp, *k, msg)
	}
	return nil, nav{}
}

func (g *glossaryModel) view(c *programContext) page {
	return page{header: fmt.Sprintf("Glossary · %d terms", len(c.course.Glossary)), body: g.vp.View()}
}
