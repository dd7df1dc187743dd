package asciijson

import (
	"encoding/json"
	"testing"
)

// Escape writes the same JSON in ASCII: every character beyond it as a
// \u escape, one beyond the BMP as a surrogate pair, so decoding gives the
// text back whole; ASCII JSON is returned as it is.
func TestEscape(t *testing.T) {
	in := map[string]string{"t": "“Hi” — 日本 😀 é", "plain": "ascii only"}
	js, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := Escape(string(js))
	for i := 0; i < len(out); i++ {
		if out[i] >= 0x80 {
			t.Fatalf("a byte beyond ASCII at %d: %q", i, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(out), &back); err != nil || back["t"] != in["t"] || back["plain"] != in["plain"] {
		t.Errorf("Escape(%s) = %s, decodes to %v (%v)", js, out, back, err)
	}
	if got := Escape(`{"a":1}`); got != `{"a":1}` {
		t.Errorf("ASCII JSON changed: %s", got)
	}
}

// Any bytes: the result is ASCII, and JSON that decoded before decodes to
// the same after.
func FuzzEscape(f *testing.F) {
	f.Add(`{"a":"“x” 😀"}`)
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		for i := 0; i < len(out); i++ {
			if out[i] >= 0x80 {
				t.Fatalf("a byte beyond ASCII in %q", out)
			}
		}
		var a, b any
		if json.Unmarshal([]byte(s), &a) == nil {
			if err := json.Unmarshal([]byte(out), &b); err != nil {
				t.Fatalf("%q decoded, %q does not: %v", s, out, err)
			}
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Fatalf("%s decodes to %s, escaped to %s", s, ja, jb)
			}
		}
	})
}
