package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"golang.org/x/text/unicode/norm"

	"backend-tutor/internal/classreport"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

const importHelp = `Usage: backend-tutor import FILE [--profile NAME]

Merges a learner's own JSON export (backend-tutor export) into their
profile, so progress travels between a lab machine and home. Importing a
file twice adds nothing: attempts and answers carry ids. The file must hold
one learner; a profile that already has a learner name takes only that
learner's export. Unfinished attempts come in abandoned (their answers
count; they are not resumed here).
  --db PATH, --content DIR, --profile NAME as for every command
`

func cmdImport(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importHelp) }
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor import: name one export file (made by backend-tutor export)")
		return errUsage
	}
	exp, err := readExport(pos[0])
	if err != nil {
		return err
	}
	// Every learner the file names, in its attempts and answers too: a
	// file whose records are one learner's and attempts another's would
	// put the second's answers in the first's profile.
	var learners []string
	see := func(l string) {
		if !slices.Contains(learners, l) {
			learners = append(learners, l)
		}
	}
	for _, r := range exp.Records {
		see(r.Learner)
	}
	for _, a := range exp.Attempts {
		see(a.Learner)
	}
	for _, x := range exp.Answers {
		see(x.Learner)
	}
	if len(learners) != 1 {
		return &exitError{1, fmt.Sprintf("backend-tutor import: %s holds %d learners; import takes one learner's own export (backend-tutor export --profile NAME)", render.Escape(pos[0]), len(learners))}
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	store, err := openCourseStore(g, path)
	if err != nil {
		return err
	}
	have, err := store.Learner()
	if err != nil {
		return &exitError{1, err.Error()}
	}
	if have != "" && norm.NFC.String(have) != learners[0] { // the export's names are NFC (classreport.Decode)
		return &exitError{1, fmt.Sprintf("backend-tutor import: %s is %s's export, but profile %s is %s's; nothing was imported (choose the profile with --profile NAME)",
			render.Escape(pos[0]), render.Escape(learners[0]), render.Escape(store.Profile()), render.Escape(have))}
	}
	byPack, err := importedByPack(exp)
	if err != nil {
		return &exitError{1, fmt.Sprintf("backend-tutor import: %s: %v", render.Escape(pos[0]), err)}
	}
	in := make(map[string]progress.Imported, len(byPack))
	for pack, im := range byPack {
		in[pack] = *im
	}
	// Every pack in one transaction, the learner's name with them: a file
	// refused half-way leaves the profile as it was (progress.ImportPacks).
	name := ""
	if have == "" {
		name = learners[0]
	}
	now := time.Now()
	total, err := store.ImportPacks(in, name, now)
	if err != nil {
		return &exitError{1, fmt.Sprintf("backend-tutor import: %s: %v; nothing was imported", render.Escape(pos[0]), render.EscapeLines(err.Error()))}
	}
	capped := ""
	if total.Capped > 0 {
		capped = fmt.Sprintf(" %d times were dated after this computer's clock (by more than %s: was the other computer's clock ahead?) and were set to now, %s.",
			total.Capped, fmt.Sprintf("%d minutes", int(progress.ImportClockSlack/time.Minute)), now.Local().Format("2006-01-02 15:04"))
	}
	fmt.Fprintf(stdout, "Imported %s into profile %s: %d new attempts, %d new answers, %d chapters read further.%s\n",
		render.Escape(pos[0]), render.Escape(store.Profile()), total.Attempts, total.Answers, total.Chapters, capped)
	return nil
}

// importedByPack turns an export into what progress.Import merges, per pack.
func importedByPack(exp *classreport.Export) (map[string]*progress.Imported, error) {
	out := map[string]*progress.Imported{}
	get := func(pack string) *progress.Imported {
		if out[pack] == nil {
			out[pack] = &progress.Imported{Read: map[string]int{}}
		}
		return out[pack]
	}
	for _, r := range exp.Records {
		if r.ReadPercent > 0 {
			get(r.Pack).Read[r.Chapter] = max(get(r.Pack).Read[r.Chapter], r.ReadPercent)
		}
	}
	type key struct{ pack, chapter, id string }
	index := map[key]int{}
	for _, a := range exp.Attempts {
		im := get(a.Pack)
		k := key{a.Pack, a.Chapter, a.ID}
		if _, dup := index[k]; dup {
			return nil, fmt.Errorf("attempt %s of chapter %s is listed twice", render.Escape(a.ID), render.Escape(a.Chapter))
		}
		index[k] = len(im.Attempts)
		im.Attempts = append(im.Attempts, progress.Attempt{UID: a.ID, ChapterID: a.Chapter, ContentHash: a.ContentHash,
			Started: a.Started, Finished: a.Finished, Abandoned: a.Abandoned, Score: a.Score, Passed: a.Passed,
			Order: a.Order, Answers: []progress.Answer{}})
	}
	for _, x := range exp.Answers {
		i, ok := index[key{x.Pack, x.Chapter, x.Attempt}]
		if !ok {
			return nil, fmt.Errorf("answer %s belongs to attempt %s of chapter %s, which the file does not list", render.Escape(x.ID), render.Escape(x.Attempt), render.Escape(x.Chapter))
		}
		at := &out[x.Pack].Attempts[i]
		at.Answers = append(at.Answers, progress.Answer{ID: x.ID, QuestionID: x.Question, QuestionHash: x.QuestionHash,
			Given: x.Given, Correct: x.Correct, At: x.At})
	}
	return out, nil
}

// readExport reads and decodes one export file; errors name it, escaped.
func readExport(path string) (*classreport.Export, error) {
	// Stat first: opening a named pipe would wait for a writer.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: %s is not a regular file", render.Escape(path))}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: cannot read %s: %v", render.Escape(path), unwrapPath(err))}
	}
	defer f.Close()
	exp, err := classreport.Decode(f)
	if err != nil {
		return nil, &exitError{1, fmt.Sprintf("backend-tutor: %s: %s", render.Escape(path), render.Escape(err.Error()))}
	}
	return exp, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
