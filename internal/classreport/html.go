package classreport

import (
	"html/template"
	"io"
	"strconv"
	"time"

	"backend-tutor/tui/render"
)

// The HTML report is one file a teacher can mail or open on a phone: no
// scripts, no network (inline CSS, no fonts or images), and no wide table,
// since a learners × chapters grid scrolls sideways on a 390 px screen.
// Instead the summary table has three columns and each learner gets a
// card whose chapter marks wrap. html/template escapes every string from a
// learner or a pack; names sit in <bdi> so a right-to-left name (or a bidi
// override in one) cannot reorder the text around it. Before that every
// such string passes render.Escape, as in the terminal's messages, so a
// control character or bidi override shows as \x1b or \u202e rather than
// reaching the page raw.
var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report</title>
<style>
*{box-sizing:border-box}
body{margin:0;padding:12px;font:16px/1.4 system-ui,sans-serif;color:#111;background:#fff;overflow-wrap:anywhere;word-break:break-word}
main{max-width:60rem;margin:0 auto}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #ccc;vertical-align:top}
th.n,td.n{width:5.5rem;text-align:right}
.card{border:1px solid #ccc;border-radius:6px;padding:8px;margin:8px 0}
.card h3{margin:0 0 6px;font-size:1rem}
ul.marks{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
ul.marks li{border:1px solid #bbb;border-radius:4px;padding:2px 6px;font-size:.9rem;max-width:100%}
li.pass{background:#e3f5e1;border-color:#6a6}
li.none{color:#777}
ol li{margin:4px 0}
.small{color:#555;font-size:.9rem}
</style>
</head>
<body>
<main>
<h1>Class report</h1>
<p class="small">{{.Learners}} learners, {{.Chapters}} chapters, from {{.Files}} exports; made {{.Made}}. A number is the best quiz score (%), ✓ passed; “read”: read, no quiz finished; – not started.</p>
<h2>Learners</h2>
<table>
<thead><tr><th>Learner</th><th class="n">Passed</th><th class="n">Average best</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td><bdi>{{.Name}}</bdi></td><td class="n">{{.Passed}} / {{$.Chapters}}</td><td class="n">{{.Average}}</td></tr>
{{end}}</tbody>
</table>
<h2>Most-missed questions</h2>
{{if .Missed}}<ol>
{{range .Missed}}<li><bdi>{{.Question}}</bdi> <span class="small">(<bdi>{{.Chapter}}</bdi>): {{.Learners}} learners, {{.Wrong}} of {{.Answers}} answers wrong</span></li>
{{end}}</ol>{{else}}<p>No wrong answers.</p>{{end}}
<h2>By learner</h2>
{{range .Rows}}<section class="card">
<h3><bdi>{{.Name}}</bdi></h3>
<ul class="marks">
{{range .Marks}}<li class="{{.Class}}"><bdi>{{.Chapter}}</bdi> {{.Mark}}</li>
{{end}}</ul>
</section>
{{end}}
<h2>Chapters</h2>
<ol>
{{range .Columns}}<li><bdi>{{.Chapter}}</bdi>{{if .Title}}: <bdi>{{.Title}}</bdi>{{end}} <span class="small">(<bdi>{{.Pack}}</bdi>)</span></li>
{{end}}</ol>
</main>
</body>
</html>
`))

type htmlRow struct {
	Name, Average string
	Passed        int
	Marks         []htmlMark
}

type htmlMark struct{ Chapter, Mark, Class string }

// WriteHTML writes the class report as one self-contained page.
func (c *Class) WriteHTML(w io.Writer, made time.Time) error {
	data := struct {
		Learners, Chapters, Files int
		Made                      string
		Rows                      []htmlRow
		Missed                    []Missed
		Columns                   []Column
	}{len(c.Learners), len(c.Chapters), c.Files, made.UTC().Format("2006-01-02 15:04 UTC"), nil, nil, nil}
	esc := render.Escape
	for _, m := range c.Missed {
		m.Pack, m.Chapter, m.Question = esc(m.Pack), esc(m.Chapter), esc(m.Question)
		data.Missed = append(data.Missed, m)
	}
	for _, col := range c.Chapters {
		data.Columns = append(data.Columns, Column{Pack: esc(col.Pack), Chapter: esc(col.Chapter), Title: esc(col.Title)})
	}
	for i, name := range c.Learners {
		row := htmlRow{Name: esc(name), Passed: c.PassedCount(i), Average: c.average(i)}
		for j, cell := range c.Cells[i] {
			m := htmlMark{Chapter: data.Columns[j].Chapter, Mark: Mark(cell), Class: "score"}
			switch {
			case !cell.Seen:
				m.Class = "none"
			case cell.Passed:
				m.Class = "pass"
			}
			row.Marks = append(row.Marks, m)
		}
		data.Rows = append(data.Rows, row)
	}
	return page.Execute(w, data)
}

// Mark is a cell as the terminal and HTML show it: "80 ✓" passed, "40"
// best score not passed yet, "read" read with no finished quiz, "–" not
// started.
func Mark(cell Cell) string {
	switch {
	case !cell.Seen:
		return "–"
	case cell.Attempts == 0 && !cell.Passed:
		return "read"
	case cell.Passed:
		return strconv.Itoa(cell.BestScore) + " ✓"
	}
	return strconv.Itoa(cell.BestScore)
}

// average is learner i's mean best score over the chapters they have a
// record of, "–" for none.
func (c *Class) average(i int) string {
	sum, n := 0, 0
	for _, cell := range c.Cells[i] {
		if cell.Seen {
			sum += cell.BestScore
			n++
		}
	}
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(sum/n) + "%"
}
