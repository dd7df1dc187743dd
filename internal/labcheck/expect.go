package labcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"backend-tutor/content"
)

// failure is why a response does not satisfy a step.
type failure struct{ reason, expected, actual string }

// evaluate takes the step's captures from the response and checks its
// expectations in the documented order; the first that fails is returned.
// The status comes first: a wrong status usually explains everything else.
func (r *runner) evaluate(st content.LabStep, resp *http.Response, body []byte) *failure {
	e := st.Expect
	if e.Status != 0 && resp.StatusCode != e.Status && !slices.Contains(e.AlsoStatus, resp.StatusCode) {
		want := statusText(e.Status)
		for i, s := range e.AlsoStatus {
			sep := ", "
			if i == len(e.AlsoStatus)-1 {
				sep = " or "
			}
			want += sep + statusText(s)
		}
		return &failure{
			reason:   fmt.Sprintf("your server answered %s where the lab expects %s", statusText(resp.StatusCode), want),
			expected: want, actual: statusText(resp.StatusCode),
		}
	}
	doc := &lazyJSON{body: body}
	for _, cp := range st.Capture {
		if f := r.capture(cp, resp, doc); f != nil {
			return f
		}
	}
	for _, h := range e.Headers {
		if f := r.checkHeader(h, resp.Header); f != nil {
			return f
		}
	}
	for _, c := range e.Cookies {
		if f := checkCookie(c, resp); f != nil {
			return f
		}
	}
	if e.EmptyBody && len(body) > 0 {
		return &failure{
			reason:   fmt.Sprintf("the body should be empty, but your server sent %d bytes", len(body)),
			expected: "an empty body", actual: fmt.Sprintf("%d bytes: %s", len(body), quoteShort(firstLine(body))),
		}
	}
	for _, j := range e.JSON {
		if f := r.checkJSON(j, doc); f != nil {
			return f
		}
	}
	return nil
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

func (r *runner) checkHeader(h content.HeaderExpect, hdr http.Header) *failure {
	values, present := hdr[http.CanonicalHeaderKey(h.Name)]
	got := strings.Join(values, ", ")
	want := content.Fill(h.Equals, r.text)
	prefix := content.Fill(h.Prefix, r.text)
	expected := h.Name + " (any value)"
	switch {
	case h.Equals != "":
		expected = h.Name + ": " + want
	case h.Prefix != "":
		expected = h.Name + ": " + prefix + "…"
	}
	if !present {
		return &failure{reason: "the response has no " + h.Name + " header", expected: expected, actual: "no " + h.Name + " header"}
	}
	switch {
	case h.Equals != "" && got != want:
		return &failure{reason: fmt.Sprintf("the %s header is %s where the lab expects %s", h.Name, quoteShort(got), quoteShort(want)), expected: expected, actual: h.Name + ": " + got}
	case h.Prefix != "" && !strings.HasPrefix(strings.ToLower(got), strings.ToLower(prefix)):
		return &failure{reason: fmt.Sprintf("the %s header is %s, and it should start with %s", h.Name, quoteShort(got), quoteShort(prefix)), expected: expected, actual: h.Name + ": " + got}
	}
	return nil
}

func checkCookie(c content.CookieExpect, resp *http.Response) *failure {
	for _, ck := range resp.Cookies() {
		if ck.Name != c.Name {
			continue
		}
		if c.HTTPOnly && !ck.HttpOnly {
			return &failure{
				reason:   "the " + c.Name + " cookie is set without HttpOnly, so JavaScript in a page could read it (and steal the session)",
				expected: "Set-Cookie: " + c.Name + "=…; HttpOnly", actual: "Set-Cookie: " + ck.String(),
			}
		}
		return nil
	}
	return &failure{reason: "the response sets no cookie named " + c.Name, expected: "Set-Cookie: " + c.Name + "=…", actual: "no Set-Cookie for " + c.Name}
}

// capture takes one value for later steps.
func (r *runner) capture(cp content.LabCapture, resp *http.Response, doc *lazyJSON) *failure {
	switch cp.From {
	case "header":
		v := resp.Header.Get(cp.Header)
		if v == "" {
			return &failure{reason: "the response has no " + cp.Header + " header, and later steps need it", expected: cp.Header + " header", actual: "none"}
		}
		r.vars[cp.Name] = captured{text: v}
	case "cookie":
		for _, ck := range resp.Cookies() {
			if ck.Name == cp.Cookie {
				r.vars[cp.Name] = captured{text: ck.Value}
				return nil
			}
		}
		return &failure{reason: "the response sets no cookie named " + cp.Cookie + ", and later steps need it", expected: "Set-Cookie: " + cp.Cookie + "=…", actual: "no Set-Cookie for " + cp.Cookie}
	default:
		v, f := doc.at(cp.JSON)
		if f != nil {
			f.reason += ", and later steps need it"
			return &f.failure
		}
		js := compact(v)
		if s, ok := v.(string); ok {
			r.vars[cp.Name] = captured{text: s, json: js}
		} else {
			r.vars[cp.Name] = captured{text: js, json: js}
		}
	}
	return nil
}

func (r *runner) checkJSON(j content.JSONExpect, doc *lazyJSON) *failure {
	v, f := doc.at(j.Path)
	if f != nil {
		if j.Present && f.missing {
			return &failure{reason: f.reason, expected: name(j.Path) + " present", actual: f.actual}
		}
		return &f.failure
	}
	got := compact(v)
	switch {
	case j.Equals != "":
		var want any
		if err := decode([]byte(j.Equals), &want); err != nil {
			return &failure{reason: "the lab's expected value is not JSON: " + err.Error()}
		}
		if !r.matches(want, v) {
			shown := content.Fill(j.Equals, r.text)
			return &failure{reason: fmt.Sprintf("%s is %s where the lab expects %s", name(j.Path), cut(got), cut(shown)), expected: shown, actual: got}
		}
	case j.NonEmpty:
		empty := true
		switch x := v.(type) {
		case string:
			empty = strings.TrimSpace(x) == ""
		case []any:
			empty = len(x) == 0
		case map[string]any:
			empty = len(x) == 0
		}
		if empty {
			return &failure{reason: name(j.Path) + " is empty (or not text, a list or an object)", expected: "something in " + name(j.Path), actual: cut(got)}
		}
	case j.IsArray:
		if _, ok := v.([]any); !ok {
			return &failure{reason: fmt.Sprintf("%s is %s, where the lab expects a list (a JSON array, [...])", name(j.Path), kindOf(v)), expected: "a JSON array", actual: cut(got)}
		}
	case j.IsObject:
		if _, ok := v.(map[string]any); !ok {
			return &failure{reason: fmt.Sprintf("%s is %s, where the lab expects an object ({...})", name(j.Path), kindOf(v)), expected: "a JSON object", actual: cut(got)}
		}
	case len(j.Contains) > 0:
		return r.checkContains(j, v)
	}
	return nil
}

func (r *runner) checkContains(j content.JSONExpect, v any) *failure {
	var parts []string
	for _, fld := range j.Contains {
		parts = append(parts, fmt.Sprintf("%q: %s", fld.Key, content.Fill(fld.Value, r.text)))
	}
	expected := "a list holding {" + strings.Join(parts, ", ") + "}"
	list, ok := v.([]any)
	if !ok {
		return &failure{reason: fmt.Sprintf("%s is %s, where the lab expects a list (a JSON array, [...])", name(j.Path), kindOf(v)), expected: expected, actual: cut(compact(v))}
	}
	for _, el := range list {
		obj, ok := el.(map[string]any)
		if !ok {
			continue
		}
		all := true
		for _, fld := range j.Contains {
			var want any
			if decode([]byte(fld.Value), &want) != nil {
				all = false
				break
			}
			got, ok := obj[fld.Key]
			if !ok || !r.matches(want, got) {
				all = false
				break
			}
		}
		if all {
			return nil
		}
	}
	return &failure{reason: fmt.Sprintf("%s has no element with %s", name(j.Path), strings.Join(parts, " and ")), expected: expected, actual: cut(compact(v))}
}

// matches compares an expected JSON value with what the server sent. A
// string that is one whole placeholder matches the captured value as text
// or as the JSON it was captured as, so an id 7 matches "{id}" either way.
func (r *runner) matches(want, got any) bool {
	switch w := want.(type) {
	case string:
		if n, ok := content.WholePlaceholder(w); ok {
			c := r.vars[n]
			if s, ok := got.(string); ok {
				return s == c.text
			}
			return compact(got) == c.text || (c.json != "" && compact(got) == c.json)
		}
		s, ok := got.(string)
		return ok && s == content.Fill(w, r.text)
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		if g == w {
			return true
		}
		a, err1 := w.Float64()
		b, err2 := g.Float64()
		return err1 == nil && err2 == nil && a == b
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !r.matches(w[i], g[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok || !r.matches(wv, gv) {
				return false
			}
		}
		return true
	default: // bool, nil
		return want == got
	}
}

// lazyJSON parses the body the first time a step needs it.
type lazyJSON struct {
	body   []byte
	parsed bool
	v      any
	err    error
}

type pathFailure struct {
	failure
	missing bool // the path leads nowhere (as opposed to: the body is not JSON)
}

func (d *lazyJSON) at(path string) (any, *pathFailure) {
	if !d.parsed {
		d.parsed = true
		d.err = decode(d.body, &d.v)
	}
	if d.err != nil {
		actual := "an empty body"
		if len(d.body) > 0 {
			actual = quoteShort(firstLine(d.body))
		}
		return nil, &pathFailure{failure: failure{
			reason:   "the body is not JSON (" + d.err.Error() + ")",
			expected: "a JSON body", actual: actual,
		}}
	}
	v := d.v
	walked := ""
	for _, part := range splitPath(path) {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[part]
			if !ok {
				return nil, &pathFailure{missing: true, failure: failure{
					reason:   fmt.Sprintf("the JSON has no %q field%s", part, in(walked)),
					expected: fmt.Sprintf("a %q field", part), actual: cut(compact(x)),
				}}
			}
			v = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil {
				// A field of a list: the server sent a list where the
				// lab expects an object (a page of items, say).
				return nil, &pathFailure{missing: true, failure: failure{
					reason:   fmt.Sprintf("%s is a list, where the lab expects an object with a %q field", name(walked), part),
					expected: fmt.Sprintf("an object with a %q field", part), actual: cut(compact(x)),
				}}
			}
			if i < 0 || i >= len(x) {
				return nil, &pathFailure{missing: true, failure: failure{
					reason:   fmt.Sprintf("%s has no element %s (it is a list of %d)", name(walked), part, len(x)),
					expected: "element " + part, actual: cut(compact(x)),
				}}
			}
			v = x[i]
		default:
			return nil, &pathFailure{missing: true, failure: failure{
				reason:   fmt.Sprintf("%s is %s, so it has no %q", name(walked), kindOf(v), part),
				expected: "an object or list at " + name(walked), actual: cut(compact(v)),
			}}
		}
		if walked != "" {
			walked += "."
		}
		walked += part
	}
	return v, nil
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, ".")
}

func in(walked string) string {
	if walked == "" {
		return ""
	}
	return " in " + name(walked)
}

// name is how a message names a JSON path.
func name(path string) string {
	if path == "" {
		return "the body"
	}
	return strconv.Quote(path)
}

// decode parses exactly one JSON value, keeping numbers exact.
func decode(b []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("it is empty")
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("there is more after the first JSON value")
	}
	return nil
}

// compact is v as one line of JSON, with <, > and & left as they are.
func compact(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "text"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "a value"
}

// cut shortens a value for a one-line message.
func cut(s string) string { return Shorten(s, 200) }

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}
