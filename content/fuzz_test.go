package content

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [")
		for i := range 9 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

// FuzzLoad feeds a chapter file and a quiz file to Load: it must never
// panic, and must return either a course or well-formed Problems.
func FuzzLoad(f *testing.F) {
	laughs := billionLaughs()
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepMap := strings.Repeat("{a: ", 3000) + "x" + strings.Repeat("}", 3000)
	hugeScalar := strings.Repeat("x", 200_000)

	f.Add(chapterMD("alpha", 1), quizFor("alpha", singleQ("a-one")))
	f.Add(chapterMD("alpha", 1), strings.Replace(allKindsQuiz, "pass_mark: 80\n", "", 1))
	if doc, err := os.ReadFile(filepath.Join("..", "docs", "authoring.md")); err == nil {
		ch, quiz := authoringExample(f)
		f.Add(ch, quiz)
		f.Add(string(doc), string(doc))
	}
	f.Add("---\n"+laughs+"---\nbody\n", "chapter: alpha\n"+laughs+"questions:\n"+singleQ("q1"))
	f.Add(chapterMD("alpha", 1), "chapter: alpha\nquestions:\n  - id: q\n    kind: single\n    options: *a\n"+laughs)
	f.Add(chapterMD("alpha", 1), "chapter: &c alpha\nquestions: &q\n  - id: *c\n    kind: order\n    items: *q\n    prompt: *c\n    explanation: *c\n")
	f.Add("---\nid: "+deep+"\n---\nx\n", "chapter: "+deep+"\n")
	f.Add("---\nid: alpha\ntitle: "+deepMap+"\nsummary: s\norder: 1\n---\nx\n", "questions: "+deepMap+"\n")
	f.Add("---\nid: alpha\ntitle: "+hugeScalar+"\nsummary: s\norder: 1\n---\n"+hugeScalar, quizFor("alpha", strings.Replace(singleQ("q1"), "Pick one", hugeScalar, 1)))
	f.Add("---\n---\n", "")
	f.Add("---\n", "---\n")
	f.Add("\ufeff---\r\nid: alpha\r\ntitle: t\r\nsummary: s\r\norder: 1\r\n---\r\nbody\r\n", "chapter: alpha\r\nquestions: []\r\n")
	f.Add("---\nid: alpha\ntitle: t\nsummary: s\norder: 99999999999999999999\n---\nb\n", "chapter: alpha\npass_mark: -9223372036854775808\nquestions: [1, [2], {a: b}]\n")
	f.Add("---\n- a\n- b\n---\nb\n", "- just\n- a list\n")
	f.Add("---\nid: alpha\ntitle: !!binary aGVsbG8=\nsummary: !!map {}\norder: 0x10\n---\nb\n", "chapter: alpha\nquestions:\n  - {id: q, kind: typed, prompt: p, accept: [\"\", ., ;], explanation: e}\n")
	f.Add("---\nid: alpha\ntitle: t\nsummary: s\norder: 1\n---\nb\xff\n", "chapter: alpha\x00\n")
	f.Add(chapterMD("alpha", 1), "%YAML 1.1\n---\nchapter: alpha\n...\n---\nchapter: beta\n")

	f.Fuzz(func(t *testing.T, chapter, quiz string) {
		fsys := fstest.MapFS{
			"a.md":        {Data: []byte(chapter)},
			"a.quiz.yaml": {Data: []byte(quiz)},
		}
		c, err := Load(fsys)
		if err == nil {
			checkLoadedCourse(t, c)
			return
		}
		if c != nil {
			t.Fatalf("Load returned both a course and an error")
		}
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("Load error is %T, not Problems: %v", err, err)
		}
		if len(ps) == 0 {
			t.Fatalf("Load returned empty Problems")
		}
		lines := map[string]int{
			"a.md":        strings.Count(chapter, "\n") + 1,
			"a.quiz.yaml": strings.Count(quiz, "\n") + 1,
		}
		for i, p := range ps {
			if p.File == "" || p.Line < 0 || p.Msg == "" {
				t.Fatalf("malformed problem %#v", p)
			}
			if n, ok := lines[p.File]; ok && p.Line > n+1 {
				t.Errorf("problem %v is past the end of the file (%d lines)", p, n)
			}
			if i > 0 && (ps[i-1].File > p.File || ps[i-1].File == p.File && ps[i-1].Line > p.Line) {
				t.Fatalf("problems not sorted: %v before %v", ps[i-1], p)
			}
		}
	})
}

// checkLoadedCourse asserts what a successful Load promises.
func checkLoadedCourse(t *testing.T, c *Course) {
	t.Helper()
	if c == nil || len(c.Chapters) == 0 {
		t.Fatalf("Load succeeded with no chapters")
	}
	for _, ch := range c.Chapters {
		if !idPattern.MatchString(ch.ID) || ch.Title == "" || ch.Summary == "" || len(ch.Hash) != 16 {
			t.Fatalf("invalid chapter accepted: %+v", ch)
		}
		if ch.Quiz == nil {
			continue
		}
		if ch.Quiz.PassMark < 1 || ch.Quiz.PassMark > 100 || len(ch.Quiz.Questions) == 0 {
			t.Fatalf("invalid quiz accepted: %+v", ch.Quiz)
		}
		for _, q := range ch.Quiz.Questions {
			if q.Prompt == "" || q.Explanation == "" || !idPattern.MatchString(q.ID) {
				t.Fatalf("invalid question accepted: %+v", q)
			}
			right := q.CorrectAnswer() // must not panic
			switch q.Kind {
			case Single:
				if len(right) != 1 {
					t.Fatalf("single with %d correct accepted", len(right))
				}
			case Multi:
				if len(right) == 0 {
					t.Fatalf("multi with no correct accepted")
				}
			case Typed:
				if !q.Grade(Response{Text: q.Accept[0]}) {
					t.Fatalf("typed question's own first answer %q graded wrong", q.Accept[0])
				}
			case Order:
				if len(q.Items) < 3 || len(q.Items) > 6 {
					t.Fatalf("order with %d items accepted", len(q.Items))
				}
			case TrueFalse:
			default:
				t.Fatalf("unknown kind %q accepted", q.Kind)
			}
		}
	}
}

// FuzzNormalize: Normalize is idempotent and leaves no outer or doubled space.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", " ", "full stack", "  Full  Stack. ", "FULL\tSTACK;", "x..", "x .;", "a . .", "ÉCOLE",
		"SELECT * FROM t;", "\u00a0x\u3000", "İstanbul", "ǅ", "ẞ", "\xff\xfe", "Σ.", "K", "a\u0085b",
		"; ;", ". . .", "a\u200bb", "\u2028.\u2029",
		"２００", "ｶﾞ", "カ\u3099", "。。", "\u00a8", "x\u00a8.", "\u2474", "Ⅻ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		if n == "" {
			return
		}
		first, _ := utf8.DecodeRuneInString(n)
		last, _ := utf8.DecodeLastRuneInString(n)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Fatalf("Normalize(%q) = %q has outer space", s, n)
		}
		if strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q has a doubled space", s, n)
		}
		for _, r := range n {
			if unicode.IsSpace(r) && r != ' ' {
				t.Fatalf("Normalize(%q) = %q keeps whitespace %U", s, n, r)
			}
		}
	})
}
