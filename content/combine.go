package content

import (
	"fmt"
	"io/fs"
	"strings"
)

// Combine makes the course the tutor shows from the built-in guide and the
// packs given with --content (in that order). Added packs (mode add) sit
// after the guide; a replacing pack (mode replace, or a folder without a
// pack.yaml) takes the guide's place, and at most one may. The first pack
// keeps its plain ids (so the guide's `list`, `read 3`, `quiz http-essentials`
// work as always); every other pack's chapters, quiz, glossary entries and
// labs are known as "PACK/ID", which is how progress keeps each pack's
// records in its own scope and a chapter id in two packs never shares one.
//
// Each pack must have been loaded with Load (and a manifest: see DeriveID
// for a folder without one).
func Combine(guide *Course, packs []*Course) (*Course, error) {
	base := guide
	var added []*Course
	for _, p := range packs {
		if len(p.Packs) != 1 {
			return nil, fmt.Errorf("a pack has no manifest")
		}
		if p.Packs[0].Mode == ModeReplace {
			if base != guide {
				return nil, fmt.Errorf("packs %s and %s both replace the built-in guide: only one can (set mode: add in the other's %s)", base.Packs[0].ID, p.Packs[0].ID, ManifestFile)
			}
			base = p
			continue
		}
		added = append(added, p)
	}
	seen := map[string]bool{}
	for _, p := range append([]*Course{base}, added...) {
		if len(p.Packs) == 0 {
			continue
		}
		id := p.Packs[0].ID
		if p != guide && id == GuideID {
			return nil, fmt.Errorf("pack id %q is the built-in guide's: choose another id in its %s", id, ManifestFile)
		}
		if seen[id] {
			return nil, fmt.Errorf("two packs have the id %q: each pack needs its own id in its %s", id, ManifestFile)
		}
		seen[id] = true
	}
	if len(added) == 0 {
		return base, nil
	}
	out := &Course{Title: base.Title, byID: map[string]int{}}
	out.Packs = append(out.Packs, base.Packs...)
	out.Chapters = append(out.Chapters, base.Chapters...)
	out.Glossary = append(out.Glossary, base.Glossary...)
	out.labs = append(out.labs, base.Labs()...)
	welcome := []string{packWelcome(base)}
	for _, p := range added {
		pk := p.Packs[0]
		out.Packs = append(out.Packs, pk)
		q := func(id string) string { return pk.ID + "/" + id }
		for _, ch := range p.Chapters {
			c := *ch
			c.ID = q(ch.ID)
			if ch.Quiz != nil {
				qz := *ch.Quiz
				qz.ChapterID = c.ID
				c.Quiz = &qz
			}
			out.Chapters = append(out.Chapters, &c)
		}
		for _, t := range p.Glossary {
			t.ChapterID = q(t.ChapterID)
			out.Glossary = append(out.Glossary, t)
		}
		for _, l := range p.Labs() {
			lc := *l
			lc.ID, lc.Chapter = q(l.ID), q(l.Chapter)
			// A hint names a chapter of the lab's own pack: as the
			// guide's id it would point at the guide's chapter.
			lc.Steps = append([]LabStep(nil), l.Steps...)
			for i := range lc.Steps {
				if h := &lc.Steps[i].Hint; h.Chapter != "" {
					h.Chapter = q(h.Chapter)
				}
			}
			out.labs = append(out.labs, &lc)
		}
		welcome = append(welcome, packWelcome(p))
	}
	out.Welcome = strings.Join(welcome, "\n\n")
	titles := make([]string, len(out.Packs))
	for i, p := range out.Packs {
		titles[i] = p.Title
	}
	out.Title = strings.Join(titles, " · ")
	for i, ch := range out.Chapters {
		out.byID[ch.ID] = i
	}
	return out, nil
}

// packWelcome is what the first screen says about one pack of several: its
// title and its welcome (or description), from its manifest.
func packWelcome(c *Course) string {
	if len(c.Packs) == 0 {
		return c.Title + ": " + strings.TrimSpace(c.Welcome)
	}
	p := c.Packs[0]
	w := strings.TrimSpace(p.Welcome)
	if w == "" {
		w = strings.TrimSpace(p.Description)
	}
	return fmt.Sprintf("%s (%s): %s", p.Title, Chapters(len(c.Chapters)), w)
}

// Chapters counts chapters in words: "1 chapter", "3 chapters" (a
// one-chapter pack said "1 chapters" on the welcome and home).
func Chapters(n int) string {
	if n == 1 {
		return "1 chapter"
	}
	return fmt.Sprintf("%d chapters", n)
}

// PackOf is the manifest of the pack a chapter or lab belongs to.
func (c *Course) PackOf(id string) (*Pack, bool) {
	for _, p := range c.Packs {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// StarterFS is the folder a lab's starters are read from, and the lab's id
// in it.
func (c *Course) StarterFS(l *Lab) (fs.FS, string) {
	if p, ok := c.PackOf(l.Pack); ok && p.fsys != nil {
		return p.fsys, l.LocalID
	}
	return Embedded(), l.LocalID
}

// Manifest makes the manifest of a folder without a pack.yaml: its id from
// the folder's name, and the mode it has always had (in the guide's place).
// The caller warns with NoManifestHelp.
func (c *Course) Manifest(fsys fs.FS, folder string) {
	if len(c.Packs) > 0 {
		return
	}
	p := &Pack{ID: DeriveID(folder), Title: c.Title, Welcome: c.Welcome, Mode: ModeReplace, Derived: true, fsys: fsys}
	c.Packs = []*Pack{p}
	for _, ch := range c.Chapters {
		ch.Pack = p.ID
	}
	for _, l := range c.Labs() {
		l.Pack = p.ID
	}
}
