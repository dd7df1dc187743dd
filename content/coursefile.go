package content

func parseCourse(file string, src []byte, course *Course, c *collector) {
	node, ok := parseYAML(file, src, 0, c)
	if !ok {
		return
	}
	m, ok := asMapping(file, node, "course file", []string{"title", "welcome"}, c)
	if !ok {
		return
	}
	if t := m.str("title", true, c); t != "" {
		course.Title = t
	}
	course.Welcome = m.str("welcome", false, c)
}

func parseGlossary(file string, src []byte, c *collector) []Term {
	node, ok := parseYAML(file, src, 0, c)
	if !ok {
		return nil
	}
	m, ok := asMapping(file, node, "glossary", []string{"terms"}, c)
	if !ok {
		return nil
	}
	items, ok := m.seq("terms", c)
	if !ok {
		c.add(file, m.line, "missing list of terms")
		return nil
	}
	var out []Term
	for _, it := range items {
		tm, ok := asMapping(file, it, "term", []string{"term", "definition", "chapter"}, c)
		if !ok {
			continue
		}
		out = append(out, Term{
			Term:       tm.str("term", true, c),
			Definition: tm.str("definition", true, c),
			ChapterID:  tm.str("chapter", true, c),
			line:       it.Line,
		})
	}
	return out
}
