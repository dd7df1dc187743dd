package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/creack/pty"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// slowestRow reports the benchmark, among those named prefix+"...", with
// the largest median: the render budget holds for every shape, so the
// slowest is the figure.
func slowestRow(b map[string][]float64, prefix, figure, budget string, limit float64) row {
	worst, name := []float64(nil), ""
	for n, vals := range b {
		if strings.HasPrefix(n, prefix) && (worst == nil || median(vals) > median(worst)) {
			worst, name = vals, n
		}
	}
	r := row{figure: figure, budget: budget, unit: "ms", limit: limit, vals: worst}
	if name != "" {
		r.note = fmt.Sprintf("`%s` (slowest of %d)", name, countPrefix(b, prefix))
	}
	return r
}

func countPrefix(b map[string][]float64, prefix string) int {
	n := 0
	for k := range b {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n
}

var maxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// worstShapeReads runs `backend-tutor --content DIR read 1 --width 80` in
// an 80×24 pseudo-terminal for a pack holding one chapter of each worst
// shape at the content size limit (what a hostile pack can hold), under
// /usr/bin/time -v, and returns the slowest shape's times (ms) and the
// largest peak memory (MB), each with its shape.
func worstShapeReads(bin, tmp string) (times []float64, timeShape string, peaks []float64, peakShape string) {
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		fmt.Fprintln(os.Stderr, "worst shapes: /usr/bin/time not found (apt-get install -y time)")
		return nil, "", nil, ""
	}
	const front = "---\nid: worst-shape\ntitle: A worst shape\nsummary: One costly construct repeated to the size limit.\norder: 1\n---\n\n"
	for i, name := range benchgen.WorstShapeNames() {
		dir := filepath.Join(tmp, fmt.Sprintf("shape-%02d", i))
		check(os.MkdirAll(dir, 0o700))
		body := benchgen.WorstShape(name, content.MaxFileSize-len(front))
		check(os.WriteFile(filepath.Join(dir, "01-worst.md"), []byte(front+body), 0o600))
		var ts, ps []float64
		for r := range max(3, *rssRuns) {
			report := filepath.Join(tmp, fmt.Sprintf("shape-%02d-%d.txt", i, r))
			cmd := exec.Command(timeBin, "-v", "-o", report, bin, "--content", dir, "read", "1", "--width", "80")
			cmd.Env = env(tmp)
			t0 := time.Now()
			f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
			check(err)
			_, _ = io.Copy(io.Discard, f) // until the process closes the terminal
			if err := cmd.Wait(); err != nil {
				fmt.Fprintf(os.Stderr, "worst shape %q: read failed: %v\n", name, err)
			}
			ts = append(ts, float64(time.Since(t0).Microseconds())/1000)
			f.Close()
			text, err := os.ReadFile(report)
			check(err)
			if m := maxRSS.FindSubmatch(text); m != nil {
				kb, _ := strconv.Atoi(string(m[1]))
				ps = append(ps, float64(kb)/1024)
			}
		}
		if times == nil || median(ts) > median(times) {
			times, timeShape = ts, name
		}
		if peaks == nil || median(ps) > median(peaks) {
			peaks, peakShape = ps, name
		}
	}
	return times, timeShape, peaks, peakShape
}
