package content

import (
	"regexp"
	"strings"
	"testing"
)

// TestGlossaryLinksDefineTerm checks that every glossary entry links to a
// chapter that really contains the term, so "go to chapter" from the
// glossary lands where the word is explained. A term is found when any of
// its names appears in the chapter: "A / B" names A and B, and a trailing
// "(...)" names its expansion too, so "API (Application Programming
// Interface)" is found by either. Markdown emphasis, hyphens and line breaks
// are ignored.
func TestGlossaryLinksDefineTerm(t *testing.T) {
	c := embeddedCourse(t)
	for _, term := range c.Glossary {
		ch, ok := c.Chapter(term.ChapterID)
		if !ok {
			continue // TestEmbeddedCourse and the loader report this
		}
		body := normalizeProse(ch.Body)
		names := termNames(term.Term)
		found := false
		for _, n := range names {
			if strings.Contains(body, n) {
				found = true
				break
			}
		}
		if !found {
			var elsewhere []string
			for _, other := range c.Chapters {
				ob := normalizeProse(other.Body)
				for _, n := range names {
					if strings.Contains(ob, n) {
						elsewhere = append(elsewhere, other.ID)
						break
					}
				}
			}
			t.Errorf("glossary.yaml:%d: term %q links to chapter %q, which never mentions %q (found in: %s)",
				term.line, term.Term, term.ChapterID, strings.Join(names, `" or "`), strings.Join(elsewhere, ", "))
		}
	}
}

func TestTermNames(t *testing.T) {
	for term, want := range map[string][]string{
		"Backup": {"backup"},
		"API (Application Programming Interface)": {"api", "application programming interface"},
		"DevOps / SRE":         {"devops", "sre"},
		"Full-stack developer": {"full stack developer"},
	} {
		got := termNames(term)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("termNames(%q) = %q, want %q", term, got, want)
		}
	}
}

var (
	proseMarkup = strings.NewReplacer("*", "", "_", "", "`", "", "-", " ")
	spaceRun    = regexp.MustCompile(`\s+`)
	trailParen  = regexp.MustCompile(`^(.*?)\s*\(([^)]*)\)$`)
)

// normalizeProse lowers case, drops emphasis markers, treats hyphens as
// spaces and collapses runs of white space, so a term split across lines
// or written in bold still matches.
func normalizeProse(s string) string {
	return spaceRun.ReplaceAllString(proseMarkup.Replace(strings.ToLower(s)), " ")
}

// termNames lists the normalised names a glossary term goes by.
func termNames(term string) []string {
	var raw []string
	if m := trailParen.FindStringSubmatch(term); m != nil {
		raw = append(raw, strings.Split(m[1], " / ")...)
		raw = append(raw, m[2])
	} else {
		raw = strings.Split(term, " / ")
	}
	var out []string
	for _, r := range raw {
		if n := strings.TrimSpace(normalizeProse(r)); n != "" {
			out = append(out, n)
		}
	}
	return out
}
