package progress

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Snapshot reads everything the home screen needs in one transaction. A
// missing file is not an error: it is a learner with no progress yet.
func (s *Store) Snapshot() (*Snapshot, error) {
	snap := newSnapshot()
	err := s.view(func(sc *scoped) error { return snapshotTx(sc, snap) })
	if isMissing(err) {
		snap, err = newSnapshot(), nil
	}
	if err != nil {
		return nil, err
	}
	if err := s.mergePacks(snap); err != nil {
		return nil, err
	}
	return snap, nil
}

func newSnapshot() *Snapshot {
	return &Snapshot{Chapters: map[string]ChapterRecord{}, Questions: map[string]map[string]QuestionSummary{}}
}

// snapshotTx reads sc's part of a Snapshot into snap.
func snapshotTx(sc *scoped, snap *Snapshot) error {
	if err := readSummaries(sc, "", snap.Questions); err != nil {
		return err
	}
	if sc.profile != nil {
		snap.Welcomed = sc.profile.Get(keyWelcomed) != nil
		p, ok, err := getLast(sc)
		if err != nil {
			return err
		}
		if ok {
			snap.Last = &p
		}
	}
	if sc.chapters == nil {
		return nil
	}
	return sc.chapters.ForEach(func(k, v []byte) error {
		r, err := decodeChapter(v)
		if err != nil {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q: %v", k, err)}
		}
		snap.Chapters[string(k)] = r
		return nil
	})
}

// SaveReading records the reading position of a chapter: Line is where the
// learner is now (with no Word: restored by line), Furthest only ever
// grows. Out-of-range values are clamped (a viewport can briefly report -1
// or 101 while resizing; that is not worth losing a save over). It also makes this chapter the "Continue" target.
// Call it on leaving a chapter or on a debounce, not per scroll step: each
// call is an fsync.
func (s *Store) SaveReading(chapterID, contentHash string, line, percent int) error {
	if err := checkID("chapter id", chapterID); err != nil {
		return err
	}
	return s.updateScoped(func(sc *scoped) error {
		return readingTx(sc, Op{Kind: OpReading, Chapter: chapterID, ContentHash: contentHash, Line: line, Percent: percent})
	})
}

func readingTx(sc *scoped, op Op) error {
	line := max(op.Line, 0)
	percent := min(max(op.Percent, 0), 100)
	r, err := getChapter(sc, op.Chapter)
	if err != nil {
		return err
	}
	r.ContentHash = op.ContentHash
	r.Line, r.Word = line, op.Word // checkOp bounds Word; SaveReading's 0 is "by line"
	r.Furthest = max(r.Furthest, percent)
	r.Sections = ReadSections(r.Sections, op.Sections, op.Passed)
	if err := putChapter(sc, r); err != nil {
		return err
	}
	return putLast(sc, Place{Screen: "chapter", ChapterID: op.Chapter})
}

// MaxWord bounds a reading position in words (ChapterRecord.Word): a
// chapter is at most content.MaxFileSize (1 MiB), so it holds fewer words
// than this, and a larger one is a damaged or hostile record.
const MaxWord = 1 << 22

func checkWord(w int) error {
	if w < 0 || w > MaxWord {
		return fmt.Errorf("reading position word %d is outside 0-%d", w, MaxWord)
	}
	return nil
}

// MaxSections bounds the sections of a chapter a record keeps hashes of
// (a 1 MiB chapter of headings has ~75,000): a reading save may carry no
// more (callers send none past it, and the flag is simply not kept).
const MaxSections = 4096

func checkSectionHash(h string) error {
	if h == "" || len(h) > 64 || strings.ContainsAny(h, ", ") {
		return fmt.Errorf("section hash %q is not a hash", h)
	}
	return nil
}

// ReadSections is what a chapter record's Sections becomes when the
// learner reads the chapter whose sections are now current (hashes in
// order) and reads past the first passed of them: those count as read in
// their current version, the rest keep the state they had. In a record
// with none yet ("": first read, or written before schema 4) the whole
// current text counts as read: there is nothing to compare it with, so it
// is never called updated. Without current hashes it stays as it was.
func ReadSections(stored string, current []string, passed int) string {
	if len(current) == 0 || len(current) > MaxSections {
		return stored
	}
	if stored == "" {
		return strings.Join(current, ",")
	}
	read := map[string]bool{}
	for _, h := range strings.Split(stored, ",") {
		read[h] = true
	}
	var out []string
	for i, h := range current {
		if i < passed || read[h] {
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return "-" // none read in its current version; never a hash
	}
	return strings.Join(out, ",")
}

// checkNoticed checks an OpNoticed of the many-chapter form.
func checkNoticed(op Op) error {
	if op.Chapter != "" || op.ContentHash != "" {
		return errors.New("noticed change names chapters twice (chapter and noticed_chapters)")
	}
	if len(op.Noticed) > MaxNoticed {
		return fmt.Errorf("noticed change names %d chapters (max %d)", len(op.Noticed), MaxNoticed)
	}
	for _, n := range op.Noticed {
		if n.Pack != "" {
			if err := CheckName("pack", n.Pack); err != nil {
				return err
			}
		}
		if err := checkID("chapter id", n.Chapter); err != nil {
			return err
		}
		if err := checkID("content hash", n.Hash); err != nil {
			return err
		}
	}
	return nil
}

// routeNoticed is noticed with each "PACK/CHAPTER" of one of s's other
// packs named by its pack and plain id (routeOp, chapter by chapter).
func (s *Store) routeNoticed(noticed []NoticedChapter) []NoticedChapter {
	out := slices.Clone(noticed)
	for i, n := range out {
		if n.Pack != "" {
			continue
		}
		if t, id := s.route(n.Chapter); t != s {
			out[i].Pack, out[i].Chapter = t.pack, id
		}
	}
	return out
}

// noticedTx records that home told the learner what changed in chapter,
// at content hash.
func noticedTx(sc *scoped, chapter, hash string) error {
	r, err := getChapter(sc, chapter)
	if err != nil {
		return err
	}
	r.Noticed = hash
	return putChapter(sc, r)
}

// SaveLast records where the learner is, for "Continue". Screen must be
// "chapter" or "quiz".
func (s *Store) SaveLast(p Place) error {
	if err := validatePlace(p); err != nil {
		return err
	}
	return s.updateScoped(func(sc *scoped) error { return putLast(sc, p) })
}

// SetWelcomed records that the first-run welcome has been dismissed.
func (s *Store) SetWelcomed() error {
	return s.updateScoped(welcomedTx)
}

func welcomedTx(sc *scoped) error { return sc.profile.Put(keyWelcomed, []byte("1")) }

// getChapter returns the chapter's record, or a zero one with the id set.
func getChapter(sc *scoped, id string) (ChapterRecord, error) {
	if sc.chapters != nil {
		if raw := sc.chapters.Get([]byte(id)); raw != nil {
			r, err := decodeChapter(raw)
			if err != nil {
				return ChapterRecord{}, &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q: %v", id, err)}
			}
			return r, nil
		}
	}
	return ChapterRecord{ID: id}, nil
}

func putChapter(sc *scoped, r ChapterRecord) error {
	raw, err := encodeChapter(r)
	if err != nil {
		return err
	}
	return sc.chapters.Put([]byte(r.ID), raw)
}

// The last place is the profile's, not a pack's (a learner is in one place
// at a time), so it names its pack; Snapshot shows it only to that pack.
func putLast(sc *scoped, p Place) error {
	raw, err := encodePlace(p, sc.pack)
	if err != nil {
		return err
	}
	return sc.profile.Put(keyLast, raw)
}

// getLast is the profile's last place if it is in sc's pack.
func getLast(sc *scoped) (Place, bool, error) {
	raw := sc.profile.Get(keyLast)
	if raw == nil {
		return Place{}, false, nil
	}
	p, pack, err := decodePlace(raw)
	if err != nil {
		return Place{}, false, &DamagedError{Path: sc.path, Reason: err.Error()}
	}
	return p, pack == sc.pack, nil
}
