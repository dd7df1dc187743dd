package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// chapterMD is a valid chapter file. Lines: 1 ---, 2 id, 3 title, 4 summary,
// 5 order, 6 ---, 7 blank, 8 heading, 9 blank, 10 text.
func chapterMD(id string, order int) string {
	return fmt.Sprintf("---\nid: %s\ntitle: Title of %s\nsummary: Summary of %s\norder: %d\n---\n\n# Heading\n\nSome body text.\n", id, id, id, order)
}

// quizHead puts the questions at line 3.
func quizFor(chapter, questions string) string {
	return "chapter: " + chapter + "\nquestions:\n" + questions
}

// singleQ is a valid single question; with quizFor its lines are:
// 3 - id, 4 kind, 5 prompt, 6 options:, 7 - text A, 8 correct, 9 - text B, 10 explanation.
func singleQ(id string) string {
	return "  - id: " + id + "\n" +
		"    kind: single\n" +
		"    prompt: Pick one of " + id + "\n" +
		"    options:\n" +
		"      - text: A\n" +
		"        correct: true\n" +
		"      - text: B\n" +
		"    explanation: Because A is right.\n"
}

const allKindsQuiz = `chapter: alpha
pass_mark: 80
questions:
  - id: al-single
    kind: single
    prompt: Which one?
    options:
      - text: Wrong one
      - text: Right one
        correct: true
    hint: Think.
    explanation: The right one is right.
  - id: al-multi
    kind: multi
    prompt: Which ones?
    options:
      - text: M0
        correct: true
      - text: M1
      - text: M2
        correct: yes
    explanation: M0 and M2.
  - id: al-tf
    kind: truefalse
    prompt: Is it?
    answer: true
    explanation: It is.
  - id: al-typed
    kind: typed
    prompt: Say it.
    accept: [full stack, fullstack]
    explanation: Full stack.
  - id: al-order
    kind: order
    prompt: Order them.
    items:
      - first
      - second
      - third
    explanation: One, two, three.
`

func baseFolder() fstest.MapFS {
	return fstest.MapFS{
		"a.md":        {Data: []byte(chapterMD("alpha", 1))},
		"a.quiz.yaml": {Data: []byte(quizFor("alpha", singleQ("a-one")))},
		"b.md":        {Data: []byte(chapterMD("beta", 2))},
	}
}

// with copies the base folder and sets (or, for value "-", deletes) files.
func with(kv ...string) fstest.MapFS {
	m := baseFolder()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "-" {
			delete(m, kv[i])
			continue
		}
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

func problemsOf(t *testing.T, err error) Problems {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load error is %T (%v), want Problems", err, err)
	}
	return ps
}

type want struct {
	file string
	line int
	msg  string
}

func quizWith(questionLines ...string) string {
	return quizFor("alpha", strings.Join(questionLines, "\n")+"\n")
}

func TestLoadProblems(t *testing.T) {
	sevenItems := quizWith(
		"  - id: q-order",
		"    kind: order",
		"    prompt: Order?",
		"    items: [a, b, c, d, e, f, g]",
		"    explanation: x",
	)
	var bigOptions strings.Builder
	bigOptions.WriteString("chapter: alpha\nquestions:\n  - id: q-many\n    kind: single\n    prompt: Many?\n    explanation: x\n    options:\n")
	for i := range 10000 {
		fmt.Fprintf(&bigOptions, "      - text: option %d\n        correct: true\n", i)
	}
	huge := chapterMD("beta", 2) + strings.Repeat("word ", MaxFileSize/5+10)

	cases := []struct {
		name  string
		fsys  fstest.MapFS
		wants []want
	}{
		{"missing front matter",
			with("b.md", "# Beta\n\nNo front matter here.\n"),
			[]want{{"b.md", 1, "missing front matter"}}},
		{"unterminated front matter",
			with("b.md", "---\nid: beta\ntitle: t\n"),
			[]want{{"b.md", 1, "missing front matter"}}},
		{"bad yaml in front matter",
			with("b.md", "---\nid: beta\ntitle: a: b\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, "invalid YAML"}}},
		{"bad yaml in quiz",
			with("a.quiz.yaml", "chapter: alpha\nquestions:\n  - id: q1\n    kind: single: x\n"),
			[]want{{"a.quiz.yaml", 4, "invalid YAML"},
				{"a.quiz.yaml", 3, `missing field "prompt"`},
				{"a.quiz.yaml", 3, `missing field "explanation"`}}},
		{"missing id",
			with("b.md", "---\ntitle: t\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 2, `missing field "id"`}}},
		{"missing title",
			with("b.md", "---\nid: beta\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 2, `missing field "title"`}}},
		{"missing summary",
			with("b.md", "---\nid: beta\ntitle: t\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 2, `missing field "summary"`}}},
		{"missing order",
			with("b.md", "---\nid: beta\ntitle: t\nsummary: s\n---\n\ntext\n"),
			[]want{{"b.md", 2, `missing field "order"`}}},
		{"order not a number",
			with("b.md", "---\nid: beta\ntitle: t\nsummary: s\norder: two\n---\n\ntext\n"),
			[]want{{"b.md", 5, `"order" must be a whole number`}}},
		{"empty title",
			with("b.md", "---\nid: beta\ntitle: \"  \"\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, `field "title" is empty`}}},
		{"unknown front matter field",
			with("b.md", "---\nid: beta\ntitle: t\nsummary: s\norder: 2\nauthor: me\n---\n\ntext\n"),
			[]want{{"b.md", 6, `unknown field "author"`}}},
		{"empty body",
			with("b.md", "---\nid: beta\ntitle: t\nsummary: s\norder: 2\n---\n\n  \n"),
			[]want{{"b.md", 7, "no text after the front matter"}}},
		{"bad id pattern",
			with("b.md", chapterMD("Beta_2", 2)),
			[]want{{"b.md", 2, "must be lowercase letters"}}},
		{"bad id trailing dash",
			with("b.md", chapterMD("beta-", 2)),
			[]want{{"b.md", 2, "must be lowercase letters"}}},
		{"duplicate chapter id",
			with("b.md", chapterMD("alpha", 2)),
			[]want{{"b.md", 2, `duplicate chapter id "alpha" (also in a.md)`}}},
		{"duplicate order",
			with("b.md", chapterMD("beta", 1)),
			[]want{{"b.md", 5, "order 1 is also used by a.md"}}},
		{"duplicate question id across quizzes",
			with("b.quiz.yaml", quizFor("beta", singleQ("q-x")+singleQ("a-one"))),
			[]want{{"b.quiz.yaml", 11, `duplicate question id "a-one" (first used at a.quiz.yaml:3)`}}},
		{"duplicate question id in one quiz",
			with("a.quiz.yaml", quizFor("alpha", singleQ("q-x")+singleQ("q-x"))),
			[]want{{"a.quiz.yaml", 11, `duplicate question id "q-x"`}}},
		{"bad question id",
			with("a.quiz.yaml", quizFor("alpha", singleQ("Q_1"))),
			[]want{{"a.quiz.yaml", 3, `question id "Q_1" must be lowercase`}}},
		{"single with no correct",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "        correct: true\n", "", 1))),
			[]want{{"a.quiz.yaml", 6, "exactly one option with correct: true (found 0)"}}},
		{"single with two correct",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "      - text: B\n", "      - text: B\n        correct: true\n", 1))),
			[]want{{"a.quiz.yaml", 6, "exactly one option with correct: true (found 2)"}}},
		{"single with one option",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: single", "    prompt: p", "    options:", "      - text: A", "        correct: true", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, "at least 2 options"}}},
		{"duplicate option text",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "text: B", "text: A", 1))),
			[]want{{"a.quiz.yaml", 6, `two options have the same text "A"`}}},
		{"correct not a bool",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "correct: true", "correct: maybe", 1))),
			[]want{
				{"a.quiz.yaml", 6, "found 0"},
				{"a.quiz.yaml", 8, `"correct" must be true or false`},
			}},
		{"multi with no correct",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: multi", "    prompt: p", "    options:", "      - text: A", "      - text: B", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, "multi question needs at least one option with correct: true"}}},
		{"order with 2 items",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: order", "    prompt: p", "    items: [a, b]", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, "3 to 6 items (found 2)"}}},
		{"order with 7 items",
			with("a.quiz.yaml", sevenItems),
			[]want{{"a.quiz.yaml", 6, "3 to 6 items (found 7)"}}},
		{"order with repeated item",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: order", "    prompt: p", "    items: [a, b, a]", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, `two items have the same text "a"`}}},
		{"typed with no accept",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: typed", "    prompt: p", "    explanation: e")),
			[]want{{"a.quiz.yaml", 3, "needs a list of accepted answers"}}},
		{"typed with empty accept list",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: typed", "    prompt: p", "    accept: []", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, "needs a list of accepted answers"}}},
		{"typed with blank accepted answer",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: typed", "    prompt: p", "    accept: [ok, \" . \"]", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, "an accepted answer is empty"}}},
		{"truefalse without answer",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: truefalse", "    prompt: p", "    explanation: e")),
			[]want{{"a.quiz.yaml", 3, "needs answer: true or answer: false"}}},
		{"truefalse with non-bool answer",
			with("a.quiz.yaml", quizWith("  - id: q1", "    kind: truefalse", "    prompt: p", "    answer: perhaps", "    explanation: e")),
			[]want{{"a.quiz.yaml", 6, `"answer" must be true or false`}}},
		{"empty explanation",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "explanation: Because A is right.", `explanation: ""`, 1))),
			[]want{{"a.quiz.yaml", 10, `field "explanation" is empty`}}},
		{"missing explanation",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "    explanation: Because A is right.\n", "", 1))),
			[]want{{"a.quiz.yaml", 3, `missing field "explanation"`}}},
		{"missing prompt",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "    prompt: Pick one of q1\n", "", 1))),
			[]want{{"a.quiz.yaml", 3, `missing field "prompt"`}}},
		{"unknown kind",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "kind: single", "kind: essay", 1))),
			[]want{{"a.quiz.yaml", 4, `unknown kind "essay"`}}},
		{"unknown field (typo)",
			with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("q1"), "explanation:", "explaination:", 1))),
			[]want{
				{"a.quiz.yaml", 3, `missing field "explanation"`},
				{"a.quiz.yaml", 10, `unknown field "explaination" in question`},
			}},
		{"field twice",
			with("a.quiz.yaml", quizFor("alpha", singleQ("q1")+"    hint: one\n    hint: two\n")),
			[]want{{"a.quiz.yaml", 12, `field "hint" appears twice`}}},
		{"field of the wrong kind",
			with("a.quiz.yaml", quizFor("alpha", singleQ("q1")+"    answer: true\n")),
			[]want{{"a.quiz.yaml", 11, `field "answer" does not belong to a single question`}}},
		{"question not a mapping",
			with("a.quiz.yaml", quizFor("alpha", "  - just a string\n")),
			[]want{{"a.quiz.yaml", 3, "question must be a mapping"}}},
		{"quiz with no questions",
			with("a.quiz.yaml", "chapter: alpha\nquestions: []\n"),
			[]want{{"a.quiz.yaml", 2, "the quiz has no questions"}}},
		{"quiz without questions key",
			with("a.quiz.yaml", "chapter: alpha\n"),
			[]want{{"a.quiz.yaml", 1, "missing list of questions"}}},
		{"quiz for unknown chapter",
			with("a.quiz.yaml", quizFor("gamma", singleQ("q1"))),
			[]want{{"a.quiz.yaml", 1, `quiz for chapter "gamma", but no chapter has that id`}}},
		{"two quizzes for one chapter",
			with("a2.quiz.yaml", quizFor("alpha", singleQ("q2"))),
			[]want{{"a2.quiz.yaml", 1, `chapter "alpha" already has a quiz in a.quiz.yaml`}}},
		{"pass_mark 0",
			with("a.quiz.yaml", "chapter: alpha\npass_mark: 0\nquestions:\n"+singleQ("q1")),
			[]want{{"a.quiz.yaml", 2, "pass_mark must be between 1 and 100, not 0"}}},
		{"pass_mark 101",
			with("a.quiz.yaml", "chapter: alpha\npass_mark: 101\nquestions:\n"+singleQ("q1")),
			[]want{{"a.quiz.yaml", 2, "pass_mark must be between 1 and 100, not 101"}}},
		{"glossary term with unknown chapter",
			with("glossary.yaml", "terms:\n  - term: API\n    definition: d\n    chapter: alpha\n  - term: CSS\n    definition: d\n    chapter: nope\n"),
			[]want{{"glossary.yaml", 5, `term "CSS" names chapter "nope", which does not exist`}}},
		{"glossary term twice",
			with("glossary.yaml", "terms:\n  - term: API\n    definition: d\n    chapter: alpha\n  - term: api\n    definition: d\n    chapter: beta\n"),
			[]want{{"glossary.yaml", 5, `term "api" appears twice`}}},
		{"course file unknown field",
			with("course.yaml", "title: T\ntitel: U\n"),
			[]want{{"course.yaml", 2, `unknown field "titel"`}}},
		{"invalid UTF-8",
			with("b.md", "---\nid: beta\ntitle: t\nsummary: s\norder: 2\n---\n\nfine\ncaf\xe9 \xff\nmore\n"),
			[]want{{"b.md", 9, "not valid UTF-8"}}},
		{"invalid UTF-8 in quiz",
			with("a.quiz.yaml", "chapter: alpha\nquestions:\n\xc3\x28\n"),
			[]want{{"a.quiz.yaml", 3, "not valid UTF-8"}}},
		{"file larger than 1 MiB",
			with("b.md", huge),
			[]want{{"b.md", 0, "larger than the 1024 KiB limit"}}},
		{"10,000 options",
			with("a.quiz.yaml", bigOptions.String()),
			[]want{
				{"a.quiz.yaml", 7, "too many options (10000; the limit is 10)"},
				{"a.quiz.yaml", 7, "at least 2 options"},
			}},
		{"no chapters",
			fstest.MapFS{"course.yaml": {Data: []byte("title: T\n")}, "notes.txt": {Data: []byte("x")}},
			[]want{{".", 0, "no chapters found"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkWants(t, tc.fsys, len(tc.wants), tc.wants) })
	}
}

// Every problem of a folder comes back at once, sorted by file then line.
func TestLoadReportsAllProblemsSorted(t *testing.T) {
	fsys := fstest.MapFS{
		"c.md":          {Data: []byte("---\nid: Gamma\ntitle: t\norder: 3\n---\n\ntext\n")}, // bad id (2), missing summary (2)
		"a.md":          {Data: []byte(chapterMD("alpha", 1))},
		"b.md":          {Data: []byte("no front matter\n")},
		"a.quiz.yaml":   {Data: []byte("chapter: alpha\npass_mark: 0\nquestions:\n" + strings.Replace(singleQ("q1"), "kind: single", "kind: essay", 1))},
		"glossary.yaml": {Data: []byte("terms:\n  - term: X\n    definition: d\n    chapter: nope\n")},
		"z.quiz.yaml":   {Data: []byte(quizFor("nobody", singleQ("q2")))},
	}
	_, err := Load(fsys)
	ps := problemsOf(t, err)
	wantOrder := []want{
		{"a.quiz.yaml", 2, "pass_mark"},
		{"a.quiz.yaml", 5, "unknown kind"},
		{"b.md", 1, "missing front matter"},
		{"c.md", 2, `missing field "summary"`},
		{"c.md", 2, "must be lowercase"},
		{"glossary.yaml", 2, "names chapter"},
		{"z.quiz.yaml", 1, `quiz for chapter "nobody"`},
	}
	if len(ps) != len(wantOrder) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(wantOrder), ps)
	}
	for i, w := range wantOrder {
		p := ps[i]
		if p.File != w.file || p.Line != w.line || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d = %v, want %s:%d ...%s...", i, p, w.file, w.line, w.msg)
		}
	}
	// The error text is one "file:line: message" per line.
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(wantOrder) || !strings.HasPrefix(lines[0], "a.quiz.yaml:2: pass_mark") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestProblemString(t *testing.T) {
	if got := (Problem{File: "a.md", Line: 3, Msg: "m"}).String(); got != "a.md:3: m" {
		t.Errorf("got %q", got)
	}
	if got := (Problem{File: "a.md", Msg: "m"}).String(); got != "a.md: m" {
		t.Errorf("line 0: got %q", got)
	}
}

func TestLoadValidFolder(t *testing.T) {
	fsys := fstest.MapFS{
		// File names sort opposite to the order: chapters must follow order:.
		"a-last.md":         {Data: []byte(chapterMD("last", 30))},
		"m-middle.md":       {Data: []byte(chapterMD("middle", 20))},
		"z-first.md":        {Data: []byte("\ufeff" + strings.ReplaceAll(chapterMD("first", -5), "\n", "\r\n"))},
		"z-first.quiz.yaml": {Data: []byte(strings.Replace(allKindsQuiz, "chapter: alpha", "chapter: first", 1))},
		"middle.quiz.yaml":  {Data: []byte(quizFor("middle", singleQ("mid-q")))},
		"course.yaml":       {Data: []byte("title: My Course\n")},
		"glossary.yaml":     {Data: []byte("terms:\n  - term: API\n    definition: A way to ask.\n    chapter: middle\n")},
		"README.md":         {Data: []byte("not a chapter")},
		"notes.txt":         {Data: []byte("ignored")},
		".hidden.md":        {Data: []byte("ignored")},
		"sub/inner.md":      {Data: []byte("ignored: not top level")},
		"sub/x.quiz.yaml":   {Data: []byte("ignored")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Title != "My Course" {
		t.Errorf("Title = %q", c.Title)
	}
	var ids []string
	for _, ch := range c.Chapters {
		ids = append(ids, ch.ID)
	}
	if got := strings.Join(ids, ","); got != "first,middle,last" {
		t.Fatalf("chapter order = %s, want first,middle,last", got)
	}
	first := c.Chapters[0]
	if first.Title != "Title of first" || first.Summary != "Summary of first" || first.Order != -5 || first.File != "z-first.md" {
		t.Errorf("first chapter fields: %+v", first)
	}
	if !strings.HasPrefix(first.Body, "\n# Heading") || strings.Contains(first.Body, "\r") || strings.Contains(first.Body, "id: first") {
		t.Errorf("Body = %q", first.Body)
	}
	if i := c.Index("middle"); i != 1 {
		t.Errorf("Index(middle) = %d", i)
	}
	if i := c.Index("nope"); i != -1 {
		t.Errorf("Index(nope) = %d", i)
	}
	if ch, ok := c.Chapter("last"); !ok || ch.ID != "last" || ch.Quiz != nil || ch.QuestionCount() != 0 {
		t.Errorf("Chapter(last) = %+v, %v", ch, ok)
	}
	if _, ok := c.Chapter("nope"); ok {
		t.Errorf("Chapter(nope) found")
	}
	if len(c.Glossary) != 1 || c.Glossary[0].Term != "API" || c.Glossary[0].ChapterID != "middle" || c.Glossary[0].Definition != "A way to ask." {
		t.Errorf("Glossary = %+v", c.Glossary)
	}

	if q := first.Quiz; q == nil || q.PassMark != 80 || q.ChapterID != "first" || first.QuestionCount() != 5 {
		t.Errorf("first quiz = %+v, want pass mark 80 and 5 questions", q)
	}
	mid, _ := c.Chapter("middle")
	if mid.Quiz == nil || mid.Quiz.PassMark != DefaultPassMark || DefaultPassMark != 70 {
		t.Errorf("middle quiz pass mark = %+v, want default 70", mid.Quiz)
	}
	if mid.QuestionCount() != 1 {
		t.Errorf("middle QuestionCount = %d", mid.QuestionCount())
	}
}

func TestLoadQuizFields(t *testing.T) {
	fsys := with("a.quiz.yaml", allKindsQuiz)
	c, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	ch, _ := c.Chapter("alpha")
	q := ch.Quiz
	if q == nil || q.PassMark != 80 || q.ChapterID != "alpha" || q.File != "a.quiz.yaml" || len(q.Questions) != 5 {
		t.Fatalf("quiz = %+v", q)
	}
	s, _ := q.Question("al-single")
	if s.Kind != Single || s.Prompt != "Which one?" || s.Hint != "Think." || s.Explanation != "The right one is right." ||
		len(s.Options) != 2 || s.Options[0] != (Option{"Wrong one", false}) || s.Options[1] != (Option{"Right one", true}) ||
		s.File != "a.quiz.yaml" || s.Line != 4 || len(s.Hash) != 12 {
		t.Errorf("single = %+v", s)
	}
	m, _ := q.Question("al-multi")
	if len(m.Options) != 3 || !m.Options[0].Correct || m.Options[1].Correct || !m.Options[2].Correct {
		t.Errorf("multi options = %+v (correct: yes must count as true)", m.Options)
	}
	tf, _ := q.Question("al-tf")
	if tf.Kind != TrueFalse || !tf.Answer {
		t.Errorf("truefalse = %+v", tf)
	}
	ty, _ := q.Question("al-typed")
	if strings.Join(ty.Accept, "|") != "full stack|fullstack" {
		t.Errorf("typed accept = %q", ty.Accept)
	}
	or, _ := q.Question("al-order")
	if strings.Join(or.Items, "|") != "first|second|third" {
		t.Errorf("order items = %q", or.Items)
	}
	if _, ok := q.Question("nope"); ok {
		t.Errorf("Question(nope) found")
	}
	hashes := map[string]bool{}
	for _, qu := range q.Questions {
		hashes[qu.Hash] = true
	}
	if len(hashes) != 5 {
		t.Errorf("question hashes not distinct: %v", hashes)
	}
}

func TestLoadHash(t *testing.T) {
	load := func(fsys fstest.MapFS) *Course {
		t.Helper()
		c, err := Load(fsys)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		return c
	}
	hashes := func(c *Course) (string, string) {
		a, _ := c.Chapter("alpha")
		b, _ := c.Chapter("beta")
		return a.Hash, b.Hash
	}
	a1, b1 := hashes(load(baseFolder()))
	a2, b2 := hashes(load(baseFolder()))
	if a1 == "" || a1 != a2 || b1 != b2 {
		t.Errorf("hash not stable across loads: %s/%s vs %s/%s", a1, b1, a2, b2)
	}
	if a1 == b1 {
		t.Errorf("different chapters have the same hash %s", a1)
	}
	a3, b3 := hashes(load(with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("a-one"), "text: B", "text: C", 1)))))
	if a3 == a1 {
		t.Errorf("chapter hash did not change when its quiz file changed")
	}
	if b3 != b1 {
		t.Errorf("another chapter's hash changed when alpha's quiz changed")
	}
	a4, _ := hashes(load(with("a.md", chapterMD("alpha", 1)+"More text.\n")))
	if a4 == a1 {
		t.Errorf("chapter hash did not change when its markdown changed")
	}
	// Question hash: follows the answer, not the explanation.
	qOf := func(c *Course) *Question { ch, _ := c.Chapter("alpha"); return ch.Quiz.Questions[0] }
	h1 := qOf(load(baseFolder())).Hash
	h2 := qOf(load(with("a.quiz.yaml", quizFor("alpha", strings.Replace(singleQ("a-one"), "Because A is right.", "Reworded.", 1))))).Hash
	h3 := qOf(load(with("a.quiz.yaml", quizFor("alpha", strings.Replace(strings.Replace(singleQ("a-one"), "        correct: true\n", "", 1), "      - text: B\n", "      - text: B\n        correct: true\n", 1))))).Hash
	if h1 != h2 {
		t.Errorf("question hash changed with the explanation only")
	}
	if h1 == h3 {
		t.Errorf("question hash did not change when the correct option moved")
	}
}

// The example quiz in docs/authoring.md must be a valid quiz.
func TestAuthoringExampleLoads(t *testing.T) {
	chapter, quiz := authoringExample(t)
	c, err := Load(fstest.MapFS{
		"01-backend-overview.md":        {Data: []byte(chapter)},
		"01-backend-overview.quiz.yaml": {Data: []byte(quiz)},
		"glossary.yaml":                 {Data: []byte("terms:\n  - term: API\n    definition: d\n    chapter: backend-overview\n")},
	})
	if err != nil {
		t.Fatalf("the authoring.md example does not load:\n%v", err)
	}
	ch := c.Chapters[0]
	if ch.ID != "backend-overview" || ch.QuestionCount() != 5 {
		t.Errorf("example chapter = %s with %d questions", ch.ID, ch.QuestionCount())
	}
	kinds := map[Kind]bool{}
	for _, q := range ch.Quiz.Questions {
		kinds[q.Kind] = true
	}
	if len(kinds) != 5 {
		t.Errorf("example uses kinds %v, want all five", kinds)
	}
}

// authoringExample pulls the chapter and quiz examples out of the docs.
func authoringExample(t testing.TB) (chapter, quiz string) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "docs", "authoring.md"))
	if err != nil {
		t.Fatalf("reading authoring.md: %v", err)
	}
	blocks := fencedBlocks(string(doc))
	for _, b := range blocks {
		switch {
		case b.lang == "markdown" && strings.HasPrefix(b.text, "---\n"):
			chapter = b.text
		case b.lang == "yaml" && strings.HasPrefix(b.text, "chapter:"):
			quiz = b.text
		}
	}
	if chapter == "" || quiz == "" {
		t.Fatalf("authoring.md has no chapter or quiz example")
	}
	return chapter, quiz
}

type fence struct {
	lang  string
	text  string
	line  int // of the opening fence
	lines []string
}

// fencedBlocks finds ``` fenced blocks (at any indent) in markdown.
func fencedBlocks(md string) []fence {
	var out []fence
	var cur *fence
	for i, l := range strings.Split(md, "\n") {
		tl := strings.TrimSpace(l)
		if cur == nil {
			if strings.HasPrefix(tl, "```") {
				cur = &fence{lang: strings.TrimSpace(strings.TrimLeft(tl, "`")), line: i + 1}
			}
			continue
		}
		if strings.HasPrefix(tl, "```") && strings.Trim(tl, "`") == "" {
			cur.text = strings.Join(cur.lines, "\n") + "\n"
			out = append(out, *cur)
			cur = nil
			continue
		}
		cur.lines = append(cur.lines, l)
	}
	if cur != nil { // unclosed: still a block for checking purposes
		cur.text = strings.Join(cur.lines, "\n") + "\n"
		out = append(out, *cur)
	}
	return out
}

// A symlink that leads out of the folder is a problem naming the file, and
// nothing of the target leaks into the message.
func TestLoadSymlinkEscape(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	if err := os.WriteFile(secret, []byte(chapterMD("secret-chapter", 9)+"TOP-SECRET-CONTENT\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(chapterMD("alpha", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "evil.md")); err != nil {
		t.Skipf("cannot create symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join("..", filepath.Base(outside), "secret.md"), filepath.Join(dir, "relative.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	c, err := Load(root.FS())
	if err == nil {
		t.Fatalf("Load followed a symlink out of the folder: chapters %d", len(c.Chapters))
	}
	ps := problemsOf(t, err)
	for _, name := range []string{"evil.md", "relative.md"} {
		found := false
		for _, p := range ps {
			if p.File == name && strings.Contains(p.Msg, "outside the content folder") {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem naming %s:\n%v", name, ps)
		}
	}
	if strings.Contains(err.Error(), "TOP-SECRET") || strings.Contains(err.Error(), "secret-chapter") || strings.Contains(err.Error(), outside) {
		t.Errorf("problem leaks the target: %v", err)
	}
	if len(ps) != 2 {
		t.Errorf("want exactly the two link problems, got:\n%v", ps)
	}
}

// A symlink inside the folder is fine.
func TestLoadSymlinkInside(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "real.txt"), []byte(chapterMD("alpha", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", filepath.Join(dir, "a.md")); err != nil {
		t.Skipf("cannot create symlinks here: %v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	c, err := Load(root.FS())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Chapters) != 1 || c.Chapters[0].ID != "alpha" {
		t.Errorf("chapters = %v", c.Chapters)
	}
}
