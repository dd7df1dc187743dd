package content

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a content folder, located by file and line
// so an author can jump straight to it.
type Problem struct {
	File string
	Line int // 1-based; 0 when the problem is about the whole file
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is the error Load returns when a folder does not validate.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sorted orders problems by file, then line, so output is stable.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

// collector accumulates problems while a folder is loaded.
type collector struct {
	list Problems
	// warnings are broken authoring rules (Course.Warnings): reported,
	// refused only by validate --strict.
	warnings Problems
	// guessed are the "file:line"s rewritten to get past a YAML syntax
	// error (recoverYAML): what the guess says there is not the author's,
	// so nothing more is reported on those lines.
	guessed map[string]bool
}

func (c *collector) add(file string, line int, format string, args ...any) {
	if c.guessed[fmt.Sprintf("%s:%d", file, line)] {
		return
	}
	c.list = append(c.list, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// warn adds a warning: an authoring rule broken (see authoring.go).
func (c *collector) warn(file string, line int, format string, args ...any) {
	if c.guessed[fmt.Sprintf("%s:%d", file, line)] {
		return
	}
	c.warnings = append(c.warnings, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// guess marks lines of file as rewritten by a guess.
func (c *collector) guess(file string, lines []int) {
	if c.guessed == nil {
		c.guessed = map[string]bool{}
	}
	for _, l := range lines {
		c.guessed[fmt.Sprintf("%s:%d", file, l)] = true
	}
}
