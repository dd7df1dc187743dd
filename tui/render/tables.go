package render

import (
	"regexp"
	"strings"

	"backend-tutor/content"
)

// Table limits. glamour lays a table out cell by cell: a 1 MiB chapter that
// was one table of 5,000 columns × 100 rows took 6 s and 1.2 GB in `read`
// (16.6 s on the development VM), and a table of 40,000 short rows 3.9 s.
// No chapter needs more columns than fit across a 100-column reader, nor a
// single table longer than a few screens, so wider tables have their
// surplus cells folded into the last column, and longer ones are cut into
// tables of maxTableRows body rows, each repeating the header. Cells per
// table are then at most maxTableColumns × (maxTableRows+1). Text is never
// dropped: a folded cell keeps its neighbours' text, separated by an
// escaped "|" that shows as a plain bar.
const (
	maxTableColumns = 12
	maxTableRows    = 100
)

// delimiterRow matches a GFM table's second line: cells of dashes with
// optional alignment colons, separated by pipes.
var delimiterRow = regexp.MustCompile(`^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)

// limitTables bounds every table's columns and rows (see above); a
// document whose tables are within the limits comes back unchanged.
func limitTables(md string) string {
	if !strings.Contains(md, "|") {
		return md
	}
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	var fence content.Fence
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if fence.Line(line) { // fenced code: left alone
			out = append(out, line)
			continue
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		if !isTableStart(line, next) {
			out = append(out, line)
			continue
		}
		header := foldRow(line, maxTableColumns)
		delim := foldDelimiter(next, maxTableColumns)
		out = append(out, header, delim)
		i += 2
		for rows := 0; i < len(lines) && isTableRow(lines[i]); i++ {
			if rows == maxTableRows {
				out = append(out, "", header, delim) // a new table goes on
				rows = 0
			}
			out = append(out, foldRow(lines[i], maxTableColumns))
			rows++
		}
		i-- // the loop's i++ moves to the line that ended the table
	}
	return strings.Join(out, "\n")
}

// isTableStart reports a table header line followed by its delimiter row.
// Only top-level tables (indented at most three spaces) are recognised;
// one inside a quote or list is bounded by the render budget instead.
func isTableStart(header, delim string) bool {
	if len(header)-len(strings.TrimLeft(header, " ")) > 3 || !strings.Contains(header, "|") ||
		!strings.ContainsAny(delim, "|") || !delimiterRow.MatchString(delim) {
		return false
	}
	return true
}

// isTableRow: a table's body goes on until a blank line or a line that is
// not a row. (GFM also takes a line without any pipe as a one-cell row;
// leaving such a line out of the bound only leaves it as it was.)
func isTableRow(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && strings.Contains(t, "|") && !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~")
}

// splitCells splits a table row on its unescaped pipes, dropping one
// leading and one trailing pipe.
func splitCells(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells []string
	start := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++ // an escaped character, a pipe included, stays in the cell
		case '|':
			cells = append(cells, strings.TrimSpace(t[start:i]))
			start = i + 1
		}
	}
	return append(cells, strings.TrimSpace(t[start:]))
}

// foldRow keeps a row of at most n cells as it is; a longer row keeps its
// first n-1 cells and folds the rest into the last, joined by escaped bars.
func foldRow(line string, n int) string {
	if strings.Count(line, "|") <= n+1 {
		return line // n cells and their border pipes at most
	}
	cells := splitCells(line)
	if len(cells) <= n {
		return line
	}
	folded := append(cells[:n-1:n-1], strings.Join(cells[n-1:], ` \| `))
	return "| " + strings.Join(folded, " | ") + " |"
}

// foldDelimiter keeps the first n cells of a delimiter row: its cells are
// only dashes and colons, so nothing is lost.
func foldDelimiter(line string, n int) string {
	cells := splitCells(line)
	if len(cells) <= n {
		return line
	}
	return "| " + strings.Join(cells[:n], " | ") + " |"
}
