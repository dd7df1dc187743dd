package main

import (
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
	"backend-tutor/internal/labsave"
	"backend-tutor/progress"
)

// saveLabCheck records a finished check in the progress file, under the
// pack's labs (a check against the sample server is saved, never as a
// pass: see labsave.Check). A check that cancelled before any step ran
// is not a check and is not saved.
func saveLabCheck(g globals, course *content.Course, lab *content.Lab, res labcheck.Result, at time.Time) error {
	if len(res.Steps) == 0 {
		return nil
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	store, err := openStore(g, path, course)
	if err != nil {
		return err
	}
	return store.SaveLabCheck(labsave.Check(lab, res, at))
}

// readLabRecords reads the labs' records without creating a progress
// file that does not exist yet. course is the course the command loaded
// (the file is scoped for its packs): loading it again cost as much as
// the command's own load.
func readLabRecords(g globals, course *content.Course) (map[string]progress.LabRecord, error) {
	return readExisting(g, course, map[string]progress.LabRecord{}, (*progress.Store).LabRecords)
}

// labProgress is one lab in `progress --json` (documented in README.md).
type labProgress struct {
	ID              string     `json:"id"`
	Title           string     `json:"title"`
	Steps           int        `json:"steps"`
	BestStepsPassed int        `json:"best_steps_passed"`
	Passed          bool       `json:"passed"`
	PassedAt        *time.Time `json:"passed_at"` // null until passed
}

func labProgresses(course *content.Course, recs map[string]progress.LabRecord) []labProgress {
	out := []labProgress{}
	for _, l := range course.Labs() {
		r := recs[l.ID]
		out = append(out, labProgress{ID: l.ID, Title: l.Title, Steps: len(l.Steps),
			BestStepsPassed: r.BestStepsPassed, Passed: r.Passed, PassedAt: r.PassedAt})
	}
	return out
}
