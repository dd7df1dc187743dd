package linemode

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/progress"
)

func testRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

type env struct {
	course *content.Course
	path   string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	c, err := content.Load(os.DirFS("../testdata/course"))
	if err != nil {
		t.Fatal(err)
	}
	return &env{course: c, path: filepath.Join(t.TempDir(), "progress.db")}
}

func (e *env) store(t *testing.T) *progress.Store {
	t.Helper()
	s, err := progress.Open(e.path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// session runs line mode over input as a script would (not interactive),
// with the seeded generator, and returns everything it wrote.
func (e *env) run(t *testing.T, input string, body func(s *Session)) string {
	t.Helper()
	st := e.store(t)
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader(input), Out: &out, Rand: testRand()})
	body(s)
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	return out.String()
}

func (e *env) attempts(t *testing.T, ch string) []progress.Attempt {
	t.Helper()
	as, err := e.store(t).Attempts(ch)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// screen gives the 1-based number a question shows for file index orig.
func screen(shuffle []int, orig int) int {
	return slices.Index(shuffle, orig) + 1
}

// answerLines answers the fixture's quiz: for each kind one question right
// and one wrong (s1 right, s2 wrong, m1 right, m2 wrong, tf1 right, tf2
// wrong, ty1 right, ty2 wrong, o1 right, o2 wrong), in the screen
// positions a fresh attempt shuffled with the seeded generator shows.
func answerLines(t *testing.T, c *content.Course) []string {
	t.Helper()
	ch, _ := c.Chapter("alpha")
	sh := courserules.Shuffles(ch.Quiz.Questions, testRand())
	order := func(id string, want []int) string {
		var nums []string
		for _, orig := range want {
			nums = append(nums, fmt.Sprint(screen(sh[id], orig)))
		}
		return strings.Join(nums, " ")
	}
	return []string{
		fmt.Sprint(screen(sh["s1"], 0)),                                 // 443: right
		fmt.Sprint(screen(sh["s2"], 1)),                                 // DELETE: wrong
		fmt.Sprintf("%d, %d", screen(sh["m1"], 2), screen(sh["m1"], 0)), // SQLite, PostgreSQL: right
		fmt.Sprint(screen(sh["m2"], 0)),                                 // POST alone: wrong
		"f",                                                             // right
		"false",                                                         // wrong
		"  post ",                                                       // right
		"400",                                                           // wrong
		order("o1", []int{0, 1, 2, 3}),                                  // right
		order("o2", []int{2, 1, 0}),                                     // wrong
	}
}

var wantGiven = map[string]struct {
	given   []string
	correct bool
}{
	"s1":  {[]string{"443"}, true},
	"s2":  {[]string{"DELETE"}, false},
	"m1":  {[]string{"SQLite", "PostgreSQL"}, true},
	"m2":  {[]string{"POST"}, false},
	"tf1": {[]string{"False"}, true},
	"tf2": {[]string{"False"}, false},
	"ty1": {[]string{"post"}, true},
	"ty2": {[]string{"400"}, false},
	"o1":  {[]string{"DNS lookup", "TCP connect", "Send request", "Read response"}, true},
	"o2":  {[]string{"4xx", "3xx", "2xx"}, false},
}

// Every kind, right and wrong, from stdin through to the saved attempt.
func TestQuizEachKindSaved(t *testing.T) {
	e := newEnv(t)
	lines := answerLines(t, e.course)
	out := e.run(t, strings.Join(lines, "\n")+"\n", func(s *Session) { s.Quiz("alpha", Ask) })

	as := e.attempts(t, "alpha")
	if len(as) != 1 || as[0].Finished == nil {
		t.Fatalf("want one finished attempt, got %+v", as)
	}
	a := as[0]
	if len(a.Answers) != 10 {
		t.Fatalf("saved %d answers, want 10:\n%s", len(a.Answers), out)
	}
	for _, ans := range a.Answers {
		w := wantGiven[ans.QuestionID]
		if !slices.Equal(ans.Given, w.given) || ans.Correct != w.correct {
			t.Errorf("%s: saved %q correct=%v, want %q correct=%v", ans.QuestionID, ans.Given, ans.Correct, w.given, w.correct)
		}
	}
	if a.Score != 50 || a.Passed {
		t.Errorf("score %d passed %v, want 50 and not passed", a.Score, a.Passed)
	}
	snap, _ := e.store(t).Snapshot()
	if r := snap.Chapters["alpha"]; r.Attempts != 1 || r.Answered != 10 || r.OpenAttempt != 0 || r.BestScore != 50 {
		t.Errorf("chapter record %+v", r)
	}
	if snap.Last == nil || snap.Last.Screen != "chapter" || snap.Last.ChapterID != "alpha" {
		t.Errorf("last place %+v, want the chapter", snap.Last)
	}
	for _, want := range []string{
		"Question 1 of 10. Choose one answer.", "Tick every right answer", "True or false?", "Put these in order",
		"[right] Right!", "[wrong] Not quite. The answer: GET.", "The right order: 1. 2xx; 2. 3xx; 3. 4xx.",
		"Results: 5 of 10 right, not passed yet (7 right needed); 50%, the pass mark is 70%; missed: questions 2, 4, 6, 8, 10.",
		"You answered: 4xx, 3xx, 2xx.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The full-screen results use the same words for the right answer, in
	// the screen's order: here GET is the only right option of s2.
	if !strings.Contains(out, "The answer: GET.") {
		t.Errorf("s2's right answer not described:\n%s", out)
	}
}

// The end of input stops the quiz cleanly: the answers so far are saved,
// nothing is submitted for the question being asked, and the attempt stays
// open; --resume (and a script without flags) goes on from there.
func TestEndOfInputKeepsAnswersAndResumes(t *testing.T) {
	e := newEnv(t)
	lines := answerLines(t, e.course)
	out := e.run(t, strings.Join(lines[:3], "\n")+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	if !strings.Contains(out, "Stopped. 3 of 10 answered and saved") {
		t.Errorf("no stop message:\n%s", out)
	}
	as := e.attempts(t, "alpha")
	if len(as) != 1 || as[0].Finished != nil || len(as[0].Answers) != 3 {
		t.Fatalf("want one open attempt with 3 answers, got %+v", as)
	}
	if strings.Count(out, "Question 4 of 10") != 1 {
		t.Errorf("question 4 should be asked once and left unanswered:\n%s", out)
	}

	// A script without --resume or --new is never asked (a question would
	// eat an answer line): it resumes, and says so.
	out = e.run(t, strings.Join(lines[3:], "\n")+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	if !strings.Contains(out, "Resuming your unfinished attempt") || !strings.Contains(out, "You have answered 3 of them already.") {
		t.Errorf("resume not announced:\n%s", out)
	}
	if strings.Contains(out, "Question 3 of 10") || !strings.Contains(out, "Question 4 of 10") {
		t.Errorf("resumed at the wrong question:\n%s", out)
	}
	as = e.attempts(t, "alpha")
	if len(as) != 1 || as[0].Finished == nil || len(as[0].Answers) != 10 || as[0].Score != 50 {
		t.Fatalf("want the one attempt finished with 10 answers, got %+v", as)
	}
}

// --new abandons the open attempt: its answers stay in the history.
func TestStartNewAbandons(t *testing.T) {
	e := newEnv(t)
	lines := answerLines(t, e.course)
	e.run(t, lines[0]+"\n", func(s *Session) { s.Quiz("alpha", Ask) })
	e.run(t, "", func(s *Session) { s.Quiz("alpha", StartNew) })
	as := e.attempts(t, "alpha")
	if len(as) != 2 || !as[0].Abandoned || len(as[0].Answers) != 1 || as[1].Abandoned || len(as[1].Answers) != 0 {
		t.Fatalf("want the first attempt abandoned with its answer and a new open one, got %+v", as)
	}
}

// "?" says what can be typed (and the hint), an empty line repeats the
// question, a line that is not an answer is refused: none of them is saved.
func TestHelpRepeatAndRefusals(t *testing.T) {
	e := newEnv(t)
	ch, _ := e.course.Chapter("alpha")
	out := e.run(t, "?\n\n9\nabc\n1 2\n", func(s *Session) { s.Quiz("alpha", Ask) })
	if n := strings.Count(out, "Question 1 of 10."); n != 2 {
		t.Errorf("question shown %d times, want 2 (the empty line repeats it):\n%s", n, out)
	}
	if n := strings.Count(out, "Not an answer here: type one number, from 1 to 3."); n != 3 {
		t.Errorf("refusals: %d, want 3:\n%s", n, out)
	}
	if !strings.Contains(out, "Type the number of your answer.\nAn empty line repeats the question") {
		t.Errorf("? does not list what can be typed:\n%s", out)
	}
	if as := e.attempts(t, "alpha"); len(as) != 1 || len(as[0].Answers) != 0 {
		t.Fatalf("something was saved: %+v", as)
	}
	_ = ch
	// tf1 has a hint: ? shows it.
	lines := answerLines(t, e.course)
	out = e.run(t, strings.Join(lines[:4], "\n")+"\n?\n", func(s *Session) { s.Quiz("alpha", StartNew) })
	if !strings.Contains(out, "Type t for true or f for false.\nHint: Who holds the database password?") {
		t.Errorf("? at a true/false question lacks the keys or the hint:\n%s", out)
	}
}

// Line mode writes no escape sequence at all: not from hostile content
// (the fixture's glossary carries a clipboard write, a screen clear and a
// bell), not from a learner's input, on every screen it has.
func TestNoEscapeByte(t *testing.T) {
	e := newEnv(t)
	input := "glossary\nchapters\n2\n\nt 1\n\x1b]0;owned\x07\n1\n2\n3\n1 2\n1\nt\nt\n\x1b[31mpost\n404\n1 2 3 4\n1 2 3\n\n?\nquit\n"
	out := e.run(t, input, func(s *Session) { s.Run() })
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Fatalf("ESC at byte %d: %q", i, out[max(0, i-40):min(len(out), i+40)])
	}
	for _, b := range []byte{0x07, 0x9b} {
		if strings.IndexByte(out, b) >= 0 {
			t.Errorf("control byte %#x in output", b)
		}
	}
	for _, want := range []string{"Glossary, 2 terms:", "Alpha  term: A term whose text carries a clipboard write  and a bell .", "Chapter 2 of 2: Beta chapter", "Results:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// The menu offers Continue once there is a place to go on from, reading
// records how far the learner got, and the end of input quits cleanly.
func TestMenuReadAndContinue(t *testing.T) {
	e := newEnv(t)
	out := e.run(t, "1\n2\n\n", func(s *Session) { s.Run() })
	if strings.Contains(out, "Continue:") {
		t.Errorf("Continue offered before anything was done:\n%s", out)
	}
	snap, _ := e.store(t).Snapshot()
	if r := snap.Chapters["beta"]; r.Furthest != 100 || snap.Last == nil || snap.Last.ChapterID != "beta" {
		t.Fatalf("reading not saved: %+v last %+v", r, snap.Last)
	}
	if !snap.Welcomed {
		t.Errorf("the welcome was shown but not recorded")
	}
	out = e.run(t, "", func(s *Session) { s.Run() })
	if !strings.Contains(out, "1. Continue: Alpha") {
		t.Errorf("Continue should lead to the next chapter not done:\n%s", out)
	}
}

// At a terminal (interactive) line mode asks what the full-screen tutor
// asks: resume or start over, and whether to take a passed quiz again.
func TestInteractiveAsks(t *testing.T) {
	e := newEnv(t)
	lines := answerLines(t, e.course)
	e.run(t, lines[0]+"\n", func(s *Session) { s.Quiz("alpha", Ask) })

	interactive := func(input string) string {
		st := e.store(t)
		snap, _ := st.Snapshot()
		var out bytes.Buffer
		s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader(input), Out: &out, Rand: testRand(), Interactive: true})
		s.Quiz("alpha", Ask)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	out := interactive("s\n")
	if !strings.Contains(out, "You have an unfinished attempt at this quiz (1 answered). Type r to resume it or s to start over:") {
		t.Fatalf("not asked to resume:\n%s", out)
	}
	as := e.attempts(t, "alpha")
	if len(as) != 2 || !as[0].Abandoned {
		t.Fatalf("s should abandon the first attempt and start another: %+v", as)
	}

	// Pass the quiz in the new attempt (answers for a fresh shuffle of the
	// second attempt are not known here, so write a passing record).
	if _, err := e.store(t).FinishAttempt("alpha", as[1].ID, 100, true); err != nil {
		t.Fatal(err)
	}
	out = interactive("n\n")
	if !strings.Contains(out, "You passed this quiz (best 100%). Take it again? Type y or n:") || strings.Contains(out, "Question 1 of") {
		t.Fatalf("n should go back without starting:\n%s", out)
	}
	if as := e.attempts(t, "alpha"); len(as) != 2 {
		t.Fatalf("an attempt was started after n: %d attempts", len(as))
	}
}

// With ASCII (--ascii, LC_ALL=C) line mode writes only ASCII for the
// fixture course (its glossary and chapters hold no letters outside it).
func TestASCIIOutput(t *testing.T) {
	e := newEnv(t)
	st := e.store(t)
	snap, _ := st.Snapshot()
	var out bytes.Buffer
	// A course title with glyphs, as a pack might have.
	e.course.Title = "Backend — “HTTP” › basics…"
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader("glossary\nchapters\n2\n\n\nquit\n"), Out: &out, Rand: testRand(), ASCII: true})
	s.Run()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for i, r := range out.String() {
		if r >= 0x80 {
			t.Fatalf("non-ASCII %q at %d:\n%s", r, i, out.String())
		}
	}
	if !strings.Contains(out.String(), `Backend - "HTTP" > basics~`) {
		t.Errorf("title not in ASCII stand-ins:\n%s", out.String())
	}
}

// Search lists where the course has the words and reads a chapter from the
// chosen line.
func TestSearch(t *testing.T) {
	e := newEnv(t)
	out := e.run(t, "search\nparagraph 14\n1\nq\n\n\nquit\n", func(s *Session) { s.Run() })
	for _, want := range []string{"1 matches:", "  1. Chapter 1, Alpha chapter: Paragraph 14: the backend keeps line 14 safe.", "Chapter 1 of 2: Alpha chapter\n(Starting"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, "(Starting"), strings.Index(out, "Paragraph 1: the"); j >= 0 && j > i {
		t.Errorf("read from the start, not from the result:\n%s", out)
	}
	out = e.run(t, "search\nzzzz\n\nquit\n", func(s *Session) { s.Run() })
	if !strings.Contains(out, `Nothing matches "zzzz".`) {
		t.Errorf("no 'nothing matches':\n%s", out)
	}
}

// A save that fails (another program holds the file's lock) is said once,
// kept, tried again before the next one, and at the end of input written
// to a recovery file, which the next start adds: no answer is lost.
func TestLockedSavesReachRecoveryFile(t *testing.T) {
	e := newEnv(t)
	e.run(t, "", func(s *Session) {}) // create the file
	lines := answerLines(t, e.course)
	st := e.store(t)
	snap, _ := st.Snapshot()
	holder, err := bolt.Open(e.path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := New(Options{Course: e.course, Store: st, Snapshot: snap, In: strings.NewReader(strings.Join(lines[:2], "\n") + "\n"), Out: &out, Rand: testRand()})
	s.Quiz("alpha", StartNew)
	err = s.Close()
	holder.Close()
	if err == nil || !strings.Contains(err.Error(), "kept in") {
		t.Fatalf("close: %v, want the changes kept in a recovery file\n%s", err, out.String())
	}
	if n := strings.Count(out.String(), "Progress is not being saved"); n != 1 {
		t.Errorf("the failure was said %d times, want once:\n%s", n, out.String())
	}
	files, _ := filepath.Glob(e.path + ".recovery-*")
	if len(files) != 1 {
		t.Fatalf("recovery files: %v", files)
	}
	merged, err := e.store(t).MergeRecovery()
	if err != nil || merged == 0 {
		t.Fatalf("merge: %d, %v", merged, err)
	}
	as := e.attempts(t, "alpha")
	if len(as) != 1 || len(as[0].Answers) != 2 {
		t.Fatalf("after merging: %+v, want one attempt with 2 answers", as)
	}
}

func TestMenuWords(t *testing.T) {
	items := []menuItem{{word: "continue"}, {word: "chapters"}, {word: "search"}, {word: "glossary"}, {word: "quit"}}
	for in, want := range map[string]int{"continue": 1, "CHAP": 2, "s": 3, "g": 4, "q": 5, "c": 0, "x": 0} {
		if got, _ := itemByWord(items, in); got != want {
			t.Errorf("%q: item %d, want %d", in, got, want)
		}
	}
}

func (e *env) record(t *testing.T, id string) progress.ChapterRecord {
	t.Helper()
	snap, err := e.store(t).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap.Chapters[id]
}
