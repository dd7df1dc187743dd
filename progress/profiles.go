package progress

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	bolt "go.etcd.io/bbolt"
)

// ProfileSummary is what the profile picker shows of one profile.
type ProfileSummary struct {
	Name    string // the profile
	Learner string // the learner's name, "" when none was given
	// LastActivity is the latest time the profile practised in any of
	// its packs: a quiz attempt started or finished or answered, a review
	// answer (to its quarter hour: the studied slots), a lab check; zero
	// when there is none. Reading saves carry no time, so reading alone
	// is not activity here, and the picker says "last practice", not
	// "last active".
	LastActivity time.Time
}

// ProfileSummaries lists the file's profiles by name, each with its
// learner and last activity, in one read transaction: every profile but
// an untouched "default" (every new file has one, and a learner who
// always used --profile never used it, so it is no one's). It reads one attempt
// per chapter (the newest: attempt ids grow), so it costs the same for a
// long history as for a short one. A missing file has no profiles.
func (s *Store) ProfileSummaries() ([]ProfileSummary, error) { return s.profileSummaries(true) }

// ProfileNames is ProfileSummaries without LastActivity: which profiles
// the file has, for a command deciding whose progress to open. Reading
// each chapter's newest attempt for the last activity was a tenth of
// `progress --json` on a file of 100,000 answers, and only the picker
// and the list of profiles shows it.
func (s *Store) ProfileNames() ([]ProfileSummary, error) { return s.profileSummaries(false) }

func (s *Store) profileSummaries(activity bool) ([]ProfileSummary, error) {
	var out []ProfileSummary
	err := s.eachProfile(func(name []byte, p *bolt.Bucket) error {
		sum := ProfileSummary{Name: string(name)}
		if sum.Name == DefaultProfile && untouched(p) {
			return nil
		}
		if v := p.Get(keyLearner); v != nil && CheckName("learner", string(v)) == nil {
			sum.Learner = string(v)
		}
		var err error
		if activity {
			sum.LastActivity, err = lastActivity(p)
		}
		out = append(out, sum)
		return err
	})
	if isMissing(err) {
		return nil, nil
	}
	slices.SortFunc(out, func(a, b ProfileSummary) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

// eachProfile runs fn on every profile bucket of the file, in one read
// transaction.
func (s *Store) eachProfile(fn func(name []byte, p *bolt.Bucket) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return withDB(s.path, true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			if _, err := readSchema(tx, s.path); err != nil {
				return err
			}
			profiles := tx.Bucket(bucketProfiles)
			if profiles == nil {
				return nil
			}
			return profiles.ForEachBucket(func(name []byte) error { return fn(name, profiles.Bucket(name)) })
		})
	})
}

// untouched reports whether profile bucket p holds nothing: no key but
// its packs, and no record in any pack.
func untouched(p *bolt.Bucket) bool {
	empty := true
	_ = p.ForEach(func(k, v []byte) error {
		if v != nil || string(k) != string(bucketPacks) {
			empty = false
			return nil
		}
		return p.Bucket(k).ForEachBucket(func(pack []byte) error {
			return p.Bucket(k).Bucket(pack).ForEachBucket(func(kind []byte) error {
				if b := p.Bucket(k).Bucket(pack).Bucket(kind); b == nil {
					empty = false
				} else if first, _ := b.Cursor().First(); first != nil {
					empty = false
				}
				return nil
			})
		})
	})
	return empty
}

// lastActivity is the latest time in the newest attempt of every chapter,
// the newest studied slot (answers and review answers) and every lab's
// latest check, of every pack of the profile bucket p.
func lastActivity(p *bolt.Bucket) (time.Time, error) {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	packs := p.Bucket(bucketPacks)
	if packs == nil {
		return last, nil
	}
	err := packs.ForEachBucket(func(pack []byte) error {
		seePractice(packs.Bucket(pack), see)
		attempts := packs.Bucket(pack).Bucket(bucketAttempts)
		if attempts == nil {
			return nil
		}
		return attempts.ForEachBucket(func(ch []byte) error {
			_, v := attempts.Bucket(ch).Cursor().Last()
			if v == nil {
				return nil
			}
			a, err := decodeAttempt(v)
			if err != nil {
				// Not this list's to report: the tutor's own checks
				// name a damaged record once the profile is open
				// (read-only), which an error here would prevent.
				return nil
			}
			see(a.Started)
			if a.Finished != nil {
				see(*a.Finished)
			}
			for _, x := range a.Answers {
				see(x.At)
			}
			return nil
		})
	})
	return last, err
}

// seePractice passes see the newest studied slot of pack bucket b (a
// review answer's quarter hour: review answers are keyed by id, so the
// slots are the one place their latest time is read without a scan) and
// each lab's latest check. What does not decode is skipped, as in
// lastActivity.
func seePractice(b *bolt.Bucket, see func(time.Time)) {
	if studied := b.Bucket(bucketStudied); studied != nil {
		if k, _ := studied.Cursor().Last(); len(k) == 8 {
			see(time.Unix(int64(binary.BigEndian.Uint64(k)), 0).UTC())
		}
	}
	labs := b.Bucket(bucketLabs)
	if labs == nil {
		return
	}
	_ = labs.ForEachBucket(func(lab []byte) error {
		var r LabRecord
		if v := labs.Bucket(lab).Get(keyLabRecord); v != nil && json.Unmarshal(v, &r) == nil && r.Last != nil {
			see(r.Last.At)
		}
		return nil
	})
}

// MaxNewProfileName bounds a name typed for a new profile, in characters.
const MaxNewProfileName = 40

// CheckNewProfileName checks a name a learner typed for a new profile and
// returns it trimmed of spaces at either end. It is stricter than
// CheckName (which also reads names made by older tutors): 1 to 40
// characters, letters, digits, spaces and - _ . ' only, and not the name of
// a profile in existing. Each error says what to type instead.
func CheckNewProfileName(name string, existing []string) (string, error) {
	name = strings.TrimSpace(name)
	if utf8.ValidString(name) {
		// One spelling of each letter: "é" typed as e and a combining
		// accent is the é of a name typed on another keyboard.
		name = norm.NFC.String(name)
	}
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return "", errors.New("type a name (your first name is fine)")
	case !utf8.ValidString(name):
		return "", errors.New("the name is not valid text; type it again")
	case n > MaxNewProfileName:
		return "", fmt.Errorf("the name is %d characters long; use at most %d", n, MaxNewProfileName)
	case len(name) > maxNameLen:
		// 40 characters of most scripts fit; 40 of Japanese or Hindi,
		// three bytes each, do not, and CheckName would refuse to save it.
		return "", fmt.Errorf("the name is too long for the progress file (%d bytes of text, at most %d): use fewer characters", len(name), maxNameLen)
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !strings.ContainsRune(" -_.'", r) {
			if unicode.IsPrint(r) {
				return "", fmt.Errorf("%q cannot be in a name: use letters, digits, spaces and - _ . '", r)
			}
			return "", fmt.Errorf("the name has a character that cannot be shown (%U): use letters, digits, spaces and - _ . '", r)
		}
	}
	if mixesAlphabets(name) {
		return "", errors.New("the name mixes Latin, Greek and Cyrillic letters, which can look alike (Latin A, Cyrillic А): type it in one alphabet")
	}
	if strings.Contains(name, "  ") {
		return "", errors.New("use one space between words")
	}
	// Names that differ only in case, accents' spelling or full-width
	// letters ("Ａｎｎ" from a Japanese keyboard) look alike in the list.
	for _, e := range existing {
		if strings.EqualFold(norm.NFKC.String(e), norm.NFKC.String(name)) {
			return "", fmt.Errorf("there is a profile named %q already: choose it from the list, or type another name", e)
		}
	}
	return name, nil
}

// mixesAlphabets reports whether name has letters of more than one of the
// Latin, Greek and Cyrillic alphabets, whose look-alikes (Latin A, Greek
// Α, Cyrillic А) would give two profiles that read the same in the list.
// Other scripts mix as their writing does (Japanese: kanji and kana).
func mixesAlphabets(name string) bool {
	var seen *unicode.RangeTable
	for _, r := range name {
		for _, t := range []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic} {
			if unicode.Is(t, r) {
				if seen != nil && seen != t {
					return true
				}
				seen = t
			}
		}
	}
	return false
}
