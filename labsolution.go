package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"backend-tutor/content"
	"backend-tutor/internal/labsolutions"
)

// cmdLabSolution prints a built-in lab's reference solution, only once the
// learner's own server has passed the lab (a pass in the progress file; a
// check of the sample server is never one): before that, reading the
// answer would take the lab's point away.
func cmdLabSolution(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lab solution", "lab solution LAB [--lang python|go]", stderr)
	lang := fs.String("lang", "python", "the language of the solution: python or go")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor lab solution: name one lab")
		return errUsage
	}
	if !slices.Contains(labsolutions.Langs, *lang) {
		fmt.Fprintln(stderr, labClean(fmt.Sprintf("backend-tutor lab solution: --lang %q: use %s",
			*lang, strings.Join(labsolutions.Langs, " or "))))
		return errUsage
	}
	course, lab, err := loadLab(g, pos[0], stderr)
	if err != nil {
		return err
	}
	// Only the built-in guide's labs ship solutions: a pack's lab may
	// reuse a guide lab's id for a different contract.
	if lab.Pack != content.GuideID {
		return &exitError{1, labClean(fmt.Sprintf("backend-tutor: lab %s has no reference solution in backend-tutor (ask the instructor who wrote its pack)", lab.ID))}
	}
	recs, err := readLabRecords(g, course)
	if err != nil {
		return err
	}
	if !recs[lab.ID].Passed {
		return &exitError{1, labClean(fmt.Sprintf("backend-tutor: pass lab %s first, with your own server; its reference solution is shown after that.\n"+
			"Status: %s. Check your server with: backend-tutor lab check %s --run \"COMMAND THAT STARTS YOUR SERVER\"",
			lab.ID, labStatus(recs, lab), lab.ID))}
	}
	src, err := labsolutions.Get(lab.LocalID, *lang)
	if err != nil {
		return &exitError{1, labClean(fmt.Sprintf("backend-tutor: lab %s has no %s reference solution", lab.ID, *lang))}
	}
	out := fmt.Sprintf("Reference solution of lab %s (%s), one way among many; yours passed too.\n\n%s", lab.ID, *lang, src)
	_, err = io.WriteString(stdout, labClean(out))
	return err
}
