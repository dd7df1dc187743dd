package progress

import (
	"testing"
	"time"
)

// Proves: StudyLog reads the question summaries, the quarter hours studied
// (quiz and review answers) and the cards of the base pack and the other
// packs (their chapter ids prefixed), and a fresh file is an empty log.
func TestStudyLog(t *testing.T) {
	s := cardStore(t)
	m, err := s.WithPacks([]string{"docker"})
	must(t, err)
	quizAnswer(t, m, "http", "q1", false, day0)
	quizAnswer(t, m, "docker/run", "d1", true, day0.Add(time.Hour))
	_, err = m.Apply(reviewOp("http", "q1", true, day0.Add(48*time.Hour)))
	must(t, err)

	log, err := m.StudyLog()
	must(t, err)
	if q := log.Questions["http"]["q1"]; q.Answered != 1 || q.Missed != 1 || !q.Last.Equal(day0) {
		t.Errorf("http q1 = %+v", log.Questions["http"])
	}
	if q := log.Questions["docker/run"]["d1"]; q.Answered != 1 || q.Missed != 0 || !q.Last.Equal(day0.Add(time.Hour)) {
		t.Errorf("docker/run d1 = %+v", log.Questions)
	}
	slots := map[time.Time]bool{}
	for _, at := range log.Studied {
		slots[at] = true
	}
	for _, at := range []time.Time{day0, day0.Add(time.Hour), day0.Add(48 * time.Hour)} {
		if !slots[at.Truncate(15*time.Minute).UTC()] {
			t.Errorf("Studied %v lacks %v", log.Studied, at)
		}
	}
	chapters := map[string]string{}
	for _, c := range log.Cards {
		chapters[c.QuestionID] = c.ChapterID
	}
	if len(log.Cards) != 2 || chapters["q1"] != "http" || chapters["d1"] != "docker/run" {
		t.Errorf("Cards = %+v", log.Cards)
	}

	empty, err := cardStore(t).StudyLog()
	must(t, err)
	if len(empty.Questions) != 0 || len(empty.Cards) != 0 || len(empty.Studied) != 0 {
		t.Errorf("fresh file: %+v", empty)
	}
}
