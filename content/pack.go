package content

import (
	"io/fs"
	"strings"
)

// ManifestFile is a pack's manifest: who the pack is (id, title, version,
// language, description, welcome) and whether it sits beside the built-in
// guide or takes its place.
const ManifestFile = "pack.yaml"

// GuideID is the built-in guide's pack id. No other pack may take it: the
// guide's progress is kept under it.
const GuideID = "guide"

// Mode says how a pack joins the course the tutor shows.
type Mode string

// The two modes of a pack (docs/authoring.md).
const (
	ModeAdd     Mode = "add"     // beside the guide (the default)
	ModeReplace Mode = "replace" // in the guide's place
)

// Pack is a loaded pack's manifest. Export and reports read ID and Version
// for each record (Course.Packs, Chapter.Pack).
type Pack struct {
	ID          string
	Title       string
	Version     string
	Language    string
	Description string
	Welcome     string // optional: what the first screen says the pack is
	Mode        Mode
	// Derived is true when the folder had no pack.yaml: the id came from
	// the folder's name (DeriveID) and the pack replaces the guide, as a
	// --content folder did before packs had manifests.
	Derived bool
	fsys    fs.FS // the folder it was loaded from: starters are read from it on demand
}

var manifestKeys = []string{"id", "title", "version", "language", "description", "welcome", "mode"}

func parseManifest(file string, src []byte, c *collector) *Pack {
	node, ok := parseYAML(file, src, 0, c)
	if !ok {
		return nil
	}
	m, ok := asMapping(file, node, "pack manifest", manifestKeys, c)
	if !ok {
		return nil
	}
	p := &Pack{
		ID:          m.str("id", true, c),
		Title:       m.str("title", true, c),
		Version:     m.str("version", true, c),
		Language:    m.str("language", true, c),
		Description: m.str("description", true, c),
		Welcome:     m.str("welcome", false, c),
		Mode:        Mode(m.str("mode", false, c)),
	}
	if p.ID != "" && !idPattern.MatchString(p.ID) {
		c.add(file, m.lineOf("id"), "pack id %q must be lowercase letters, digits and '-' (it keys learners' progress: choose it once)", p.ID)
	}
	if len(p.ID) > 64 {
		c.add(file, m.lineOf("id"), "pack id is %d bytes long (max 64)", len(p.ID))
	}
	switch p.Mode {
	case "":
		p.Mode = ModeAdd
	case ModeAdd, ModeReplace:
	default:
		c.add(file, m.lineOf("mode"), "mode %q must be add (beside the built-in guide, the default) or replace (in its place)", string(p.Mode))
	}
	return p
}

// DeriveID makes a pack id from a folder's name, for a folder without
// pack.yaml: lowercase letters and digits, anything else a '-'.
func DeriveID(folder string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folder) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 48 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "pack"
	}
	return b.String()
}

// NoManifestHelp is what a folder without pack.yaml is told: how to add one.
func NoManifestHelp(id string) string {
	return "no " + ManifestFile + ": it replaces the built-in guide, as before, with the pack id " + id +
		" (from the folder's name; renaming the folder would lose learners' progress). " +
		"Add a " + ManifestFile + " (id, title, version, language, description; mode: add puts it beside the guide) — " +
		"see docs/authoring.md or run `backend-tutor pack new DIR` for an example"
}

// applyManifest reconciles pack.yaml and course.yaml: the manifest's title
// and welcome are the course's; a course.yaml beside a manifest is a
// problem, since two titles would disagree.
func applyManifest(course *Course, fsys fs.FS, courseFile bool, c *collector) {
	if len(course.Packs) == 0 {
		return
	}
	p := course.Packs[0]
	p.fsys = fsys
	if courseFile {
		c.add("course.yaml", 1, "title and welcome belong in %s now: move them there and remove course.yaml", ManifestFile)
	}
	if p.Title != "" {
		course.Title = p.Title
	}
	course.Welcome = p.Welcome
}
