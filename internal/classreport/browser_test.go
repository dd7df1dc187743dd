package classreport

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// browser finds a Chromium to render with: Debian's chromium-headless-shell
// (what .ci/run installs) or chromium.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no headless Chromium found, and CI must run this test: .ci/run installs Debian's chromium-headless-shell")
	}
	t.Skip("skipped: no chromium-headless-shell or chromium on PATH (apt-get install chromium-headless-shell); CI runs it")
	return ""
}

// runBrowser runs Chromium headless at 390×800 (a phone) on page with
// the flags that keep it off the network, and returns what it printed.
func runBrowser(t *testing.T, bin string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second) // a timeout, not a wait
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--user-data-dir=" + t.TempDir(), "--window-size=390,800", "--hide-scrollbars"}, extra...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return out
}

// classOf makes a class that is hard to fit on a phone: 40 learners, 16
// chapters with long ids, names without spaces, right-to-left and hostile
// names, long titles.
func classOf() *Class {
	var exps []*Export
	names := []string{hostileEsc, hostileHTML, hostileBidi, hostileForm, "نور الهدى", "学習者の山田太郎さん",
		strings.Repeat("Wolfeschlegelsteinhausenbergerdorff", 3)}
	for i := len(names); i < 40; i++ {
		names = append(names, fmt.Sprintf("Learner number %d", i))
	}
	for i, name := range names {
		e := &Export{Schema: Schema}
		for c := range 16 {
			ch := fmt.Sprintf("chapter-with-a-rather-long-identifier-%02d", c)
			if c == 3 {
				ch = hostileHTML
			}
			r := Record{Learner: name, Pack: "guide", Chapter: ch, Title: strings.Repeat("A long chapter title ", 5)}
			if (i+c)%3 != 0 {
				r.ReadPercent, r.Attempts, r.BestScore, r.Passed = 100, 2, 100-(i+c)%50, (i+c)%2 == 0
			}
			e.Records = append(e.Records, r)
			e.Answers = append(e.Answers, Answer{ID: fmt.Sprint(i, c), Learner: name, Pack: "guide", Chapter: ch,
				Question: ch + "-question-" + strings.Repeat("x", 60), Correct: (i+c)%4 == 0})
		}
		exps = append(exps, e)
	}
	return Merge(exps)
}

var titleRE = regexp.MustCompile(`<title>(\d+)x(\d+)</title>`)

// The HTML report in a real headless browser at 390 px: it renders (a
// screenshot is taken and the learners are in the DOM), and the page is no
// wider than the window, so there is no sideways scroll. The shipped page
// has no script: the measuring script is added to a test-only copy.
func TestHTMLReportOnAPhone(t *testing.T) {
	bin := browser(t)
	var buf bytes.Buffer
	if err := classOf().WriteHTML(&buf, day); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script") {
		t.Fatal("the shipped page has a script")
	}
	dir := t.TempDir()
	shipped := filepath.Join(dir, "report.html")
	if err := os.WriteFile(shipped, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	runBrowser(t, bin, "--screenshot="+shot, "file://"+shipped)
	if st, err := os.Stat(shot); err != nil || st.Size() < 2000 {
		t.Fatalf("no screenshot of the page: %v", err)
	}
	probe := strings.Replace(page, "</body>",
		`<script>document.title=document.documentElement.scrollWidth+"x"+window.innerWidth</script></body>`, 1)
	measured := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(measured, []byte(probe), 0o600); err != nil {
		t.Fatal(err)
	}
	dom := string(runBrowser(t, bin, "--dump-dom", "file://"+measured))
	m := titleRE.FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; DOM starts:\n%.500s", dom)
	}
	scroll, inner := atoi(t, m[1]), atoi(t, m[2])
	if inner != 390 {
		t.Fatalf("window is %d px wide, want 390", inner)
	}
	if scroll > inner {
		t.Errorf("the page is %d px wide at %d px: it scrolls sideways", scroll, inner)
	}
	if strings.Count(dom, "<script") != 1 || strings.Contains(dom, "<img") {
		t.Errorf("a learner's or pack's string became markup in the DOM")
	}
	if !strings.Contains(dom, "Learner number 39") || !strings.Contains(dom, "نور الهدى") {
		t.Errorf("learners missing from the rendered page")
	}
	if os.Getenv("KEEP_SCREENSHOT") != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(os.Getenv("KEEP_SCREENSHOT"), data, 0o644)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
