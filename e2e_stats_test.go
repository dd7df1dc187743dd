package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/progress"
)

// The real binary: the stats screen shows the time saved for a chapter
// (12 min reading, 3 min in its quiz) and "—" as the best score of a quiz
// never finished; a weakest question shows its section, ↓ picks it, enter
// opens the reader at that section and esc comes back to the stats. After
// quitting, progress --json keeps at least the time saved, as numbers.
func TestRealTerminalStatsScreen(t *testing.T) {
	needTmux(t)
	db := filepath.Join(t.TempDir(), "p.db")
	course, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := course.Chapter("http-essentials")
	var qu *content.Question
	for _, q := range ch.Quiz.Questions {
		if strings.HasPrefix(q.Prompt, "Which cookie attribute") {
			qu = q
		}
	}
	if qu == nil {
		t.Fatal("the guide's cookie question is gone; pick another")
	}
	sec := search.SectionOf(ch, qu)
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	sess := progress.NewID()
	for i, op := range []progress.Op{
		{Kind: progress.OpReading, Chapter: ch.ID, ContentHash: ch.Hash, Percent: 30, ReadingS: 12 * 60},
		{Kind: progress.OpAnswer, Chapter: ch.ID, AttemptUID: progress.NewID(), Order: []string{qu.ID}, QuizS: 3 * 60,
			Answer: &progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: []string{"x"}, At: time.Now()}},
	} {
		op.TimeSession, op.TimeSeq = sess, uint64(i+1)
		if _, err := s.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, "--db", db)
	tm.waitFor("Continue:")
	tm.keys("s")
	tm.waitFor("Your progress", "Time: read 12 min · quiz 3 min")
	tm.keys("Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down")
	tm.waitFor("HTTP essentials", "— · 0 tries · 1 answered", "read 12 min · quiz 3 min")
	tm.keys("G")
	tm.waitFor("Weakest questions", "missed 1× · chapter 3 › "+sec.Text[:20])
	tm.keys("Down")
	tm.waitFor("› Which cookie attribute", "enter read its section")
	tm.keys("Enter")
	tm.waitFor("Chapter 3 of 16", sec.Text)
	tm.keys("Escape")
	tm.waitFor("Your progress", "Weakest questions")
	tm.keys("C-c")
	if st := tm.exited(); st != "0" {
		t.Fatalf("exit status %s", st)
	}
	out, err := exec.Command(binPath, "--db", db, "progress", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Chapters []struct {
			ID        string `json:"id"`
			BestScore *int   `json:"best_score"`
			ReadingS  int64  `json:"time_reading_s"`
			QuizS     int64  `json:"time_quiz_s"`
		} `json:"chapters"`
		Total struct {
			ReadingS int64 `json:"time_reading_s"`
			QuizS    int64 `json:"time_quiz_s"`
		} `json:"total"`
		Weakest []struct {
			Section     string `json:"section"`
			SectionLine int    `json:"section_line"`
		} `json:"weakest"`
	}
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	c := p.Chapters[course.Index(ch.ID)]
	if c.ReadingS < 12*60 || c.QuizS != 3*60 || c.BestScore == nil || *c.BestScore != 0 ||
		p.Total.ReadingS != c.ReadingS || p.Total.QuizS != c.QuizS {
		t.Errorf("progress --json: chapter %+v, total %+v", c, p.Total)
	}
	if len(p.Weakest) != 1 || p.Weakest[0].Section != sec.Text || p.Weakest[0].SectionLine != sec.Line {
		t.Errorf("weakest = %+v, want the section %+v", p.Weakest, sec)
	}
	table, err := exec.Command(binPath, "--db", db, "progress").Output()
	if err != nil {
		t.Fatal(err)
	}
	if row := strings.Split(string(table), "\n")[3]; !strings.Contains(row, "HTTP") || !strings.Contains(row, "—") {
		t.Errorf("the progress table's HTTP row shows no \"—\":\n%s", table)
	}
}
