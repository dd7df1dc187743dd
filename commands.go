package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"backend-tutor/content"
	"backend-tutor/content/search"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/stats"
	"backend-tutor/progress"
	"backend-tutor/tui"
	"backend-tutor/tui/linemode"
	"backend-tutor/tui/render"
)

// tutorStart is what the tutor opens on: the home screen or menu, or (from
// `quiz`) one chapter's quiz.
type tutorStart struct {
	quiz   string           // chapter id
	resume bool             // --resume: an unfinished attempt is resumed without asking
	fresh  bool             // --new: an unfinished attempt is abandoned for a new one
	review bool             // `backend-tutor review`: a review session
	now    func() time.Time // the clock (line mode; the full screen gets it in Options)
}

// useLineMode says whether the tutor runs as plain prompts: asked for with
// --accessible or ACCESSIBLE (any value but "", "0" or "false"), or because
// the full-screen UI cannot work here (TERM=dumb, or stdin or stdout is not
// a terminal: a pipe, a file, a screen reader's plain console).
func useLineMode(g globals, getenv func(string) string, stdinTTY, stdoutTTY bool) bool {
	acc := strings.ToLower(strings.TrimSpace(getenv("ACCESSIBLE")))
	return g.accessible || (acc != "" && acc != "0" && acc != "false") ||
		getenv("TERM") == "dumb" || !stdinTTY || !stdoutTTY
}

// runTutor starts the tutor: full screen, or line mode (useLineMode).
func runTutor(g globals, start tutorStart, stdout, stderr io.Writer) error {
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	if start.quiz != "" {
		ch, err := findChapter(course, start.quiz)
		if err != nil {
			return err
		}
		if ch.Quiz == nil {
			return &exitError{1, fmt.Sprintf("backend-tutor: chapter %d (%s) has no quiz", course.Index(ch.ID)+1, render.Escape(ch.ID))}
		}
		start.quiz = ch.ID
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	stdinTTY := term.IsTerminal(os.Stdin.Fd())
	lineMode := useLineMode(g, os.Getenv, stdinTTY, term.IsTerminal(os.Stdout.Fd()))
	// Line mode reads stdin through one buffered reader, the profile
	// question's and the session's (linemode.PickProfile).
	var stdin io.Reader = os.Stdin
	if lineMode {
		stdin = bufio.NewReader(os.Stdin)
	}
	store, err := progress.Open(path)
	if err != nil {
		return &exitError{1, err.Error()}
	}
	ascii := render.WantASCII(g.ascii, os.Getenv)
	ok, err := askProfile(&g, store, picker{lineMode: lineMode, stdinTTY: stdinTTY, ascii: ascii,
		noColor: os.Getenv("NO_COLOR") != "", stdin: stdin, stdout: stdout, course: course})
	if err != nil || !ok {
		return err
	}
	// A profile new beside others (a typo?) is said on the warning line,
	// or in line mode's first line, not on stderr under the screen.
	var profileNote string
	g.note = func(s string) { profileNote = s }
	if store, err = scopeStore(g, store, course); err != nil {
		return err
	}
	// Changes an earlier tutor could not write are in recovery files: add
	// them before reading the snapshot. A file that cannot be merged is kept
	// and named on the warning line, which one line of the window cuts
	// short: the whole of it is printed again when the tutor ends.
	var notice, mergeErr string
	if _, err := store.MergeRecovery(); err != nil {
		notice = "Some saved answers could not be added yet; details when you quit: " + err.Error()
		mergeErr = "backend-tutor: some saved answers could not be added to your progress yet:\n" + err.Error() +
			"\nThe files are kept, and the next start tries them again."
	}
	snap, err := store.Snapshot()
	if err != nil {
		return &exitError{1, err.Error()}
	}
	now, err := clock(os.Getenv)
	if err != nil {
		return err
	}
	sched, err := reviewScheduler(g)
	if err != nil {
		return err
	}
	store.SetScheduler(sched)
	if lineMode {
		start.now = now
		if profileNote != "" {
			fmt.Fprintln(stdout, profileNote)
		}
		return runLineMode(course, store, snap, start, stdinTTY, ascii, g.labURL, stdin, stdout)
	}
	if notice == "" {
		// The recovery files' warning matters more: those answers are
		// not in the file yet.
		notice = profileNote
	}
	model := tui.New(tui.Options{
		Course: course, Store: store, Snapshot: snap, Notice: notice,
		Cache: render.NewCache(16), NoColor: os.Getenv("NO_COLOR") != "",
		Quiz: start.quiz, QuizStart: quizStart(start), ASCII: ascii,
		LabURL: g.labURL,
		Review: start.review, Now: now,
	})
	// 120 fps halves the wait for the first frame; frames are only drawn
	// when something changed, so it costs nothing at rest.
	p := tea.NewProgram(model, tea.WithFPS(120), tea.WithoutSignalHandler())

	// SIGINT, SIGTERM and SIGHUP (a closed terminal) quit through the model,
	// like ctrl+c, so the reading position is queued before the program
	// ends (Bubble Tea's own handler would end it without asking the model).
	// A second signal ends the program at once; Flush still runs.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		<-sigs
		p.Send(tui.QuitMsg{})
		<-sigs
		p.Kill()
	}()

	_, runErr := p.Run()
	// Every queued change reaches the file (or a recovery file) before we
	// exit; the learner hears about any that did not, now the terminal is
	// back, and the exit status is 1, as in line mode: answers that went to
	// a recovery file (or were refused) are not in the progress file yet,
	// and a script must be able to tell.
	flushErr := model.Flush()
	if mergeErr != "" {
		fmt.Fprintln(stderr, mergeErr)
	}
	if errors.Is(flushErr, progress.ErrNotKept) {
		fmt.Fprintln(stderr, flushErr)
		return &exitError{1, ""} // the changes are only in this message
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) && !errors.Is(runErr, tea.ErrProgramKilled) {
		if flushErr != nil {
			fmt.Fprintln(stderr, flushErr)
		}
		return runErr
	}
	if flushErr != nil {
		return &exitError{1, flushErr.Error()}
	}
	return nil
}

func quizStart(s tutorStart) tui.QuizStart {
	switch {
	case s.fresh:
		return tui.QuizNew
	case s.resume:
		return tui.QuizResume
	}
	return tui.QuizAsk
}

// runLineMode runs the tutor as plain prompts on stdin and stdout.
func runLineMode(course *content.Course, store *progress.Store, snap *progress.Snapshot, start tutorStart, interactive, ascii bool, labURL string, stdin io.Reader, stdout io.Writer) error {
	s := linemode.New(linemode.Options{
		Course: course, Store: store, Snapshot: snap, In: stdin, Out: stdout, Interactive: interactive, ASCII: ascii,
		LabURL: labURL,
		Now:    start.now,
	})
	// ctrl+c, SIGTERM or a closed terminal: nothing queued is lost (see
	// Session.Interrupt), then the process ends as a signal would end it.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer func() { signal.Stop(sigs); close(sigs) }()
	go func() {
		if _, ok := <-sigs; ok {
			if err := s.Interrupt(); err != nil {
				fmt.Fprintln(os.Stderr, "\nbackend-tutor:", render.EscapeLines(err.Error()))
			}
			os.Exit(130)
		}
	}()
	if start.quiz != "" {
		how := linemode.Ask
		switch {
		case start.fresh:
			how = linemode.StartNew
		case start.resume:
			how = linemode.Resume
		}
		s.Quiz(start.quiz, how)
	} else if start.review {
		s.Review()
	} else {
		s.Run()
	}
	if err := s.Close(); err != nil {
		return &exitError{1, "backend-tutor: " + err.Error()}
	}
	return nil
}

// cmdQuiz starts one chapter's quiz, full screen or in line mode.
func cmdQuiz(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("quiz", "quiz ID|NUMBER [--resume|--new] [--accessible]", stderr)
	resume := fs.Bool("resume", false, "resume an unfinished attempt without asking")
	fresh := fs.Bool("new", false, "abandon an unfinished attempt and start a new one, without asking")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor quiz: name one chapter, by id or number (see `backend-tutor list`)")
		return errUsage
	}
	if *resume && *fresh {
		fmt.Fprintln(stderr, "backend-tutor quiz: --resume and --new cannot both be given")
		return errUsage
	}
	return runTutor(g, tutorStart{quiz: pos[0], resume: *resume, fresh: *fresh}, stdout, stderr)
}

func cmdList(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("list", "list", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	snap, err := readSnapshot(g, course)
	if err != nil {
		return err
	}
	idW, statusW := 2, 6
	for _, ch := range course.Chapters {
		idW = max(idW, len(ch.ID))
		statusW = max(statusW, ansi.StringWidth(courserules.StatusText(ch, snap.Chapters[ch.ID])))
	}
	titleW := titleWidth(stdout, 4+idW+2+statusW+2)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tID\tTITLE\tSTATUS")
	for i, ch := range course.Chapters {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", i+1, ch.ID, fit(render.SanitizeLine(ch.Title), titleW), courserules.StatusText(ch, snap.Chapters[ch.ID]))
	}
	return tw.Flush()
}

func cmdRead(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("read", "read ID|NUMBER [--plain] [--width N]", stderr)
	plain := fs.Bool("plain", false, "print the markdown as it is, without formatting")
	width := fs.Int("width", 0, "wrap at N columns (default: the terminal's width, or 80)")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "backend-tutor read: name one chapter, by id or number (see `backend-tutor list`)")
		return errUsage
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	ch, err := findChapter(course, pos[0])
	if err != nil {
		return err
	}
	f := osFile(stdout)
	isTTY := f != nil && term.IsTerminal(f.Fd())
	// Piped output is the markdown unless a width asks for it formatted.
	if *plain || !isTTY && *width <= 0 {
		_, err := io.WriteString(stdout, strings.TrimLeft(render.Sanitize(ch.Body), "\n"))
		return err
	}
	w := *width
	if w <= 0 {
		w = 80
		if tw, _, err := term.GetSize(f.Fd()); err == nil && tw > 0 {
			w = tw
		}
	}
	style := render.StyleDark
	if os.Getenv("NO_COLOR") != "" || !isTTY {
		style = render.StyleNoColor // inline code keeps its backticks
	}
	out, err := render.Markdown(ch.Body, render.WrapWidth(w), style)
	if err != nil {
		return err
	}
	// The writer fits the colours to the terminal: fewer on a basic one,
	// none under NO_COLOR (bold and italics stay), no escape codes at all
	// into a pipe (or anything that is not a file).
	profile := colorprofile.NoTTY
	if f != nil {
		profile = colorprofile.Detect(f, os.Environ())
	}
	cw := &colorprofile.Writer{Forward: stdout, Profile: profile}
	_, err = io.WriteString(cw, strings.TrimLeft(out, "\n")+"\n")
	return err
}

// parseMixed parses a command's flags wherever they are among its other
// arguments, which it returns in order; after "--" everything is an argument.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		if len(fs.Args()) < len(args) && args[len(args)-len(fs.Args())-1] == "--" {
			return append(pos, fs.Args()...), nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return pos, nil
}

func cmdSearch(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "search TERM...", stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, searchHelp)
	}
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	if search.Normalize(query) == "" {
		fmt.Fprintln(stderr, "backend-tutor search: name what to look for, for example: backend-tutor search status code")
		return errUsage
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	results := search.New(course).Search(query)
	if len(results) == 0 {
		return &exitError{1, `backend-tutor search: nothing matches "` + render.Escape(query) + `"`}
	}
	styled := isTerminal(stdout)
	var w io.Writer = stdout
	if styled {
		// As for read: the writer fits the styles to the terminal.
		w = &colorprofile.Writer{Forward: stdout, Profile: colorprofile.Detect(osFile(stdout), os.Environ())}
	}
	// read --plain leaves out the blank lines a chapter body starts with,
	// and LINE must be a line of what it prints.
	skipped := map[string]int{}
	for _, ch := range course.Chapters {
		skipped[ch.ID] = len(ch.Body) - len(strings.TrimLeft(ch.Body, "\n"))
	}
	bw := bufio.NewWriter(w)
	for _, r := range results {
		line := r.Line
		if r.Kind == search.Text || r.Kind == search.Heading {
			line -= skipped[r.ChapterID]
		}
		fmt.Fprintf(bw, "%s:%d: %s\n", searchPlace(r), line, tui.MarkMatches(r.Text, r.Spans, styled))
	}
	return bw.Flush()
}

const searchHelp = `Usage: backend-tutor search TERM...

Prints every line of the course that contains TERM (the words joined by
spaces), ignoring case and accents: chapter text, headings, chapter titles,
glossary entries and quiz questions (never their answers). Whole words come
first, then headings, titles and glossary terms, then the rest, each in
course order. One line per match, like grep:

  CHAPTER-ID:LINE: text        a line of the chapter: LINE as in
                               backend-tutor read CHAPTER-ID --plain
                               (0 is the chapter's title)
  CHAPTER-ID/quiz:N: prompt    question N of the chapter's quiz
  glossary:N: term — meaning   entry N of the glossary

Matches are highlighted on a terminal; output is plain when piped.
Exit status: 0 when something matched, 1 when nothing did, 2 on a usage error.
Put -- before a TERM that starts with a dash.
  --db PATH
    	progress file (not used by search)
  --content DIR
    	use this folder's chapters instead of the built-in guide
`

// searchPlace is where a search result is, as `search` prints it.
func searchPlace(r search.Result) string {
	switch r.Kind {
	case search.Question:
		return render.SanitizeLine(r.ChapterID) + "/quiz"
	case search.Glossary:
		return "glossary"
	}
	return render.SanitizeLine(r.ChapterID)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f := osFile(w) // main wraps stdout in the sanitiser's writer
	return f != nil && term.IsTerminal(f.Fd())
}

// findChapter accepts a chapter id or its 1-based number.
func findChapter(c *content.Course, arg string) (*content.Chapter, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > len(c.Chapters) {
			return nil, &exitError{1, fmt.Sprintf("backend-tutor: there is no chapter %d (chapters are numbered 1 to %d)", n, len(c.Chapters))}
		}
		return c.Chapters[n-1], nil
	}
	if ch, ok := c.Chapter(arg); ok {
		return ch, nil
	}
	return nil, &exitError{1, fmt.Sprintf("backend-tutor: no chapter has the id %q (see `backend-tutor list`)", arg)}
}

// progressReport is the JSON of `backend-tutor progress --json`, documented
// in README.md. Add fields; never rename or remove one.
type progressReport struct {
	Profile  string          `json:"profile"` // whose progress (--profile)
	Pack     string          `json:"pack"`    // the first pack's id: "guide" unless a pack replaces it
	Packs    []packReport    `json:"packs"`   // every pack shown, in order, with its chapters' ids
	Chapters []chapterReport `json:"chapters"`
	Total    totalReport     `json:"total"`
	Labs     []labProgress   `json:"labs"`
	// The stats (internal/stats): local days studied in a row (4 AM
	// rollover), review cards due by the end of this week, and the most
	// missed questions.
	StreakDays int          `json:"streak_days"`
	ReviewDue  int          `json:"review_due"`
	Weakest    []stats.Weak `json:"weakest"`
}

// packReport is one pack of the course, from its manifest.
type packReport struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Version  string   `json:"version"`
	Language string   `json:"language"`
	Chapters []string `json:"chapters"` // ids as in chapters[].id
}

type chapterReport struct {
	ID          string `json:"id"`       // "PACK/CHAPTER" for an added pack's chapter
	Pack        string `json:"pack"`     // the pack's id
	LocalID     string `json:"local_id"` // the id in the pack's files
	Title       string `json:"title"`
	Questions   int    `json:"questions"`
	ReadPercent int    `json:"read_percent"`
	// Answered counts the questions of today's quiz answered, in their
	// current version, in quiz attempts (never more than Questions);
	// AnswersSaved every answer saved in quiz attempts (what `answered`
	// meant before content changes were tracked); AnsweredEarlierVersion
	// the questions answered only before they were edited.
	Answered               int   `json:"answered"`
	AnswersSaved           int   `json:"answers_saved"`
	AnsweredEarlierVersion int   `json:"answered_earlier_version"`
	UpdatedSinceRead       bool  `json:"updated_since_read"` // the text changed in a part not read since
	Attempts               int   `json:"attempts"`
	BestScore              int   `json:"best_score"`
	Passed                 bool  `json:"passed"`
	InProgress             bool  `json:"quiz_in_progress"`
	ReadingS               int64 `json:"time_reading_s"`
	QuizS                  int64 `json:"time_quiz_s"`
}

type totalReport struct {
	Chapters               int   `json:"chapters"`
	Quizzes                int   `json:"quizzes"`
	Passed                 int   `json:"passed"`
	Answered               int   `json:"answered"`
	AnswersSaved           int   `json:"answers_saved"`
	AnsweredEarlierVersion int   `json:"answered_earlier_version"`
	Attempts               int   `json:"attempts"`
	Percent                int   `json:"percent"`
	ReadingS               int64 `json:"time_reading_s"`
	QuizS                  int64 `json:"time_quiz_s"`
}

func cmdProgress(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("progress", "progress [--json]", stderr)
	asJSON := fs.Bool("json", false, "print JSON (the format is documented in README.md)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	course, err := loadCourse(g, stderr)
	if err != nil {
		return err
	}
	ov, profile, err := readOverview(g, course)
	if err != nil {
		return err
	}
	snap := ov.Snapshot
	// Answers a tutor could not write wait in recovery files until the next
	// start adds them: say so, or they look lost (on stderr: --json stays JSON).
	if path, err := dbPath(g); err == nil {
		if files, _ := progress.RecoveryFiles(path); len(files) > 0 {
			what := "1 recovery file beside " + render.Escape(path) + " holds"
			if len(files) > 1 {
				what = fmt.Sprintf("%d recovery files beside %s hold", len(files), render.Escape(path))
			}
			fmt.Fprintf(stderr, "backend-tutor: %s changes not counted here yet; the next start of the tutor adds them.\n", what)
		}
	}
	rep := progressReport{Profile: profile, Pack: course.Packs[0].ID, Packs: []packReport{}, Chapters: []chapterReport{}}
	for _, p := range course.Packs {
		pr := packReport{ID: p.ID, Title: p.Title, Version: p.Version, Language: p.Language, Chapters: []string{}}
		for _, ch := range course.Chapters {
			if ch.Pack == p.ID {
				pr.Chapters = append(pr.Chapters, ch.ID)
			}
		}
		rep.Packs = append(rep.Packs, pr)
	}
	for _, ch := range course.Chapters {
		r := snap.Chapters[ch.ID]
		n := courserules.CountQuestions(ch, snap.Questions[ch.ID])
		rep.Chapters = append(rep.Chapters, chapterReport{
			ID: ch.ID, Pack: ch.Pack, LocalID: ch.LocalID, Title: ch.Title, Questions: ch.QuestionCount(), ReadPercent: r.Furthest,
			Answered: n.Answered, AnswersSaved: r.Answered, AnsweredEarlierVersion: n.Earlier, UpdatedSinceRead: courserules.TextUpdated(ch, r),
			Attempts: r.Attempts, BestScore: r.BestScore, Passed: r.Passed, InProgress: r.OpenAttempt != 0,
			ReadingS: r.ReadingS, QuizS: r.QuizS,
		})
		rep.Total.Answered += n.Answered
		rep.Total.AnswersSaved += r.Answered
		rep.Total.AnsweredEarlierVersion += n.Earlier
		rep.Total.Attempts += r.Attempts
		rep.Total.ReadingS = progress.AddSeconds(rep.Total.ReadingS, r.ReadingS)
		rep.Total.QuizS = progress.AddSeconds(rep.Total.QuizS, r.QuizS)
	}
	rep.Labs = labProgresses(course, ov.Labs)
	rep.Total.Chapters = len(course.Chapters)
	rep.Total.Passed, rep.Total.Quizzes = courserules.PassedCount(course, snap.Chapters)
	rep.Total.Percent = int(courserules.CourseProgress(course, snap.Chapters)*100 + 0.5)
	if *asJSON {
		// From the question summaries and studied quarter hours, read with
		// the rest: none of it grows with the answers (decoding 100,000
		// answers for them took ~210 ms).
		st, err := progressStats(g, course, ov)
		if err != nil {
			return err
		}
		rep.StreakDays, rep.ReviewDue, rep.Weakest = st.StreakDays, st.ReviewDue, st.Weakest
		if rep.Weakest == nil {
			rep.Weakest = []stats.Weak{}
		}
		js, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		_, err = io.WriteString(stdout, jsonOut(g, string(js))+"\n")
		return err
	}
	titleW := titleWidth(stdout, 4+6+10+10+6+6+2)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tCHAPTER\tREAD\tANSWERED\tATTEMPTS\tBEST\tPASSED")
	for i, c := range rep.Chapters {
		fmt.Fprintf(tw, "%d\t%s\t%d%%\t%d\t%d\t%s\t%s\n", i+1, fit(render.SanitizeLine(c.Title), titleW), c.ReadPercent, c.Answered, c.Attempts, stats.ScoreText(c.Attempts, c.BestScore), yesNo(c.Passed))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := rep.Total
	fmt.Fprintf(stdout, "\nCourse: %d%% done · %d of %d quizzes passed · %d answers saved\n", t.Percent, t.Passed, t.Quizzes, t.AnswersSaved)
	return nil
}

// titleWidth is how wide a table's title column may be so the table fits a
// terminal, given the width of the other columns; 0 (no limit) when the
// output is not a terminal, so scripts always get whole titles.
func titleWidth(w io.Writer, others int) int {
	f := osFile(w)
	if f == nil || !term.IsTerminal(f.Fd()) {
		return 0
	}
	cols, _, err := term.GetSize(f.Fd())
	if err != nil || cols <= 0 {
		return 0
	}
	return max(16, cols-others-1)
}

// osFile is the file a command's output goes to, under the sanitising
// writer, or nil when it is not a file (a test's buffer).
func osFile(w io.Writer) *os.File {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = u.Unwrap()
	}
	f, _ := w.(*os.File)
	return f
}

// fit cuts s to width columns with an ellipsis; width 0 means no limit.
func fit(s string, width int) string {
	if width <= 0 {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// cmdValidate checks one or more packs: each on its own (file:line), then
// that they can be shown together (ids unique, at most one replaces the
// guide).
func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newOwnFlags("validate", "validate [--strict] DIR...", stderr)
	strict := fs.Bool("strict", false, "refuse a pack that breaks an authoring rule (exit 1), not only warn")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "backend-tutor validate: name the content folder to check")
		return errUsage
	}
	var packs []*content.Course
	refused := 0 // authoring-rule warnings, under --strict
	for _, dir := range pos {
		course, err := loadPack(dir)
		if err != nil {
			return err
		}
		p := course.Packs[0]
		if p.Derived {
			fmt.Fprintf(stderr, "backend-tutor: warning: %s: %s\n", render.Escape(dir), content.NoManifestHelp(p.ID))
		}
		if ws := course.Warnings(); len(ws) > 0 {
			label := "warning: "
			if *strict {
				label = "error (--strict): "
			}
			for i := range ws {
				ws[i].Msg = label + ws[i].Msg
			}
			fmt.Fprintln(stderr, prefixed(ws, dir))
			if *strict {
				refused += len(ws)
				continue
			}
		}
		questions := 0
		for _, ch := range course.Chapters {
			questions += ch.QuestionCount()
		}
		fmt.Fprintf(stdout, "%s: ok — %s, %s, %s, %s\n", render.Escape(dir), content.Chapters(len(course.Chapters)),
			counted(questions, "question"), counted(len(course.Glossary), "glossary term"), counted(len(course.Labs()), "lab"))
		packs = append(packs, course)
	}
	if refused > 0 {
		return &exitError{1, fmt.Sprintf("backend-tutor validate: %d authoring rule(s) broken; without --strict they are only warnings (see docs/authoring.md)", refused)}
	}
	if len(packs) > 1 {
		guide, err := content.EmbeddedCourse()
		if err != nil {
			return err
		}
		if _, err := content.Combine(guide, packs); err != nil {
			return &exitError{1, "backend-tutor validate: " + render.Escape(err.Error())}
		}
	}
	return nil
}

func cmdDoctor(g globals, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("doctor", "doctor [--reset]", stderr)
	reset := fs.Bool("reset", false, "if the file is damaged, move it aside and start a fresh one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, stderr); err != nil {
		return err
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "No progress file yet at %s: it is created when you first start the tutor.\n", render.Escape(path))
		return nil
	}
	err = progress.Check(path)
	if err == nil {
		fmt.Fprintf(stdout, "%s is healthy.\n", render.Escape(path))
		return nil
	}
	// Only a damaged progress file is ever reset: not a folder, pipe or
	// device (NotAFileError), not a newer tutor's file, not a file that is
	// merely locked or unreadable for now.
	var damaged *progress.DamagedError
	if !errors.As(err, &damaged) {
		return &exitError{1, err.Error()}
	}
	if !*reset {
		return &exitError{1, err.Error() + "\nTo move it aside and start fresh: backend-tutor doctor --reset"}
	}
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
		// Moving the link would leave the damaged file it points to as it is.
		target, _ := filepath.EvalSymlinks(path)
		p, t := render.Escape(path), render.Escape(target)
		return &exitError{1, fmt.Sprintf("progress file %s is damaged: %s.\n%s is a symbolic link to %s; nothing was changed. "+
			"To reset the file itself: backend-tutor doctor --reset --db %s", p, damaged.Reason, p, t, t)}
	}
	moved, merr := progress.MoveAside(path)
	if merr != nil {
		return &exitError{1, fmt.Sprintf("progress file %s is damaged: %s.\nbackend-tutor: could not move it aside: %v", render.Escape(path), damaged.Reason, merr)}
	}
	// Open falls back to a read-only store when it cannot create the file:
	// that is no fresh file either.
	st, oerr := progress.Open(path)
	if oerr == nil && !st.Writable() {
		oerr = errors.New(st.Warning())
	}
	if oerr != nil {
		return &exitError{1, fmt.Sprintf("moved the damaged file to %s, but could not start a fresh one: %v", render.Escape(moved), oerr)}
	}
	fmt.Fprintf(stdout, "Progress file %s was damaged: %s.\nMoved it to %s and started a fresh progress file at %s.\n",
		render.Escape(path), render.EscapeLines(damaged.Reason), render.Escape(moved), render.Escape(path))
	return nil
}

// counted is "1 lab", "3 labs": what `pack new` writes is one of each, and
// validating it said "1 chapters, ... 1 glossary terms, 1 labs".
func counted(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
