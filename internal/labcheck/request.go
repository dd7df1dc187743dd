package labcheck

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"backend-tutor/content"
)

// request builds a step's request with the captured values filled in, and
// the curl command that sends the same. problem is why it cannot be sent.
func (r *runner) request(lr content.LabRequest) (req *http.Request, curl, problem string) {
	target, problem := r.target(lr.Path)
	if problem != "" {
		return nil, "", problem
	}
	var headers []content.LabHeader
	for _, h := range lr.Headers {
		v := content.Fill(h.Value, r.text)
		if strings.ContainsAny(v, "\r\n\x00") {
			return nil, "", "the header " + h.Name + " would hold a line break (from a value your server sent earlier), so it cannot be sent"
		}
		headers = append(headers, content.LabHeader{Name: h.Name, Value: v})
	}
	body := content.Fill(lr.Body, r.text)
	if lr.JSON != "" {
		body = r.fillJSON(lr.JSON)
		if !hasHeader(headers, "Content-Type") {
			headers = append(headers, content.LabHeader{Name: "Content-Type", Value: "application/json"})
		}
	}
	curl = curlCommand(lr.Method, target, headers, body)
	var rd *bytes.Reader
	if body != "" || lr.JSON != "" {
		rd = bytes.NewReader([]byte(body))
	}
	var err error
	if rd != nil {
		req, err = http.NewRequestWithContext(r.ctx, lr.Method, target, rd)
	} else {
		req, err = http.NewRequestWithContext(r.ctx, lr.Method, target, nil)
	}
	if err != nil {
		return nil, curl, "the request cannot be built: " + err.Error()
	}
	for _, h := range headers {
		if strings.EqualFold(h.Name, "Host") {
			req.Host = h.Value
			continue
		}
		req.Header.Add(h.Name, h.Value)
	}
	req.Header.Set("User-Agent", "backend-tutor-lab-check")
	return req, curl, ""
}

// target is the URL of a step's path: the server's address and the path,
// with captured values filled in (escaped for a path). A path that is one
// whole placeholder, such as "{where}" captured from a Location header, may
// hold a path or an absolute URL on the same server.
func (r *runner) target(path string) (string, string) {
	if name, ok := content.WholePlaceholder(path); ok {
		v := r.vars[name].text
		if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") {
			return r.base.String() + v, ""
		}
		u, err := url.Parse(v)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, r.base.Host) {
			return u.String(), ""
		}
		return "", "{" + name + "} is " + quoteShort(v) + ", which is not a path on your server (it should start with /)"
	}
	filled := content.Fill(path, func(name string) (string, bool) {
		v, ok := r.vars[name]
		return url.PathEscape(v.text), ok
	})
	if _, err := url.ParseRequestURI(filled); err != nil {
		return "", "the path " + quoteShort(filled) + " is not a valid path"
	}
	return r.base.String() + filled, ""
}

func (r *runner) text(name string) (string, bool) {
	v, ok := r.vars[name]
	return v.text, ok
}

// fillJSON fills placeholders in the strings of a JSON value. A string that
// is one whole placeholder becomes the captured value itself, keeping its
// JSON type (the id 7 stays a number).
func (r *runner) fillJSON(src string) string {
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return src
	}
	v = r.fillValue(v)
	b, err := json.Marshal(v)
	if err != nil {
		return src
	}
	return string(b)
}

func (r *runner) fillValue(v any) any {
	switch x := v.(type) {
	case string:
		if name, ok := content.WholePlaceholder(x); ok {
			if c, ok := r.vars[name]; ok && c.json != "" {
				return json.RawMessage(c.json)
			}
		}
		return content.Fill(x, r.text)
	case []any:
		for i := range x {
			x[i] = r.fillValue(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = r.fillValue(x[k])
		}
	}
	return v
}

func hasHeader(hs []content.LabHeader, name string) bool {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return true
		}
	}
	return false
}

// curlCommand is a command a learner can paste into a shell to send the
// same request: every argument single-quoted, so nothing in it (a value a
// server sent back included) is run by the shell.
func curlCommand(method, target string, headers []content.LabHeader, body string) string {
	parts := []string{"curl", "-i"}
	switch {
	case method == "HEAD":
		parts = append(parts, "-I")
	case method == "GET" && body == "", method == "POST" && body != "":
		// curl's own choice
	default:
		parts = append(parts, "-X", method)
	}
	parts = append(parts, shellQuote(target))
	for _, h := range headers {
		parts = append(parts, "-H", shellQuote(h.Name+": "+h.Value))
	}
	if body != "" {
		parts = append(parts, "--data-raw", shellQuote(body))
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// quoteShort quotes a value from the server for a message, cut to a line.
func quoteShort(s string) string { return `"` + Shorten(s, 80) + `"` }
