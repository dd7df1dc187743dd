// Package labsave turns a lab check into the record the progress file
// keeps, and a lab's record into the status a learner reads. `lab check`
// and the tutor's Labs screen both use it, so a check saved by one reads
// the same in the other.
package labsave

import (
	"fmt"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
	"backend-tutor/progress"
)

// Check is the record of one check of lab, finished at.
func Check(lab *content.Lab, res labcheck.Result, at time.Time) progress.LabCheck {
	c := progress.LabCheck{
		ID:          progress.NewID(),
		Lab:         lab.ID,
		At:          at,
		ContentHash: lab.Hash,
		URL:         res.URL,
		StepsPassed: res.PassedSteps(),
		Steps:       res.Total,
		Sample:      res.Sample,
		Passed:      res.Passed() && !res.Sample,
	}
	if f, ok := res.Failed(); ok {
		c.FirstFailing, c.FailName, c.FailReason = f.Number, cut(f.Name), cut(f.Reason)
	}
	return c
}

// maxSaved bounds the texts a check keeps: a reason can quote what the
// learner's server sent, and the file should not grow by what it sends.
const maxSaved = 1024

func cut(s string) string { return labcheck.Shorten(s, maxSaved) }

// Status is a lab's status in lists: "not started", "failing at step N",
// "passed on DATE" (a pass stays a pass), or for a lab checked only on the
// sample server, "sample only".
func Status(r progress.LabRecord, ok bool) string {
	switch {
	case !ok || r.Last == nil:
		return "not started"
	case r.Passed && r.PassedAt != nil:
		return "passed on " + r.PassedAt.Local().Format("2006-01-02")
	case r.Last.FirstFailing > 0:
		return fmt.Sprintf("failing at step %d", r.Last.FirstFailing)
	case r.Last.Sample:
		return "sample only"
	}
	return "not started"
}

// SampleNote says why a check against the sample server is not a pass.
const SampleNote = "This is the built-in sample server (backend-tutor lab serve): the check shows how the lab works, but it is not your pass. Check your own server."
