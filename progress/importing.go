package progress

import (
	"fmt"
	"maps"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Imported is what `backend-tutor import` merges into a profile and pack:
// the furthest point read per chapter and attempts from an export, each
// attempt's UID and answers' IDs set to the AttemptKey and AnswerKey the
// export gave them. Merging is idempotent: an attempt is found again by its
// key and an answer by its id, so importing one file twice adds nothing.
type Imported struct {
	Read     map[string]int // chapter id → furthest percent read
	Attempts []Attempt
}

// ImportResult counts what an import added.
type ImportResult struct {
	Attempts int // attempts new to the file
	Answers  int // answers new to the file (in new or known attempts)
	Chapters int // chapters whose furthest point read grew
	// Capped counts the times (attempts started or finished, answers)
	// dated after the import's now plus ImportClockSlack, set to now.
	Capped int
}

// ImportClockSlack is how far ahead of the importing computer's clock an
// export's times may be and be kept: two computers' clocks a few minutes
// apart are normal. A time further ahead (a lab machine with its clock
// set a year ahead) is set to the import's now, or it would count as the
// latest answer until that date came, and a studied day that has not
// happened yet.
const ImportClockSlack = 10 * time.Minute

// Import merges in into the Store's profile and pack (ImportPacks with
// one pack and no learner name, at the current time).
func (s *Store) Import(in Imported) (ImportResult, error) {
	return s.ImportPacks(map[string]Imported{s.pack: in}, "", time.Now())
}

// capFuture sets every time of in after now plus ImportClockSlack to now,
// on copies (in's attempts and answers are the caller's). capped names
// what it changed ("s"/"f" and an attempt's UID for its start or finish,
// "a" and an answer's ID), so only what the import adds is counted.
func capFuture(in Imported, now time.Time) (out Imported, capped map[string]bool) {
	limit := now.Add(ImportClockSlack)
	capped = map[string]bool{}
	fix := func(t *time.Time, key string) {
		if t.After(limit) {
			*t = now
			capped[key] = true
		}
	}
	out = in
	out.Attempts = slices.Clone(in.Attempts)
	for i := range out.Attempts {
		a := &out.Attempts[i]
		fix(&a.Started, "s"+a.UID)
		if a.Finished != nil {
			f := *a.Finished
			fix(&f, "f"+a.UID)
			a.Finished = &f
		}
		a.Answers = slices.Clone(a.Answers)
		for j := range a.Answers {
			fix(&a.Answers[j].At, "a"+a.Answers[j].ID)
		}
	}
	return out, capped
}

// ImportPacks merges in (by pack) into the Store's profile, and names the
// profile's learner when it has no name yet and learner is not "". It is
// all or nothing: every attempt of every pack is checked first, and then
// everything is written in ONE transaction, so an attempt refused in the
// last pack (or a full disk) leaves the file as it was — no pack half
// imported. One transaction is also one fsync: an export is at most
// 256 MB (classreport's limit), which bbolt holds in memory without
// trouble. Unfinished attempts come in abandoned (their answers count, but
// they are not resumed here). A time outside the years the file keeps
// (CheckTime) is refused; one after now plus ImportClockSlack is set to
// now and counted (ImportResult.Capped).
func (s *Store) ImportPacks(in map[string]Imported, learner string, now time.Time) (ImportResult, error) {
	var res ImportResult
	packs := slices.Sorted(maps.Keys(in))
	capped := map[string]map[string]bool{}
	in = maps.Clone(in)
	for _, pack := range packs {
		if err := CheckName("pack", pack); err != nil {
			return res, refused("import: %w", err)
		}
		// Checked as the file has them (a year outside 1970-2200 is
		// refused, not set to now: that is a clock gone wrong or a
		// damaged file, not one a little ahead), then capped.
		if err := checkImported(in[pack]); err != nil {
			return res, err
		}
		in[pack], capped[pack] = capFuture(in[pack], now)
	}
	if learner != "" {
		if err := CheckName("learner", learner); err != nil {
			return res, refused("import: %w", err)
		}
	}
	err := s.update(func(tx *bolt.Tx) error {
		res = ImportResult{}
		for _, pack := range packs {
			sc, err := updateScope(tx, s.path, s.profile, pack)
			if err != nil {
				return err
			}
			if err := importTx(sc, in[pack], capped[pack], &res); err != nil {
				return err
			}
		}
		if learner == "" {
			return nil
		}
		sc, err := updateScope(tx, s.path, s.profile, s.pack)
		if err != nil {
			return err
		}
		if sc.profile.Get(keyLearner) != nil {
			return nil
		}
		return sc.profile.Put(keyLearner, []byte(learner))
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// checkImported checks one pack's import before anything is written.
func checkImported(in Imported) error {
	for ch, p := range in.Read {
		if err := checkID("chapter id", ch); err != nil {
			return refused("import: %w", err)
		}
		if err := checkPercent("read percent of chapter "+fmt.Sprintf("%q", ch), p); err != nil {
			return refused("import: %w", err)
		}
	}
	for i, a := range in.Attempts {
		probe := a
		probe.ID = 1
		if err := validateAttempt(probe); err != nil {
			return refused("import: attempt %d (%s): %w", i+1, a.UID, err)
		}
		if err := checkID("attempt id", a.UID); err != nil {
			return refused("import: attempt %d: %w", i+1, err)
		}
		if err := CheckTime("its start", a.Started); err != nil {
			return refused("import: attempt %d: %w", i+1, err)
		}
		if a.Finished != nil {
			if err := CheckTime("its finish", *a.Finished); err != nil {
				return refused("import: attempt %d: %w", i+1, err)
			}
		}
		for j, x := range a.Answers {
			if x.ID == "" {
				return refused("import: attempt %d answer %d has no id", i+1, j+1)
			}
			if err := checkSummarised(x); err != nil {
				return refused("import: attempt %d answer %d: %w", i+1, j+1, err)
			}
		}
		if a.Finished != nil && a.Abandoned {
			return refused("import: attempt %d is both finished and abandoned", i+1)
		}
	}
	return nil
}

// importTx merges one pack's import inside the caller's transaction.
func importTx(sc *scoped, in Imported, capped map[string]bool, res *ImportResult) error {
	for ch, p := range in.Read {
		r, err := getChapter(sc, ch)
		if err != nil {
			return err
		}
		if p <= r.Furthest {
			continue
		}
		r.Furthest = p
		if err := putChapter(sc, r); err != nil {
			return err
		}
		res.Chapters++
	}
	known := map[string]map[string]uint64{}
	for _, a := range in.Attempts {
		if err := importAttemptTx(sc, a, known, capped, res); err != nil {
			return err
		}
	}
	// The touched chapters' question summaries, from their history as it
	// is now (answers merged in any order).
	hist := map[string][]Attempt{}
	for ch := range known {
		b := attemptBucket(sc, ch)
		if b == nil {
			continue
		}
		err := b.ForEach(func(k, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", ch, k, err)}
			}
			hist[ch] = append(hist[ch], a)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return rebuildSummaries(sc, hist)
}

// attemptKeys maps the chapter's attempts' keys to their ids, read once
// per transaction.
func attemptKeys(sc *scoped, chapter string, known map[string]map[string]uint64) (map[string]uint64, error) {
	if m, ok := known[chapter]; ok {
		return m, nil
	}
	m := map[string]uint64{}
	if b := attemptBucket(sc, chapter); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("chapter %q attempt %x: %v", chapter, k, err)}
			}
			m[AttemptKey(a)] = a.ID
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	known[chapter] = m
	return m, nil
}

// importAttemptTx merges one attempt: a new one is stored under the next
// id with its own times; a known one gets the answers it lacks and, if
// the import finished it, its finish.
func importAttemptTx(sc *scoped, in Attempt, known map[string]map[string]uint64, capped map[string]bool, res *ImportResult) error {
	keys, err := attemptKeys(sc, in.ChapterID, known)
	if err != nil {
		return err
	}
	r, err := getChapter(sc, in.ChapterID)
	if err != nil {
		return err
	}
	var at Attempt
	fresh := false
	if id, ok := keys[in.UID]; ok {
		if at, err = getAttempt(sc, in.ChapterID, id); err != nil {
			return err
		}
	} else {
		b, err := sc.attempts.CreateBucketIfNotExists([]byte(in.ChapterID))
		if err != nil {
			return err
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		at = in
		at.ID, at.Answers, at.Finished, at.Score, at.Passed = id, []Answer{}, nil, 0, false
		at.Order = slices.Clone(in.Order)
		at.Abandoned = in.Finished == nil
		keys[in.UID] = id
		fresh = true
		res.Attempts++
		if capped["s"+in.UID] {
			res.Capped++
		}
	}
	have := make(map[string]bool, len(at.Answers))
	asked := make(map[string]bool, len(at.Answers))
	for i, k := range AnswerKeys(at) {
		have[k] = true
		asked[at.Answers[i].QuestionID] = true
	}
	for _, x := range in.Answers {
		if have[x.ID] {
			continue
		}
		if !slices.Contains(at.Order, x.QuestionID) {
			return refused("import: question %q is not part of attempt %s of chapter %q", x.QuestionID, in.UID, in.ChapterID)
		}
		x.Given = slices.Clone(x.Given)
		at.Answers = append(at.Answers, x)
		have[x.ID] = true
		res.Answers++
		if capped["a"+x.ID] {
			res.Capped++
		}
		if !asked[x.QuestionID] {
			asked[x.QuestionID] = true
			r.Answered++
		}
	}
	if in.Finished != nil && at.Finished == nil {
		fin := *in.Finished
		at.Finished, at.Score, at.Passed, at.Abandoned = &fin, in.Score, in.Passed, false
		if capped["f"+in.UID] {
			res.Capped++
		}
		r.Attempts++
		if fresh || r.LastScore == 0 {
			r.LastScore = in.Score
		}
		r.BestScore = max(r.BestScore, in.Score)
		r.LastScore = min(r.LastScore, r.BestScore)
		r.Passed = r.Passed || in.Passed
		if r.OpenAttempt == at.ID {
			r.OpenAttempt = 0
		}
	}
	if err := putAttempt(sc, at); err != nil {
		return err
	}
	return putChapter(sc, r)
}
