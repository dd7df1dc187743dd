package progress

// Overview is everything `progress --json` reports: the Snapshot, the
// StudyLog and the lab records, read in one transaction per pack (one for
// a Store without other packs), where the three used to open the file
// three times.
type Overview struct {
	Snapshot *Snapshot
	Log      *StudyLog
	Labs     map[string]LabRecord // of s's own pack, by lab id
}

// Overview reads s's overview. A missing file is an empty one.
func (s *Store) Overview() (*Overview, error) {
	ov := &Overview{Snapshot: newSnapshot(), Log: newStudyLog(), Labs: map[string]LabRecord{}}
	err := s.eachPack(func(sub *Store, prefix string) error {
		return sub.viewIfThere(func(sc *scoped) error {
			if prefix == "" {
				if err := snapshotTx(sc, ov.Snapshot); err != nil {
					return err
				}
				if err := labRecordsTx(sc, ov.Labs); err != nil {
					return err
				}
			} else {
				ps := newSnapshot()
				if err := snapshotTx(sc, ps); err != nil {
					return err
				}
				mergePack(ov.Snapshot, ps, sub.pack)
			}
			return studyLogTx(sc, ov.Log, prefix)
		})
	})
	if err != nil {
		return nil, err
	}
	return ov, nil
}
