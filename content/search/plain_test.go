package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Proves: a result's line loses its markdown syntax as the reader shows
// it rendered, and its match moves with the text; a match inside what
// went (a link's URL) goes, and a line whose only match went is shown as
// written.
func TestPlain(t *testing.T) {
	for _, tc := range []struct {
		in, query, want, marked string
	}{
		{"Use **bold** words", "bold", "Use bold words", "Use [bold] words"},
		{"Send `GET /health` first", "health", "Send GET /health first", "Send GET /[health] first"},
		{"See [the status codes](https://example.com/codes) page", "status", "See the status codes page", "See the [status] codes page"},
		{"![a diagram](img/flow.png) of the flow", "diagram", "a diagram of the flow", "a [diagram] of the flow"},
		{"## Status *codes* and __more__", "codes", "Status codes and more", "Status [codes] and more"},
		{"#\tCookies", "cookies", "Cookies", "[Cookies]"},
		{"## Status codes ##", "codes", "Status codes", "Status [codes]"},
		{"the user_id and snake_case_name stay", "user_id", "the user_id and snake_case_name stay", "the [user_id] and snake_case_name stay"},
		{"a * b * c and **kwargs", "kwargs", "a * b * c and **kwargs", "a * b * c and **[kwargs]"},
		{"escaped \\*stars\\* kept", "stars", "escaped *stars* kept", "escaped *[stars]* kept"},
		{"``code with ` tick`` ok", "tick", "code with ` tick ok", "code with ` [tick] ok"},
		{"`**not bold**` in code", "bold", "**not bold** in code", "**not [bold]** in code"},
		{"mail <me@example.com> now", "example", "mail me@example.com now", "mail me@[example].com now"},
		{"an *unclosed marker", "unclosed", "an *unclosed marker", "an *[unclosed] marker"},
		// ``` has no closer: text, not a tail "`" pairing with the one after b*.
		{"*a ```b*` c", "b", "a ```b` c", "a ```[b]` c"},
		{"Ünïcödé **ça va** 漢字", "ca va", "Ünïcödé ça va 漢字", "Ünïcödé [ça va] 漢字"},
		// The only match is in the link's target: the line as written.
		{"See [the docs](https://example.com/status)", "status", "See [the docs](https://example.com/status)", "See [the docs](https://example.com/[status])"},
	} {
		got, spans := Plain(tc.in, Find(tc.in, tc.query))
		if got != tc.want {
			t.Errorf("Plain(%q) = %q, want %q", tc.in, got, tc.want)
			continue
		}
		var b strings.Builder
		last := 0
		for _, sp := range spans {
			b.WriteString(got[last:sp.Start] + "[" + got[sp.Start:sp.End] + "]")
			last = sp.End
		}
		if b.WriteString(got[last:]); b.String() != tc.marked {
			t.Errorf("Plain(%q) marks %q, want %q", tc.in, b.String(), tc.marked)
		}
	}
}

// A line longer than maxPlain is shown as written: pairing its markers
// would cost the square of its length.
func TestPlainLongLineAsWritten(t *testing.T) {
	long := strings.Repeat("*a", maxPlain) + " **bold**"
	if got, _ := Plain(long, Find(long, "bold")); got != long {
		t.Errorf("a %d-byte line was changed", len(long))
	}
}

// Plain never panics, keeps valid UTF-8 valid, never grows the line, and
// its spans are in order, inside the text, on character boundaries.
func FuzzPlain(f *testing.F) {
	for _, s := range []string{"**a**", "`x`", "[a](b)", "![a](b)", "# h", "\\*", "<a@b>", "_a_b_", "***x***", "[[a](b)](c)", "`a", "a**", "é**é**", "[a](", "![", "<>"} {
		f.Add(s, "a")
	}
	f.Fuzz(func(t *testing.T, s, q string) {
		spans := Find(s, q)
		out, moved := Plain(s, spans)
		if len(out) > len(s) || utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Plain(%q) = %q", s, out)
		}
		if len(spans) > 0 && len(moved) == 0 {
			t.Fatalf("Plain(%q) lost every span", s)
		}
		last := 0
		for _, sp := range moved {
			if sp.Start < last || sp.End > len(out) || sp.Start >= sp.End || !utf8.ValidString(out[sp.Start:sp.End]) && utf8.ValidString(s) {
				t.Fatalf("Plain(%q): span %v of %q", s, sp, out)
			}
			last = sp.End
		}
	})
}

// BenchmarkPlainHostile is Plain's worst case: a line of maxPlain bytes of
// unpaired markers, each looking ahead to the line's end.
func BenchmarkPlainHostile(b *testing.B) {
	for _, bc := range []struct{ name, line string }{
		{"openers", strings.Repeat(" *a", maxPlain/3)}, // no "*" closes: each is preceded by a space
		// each opener looks ahead through a run of backticks that never closes
		{"ticks", (strings.Repeat(" *a", 180) + strings.Repeat("`", maxPlain))[:maxPlain]},
	} {
		spans := Find(bc.line, "a")
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				Plain(bc.line, spans)
			}
		})
	}
}
