package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// Settings come from four places, in this order of precedence: flags, then
// the environment (BACKEND_TUTOR_DB, BACKEND_TUTOR_CONTENT with folders
// separated by ':', BACKEND_TUTOR_PROFILE), then the config file
// ($XDG_CONFIG_HOME/backend-tutor/config.yaml or config.toml), then the
// defaults. A lab
// machine is set up once in the config file; a learner who forgets
// --content still sees the pack it names.

// Environment variables the tutor reads for its settings.
const (
	envDB      = "BACKEND_TUTOR_DB"
	envContent = "BACKEND_TUTOR_CONTENT"
	envProfile = "BACKEND_TUTOR_PROFILE"
)

// configKeys are the config file's keys, in the order `config` prints them.
var configKeys = []string{"db", "content", "profile", "review_limit", "accessible", "ascii"}

// configPath is the config file's path: config.yaml or config.toml in
// $XDG_CONFIG_HOME/backend-tutor/, or in ~/.config/backend-tutor/. "" when
// neither folder can be found (no home): then there is no config file. Both
// files present is an error: which one wins would be a guess.
func configPath(getenv func(string) string) (string, error) {
	var dir string
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		dir = filepath.Join(d, "backend-tutor")
	} else if h := getenv("HOME"); h != "" {
		dir = filepath.Join(h, ".config", "backend-tutor")
	} else {
		return "", nil
	}
	y, t := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "config.toml")
	if _, err := os.Stat(t); errors.Is(err, fs.ErrNotExist) {
		return y, nil
	}
	if _, err := os.Stat(y); !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("both %s and %s exist: keep one", y, t)
	}
	return t, nil
}

// fileConfig is what a config file says, with the line of each key.
type fileConfig struct {
	path       string
	lines      map[string]int
	db         string
	content    []string
	profile    string
	limit      int
	accessible bool
	ascii      bool
}

// readConfig reads the config file at path; a missing file is no config.
// A .toml file is read as TOML, any other as YAML, with the same keys and
// checks. Unknown keys and bad values are errors naming file:line (TOML:
// the file, and the line for syntax errors; the library gives no key lines).
func readConfig(path string) (*fileConfig, error) {
	fc := &fileConfig{path: path, lines: map[string]int{}}
	if path == "" {
		return fc, nil
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fc, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config file %s: %v", path, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("config file %s is not a regular file", path)
	}
	if st.Size() > 64<<10 {
		return nil, fmt.Errorf("config file %s is larger than 64 KiB", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %v", path, errors.Unwrap(err))
	}
	bad := func(line int, format string, a ...any) error {
		if line == 0 { // TOML: no line known
			return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, a...))
		}
		return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, a...))
	}
	var doc yaml.Node
	if filepath.Ext(path) == ".toml" {
		if err := tomlNode(src, &doc); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, bad(pe.Position.Line, "invalid TOML: %s", pe.Message)
			}
			return nil, bad(0, "invalid TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
		}
	} else if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: invalid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return fc, nil // an empty file, or only comments
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, bad(root.Line, "the config file must be key: value lines (keys: %s)", strings.Join(configKeys, ", "))
	}
	base := filepath.Dir(path)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := fc.lines[k.Value]; dup {
			return nil, bad(k.Line, "%q is set twice (first on line %d)", k.Value, fc.lines[k.Value])
		}
		fc.lines[k.Value] = k.Line
		scalar := func() (string, error) {
			if v.Kind != yaml.ScalarNode {
				return "", bad(v.Line, "%s must be a single value", k.Value)
			}
			return v.Value, nil
		}
		boolean := func() (bool, error) {
			s, err := scalar()
			if err != nil {
				return false, err
			}
			switch s {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
			return false, bad(v.Line, "%s must be true or false, not %q", k.Value, s)
		}
		switch k.Value {
		case "db":
			s, err := scalar()
			if err != nil {
				return nil, err
			}
			if s == "" {
				return nil, bad(v.Line, "db is empty: give a path, or leave the key out for the default")
			}
			fc.db = configRel(base, s)
		case "content":
			var dirs []string
			switch v.Kind {
			case yaml.ScalarNode:
				dirs = []string{v.Value}
			case yaml.SequenceNode:
				for _, it := range v.Content {
					if it.Kind != yaml.ScalarNode {
						return nil, bad(it.Line, "content must be a folder or a list of folders")
					}
					dirs = append(dirs, it.Value)
				}
			default:
				return nil, bad(v.Line, "content must be a folder or a list of folders")
			}
			for _, d := range dirs {
				if d == "" {
					return nil, bad(v.Line, "content has an empty folder name")
				}
				fc.content = append(fc.content, configRel(base, d))
			}
		case "profile":
			s, err := scalar()
			if err != nil {
				return nil, err
			}
			if err := progress.CheckName("profile", s); err != nil {
				return nil, bad(v.Line, "%v", err)
			}
			fc.profile = s
		case "review_limit":
			s, err := scalar()
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > 1000 {
				return nil, bad(v.Line, "review_limit must be a whole number from 0 to 1000, not %q", s)
			}
			fc.limit = n
		case "accessible":
			b, err := boolean()
			if err != nil {
				return nil, err
			}
			fc.accessible = b
		case "ascii":
			b, err := boolean()
			if err != nil {
				return nil, err
			}
			fc.ascii = b
		default:
			return nil, bad(k.Line, "unknown key %q (the keys are: %s)", k.Value, strings.Join(configKeys, ", "))
		}
	}
	return fc, nil
}

// tomlNode decodes a TOML file into the YAML tree readConfig checks, so
// both formats share one set of checks. The nodes have no lines (0): the
// TOML library gives positions only for syntax errors. Undecoded keys
// cannot arise (everything decodes into the map); unknown keys are refused
// by readConfig's switch, as for YAML.
func tomlNode(src []byte, doc *yaml.Node) error {
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		return err
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range md.Keys() { // in file order
		if len(k) == 1 {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k[0]}, tomlValue(m[k[0]]))
		}
	}
	doc.Content = []*yaml.Node{root}
	return nil
}

// tomlValue is one decoded TOML value as a YAML node: a list is a
// sequence, a table a mapping, anything else a scalar in its TOML spelling.
func tomlValue(v any) *yaml.Node {
	switch v := v.(type) {
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, it := range v {
			n.Content = append(n.Content, tomlValue(it))
		}
		return n
	case []map[string]any, map[string]any:
		return &yaml.Node{Kind: yaml.MappingNode}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: v}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
}

// configRel makes a path in the config file absolute: "~/" is the home
// folder, and a relative path is relative to the config file's folder, so
// the same file works from any working directory.
func configRel(base, p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, rest)
		}
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

// sources says where each setting in effect came from, by config key.
type sources map[string]string

// applySettings fills in what the flags left unset from the environment,
// then the config file, and records where each value came from.
func applySettings(g globals, getenv func(string) string, fc *fileConfig) (globals, sources, error) {
	src := sources{}
	from := func(key string) string {
		if fc.lines[key] == 0 { // TOML: no line known
			return "config " + fc.path
		}
		return fmt.Sprintf("config %s:%d", fc.path, fc.lines[key])
	}
	switch {
	case g.db != "":
		src["db"] = "flag --db"
	case getenv(envDB) != "":
		g.db, src["db"] = getenv(envDB), "env "+envDB
	case fc.db != "":
		g.db, src["db"] = fc.db, from("db")
	default:
		src["db"] = "default"
	}
	switch {
	case len(g.content) > 0:
		src["content"] = "flag --content"
	case strings.Trim(getenv(envContent), string(os.PathListSeparator)) != "":
		for _, d := range filepath.SplitList(getenv(envContent)) {
			if d != "" { // "a::b" and a trailing ':' name no folder
				g.content = append(g.content, d)
			}
		}
		src["content"] = "env " + envContent
	case len(fc.content) > 0:
		g.content, src["content"] = fc.content, from("content")
	default:
		src["content"] = "default"
	}
	switch {
	case g.profile != "":
		src["profile"] = "flag --profile"
	case getenv(envProfile) != "":
		p := getenv(envProfile)
		if err := progress.CheckName("profile", p); err != nil {
			return g, nil, fmt.Errorf("%s: %v", envProfile, err)
		}
		g.profile, src["profile"] = p, "env "+envProfile
	case fc.profile != "":
		g.profile, src["profile"] = fc.profile, from("profile")
	default:
		src["profile"] = "default"
	}
	switch _, inFile := fc.lines["review_limit"]; {
	case g.reviewLimitSet:
		src["review_limit"] = "flag --review-limit"
	case inFile:
		g.reviewLimit, src["review_limit"] = fc.limit, from("review_limit")
	default:
		g.reviewLimit, src["review_limit"] = scheduler.DefaultDailyLimit, "default"
	}
	for _, b := range []struct {
		key  string
		flag *bool
		file bool
	}{{"accessible", &g.accessible, fc.accessible}, {"ascii", &g.ascii, fc.ascii}} {
		_, inFile := fc.lines[b.key]
		switch {
		case *b.flag:
			src[b.key] = "flag --" + b.key
		case inFile:
			*b.flag, src[b.key] = b.file, from(b.key)
		default:
			src[b.key] = "default"
		}
	}
	return g, src, nil
}

// loadSettings is applySettings with the real environment and config file.
func loadSettings(g globals) (globals, sources, error) {
	path, err := configPath(os.Getenv)
	if err != nil {
		return g, nil, err
	}
	fc, err := readConfig(path)
	if err != nil {
		return g, nil, err
	}
	return applySettings(g, os.Getenv, fc)
}

// configProfile is the profile config shows: the one chosen, or, with
// none chosen, the one whichProfile opens unless the file at db has several profiles, when
// the tutor asks at start (askProfile) and this says so, naming them
// (asks).
func configProfile(g globals, db string) (profile string, asks bool) {
	if _, err := os.Stat(db); err != nil {
		return cmp.Or(g.profile, progress.DefaultProfile), false // no file yet: one profile, "default"
	}
	cannot := func(err error) string {
		if g.profile != "" {
			return g.profile
		}
		first, _, _ := strings.Cut(err.Error(), "\n") // the table's row is one line
		return progress.DefaultProfile + " (cannot list the file's profiles: " + first + ")"
	}
	store, err := progress.Open(db)
	if err != nil {
		return cannot(err), false
	}
	sums, err := store.ProfileNames() // the names only: no last activity shown
	if err != nil {
		return cannot(err), false
	}
	// The profile the tutor opens (whichProfile): with one used profile,
	// that one, not "default"; for a chosen name differing from a
	// profile's only in case, that profile (sameProfile).
	if name, _, several := whichProfile(g.profile, sums); !several {
		return name, false
	}
	names := make([]string, len(sums))
	for i, s := range sums {
		names[i] = s.Name
	}
	return fmt.Sprintf("none chosen: the tutor asks at start which of %d profiles (%s)", len(sums), strings.Join(names, ", ")), true
}

// cmdConfig prints the settings in effect and where each came from.
func cmdConfig(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("config", "config", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	db, err := dbPath(g)
	if err != nil {
		db = "(" + err.Error() + ")"
	}
	content := "(the built-in guide only)"
	if len(g.content) > 0 {
		content = strings.Join(g.content, string(os.PathListSeparator))
	}
	profile, asks := configProfile(g, db)
	from := g.sources
	if asks {
		from = maps.Clone(g.sources)
		from["profile"] = "not set (flag, env or config file)"
	}
	values := map[string]string{
		"db": db, "content": content, "profile": profile,
		"review_limit": strconv.Itoa(g.reviewLimit), "accessible": strconv.FormatBool(g.accessible), "ascii": strconv.FormatBool(g.ascii),
	}
	path, err := configPath(os.Getenv)
	if err != nil {
		path = "(" + err.Error() + ")"
	}
	fmt.Fprintf(stdout, "Config file: %s\n\n", render.Escape(cmp.Or(path, "(none: no home folder)")))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
	for _, k := range configKeys {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", k, render.Escape(values[k]), render.Escape(from[k]))
	}
	return tw.Flush()
}
