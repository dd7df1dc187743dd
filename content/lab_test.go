package content

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// labPack is the test data pack: a chapter and a lab that uses every
// expectation and capture type of the format.
func labPack(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"01-notes.md", "labs/everything.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "labpack", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func TestLabPackUsesEveryType(t *testing.T) {
	c, err := Load(labPack(t))
	if err != nil {
		t.Fatalf("the lab pack does not load:\n%v", err)
	}
	if len(c.Labs()) != 1 {
		t.Fatalf("labs = %d, want 1", len(c.Labs()))
	}
	lab := c.Labs()[0]
	if lab.ID != "private-notes" || lab.Chapter != "notes-basics" || lab.Port != 8000 || len(lab.Steps) != 7 || lab.Hash == "" {
		t.Fatalf("lab = %+v", lab)
	}
	used := map[string]bool{}
	for _, st := range lab.Steps {
		e := st.Expect
		used["status"] = used["status"] || e.Status != 0
		used["status list"] = used["status list"] || len(e.AlsoStatus) > 0
		used["empty_body"] = used["empty_body"] || e.EmptyBody
		used["restart-field"] = true
		used["follow_redirects"] = used["follow_redirects"] || st.Request.FollowRedirects
		used["request json"] = used["request json"] || st.Request.JSON != ""
		used["request headers"] = used["request headers"] || len(st.Request.Headers) > 0
		for _, h := range e.Headers {
			used["header equals"] = used["header equals"] || h.Equals != ""
			used["header prefix"] = used["header prefix"] || h.Prefix != ""
			used["header present"] = used["header present"] || h.Present
		}
		for _, ck := range e.Cookies {
			used["cookie http_only"] = used["cookie http_only"] || ck.HTTPOnly
		}
		for _, j := range e.JSON {
			used["json equals"] = used["json equals"] || j.Equals != ""
			used["json present"] = used["json present"] || j.Present
			used["json non_empty"] = used["json non_empty"] || j.NonEmpty
			used["json contains"] = used["json contains"] || len(j.Contains) > 0
			used["json is_object"] = used["json is_object"] || j.IsObject
			used["json is_array"] = used["json is_array"] || j.IsArray
			used["json whole body"] = used["json whole body"] || j.Path == ""
			used["json index path"] = used["json index path"] || strings.Contains(j.Path, ".0")
		}
		for _, cp := range st.Capture {
			used["capture "+cp.From] = true
		}
	}
	for _, k := range []string{"status", "status list", "empty_body", "follow_redirects", "request json", "request headers",
		"header equals", "header prefix", "header present", "cookie http_only", "json equals", "json present",
		"json non_empty", "json contains", "json is_object", "json is_array", "json whole body", "json index path",
		"capture json", "capture header", "capture cookie"} {
		if !used[k] {
			t.Errorf("the lab pack does not use %s", k)
		}
	}
	if got := lab.Steps[1].Expect.Headers[0].Equals; got != "/notes/{id}" {
		t.Errorf("Location test = %q", got)
	}
	if got := lab.Steps[0].Request.JSON; got != `{"user":"ada"}` {
		t.Errorf("request json = %q", got)
	}
	if got := lab.Steps[3].Expect.JSON[0].Contains; len(got) != 2 || got[0] != (JSONField{"id", `"{id}"`}) || got[1] != (JSONField{"text", `"hello"`}) {
		t.Errorf("contains = %+v", got)
	}
}

// The lab example in docs/authoring.md is the test data lab, word for word,
// so the documented example is the one that is tested.
func TestAuthoringLabExampleIsThePack(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "authoring.md"))
	if err != nil {
		t.Fatal(err)
	}
	pack, err := os.ReadFile(filepath.Join("testdata", "labpack", "labs", "everything.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range fencedBlocks(string(doc)) {
		if b.lang == "yaml" && strings.HasPrefix(b.text, "id: private-notes") {
			if b.text != string(pack) {
				t.Fatalf("docs/authoring.md's lab example differs from content/testdata/labpack/labs/everything.yaml")
			}
			return
		}
	}
	t.Fatal("docs/authoring.md has no lab example (a yaml block starting with id: private-notes)")
}

func TestLabProblems(t *testing.T) {
	const head = "id: l1\ntitle: T\nchapter: notes-basics\norder: 1\nbrief: B\nsteps:\n"
	// step lines: 7 - name, 8 request:, 9 method, 10 path, 11 expect:, 12 status
	step := func(extra string) string {
		return "  - name: s\n    request:\n      method: GET\n      path: /x\n    expect:\n      status: 200\n" + extra
	}
	cases := []struct {
		name, lab string
		want      want
	}{
		{"no steps", "id: l1\ntitle: T\nchapter: notes-basics\norder: 1\nbrief: B\nsteps: []\n", want{"labs/x.yaml", 6, "the lab has no steps"}},
		{"missing brief", "id: l1\ntitle: T\nchapter: notes-basics\norder: 1\nsteps:\n" + step(""), want{"labs/x.yaml", 1, `missing field "brief"`}},
		{"unknown field", head + step("    expected: {}\n"), want{"labs/x.yaml", 13, `unknown field "expected" in step`}},
		{"bad method", strings.Replace(head+step(""), "method: GET", "method: get", 1), want{"labs/x.yaml", 9, `method "get" must be an HTTP method`}},
		{"relative path", strings.Replace(head+step(""), "path: /x", "path: x", 1), want{"labs/x.yaml", 10, `path "x" must start with '/'`}},
		{"bad status", strings.Replace(head+step(""), "status: 200", "status: 2000", 1), want{"labs/x.yaml", 12, "status must be an HTTP status code"}},
		{"status list of one", strings.Replace(head+step(""), "status: 200", "status: [200]", 1), want{"labs/x.yaml", 12, "a list of statuses needs at least two codes"}},
		{"status list too long", strings.Replace(head+step(""), "status: 200", "status: ["+strings.Repeat("404, ", 10)+"410]", 1), want{"labs/x.yaml", 12, "a list of statuses has at most 10 codes, not 11"}},
		{"status list repeats", strings.Replace(head+step(""), "status: 200", "status: [404, 404]", 1), want{"labs/x.yaml", 12, "status 404 is listed twice"}},
		{"status list bad code", strings.Replace(head+step(""), "status: 200", "status: [404, 4100]", 1), want{"labs/x.yaml", 12, "status must be an HTTP status code (100 to 599), not 4100"}},
		{"status list not numbers", strings.Replace(head+step(""), "status: 200", "status: [404, gone]", 1), want{"labs/x.yaml", 12, `status must be a whole number or a list of them, such as [403, 404], not "gone"`}},
		{"status not a number", strings.Replace(head+step(""), "status: 200", "status: ok", 1), want{"labs/x.yaml", 12, `field "status" must be a whole number`}},
		{"header two tests", head + step("      headers:\n        Allow: {present: true, prefix: G}\n"), want{"labs/x.yaml", 14, `header "Allow" needs exactly one test`}},
		{"header no test", head + step("      headers:\n        Allow: {}\n"), want{"labs/x.yaml", 14, `header "Allow" needs exactly one test`}},
		{"json unknown test", head + step("      json:\n        id: {equal: 1}\n"), want{"labs/x.yaml", 14, `unknown field "equal" in JSON test`}},
		{"json no test", head + step("      json:\n        id: {present: false}\n"), want{"labs/x.yaml", 14, `JSON path "id" needs exactly one test`}},
		{"json empty path part", head + step("      json:\n        a..b: {present: true}\n"), want{"labs/x.yaml", 14, `JSON path "a..b" has an empty part`}},
		{"contains empty", head + step("      json:\n        \".\": {contains: {}}\n"), want{"labs/x.yaml", 14, "contains needs at least one field"}},
		{"empty body and json", head + step("      empty_body: true\n      json:\n        id: {present: true}\n"), want{"labs/x.yaml", 13, "cannot expect an empty body and JSON"}},
		{"unknown placeholder", strings.Replace(head+step(""), "path: /x", `path: "/x/{id}"`, 1), want{"labs/x.yaml", 10, "{id} is not captured by an earlier step"}},
		{"unquoted placeholder", head + step("      headers:\n        Location: {equals: {id}}\n"), want{"labs/x.yaml", 14, "put a placeholder in quotes"}},
		{"capture two sources", head + step("    capture:\n      id: {json: id, header: X}\n"), want{"labs/x.yaml", 14, `capture "id" needs exactly one source`}},
		{"capture bad name", head + step("    capture:\n      Id: {json: id}\n"), want{"labs/x.yaml", 14, `capture name "Id" must start with a lowercase letter`}},
		{"body and json", strings.Replace(head+step(""), "path: /x", "path: /x\n      body: a\n      json: {a: 1}", 1), want{"labs/x.yaml", 12, "a request has body or json, not both"}},
		{"bad header name", strings.Replace(head+step(""), "path: /x", "path: /x\n      headers:\n        \"Bad Name\": v", 1), want{"labs/x.yaml", 12, `"Bad Name" is not a valid header name`}},
		{"no chapter", strings.Replace(head+step(""), "chapter: notes-basics", "chapter: nope", 1), want{"labs/x.yaml", 0, `lab follows chapter "nope"`}},
		{"no section", head + step("    hint:\n      section: Nowhere\n"), want{"labs/x.yaml", 7, `has no section headed "Nowhere"`}},
		{"hint chapter missing", head + step("    hint:\n      chapter: nope\n"), want{"labs/x.yaml", 7, `hint names chapter "nope"`}},
		{"bad port", strings.Replace(head+step(""), "order: 1", "order: 1\nport: 70000", 1), want{"labs/x.yaml", 5, "port must be between 1 and 65535"}},
		{"bad yaml", head + "  - name: [\n", want{"labs/x.yaml", 7, "invalid YAML"}},
		{"no request", head + "  - name: s\n    expect:\n      status: 200\n", want{"labs/x.yaml", 7, `missing field "request"`}},
		{"bad restart", head + step("    restart: maybe\n"), want{"labs/x.yaml", 13, `field "restart" must be true or false`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := labPack(t)
			delete(fsys, "labs/everything.yaml")
			fsys["labs/x.yaml"] = &fstest.MapFile{Data: []byte(tc.lab)}
			_, err := Load(fsys)
			ps := problemsOf(t, err)
			for _, p := range ps {
				if p.File == tc.want.file && p.Line == tc.want.line && strings.Contains(p.Msg, tc.want.msg) {
					return
				}
			}
			t.Errorf("want %s:%d: %s\ngot:\n%v", tc.want.file, tc.want.line, tc.want.msg, err)
		})
	}
}

func TestLabDuplicates(t *testing.T) {
	fsys := labPack(t)
	fsys["labs/copy.yaml"] = fsys["labs/everything.yaml"]
	ps := problemsOf(t, func() error { _, err := Load(fsys); return err }())
	var msgs []string
	for _, p := range ps {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, `duplicate lab id "private-notes"`) || !strings.Contains(all, "lab order 1 is also used by") {
		t.Errorf("problems:\n%s", all)
	}
}

func TestEmbeddedLabs(t *testing.T) {
	c, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range c.Labs() {
		ids = append(ids, l.ID)
	}
	if strings.Join(ids, ",") != "hello-server,notes-api,notes-persist,notes-login,notes-validate,notes-cache,notes-pages" {
		t.Errorf("labs = %v", ids)
	}
	for _, l := range c.Labs() {
		ch, _ := c.Chapter(l.Chapter)
		if !strings.Contains(ch.Body, "backend-tutor lab start "+l.ID) {
			t.Errorf("chapter %s does not point to its lab %s (backend-tutor lab start %s)", ch.ID, l.ID, l.ID)
		}
	}
	snap, err := EmbeddedCourse()
	if err != nil || len(snap.Labs()) != len(c.Labs()) || snap.Labs()[1].Steps[0].Capture[0].Name != "id" {
		t.Errorf("the snapshot does not carry the labs (err %v)", err)
	}
}

func TestFill(t *testing.T) {
	vals := map[string]string{"id": "7", "x_1": "y"}
	get := func(k string) (string, bool) { v, ok := vals[k]; return v, ok }
	for in, want := range map[string]string{
		"/notes/{id}": "/notes/7", "{x_1}{id}": "y7", `{"text": 1}`: `{"text": 1}`, "{nope}": "{nope}", "{}": "{}",
	} {
		if got := Fill(in, get); got != want {
			t.Errorf("Fill(%q) = %q, want %q", in, got, want)
		}
	}
	if n, ok := WholePlaceholder("{id}"); !ok || n != "id" {
		t.Error("WholePlaceholder({id})")
	}
	if _, ok := WholePlaceholder("/{id}"); ok {
		t.Error("WholePlaceholder(/{id})")
	}
}

// FuzzLoadLab feeds a lab file to Load beside a valid chapter: it must never
// panic, and must return either a course or well-formed Problems.
func FuzzLoadLab(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "labpack", "labs", "everything.yaml")); err == nil {
		f.Add(string(b))
	}
	names, _ := filepath.Glob(filepath.Join("guide", "labs", "*.yaml"))
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(strings.Replace(string(b), "chapter: ", "chapter: notes-basics\nx: ", 1))
		}
	}
	f.Add("id: a\ntitle: t\nchapter: notes-basics\norder: 1\nbrief: b\nsteps:\n  - {name: s, request: {method: GET, path: \"{a}\"}, expect: {json: {\"..\": {contains: {a: {b}}}}}}\n")
	f.Add("id: a\nsteps: " + billionLaughs())
	chapter, _ := os.ReadFile(filepath.Join("testdata", "labpack", "01-notes.md"))
	f.Fuzz(func(t *testing.T, lab string) {
		c, err := Load(fstest.MapFS{"01-notes.md": {Data: chapter}, "labs/l.yaml": {Data: []byte(lab)}})
		if err == nil {
			for _, l := range c.Labs() {
				if !idPattern.MatchString(l.ID) || l.Title == "" || len(l.Steps) == 0 {
					t.Fatalf("invalid lab accepted: %+v", l)
				}
				for _, st := range l.Steps {
					if st.Request.Method == "" || st.Request.Path == "" {
						t.Fatalf("invalid step accepted: %+v", st)
					}
				}
			}
			return
		}
		if c != nil {
			t.Fatal("Load returned both a course and an error")
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("Load error is not Problems: %v", err)
		}
	})
}

func TestStarters(t *testing.T) {
	fsys := labPack(t)
	fsys["labs/starters/private-notes/python/server.py"] = &fstest.MapFile{Data: []byte("print('hi')\n")}
	fsys["labs/starters/private-notes/python/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
	if _, err := Load(fsys); err != nil {
		t.Fatalf("a pack with a starter does not load:\n%v", err)
	}
	files, err := ReadStarter(fsys, "private-notes", "python")
	if err != nil || len(files) != 2 || files[1].Name != "server.py" || string(files[1].Data) != "print('hi')\n" {
		t.Errorf("ReadStarter = %+v, %v", files, err)
	}
	if _, err := ReadStarter(fsys, "private-notes", "go"); !errors.Is(err, ErrNoStarter) {
		t.Errorf("missing language: %v", err)
	}
	if got := StarterLangsOf(fsys, "private-notes"); strings.Join(got, ",") != "python" {
		t.Errorf("StarterLangsOf = %v", got)
	}
	fsys["labs/starters/private-notes/python/big.py"] = &fstest.MapFile{Data: make([]byte, MaxFileSize+1)}
	if _, err := ReadStarter(fsys, "private-notes", "python"); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big starter file: %v", err)
	}
	delete(fsys, "labs/starters/private-notes/python/big.py")

	for name, want := range map[string]string{
		"labs/starters/nope/python/a.py":          `labs/starters/nope: no lab has the id "nope"`,
		"labs/starters/private-notes/ruby/a.rb":   "labs/starters/private-notes/ruby: not a starter language folder",
		"labs/starters/private-notes/go/.hidden":  "labs/starters/private-notes/go/.hidden: a starter holds plain files",
		"labs/starters/private-notes/go/sub/x.go": "labs/starters/private-notes/go/sub: a starter holds plain files",
	} {
		bad := labPack(t)
		bad[name] = &fstest.MapFile{Data: []byte("x")}
		_, err := Load(bad)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}

// The embedded starters are there for every lab and language.
func TestEmbeddedStarters(t *testing.T) {
	c, err := EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range c.Labs() {
		if got := StarterLangsOf(Embedded(), l.ID); strings.Join(got, ",") != "python,node,go" {
			t.Errorf("lab %s has starters in %v", l.ID, got)
		}
	}
}
