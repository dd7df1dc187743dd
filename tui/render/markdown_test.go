package render

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"backend-tutor/content"

	"github.com/charmbracelet/x/ansi"
)

// hostile payloads a content author (or a learner's answer) could smuggle in.
var hostile = []string{
	"\x1b[2J", "\x1b[1;31;48;5;200m", "\x1b[10;20H", "\x1b[?1049h",
	"\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]52;c;cm0gLXJmIH4=\x1b\\",
	"\x1b]8;;http://evil.example/\x1b\\", "\x1b]8;;\x07",
	"\x1b]0;pwned\x07", "\x1b]2;pwned\x1b\\",
	"\x1bP1$qm\x1b\\", "\x1b_Gf=100;AAAA\x1b\\", "\x1b^pm\x1b\\", "\x1bc",
	"\u009b31m", "\u009b2J", "\u009d52;c;aGk=\u0007", "\u009d0;title\u009c", "\u0090dcs\u009c",
	"\x07", "\b", "\x00", "\r", "\x7f", "\x01", "\x0b", "\x0c",
	"\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f",
	"\t",
}

func hostileDoc() string {
	all := strings.Join(hostile, "X")
	var b strings.Builder
	fmt.Fprintf(&b, "# Heading %s end\n\n", all)
	fmt.Fprintf(&b, "## Sub %s\n\n", all)
	fmt.Fprintf(&b, "A paragraph %s with **bold %s** and _em %s_ and `inline %s code`.\n\n", all, all, all, all)
	for _, h := range hostile {
		fmt.Fprintf(&b, "- item %sY\n", h)
	}
	b.WriteString("\n1. first " + all + "\n2. second\n\n")
	fmt.Fprintf(&b, "```go\nfunc main() { fmt.Println(\"%s\") }\n\tindented %s\n```\n\n", all, all)
	fmt.Fprintf(&b, "```\nno language %s\n```\n\n", all)
	fmt.Fprintf(&b, "    indented code %s\n\n", all)
	for _, h := range hostile {
		fmt.Fprintf(&b, "See [link %s text](https://example.com/a%sb) and ", h, h)
		fmt.Fprintf(&b, "<https://example.com/auto%sx> and ![img %s](http://x/%s.png).\n", h, h, h)
	}
	fmt.Fprintf(&b, "\n[ref %s]: https://example.com/ref%s\n\n", all, all)
	fmt.Fprintf(&b, "> quote %s\n\n", all)
	fmt.Fprintf(&b, "| col %s | b |\n| --- | --- |\n| cell %s | `c%s` |\n\n", all, all, all)
	fmt.Fprintf(&b, "<b>html %s</b>\n\n", all)
	b.WriteString("---\n\nDone.\n")
	return b.String()
}

var sgrParams = regexp.MustCompile(`^[0-9;:]*$`)

// checkTerminalOutput parses rendered output: the only escape sequences
// allowed are SGR and OSC 8 hyperlinks with a clean URL; no other control.
func checkTerminalOutput(t testing.TB, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("output is not valid UTF-8")
	}
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 10 {
			t.Errorf(format, args...)
		}
	}
	for i := 0; i < len(out); {
		if out[i] == 0x1b {
			if i+1 >= len(out) {
				fail("bare ESC at the end")
				break
			}
			switch out[i+1] {
			case '[':
				j := i + 2
				for j < len(out) && out[j] >= 0x30 && out[j] <= 0x3f {
					j++
				}
				if j >= len(out) || out[j] != 'm' || !sgrParams.MatchString(out[i+2:j]) {
					fail("non-SGR CSI at %d: %q", i, out[i:min(len(out), j+1)])
				}
				i = j + 1
			case ']':
				end, term := -1, 0
				for j := i + 2; j < len(out); j++ {
					if out[j] == 0x07 {
						end, term = j, 1
						break
					}
					if out[j] == 0x1b && j+1 < len(out) && out[j+1] == '\\' {
						end, term = j, 2
						break
					}
					if out[j] == 0x1b {
						break
					}
				}
				if end < 0 {
					fail("unterminated OSC at %d: %q", i, out[i:min(len(out), i+40)])
					i += 2
					continue
				}
				body := out[i+2 : end]
				parts := strings.SplitN(body, ";", 3)
				if len(parts) != 3 || parts[0] != "8" {
					fail("OSC other than a hyperlink at %d: %q", i, body)
				} else if bad := firstControl(parts[1] + parts[2]); bad >= 0 {
					fail("hyperlink URL holds control %U: %q", bad, body)
				} else if u := strings.ToLower(parts[2]); u != "" && !strings.HasPrefix(u, "http://") &&
					!strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "mailto:") {
					fail("hyperlink to something other than http, https or mailto: %q", body)
				}
				i = end + term
			default:
				fail("escape sequence other than SGR/OSC 8 at %d: %q", i, out[i:min(len(out), i+8)])
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f:
			fail("C0 control %U at %d", r, i)
		case r >= 0x80 && r <= 0x9f:
			fail("C1 control %U at %d", r, i)
		case isBidiOverride(r):
			fail("bidi control %U at %d", r, i)
		}
		i += size
	}
}

func firstControl(s string) rune {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiOverride(r) {
			return r
		}
	}
	return -1
}

func TestMarkdownHostile(t *testing.T) {
	doc := hostileDoc()
	for _, style := range []string{StyleDark, StyleLight, StyleNoColor} {
		t.Run(style, func(t *testing.T) {
			out, err := Markdown(doc, 80, style)
			if err != nil {
				t.Fatalf("Markdown: %v", err)
			}
			if !strings.Contains(ansi.Strip(out), "Heading") || !strings.Contains(ansi.Strip(out), "Done.") {
				t.Fatalf("hostile document lost its text:\n%s", out)
			}
			checkTerminalOutput(t, out)
			for _, bad := range []string{"\x1b]52", "\x1b]0;", "\x1b]2;", "pwned", "cm0gLXJmIH4"} {
				if strings.Contains(out, bad) {
					t.Errorf("output contains %q", bad)
				}
			}
			checkTrimmed(t, out)
		})
	}
}

// goldmark decodes character references after the source was sanitised:
// "&#x1b;" is an ESC again by the time glamour writes it. Issue 8, item 7.
func TestMarkdownCharacterReferences(t *testing.T) {
	doc := "# Title &#x1b;]0;PWNED&#x7; end\n\n" +
		"Clip &#27;]52;c;SElKQUNLRUQ=&#7; board, &#x202e;gnp.exe, &#x2066;iso&#x2069;, &#x9b;31m, &#0;, " +
		"&#x1b;[2J, &#x1b;P1$q&#x1b;\\, &#27;[8mconcealed&#x1b;[0m, &#x9d;0;t&#x9c; and &#x200f;rlm&#x200e; kept.\n\n" +
		"`code &#x1b;]0;x&#x7;` [js](javascript:alert(1)) [file](file:///etc/passwd) " +
		"[web](https://example.com/a) [mail](mailto:a@example.com)\n\n" +
		"| a &#x1b;]2;t&#x7; | b |\n|---|---|\n| &#x202d;c | d |\n"
	for _, style := range []string{StyleDark, StyleNoColor} {
		out, err := Markdown(doc, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		checkTerminalOutput(t, out)
		for _, bad := range []string{"\x1b]0;", "\x1b]52", "\x1b]2;", "\x1b[2J", "\x1bP", "\x1b[8m", "\u202e", "\u2066", "javascript:alert(1)\x07", "file:///etc/passwd\x07"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output holds %q:\n%q", style, bad, out)
			}
		}
		plain := ansi.Strip(out)
		for _, want := range []string{`\x1b]0;PWNED\x07`, `\x1b]52;c;SElKQUNLRUQ=\x07`, `\x1b[8mconcealed`, `\u009d0;t\u009c`,
			`\u202egnp.exe`, `\u2066iso\u2069`, "\u200frlm\u200e kept", `\u202dc`} {
			if !strings.Contains(plain, want) {
				t.Errorf("%s: output lacks %q:\n%s", style, want, plain)
			}
		}
		if style == StyleDark && (!strings.Contains(out, "\x1b]8;id=") || !strings.Contains(out, ";https://example.com/a\x07") || !strings.Contains(out, ";mailto:a@example.com\x07")) {
			t.Errorf("http and mailto links lost:\n%q", out)
		}
	}
}

// The checker itself must catch what it is meant to catch.
func TestCheckTerminalOutputCatches(t *testing.T) {
	for _, bad := range []string{
		"a\x1b[2Jb", "\x1b]52;c;aGk=\x07", "\x1b]0;t\x07", "\x1b]8;;http://x\x01y\x07", "x\x07",
		"\u009b31m", "\u202e", "\x1bc", "\x1b]8;;unterminated", "\r",
		"\x1b]8;;javascript:alert(1)\x07", "\x1b]8;;file:///etc/passwd\x1b\\", "\x1b]8;;x.md\x07",
	} {
		ft := &fakeTB{TB: t}
		checkTerminalOutput(ft, bad)
		if !ft.failed {
			t.Errorf("checker accepted %q", bad)
		}
	}
	ft := &fakeTB{TB: t}
	checkTerminalOutput(ft, "\x1b[38;5;252mok\x1b[m \x1b]8;id=1;https://x.org/?a=b\x07link\x1b]8;;\x07 \x1b]8;;http://y\x1b\\z\x1b]8;;\x1b\\\n")
	if ft.failed {
		t.Errorf("checker rejected SGR and OSC 8")
	}
}

type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Errorf(string, ...any) { f.failed = true }
func (f *fakeTB) Helper()               {}

// checkTrimmed: no line ends in a space (raw or visible) or leaves an SGR open.
func checkTrimmed(t testing.TB, out string) {
	t.Helper()
	for n, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("line %d ends in a space: %q", n+1, l)
		}
		if vis := ansi.Strip(l); strings.HasSuffix(vis, " ") && strings.TrimSpace(vis) != "" {
			t.Errorf("line %d ends in visible padding: %q", n+1, l)
		}
		if sgrs := sgrAll.FindAllString(l, -1); len(sgrs) > 0 {
			if last := sgrs[len(sgrs)-1]; last != "\x1b[m" && last != "\x1b[0m" {
				t.Errorf("line %d leaves SGR %q open: %q", n+1, last, l)
			}
		}
	}
}

var sgrAll = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func embeddedCourse(t testing.TB) *content.Course {
	t.Helper()
	c, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatalf("embedded course does not load:\n%v", err)
	}
	return c
}

func TestMarkdownEmbeddedChaptersFit(t *testing.T) {
	c := embeddedCourse(t)
	for _, ch := range c.Chapters {
		for _, width := range []int{MinWidth, 60, 80, 120} {
			for _, style := range []string{StyleDark, StyleNoColor} {
				out, err := Markdown(ch.Body, width, style)
				if err != nil {
					t.Errorf("%s at %d (%s): %v", ch.File, width, style, err)
					continue
				}
				if len(ansi.Strip(out)) < len(ch.Body)/3 {
					t.Errorf("%s at %d (%s): suspiciously short output (%d bytes)", ch.File, width, style, len(out))
				}
				widest, widestLine, over := 0, "", 0
				for _, l := range strings.Split(out, "\n") {
					w := ansi.StringWidth(l)
					if w > width {
						over++
					}
					if w > widest {
						widest, widestLine = w, l
					}
				}
				if over > 0 {
					src := "not found in the source"
					needle := strings.TrimSpace(ansi.Strip(widestLine))
					file, _ := fs.ReadFile(content.Embedded(), ch.File)
					for i, l := range strings.Split(string(file), "\n") {
						if needle != "" && strings.HasPrefix(strings.TrimSpace(l), needle) {
							src = fmt.Sprintf("from %s:%d, %d characters", ch.File, i+1, utf8.RuneCountInString(l))
							break
						}
					}
					t.Errorf("%s at width %d (%s): %d lines too wide; widest is %d columns (%s): %q",
						ch.File, width, style, over, widest, src, ansi.Strip(widestLine))
				}
				checkTerminalOutput(t, out)
				checkTrimmed(t, out)
				checkHeadings(t, ch.File, out)
				if style == StyleDark {
					checkCodeSpans(t, ch, out, width)
					checkListHang(t, ch.File, out, width, "\x1b[38;5;244m")
				}
			}
		}
	}
}

func TestWrapWidth(t *testing.T) {
	cases := map[int]int{-5: MinWidth, 0: MinWidth, 10: MinWidth, MinWidth - 1: MinWidth, MinWidth: MinWidth,
		60: 60, 80: 80, MaxWidth: MaxWidth, MaxWidth + 1: MaxWidth, 1000: MaxWidth}
	for in, want := range cases {
		if got := WrapWidth(in); got != want {
			t.Errorf("WrapWidth(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestTrimPadding(t *testing.T) {
	cases := []struct{ in, want string }{
		{"text   ", "text"},
		{"\n\n\ntext", "\ntext"},
		{"a\nb\n\n\n", "a\nb"},
		{"\x1b[38;5;252mtext\x1b[m\x1b[38;5;252m   \x1b[m", "\x1b[38;5;252mtext\x1b[m"},
		{"\x1b[1mbold \x1b[0m", "\x1b[1mbold\x1b[m"},
		{"\x1b[1mbold   ", "\x1b[1mbold\x1b[m"},
		{"no padding here", "no padding here"},
		{"program", "program"},
		{"  ", ""},
	}
	for _, c := range cases {
		got := trimPadding(c.in)
		if got != c.want {
			t.Errorf("trimPadding(%q) = %q, want %q", c.in, got, c.want)
		}
		checkTrimmed(t, got)
	}
	// And on real glamour output, every style.
	md := "# Title\n\nA paragraph that is long enough to wrap around at least once at forty columns wide.\n\n" +
		"- one\n- two\n\n```sh\necho hi   \n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n> quoted text\n"
	for _, style := range []string{StyleDark, StyleLight, StyleNoColor} {
		out, err := Markdown(md, 40, style)
		if err != nil {
			t.Fatal(err)
		}
		checkTrimmed(t, out)
		if strings.HasPrefix(out, "\n\n") || strings.HasSuffix(out, "\n") {
			t.Errorf("%s: output not trimmed at the ends: %q", style, out)
		}
	}
}

func TestFitWidth(t *testing.T) {
	line := "    \x1b[38;5;39m" + strings.Repeat("-", 30) + "+" + strings.Repeat("-", 30) + "\x1b[m \x1b[1mword word word\x1b[m"
	out := fitWidth("short\n"+line+"\nshort", 20)
	lines := strings.Split(out, "\n")
	if lines[0] != "short" || lines[len(lines)-1] != "short" || len(lines) < 5 {
		t.Fatalf("fitWidth = %q", out)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 20 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
		if i > 1 && i < len(lines)-1 && strings.Contains(ansi.Strip(l), "-") && !strings.HasPrefix(l, "\x1b[38;5;39m") {
			t.Errorf("continuation line %d lost its colour: %q", i, l)
		}
	}
	checkTrimmed(t, out)
	if got, want := strings.Count(ansi.Strip(out), "-"), 60; got != want {
		t.Errorf("wrapping lost text: %d hyphens, want %d", got, want)
	}
	if got := fitWidth("fits\nin", 20); got != "fits\nin" {
		t.Errorf("fitWidth changed fitting text: %q", got)
	}
}

func TestCacheReturnsCachedRender(t *testing.T) {
	c := NewCache(4)
	k := Key{Chapter: "ch@abc", Width: 80, Style: StyleDark}
	first, err := c.Render(k, "# Hello\n\nWorld.\n")
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Render(k, "# Hello\n\nWorld.\n")
	if err != nil || second != first {
		t.Fatalf("second render differs: %q vs %q (%v)", second, first, err)
	}
	// Structural proof that a hit does not render: a sentinel Put under the
	// key comes back as is, though the markdown would render to something else.
	c.Put(k, "SENTINEL")
	if got, _ := c.Render(k, "# Something else entirely\n"); got != "SENTINEL" {
		t.Errorf("Render on a cached key rendered again: %q", got)
	}
	// A different width or style is a different entry.
	other, _ := c.Render(Key{Chapter: k.Chapter, Width: 60, Style: StyleDark}, "# Hello\n\nWorld.\n")
	if other == "SENTINEL" || !strings.Contains(other, "Hello") {
		t.Errorf("different width served the wrong entry: %q", other)
	}
	// A failed render (glamour rejects an unknown style) is not cached.
	if _, err := c.Render(Key{Chapter: "x", Width: 80, Style: "no-such-style"}, "x"); err == nil {
		t.Errorf("unknown style rendered without error")
	}
	if _, ok := c.Get(Key{Chapter: "x", Width: 80, Style: "no-such-style"}); ok {
		t.Errorf("a failed render was cached")
	}
}

func TestCacheLRU(t *testing.T) {
	c := NewCache(3)
	key := func(s string) Key { return Key{Chapter: s, Width: 80, Style: StyleDark} }
	c.Put(key("a"), "A")
	c.Put(key("b"), "B")
	c.Put(key("c"), "C")
	if _, ok := c.Get(key("a")); !ok { // a is now most recently used
		t.Fatal("a missing before the limit")
	}
	c.Put(key("d"), "D") // evicts b, the least recently used
	if _, ok := c.Get(key("b")); ok {
		t.Errorf("b survived eviction")
	}
	for _, k := range []string{"a", "c", "d"} {
		if v, ok := c.Get(key(k)); !ok || v != strings.ToUpper(k) {
			t.Errorf("%s = %q, %v", k, v, ok)
		}
	}
	// Replacing an existing key does not evict anything.
	c.Put(key("a"), "A2")
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.Get(key(k)); !ok {
			t.Errorf("%s evicted by an update", k)
		}
	}
	if v, _ := c.Get(key("a")); v != "A2" {
		t.Errorf("a = %q after update", v)
	}
	// The Gets above touched a, c, d, then a again: c is least recent.
	c.Put(key("e"), "E")
	if _, ok := c.Get(key("c")); ok {
		t.Errorf("c should have been evicted")
	}
	if len(c.entries) != 3 || len(c.order) != 3 {
		t.Errorf("cache holds %d entries, %d in order; limit 3", len(c.entries), len(c.order))
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := NewCache(4)
	docs := []string{"# One\n\nfirst", "# Two\n\nsecond", "# Three\n\nthird", "# Four\n\nfourth", "# Five\n\nfifth", "# Six\n\nsixth"}
	var wg sync.WaitGroup
	errs := make(chan error, 8*20)
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				n := (g + i) % len(docs)
				if g%2 == 0 {
					n = 0 // half the goroutines hammer the same key
				}
				k := Key{Chapter: fmt.Sprint(n), Width: 60, Style: StyleNoColor}
				out, err := c.Render(k, docs[n])
				if err != nil {
					errs <- err
					continue
				}
				want := strings.Fields(docs[n])[1]
				if !strings.Contains(out, want) {
					errs <- fmt.Errorf("key %d: got %q, want text %q", n, out, want)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(c.entries) > 4 || len(c.order) != len(c.entries) {
		t.Errorf("cache over its limit: %d entries, %d in order", len(c.entries), len(c.order))
	}
}

func longestChapter(b *testing.B) *content.Chapter {
	c := embeddedCourse(b)
	var longest *content.Chapter
	for _, ch := range c.Chapters {
		if longest == nil || len(ch.Body) > len(longest.Body) {
			longest = ch
		}
	}
	return longest
}

func BenchmarkMarkdownLongestChapter(b *testing.B) {
	ch := longestChapter(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(ch.Body)))
	for b.Loop() {
		if _, err := Markdown(ch.Body, 80, StyleDark); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheHit(b *testing.B) {
	ch := longestChapter(b)
	c := NewCache(16)
	k := Key{Chapter: ch.ID + "@" + ch.Hash, Width: 80, Style: StyleDark}
	if _, err := c.Render(k, ch.Body); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Render(k, ch.Body); err != nil {
			b.Fatal(err)
		}
	}
}

// checkHeadings: headings look like headings, not markdown ("## Title").
func checkHeadings(t testing.TB, file, out string) {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "## ") || strings.HasPrefix(strings.TrimSpace(l), "### ") {
			t.Errorf("%s: a heading shows its markdown: %q", file, l)
			return
		}
	}
}

// Proves: a code block that opens a list item ("- ```sh") shows its code:
// the list pass joined its lines to the item's line, into the fence's info
// string, and the block rendered empty.
func TestCodeBlockInListItemShown(t *testing.T) {
	out, err := Markdown("Steps:\n\n- ```sh\n  echo hi\n  echo there\n  ```\n- next item\n", 80, StyleNoColor)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"echo hi\n", "echo there\n", "next item"} {
		if !strings.Contains(plain, want) {
			t.Errorf("%q missing from:\n%s", want, plain)
		}
	}
}
