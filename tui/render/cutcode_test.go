package render

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// cutCodeLineOracle is the first, quadratic version of cutCodeLine: what
// the linear one must still do, piece for piece.
func cutCodeLineOracle(out []string, line, indent string, limit int, mark string) []string {
	rest := line
	for ansi.StringWidth(rest) > limit {
		head := ansi.Truncate(rest, limit-ansi.StringWidth(mark), "")
		if sp := strings.LastIndexByte(head, ' '); sp > len(indent)+len(head)/2 {
			head = head[:sp+1]
		}
		if strings.TrimSpace(head) == "" {
			break
		}
		out = append(out, head+mark)
		rest = indent + rest[len(head):]
	}
	return append(out, rest)
}

func TestCutCodeLineMatchesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "x", " ", "  ", "é", "日", "本", "👍🏽", "e\u0301", "-", "=", "\t"}
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", rng.IntN(8)))
		for k := rng.IntN(300); k > 0; k-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		line := b.String()
		limit := 10 + rng.IntN(70)
		indent := line[:min(len(line)-len(strings.TrimLeft(line, " ")), limit/2)]
		for _, mark := range []string{codeMark, codeMarkASCII} {
			got := strings.Join(cutCodeLine(nil, line, indent, limit, mark), "\n")
			want := strings.Join(cutCodeLineOracle(nil, line, indent, limit, mark), "\n")
			if got != want {
				t.Fatalf("limit %d, line %q:\ngot  %q\nwant %q", limit, line, got, want)
			}
		}
	}
}

// A 1 MiB code line is cut in linear time (it took 23 s when each cut
// measured what was left); the bound is generous, not a timing test of
// speed: quadratic work here would take minutes.
func TestCutCodeLineHugeLine(t *testing.T) {
	line := strings.Repeat("abcdefghij", 1<<17/10*8)
	pieces := cutCodeLine(nil, line, "", 74, codeMark)
	if len(pieces) < len(line)/74 {
		t.Fatalf("%d pieces for %d bytes", len(pieces), len(line))
	}
	for _, p := range pieces {
		if ansi.StringWidth(p) > 74 {
			t.Fatalf("piece wider than 74: %d", ansi.StringWidth(p))
		}
	}
}
