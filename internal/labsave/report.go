package labsave

import (
	"fmt"
	"strings"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
)

// Report is the result for a person: one line per passing step, and
// for the failing one, everything needed to fix it.
func Report(course *content.Course, lab *content.Lab, res labcheck.Result, ran bool, notReady, serverExit string, serverOut []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Checking lab %s (%s) against %s: %d steps\n", lab.ID, oneLine(lab.Title), res.URL, res.Total)
	if notReady != "" {
		fmt.Fprintf(&b, "Note: %s; checking anyway.\n", notReady)
	}
	b.WriteString("\n")
	for _, s := range res.Steps {
		if s.Passed {
			fmt.Fprintf(&b, "✓ %d. %s\n", s.Number, oneLine(s.Name))
			continue
		}
		fmt.Fprintf(&b, "✗ %d. %s\n\n", s.Number, oneLine(s.Name))
		Failure(&b, course, s, ran, serverExit, serverOut)
	}
	b.WriteString("\n")
	if res.Sample {
		b.WriteString(SampleNote + "\n")
	}
	switch {
	case res.Passed() && res.Sample:
		fmt.Fprintf(&b, "All %d steps passed on the sample server.\n", res.Total)
	case res.Passed():
		fmt.Fprintf(&b, "All %d steps passed: lab %s is done.\n", res.Total, lab.ID)
	default:
		f, _ := res.Failed()
		fmt.Fprintf(&b, "%d of %d steps passed. Fix step %d, then check again.\n", res.PassedSteps(), res.Total, f.Number)
	}
	return b.String()
}

const indent = "   "

// Failure explains a failing step: why, what was sent, what came back,
// expected against actual, the hint, and the server's own output.
func Failure(b *strings.Builder, course *content.Course, s labcheck.StepResult, ran bool, serverExit string, serverOut []string) {
	fmt.Fprintf(b, "%s%s.\n\n", indent, upperFirst(s.Reason))
	if s.Curl != "" {
		fmt.Fprintf(b, "%sSent:      %s\n", indent, s.Curl)
	}
	if s.Status != "" {
		fmt.Fprintf(b, "%sGot back:  %s\n", indent, oneLine(s.Status))
		for _, h := range s.Headers {
			fmt.Fprintf(b, "%s           %s: %s\n", indent, h.Name, oneLine(h.Value))
		}
		if s.Body != "" {
			fmt.Fprintf(b, "%s           (body)\n", indent)
			for _, l := range strings.Split(strings.TrimRight(s.Body, "\n"), "\n") {
				fmt.Fprintf(b, "%s           │ %s\n", indent, l)
			}
			if s.BodyCut {
				fmt.Fprintf(b, "%s           │ … (cut)\n", indent)
			}
		}
	}
	if s.Expected != "" || s.Actual != "" {
		fmt.Fprintf(b, "%sExpected:  %s\n", indent, oneLine(s.Expected))
		fmt.Fprintf(b, "%sActual:    %s\n", indent, oneLine(s.Actual))
	}
	if s.Hint.Text != "" {
		fmt.Fprintf(b, "\n%sHint: %s\n", indent, oneLine(s.Hint.Text))
	}
	if ch, ok := course.Chapter(s.Hint.Chapter); ok {
		where := fmt.Sprintf("chapter %d, %q", course.Index(ch.ID)+1, oneLine(ch.Title))
		if s.Hint.Section != "" {
			where += fmt.Sprintf(", section %q", s.Hint.Section)
		}
		fmt.Fprintf(b, "%sLearn: %s (backend-tutor read %s)\n", indent, where, ch.ID)
	}
	if !ran {
		return
	}
	switch {
	case serverExit != "":
		fmt.Fprintf(b, "\n%sYour server exited during this step (%s). Its last lines of output:\n", indent, serverExit)
	case len(serverOut) > 0:
		fmt.Fprintf(b, "\n%sYour server's output during this step:\n", indent)
	default:
		fmt.Fprintf(b, "\n%sYour server printed nothing during this step.\n", indent)
	}
	for _, l := range serverOut {
		fmt.Fprintf(b, "%s  | %s\n", indent, l)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
