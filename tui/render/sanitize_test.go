package render

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"clear screen", "a\x1b[2Jb", "ab"},
		{"CSI with params", "\x1b[1;31;48;5;200mred\x1b[0m text", "red text"},
		{"CSI cursor moves", "x\x1b[10;20Hy\x1b[?25lz\x1b[3A", "xyz"},
		{"CSI private with intermediates", "a\x1b[>4;2mb\x1b[ qc", "abc"},
		{"unterminated CSI", "a\x1b[31", "a"},
		{"CSI cut by newline", "a\x1b[3\nb", "a\nb"},
		{"OSC 52 clipboard, BEL", "x\x1b]52;c;cm0gLXJmIH4=\x07y", "xy"},
		{"OSC 52 clipboard, ST", "x\x1b]52;c;cm0gLXJmIH4=\x1b\\y", "xy"},
		{"OSC 52 query", "\x1b]52;c;?\x07ok", "ok"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ me", "click me"},
		{"OSC 8 hyperlink, BEL", "\x1b]8;id=1;javascript:alert(1)\x07link\x1b]8;;\x07", "link"},
		{"OSC 0 title", "\x1b]0;pwned\x07title", "title"},
		{"OSC 2 title", "\x1b]2;pwned\x1b\\title", "title"},
		{"unterminated OSC", "a\x1b]0;never ends", "a"},
		{"DCS", "\x1bP1$qm\x1b\\after", "after"},
		{"DCS sixel", "a\x1bPq#0;2;0;0;0#1!6~\x1b\\b", "ab"},
		{"APC kitty graphics", "\x1b_Gf=100,a=T;AAAA\x1b\\after", "after"},
		{"PM", "a\x1b^private\x1b\\b", "ab"},
		{"SOS", "a\x1bXstring\x1b\\b", "ab"},
		{"two-byte escape RIS", "a\x1bcb", "ab"},
		{"two-byte escape save cursor", "a\x1b7b\x1b8c", "abc"},
		{"escape at end", "text\x1b", "text"},
		{"escape before multibyte", "a\x1bé!", "a!"},
		{"C1 CSI with body", "a\u009b31mb\u009b2Jc", "abc"},
		{"C1 CSI unterminated", "a\u009b31", "a"},
		{"C1 OSC BEL", "a\u009d0;pwned\u0007b", "ab"},
		{"C1 OSC ST", "a\u009d52;c;aGk=\u009cb", "ab"},
		{"C1 OSC ESC-ST", "a\u009d2;x\x1b\\b", "ab"},
		{"C1 DCS", "a\u0090q#0\u009cb", "ab"},
		{"C1 APC", "a\u009fGx\u009cb", "ab"},
		{"C1 PM", "a\u009eGx\u009cb", "ab"},
		{"C1 SOS", "a\u0098x\u009cb", "ab"},
		{"C1 NEL and others", "a\u0085b\u0084c\u008dd", "abcd"},
		{"bare BEL", "ding\x07dong", "dingdong"},
		{"backspace", "abc\b\b\bxyz", "abcxyz"},
		{"NUL", "a\x00b", "ab"},
		{"CRLF", "line one\r\nline two\r\n", "line one\nline two\n"},
		{"lone CR", "visible\rhidden", "visiblehidden"},
		{"DEL", "a\x7fb", "ab"},
		{"other C0", "a\x01\x02\x0b\x0c\x0e\x1a\x1fb", "ab"},
		{"bidi RLO shown", "user\u202egnp.exe", `user\u202egnp.exe`},
		{"bidi embeddings shown", "a\u202ab\u202bc\u202cd\u202de", `a\u202ab\u202bc\u202cd\u202de`},
		{"bidi isolates shown", "a\u2066b\u2067c\u2068d\u2069e", `a\u2066b\u2067c\u2068d\u2069e`},
		{"bidi marks kept", "a\u200eb\u200fc", "a\u200eb\u200fc"},
		{"right-to-left text kept", "\u200fשלום עולם\u200e", "\u200fשלום עולם\u200e"},
		{"Arabic letter mark kept", "\u061cمرحبا 123", "\u061cمرحبا 123"},
		{"line separator is a line break", "one\u2028two", "one\ntwo"},
		{"paragraph separator is a paragraph break", "one\u2029two", "one\n\ntwo"},
		{"invisible characters kept in prose", "a\u200bb\u2060c\u00add\ufeffe", "a\u200bb\u2060c\u00add\ufeffe"},
		{"tab", "a\tb", "a    b"},
		{"tabs", "\t\tx", "        x"},
		{"newlines kept", "a\n\nb\n", "a\n\nb\n"},
		{"plain ASCII", "Hello, world! <b>&amp;</b> ~`[]{}", "Hello, world! <b>&amp;</b> ~`[]{}"},
		{"unicode", "café 漢字 😀 👩‍💻 Ωμέγα", "café 漢字 😀 👩‍💻 Ωμέγα"},
		{"combining and zero-width joiner", "e\u0301 a\u200db", "e\u0301 a\u200db"},
		{"replacement char", "\ufffd", "\ufffd"},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"raw C1 byte (invalid UTF-8)", "a\x9b31mb", "a\ufffd31mb"},
		{"nested escape", "a\x1b\x1b[2Jb", "a[2Jb"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Sanitize(c.in)
			if got != c.want {
				t.Errorf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
			}
			assertTerminalSafe(t, got)
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	cases := map[string]string{
		"one line":               "one line",
		"two\nlines":             "two lines",
		"crlf\r\nline":           "crlf line",
		"tab\tand\nnewline":      "tab    and newline",
		"\x1b[2J\nx\x1b]0;t\x07": " x",
		"line\u2028sep":          "line sep",
		"para\u2029sep":          "para  sep",
	}
	for in, want := range cases {
		if got := SanitizeLine(in); got != want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// Clean text, ASCII or not, comes back unchanged; clean ASCII without a copy.
func TestSanitizeCleanNoAlloc(t *testing.T) {
	clean := strings.Repeat("The quick brown fox jumps over the lazy dog.\n", 50)
	if allocs := testing.AllocsPerRun(100, func() { _ = Sanitize(clean) }); allocs != 0 {
		t.Errorf("Sanitize of clean ASCII allocates %.0f times", allocs)
	}
	if got := Sanitize(clean); got != clean {
		t.Errorf("clean text changed")
	}
	uni := "naïve café — 漢字 and 😀\n"
	if got := Sanitize(uni); got != uni {
		t.Errorf("Sanitize(%q) = %q", uni, got)
	}
}

// assertTerminalSafe fails if s holds anything a terminal acts on.
func assertTerminalSafe(t testing.TB, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("not valid UTF-8: %q", s)
	}
	for i, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f:
			t.Errorf("C0 control %U at byte %d in %q", r, i, s)
		case r >= 0x80 && r <= 0x9f:
			t.Errorf("C1 control %U at byte %d in %q", r, i, s)
		case isBidiOverride(r):
			t.Errorf("bidi control %U at byte %d in %q", r, i, s)
		case r == 0x2028 || r == 0x2029:
			t.Errorf("line or paragraph separator %U at byte %d in %q", r, i, s)
		}
	}
}

// Terminal keeps what a renderer makes (SGR, OSC 8 to http, https and
// mailto) and nothing else.
func TestTerminal(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain", "plain text\n", "plain text\n"},
		{"SGR kept", "\x1b[38;5;252mok\x1b[m \x1b[1;4:3m\x1b[0m", "\x1b[38;5;252mok\x1b[m \x1b[1;4:3m\x1b[0m"},
		{"truecolour kept", "\x1b[38;2;10;20;30mx\x1b[m", "\x1b[38;2;10;20;30mx\x1b[m"},
		{"http link kept", "\x1b]8;id=1;https://x.org/?a=b\x07link\x1b]8;;\x07", "\x1b]8;id=1;https://x.org/?a=b\x07link\x1b]8;;\x07"},
		{"link with ST kept", "\x1b]8;;http://y\x1b\\z\x1b]8;;\x1b\\", "\x1b]8;;http://y\x1b\\z\x1b]8;;\x1b\\"},
		{"mailto kept", "\x1b]8;;MAILTO:a@b.c\x07m\x1b]8;;\x07", "\x1b]8;;MAILTO:a@b.c\x07m\x1b]8;;\x07"},
		{"javascript link dropped", "\x1b]8;;javascript:alert(1)\x07js\x1b]8;;\x07", "js\x1b]8;;\x07"},
		{"file link dropped", "\x1b]8;;file:///etc/passwd\x07f", "f"},
		{"relative link dropped", "\x1b]8;;chapter2.md\x07r", "r"},
		{"scheme only dropped", "\x1b]8;;http:\x07r", "r"},
		{"link with space dropped", "\x1b]8;;http://a b\x07r", "r"},
		{"link with UTF-8 dropped", "\x1b]8;;http://é\x07r", "r"},
		{"unterminated link dropped", "a\x1b]8;;http://x", "a"},
		{"title dropped", "a\x1b]0;PWNED\x07b", "ab"},
		{"clipboard dropped", "a\x1b]52;c;SElKQUNLRUQ=\x07b", "ab"},
		{"CSI other than SGR dropped", "a\x1b[2Jb\x1b[?1049hc\x1b[6n", "abc"},
		{"SGR with private marker dropped", "a\x1b[>4;2mb\x1b[?m", "ab"},
		{"DCS dropped", "a\x1bP1$qm\x1b\\b", "ab"},
		{"C1 dropped", "a\u009b2Jb\u009d0;t\u009cc\u0085d", "abcd"},
		{"controls dropped", "a\x07\x00\x08\rb\x7f", "ab"},
		{"bidi shown", "a\u202eb\u2069", `a\u202eb\u2069`},
		{"marks kept", "\u200fשלום\u200e", "\u200fשלום\u200e"},
		{"paragraph separator dropped", "a\u2029b", "ab"},
		{"line separator kept: the renderer's wrap mark, no width", "a\u2028b", "a\u2028b"},
		{"invalid UTF-8", "a\xff", "a\ufffd"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Terminal(c.in); got != c.want {
				t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	frame := strings.Repeat("\x1b[38;5;252mA line of a chapter, styled.\x1b[m \x1b]8;id=7;https://go.dev/\x07go.dev\x1b]8;;\x07\n", 40)
	if allocs := testing.AllocsPerRun(100, func() { _ = Terminal(frame) }); allocs != 0 {
		t.Errorf("Terminal of a clean frame allocates %.0f times", allocs)
	}
}

// Escape shows what a name really is: nothing dropped, nothing raw.
func TestEscape(t *testing.T) {
	cases := map[string]string{
		"chapter.md":                 "chapter.md",
		"\x1b]0;PWNED\x07.md":        `\x1b]0;PWNED\x07.md`,
		"a\x1b[2Jb":                  `a\x1b[2Jb`,
		"two\nlines\ttab\r":          `two\nlines\ttab\x0d`,
		"nul\x00del\x7f":             `nul\x00del\x7f`,
		"c1\u009b31m\u0085":          `c1\u009b31m\u0085`,
		"caf\xe9.md":                 `caf\xe9.md`,
		"\xff\xfe":                   `\xff\xfe`,
		"user\u202egnp.exe":          `user\u202egnp.exe`,
		"\u2066x\u2069":              `\u2066x\u2069`,
		"two\u2028lines\u2029":       `two\u2028lines\u2029`,
		"pass\u200bword\u2060\ufeff": `pass\u200bword\u2060\ufeff`,
		"soft\u00adhyphen\u3164":     `soft\u00adhyphen\u3164`,
		"tag\U000e0041\U000e007f":    `tag\U000e0041\U000e007f`,
		"emoji 👩\u200d💻 ok":          "emoji 👩\u200d💻 ok",
		"café 漢字 \u200fשלום\u200e":   "café 漢字 \u200fשלום\u200e",
		"":                           "",
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := EscapeLines("line one \x1b]0;t\x07\n\tline two\n"); got != "line one \\x1b]0;t\\x07\n\tline two\n" {
		t.Errorf("EscapeLines kept or dropped the wrong things: %q", got)
	}
}

// Numeric character references to controls and bidi overrides are shown,
// not decoded into the control; every other reference is left to markdown.
func TestCharRefs(t *testing.T) {
	cases := map[string]string{
		"&#x1b;]0;PWNED&#x7;":                         `\x1b]0;PWNED\x07`,
		"&#27;]52;c;SElK&#7;":                         `\x1b]52;c;SElK\x07`,
		"&#X1B;[8m &#0000027;[0m":                     `\x1b[8m \x1b[0m`,
		"&#x9b;&#157;&#x7f;&#13;":                     `\u009b\u009d\x7f\x0d`,
		"&#x202e;&#x2066;&#8297;":                     `\u202e\u2066\u2069`,
		"&#x2028;&#8233;":                             `\u2028\u2029`,
		"&#x200f;&#x200e;&#9;&#10;":                   "&#x200f;&#x200e;&#9;&#10;",
		"&amp; &lt; &#x41; &#65; &#;":                 "&amp; &lt; &#x41; &#65; &#;",
		"&#x1b &#xZZ; &#x11000000;":                   "&#x1b &#xZZ; &#x11000000;",
		"no references at all":                        "no references at all",
		"&#12345678; &#x1234567; &#x; &#; &#x1b &#27": "&#12345678; &#x1234567; &#x; &#; &#x1b &#27",
		"&&#x1b;&#&#7;":                               `&\x1b&#\x07`,
		"`code &#x1b;` and &#x1b;[2J":                 "`code \\x1b` and \\x1b[2J",
	}
	for in, want := range cases {
		if got := CharRefs(in); got != want {
			t.Errorf("CharRefs(%q) = %q, want %q", in, got, want)
		}
		if got := charRefsOracle(in); got != want {
			t.Errorf("the oracle: CharRefs(%q) = %q, want %q", in, got, want)
		}
	}
}

// charRefsOracle is CharRefs written the slow, obvious way, for the fuzzer
// to compare against.
func charRefsOracle(md string) string {
	re := regexp.MustCompile(`&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));`)
	return re.ReplaceAllStringFunc(md, func(ref string) string {
		m := re.FindStringSubmatch(ref)
		base, digits := 16, m[1]
		if digits == "" {
			base, digits = 10, m[2]
		}
		n, _ := strconv.ParseUint(digits, base, 32)
		if r := rune(n); r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiOverride(r) || r == 0x2028 || r == 0x2029 {
			return Escape(string(r))
		}
		return ref
	})
}

// progress --json: DEL, C1 and bidi overrides become \u escapes, and the
// JSON means what it meant.
func TestEscapeJSON(t *testing.T) {
	in := "{\"t\": \"a\x7fb\u0085c\u009b31m\u202ed\u2069\u200fe\"}\n"
	want := `{"t": "a\u007fb\u0085c\u009b31m\u202ed\u2069` + "\u200fe\"}\n"
	if got := EscapeJSON(in); got != want {
		t.Errorf("EscapeJSON(%q) = %q, want %q", in, got, want)
	}
	// Invisible characters too, a tag character as JSON's surrogate pair.
	in = "[\"a\u200bb\U000e0041\u2029\"]"
	if got, want := EscapeJSON(in), `["a\u200bb\udb40\udc41\u2029"]`; got != want {
		t.Errorf("EscapeJSON(%q) = %q, want %q", in, got, want)
	}
}

// A Writer judges a sequence whole even when it arrives in pieces, and
// writes the last line on Flush.
func TestWriter(t *testing.T) {
	var out strings.Builder
	w := NewTerminalWriter(&out)
	in := "\x1b[38;5;252mstyled\x1b[m \x1b]0;PWNED\x07title\n\x1b]8;;https://x.org/\x07link\x1b]8;;\x07 end"
	for i := 0; i < len(in); i++ { // a byte at a time
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := Terminal(in); out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
	var msg strings.Builder
	m := NewMessageWriter(&msg)
	fmt.Fprintf(m, "open %s: no such file\n", "\x1b]0;x\x07")
	m.Flush()
	if msg.String() != "open \\x1b]0;x\\x07: no such file\n" {
		t.Errorf("message writer wrote %q", msg.String())
	}
	if m.Unwrap() != &msg {
		t.Errorf("Unwrap lost the writer underneath")
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a\x1b[2Jb", "\x1b]52;c;aGk=\x07", "\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\",
		"\x1bP1$q\x1b\\", "\x1b_G\x1b\\", "\u009b31m", "\u009d0;t\u009c", "\u0090x\u0007",
		"a\r\nb\tc\x00\x7f", "\u202e\u2066\u2069", "é漢字😀", "\xff\xfe\x9b", "\x1b\x1b\x1b[",
		"\x1b]\x1b]\x1b\\", "\u009b\u009b", "\x1b\u009b", "\u009d\x1b",
		`{"title": "a\u0085\u202eb", "n": [1, 2.5, true, null]}`, "[\"\u0085\x7f\u202e\u200f\"]",
		"&#x1b;]0;t&#7; &#X202E; &#0000027; &#x; &&#9;",
		"one\u2028two\u2029three", "pass\u200bword\u2060\ufeff\u00ad", "tag\U000e0041\U000e007f", "\u2067\u202dx\u2069\u202c",
		"&#x2028;&#8233;", "[\"\u2028\U000e0041\"]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if strings.IndexByte(out, 0x1b) >= 0 {
			t.Fatalf("Sanitize(%q) = %q keeps ESC", s, out)
		}
		assertTerminalSafe(t, out)
		if strings.Contains(out, "\t") {
			t.Fatalf("tab kept")
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		line := SanitizeLine(s)
		if strings.Contains(line, "\n") {
			t.Fatalf("SanitizeLine(%q) = %q keeps a newline", s, line)
		}
		assertTerminalSafe(t, line)

		// Escape drops nothing (every byte in shows as at least one byte
		// out) and leaves no control at all, not even a newline.
		esc := Escape(s)
		if len(esc) < len(s) || strings.ContainsAny(esc, "\n\t") {
			t.Fatalf("Escape(%q) = %q", s, esc)
		}
		assertTerminalSafe(t, esc)
		for _, r := range esc {
			if invisible(r) {
				t.Fatalf("Escape(%q) = %q keeps the invisible %U", s, esc, r)
			}
		}
		assertTerminalSafe(t, strings.ReplaceAll(EscapeLines(s), "\t", " ")) // messages keep their tabs
		assertTerminalSafe(t, strings.NewReplacer("\t", " ", "\r", " ").Replace(EscapeJSON(s)))
		if got, want := CharRefs(s), charRefsOracle(s); got != want {
			t.Fatalf("CharRefs(%q) = %q, the oracle says %q", s, got, want)
		}
		// JSON text keeps its meaning through EscapeJSON.
		if json.Valid([]byte(s)) {
			var before, after any
			js := EscapeJSON(s)
			if json.Unmarshal([]byte(s), &before) != nil || json.Unmarshal([]byte(js), &after) != nil ||
				!reflect.DeepEqual(before, after) {
				t.Fatalf("EscapeJSON(%q) = %q changes the JSON", s, js)
			}
		}
	})
}

// FuzzTerminal: whatever goes in, what Terminal lets out holds no escape
// sequence but SGR and OSC 8 links to http, https or mailto, and no other
// control; and a second pass changes nothing.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[38;5;252mok\x1b[m", "\x1b]8;id=1;https://x.org/\x07l\x1b]8;;\x07",
		"\x1b]8;;http://y\x1b\\z\x1b]8;;\x1b\\", "\x1b]8;;javascript:x\x07", "\x1b]0;PWNED\x07",
		"\x1b]52;c;SElKQUNLRUQ=\x07", "\x1b[2J\x1b[?1049h", "\x1b[\x1b[31m", "\x1b\x1b]8;;http://a\x07",
		"\u009b31m\u009d0;t\u009c", "\u202e\u200f", "\xff\x9b", "\x1b]8;;http://a\x1b]0;x\x07",
		"\x1b[3\x01" + "1m", "\x1b]8;;\x07", "\t\r\n", "a\u2028b\u2029c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		checkTerminalOutput(t, out)
		if strings.Contains(out, "\t") {
			t.Fatalf("tab kept")
		}
		if again := Terminal(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if strings.Contains(out, "\u2029") {
			t.Fatalf("Terminal(%q) = %q keeps a paragraph separator", s, out)
		}
		// U+2028 and U+2029 are line breaks to Sanitize, no width to Terminal.
		if !strings.ContainsAny(s, "\x1b\u2028\u2029") && out != Sanitize(s) {
			t.Fatalf("without ESC, Terminal(%q) = %q differs from Sanitize: %q", s, out, Sanitize(s))
		}
	})
}

func BenchmarkTerminalFrame(b *testing.B) {
	// a 100x40 reader frame: styled lines and a few links
	s := strings.Repeat("\x1b[38;5;252mA line of a chapter as glamour styles it, wrapped near a hundred columns.\x1b[m "+
		"\x1b]8;id=7;https://go.dev/\x07go.dev\x1b]8;;\x07\n", 40)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Terminal(s)
	}
}

func BenchmarkSanitizeClean(b *testing.B) {
	s := strings.Repeat("Plain ASCII text of a chapter, the common case.\n", 100)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Sanitize(s)
	}
}

func BenchmarkSanitizeHostile(b *testing.B) {
	s := strings.Repeat("text \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 tab\there \u202e.\n", 100)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Sanitize(s)
	}
}

// Attack: terminals send a pasted line break as CR (tmux and most
// terminals turn LF into CR in a paste), which Sanitize drops, so a
// pasted "full\rstack" became the answer "fullstack" and a two-line
// search "status\rcode" the query "statuscode". SanitizeLine makes
// every line break, CR, LF or CRLF, one space.
func TestSanitizeLineBreaksBecomeSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"full\rstack":   "full stack",
		"full\r\nstack": "full stack",
		"full\nstack":   "full stack",
		"a\r\rb":        "a  b",
		"plain":         "plain",
	} {
		if got := SanitizeLine(in); got != want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", in, got, want)
		}
	}
}
