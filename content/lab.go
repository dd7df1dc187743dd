package content

import (
	"regexp"
	"strings"
)

// A Lab is a hands-on exercise: the learner writes a small HTTP server and a
// checker (internal/labcheck) sends it the lab's steps in order. Labs are
// content like chapters: YAML files in the folder's labs/ directory, loaded
// and validated by Load (format: docs/authoring.md). Every field is plain
// data (no interfaces) so the course snapshot can gob-encode it.
type Lab struct {
	ID      string
	Title   string
	Chapter string // id of the chapter the lab follows
	Order   int
	Port    int    // where the learner's server listens by default
	Brief   string // markdown: what to build
	Steps   []LabStep
	File    string // e.g. labs/notes-api.yaml
	Hash    string // of the lab file, so a check records which version it ran
	Pack    string // id of the pack it belongs to
	LocalID string // the id in its pack's files (ID is "PACK/LOCAL" for an added pack)
	idLine  int
	ordLine int
}

// LabStep is one HTTP request with what must come back.
type LabStep struct {
	Name    string
	Line    int  // of the step in its file
	Restart bool // restart the learner's server before this step (only possible when the checker started it)
	Request LabRequest
	Expect  LabExpect
	Capture []LabCapture
	Hint    LabHint
}

// LabRequest is what a step sends. Path, header values, Body and strings
// inside JSON may hold {name} placeholders, filled with values captured by
// earlier steps.
type LabRequest struct {
	Method          string
	Path            string // starts with '/'
	Headers         []LabHeader
	Body            string // sent as it is
	JSON            string // JSON text; sent with Content-Type: application/json unless a header says otherwise
	FollowRedirects bool   // follow redirects on the same host (never to another host)
}

// LabHeader is one request header.
type LabHeader struct{ Name, Value string }

// LabExpect is everything a response must satisfy, checked in this order.
type LabExpect struct {
	Status     int   // 0: any status
	AlsoStatus []int // further statuses that pass too (status: [403, 404])
	Headers    []HeaderExpect
	Cookies    []CookieExpect
	JSON       []JSONExpect
	EmptyBody  bool
}

// HeaderExpect checks one response header: exactly one of Equals, Prefix or
// Present (just be there). Values may hold placeholders.
type HeaderExpect struct {
	Name    string
	Equals  string
	Prefix  string
	Present bool
	Line    int
}

// CookieExpect checks a cookie set by the response (Set-Cookie).
type CookieExpect struct {
	Name     string
	HTTPOnly bool
	Line     int
}

// JSONExpect checks the JSON body at Path: a dot path of object keys and
// array indexes ("note.id", "items.0"); "" is the whole body. Exactly one
// test is set:
//   - Equals: the value equals this JSON text (a string matches its text; a
//     placeholder matches a string or a number with that text);
//   - Present: the path exists (any value, even null);
//   - NonEmpty: a string, array or object with something in it;
//   - Contains: the value is an array with an element that is an object
//     whose fields equal these (each value a JSON text, as for Equals);
//   - IsArray / IsObject: the value has that type.
type JSONExpect struct {
	Path     string
	Equals   string // JSON text
	Present  bool
	NonEmpty bool
	Contains []JSONField
	IsArray  bool
	IsObject bool
	Line     int
}

// JSONField is one field an element must have for JSONExpect.Contains.
type JSONField struct {
	Key   string
	Value string // JSON text
}

// LabCapture takes a value from a response for later steps, exactly one
// source set: a JSON path of the body, a response header, or a cookie's
// value from Set-Cookie.
type LabCapture struct {
	Name   string
	JSON   string // path; "" with From "json" means the whole body
	Header string
	Cookie string
	From   string // "json", "header" or "cookie"
	Line   int
}

// LabHint points at the chapter section that teaches what a step checks.
type LabHint struct {
	Chapter string // chapter id
	Section string // heading text in that chapter
	Text    string
}

// DefaultLabPort is the port a lab's server listens on unless it says.
const DefaultLabPort = 8000

// Labs are the course's labs, in order.
func (c *Course) Labs() []*Lab {
	c.labsOnce.Do(func() {
		if c.labsGob != nil {
			c.labs = decodeLabs(c.labsGob)
			c.labsGob = nil
		}
	})
	return c.labs
}

// Lab returns the lab with the given id.
func (c *Course) Lab(id string) (*Lab, bool) {
	for _, l := range c.Labs() {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

var placeholderPattern = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// Placeholders lists the {name} placeholders in s, in order.
func Placeholders(s string) []string {
	var out []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// Fill replaces each {name} placeholder in s by value(name); a name value
// does not know stays as it is.
func Fill(s string, value func(name string) (string, bool)) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return placeholderPattern.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := value(m[1 : len(m)-1]); ok {
			return v
		}
		return m
	})
}

// WholePlaceholder reports whether s is exactly one placeholder, and its name.
func WholePlaceholder(s string) (string, bool) {
	m := placeholderPattern.FindStringSubmatch(s)
	if m == nil || m[0] != s {
		return "", false
	}
	return m[1], true
}
