package progress

import (
	"slices"
	"strings"
)

// A tutor showing the guide and an instructor's packs together reads and
// writes several packs at once. Each pack's records stay in its own scope
// (profiles/<p>/packs/<pack>/...), so a pack chapter whose id is also a
// guide chapter's never picks up the guide's progress: the Store from
// WithPacks knows its own pack's chapters by their plain ids and every other
// pack's as "PACK/CHAPTER", and routes each change to the pack it names.

// WithPacks returns a Store for the same file, profile and pack that also
// reads and writes packs, whose chapters it knows as "PACK/CHAPTER".
func (s *Store) WithPacks(packs []string) (*Store, error) {
	for _, p := range packs {
		if err := CheckName("pack", p); err != nil {
			return nil, err
		}
	}
	return &Store{shared: s.shared, profile: s.profile, pack: s.pack, packs: slices.Clone(packs)}, nil
}

// Packs are the other packs s reads and writes (WithPacks).
func (s *Store) Packs() []string { return slices.Clone(s.packs) }

// route is the Store and plain chapter id for a chapter id that may name
// one of s's other packs.
func (s *Store) route(chapterID string) (*Store, string) {
	pack, id, ok := strings.Cut(chapterID, "/")
	if !ok || !slices.Contains(s.packs, pack) {
		return s, chapterID
	}
	return &Store{shared: s.shared, profile: s.profile, pack: pack}, id
}

// prefixOf is "PACK/" when op is a change to another pack's chapter.
func (s *Store) prefixOf(op Op) string {
	if op.Pack != "" {
		return ""
	}
	if t, _ := s.route(opChapter(op)); t != s {
		return t.pack + "/"
	}
	return ""
}

func opChapter(op Op) string {
	if op.Chapter == "" && op.Place != nil {
		return op.Place.ChapterID
	}
	return op.Chapter
}

// routeOp moves a change to a "PACK/CHAPTER" into that pack's scope, with
// the chapter's plain id.
func (s *Store) routeOp(op Op) Op {
	t, _ := s.route(opChapter(op))
	if t == s {
		return op
	}
	op.Pack = t.pack
	cut := len(t.pack) + 1
	if op.Chapter != "" {
		op.Chapter = op.Chapter[cut:]
	}
	if op.Place != nil && strings.HasPrefix(op.Place.ChapterID, t.pack+"/") {
		p := *op.Place
		p.ChapterID = p.ChapterID[cut:]
		op.Place = &p
	}
	return op
}

// qualifyApplied names the records an Apply left by the ids the caller
// used.
func qualifyApplied(res Applied, prefix string) Applied {
	if prefix == "" {
		return res
	}
	if res.Attempt.ChapterID != "" {
		res.Attempt.ChapterID = prefix + res.Attempt.ChapterID
	}
	if res.Record.ID != "" {
		res.Record.ID = prefix + res.Record.ID
	}
	return res
}

// mergePacks adds the other packs' records to snap, under "PACK/CHAPTER".
// The profile's last place is in one pack: whichever it names.
func (s *Store) mergePacks(snap *Snapshot) error {
	for _, pack := range s.packs {
		sub := &Store{shared: s.shared, profile: s.profile, pack: pack}
		ps, err := sub.Snapshot()
		if err != nil {
			return err
		}
		mergePack(snap, ps, pack)
	}
	return nil
}

// mergePack adds ps, pack's own snapshot, to snap.
func mergePack(snap, ps *Snapshot, pack string) {
	for id, r := range ps.Chapters {
		r.ID = pack + "/" + id
		snap.Chapters[r.ID] = r
	}
	for id, qs := range ps.Questions {
		snap.Questions[pack+"/"+id] = qs
	}
	if snap.Last == nil && ps.Last != nil {
		p := *ps.Last
		p.ChapterID = pack + "/" + p.ChapterID
		snap.Last = &p
	}
}
