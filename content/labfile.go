package content

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LabsDir is the folder of a content folder that holds the lab files.
const LabsDir = "labs"

// Limits that keep a hostile or mistaken lab bounded.
const (
	maxLabs     = 200
	maxLabSteps = 100
	maxStatuses = 10 // in one status: [...] list; also keeps the duplicate check small
)

var (
	labFields     = []string{"id", "title", "chapter", "order", "port", "brief", "steps"}
	stepFields    = []string{"name", "restart", "request", "expect", "capture", "hint"}
	requestFields = []string{"method", "path", "headers", "body", "json", "follow_redirects"}
	expectFields  = []string{"status", "headers", "cookies", "json", "empty_body"}
	methodPattern = regexp.MustCompile(`^[A-Z]+$`)
	namePattern   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// isLabFile says whether a file in labs/ is a lab.
func isLabFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

func parseLab(file string, src []byte, c *collector) *Lab {
	node, ok := parseYAML(file, src, 0, c)
	if !ok {
		return nil
	}
	m, ok := asMapping(file, node, "lab file", labFields, c)
	if !ok {
		return nil
	}
	lab := &Lab{File: file, Port: DefaultLabPort, idLine: m.lineOf("id"), ordLine: m.lineOf("order")}
	lab.ID = m.str("id", true, c)
	if lab.ID != "" && !idPattern.MatchString(lab.ID) {
		c.add(file, m.lineOf("id"), "lab id %q must be lowercase letters, digits and '-'", lab.ID)
	}
	lab.Title = m.str("title", true, c)
	lab.Chapter = m.str("chapter", true, c)
	lab.Order, _ = m.integer("order", true, c)
	lab.Brief = m.text("brief", true, c)
	if p, ok := m.integer("port", false, c); ok {
		if p < 1 || p > 65535 {
			c.add(file, m.lineOf("port"), "port must be between 1 and 65535, not %d", p)
		}
		lab.Port = p
	}
	items, ok := m.seq("steps", c)
	switch {
	case !ok && !m.has("steps"):
		c.add(file, m.line, "missing list of steps")
	case ok && len(items) == 0:
		c.add(file, m.lineOf("steps"), "the lab has no steps")
	case len(items) > maxLabSteps:
		c.add(file, m.lineOf("steps"), "too many steps (%d; the limit is %d)", len(items), maxLabSteps)
		items = nil
	}
	captured := map[string]bool{}
	for _, it := range items {
		if st, ok := parseStep(file, it, lab.Chapter, captured, c); ok {
			lab.Steps = append(lab.Steps, st)
		}
	}
	h := sha256.Sum256(src)
	lab.Hash = hex.EncodeToString(h[:])[:16]
	if lab.ID == "" {
		return nil
	}
	return lab
}

// parseStep reads one step. captured holds the names captured by earlier
// steps; the step's own captures are added after its request is checked,
// because they exist only once its response is in (its expectations may use
// them: a Location that must end with the id the body just gave).
func parseStep(file string, n *yaml.Node, chapter string, captured map[string]bool, c *collector) (LabStep, bool) {
	m, ok := asMapping(file, n, "step", stepFields, c)
	if !ok {
		return LabStep{}, false
	}
	st := LabStep{Line: n.Line, Name: m.str("name", true, c)}
	st.Restart, _ = m.boolean("restart", c)
	st.Hint.Chapter = chapter
	if v, ok := m.values["request"]; ok {
		st.Request = parseRequest(file, v, captured, c)
	} else {
		c.add(file, m.line, "missing field %q (what the step sends)", "request")
	}
	if v, ok := m.values["capture"]; ok {
		st.Capture = parseCaptures(file, v, c)
	}
	own := map[string]bool{}
	for k := range captured {
		own[k] = true
	}
	for _, cp := range st.Capture {
		own[cp.Name] = true
	}
	if v, ok := m.values["expect"]; ok {
		st.Expect = parseExpect(file, v, own, c)
	} else {
		c.add(file, m.line, "missing field %q (what must come back)", "expect")
	}
	if v, ok := m.values["hint"]; ok {
		if hm, ok := asMapping(file, v, "hint", []string{"chapter", "section", "text"}, c); ok {
			if ch := hm.str("chapter", false, c); ch != "" {
				st.Hint.Chapter = ch
			}
			st.Hint.Section = hm.str("section", false, c)
			st.Hint.Text = hm.text("text", false, c)
		}
	}
	for k := range own {
		captured[k] = true
	}
	return st, true
}

func parseRequest(file string, n *yaml.Node, captured map[string]bool, c *collector) LabRequest {
	m, ok := asMapping(file, n, "request", requestFields, c)
	if !ok {
		return LabRequest{}
	}
	var r LabRequest
	r.Method = m.str("method", true, c)
	if r.Method != "" && !methodPattern.MatchString(r.Method) {
		c.add(file, m.lineOf("method"), "method %q must be an HTTP method in capitals, such as GET or POST", r.Method)
	}
	r.Path = labText(file, m, "path", true, captured, c)
	if r.Path != "" && !strings.HasPrefix(r.Path, "/") && !strings.HasPrefix(r.Path, "{") {
		c.add(file, m.lineOf("path"), "path %q must start with '/' (the checker adds the server's address) or be a captured path such as \"{where}\"", r.Path)
	}
	if strings.ContainsAny(r.Path, " \t#") {
		c.add(file, m.lineOf("path"), "path %q must not hold spaces or '#'", r.Path)
	}
	if hv, ok := m.values["headers"]; ok {
		if hm, ok := asAnyMapping(file, hv, "headers", c); ok {
			for _, k := range hm.order {
				v := hm.values[k]
				val := scalarText(file, v, "header "+k, c)
				checkPlaceholders(file, v.Line, val, captured, c)
				if !validHeaderName(k) {
					c.add(file, hm.keys[k].Line, "%q is not a valid header name", k)
				}
				r.Headers = append(r.Headers, LabHeader{Name: k, Value: val})
			}
		}
	}
	if m.has("body") && m.has("json") {
		c.add(file, m.lineOf("json"), "a request has body or json, not both")
	}
	if m.has("body") {
		r.Body = labText(file, m, "body", false, captured, c)
	}
	if jv, ok := m.values["json"]; ok {
		r.JSON = yamlToJSON(file, jv, c)
		checkPlaceholders(file, jv.Line, r.JSON, captured, c)
	}
	r.FollowRedirects, _ = m.boolean("follow_redirects", c)
	return r
}

func parseExpect(file string, n *yaml.Node, captured map[string]bool, c *collector) LabExpect {
	m, ok := asMapping(file, n, "expect", expectFields, c)
	if !ok {
		return LabExpect{}
	}
	var e LabExpect
	e.Status, e.AlsoStatus = parseStatus(file, m, c)
	e.EmptyBody, _ = m.boolean("empty_body", c)
	if hv, ok := m.values["headers"]; ok {
		if hm, ok := asAnyMapping(file, hv, "headers", c); ok {
			for _, name := range hm.order {
				tm, ok := asMapping(file, hm.values[name], "header test", []string{"equals", "prefix", "present"}, c)
				if !ok {
					continue
				}
				h := HeaderExpect{Name: name, Line: hm.keys[name].Line}
				h.Equals = labText(file, tm, "equals", false, captured, c)
				h.Prefix = labText(file, tm, "prefix", false, captured, c)
				h.Present, _ = tm.boolean("present", c)
				if tests := count(tm.has("equals"), tm.has("prefix"), h.Present); tests != 1 {
					c.add(file, h.Line, "header %q needs exactly one test: equals, prefix or present: true", name)
				}
				e.Headers = append(e.Headers, h)
			}
		}
	}
	if cv, ok := m.values["cookies"]; ok {
		if cm, ok := asAnyMapping(file, cv, "cookies", c); ok {
			for _, name := range cm.order {
				tm, ok := asMapping(file, cm.values[name], "cookie test", []string{"http_only"}, c)
				if !ok {
					continue
				}
				ce := CookieExpect{Name: name, Line: cm.keys[name].Line}
				ce.HTTPOnly, _ = tm.boolean("http_only", c)
				e.Cookies = append(e.Cookies, ce)
			}
		}
	}
	if jv, ok := m.values["json"]; ok {
		if jm, ok := asAnyMapping(file, jv, "json", c); ok {
			for _, path := range jm.order {
				e.JSON = append(e.JSON, parseJSONExpect(file, path, jm.keys[path].Line, jm.values[path], captured, c))
			}
		}
	}
	if e.EmptyBody && len(e.JSON) > 0 {
		c.add(file, m.lineOf("empty_body"), "a step cannot expect an empty body and JSON in it")
	}
	return e
}

// parseStatus reads status: one code, or a list of codes any of which
// passes (status: [403, 404] when a lab accepts either answer).
func parseStatus(file string, m *mapping, c *collector) (int, []int) {
	v, ok := m.values["status"]
	if !ok {
		return 0, nil
	}
	if v.Kind != yaml.SequenceNode {
		s, ok := m.integer("status", false, c)
		if ok && (s < 100 || s > 599) {
			c.add(file, v.Line, "status must be an HTTP status code (100 to 599), not %d", s)
		}
		return s, nil
	}
	switch {
	case len(v.Content) < 2:
		c.add(file, v.Line, "a list of statuses needs at least two codes (write one code as status: 200)")
	case len(v.Content) > maxStatuses:
		c.add(file, v.Line, "a list of statuses has at most %d codes, not %d", maxStatuses, len(v.Content))
		return 0, nil
	}
	var codes []int
	for _, it := range v.Content {
		n, err := strconv.Atoi(strings.TrimSpace(it.Value))
		switch {
		case it.Kind != yaml.ScalarNode || err != nil:
			c.add(file, it.Line, "status must be a whole number or a list of them, such as [403, 404], not %q", it.Value)
			continue
		case n < 100 || n > 599:
			c.add(file, it.Line, "status must be an HTTP status code (100 to 599), not %d", n)
		case slices.Contains(codes, n):
			c.add(file, it.Line, "status %d is listed twice", n)
		}
		codes = append(codes, n)
	}
	if len(codes) == 0 {
		return 0, nil
	}
	return codes[0], codes[1:]
}

func parseJSONExpect(file, path string, line int, n *yaml.Node, captured map[string]bool, c *collector) JSONExpect {
	je := JSONExpect{Path: path, Line: line}
	if path == "." {
		je.Path = ""
	}
	checkPath(file, line, je.Path, c)
	tm, ok := asMapping(file, n, "JSON test", []string{"equals", "present", "non_empty", "contains", "is_array", "is_object"}, c)
	if !ok {
		return je
	}
	if v, ok := tm.values["equals"]; ok {
		je.Equals = yamlToJSON(file, v, c)
		checkPlaceholders(file, v.Line, je.Equals, captured, c)
	}
	je.Present, _ = tm.boolean("present", c)
	je.NonEmpty, _ = tm.boolean("non_empty", c)
	je.IsArray, _ = tm.boolean("is_array", c)
	je.IsObject, _ = tm.boolean("is_object", c)
	if v, ok := tm.values["contains"]; ok {
		if fm, ok := asAnyMapping(file, v, "contains", c); ok {
			for _, k := range fm.order {
				val := yamlToJSON(file, fm.values[k], c)
				checkPlaceholders(file, fm.values[k].Line, val, captured, c)
				je.Contains = append(je.Contains, JSONField{Key: k, Value: val})
			}
			if len(je.Contains) == 0 {
				c.add(file, v.Line, "contains needs at least one field the element must have")
			}
		}
	}
	if count(tm.has("equals"), je.Present, je.NonEmpty, tm.has("contains"), je.IsArray, je.IsObject) != 1 {
		c.add(file, line, "JSON path %q needs exactly one test: equals, present, non_empty, contains, is_array or is_object", path)
	}
	return je
}

func parseCaptures(file string, n *yaml.Node, c *collector) []LabCapture {
	cm, ok := asAnyMapping(file, n, "capture", c)
	if !ok {
		return nil
	}
	var out []LabCapture
	for _, name := range cm.order {
		line := cm.keys[name].Line
		if !namePattern.MatchString(name) {
			c.add(file, line, "capture name %q must start with a lowercase letter and hold only lowercase letters, digits and '_'", name)
		}
		tm, ok := asMapping(file, cm.values[name], "capture", []string{"json", "header", "cookie"}, c)
		if !ok {
			continue
		}
		cp := LabCapture{Name: name, Line: line}
		switch {
		case count(tm.has("json"), tm.has("header"), tm.has("cookie")) != 1:
			c.add(file, line, "capture %q needs exactly one source: json: PATH, header: NAME or cookie: NAME", name)
		case tm.has("json"):
			cp.From, cp.JSON = "json", tm.str("json", false, c)
			if cp.JSON == "." {
				cp.JSON = ""
			}
			checkPath(file, tm.lineOf("json"), cp.JSON, c)
		case tm.has("header"):
			cp.From, cp.Header = "header", tm.str("header", true, c)
		default:
			cp.From, cp.Cookie = "cookie", tm.str("cookie", true, c)
		}
		out = append(out, cp)
	}
	return out
}

// anyMapping is a mapping whose keys are the author's (header names, JSON
// paths, capture names), kept in file order.
type anyMapping struct {
	order  []string
	keys   map[string]*yaml.Node
	values map[string]*yaml.Node
}

func asAnyMapping(file string, n *yaml.Node, what string, c *collector) (*anyMapping, bool) {
	if n.Kind != yaml.MappingNode {
		c.add(file, n.Line, "%s must be a mapping of key: value lines", what)
		return nil, false
	}
	m := &anyMapping{keys: map[string]*yaml.Node{}, values: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := strings.TrimSpace(k.Value)
		if _, dup := m.keys[key]; dup {
			c.add(file, k.Line, "%q appears twice in %s", key, what)
			continue
		}
		m.order = append(m.order, key)
		m.keys[key], m.values[key] = k, v
	}
	return m, true
}

// labText reads a text field that may hold placeholders.
func labText(file string, m *mapping, key string, required bool, captured map[string]bool, c *collector) string {
	v, ok := m.values[key]
	if !ok {
		if required {
			c.add(file, m.line, "missing field %q", key)
		}
		return ""
	}
	s := scalarText(file, v, "field "+strconv.Quote(key), c)
	if required && strings.TrimSpace(s) == "" {
		c.add(file, v.Line, "field %q is empty", key)
	}
	checkPlaceholders(file, v.Line, s, captured, c)
	return s
}

// scalarText is a scalar's text, with a pointed message for the easy
// mistake of an unquoted placeholder, which YAML reads as a mapping.
func scalarText(file string, v *yaml.Node, what string, c *collector) string {
	if v.Kind == yaml.ScalarNode {
		return v.Value
	}
	if looksLikePlaceholder(v) {
		c.add(file, v.Line, "%s: put a placeholder in quotes, such as \"{id}\" (YAML reads {id} without quotes as a mapping)", what)
	} else {
		c.add(file, v.Line, "%s must be text", what)
	}
	return ""
}

func looksLikePlaceholder(v *yaml.Node) bool {
	return v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0 && len(v.Content) == 2 &&
		v.Content[1].Tag == "!!null" && v.Content[1].Value == ""
}

// yamlToJSON turns a YAML value into JSON text.
func yamlToJSON(file string, v *yaml.Node, c *collector) string {
	if looksLikePlaceholder(v) {
		c.add(file, v.Line, "put a placeholder in quotes, such as \"{id}\" (YAML reads {id} without quotes as a mapping)")
		return ""
	}
	var x any
	if err := v.Decode(&x); err != nil {
		c.add(file, v.Line, "cannot turn this into JSON: %v", err)
		return ""
	}
	b, err := json.Marshal(x)
	if err != nil {
		c.add(file, v.Line, "cannot turn this into JSON: %v", err)
		return ""
	}
	return string(b)
}

func checkPlaceholders(file string, line int, s string, captured map[string]bool, c *collector) {
	for _, name := range Placeholders(s) {
		if !captured[name] {
			c.add(file, line, "{%s} is not captured by an earlier step (capture it with capture: {%s: {json: PATH}})", name, name)
		}
	}
}

func checkPath(file string, line int, path string, c *collector) {
	if path == "" {
		return
	}
	for _, part := range strings.Split(path, ".") {
		if part == "" {
			c.add(file, line, "JSON path %q has an empty part (write a.b.0, or . for the whole body)", path)
			return
		}
	}
}

func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", ch) >= 0) {
			return false
		}
	}
	return true
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// checkLabs sorts the labs and checks what a lab says about the rest of the
// course: unique ids and orders, chapters and hint sections that exist.
func checkLabs(course *Course, c *collector) {
	if len(course.labs) > maxLabs {
		c.add(LabsDir, 0, "too many labs (%d; the limit is %d)", len(course.labs), maxLabs)
		return
	}
	sort.SliceStable(course.labs, func(i, j int) bool { return course.labs[i].Order < course.labs[j].Order })
	ids := map[string]*Lab{}
	orders := map[int]*Lab{}
	for _, l := range course.labs {
		if prev, dup := ids[l.ID]; dup {
			c.add(l.File, l.idLine, "duplicate lab id %q (also in %s)", l.ID, prev.File)
		}
		ids[l.ID] = l
		if prev, dup := orders[l.Order]; dup {
			c.add(l.File, l.ordLine, "lab order %d is also used by %s", l.Order, prev.File)
		}
		orders[l.Order] = l
		if _, ok := course.Chapter(l.Chapter); !ok && l.Chapter != "" {
			c.add(l.File, 0, "lab follows chapter %q, but no chapter has that id", l.Chapter)
		}
		for _, st := range l.Steps {
			ch, ok := course.Chapter(st.Hint.Chapter)
			switch {
			case !ok && st.Hint.Chapter != l.Chapter:
				c.add(l.File, st.Line, "step %q: hint names chapter %q, but no chapter has that id", st.Name, st.Hint.Chapter)
			case ok && st.Hint.Section != "" && !hasHeading(ch.Body, st.Hint.Section):
				c.add(l.File, st.Line, "step %q: chapter %q has no section headed %q", st.Name, ch.ID, st.Hint.Section)
			}
		}
	}
}

// hasHeading reports whether markdown has a heading with exactly this
// text (a "# comment" in a code block is none).
func hasHeading(md, text string) bool {
	for _, h := range Headings(md) {
		if h.Text == text {
			return true
		}
	}
	return false
}
