package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestFenceScanner(t *testing.T) {
	doc := []struct {
		line   string
		inside bool
	}{
		{"text", false},
		{"````md", true},
		{"```", true}, // shorter than the opening run: text
		{"- not a list", true},
		{"~~~", true}, // the other character: text
		{"````", true},
		{"after", false},
		{"~~~~ tilde info with ` backtick", true},
		{"```", true},
		{"~~~~~  ", true}, // longer closes, trailing spaces allowed
		{"``` info with ` backtick is not a fence", false},
		{"   ```go", true},
		{"``` not closing: info after the run", true},
		{"  ```", true},
		{"end", false},
		{"```", true}, // unclosed: to the end
		{"# in code", true},
	}
	var f Fence
	for i, d := range doc {
		if got := f.Line(d.line); got != d.inside {
			t.Errorf("line %d %q: in a fenced block = %v, want %v", i, d.line, got, d.inside)
		}
	}
}

func TestHeadings(t *testing.T) {
	md := "# A\n\n````md\n```\n# not a heading\n```\n````\n\n   ## B ##\n    # indented code\n#no-space\n###### C\n~~~sh\n# comment\n~~~\n#\n## D\\#\n"
	want := []Heading{{1, 1, "A"}, {9, 2, "B"}, {12, 6, "C"}, {16, 1, ""}, {17, 2, `D\#`}}
	got := Headings(md)
	if len(got) != len(want) {
		t.Fatalf("Headings = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("heading %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// A lab hint naming a section that is only a "# comment" inside a chapter's
// shell block is refused: that line is code, not a heading (the old
// hasHeading trimmed #s off any line and accepted it).
func TestLabHintSectionIgnoresCodeComments(t *testing.T) {
	fsys := labPack(t)
	ch := string(fsys["01-notes.md"].Data) + "\n```sh\n# Start the server\npython3 server.py\n```\n"
	fsys["01-notes.md"] = &fstest.MapFile{Data: []byte(ch)}
	lab := string(fsys["labs/everything.yaml"].Data)
	i := strings.Index(lab, "section: ")
	if i < 0 {
		t.Fatal("labs/everything.yaml has no hint section to change")
	}
	end := i + strings.Index(lab[i:], "\n")
	fsys["labs/everything.yaml"] = &fstest.MapFile{Data: []byte(lab[:i] + "section: Start the server" + lab[end:])}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), `has no section headed "Start the server"`) {
		t.Fatalf("Load = %v, want the hint's section refused", err)
	}
	if !hasHeading("## Start the server\n", "Start the server") {
		t.Error("a real heading is not found")
	}
}

// Proves: a fence that opens a list item's text ("- ```sh", "1. ```go")
// is a code block: its "# comment" is no heading, and the heading after
// it is found (the block was read as text, and its closing fence then
// opened a block that ran to the end, hiding every later heading).
func TestFenceInListItem(t *testing.T) {
	body := "# Title\n\n- ```sh\n  # a shell comment\n  ```\n\n1. ~~~\n   # another\n   ~~~\n\n## Real heading\n\n- `code` text\n- * ```x``` inline\n"
	var got []string
	for _, h := range Headings(body) {
		got = append(got, h.Text)
	}
	if strings.Join(got, "|") != "Title|Real heading" {
		t.Errorf("headings %q", got)
	}
	var f Fence
	for _, line := range []string{"- `code` text", "-```sh", "* * *", "10) x", "1.```go"} {
		if f.Line(line) {
			t.Errorf("%q opened a code block", line)
		}
	}
}
