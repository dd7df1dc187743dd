package progress

import (
	"fmt"
	"strings"
	"time"
)

// StudyLog is what the stats (internal/stats) read beyond the chapter
// summaries: the question summaries, the quarter hours studied (quiz and
// review answers), and every review card, across s's packs, with chapter
// ids as in Snapshot ("PACK/CHAPTER" for another pack's chapter). Each pack
// is read in one transaction; none of it grows with the number of answers
// (100,000 answers used to mean decoding every attempt: ~210 ms).
type StudyLog struct {
	Questions map[string]map[string]QuestionSummary // by chapter id, then question id
	Studied   []time.Time                           // the start of each quarter hour with an answer (unordered)
	Cards     []ReviewCard
}

func newStudyLog() *StudyLog {
	return &StudyLog{Questions: map[string]map[string]QuestionSummary{}}
}

// StudyLog reads the scope's study log. A missing file is an empty log.
func (s *Store) StudyLog() (*StudyLog, error) {
	log := newStudyLog()
	if err := s.eachPack(func(sub *Store, prefix string) error {
		return sub.viewIfThere(func(sc *scoped) error { return studyLogTx(sc, log, prefix) })
	}); err != nil {
		return nil, err
	}
	return log, nil
}

// eachPack runs fn on s's own pack (prefix "") and then each of its other
// packs (prefix "PACK/").
func (s *Store) eachPack(fn func(sub *Store, prefix string) error) error {
	if err := fn(s, ""); err != nil {
		return err
	}
	for _, pack := range s.packs {
		if err := fn(&Store{shared: s.shared, profile: s.profile, pack: pack}, pack+"/"); err != nil {
			return err
		}
	}
	return nil
}

// viewIfThere is view, with a missing file read as empty.
func (s *Store) viewIfThere(fn func(sc *scoped) error) error {
	if err := s.view(fn); err != nil && !isMissing(err) {
		return err
	}
	return nil
}

// studyLogTx adds sc's pack to log, its chapter ids prefixed by prefix.
func studyLogTx(sc *scoped, log *StudyLog, prefix string) error {
	if err := readSummaries(sc, prefix, log.Questions); err != nil {
		return err
	}
	studied, err := readStudied(sc)
	if err != nil {
		return err
	}
	log.Studied = append(log.Studied, studied...)
	if sc.cards == nil {
		return nil
	}
	c := sc.cards.Cursor()
	for k, v := c.Seek([]byte{cardPrefix}); k != nil && k[0] == cardPrefix; k, v = c.Next() {
		card, err := decodeCard(v)
		if err != nil {
			return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review card %q: %v", k[1:], err)}
		}
		card.QuestionID = string(k[1:])
		if !strings.HasPrefix(card.ChapterID, prefix) {
			card.ChapterID = prefix + card.ChapterID
		}
		log.Cards = append(log.Cards, card)
	}
	return nil
}
