package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"backend-tutor/progress"
)

// Flags win over the environment, which wins over the config file, which
// wins over the defaults; `config` says where each value came from.
func TestSettingsPrecedence(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("db: file.db\ncontent: [packs/a, /abs/b]\nprofile: ann\nreview_limit: 5\naccessible: true\nascii: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fc, err := readConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{envDB: "/env.db", envContent: "/e1::/e2", envProfile: "bob"}
	none := map[string]string{}
	cases := []struct {
		name    string
		flags   globals
		env     map[string]string
		file    *fileConfig
		db      string
		content string
		profile string
		from    map[string]string
	}{
		{"defaults", globals{}, none, &fileConfig{}, "", "", "",
			map[string]string{"db": "default", "content": "default", "profile": "default", "review_limit": "default", "accessible": "default"}},
		{"config", globals{}, none, fc, filepath.Join(dir, "file.db"), filepath.Join(dir, "packs/a") + ",/abs/b", "ann",
			map[string]string{"db": "config " + cfg + ":1", "content": "config " + cfg + ":2", "profile": "config " + cfg + ":3", "review_limit": "config " + cfg + ":4", "accessible": "config " + cfg + ":5"}},
		{"env over config", globals{}, env, fc, "/env.db", "/e1,/e2", "bob",
			map[string]string{"db": "env " + envDB, "content": "env " + envContent, "profile": "env " + envProfile}},
		{"flags over env", globals{db: "/f.db", content: []string{"/f1", "/f2"}, profile: "cy", accessible: true}, env, fc, "/f.db", "/f1,/f2", "cy",
			map[string]string{"db": "flag --db", "content": "flag --content", "profile": "flag --profile", "accessible": "flag --accessible"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, src, err := applySettings(c.flags, func(k string) string { return c.env[k] }, c.file)
			if err != nil {
				t.Fatal(err)
			}
			if g.db != c.db || strings.Join(g.content, ",") != c.content || g.profile != c.profile {
				t.Errorf("db %q content %q profile %q; want %q %q %q", g.db, g.content, g.profile, c.db, c.content, c.profile)
			}
			for k, want := range c.from {
				if src[k] != want {
					t.Errorf("%s from %q, want %q", k, src[k], want)
				}
			}
		})
	}
	// A BACKEND_TUTOR_CONTENT of only separators names no folder: the
	// config file's content stands.
	g, src, _ := applySettings(globals{}, func(k string) string { return map[string]string{envContent: "::"}[k] }, fc)
	if len(g.content) != 2 || !strings.HasPrefix(src["content"], "config ") {
		t.Errorf("content %q from %q", g.content, src["content"])
	}
	g, _, _ = applySettings(globals{}, func(string) string { return "" }, fc)
	if g.reviewLimit != 5 || !g.accessible || g.ascii {
		t.Errorf("review_limit %d accessible %v ascii %v", g.reviewLimit, g.accessible, g.ascii)
	}
}

func TestConfigFileProblems(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"db: x\ncolour: red\n", `config.yaml:2: unknown key "colour"`},
		{"ascii: yes\n", `config.yaml:1: ascii must be true or false, not "yes"`},
		{"review_limit: lots\n", `config.yaml:1: review_limit must be a whole number`},
		{"profile: \"\"\n", `config.yaml:1: profile name is empty`},
		{"content: {a: b}\n", `config.yaml:1: content must be a folder or a list`},
		{"db: a\ndb: b\n", `config.yaml:2: "db" is set twice`},
		{"- db\n", `config.yaml:1: the config file must be key: value lines`},
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte(c.src), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := readConfig(path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
	if fc, err := readConfig(filepath.Join(t.TempDir(), "none.yaml")); err != nil || fc.db != "" {
		t.Errorf("a missing config file: %v", err)
	}
}

// A learner who forgets --content still sees the pack the lab machine's
// config file names, and `config` says where it came from.
func TestConfigContentReachesCommands(t *testing.T) {
	dir := t.TempDir()
	pack, _ := filepath.Abs("testdata/packs/docker")
	if err := os.MkdirAll(filepath.Join(dir, "backend-tutor"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "backend-tutor", "config.yaml"), []byte("content: "+pack+"\ndb: p.db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv(envDB, "")
	t.Setenv(envContent, "")
	code, out, errOut := runCLI(t, "list")
	if code != 0 || !strings.Contains(out, "docker/containers") {
		t.Fatalf("list: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "config")
	if code != 0 || !strings.Contains(out, "content       "+pack) || !strings.Contains(out, "config.yaml:1") || !strings.Contains(out, filepath.Join(dir, "backend-tutor", "p.db")) {
		t.Fatalf("config: exit %d\n%s", code, out)
	}
	t.Setenv(envContent, t.TempDir()+"/missing")
	if code, _, errOut := runCLI(t, "list"); code != 1 || !strings.Contains(errOut, "missing") {
		t.Fatalf("env over config: exit %d %s", code, errOut)
	}
}

// config with several profiles in the file and none chosen says the
// tutor will ask at start, naming them, not "default (default)"; one
// profile (or a choice) is shown as it is.
func TestConfigSeveralProfilesAsk(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(envDB, "")
	t.Setenv(envProfile, "")
	db := filepath.Join(t.TempDir(), "p.db")
	profileRow := func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"--db", db, "config"}, args...)...)
		if code != 0 {
			t.Fatalf("config %v: exit %d: %s", args, code, errOut)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "profile ") {
				return l
			}
		}
		t.Fatalf("config %v: no profile row:\n%s", args, out)
		return ""
	}
	if row := profileRow(); !strings.Contains(row, "default") || strings.Contains(row, "asks") {
		t.Errorf("no file: %q", row)
	}
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ann", "Bob"} {
		sc, err := s.Scope(name, progress.DefaultPack)
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.SaveReading("intro", "h", 5, 60); err != nil {
			t.Fatal(err)
		}
	}
	if row := profileRow(); !strings.Contains(row, "asks at start") || !strings.Contains(row, "Ann, Bob") || strings.Contains(row, "default") {
		t.Errorf("two profiles, none chosen: %q", row)
	}
	if row := profileRow("--profile", "Bob"); !strings.Contains(row, "Bob") || !strings.Contains(row, "flag --profile") || strings.Contains(row, "asks") {
		t.Errorf("--profile Bob: %q", row)
	}
}

// A config.toml is read like config.yaml: same keys, same checks, the same
// precedence (flags over env over file); errors name the file, and a syntax
// error its line.
func TestConfigTOML(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("# lab\ndb = \"file.db\"\ncontent = [\"packs/a\", \"/abs/b\"]\nprofile = \"Ann Lee\"\nreview_limit = 5\naccessible = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fc, err := readConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g, src, err := applySettings(globals{}, func(string) string { return "" }, fc)
	if err != nil {
		t.Fatal(err)
	}
	if g.db != filepath.Join(dir, "file.db") || strings.Join(g.content, ",") != filepath.Join(dir, "packs/a")+",/abs/b" ||
		g.profile != "Ann Lee" || g.reviewLimit != 5 || !g.accessible || g.ascii || src["db"] != "config "+cfg || src["ascii"] != "default" {
		t.Errorf("from config.toml: %+v %v", g, src)
	}
	env := map[string]string{envDB: "/env.db", envProfile: "bob"}
	g, src, _ = applySettings(globals{profile: "cy"}, func(k string) string { return env[k] }, fc)
	if g.db != "/env.db" || g.profile != "cy" || src["db"] != "env "+envDB || src["profile"] != "flag --profile" || src["content"] != "config "+cfg {
		t.Errorf("flags over env over config.toml: %+v %v", g, src)
	}
	for _, c := range []struct{ src, want string }{
		{"db = \"x\"\n\nascii = yes\n", `config.toml:3: invalid TOML`},
		{"db = \"x\"\ncolour = \"red\"\n", `config.toml: unknown key "colour" (the keys are: db,`},
		{"[db]\npath = \"x\"\n", `config.toml: db must be a single value`},
		{"ascii = \"yes\"\n", `config.toml: ascii must be true or false, not "yes"`},
		{"review_limit = 1e9\n", `config.toml: review_limit must be a whole number`},
		{"content = { a = \"b\" }\n", `config.toml: content must be a folder or a list`},
		{"db = \"a\"\ndb = \"b\"\n", `config.toml:2: invalid TOML`},
	} {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte(c.src), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readConfig(path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}

// Through the real command line: config.toml's values are in effect and
// `config` names the file; config.yaml beside it stops every command,
// naming both.
func TestConfigTOMLReachesCommands(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "backend-tutor")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "config.toml"), []byte("db = \"p.db\"\nreview_limit = 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv(envDB, "")
	t.Setenv(envContent, "")
	code, out, errOut := runCLI(t, "config")
	if code != 0 || !strings.Contains(out, "Config file: "+filepath.Join(folder, "config.toml")) ||
		!strings.Contains(out, filepath.Join(folder, "p.db")) || !strings.Contains(out, "review_limit  7") {
		t.Fatalf("config: exit %d\n%s\n%s", code, out, errOut)
	}
	if err := os.WriteFile(filepath.Join(folder, "config.yaml"), []byte("db: q.db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"config", "list"} {
		code, _, errOut = runCLI(t, cmd)
		if code != 2 || !strings.Contains(errOut, "config.yaml and ") || !strings.Contains(errOut, "config.toml exist: keep one") {
			t.Errorf("%s with both files: exit %d %s", cmd, code, errOut)
		}
	}
}

// FuzzConfig: any config file gives settings or one error naming the file,
// never a panic.
func FuzzConfig(f *testing.F) {
	f.Add("db: x\ncontent: [a, b]\nprofile: ann\nreview_limit: 3\naccessible: true\nascii: false\n")
	f.Add("content: {a: b}\n")
	f.Add("a: &a [x]\nb: [*a, *a]\n")
	f.Add("#toml\ndb = \"x\"\ncontent = [\"a\", [\"b\"], {c = 1}]\nascii = 2024-01-01T00:00:00Z\n[[review_limit]]\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src string) {
		// Each input is read as YAML, and as TOML when it says so on its
		// first line: the seed corpus stays valid for both.
		path := filepath.Join(dir, "config.yaml")
		if strings.HasPrefix(src, "#toml") {
			path = filepath.Join(dir, "config.toml")
		}
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		fc, err := readConfig(path)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if _, _, err := applySettings(globals{}, func(string) string { return "" }, fc); err != nil {
			t.Fatal(err)
		}
	})
}

// config with none chosen shows the profile the tutor opens: a file's one
// used profile, not "default" (it showed "default" while the tutor opened
// "Ann").
func TestConfigShowsOnlyUsedProfile(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(envDB, "")
	t.Setenv(envProfile, "")
	db := filepath.Join(t.TempDir(), "p.db")
	s, err := progress.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.Scope("Ann", progress.DefaultPack)
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.SaveReading("intro", "h", 5, 60); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--db", db, "config")
	if code != 0 {
		t.Fatalf("config: exit %d: %s", code, errOut)
	}
	var row string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "profile ") {
			row = l
		}
	}
	if f := strings.Fields(row); len(f) < 2 || f[1] != "Ann" {
		t.Errorf("one used profile Ann, none chosen: profile row %q", row)
	}
	// --profile ann opens Ann (sameProfile): config says so.
	code, out, errOut = runCLI(t, "--db", db, "--profile", "ann", "config")
	if code != 0 {
		t.Fatalf("config --profile ann: exit %d: %s", code, errOut)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "profile ") {
			row = l
		}
	}
	if f := strings.Fields(row); len(f) < 2 || f[1] != "Ann" || !strings.Contains(row, "flag --profile") {
		t.Errorf("--profile ann with profile Ann: profile row %q", row)
	}
}
