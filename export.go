package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/classreport"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// packInfo is the pack id and version an export records for course: the
// first pack's manifest (the built-in guide unless a pack replaces it).
// Added packs' progress is not exported yet (see README).
func packInfo(course *content.Course) (id, packVersion string) {
	if len(course.Packs) == 0 {
		return progress.DefaultPack, version
	}
	return course.Packs[0].ID, course.Packs[0].Version
}

const exportHelp = `Usage: backend-tutor export [--format json|csv] [--profile NAME|--all] [-o FILE [--force]] [--learner NAME]

Writes your progress for a teacher's class report (backend-tutor report) or
to take home (backend-tutor import): one record per learner and chapter and,
in JSON, every answer. The format is documented in README.md.

An export names its learner. The first export of a profile needs
--learner NAME; the name is saved in the profile, so later exports do not.
  --format json|csv   json (default) or csv (records only, no answers)
  --all               every profile in the progress file (each needs a name)
  -o FILE             write to FILE (atomically; never over an existing file
                      unless --force) instead of standard output
  --force             let -o replace an existing file
  --learner NAME      the learner's name, saved in the profile
  --db PATH, --content DIR, --profile NAME as for every command
`

func cmdExport(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, exportHelp) }
	format := fs.String("format", "json", "json or csv")
	all := fs.Bool("all", false, "every profile")
	out := fs.String("o", "", "output file")
	force := fs.Bool("force", false, "replace an existing -o file")
	learner := fs.String("learner", "", "the learner's name")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	switch {
	case *format != "json" && *format != "csv":
		fmt.Fprintf(stderr, "backend-tutor export: --format is json or csv, not %q\n", *format)
		return errUsage
	case *all && g.profile != "":
		fmt.Fprintln(stderr, "backend-tutor export: give --profile NAME or --all, not both")
		return errUsage
	case *all && *learner != "":
		fmt.Fprintln(stderr, "backend-tutor export: --learner names one profile's learner; export each profile once without --all to name it")
		return errUsage
	case *force && *out == "":
		fmt.Fprintln(stderr, "backend-tutor export: --force only goes with -o FILE")
		return errUsage
	}
	if *learner != "" {
		if err := progress.CheckName("learner", *learner); err != nil {
			return &exitError{2, "backend-tutor export: --learner: " + err.Error()}
		}
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	store, err := openStore(g, path, course)
	if err != nil {
		return err
	}
	profiles := []string{store.Profile()}
	if *all {
		if profiles, err = store.Profiles(); err != nil {
			return &exitError{1, err.Error()}
		}
	}
	exp, err := buildExport(store, course, profiles, *learner, time.Now())
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		if *format == "csv" {
			return classreport.WriteRecordsCSV(w, exp.Records)
		}
		return classreport.WriteJSON(w, exp)
	}
	if *out == "" {
		if *format == "csv" {
			return write(stdout)
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		_, err = io.WriteString(stdout, render.EscapeJSON(buf.String()))
		return err
	}
	if err := writeFileAtomic(*out, write, *force); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Exported %d records and %d answers to %s\n", len(exp.Records), len(exp.Answers), render.Escape(*out))
	return nil
}

// buildExport reads each profile's history of the course's pack. A
// profile with no learner name is refused unless learner names it (then
// the name is saved).
func buildExport(store *progress.Store, course *content.Course, profiles []string, learner string, now time.Time) (*classreport.Export, error) {
	pack, packVersion := packInfo(course)
	exp := &classreport.Export{Schema: classreport.Schema, ExportedAt: now.UTC(), Tool: "backend-tutor " + version,
		Records: []classreport.Record{}, Attempts: []classreport.Attempt{}, Answers: []classreport.Answer{}}
	var unnamed []string
	for _, profile := range profiles {
		sc, err := store.Scope(profile, pack)
		if err != nil {
			return nil, &exitError{1, err.Error()}
		}
		name, err := sc.Learner()
		if err != nil {
			return nil, &exitError{1, err.Error()}
		}
		if name == "" && learner != "" {
			if err := sc.SetLearner(learner); err != nil {
				return nil, &exitError{1, "backend-tutor export: saving the learner name: " + err.Error()}
			}
			name = learner
		}
		if name == "" {
			unnamed = append(unnamed, profile)
			continue
		}
		h, err := sc.History()
		if err != nil {
			return nil, &exitError{1, err.Error()}
		}
		addHistory(exp, course, h, name, profile, pack, packVersion)
	}
	if len(unnamed) == 1 && len(profiles) == 1 {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor export: profile %s has no learner name yet; say whose progress this is with --learner NAME (it is saved in the profile for later exports)", render.Escape(unnamed[0]))}
	}
	if len(unnamed) > 0 {
		list := ""
		for _, p := range unnamed {
			list += "\n  " + render.Escape(p)
		}
		return nil, &exitError{1, "backend-tutor export: these profiles have no learner name yet; name each with backend-tutor export --profile NAME --learner NAME, then export --all again:" + list}
	}
	return exp, nil
}

// addHistory adds one profile's records, attempts and answers: a record
// for every chapter of the course, in course order, then for any chapter
// the file knows that the course no longer has.
func addHistory(exp *classreport.Export, course *content.Course, h *progress.History, learner, profile, pack, packVersion string) {
	ids := make([]string, 0, len(course.Chapters))
	titles := map[string]string{}
	for _, ch := range course.Chapters {
		ids = append(ids, ch.ID)
		titles[ch.ID] = ch.Title
	}
	var extra []string
	for id := range h.Chapters {
		if _, ok := titles[id]; !ok {
			extra = append(extra, id)
		}
	}
	for id := range h.Attempts {
		if _, ok := titles[id]; !ok && !slices.Contains(extra, id) {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	n, m := 0, 0
	for _, list := range h.Attempts {
		m += len(list)
		for _, a := range list {
			n += len(a.Answers)
		}
	}
	// One allocation each: an Answer is ~200 bytes, and growing a slice
	// of 100,000 of them step by step cost a third of addHistory (pprof).
	exp.Answers = slices.Grow(exp.Answers, n)
	exp.Attempts = slices.Grow(exp.Attempts, m)
	for _, id := range append(ids, extra...) {
		r := h.Chapters[id]
		rec := classreport.Record{Learner: learner, Profile: profile, Pack: pack, PackVersion: packVersion,
			Chapter: id, Title: titles[id], ReadPercent: r.Furthest, Attempts: r.Attempts, BestScore: r.BestScore,
			Passed: r.Passed, TimeSpentSeconds: int(r.ReadingS + r.QuizS), LabsPassed: []string{}}
		for _, a := range h.Attempts[id] {
			key := progress.AttemptKey(a)
			keys := progress.AnswerKeys(a)
			seen(&rec, a.Started)
			if a.Finished != nil {
				seen(&rec, *a.Finished)
			}
			var fin *time.Time
			if a.Finished != nil {
				t := a.Finished.UTC()
				fin = &t
			}
			exp.Attempts = append(exp.Attempts, classreport.Attempt{Learner: learner, Profile: profile, Pack: pack,
				Chapter: id, ID: key, ContentHash: a.ContentHash, Started: a.Started.UTC(), Finished: fin,
				Abandoned: a.Abandoned, Score: a.Score, Passed: a.Passed, Order: a.Order})
			for i, x := range a.Answers {
				seen(&rec, x.At)
				exp.Answers = append(exp.Answers, classreport.Answer{ID: keys[i], Learner: learner,
					Profile: profile, Pack: pack, Chapter: id, Attempt: key, Question: x.QuestionID,
					QuestionHash: x.QuestionHash, Correct: x.Correct, At: x.At.UTC(), Given: nonNil(x.Given)})
			}
		}
		exp.Records = append(exp.Records, rec)
	}
}

// seen widens rec's first and last activity to t.
func seen(rec *classreport.Record, t time.Time) {
	t = t.UTC()
	if rec.FirstActivity == nil || t.Before(*rec.FirstActivity) {
		rec.FirstActivity = &t
	}
	if rec.LastActivity == nil || t.After(*rec.LastActivity) {
		t2 := t
		rec.LastActivity = &t2
	}
}

// writeFileAtomic writes path atomically with write: into a new file
// beside it (streamed, not built in memory first), synced, then linked
// into place, which fails if path exists (so nothing is overwritten, even
// by a race) — or, with force, renamed over it.
func writeFileAtomic(path string, write func(io.Writer) error, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return &exitError{1, fmt.Sprintf("backend-tutor: %s already exists; nothing was written (add --force to replace it)", render.Escape(path))}
		}
	}
	dir := filepath.Dir(path)
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d-%d", filepath.Base(path), os.Getpid(), rand.Uint32()))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return &exitError{1, fmt.Sprintf("backend-tutor: cannot write %s: %v", render.Escape(path), errors.Unwrap(err))}
	}
	defer os.Remove(tmp)
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &exitError{1, fmt.Sprintf("backend-tutor: writing %s: %v", render.Escape(path), err)}
	}
	if force {
		err = os.Rename(tmp, path)
	} else {
		err = os.Link(tmp, path)
	}
	if errors.Is(err, fs.ErrExist) {
		return &exitError{1, fmt.Sprintf("backend-tutor: %s already exists; nothing was written (add --force to replace it)", render.Escape(path))}
	}
	if err != nil {
		return &exitError{1, fmt.Sprintf("backend-tutor: writing %s: %v", render.Escape(path), err)}
	}
	syncDirOf(dir)
	return nil
}

func syncDirOf(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
