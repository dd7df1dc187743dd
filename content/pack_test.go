package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodManifest = "id: docker\ntitle: Intro to Docker\nversion: \"1\"\nlanguage: en\ndescription: Containers.\n"

func TestManifestProblems(t *testing.T) {
	cases := []struct {
		name     string
		manifest string
		wants    []want
	}{
		{"unknown key", goodManifest + "titel: x\n", []want{{"pack.yaml", 6, `unknown field "titel"`}}},
		{"missing fields", "id: docker\n", []want{
			{"pack.yaml", 1, "title"}, {"pack.yaml", 1, "version"}, {"pack.yaml", 1, "language"}, {"pack.yaml", 1, "description"}}},
		{"bad id", strings.Replace(goodManifest, "id: docker", "id: Docker Pack", 1), []want{{"pack.yaml", 1, `pack id "Docker Pack" must be lowercase`}}},
		{"bad mode", goodManifest + "mode: beside\n", []want{{"pack.yaml", 6, `mode "beside" must be add`}}},
		{"not a mapping", "- a\n- b\n", []want{{"pack.yaml", 1, "pack manifest must be a mapping"}}},
		{"invalid YAML", goodManifest + "welcome: : :\n  x\n", []want{{"pack.yaml", 6, "invalid YAML"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(with("pack.yaml", tc.manifest))
			ps := problemsOf(t, err)
			if len(ps) != len(tc.wants) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tc.wants), ps)
			}
			for i, w := range tc.wants {
				p := ps[i]
				if p.File != w.file || p.Line != w.line || !strings.Contains(p.Msg, w.msg) {
					t.Errorf("problem %d = %s, want %s:%d: …%s…", i, p, w.file, w.line, w.msg)
				}
			}
		})
	}
}

func TestManifestLoads(t *testing.T) {
	c, err := Load(with("pack.yaml", goodManifest+"welcome: Hello, class.\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Packs[0]
	if p.ID != "docker" || p.Mode != ModeAdd || p.Version != "1" || c.Title != "Intro to Docker" || c.Welcome != "Hello, class." {
		t.Fatalf("pack = %+v, course title %q welcome %q", p, c.Title, c.Welcome)
	}
	for _, ch := range c.Chapters {
		if ch.Pack != "docker" || ch.LocalID != ch.ID {
			t.Errorf("chapter %s: pack %q local id %q", ch.ID, ch.Pack, ch.LocalID)
		}
	}
	// course.yaml beside a manifest: two titles would disagree.
	_, err = Load(with("pack.yaml", goodManifest, "course.yaml", "title: T\n"))
	if ps := problemsOf(t, err); len(ps) != 1 || ps[0].File != "course.yaml" || !strings.Contains(ps[0].Msg, "belong in pack.yaml") {
		t.Fatalf("problems = %v", ps)
	}
}

func TestGuideHasManifest(t *testing.T) {
	for name, load := range map[string]func() (*Course, error){
		"snapshot": EmbeddedCourse,
		"files":    func() (*Course, error) { return Load(Embedded()) },
	} {
		c, err := load()
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Packs) != 1 || c.Packs[0].ID != GuideID || c.Packs[0].Mode != ModeAdd || c.Chapters[0].Pack != GuideID {
			t.Fatalf("%s: the guide's packs = %+v", name, c.Packs)
		}
		if len(c.Labs()) == 0 || c.Labs()[0].LocalID == "" || c.Labs()[0].Pack != GuideID {
			t.Fatalf("%s: the guide's labs have no pack", name)
		}
	}
}

func TestDeriveID(t *testing.T) {
	for in, want := range map[string]string{
		"Docker Lab 2": "docker-lab-2", "my_pack": "my-pack", "--x--": "x", "ünï": "n", "": "pack", "日本": "pack",
	} {
		if got := DeriveID(in); got != want || !idPattern.MatchString(got) {
			t.Errorf("DeriveID(%q) = %q, want %q", in, got, want)
		}
	}
}

func pack(t *testing.T, manifest string, files ...string) *Course {
	t.Helper()
	fsys := with(files...)
	if manifest != "" {
		fsys["pack.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCombine(t *testing.T) {
	guide, err := EmbeddedCourse()
	if err != nil {
		t.Fatal(err)
	}
	docker := pack(t, goodManifest+"welcome: Containers for Thursday.\n", "glossary.yaml", "terms:\n  - term: Image\n    definition: d\n    chapter: alpha\n")
	c, err := Combine(guide, []*Course{docker})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Chapters) != len(guide.Chapters)+2 || len(c.Packs) != 2 {
		t.Fatalf("%d chapters, %d packs", len(c.Chapters), len(c.Packs))
	}
	if _, ok := c.Chapter("http-essentials"); !ok {
		t.Error("the guide's plain ids stopped working")
	}
	ch, ok := c.Chapter("docker/alpha")
	if !ok || ch.Pack != "docker" || ch.LocalID != "alpha" || ch.Quiz == nil || ch.Quiz.ChapterID != "docker/alpha" {
		t.Fatalf("docker/alpha = %+v", ch)
	}
	if docker.Chapters[0].ID != "alpha" {
		t.Error("Combine changed the pack it was given")
	}
	if g := c.Glossary[len(c.Glossary)-1]; g.ChapterID != "docker/alpha" {
		t.Errorf("glossary term chapter = %q", g.ChapterID)
	}
	// A lab's hints point at its own pack's chapters.
	tmpl, err := Load(PackTemplate())
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Combine(guide, []*Course{tmpl})
	if err != nil {
		t.Fatal(err)
	}
	l, ok := c2.Lab("my-pack/health")
	if !ok || l.Chapter != "my-pack/first-chapter" || l.Steps[0].Hint.Chapter != "my-pack/first-chapter" || tmpl.Labs()[0].Steps[0].Hint.Chapter != "first-chapter" {
		t.Fatalf("lab %+v", l)
	}
	// The welcome speaks of each pack, from its manifest.
	if !strings.Contains(c.Welcome, "Intro to Docker (2 chapters): Containers for Thursday.") ||
		!strings.Contains(c.Welcome, "Backend Web Development for Beginners (16 chapters)") {
		t.Errorf("welcome = %q", c.Welcome)
	}

	// A replacing pack is the whole course, with plain ids.
	repl := pack(t, goodManifest+"mode: replace\n")
	c, err = Combine(guide, []*Course{repl})
	if err != nil || c != repl {
		t.Fatalf("replace: %v", err)
	}
	if strings.Contains(c.Welcome, "what is a backend") {
		t.Error("a replacing pack's welcome speaks of the guide")
	}
	// Refused: two replacing packs, a second "guide", the same id twice.
	for name, packs := range map[string][]*Course{
		"two replace": {repl, pack(t, strings.Replace(goodManifest, "docker", "k8s", 1)+"mode: replace\n")},
		"guide id":    {pack(t, strings.Replace(goodManifest, "docker", "guide", 1))},
		"same id":     {docker, pack(t, goodManifest)},
	} {
		if _, err := Combine(guide, packs); err == nil {
			t.Errorf("%s: Combine accepted it", name)
		}
	}
}

// FuzzManifest: any pack.yaml gives a pack or file:line problems, never a
// panic; a pack that loads has an id progress accepts.
func FuzzManifest(f *testing.F) {
	f.Add(goodManifest)
	f.Add(goodManifest + "mode: replace\n")
	f.Add("id: [a, b]\n")
	f.Add(billionLaughs())
	f.Fuzz(func(t *testing.T, manifest string) {
		c, err := Load(with("pack.yaml", manifest))
		if err != nil {
			for _, p := range problemsOf(t, err) {
				if p.File == "" {
					t.Fatalf("problem without a file: %v", p)
				}
			}
			return
		}
		if p := c.Packs[0]; !idPattern.MatchString(p.ID) || len(p.ID) > 64 || (p.Mode != ModeAdd && p.Mode != ModeReplace) {
			t.Fatalf("loaded a bad manifest: %+v", p)
		}
	})
}
