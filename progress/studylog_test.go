package progress

import (
	"testing"
	"time"
)

// Proves: StudyLog reads every attempt answer, review answer time and card
// of the base pack and the other packs (their chapter ids prefixed), and a
// fresh file is an empty log.
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
	if as := log.Attempts["http"]; len(as) != 1 || len(as[0].Answers) != 1 || as[0].Answers[0].QuestionID != "q1" || as[0].ChapterID != "http" {
		t.Errorf("http attempts = %+v", as)
	}
	if as := log.Attempts["docker/run"]; len(as) != 1 || as[0].ChapterID != "docker/run" || !as[0].Answers[0].At.Equal(day0.Add(time.Hour)) {
		t.Errorf("docker/run attempts = %+v", as)
	}
	if len(log.Reviews) != 1 || !log.Reviews[0].Equal(day0.Add(48*time.Hour)) {
		t.Errorf("Reviews = %v", log.Reviews)
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
	if len(empty.Attempts) != 0 || len(empty.Cards) != 0 || len(empty.Reviews) != 0 {
		t.Errorf("fresh file: %+v", empty)
	}
}
