package render

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// Width limits for chapter text: below MinWidth glamour's layout breaks
// down, above MaxWidth lines get too long to read and every wide terminal
// would need its own cache entry.
const (
	MinWidth = 40
	MaxWidth = 100
)

// WrapWidth is the width a chapter is rendered at for a terminal this wide.
func WrapWidth(termWidth int) int {
	return max(MinWidth, min(MaxWidth, termWidth))
}

// The tutor's styles: glamour's dark and light with headings of our own
// (see tutorStyle), and one for NO_COLOR, where colour cannot mark inline
// code, so it keeps its backticks.
const (
	StyleDark    = "dark"
	StyleLight   = "light"
	StyleNoColor = "nocolor"
)

// format renders sanitised markdown at a wrap width in a glamour style (see
// Markdown, which bounds the work first). It builds its own renderer each
// time: a glamour renderer must not be shared between goroutines, and
// building one costs microseconds next to the milliseconds of the render
// itself. It stops between pieces once ctx is done.
func format(ctx context.Context, md string, width int, style string) (out string, err error) {
	defer func() {
		// A hostile or strange document must not take the tutor down with it.
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("rendering failed: %v", r)
		}
	}()
	cfg, err := tutorStyle(style)
	if err != nil {
		return "", err
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(cfg),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return "", err
	}
	mark := codeMark
	if style == StyleNoColor {
		mark = codeMarkASCII
	}
	// Code sits 4 columns in (the document's margin and its own) and keeps
	// a right margin of 2.
	src := markWideBreaksMD(protectBreaks(cutCodeLines(joinListLines(limitNesting(CharRefs(Sanitize(md)))), width-6, mark), width-10))
	var b strings.Builder
	for _, part := range splitLarge(src) {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		piece, err := r.Render(part)
		if err != nil {
			return "", err
		}
		b.WriteString(piece)
	}
	// What glamour made is sanitised once more, before widths are measured
	// (an escaped bidi override is six columns wide): goldmark decodes
	// character references, and CharRefs covers only the numeric ones that
	// are controls today.
	// Padding off first, so list lines are measured by what they show.
	codeSGR := ""
	if c := cfg.CodeBlock.Color; c != nil {
		codeSGR = "\x1b[38;5;" + *c + "m"
	}
	return DropWideBreaks(fitWidth(reflowLists(trimPadding(Terminal(b.String())), width, codeSGR), width)), nil
}

// sgr matches one SGR (colour and style) sequence.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// fitWidth wraps any line glamour left wider than width: it does not always
// wrap code blocks (a 57-column code line comes out 61 wide at width 60), and
// a line wider than the view breaks the layout. Each piece of a wrapped line
// closes its colour and the next reopens it.
func fitWidth(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) <= width {
			continue
		}
		// Word wrapping alone leaves a long unbroken run (a table rule of
		// hyphens) too wide, so hard-wrap what is left.
		parts := strings.Split(ansi.Hardwrap(ansi.Wordwrap(l, width, ""), width, true), "\n")
		open := ""
		for j, p := range parts {
			p = open + p
			open = ""
			if m := sgr.FindAllString(p, -1); len(m) > 0 {
				if last := m[len(m)-1]; last != "\x1b[m" && last != "\x1b[0m" {
					open = last
					p += "\x1b[m"
				}
			}
			parts[j] = p
		}
		lines[i] = strings.Join(parts, "\n")
	}
	return strings.Join(lines, "\n")
}

// padding matches what glamour appends to pad each line to the full width:
// spaces, each wrapped in its own colour codes. It costs output size and
// frame time and shows nothing, so it goes.
var padding = regexp.MustCompile(`(?:\x1b\[[0-9;]*m| )+$`)

func trimPadding(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, " ") || strings.HasSuffix(l, "m") {
			l = padding.ReplaceAllString(l, "")
			if strings.Contains(l, "\x1b[") {
				l += "\x1b[m" // close whatever the cut left open
			}
			lines[i] = l
		}
	}
	// glamour opens the document with a blank line; keep one, not more.
	for len(lines) > 1 && lines[0] == "" && lines[1] == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n")
}

// tutorStyle is one of glamour's standard styles made the tutor's own.
//
// Headings: glamour marks h2 and below with a literal "## ", which a
// beginner took for broken rendering. Here they look like headings: bold in
// the heading colour, h2 also underlined, h3 in the link-text colour; no
// markdown marks.
//
// Code: syntax highlighting is off, so code blocks keep the style's code
// colour and indent, and glamour never calls the highlighter (which this
// module replaces with a stand-in, see tui/render/nohighlight). Under
// NO_COLOR inline code keeps its backticks: with the colour gone nothing
// else sets it apart.
func tutorStyle(name string) (gansi.StyleConfig, error) {
	base := name
	if name == StyleNoColor {
		base = StyleDark // its bold and underline survive NO_COLOR
	}
	cfg, ok := styles.DefaultStyles[base]
	if !ok {
		return gansi.StyleConfig{}, fmt.Errorf("unknown style %q", name)
	}
	c := *cfg
	c.CodeBlock.Chroma = nil
	c.CodeBlock.Theme = ""
	yes := true
	heading := func(b gansi.StyleBlock, underline bool) gansi.StyleBlock {
		b.Prefix = ""
		b.Bold = &yes
		if underline {
			b.Underline = &yes
		}
		return b
	}
	c.H2 = heading(c.H2, true)
	c.H3 = heading(c.H3, false)
	c.H3.Color = c.LinkText.Color
	c.H4, c.H5, c.H6 = heading(c.H4, false), heading(c.H5, false), heading(c.H6, false)
	if name == StyleNoColor {
		c.Code.Prefix, c.Code.Suffix = "`", "`"
	}
	return c, nil
}

// Key identifies one rendering of one chapter.
type Key struct {
	Chapter string // chapter id plus content hash, so edits never show stale text
	Width   int
	Style   string
}

// Cache holds recent chapter renders. It is safe for concurrent use: render
// commands run on their own goroutines.
type Cache struct {
	mu      sync.Mutex
	entries map[Key]string
	order   []Key // least recently used first
	limit   int
	renders atomic.Int64
}

// Renders is how many glamour renders the cache has run (its misses). Tests
// use it to prove a code path renders nothing.
func (c *Cache) Renders() int64 { return c.renders.Load() }

// NewCache keeps up to limit renders (each is tens of KB after trimming).
func NewCache(limit int) *Cache {
	return &Cache{entries: map[Key]string{}, limit: limit}
}

// Get returns a cached render.
func (c *Cache) Get(k Key) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.entries[k]
	if ok {
		c.touch(k)
	}
	return s, ok
}

// Put stores a render, evicting the least recently used beyond the limit.
func (c *Cache) Put(k Key, s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; !ok && len(c.entries) >= c.limit && len(c.order) > 0 {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.entries[k] = s
	c.touch(k)
}

func (c *Cache) touch(k Key) {
	for i, o := range c.order {
		if o == k {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, k)
}

// Render returns the chapter rendered for k, from the cache when it can.
func (c *Cache) Render(k Key, md string) (string, error) {
	return c.RenderContext(context.Background(), k, md)
}

// RenderContext is Render for a render that may be cancelled (the reader
// wants another width now): it stops early with ctx's error and caches
// nothing.
func (c *Cache) RenderContext(ctx context.Context, k Key, md string) (string, error) {
	if s, ok := c.Get(k); ok {
		return s, nil
	}
	c.renders.Add(1)
	s, err := MarkdownContext(ctx, md, k.Width, k.Style)
	if err != nil {
		return "", err
	}
	c.Put(k, s)
	return s, nil
}
