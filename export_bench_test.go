package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
	"backend-tutor/internal/classreport"
	"backend-tutor/progress"
)

// BenchmarkExport100k is `export -o FILE` of a profile with 100,000 saved
// answers, in process, less the file write: read the whole history in
// one transaction, build the records and answers, encode the JSON.
// Budget ≤ 300 ms (BENCHMARKS.md).
func BenchmarkExport100k(b *testing.B) {
	course, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "p.db")
	if err := benchgen.Progress(path, course, 100_000); err != nil {
		b.Fatal(err)
	}
	store, err := progress.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := store.SetLearner("Ada"); err != nil {
		b.Fatal(err)
	}
	var n countingWriter
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		exp, err := buildExport(store, course, []string{progress.DefaultProfile}, "", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if len(exp.Answers) < 100_000 {
			b.Fatalf("%d answers", len(exp.Answers))
		}
		n = 0
		// As `export -o` streams it into the file.
		bw := bufio.NewWriterSize(&n, 64<<10)
		if err := classreport.WriteJSON(bw, exp); err != nil {
			b.Fatal(err)
		}
		bw.Flush()
	}
	b.ReportMetric(float64(n)/1e6, "MB")
	reportCPU(b, cpu0)
}

// BenchmarkReport200 is `report` of a class of 200 exports (16 chapters,
// 500 answers each: 100,000 in all), in process: read and decode every
// file, merge, lay out the terminal table and the HTML page. Budget ≤ 1 s.
func BenchmarkReport200(b *testing.B) {
	dir := b.TempDir()
	files := classFiles(b, dir, 200, 500)
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		class, err := mergeFiles(files)
		if err != nil {
			b.Fatal(err)
		}
		_ = classText(class, 120)
		if err := class.WriteHTML(io.Discard, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// countingWriter counts bytes and keeps none.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// reportCPU adds the process's CPU time per operation since cpu0 (GC
// included) as "cpu-ms/op": on a shared machine the wall time per op
// (ns/op) also counts waiting for a core; this does not.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if d := cpuTime() - cpu0; d > 0 {
		b.ReportMetric(float64(d)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

// classFiles writes n exports of answers answers each, over the guide's
// chapters, as benchmarks need them.
func classFiles(b *testing.B, dir string, n, answers int) []string {
	b.Helper()
	course, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var files []string
	for i := range n {
		name := fmt.Sprintf("Learner %03d", i)
		e := &classreport.Export{Schema: classreport.Schema, ExportedAt: at, Tool: "bench"}
		for c, ch := range course.Chapters {
			e.Records = append(e.Records, classreport.Record{Learner: name, Profile: "default", Pack: "guide", Chapter: ch.ID,
				Title: ch.Title, ReadPercent: 100, Attempts: 2, BestScore: (i + c*7) % 101, Passed: (i+c)%3 != 0, FirstActivity: &at, LastActivity: &at, LabsPassed: []string{}})
		}
		for k := range answers {
			ch := course.Chapters[k%len(course.Chapters)]
			e.Answers = append(e.Answers, classreport.Answer{ID: fmt.Sprintf("%d-%d", i, k), Learner: name, Profile: "default",
				Pack: "guide", Chapter: ch.ID, Attempt: fmt.Sprint(k / 10), Question: fmt.Sprintf("%s-q%d", ch.ID, k%7),
				QuestionHash: "0123456789abcdef", Correct: (i+k)%4 != 0, At: at, Given: []string{"an answer"}})
		}
		p := filepath.Join(dir, fmt.Sprintf("learner-%03d.json", i))
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := classreport.WriteJSON(f, e); err != nil {
			b.Fatal(err)
		}
		f.Close()
		files = append(files, p)
	}
	return files
}
