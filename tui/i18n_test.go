package tui

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/clipperhouse/uax29/v2/graphemes"

	"backend-tutor/content"
)

// The packs in other languages (testdata/packs at the top of the
// repository): Japanese, whose characters take two columns and some of
// whose words are written with combining dakuten (テ + U+3099), and Hebrew,
// right to left, with niqqud (combining points) on some words. The tutor
// keeps their text in logical order (the terminal does bidi), and every
// screen that shows pack text fits the window without cutting a
// character or parting a mark from its base.
var i18nPacks = []string{"ja-http", "he-http"}

// i18nScreens are the screens that show a pack's text. queries are
// typed into search: a word of the pack's own language.
func i18nScreens(query, long string, typed []string) []goldenScreen {
	screens := []goldenScreen{
		{"welcome", nil},
		{"home", func(m *Model) {}},
		{"reader-top", func(m *Model) { sendKeys(m, "enter") }},
		{"reader-middle", func(m *Model) { sendKeys(m, "enter", "space") }},
		{"reader-end", func(m *Model) { sendKeys(m, "enter", "G") }},
		{"outline", func(m *Model) { sendKeys(m, "enter", "o") }},
		{"reader-table", func(m *Model) { sendKeys(m, "enter", "o", "down", "down", "enter", "j", "j", "j", "j", "j", "j") }}, // below its third heading
		{"glossary", func(m *Model) { sendKeys(m, "G", "enter") }},
		{"labs", func(m *Model) { sendKeys(m, "G", "k", "enter") }},
		{"lab", func(m *Model) { sendKeys(m, "G", "k", "enter", "enter") }},
		{"search", func(m *Model) { sendKeys(m, append([]string{"/"}, strings.Split(query, "")...)...) }},
		{"results", func(m *Model) { resultsAt(m, typed) }},
		{"results-end", func(m *Model) { resultsAt(m, typed); sendKeys(m, "G") }},
	}
	for _, k := range []content.Kind{content.Single, content.Multi, content.TrueFalse, content.Typed, content.Order} {
		screens = append(screens,
			goldenScreen{kindName(k) + "-question", func(m *Model) { quizAt(m, k) }},
			goldenScreen{kindName(k) + "-answered", func(m *Model) { quizAt(m, k); answerI18n(m, typed) }})
	}
	return append(screens,
		goldenScreen{"truefalse-hint", func(m *Model) { quizAt(m, content.TrueFalse); sendKeys(m, "tab") }},
		// a long answer in wide characters, with voicing marks typed apart,
		// scrolls in its field
		goldenScreen{"typed-long", func(m *Model) {
			quizAt(m, content.Typed)
			sendKeys(m, strings.Split(strings.Repeat(long, 4), "")...)
		}})
}

// resultsAt takes the first chapter's quiz to its results.
func resultsAt(m *Model, typed []string) {
	sendKeys(m, "enter", "t")
	for i := 0; i < 40 && m.Screen() == "quiz"; i++ {
		answerI18n(m, typed)
		sendKeys(m, "enter")
	}
}

// answerI18n answers as answerAny does, but types the typed answer as a
// learner of the pack's language would (full-width digits from an IME).
func answerI18n(m *Model, typed []string) {
	if m.quiz.current().Kind == content.Typed {
		sendKeys(m, typed...)
		sendKeys(m, "enter")
		return
	}
	answerAny(m)
}

func loadPack(t testing.TB, id string) *content.Course {
	t.Helper()
	c, err := content.Load(os.DirFS("../testdata/packs/" + id))
	if err != nil {
		t.Fatalf("pack %s: %v", id, err)
	}
	if ws := c.Warnings(); len(ws) > 0 {
		t.Fatalf("pack %s breaks the authoring rules (validate --strict):\n%v", id, ws)
	}
	return c
}

var i18nQuery = map[string]string{"ja-http": "サーバー", "he-http": "שרת"}

// i18nLong is typed, a character at a time, into a typed answer: marks
// typed apart from their letters (dakuten, niqqud).
var i18nLong = map[string]string{"ja-http": "テ\u3099ータベースとサーハ\u3099ー", "he-http": "שָׁלוֹם וּבְהַצְלָחָה "}

// Golden screens of both packs at 80 and 40 columns.
// Regenerate with: make golden
func TestGoldenI18n(t *testing.T) {
	for _, id := range i18nPacks {
		e := newEnv(t)
		e.course = loadPack(t, id)
		for _, sc := range i18nScreens(i18nQuery[id], i18nLong[id], []string{"２", "０", "０"}) {
			for _, size := range [][2]int{{80, 24}, {40, 12}} {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", id, sc.name, size[0], size[1]), func(t *testing.T) {
					out := i18nScreen(t, e, sc, size)
					golden.RequireEqual(t, out+"\n")
				})
			}
		}
	}
}

func i18nScreen(t *testing.T, e *env, sc goldenScreen, size [2]int) string {
	e.path = t.TempDir() + "/p.db"
	m := e.model(t, sc.to != nil)
	step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
	if sc.to != nil {
		sc.to(m)
	}
	return ansi.Strip(m.View().Content)
}

// Every line of every screen of both packs, at 80 and 40 columns (and a
// few widths between), is valid UTF-8, no wider than the window, and
// made of whole grapheme clusters: no line starts with a combining mark
// parted from its base.
func TestI18nScreensFit(t *testing.T) {
	for _, id := range i18nPacks {
		e := newEnv(t)
		e.course = loadPack(t, id)
		for _, sc := range i18nScreens(i18nQuery[id], i18nLong[id], []string{"２", "０", "０"}) {
			for _, size := range fitSizes {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", id, sc.name, size[0], size[1]), func(t *testing.T) {
					checkLines(t, i18nScreen(t, e, sc, size), size[0])
				})
			}
		}
	}
}

// fitSizes are the windows the layout is checked at: the two of the
// golden screens, and widths between, so that some cut falls beside
// each wide character and combining mark.
var fitSizes = func() [][2]int {
	sizes := [][2]int{{80, 24}, {40, 12}}
	for w := 41; w < 80; w += 7 {
		sizes = append(sizes, [2]int{w, 12 + w%5*3})
	}
	return sizes
}()

func checkLines(t *testing.T, screen string, width int) {
	t.Helper()
	for n, line := range strings.Split(screen, "\n") {
		if !utf8.ValidString(line) {
			t.Errorf("line %d is not valid UTF-8: %q", n+1, line)
		}
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d columns wide, window %d: %q", n+1, w, width, line)
		}
		if line == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(line); unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) || r == '\u200d' {
			t.Errorf("line %d starts with a combining mark parted from its base: %q", n+1, line)
		}
		// a mark after a space or a border is one parted from its letter
		for g := graphemes.FromString(line); g.Next(); {
			if base, size := utf8.DecodeRuneInString(g.Value()); size < len(g.Value()) && !unicode.IsLetter(base) {
				t.Errorf("line %d: a combining mark follows %q, not a letter: %q", n+1, base, line)
			}
		}
		if strings.Contains(line, "\u2028") {
			t.Errorf("line %d keeps a break mark (U+2028): %q", n+1, line)
		}
		// Japanese is wrapped between characters, never before a closing
		// mark (the kinsoku rule)
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(line, " │")); strings.ContainsRune("、。）」", r) {
			t.Errorf("line %d starts with %q: %q", n+1, r, line)
		}
	}
	if t.Failed() {
		t.Logf("screen:\n%s", screen)
	}
}

// The walk: on the results a missed choice question showed the learner's
// pick as its markdown ("You answered: `POST`") while the right answer
// beside it was rendered ("The answer: GET"). Options are markdown, shown
// the same way in both; a typed answer stays as typed.
func TestResultsRenderGivenOption(t *testing.T) {
	e := newEnv(t)
	e.course = loadPack(t, "ja-http")
	s := e.store(t)
	if err := s.SetWelcomed(); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	m := withoutTicks(New(Options{Course: e.course, Store: s, Snapshot: snap, Cache: e.cache, Rand: testRand()}))
	step(m, tea.WindowSizeMsg{Width: 80, Height: 200})
	sendKeys(m, "t")
	for i := 0; i < 10 && m.Screen() == "quiz"; i++ {
		switch m.quiz.current().Kind {
		case content.Single: // a wrong option: the one that is not GET
			for n := 1; n <= 3; n++ {
				if opt := m.quiz.current().Options[m.quiz.shuffles[m.quiz.current().ID][n-1]]; !opt.Correct {
					sendKeys(m, strconv.Itoa(n))
					break
				}
			}
			sendKeys(m, "enter")
		case content.Typed:
			sendKeys(m, "`", "x", "`", "enter")
		default:
			answerAny(m)
		}
		sendKeys(m, "enter")
	}
	m.Flush()
	if m.Screen() != "results" {
		t.Fatalf("screen %s, want results:\n%s", m.Screen(), viewText(m))
	}
	v := viewText(m)
	if strings.Contains(v, "You answered: `POST`") || strings.Contains(v, "You answered: `DELETE`") || !strings.Contains(v, "The answer: GET") {
		t.Errorf("a given option is shown as markdown:\n%s", v)
	}
	if !strings.Contains(v, "You answered: `x`") {
		t.Errorf("the typed answer is not shown as typed:\n%s", v)
	}
}
