package classreport

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// FuzzDecode: any file given to report or import either decodes or is
// refused with an error; never a panic. What decodes merges and renders.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	WriteJSON(&buf, export("Ann", map[string]int{"intro": 80}, map[string][]bool{"q": {false, true}}))
	f.Add(buf.String())
	f.Add(`{"schema":"backend-tutor-export/1","records":[{"learner":"\u001b]0;x\u0007","chapter":"<b>"}]}`)
	f.Add(`{"schema":"backend-tutor-export/2"}`)
	f.Add(`{"schema":1}`)
	f.Add("learner,profile\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := Decode(strings.NewReader(in))
		if err != nil {
			return
		}
		c := Merge([]*Export{e, e})
		if err := c.WriteHTML(io.Discard, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := c.WriteCSV(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}
