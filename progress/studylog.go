package progress

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// StudyLog is what the stats (internal/stats) read beyond the chapter
// summaries: every attempt with its answers, the time of every review
// answer, and every review card, across s's packs, with chapter ids as in
// Snapshot ("PACK/CHAPTER" for another pack's chapter). Each pack is read
// in one transaction.
type StudyLog struct {
	Attempts map[string][]Attempt // by chapter id, oldest first
	Reviews  []time.Time          // when each review answer was given
	Cards    []ReviewCard
}

// StudyLog reads the scope's study log. A missing file is an empty log.
func (s *Store) StudyLog() (*StudyLog, error) {
	log := &StudyLog{Attempts: map[string][]Attempt{}}
	if err := s.studyLog(log, ""); err != nil {
		return nil, err
	}
	for _, pack := range s.packs {
		sub := &Store{shared: s.shared, profile: s.profile, pack: pack}
		if err := sub.studyLog(log, pack+"/"); err != nil {
			return nil, err
		}
	}
	return log, nil
}

// studyLog adds s's own pack to log, its chapter ids prefixed by prefix.
func (s *Store) studyLog(log *StudyLog, prefix string) error {
	attempts := map[string][]Attempt{}
	err := s.view(func(sc *scoped) error {
		if sc.attempts != nil {
			if err := decodeHistory(sc.attempts, s.path, attempts); err != nil {
				return err
			}
		}
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
		for k, v := c.Seek([]byte{reviewPrefix}); k != nil && k[0] == reviewPrefix; k, v = c.Next() {
			var a struct {
				At time.Time `json:"at"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				return &DamagedError{Path: sc.path, Reason: fmt.Sprintf("review answer %q: %v", k[1:], err)}
			}
			log.Reviews = append(log.Reviews, a.At)
		}
		return nil
	})
	if isMissing(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for id, as := range attempts {
		for i := range as {
			as[i].ChapterID = prefix + as[i].ChapterID
		}
		log.Attempts[prefix+id] = append(log.Attempts[prefix+id], as...)
	}
	return nil
}
