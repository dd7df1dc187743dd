package progress

import "fmt"

// Snapshot reads everything the home screen needs in one transaction. A
// missing file is not an error: it is a learner with no progress yet.
func (s *Store) Snapshot() (*Snapshot, error) {
	snap := &Snapshot{Chapters: map[string]ChapterRecord{}}
	err := s.view(func(sc *scoped) error {
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
				return &DamagedError{Path: s.path, Reason: fmt.Sprintf("chapter %q: %v", k, err)}
			}
			snap.Chapters[string(k)] = r
			return nil
		})
	})
	if isMissing(err) {
		snap, err = &Snapshot{Chapters: map[string]ChapterRecord{}}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := s.mergePacks(snap); err != nil {
		return nil, err
	}
	return snap, nil
}

// SaveReading records the reading position of a chapter: Line is where the
// learner is now, Furthest only ever grows. Out-of-range values are clamped
// (a viewport can briefly report -1 or 101 while resizing; that is not worth
// losing a save over). It also makes this chapter the "Continue" target.
// Call it on leaving a chapter or on a debounce, not per scroll step: each
// call is an fsync.
func (s *Store) SaveReading(chapterID, contentHash string, line, percent int) error {
	if err := checkID("chapter id", chapterID); err != nil {
		return err
	}
	return s.updateScoped(func(sc *scoped) error { return readingTx(sc, chapterID, contentHash, line, percent) })
}

func readingTx(sc *scoped, chapterID, contentHash string, line, percent int) error {
	line = max(line, 0)
	percent = min(max(percent, 0), 100)
	r, err := getChapter(sc, chapterID)
	if err != nil {
		return err
	}
	r.ContentHash = contentHash
	r.Line = line
	r.Furthest = max(r.Furthest, percent)
	if err := putChapter(sc, r); err != nil {
		return err
	}
	return putLast(sc, Place{Screen: "chapter", ChapterID: chapterID})
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
