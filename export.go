package main

import (
	"bufio"
	"bytes"
	"cmp"
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

// exportPack is one pack of the course as an export records it: its id
// and version (the one place they are read) and its chapters, by the ids
// its records are kept under (Chapter.LocalID).
type exportPack struct {
	id, version string
	chapters    []*content.Chapter
}

// exportPacks lists the course's packs in course order: the first (the
// built-in guide, or the pack that replaces it), then every pack added
// beside it (--content), each with its chapters.
func exportPacks(course *content.Course) []exportPack {
	if len(course.Packs) == 0 {
		return []exportPack{{id: progress.DefaultPack, version: version, chapters: course.Chapters}}
	}
	out := make([]exportPack, len(course.Packs))
	at := map[string]int{}
	for i, p := range course.Packs {
		out[i] = exportPack{id: p.ID, version: p.Version}
		at[p.ID] = i
	}
	for _, ch := range course.Chapters {
		i, ok := at[ch.Pack]
		if !ok {
			i = 0 // a chapter without a pack is the first pack's
		}
		out[i].chapters = append(out[i].chapters, ch)
	}
	return out
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
	if *all {
		g.profile = progress.DefaultProfile // every profile: none to choose
	}
	store, err := openStore(g, path, course)
	if err != nil {
		return err
	}
	profiles := []string{store.Profile()}
	if *all {
		// Every profile used: not the untouched "default" every file
		// has (progress.ProfileNames), which no one could name.
		sums, err := store.ProfileNames()
		if err != nil {
			return &exitError{1, err.Error()}
		}
		profiles = profiles[:0]
		for _, s := range sums {
			profiles = append(profiles, s.Name)
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
			return csvOut(g, stdout, write)
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		_, err = io.WriteString(stdout, jsonOut(g, buf.String()))
		return err
	}
	if err := writeFileAtomic(*out, write, *force); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Exported %d records and %d answers to %s\n", len(exp.Records), len(exp.Answers), render.Escape(*out))
	return nil
}

// buildExport reads each profile's history of every pack of the course.
// A profile with no learner name is refused unless learner names it (then
// the name is saved).
func buildExport(store *progress.Store, course *content.Course, profiles []string, learner string, now time.Time) (*classreport.Export, error) {
	packs := exportPacks(course)
	exp := &classreport.Export{Schema: classreport.Schema, ExportedAt: now.UTC(), Tool: "backend-tutor " + version,
		Records: []classreport.Record{}, Attempts: []classreport.Attempt{}, Answers: []classreport.Answer{}}
	var unnamed []string
	for _, profile := range profiles {
		base, err := store.Scope(profile, packs[0].id)
		if err != nil {
			return nil, &exitError{1, err.Error()}
		}
		name, err := base.Learner()
		if err != nil {
			return nil, &exitError{1, err.Error()}
		}
		if name == "" && learner != "" {
			if err := base.SetLearner(learner); err != nil {
				return nil, &exitError{1, "backend-tutor export: saving the learner name: " + err.Error()}
			}
			name = learner
		}
		if name == "" {
			unnamed = append(unnamed, profile)
			continue
		}
		hs := make([]*progress.History, len(packs))
		passed := map[string]bool{} // lab id, as the course knows it → passed
		for i, p := range packs {
			sc, err := store.Scope(profile, p.id)
			if err != nil {
				return nil, &exitError{1, err.Error()}
			}
			if hs[i], err = sc.History(); err != nil {
				return nil, &exitError{1, err.Error()}
			}
			// Lab checks are kept under the first pack with the lab's
			// id as the course knows it ("PACK/LAB" for an added pack);
			// a pack's own scope is read too, under its local ids.
			labs, err := sc.LabRecords()
			if err != nil {
				return nil, &exitError{1, err.Error()}
			}
			for id, r := range labs {
				if i > 0 {
					id = p.id + "/" + id
				}
				passed[id] = passed[id] || r.Passed
			}
		}
		labsPassed := labsPassedByChapter(course, passed)
		for i, p := range packs {
			addHistory(exp, p, hs[i], labsPassed, name, profile)
		}
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

// labsPassedByChapter lists, per chapter (its id in the course), the ids
// of its labs (as its pack's files name them) that passed, in course order.
func labsPassedByChapter(course *content.Course, passed map[string]bool) map[string][]string {
	out := map[string][]string{}
	for _, l := range course.Labs() {
		if passed[l.ID] {
			out[l.Chapter] = append(out[l.Chapter], cmp.Or(l.LocalID, l.ID))
		}
	}
	return out
}

// addHistory adds one profile's records, attempts and answers of one
// pack: a record for every chapter of the pack, in course order, then for
// any chapter the file knows that the pack no longer has.
func addHistory(exp *classreport.Export, p exportPack, h *progress.History, labsPassed map[string][]string, learner, profile string) {
	ids := make([]string, 0, len(p.chapters))
	titles := map[string]string{}
	full := map[string]string{} // local id → the course's id
	for _, ch := range p.chapters {
		id := cmp.Or(ch.LocalID, ch.ID)
		ids = append(ids, id)
		titles[id] = ch.Title
		full[id] = ch.ID
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
		labs := labsPassed[full[id]]
		if labs == nil {
			labs = []string{}
		}
		rec := classreport.Record{Learner: learner, Profile: profile, Pack: p.id, PackVersion: p.version,
			Chapter: id, Title: titles[id], ReadPercent: r.Furthest, Attempts: r.Attempts, BestScore: r.BestScore,
			Passed: r.Passed, TimeSpentSeconds: int(progress.AddSeconds(r.ReadingS, r.QuizS)), LabsPassed: labs}
		// The first and last activity as values, made pointers once per
		// record: a pointer per answer was 400,000 allocations of an
		// export of 100,000 answers (pprof).
		var span activity
		for _, a := range h.Attempts[id] {
			key := progress.AttemptKey(a)
			keys := progress.AnswerKeys(a)
			span.see(a.Started)
			var fin *time.Time
			if a.Finished != nil {
				span.see(*a.Finished)
				t := a.Finished.UTC()
				fin = &t
			}
			exp.Attempts = append(exp.Attempts, classreport.Attempt{Learner: learner, Profile: profile, Pack: p.id,
				Chapter: id, ID: key, ContentHash: a.ContentHash, Started: a.Started.UTC(), Finished: fin,
				Abandoned: a.Abandoned, Score: a.Score, Passed: a.Passed, Order: a.Order})
			for i, x := range a.Answers {
				span.see(x.At)
				exp.Answers = append(exp.Answers, classreport.Answer{ID: keys[i], Learner: learner,
					Profile: profile, Pack: p.id, Chapter: id, Attempt: key, Question: x.QuestionID,
					QuestionHash: x.QuestionHash, Correct: x.Correct, At: x.At.UTC(), Given: nonNil(x.Given)})
			}
		}
		rec.FirstActivity, rec.LastActivity = span.times()
		exp.Records = append(exp.Records, rec)
	}
}

// activity is the earliest and latest of the times seen.
type activity struct {
	first, last time.Time
	any         bool
}

func (a *activity) see(t time.Time) {
	if !a.any || t.Before(a.first) {
		a.first = t
	}
	if !a.any || t.After(a.last) {
		a.last = t
	}
	a.any = true
}

// times is the span in UTC, nil and nil when nothing was seen.
func (a *activity) times() (first, last *time.Time) {
	if !a.any {
		return nil, nil
	}
	f, l := a.first.UTC(), a.last.UTC()
	return &f, &l
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
