package search

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"

	"backend-tutor/content"
)

func guide(t testing.TB) *content.Course {
	t.Helper()
	c, err := content.EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pack loads a small course from chapter bodies (ids c1, c2, ...), an
// optional quiz prompt per chapter and glossary entries.
func pack(t testing.TB, bodies []string, prompts []string, glossary string) *content.Course {
	t.Helper()
	fsys := fstest.MapFS{"course.yaml": {Data: []byte("title: T\n")}}
	for i, body := range bodies {
		id := "c" + string(rune('1'+i))
		fsys[id+".md"] = &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: Chapter " + id +
			"\nsummary: s\norder: " + string(rune('1'+i)) + "\n---\n" + body)}
		if i < len(prompts) {
			fsys[id+".quiz.yaml"] = &fstest.MapFile{Data: []byte("chapter: " + id + "\nquestions:\n  - id: " + id +
				"-q1\n    kind: truefalse\n    prompt: " + prompts[i] + "\n    answer: true\n    explanation: the secret explanation\n")}
		}
	}
	if glossary != "" {
		fsys["glossary.yaml"] = &fstest.MapFile{Data: []byte(glossary)}
	}
	c, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func marked(r Result) string {
	var b strings.Builder
	last := 0
	for _, s := range r.Spans {
		b.WriteString(r.Text[last:s.Start] + "[" + r.Text[s.Start:s.End] + "]")
		last = s.End
	}
	return b.String() + r.Text[last:]
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP":               "http",
		"  Résumé  ":         "resume",
		"re\u0301sume\u0301": "resume",
		"ＨＴＴＰ":               "http",
		"ﬁle":                "file",
		"a \t\n b":           "a b",
		"soft\u00adhyphen":   "softhyphen",
		"ΣΊΣΥΦΟΣ":            "σισυφοσ",
		"straße":             "straße",
		"\u212a":             "k", // Kelvin sign
		"\xff":               "\uFFFD",
		"":                   "",
		"   ":                "",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchesAreCaseAndAccentInsensitive(t *testing.T) {
	c := pack(t, []string{"# One\n\nA Résumé is not a CV.\nThe cafe\u0301 opens.\nNo match here.\n"}, nil, "")
	expectOne(t, New(c), map[string]string{
		"resume": "A [Résumé] is not a CV.",
		"RÉSUMÉ": "A [Résumé] is not a CV.",
		"café":   "The [cafe\u0301] opens.",
		"cafe":   "The [cafe\u0301] opens.",
	})
}

// expectOne checks that each query finds exactly one line, marked as given.
func expectOne(t *testing.T, ix *Index, want map[string]string) {
	t.Helper()
	for q, w := range want {
		rs := ix.Search(q)
		if len(rs) != 1 || marked(rs[0]) != w {
			t.Errorf("%q: %d results, first %q; want %q", q, len(rs), first(rs), w)
		}
	}
}

func first(rs []Result) string {
	if len(rs) == 0 {
		return ""
	}
	return marked(rs[0])
}

// "auth" finds "Authentication vs authorization" (the example), and
// a line with the whole word ranks first.
func TestWholeWordsFirstThenHeadings(t *testing.T) {
	body := "# Intro\n\nAuthentication vs authorization.\n\n## Auth in practice\n\nAn auth token.\n\n## Authentication\n\nThe OAuth flow.\n"
	ix := New(pack(t, []string{body}, []string{"What does auth check?"}, ""))
	var got []string
	for _, r := range ix.Search("auth") {
		got = append(got, marked(r))
	}
	want := []string{
		"## [Auth] in practice",                // whole word, heading
		"An [auth] token.",                     // whole word, text
		"What does [auth] check?",              // whole word, question
		"## [Auth]entication",                  // part of a word, heading
		"[Auth]entication vs [auth]orization.", // part of a word, text
		"The O[Auth] flow.",                    // part of a word, text
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLinesHeadingsAndKinds(t *testing.T) {
	body := "\n# One\n\nIntro line about tokens.\n\n```sh\n# not a heading: tokens\n```\n\n## Two ##\n\n- a list item about tokens\n"
	glossary := "terms:\n  - term: Token\n    definition: A string that proves who you are.\n    chapter: c1\n"
	ix := New(pack(t, []string{body}, []string{"Where do tokens live?"}, glossary))
	rs := ix.Search("token")
	type row struct {
		kind    Kind
		line    int
		heading string
	}
	var got []row
	for _, r := range rs {
		got = append(got, row{r.Kind, r.Line, r.Heading})
		if r.ChapterID != "c1" {
			t.Errorf("chapter %q", r.ChapterID)
		}
	}
	want := []row{
		{Glossary, 1, "Token"}, // whole word, glossary term
		{Text, 4, "One"},       // "tokens": part of a longer word, text from here on
		{Text, 7, "One"},       // in a code block, still under "One"
		{Text, 12, "Two"},      // closing #s dropped from the heading
		{Question, 1, "c1-q1"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if rs[0].Text != "Token — A string that proves who you are." {
		t.Errorf("glossary text %q", rs[0].Text)
	}
}

// Answers, options and explanations are never searched: they would give
// the quiz away.
func TestAnswersAreNotSearched(t *testing.T) {
	ix := New(pack(t, []string{"# One\n\ntext\n"}, []string{"Is it so?"}, ""))
	if rs := ix.Search("secret explanation"); len(rs) != 0 {
		t.Errorf("found %d results in an explanation: %v", len(rs), rs)
	}
	c := guide(t)
	ix = New(c)
	for _, ch := range c.Chapters {
		if ch.Quiz == nil {
			continue
		}
		for _, q := range ch.Quiz.Questions {
			for _, o := range q.Options {
				if strings.Contains(ch.Body, o.Text) || strings.Contains(q.Prompt, o.Text) || len(o.Text) < 25 {
					continue // also in the chapter or the prompt, or too common to tell
				}
				for _, r := range ix.Search(o.Text) {
					if r.Kind == Question {
						t.Errorf("option %q of %s found as %q", o.Text, q.ID, r.Text)
					}
				}
			}
		}
	}
}

func TestTitleOnlyWhenNotTheFirstHeading(t *testing.T) {
	ix := New(pack(t, []string{"# Chapter c1\n\ntext\n", "# Something else\n\ntext\n"}, nil, ""))
	var kinds []Kind
	for _, r := range ix.Search("chapter") {
		kinds = append(kinds, r.Kind)
	}
	if len(kinds) != 2 || kinds[0] != Heading || kinds[1] != Title {
		t.Errorf("kinds %v, want [Heading Title]", kinds)
	}
}

// Spans never split a character, whatever the script: wide CJK, RTL
// Arabic and Hebrew with combining marks, emoji sequences.
func TestSpansKeepGraphemesWhole(t *testing.T) {
	body := "# W\n\n東京のサーバー\nمَرْحَبًا بالخادم\nשָׁלוֹם server\n👩‍💻 developer\nnaïve a\u0308b\n"
	expectOne(t, New(pack(t, []string{body}, nil, "")), map[string]string{
		"サーバー":  "東京の[サーバー]",
		"مرحبا": "[مَرْحَبًا] بالخادم",
		"שלום":  "[שָׁלוֹם] server",
		"👩":     "[👩‍💻] developer",
		"ab":    "naïve [a\u0308b]",
		"naive": "[naïve] a\u0308b",
	})
}

func TestCourseQueries(t *testing.T) {
	ix := New(guide(t))
	rs := ix.Search("auth")
	// No line has the word "auth" alone: glossary terms come first.
	if len(rs) == 0 || rs[0].Kind != Glossary || rs[0].Heading != "Authentication" {
		t.Fatalf("auth: %d results, first %q", len(rs), first(rs))
	}
	found := false
	for _, r := range rs {
		if strings.Contains(strings.ToLower(r.Text), "authentication") {
			found = true
		}
		if len(r.Spans) == 0 {
			t.Errorf("no span in %+v", r)
		}
	}
	if !found {
		t.Error(`"auth" does not find "authentication"`)
	}
	if rs := ix.Search("zzqx-no-such-text"); len(rs) != 0 {
		t.Errorf("nonsense found %d", len(rs))
	}
	if rs := ix.Search("   "); rs != nil {
		t.Errorf("blank query found %d", len(rs))
	}
	var zero Index
	if rs := zero.Search("http"); rs != nil {
		t.Error("zero index found something")
	}
}

// FuzzNormalize checks the query normaliser and the span mapping on any
// input: Normalize is idempotent, returns valid UTF-8 without upper case or
// surrounding space, and every match of a line is found with spans inside
// it, in order, on rune boundaries, whose folded text contains the query.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"HTTP", "Résumé", "re\u0301sume\u0301", "ﬁle", "a  b", "東京", "👩‍💻", "\xff\xfe", "ǅ", "ﬃ", "İstanbul", "\u0345"} {
		f.Add(s, s[:len(s)/2])
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		n := Normalize(query)
		if Normalize(n) != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", query, n, Normalize(n))
		}
		if !utf8.ValidString(n) || strings.TrimSpace(n) != n && strings.Trim(n, " ") != n {
			t.Fatalf("bad normal form %q", n)
		}
		line := strings.ReplaceAll(text, "\n", " ")
		ix := &Index{}
		ix.units = []unit{{kind: Text, text: line}}
		f, _ := fold(nil, line, false)
		ix.units[0].identical = len(f) == len(line) && isASCII(line)
		ix.folded, ix.starts = string(f)+"\n", []int32{0}
		rs := ix.Search(query)
		if n == "" || !strings.Contains(string(f), n) {
			if len(rs) != 0 {
				t.Fatalf("%q in %q: unexpected results", query, line)
			}
			return
		}
		if len(rs) != 1 || len(rs[0].Spans) == 0 {
			t.Fatalf("%q in %q: %d results", query, line, len(rs))
		}
		starts := map[int]bool{len(line): true} // rune starts, invalid bytes counting as one rune each
		for i := range line {
			starts[i] = true
		}
		last := 0
		for _, s := range rs[0].Spans {
			if s.Start < last || s.End <= s.Start || s.End > len(line) {
				t.Fatalf("bad span %v in %q (query %q)", s, line, query)
			}
			if !starts[s.Start] || !starts[s.End] {
				t.Fatalf("span %v cuts a rune in %q", s, line)
			}
			if got, _ := fold(nil, line[s.Start:s.End], false); !strings.Contains(string(got), strings.Trim(n, " ")) {
				t.Fatalf("span %q of %q does not hold %q", line[s.Start:s.End], line, n)
			}
			last = s.End
		}
		// and a snippet of it fits any width, with spans inside it
		width := 2 + len(query)%40
		out, spans := Snippet(line, rs[0].Spans, width)
		if w := displaywidth.String(out); w > width {
			t.Fatalf("snippet %q of %q is %d wide, more than %d", out, line, w, width)
		}
		for _, s := range spans {
			if s.Start < 0 || s.End > len(out) || s.Start >= s.End {
				t.Fatalf("snippet span %v outside %q", s, out)
			}
		}
	})
}

func TestFind(t *testing.T) {
	text := "\x1b[1mRésumé\x1b[0m and RESUME"
	got := Find(text, "resume")
	if len(got) != 2 || text[got[0].Start:got[0].End] != "Résumé" || text[got[1].Start:got[1].End] != "RESUME" {
		t.Errorf("Find = %v", got)
	}
	if Find("abc", "  ") != nil || Find("abc", "x") != nil {
		t.Error("found nothing as something")
	}
}

// Snippets fit the width in display columns, keep the match in view and
// never cut a grapheme, in any script.
func TestSnippet(t *testing.T) {
	for _, c := range []struct {
		text, query string
		width       int
		want        string
	}{
		{"    short line", "line", 40, "short [line]"},
		{"the quick brown fox jumps over the lazy dog", "lazy", 20, "…s over the [lazy] dog"},
		{"the quick brown fox jumps over the lazy dog", "the", 12, "[the] quick b…"},
		{"the quick brown fox jumps over the lazy dog", "dog", 12, "…e lazy [dog]"},
		{"東京のサーバーは東京のデータベースに接続します", "データ", 13, "…京の[データ]…"},
		{"مَرْحَبًا بالخادم مَرْحَبًا بالخادم مَرْحَبًا بالخادم", "بالخادم", 12, "…بًا [بالخادم]…"},
		{"👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻 developer", "developer", 14, "…👩‍💻 [developer]"},
	} {
		spans := Find(c.text, c.query)
		out, sp := Snippet(c.text, spans, c.width)
		got := marked(Result{Text: out, Spans: sp})
		if got != c.want {
			t.Errorf("Snippet(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
		}
		if w := displaywidth.String(out); w > c.width {
			t.Errorf("%q is %d wide, more than %d", out, w, c.width)
		}
	}
}

// Top is Search's first n, with the full count.
func TestTop(t *testing.T) {
	ix := New(guide(t))
	all := ix.Search("http")
	top, total := ix.Top("http", 5)
	if total != len(all) || len(top) != 5 {
		t.Fatalf("Top: %d of %d; Search: %d", len(top), total, len(all))
	}
	for i := range top {
		if marked(top[i]) != marked(all[i]) || top[i].ChapterID != all[i].ChapterID || top[i].Line != all[i].Line {
			t.Errorf("result %d: %q, Search has %q", i, marked(top[i]), marked(all[i]))
		}
	}
	if rs, n := ix.Top("zzqx", 5); rs != nil || n != 0 {
		t.Errorf("nothing found as %d", n)
	}
}

func TestOutlineSkipsCode(t *testing.T) {
	got := Outline("# A\n\n````md\n```\n# not a heading\n```\n````\n\n   ## B ##\n    # indented code\n#no-space\n###### C\n")
	want := []Section{{1, 1, "A"}, {9, 2, "B"}, {12, 6, "C"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %v, want %v", i, got[i], want[i])
		}
	}
}
