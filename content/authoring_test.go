package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// checkWants loads fsys and requires every want, by file, line and a part
// of the message, and exactly n problems (several wants may name parts of
// one problem).
func checkWants(t *testing.T, fsys fstest.MapFS, n int, wants []want) {
	t.Helper()
	course, err := Load(fsys)
	if err == nil {
		t.Fatalf("Load succeeded (%d chapters), want problems %v", len(course.Chapters), wants)
	}
	if course != nil {
		t.Errorf("Load returned a course together with problems")
	}
	ps := problemsOf(t, err)
	if len(ps) != n {
		t.Errorf("got %d problems, want %d:\n%v", len(ps), n, ps)
	}
	for _, w := range wants {
		found := false
		for _, p := range ps {
			if p.File == w.file && p.Line == w.line && strings.Contains(p.Msg, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem %s:%d: ...%s...\ngot:\n%v", w.file, w.line, w.msg, ps)
		}
	}
}

// A YAML syntax error says what usually causes it and shows the line.
func TestYAMLSyntaxErrorsTeach(t *testing.T) {
	cases := []struct {
		name  string
		fsys  fstest.MapFS
		wants []want
	}{
		{"colon in unquoted text",
			with("a.quiz.yaml", quizWith(
				"  - id: a-one",
				"    kind: truefalse",
				"    prompt: Note: HTTP is stateless",
				"    answer: true",
				"    explanation: e")),
			[]want{{"a.quiz.yaml", 5, "colon followed by a space inside unquoted text: put the text in quotes"},
				{"a.quiz.yaml", 5, "the line:     prompt: Note: HTTP is stateless"}}},
		{"tab in the indentation",
			with("a.quiz.yaml", quizWith(
				"  - id: a-one",
				"    kind: truefalse",
				"\tprompt: p",
				"    answer: true",
				"    explanation: e")),
			[]want{{"a.quiz.yaml", 5, "a tab in the indentation: YAML indents with spaces only"}}},
		{"key one space short, reported at its own line",
			with("a.quiz.yaml", quizWith(
				"  - id: a-one",
				"    kind: truefalse",
				"   prompt: p",
				"    answer: true",
				"    explanation: e")),
			[]want{{"a.quiz.yaml", 5, "usually bad indentation"},
				{"a.quiz.yaml", 5, "the line:    prompt: p"}}},
		{"in front matter, counted from the top of the file",
			with("b.md", "---\nid: beta\ntitle: Why: a reason\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, "the line: title: Why: a reason"}}},
		{"a control character, at its own line",
			with("b.md", "---\nid: beta\ntitle: x \x1b]0;t\x07 y\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, "an invisible control character"}}},
		{"a reserved first character",
			with("b.md", "---\nid: beta\ntitle: `code`\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, "starts with a character YAML reserves"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkWants(t, tc.fsys, 1, tc.wants) })
	}
}

// Options written as plain text get one message saying how to write them.
func TestOptionsShorthandTeaches(t *testing.T) {
	head := []string{"  - id: a-one", "    kind: single", "    prompt: p"}
	cases := []struct {
		name  string
		lines []string
	}{
		{"flow list", []string{"    options: [A, B, C]"}},
		{"plain items", []string{"    options:", "      - A", "      - B"}},
		{"mixed", []string{"    options:", "      - text: A", "        correct: true", "      - B"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines := append(append(append([]string{}, head...), tc.lines...), "    explanation: e")
			checkWants(t, with("a.quiz.yaml", quizWith(lines...)), 1, []want{
				{"a.quiz.yaml", 6, `each as "- text: ...", with "correct: true" under the right ones`}})
		})
	}
}

// A truefalse answer is true or false, never a word YAML tools disagree on.
func TestTrueFalseAnswerWords(t *testing.T) {
	for _, word := range []string{"yes", "no", "on", "off", "y", "n", "Yes", "NO"} {
		t.Run(word, func(t *testing.T) {
			checkWants(t, with("a.quiz.yaml", quizWith(
				"  - id: a-one",
				"    kind: truefalse",
				"    prompt: p",
				"    answer: "+word,
				"    explanation: e")), 1, []want{
				{"a.quiz.yaml", 6, "answer must be true or false, not \"" + word + "\""}})
		})
	}
	for _, word := range []string{"true", "false", "True"} {
		fsys := with("a.quiz.yaml", quizWith("  - id: a-one", "    kind: truefalse", "    prompt: p", "    answer: "+word, "    explanation: e"))
		if _, err := Load(fsys); err != nil {
			t.Errorf("answer: %s refused: %v", word, err)
		}
	}
}

// The authoring rules docs/authoring.md states are warnings, at the line
// that breaks them; the folder still loads.
func TestAuthoringWarnings(t *testing.T) {
	long := strings.Repeat("x", MaxCodeWidth+1)
	fits := strings.Repeat("x", MaxCodeWidth)
	// chapterMD's body starts at line 7 (blank), 8 heading, 9 blank, 10 text.
	head := "---\nid: beta\ntitle: t\nsummary: s\norder: 2\n---\n\n# B\n\n"
	cases := []struct {
		name  string
		body  string
		wants []want
	}{
		{"fence without a language", "```\ncode\n```\n", []want{{"b.md", 10, "code block names no language"}}},
		{"tilde fence without a language", "text\n~~~~\ncode\n~~~~\n", []want{{"b.md", 11, "code block names no language"}}},
		{"indented fence in a list", "- item\n\n  ```\n  code\n  ```\n", []want{{"b.md", 12, "code block names no language"}}},
		{"code line too wide", "```go\n" + fits + "\n" + long + "\n```\n", []want{{"b.md", 12, "code line is 77 columns wide; keep code lines to 76"}}},
		{"wide characters count twice", "```text\n" + strings.Repeat("日", 39) + "\n```\n", []want{{"b.md", 11, "78 columns"}}},
		{"a shorter fence inside does not close", "````markdown\n```\n" + long + "\n```\n````\n", []want{{"b.md", 12, "77 columns"}}},
		{"prose is not code", long + "\n\n```sh\nls\n```\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			course, err := Load(with("b.md", head+tc.body))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			ws := course.Warnings()
			if len(ws) != len(tc.wants) {
				t.Errorf("got %d warnings, want %d:\n%v", len(ws), len(tc.wants), ws)
			}
			for i, w := range tc.wants {
				if i < len(ws) && (ws[i].File != w.file || ws[i].Line != w.line || !strings.Contains(ws[i].Msg, w.msg)) {
					t.Errorf("warning %v, want %s:%d: ...%s...", ws[i], w.file, w.line, w.msg)
				}
			}
		})
	}
}

// The built-in guide keeps the rules it states.
func TestGuideHasNoWarnings(t *testing.T) {
	course, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if ws := course.Warnings(); len(ws) > 0 {
		t.Errorf("the guide breaks its own authoring rules:\n%v", ws)
	}
}

// A YAML syntax error no longer hides the file's other problems where a
// guess at its line (quote the text, line it up) lets the rest be read;
// nothing else is said about the guessed line itself.
func TestYAMLSyntaxErrorKeepsOtherProblems(t *testing.T) {
	second := []string{
		"  - id: a-two",
		"    kind: essay",
		"    prompt: p",
		"    explanation: e",
	}
	q1 := func(kindLine, promptLine string) string {
		return quizWith(append([]string{"  - id: a-one", kindLine, promptLine, "    answer: true", "    explanation: e"}, second...)...)
	}
	cases := []struct {
		name  string
		fsys  fstest.MapFS
		wants []want
	}{
		{"colon in unquoted text",
			with("a.quiz.yaml", q1("    kind: truefalse", "    prompt: Note: HTTP is stateless")),
			[]want{{"a.quiz.yaml", 5, "colon followed by a space"}, {"a.quiz.yaml", 9, `unknown kind "essay"`}}},
		{"tab in the indentation",
			with("a.quiz.yaml", q1("    kind: truefalse", "\tprompt: p")),
			[]want{{"a.quiz.yaml", 5, "a tab in the indentation"}, {"a.quiz.yaml", 9, `unknown kind "essay"`}}},
		{"key one space short",
			with("a.quiz.yaml", q1("    kind: truefalse", "   prompt: p")),
			[]want{{"a.quiz.yaml", 5, "bad indentation"}, {"a.quiz.yaml", 9, `unknown kind "essay"`}}},
		{"front matter",
			with("b.md", "---\nid: Beta\ntitle: Why: a reason\nsummary: s\norder: 2\n---\n\ntext\n"),
			[]want{{"b.md", 3, "colon followed by a space"}, {"b.md", 2, `id "Beta" must be lowercase`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkWants(t, tc.fsys, len(tc.wants), tc.wants) })
	}
}

// The same rules hold for the markdown in quiz files (prompt, hint,
// explanation) and lab files (brief, a step's hint text), at the file's
// own line: in a literal block (|) the line of the code itself.
func TestAuthoringWarningsInQuizAndLabText(t *testing.T) {
	long := strings.Repeat("x", MaxCodeWidth+1)
	q := func(lines ...string) fstest.MapFS {
		// quizWith: line 3 is "- id", 4 kind, 5 onwards as given
		return with("a.quiz.yaml", quizWith(append([]string{"  - id: a-one", "    kind: truefalse"}, lines...)...))
	}
	cases := []struct {
		name  string
		fsys  fstest.MapFS
		wants []want
	}{
		{"prompt: fence without a language",
			q("    prompt: |", "      What does this print?", "", "      ```", "      print(1)", "      ```", "    answer: true", "    explanation: e"),
			[]want{{"a.quiz.yaml", 8, "code block names no language"}}},
		{"explanation: code line too wide, after blank lines",
			q("    prompt: p", "    answer: true", "    explanation: |", "", "      ```sh", "      "+long, "      ```"),
			[]want{{"a.quiz.yaml", 10, "code line is 77 columns wide"}}},
		{"hint: fence without a language",
			q("    prompt: p", "    hint: |", "      ~~~", "      x", "      ~~~", "    answer: true", "    explanation: e"),
			[]want{{"a.quiz.yaml", 7, "code block names no language"}}},
		{"code that keeps the rules",
			q("    prompt: |", "      ```python", "      print(1)", "      ```", "    answer: true", "    explanation: e"),
			nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			requireWarnings(t, tc.fsys, tc.wants)
		})
	}
	t.Run("lab brief and hint text", func(t *testing.T) {
		fsys := labPack(t)
		lab := string(fsys["labs/everything.yaml"].Data)
		i := strings.Index(lab, "brief: ")
		end := i + strings.Index(lab[i:], "\nsteps:")
		if i < 0 || end < i {
			t.Fatal("labs/everything.yaml: no brief before its steps")
		}
		line := strings.Count(lab[:i], "\n") + 1 // of "brief:"
		brief := "brief: |\n  Build it.\n\n  ```\n  curl -i http://127.0.0.1:8000/\n  ```\n"
		lab = lab[:i] + brief + lab[end+1:]
		j := strings.Index(lab, "      text: ")
		if j < 0 {
			t.Fatal("labs/everything.yaml: no hint text")
		}
		eol := j + strings.Index(lab[j:], "\n")
		hintLine := strings.Count(lab[:j], "\n") + 1
		lab = lab[:j] + "      text: |\n        Look:\n        ```sh\n        " + long + "\n        ```" + lab[eol:]
		fsys["labs/everything.yaml"] = &fstest.MapFile{Data: []byte(lab)}
		requireWarnings(t, fsys, []want{
			{"labs/everything.yaml", line + 3, "code block names no language"},
			{"labs/everything.yaml", hintLine + 3, "code line is 77 columns wide"},
		})
	})
}

// requireWarnings loads fsys, which must load, and requires exactly these
// warnings, in order.
func requireWarnings(t *testing.T, fsys fstest.MapFS, wants []want) {
	t.Helper()
	course, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	ws := course.Warnings()
	if len(ws) != len(wants) {
		t.Errorf("got %d warnings, want %d:\n%v", len(ws), len(wants), ws)
	}
	for i, w := range wants {
		if i < len(ws) && (ws[i].File != w.file || ws[i].Line != w.line || !strings.Contains(ws[i].Msg, w.msg)) {
			t.Errorf("warning %v, want %s:%d: ...%s...", ws[i], w.file, w.line, w.msg)
		}
	}
}
