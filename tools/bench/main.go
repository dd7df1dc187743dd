// Command bench measures Backend Tutor against its performance budgets and
// prints one table: the Go benchmarks (run with -benchmem) and the
// whole-process figures (start-up in a pseudo-terminal, `list`, `progress
// --json`, peak memory over a scripted session, `read` against lowdown).
// `make bench` runs it from the module root; it is not part of the binary.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

var (
	runs     = flag.Int("runs", 25, "runs of each whole-process measurement")
	count    = flag.Int("count", 5, "go test -count for the benchmarks")
	rssRuns  = flag.Int("rss-runs", 3, "scripted sessions for peak memory")
	benchTim = flag.String("benchtime", "1s", "go test -benchtime")
)

type row struct {
	figure, budget string
	vals           []float64 // in unit
	unit           string
	limit          float64 // 0: measure only
	note           string
}

func main() {
	flag.Parse()
	tmp, err := os.MkdirTemp("", "bt-bench")
	check(err)
	defer os.RemoveAll(tmp)

	bin := filepath.Join(tmp, "backend-tutor")
	step("building the binary (go build -trimpath)")
	run("go", "build", "-trimpath", "-o", bin, ".")

	course, err := content.Load(content.Embedded())
	check(err)
	longest := 0
	for i, ch := range course.Chapters {
		if len(ch.Body) > len(course.Chapters[longest].Body) {
			longest = i
		}
	}
	emptyDB := filepath.Join(tmp, "empty", "progress.db")
	bigDB := filepath.Join(tmp, "big", "progress.db")
	check(benchgen.Progress(emptyDB, course, 0))
	step("generating a progress file with 100,000 answers")
	check(benchgen.Progress(bigDB, course, 100_000))

	bench := goBenchmarks()
	var rows []row
	add := func(r row) { rows = append(rows, r) }

	step("start-up in a pseudo-terminal")
	add(row{figure: "cold start to first full frame, embedded course, no progress file (welcome)", budget: "≤ 30 ms", unit: "ms", limit: 30,
		vals: startup(bin, tmp, "", "begin.")})
	homeEmpty := startup(bin, tmp, emptyDB, "quit")
	add(row{figure: "cold start to first full home screen, empty progress file", budget: "≤ 30 ms", unit: "ms", limit: 30, vals: homeEmpty})

	step("line mode: start to first prompt")
	add(row{figure: "line mode (stdin and stdout pipes): start to the menu's first prompt, empty progress file", budget: "≤ 15 ms", unit: "ms", limit: 15,
		vals: firstPrompt(bin, "Choose a number", "--db", emptyDB)})
	add(row{figure: "line mode: `quiz 1 --new` start to the first question's prompt, empty progress file", budget: "≤ 15 ms", unit: "ms", limit: 15,
		vals: firstPrompt(bin, "Answer: ", "--db", emptyDB, "quiz", "1", "--new")})
	add(benchRow(bench, "BenchmarkFirstPrompt", "line mode in process: load, open, snapshot, menu to its first prompt", "measure", 0))

	step("whole-process list and progress --json")
	add(row{figure: "`backend-tutor list`, whole process", budget: "≤ 15 ms", unit: "ms", limit: 15, vals: whole(bin, "list", "--db", emptyDB)})
	progEmpty := whole(bin, "progress", "--json", "--db", emptyDB)
	add(row{figure: "`backend-tutor progress --json`, whole process", budget: "≤ 15 ms", unit: "ms", limit: 15, vals: progEmpty})

	add(benchRow(bench, "BenchmarkReaderKey/j", "keystroke to new frame in the reader, longest chapter (j)", "≤ 0.3 ms", 0.3))
	add(benchRow(bench, "BenchmarkReaderKey/pgdown", "keystroke to new frame in the reader, longest chapter (pgdown)", "≤ 0.3 ms", 0.3))
	add(benchRow(bench, "BenchmarkReaderView/terminal-pass", "the sanitiser's last pass over one reader frame (part of every frame above)", "≤ 0.02 ms", 0.02))
	add(benchRow(bench, "BenchmarkHomeKey1000", "keystroke in the home list with 1,000 chapters", "≤ 0.5 ms", 0.5))
	add(benchRow(bench, "BenchmarkMarkdownLongestChapter", "first render of the longest chapter at 80 columns (in a tea.Cmd)", "measure", 0))
	add(benchRow(bench, "BenchmarkReopenCached", "reopening a chapter already rendered at this width (n/p + frame)", "≤ 0.2 ms", 0.2))
	add(benchRow(bench, "BenchmarkCacheHit", "render cache hit (lookup alone)", "measure", 0))
	add(benchRow(bench, "BenchmarkSaveAnswer", "saving one answer, fsync included (in the saver, off the keystroke path)", "measure", 0))

	step("peak memory over a scripted session")
	// A seed of its own: the line-mode rows leave an unfinished quiz in
	// emptyDB, so enter (Continue) opened the quiz, where q does not quit,
	// and every session was killed before /usr/bin/time could report.
	rssSeed := filepath.Join(tmp, "rss-seed", "progress.db")
	check(benchgen.Progress(rssSeed, course, 0))
	add(row{figure: fmt.Sprintf("peak memory reading the whole course (%d chapters, open + G + n)", len(course.Chapters)), budget: "≤ 40 MB", unit: "MB", limit: 40, vals: peakRSS(bin, tmp, rssSeed, len(course.Chapters))})

	add(benchRow(bench, "BenchmarkCheck20Steps", "`lab check`: 20 steps against a ready local server (the checker's own time)", "≤ 30 ms", 30))
	add(benchRow(bench, "BenchmarkSampleServe", "`lab serve`: time per request, two keep-alive clients in the same process (0.2 ms = 5,000 requests/s)", "≤ 0.2 ms", 0.2))

	add(benchRow(bench, "BenchmarkExport100k", "`export`: 100,000 answers read, built and encoded as JSON (in process, less the file write)", "≤ 300 ms", 300))
	add(benchRow(bench, "BenchmarkReport200", "`report`: 200 exports (100,000 answers) read, merged, terminal table and HTML page", "≤ 1000 ms", 1000))
	add(benchRow(bench, "BenchmarkLoadLargePack", "pack of 1,000 chapters / 20,000 questions: load and validate", "≤ 300 ms", 300))
	add(benchRow(bench, "BenchmarkReviewQueue100k", "today's review queue from 100,000 cards (FSRS, cap 20, half due)", "≤ 10 ms", 10))
	add(benchRow(bench, "BenchmarkStoreReviewQueue100k", "today's review queue read from a progress file of 100,000 cards (open, tally, due index)", "≤ 10 ms", 10))
	add(benchRow(bench, "BenchmarkSearchIndexCourse", "search index of the course, built once (in a tea.Cmd)", "≤ 20 ms", 20))
	add(benchRow(bench, "BenchmarkSearchKey/course", "search keystroke to new frame, course (`http` ↔ `https`)", "≤ 2 ms", 2))
	add(benchRow(bench, "BenchmarkSearchKey/pack1000", "search keystroke to new frame, 1,000-chapter pack (`request` ↔ `requests`)", "≤ 30 ms", 30))
	add(benchRow(bench, "BenchmarkSearchKey/pack1000-e", "search keystroke to new frame, 1,000-chapter pack (`e` ↔ `es`: nearly every line)", "≤ 30 ms", 30))
	add(benchRow(bench, "BenchmarkSearchLargePack/request", "every result with its spans (`backend-tutor search`), 1,000-chapter pack, a word on every page (~20,000)", "measure", 0))

	homeBig := startup(bin, tmp, bigDB, "quit")
	add(ratioRow("cold start to home screen, 100,000 answers vs empty file", homeBig, homeEmpty))
	progBig := whole(bin, "progress", "--json", "--db", bigDB)
	add(ratioRow("`progress --json` whole process, 100,000 answers vs empty file", progBig, progEmpty))
	for _, pair := range [][2]string{{"BenchmarkStartupModel", "start-up in process (load, open, snapshot, model, first View)"},
		{"BenchmarkProgressJSON", "`progress --json` in process"}} {
		add(ratioRow(pair[1]+", 100,000 answers vs empty", bench[pair[0]+"/100k"], bench[pair[0]+"/empty"]))
	}
	// The store alone, for the record: its share of the figures above is
	// a fraction of a millisecond either way.
	store := ratioRow("progress store open + snapshot alone, 100,000 answers vs empty (part of the rows above)",
		bench["BenchmarkOpenSnapshot/100k"], bench["BenchmarkOpenSnapshot/empty"])
	store.limit, store.budget = 0, "measure"
	add(store)

	add(benchRow(bench, "BenchmarkCheckBeforeWrite10MB", "full check before the first write of a session, 10 MB progress file (26,000 answers; in a tea.Cmd)", "≤ 50 ms", 50))
	add(slowestRow(bench, "BenchmarkRenderWorstShapes/", "render of a worst-shape chapter at the largest size still formatted, or plain at 1 MiB (slowest shape, 80 columns)", "≤ 1 s", 1000))
	step("read of 1 MiB worst-shape chapters")
	shapeTimes, timeShape, shapePeaks, peakShape := worstShapeReads(bin, tmp)
	add(row{figure: "`read 1 --width 80` of a 1 MiB worst-shape chapter, whole process (slowest shape)", budget: "≤ 1 s", unit: "ms", limit: 1000,
		vals: shapeTimes, note: timeShape})
	add(row{figure: "peak memory of that `read` (largest of the shapes)", budget: "≤ 200 MB", unit: "MB", limit: 200, vals: shapePeaks, note: peakShape})

	step("read vs lowdown")
	readVals, lowVals := comparison(bin, tmp, course.Chapters[longest].ID, longest+1)
	add(row{figure: fmt.Sprintf("`backend-tutor read %d --width 80` (longest chapter), whole process", longest+1), budget: "compare", unit: "ms", vals: readVals})
	if lowVals != nil {
		add(row{figure: "`lowdown -tterm --term-columns=80` on the same markdown, whole process", budget: "compare", unit: "ms", vals: lowVals})
		r := median(readVals) / median(lowVals)
		add(row{figure: "ratio read / lowdown (medians)", budget: "compare", unit: "×", vals: []float64{r}, note: fmt.Sprintf("%.1f×", r)})
	} else {
		add(row{figure: "lowdown", budget: "compare", note: "lowdown not installed (apt-get install -y lowdown)"})
	}
	printTable(rows)
}

func step(s string) { fmt.Fprintln(os.Stderr, "==", s) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op`)

// goBenchmarks runs the benchmarks the table needs and returns each one's
// ns/op over the -count runs, in ms.
func goBenchmarks() map[string][]float64 {
	step(fmt.Sprintf("go test -bench (-benchmem, -count %d)", *count))
	args := []string{"test", "-run", "^$", "-benchmem", "-count", strconv.Itoa(*count), "-benchtime", *benchTim,
		"-bench", "ReaderKey|ReaderView|HomeKey1000|ReopenCached|MarkdownLongestChapter|CacheHit|SaveAnswer|LoadLargePack|StartupModel|ProgressJSON|OpenSnapshot|ReviewQueue100k|SearchIndexCourse|SearchLargePack|SearchKey|Check20Steps|SampleServe|CheckBeforeWrite10MB|RenderWorstShapes|FirstPrompt|Export100k|Report200",
		".", "./tui", "./tui/render", "./tui/linemode", "./progress", "./content", "./internal/scheduler", "./content/search", "./internal/labcheck", "./internal/labserve"}
	cmd := exec.Command("go", args...)
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, os.Stderr)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
	res := map[string][]float64{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		if m := benchLine.FindStringSubmatch(sc.Text()); m != nil {
			ns, _ := strconv.ParseFloat(m[2], 64)
			res[m[1]] = append(res[m[1]], ns/1e6)
		}
	}
	return res
}

func benchRow(b map[string][]float64, name, figure, budget string, limit float64) row {
	return row{figure: figure, budget: budget, unit: "ms", limit: limit, vals: b[name], note: "`" + name + "`"}
}

// ratioRow compares medians: the budget is at most twice the empty figure.
func ratioRow(figure string, big, empty []float64) row {
	if len(big) == 0 || len(empty) == 0 {
		return row{figure: figure, budget: "≤ 2×", note: "not measured"}
	}
	r := median(big) / median(empty)
	return row{figure: figure, budget: "≤ 2× empty", unit: "×", vals: []float64{r}, limit: 2,
		note: fmt.Sprintf("medians %.3g ms vs %.3g ms", median(big), median(empty))}
}

// env is a clean environment with its own data folder, so no run sees the
// developer's progress file.
func env(home string) []string {
	return append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "TERM=xterm-256color", "COLORTERM=truecolor")
}

// startup runs the binary in an 80x24 pseudo-terminal and times exec until
// the output holds want (the last line of the first frame), runs times.
// db "" gives each run a fresh data folder with no progress file.
func startup(bin, tmp, db, want string) []float64 {
	var out []float64
	for i := range *runs {
		home := filepath.Join(tmp, fmt.Sprintf("home-%s-%d", filepath.Base(filepath.Dir(db)), i))
		check(os.MkdirAll(home, 0o700))
		args := []string{}
		if db != "" {
			args = append(args, "--db", db)
		}
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Dir = env(home), home
		t0 := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		check(err)
		d, ok := waitFor(f, want, 5*time.Second)
		if !ok {
			fmt.Fprintf(os.Stderr, "start-up run %d never showed %q\n", i, want)
		} else {
			out = append(out, float64(d.Sub(t0).Microseconds())/1000)
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		go io.Copy(io.Discard, f)
		_ = cmd.Wait()
		f.Close()
	}
	return out
}

// waitFor reads the terminal until its text (escape sequences stripped)
// contains want, and returns when that happened.
func waitFor(f *os.File, want string, limit time.Duration) (time.Time, bool) {
	found := make(chan time.Time, 1)
	go func() {
		var buf bytes.Buffer
		chunk := make([]byte, 64<<10)
		for {
			n, err := f.Read(chunk)
			if n > 0 {
				buf.Write(chunk[:n])
				if strings.Contains(ansi.Strip(buf.String()), want) {
					found <- time.Now()
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case t := <-found:
		return t, true
	case <-time.After(limit):
		return time.Time{}, false
	}
}

// whole times a whole process with its output to a pipe, runs times.
func whole(bin string, args ...string) []float64 {
	var out []float64
	home, err := os.MkdirTemp("", "bt-home")
	check(err)
	defer os.RemoveAll(home)
	for range *runs {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Stdout = env(home), io.Discard
		t0 := time.Now()
		check(cmd.Run())
		out = append(out, float64(time.Since(t0).Microseconds())/1000)
	}
	return out
}

// firstPrompt times line mode from exec until its output (a pipe) holds
// want, runs times; stdin is a pipe kept open until then, so the tutor
// waits at the prompt, and closing it ends the run as end of input does.
func firstPrompt(bin, want string, args ...string) []float64 {
	var out []float64
	home, err := os.MkdirTemp("", "bt-home")
	check(err)
	defer os.RemoveAll(home)
	for i := range *runs {
		cmd := exec.Command(bin, args...)
		cmd.Env = env(home)
		stdin, err := cmd.StdinPipe()
		check(err)
		stdout, err := cmd.StdoutPipe()
		check(err)
		t0 := time.Now()
		check(cmd.Start())
		found := make(chan time.Time, 1)
		go func() {
			var buf []byte
			chunk := make([]byte, 64<<10)
			for {
				n, err := stdout.Read(chunk)
				buf = append(buf, chunk[:n]...)
				if bytes.Contains(buf, []byte(want)) {
					found <- time.Now()
					io.Copy(io.Discard, stdout)
					return
				}
				if err != nil {
					return
				}
			}
		}()
		select {
		case t := <-found:
			out = append(out, float64(t.Sub(t0).Microseconds())/1000)
		case <-time.After(5 * time.Second):
			fmt.Fprintf(os.Stderr, "line mode run %d never showed %q\n", i, want)
		}
		stdin.Close()
		_ = cmd.Wait()
	}
	return out
}

// peakRSS drives a tutor through every chapter (enter, G, n ...) under
// /usr/bin/time -v and reads "Maximum resident set size".
func peakRSS(bin, tmp, seed string, chapters int) []float64 {
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		fmt.Fprintln(os.Stderr, "peak memory: /usr/bin/time not found (apt-get install -y time)")
		return nil
	}
	var out []float64
	for i := range *rssRuns {
		db := filepath.Join(tmp, fmt.Sprintf("rss-%d.db", i))
		src, err := os.ReadFile(seed)
		check(err)
		check(os.WriteFile(db, src, 0o600))
		report := filepath.Join(tmp, fmt.Sprintf("rss-%d.txt", i))
		cmd := exec.Command(timeBin, "-v", "-o", report, bin, "--db", db)
		cmd.Env = env(tmp)
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		check(err)
		go io.Copy(io.Discard, f)
		keys := func(s string, wait time.Duration) {
			_, _ = f.WriteString(s)
			time.Sleep(wait)
		}
		time.Sleep(300 * time.Millisecond)
		keys("\r", 300*time.Millisecond) // open chapter 1
		for c := range chapters {
			keys("G", 100*time.Millisecond)
			if c+1 < chapters {
				keys("n", 250*time.Millisecond)
			}
		}
		keys("q", 100*time.Millisecond)
		keys("q", 0)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		f.Close()
		text, err := os.ReadFile(report)
		check(err)
		m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(text)
		if m == nil {
			fmt.Fprintf(os.Stderr, "peak memory: no figure in\n%s", text)
			continue
		}
		kb, _ := strconv.Atoi(string(m[1]))
		out = append(out, float64(kb)/1024)
	}
	return out
}

// comparison times `backend-tutor read N` in a pseudo-terminal (it formats
// only for a terminal) and lowdown on the same markdown, runs times each.
func comparison(bin, tmp, id string, number int) (readVals, lowVals []float64) {
	md := filepath.Join(tmp, id+".md")
	cmd := exec.Command(bin, "read", strconv.Itoa(number), "--plain")
	src, err := cmd.Output()
	check(err)
	check(os.WriteFile(md, src, 0o600))
	for range *runs {
		cmd := exec.Command(bin, "read", strconv.Itoa(number), "--width", "80")
		cmd.Env = env(tmp)
		t0 := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		check(err)
		_, _ = io.Copy(io.Discard, f) // until the process closes the terminal
		_ = cmd.Wait()
		readVals = append(readVals, float64(time.Since(t0).Microseconds())/1000)
		f.Close()
	}
	if _, err := exec.LookPath("lowdown"); err != nil {
		return readVals, nil
	}
	for range *runs {
		cmd := exec.Command("lowdown", "-tterm", "--term-columns=80", md)
		cmd.Env = env(tmp)
		t0 := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		check(err)
		_, _ = io.Copy(io.Discard, f)
		_ = cmd.Wait()
		lowVals = append(lowVals, float64(time.Since(t0).Microseconds())/1000)
		f.Close()
	}
	return readVals, lowVals
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func format(v float64, unit string) string {
	switch {
	case unit == "×":
		return fmt.Sprintf("%.2f×", v)
	case unit == "MB":
		return fmt.Sprintf("%.1f MB", v)
	case v < 0.01:
		return fmt.Sprintf("%.1f µs", v*1000)
	case v < 1:
		return fmt.Sprintf("%.3f ms", v)
	case v < 100:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

func printTable(rows []row) {
	host, _ := os.Hostname()
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.*)`).FindSubmatch(b); m != nil {
			cpu = string(m[1])
		}
	}
	goVersion, _ := exec.Command("go", "env", "GOVERSION").Output()
	fmt.Printf("\nBackend Tutor benchmarks — %s, %d cores (%s), %s, %s, %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		runtime.NumCPU(), cpu, strings.TrimSpace(string(goVersion)), runtime.GOOS+"/"+runtime.GOARCH, host)
	fmt.Printf("whole-process figures: %d runs; Go benchmarks: -count %d -benchtime %s (min/median/max over the counts)\n\n", *runs, *count, *benchTim)
	fmt.Println("| figure | budget | min | median | max | verdict | notes |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range rows {
		minS, medS, maxS, verdict := "—", "—", "—", "measured"
		if len(r.vals) > 0 {
			s := slices.Sorted(slices.Values(r.vals))
			minS, medS, maxS = format(s[0], r.unit), format(median(s), r.unit), format(s[len(s)-1], r.unit)
			if r.unit == "×" && len(s) == 1 {
				minS, maxS = "", ""
			}
			if r.limit > 0 {
				verdict = "ok"
				if median(s) > r.limit {
					verdict = "**MISS**"
				}
			}
		} else if r.limit > 0 {
			verdict = "not measured"
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", r.figure, r.budget, minS, medS, maxS, verdict, r.note)
	}
}
