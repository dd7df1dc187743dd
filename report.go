package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"backend-tutor/internal/classreport"
	"backend-tutor/tui/render"
)

const reportHelp = `Usage: backend-tutor report FILE... [--csv | --html FILE [--force]]

Merges JSON exports from a class (backend-tutor export) into one table:
learners × chapters, each cell the best quiz score with ✓ when passed
("read": read, no quiz finished; – not started), then the questions the class missed most. A learner in
several files gets the best of each. Printed to fit the terminal (plain
when piped), as CSV (--csv), or as one self-contained HTML page (--html
FILE: no scripts, no network, readable on a phone).
  --csv          the table as CSV: learner, chapters_passed, then per
                 chapter PACK/CHAPTER best_score and PACK/CHAPTER passed
  --html FILE    write the HTML page to FILE (never over an existing file
                 unless --force)
  --force        let --html replace an existing file
`

func cmdReport(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", "", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, reportHelp) }
	asCSV := fs.Bool("csv", false, "CSV")
	htmlOut := fs.String("html", "", "HTML file")
	force := fs.Bool("force", false, "replace an existing --html file")
	files, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		fmt.Fprintln(stderr, "backend-tutor report: name the export files to merge (made by backend-tutor export)")
		return errUsage
	case *asCSV && *htmlOut != "":
		fmt.Fprintln(stderr, "backend-tutor report: give --csv or --html FILE, not both")
		return errUsage
	case *force && *htmlOut == "":
		fmt.Fprintln(stderr, "backend-tutor report: --force only goes with --html FILE")
		return errUsage
	}
	class, err := mergeFiles(files)
	if err != nil {
		return err
	}
	switch {
	case *asCSV:
		return csvOut(g, stdout, class.WriteCSV)
	case *htmlOut != "":
		write := func(w io.Writer) error { return class.WriteHTML(w, time.Now()) }
		if err := writeFileAtomic(*htmlOut, write, *force); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "Wrote the class report (%d learners, %d chapters) to %s\n", len(class.Learners), len(class.Chapters), render.Escape(*htmlOut))
		return nil
	}
	width := 0
	if f := osFile(stdout); f != nil && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			width = w
		}
	}
	_, err = io.WriteString(stdout, classText(class, width))
	return err
}

// mergeFiles reads every export (refusing the first of an unknown schema,
// named) and merges them.
func mergeFiles(files []string) (*classreport.Class, error) {
	exps := make([]*classreport.Export, 0, len(files))
	for _, f := range files {
		e, err := readExport(f)
		if err != nil {
			return nil, err
		}
		exps = append(exps, e)
	}
	return classreport.Merge(exps), nil
}

// cellWidth fits the widest mark, "100 ✓".
const cellWidth = 5

// classText lays the class out as text: the learners × chapters table,
// chapters numbered (a key follows), split into as many tables as it
// takes to fit width columns (0: one table, no limit); then the
// most-missed questions. Names and titles are sanitised before they are
// measured, so a hostile one cannot break the layout.
func classText(c *classreport.Class, width int) string {
	var b strings.Builder
	names := make([]string, len(c.Learners))
	nameW := len("LEARNER")
	for i, n := range c.Learners {
		names[i] = render.SanitizeLine(n)
		nameW = max(nameW, ansi.StringWidth(names[i]))
	}
	passW := len("PASSED")
	if width > 0 {
		nameW = min(nameW, max(8, width/3))
	}
	perTable := len(c.Chapters)
	if width > 0 {
		perTable = max(1, (width-nameW-2-passW-2)/(cellWidth+1))
	}
	intro := fmt.Sprintf("Class report: %d learners, %d chapters, %d exports. A cell is the best quiz score (%%), ✓ passed; read: read, no quiz finished; – not started.", len(c.Learners), len(c.Chapters), c.Files)
	if width > 0 {
		intro = ansi.Wrap(intro, width, "")
	}
	b.WriteString(intro + "\n")
	for start := 0; start < len(c.Chapters) || start == 0; start += perTable {
		end := min(start+perTable, len(c.Chapters))
		b.WriteString("\n")
		b.WriteString(pad("LEARNER", nameW) + "  " + pad("PASSED", passW))
		for j := start; j < end; j++ {
			b.WriteString(" " + padLeft(strconv.Itoa(j+1), cellWidth))
		}
		b.WriteString("\n")
		for i := range c.Learners {
			b.WriteString(pad(fit(names[i], nameW), nameW) + "  " + pad(fmt.Sprintf("%d/%d", c.PassedCount(i), len(c.Chapters)), passW))
			for j := start; j < end; j++ {
				b.WriteString(" " + padLeft(classreport.Mark(c.Cells[i][j]), cellWidth))
			}
			b.WriteString("\n")
		}
		if end >= len(c.Chapters) {
			break
		}
	}
	b.WriteString("\nChapters:\n")
	for j, col := range c.Chapters {
		line := fmt.Sprintf("%3d  %s/%s", j+1, render.SanitizeLine(col.Pack), render.SanitizeLine(col.Chapter))
		if col.Title != "" {
			line += " — " + render.SanitizeLine(col.Title)
		}
		b.WriteString(fit(line, width) + "\n")
	}
	b.WriteString("\nMost-missed questions:\n")
	if len(c.Missed) == 0 {
		b.WriteString("  none: no wrong answers\n")
	}
	for _, m := range c.Missed {
		line := fmt.Sprintf("  %s (%s): %d learners, %d of %d answers wrong", render.SanitizeLine(m.Question),
			render.SanitizeLine(m.Chapter), m.Learners, m.Wrong, m.Answers)
		b.WriteString(fit(line, width) + "\n")
	}
	return b.String()
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) + s
}
