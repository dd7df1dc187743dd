package classreport

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"backend-tutor/tui/render"
)

// SafeCell keeps a spreadsheet from running a cell as a formula: a cell
// that starts with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before looking) gets a leading apostrophe, which
// spreadsheets show as text. Numbers we write never start with those.
// Controls and bidi overrides are shown escaped (render.Escape), as in
// the terminal and the HTML page, so `cat`ting the file is safe too.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return render.Escape(s)
}

// RecordHeader is the export CSV's first row, one column per Record field.
var RecordHeader = []string{"learner", "profile", "pack", "pack_version", "chapter", "title", "read_percent",
	"attempts", "best_score", "passed", "first_activity", "last_activity", "time_spent_seconds", "labs_passed"}

// WriteRecordsCSV writes the export's records (no answers: JSON has them).
func WriteRecordsCSV(w io.Writer, recs []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(RecordHeader); err != nil {
		return err
	}
	for _, r := range recs {
		row := []string{r.Learner, r.Profile, r.Pack, r.PackVersion, r.Chapter, r.Title,
			strconv.Itoa(r.ReadPercent), strconv.Itoa(r.Attempts), strconv.Itoa(r.BestScore), strconv.FormatBool(r.Passed),
			timeCell(r.FirstActivity), timeCell(r.LastActivity), strconv.Itoa(r.TimeSpentSeconds), strings.Join(r.LabsPassed, ";")}
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func timeCell(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteCSV writes the class table: one row per learner with the number of
// chapters passed, then two columns per chapter, its best score (empty
// when the learner has no record of it) and whether it is passed.
func (c *Class) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"learner", "chapters_passed"}
	for _, col := range c.Chapters {
		id := col.Pack + "/" + col.Chapter
		head = append(head, id+" best_score", id+" passed")
	}
	for i := range head {
		head[i] = SafeCell(head[i])
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i, name := range c.Learners {
		row := []string{SafeCell(name), strconv.Itoa(c.PassedCount(i))}
		for _, cell := range c.Cells[i] {
			if !cell.Seen {
				row = append(row, "", "")
				continue
			}
			row = append(row, strconv.Itoa(cell.BestScore), strconv.FormatBool(cell.Passed))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
