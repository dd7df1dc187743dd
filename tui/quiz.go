package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"golang.org/x/text/unicode/norm"

	"backend-tutor/content"
	"backend-tutor/internal/courserules"
	"backend-tutor/internal/scheduler"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// maxTyped bounds a typed answer (content.MaxTyped, which line mode uses too).
const maxTyped = content.MaxTyped

type answered struct {
	correct bool
	given   []string
	id      string // the saved Answer's id
}

// quizModel asks a chapter's questions one a screen.
type quizModel struct {
	ch        *content.Chapter
	att       attemptRef
	order     []string // the attempt's question ids, as stored
	questions []*content.Question
	shuffles  map[string][]int // question id -> display position -> original index
	answers   map[string]answered
	index     int
	// missedOnly: a retry of the questions the last attempt missed. Its
	// answers are saved apart (progress.OpRetry) and it has no attempt:
	// no score, summary, or Continue changes (tui/retrymissed.go).
	missedOnly bool

	// the question on screen
	cursor      int
	ticked      map[int]bool // multi: original option indexes
	arrangement []int        // order: original item indexes, as the learner has them
	grabbed     bool
	input       textinput.Model
	showHint    bool
	submitted   bool
	notice      string
	reveal      bool // scroll the feedback into view on the next refresh
	vp          viewport.Model
	cursorLine  int

	review *reviewSession // non-nil: a review question (tui/review.go)
}

func newQuiz(c *programContext, ch *content.Chapter) *quizModel {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "type your answer, then enter"
	in.CharLimit = maxTyped
	// The terminal's own cursor marks the insertion point (Model.cursor),
	// steady: a blinking one repaints the screen twice a second for nothing
	// while the learner thinks.
	in.SetVirtualCursor(false)
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.SetWidth(max(10, min(c.width-8, 70)))
	vp := viewport.New(viewport.WithWidth(c.width), viewport.WithHeight(c.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	return &quizModel{
		ch: ch, shuffles: map[string][]int{},
		answers: map[string]answered{}, input: in, vp: vp,
	}
}

func (q *quizModel) current() *content.Question { return q.questions[q.index] }

func (q *quizModel) allAnswered() bool { return len(q.answers) >= len(q.questions) }

func (q *quizModel) typing() bool {
	return q.current().Input() == content.Text && !q.submitted
}

// enter prepares the current question's screen.
func (q *quizModel) enter(c *programContext) {
	qu := q.current()
	q.cursor, q.grabbed, q.showHint, q.submitted, q.notice = 0, false, false, false, ""
	q.ticked = map[int]bool{}
	q.arrangement = append([]int(nil), q.shuffles[qu.ID]...)
	q.input.Reset()
	q.input.Blur()
	if qu.Input() == content.Text {
		q.input.Focus()
	}
	q.vp.GotoTop()
	q.refresh(c)
}

func (q *quizModel) resize(c *programContext) {
	q.vp.SetWidth(c.width)
	q.input.SetWidth(max(10, min(c.width-8, 70)))
	q.refresh(c)
}

// options are the lines a choice-like question shows, in display order,
// each with the original index it stands for; an order question's items
// as the learner has arranged them.
func (q *quizModel) options() []content.Choice {
	qu := q.current()
	if qu.Input() == content.Arrange {
		return qu.Choices(q.arrangement)
	}
	return qu.Choices(q.shuffles[qu.ID])
}

// key answers, scrolls, or leaves with a nav: to the next review question
// or the summary, the results, the chapter or home (advance, finish,
// leave carry it up).
func (q *quizModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	qu := q.current()
	q.notice = ""
	defer q.refresh(c)

	if q.submitted {
		switch {
		case key.Matches(msg, k.Back):
			return q.leave(c)
		case msg.String() == "enter" || msg.String() == "space" || msg.String() == "n":
			return q.advance(c)
		default:
			scrollKey(&q.vp, *k, msg) // a long explanation may not fit
		}
		return nil, nav{}
	}

	in := qu.Input()
	if in == content.Text {
		switch msg.String() {
		case "esc":
			return q.leave(c)
		case "enter":
			return q.submit(c), nav{}
		case "tab":
			q.showHint = !q.showHint
			return nil, nav{}
		}
		var cmd tea.Cmd
		q.input, cmd = q.input.Update(msg)
		composeInput(&q.input)
		return cmd, nav{}
	}

	choices := q.options()
	n := len(choices)
	switch {
	case key.Matches(msg, k.Back):
		return q.leave(c)
	case key.Matches(msg, k.Submit):
		return q.submit(c), nav{}
	case key.Matches(msg, k.Hint):
		q.showHint = !q.showHint
	case in == content.Arrange && key.Matches(msg, k.MoveUp):
		q.moveItem(-1)
	case in == content.Arrange && key.Matches(msg, k.MoveDown):
		q.moveItem(1)
	case key.Matches(msg, k.Up):
		if q.grabbed {
			q.moveItem(-1)
		} else if q.cursor > 0 {
			q.cursor--
		}
	case key.Matches(msg, k.Down):
		if q.grabbed {
			q.moveItem(1)
		} else if q.cursor < n-1 {
			q.cursor++
		}
	case (key.Matches(msg, k.True) || key.Matches(msg, k.False)) && choiceKey(choices, msg.String()) >= 0:
		q.cursor = choiceKey(choices, msg.String())
	case key.Matches(msg, k.Number):
		i := int(msg.Code - '1')
		if i >= 0 && i < n {
			q.cursor = i
			if in == content.PickMany {
				q.ticked[choices[i].Index] = !q.ticked[choices[i].Index]
			}
		}
	case key.Matches(msg, k.Toggle):
		switch in {
		case content.PickMany:
			q.ticked[choices[q.cursor].Index] = !q.ticked[choices[q.cursor].Index]
		case content.Arrange:
			q.grabbed = !q.grabbed
		}
	case key.Matches(msg, k.PageDown):
		q.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		q.vp.PageUp()
	}
	return nil, nav{}
}

func (q *quizModel) moveItem(d int) {
	j := q.cursor + d
	if j < 0 || j >= len(q.arrangement) {
		return
	}
	q.arrangement[q.cursor], q.arrangement[j] = q.arrangement[j], q.arrangement[q.cursor]
	q.cursor = j
}

func (q *quizModel) paste(c *programContext, msg tea.PasteMsg) tea.Cmd {
	if !q.typing() {
		return nil
	}
	msg.Content = render.SanitizeLine(msg.Content)
	var cmd tea.Cmd
	q.input, cmd = q.input.Update(msg)
	composeInput(&q.input)
	q.refresh(c)
	return cmd
}

// composeInput puts typed letters and their marks together (NFC: テ then
// U+3099 is デ, e then U+0301 is é). The text field scrolls and moves its
// cursor by code points, so a mark typed apart could show parted from its
// letter at the field's left edge.
func composeInput(in *textinput.Model) {
	v := in.Value()
	if norm.NFC.IsNormalString(v) {
		return
	}
	runes := []rune(v)
	before := norm.NFC.String(string(runes[:min(in.Position(), len(runes))]))
	in.SetValue(norm.NFC.String(v))
	in.SetCursor(utf8.RuneCountInString(before))
}

// choiceKey is the position of the choice a letter picks ("t", "f"), or -1.
func choiceKey(choices []content.Choice, k string) int {
	for i, c := range choices {
		if c.Key != "" && c.Key == k {
			return i
		}
	}
	return -1
}

// response turns the screen's state into a content.Response: what is
// picked is the choice under the cursor, the ticked ones, or the items as
// arranged, as the question's Input says.
func (q *quizModel) response() (content.Response, bool) {
	qu := q.current()
	var picked []int
	for i, c := range q.options() {
		switch in := qu.Input(); {
		case in == content.PickOne && i == q.cursor, in == content.PickMany && q.ticked[c.Index], in == content.Arrange:
			picked = append(picked, c.Index)
		}
	}
	r, ok := qu.Respond(picked, render.SanitizeLine(q.input.Value()))
	if !ok {
		q.notice = "Type an answer first."
		if qu.Input() == content.PickMany {
			q.notice = "Tick at least one answer with space (or its number), then press enter."
		}
	}
	return r, ok
}

// submit grades the answer, shows the feedback and queues the save: the
// answer is written in its own transaction as soon as it is given.
func (q *quizModel) submit(c *programContext) tea.Cmd {
	r, ok := q.response()
	if !ok {
		return nil
	}
	qu := q.current()
	correct := qu.Grade(r)
	given := qu.Given(r)
	_, already := q.answers[qu.ID]
	ans := progress.Answer{ID: progress.NewID(), QuestionID: qu.ID, QuestionHash: qu.Hash, Given: given, Correct: correct, At: c.now()}
	q.answers[qu.ID] = answered{correct: correct, given: given, id: ans.ID}
	q.submitted, q.grabbed = true, false
	q.input.Blur()
	q.reveal = true // show the verdict and the way on, even if the question scrolls off
	if q.review != nil {
		return c.reviewAnswer(q, ans)
	}

	if q.missedOnly {
		return c.save(progress.Op{Kind: progress.OpRetry, Chapter: q.ch.ID, Answer: &ans})
	}
	c.answered(q.ch.ID, already)
	op := q.op(progress.OpAnswer)
	op.Answer = &ans
	// The answer's review card moves in the same transaction; a hint
	// makes a right answer Hard, so it comes back sooner.
	op.Rating = int(scheduler.RatingFor(scheduler.Answer{Correct: correct, Hinted: q.showHint && qu.Hint != ""}))
	return c.save(op)
}

// op is a change to this quiz's attempt. It carries the attempt's order and
// shuffles, so the store can recreate the attempt if its start was lost.
func (q *quizModel) op(kind progress.OpKind) progress.Op {
	return progress.Op{
		Kind: kind, Chapter: q.ch.ID, Attempt: q.att.id, AttemptUID: q.att.uid,
		ContentHash: q.ch.Hash, Order: q.order, Shuffles: q.shuffles,
	}
}

// advance moves to the next question, or to the results after the last.
func (q *quizModel) advance(c *programContext) (tea.Cmd, nav) {
	for i := q.index + 1; i < len(q.questions); i++ {
		if _, done := q.answers[q.questions[i].ID]; !done {
			q.index = i
			q.enter(c)
			return nil, nav{}
		}
	}
	if !q.allAnswered() { // a skipped-over question earlier on
		for i, qu := range q.questions {
			if _, done := q.answers[qu.ID]; !done {
				q.index = i
				q.enter(c)
				return nil, nav{}
			}
		}
	}
	return q.finish(c)
}

// finish scores the attempt and goes to the results; the attempt's
// close is queued (the context's finished) unless it was a retry of the
// missed questions. A review question goes to the session's next one, or
// its summary.
func (q *quizModel) finish(c *programContext) (tea.Cmd, nav) {
	if r := q.review; r != nil {
		r.index++
		if r.index < len(r.items) {
			return nil, nav{to: quizScreen, review: true}
		}
		return c.readReviewQueue(), nav{to: reviewScreen}
	}
	right := 0
	for _, a := range q.answers {
		if a.correct {
			right++
		}
	}
	score := content.Score(right, len(q.questions))
	passed := q.ch.Quiz.Passed(score)
	shown := nav{to: resultsScreen, results: newResults(c, q, right, score, passed)}
	if q.missedOnly {
		return nil, shown // saved answer by answer; nothing to close
	}
	return c.finished(q, score, passed), shown
}

// finished closes q's attempt (the context's finished): the records and
// Continue lead to the chapter, and the close is queued. The store grades
// the attempt again from the file, where another tutor may have answered
// too; its result updates the results screen.
func (m *Model) finished(q *quizModel, score int, passed bool) tea.Cmd {
	m.records[q.ch.ID] = courserules.AfterAttempt(m.records[q.ch.ID], score, passed)
	m.last = &progress.Place{Screen: "chapter", ChapterID: q.ch.ID}
	op := q.op(progress.OpFinish)
	op.PassMark = q.ch.Quiz.PassMark
	op.Questions = make(map[string]string, len(q.questions))
	for _, qu := range q.questions {
		op.Questions[qu.ID] = qu.Hash
	}
	return tea.Batch(
		m.save(op),
		m.save(progress.Op{Kind: progress.OpLast, Place: &progress.Place{Screen: "chapter", ChapterID: q.ch.ID}}),
	)
}

// leave goes back to the chapter; the attempt stays open for resuming. A
// review session ends early (answers given are saved) and goes home.
func (q *quizModel) leave(c *programContext) (tea.Cmd, nav) {
	if q.review != nil {
		return c.endReview(), nav{to: homeScreen}
	}
	return nil, nav{to: readerScreen, chapter: q.ch.ID, line: -1}
}

// refresh rebuilds the question's text in the viewport. It runs after every
// key, in Update, so View only copies lines.
func (q *quizModel) refresh(c *programContext) {
	if len(q.questions) == 0 {
		return
	}
	q.vp.SetHeight(c.bodyHeightUnder(q.header())) // the header may wrap to one line more
	w := max(20, min(c.width-4, 90))
	wrap := lipgloss.NewStyle().Width(w)
	st := c.st
	qu := q.current()
	var b strings.Builder
	line := 0
	write := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		line += strings.Count(s, "\n") + 1
	}
	write(st.Subtle.Render(hang("  ", kindLabel(qu), w)))
	write("")
	write(wrapped(wrap.PaddingLeft(2), st.Title.Render(c.inline(qu.Prompt))))
	write("")

	ans, done := q.answers[qu.ID]
	if qu.Input() == content.Text {
		if q.submitted {
			write(hang("  Your answer: ", render.SanitizeLine(strings.Join(ans.given, "")), w))
		} else {
			q.cursorLine = line
			write("  " + q.input.View())
		}
	} else {
		for i, o := range q.options() {
			if i == q.cursor {
				q.cursorLine = line
			}
			write(q.optionLine(c, qu, i, o.Index, o.Text, w, ans, done))
		}
	}
	if q.showHint && qu.Hint != "" && !q.submitted {
		write("")
		write(wrapped(wrap.PaddingLeft(2), st.Accent.Render("Hint: ")+c.inline(qu.Hint)))
	} else if q.showHint && !q.submitted {
		write("")
		write(st.Subtle.Render("  No hint for this one."))
	}
	if q.notice != "" {
		write("")
		write(st.Warning.Render("  " + q.notice))
	}
	if q.submitted {
		write("")
		if ans.correct {
			write(st.Right.Render("  ✓ Right!"))
		} else {
			write(st.Wrong.Render("  ✗ Not quite."))
			write(answerText(c.inline, qu, q.shuffles[qu.ID], "  ", w))
		}
		write("")
		write(wrapped(st.Explanation.Width(w), c.inline(qu.Explanation)))
		write("")
		next := "Press enter for the next question."
		switch {
		case q.review != nil && !q.review.last():
		case q.review != nil:
			next = "Press enter to see the summary."
		case q.remaining() == 0:
			next = "Press enter to see your results."
		}
		write(st.Selected.Render("  " + next))
	}
	q.vp.SetContent(strings.TrimRight(b.String(), "\n"))
	switch {
	case q.reveal:
		q.vp.GotoBottom()
		q.reveal = false
	case !q.submitted:
		q.vp.EnsureVisible(q.cursorLine, 0, 0)
	}
}

// moreCue tells the learner that a screen scrolls: without it a long
// explanation or results list just stops at the window's edge. A narrow
// window gets the arrow alone, leaving room for help and the way back.
func moreCue(width int, vp viewport.Model) string {
	cue := ""
	switch {
	case !vp.AtBottom():
		cue = "↓ more (j/pgdn) · "
	case !vp.AtTop():
		cue = "↑ more (k/pgup) · "
	}
	if cue != "" && width < 60 {
		cue = cue[:len("↓ more")] + " · "
	}
	return cue
}

// focus is where the terminal's own cursor goes (tui/cursor.go): after
// the focused option's "› " marker, or at the typed answer's insertion
// point (the field draws no cursor of its own). None after submitting, or
// with the line scrolled out of view.
func (q *quizModel) focus() (spot, bool) {
	if q.submitted || len(q.questions) == 0 {
		return spot{}, false
	}
	row := q.cursorLine - q.vp.YOffset()
	if row < 0 || row >= q.vp.Height() {
		return spot{}, false
	}
	x := markerX
	if q.current().Input() == content.Text {
		x = 2 + inputX(q.input)
	}
	return spot{x, row}, true
}

func (q *quizModel) remaining() int { return len(q.questions) - len(q.answers) }

// optionLine draws one option: the cursor, a tick box or number, and after
// submitting, marks for the right answer and for a wrong pick.
func (q *quizModel) optionLine(c *programContext, qu *content.Question, pos, orig int, text string, w int, ans answered, done bool) string {
	st := c.st
	cursor := "  "
	if pos == q.cursor && !q.submitted {
		cursor = st.Cursor.Render("› ")
		if q.grabbed {
			cursor = st.Cursor.Render("⇅ ")
		}
	}
	mark := fmt.Sprintf("%d. ", pos+1)
	if qu.Input() == content.PickMany {
		mark = fmt.Sprintf("%d. [ ] ", pos+1)
		if q.ticked[orig] || (q.submitted && containsStr(ans.given, text)) {
			mark = fmt.Sprintf("%d. [x] ", pos+1)
		}
	}
	label := c.inline(render.SanitizeLine(text))
	marked := q.submitted && done && qu.Marked()
	right, picked := false, false
	if marked {
		right = qu.Right(orig)
		picked = containsStr(ans.given, text)
	}
	switch {
	case !marked:
	// Non-breaking spaces keep each verdict tag whole when the line wraps.
	case right && picked:
		label += "  ✓\u00a0right"
	case right:
		label += "  ✓\u00a0the\u00a0right\u00a0answer" // one you did not pick
	case picked:
		label += "  ✗\u00a0not\u00a0right"
	}
	out := hang(cursor+mark, label, w)
	switch {
	case marked && right:
		return st.Right.Render(out)
	case marked && picked:
		return st.Wrong.Render(out)
	case pos == q.cursor && !q.submitted:
		return st.Selected.Render(out)
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kindLabel is what the question asks for, with this screen's keys for the
// ways of answering that need telling.
func kindLabel(qu *content.Question) string {
	switch qu.Input() {
	case content.PickMany:
		return qu.Label() + " (space or its number), then enter"
	case content.Arrange:
		return qu.Label() + ": space picks an item up, ↑/↓ move it, enter submits"
	}
	return qu.Label()
}

func (q *quizModel) helpKeys(k *keyMap) helpKeys {
	leave := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave"))
	leaveFull := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the quiz (answers are kept)"))
	next := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next"))
	if q.submitted {
		return helpKeys{short: []key.Binding{next, k.Help, leave},
			full: [][]key.Binding{{next, k.Up, k.Down, k.PageDown, k.PageUp}, {leaveFull, k.Quit}}}
	}
	qu := q.current()
	in := qu.Input()
	hint := k.Hint
	if in == content.Text {
		hint = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "hint"))
	}
	var short, full []key.Binding
	switch {
	case in == content.PickOne && choiceKey(q.options(), "t") >= 0:
		short = []key.Binding{k.True, k.False, k.Submit}
		full = short
	case in == content.PickOne:
		pick := key.NewBinding(key.WithKeys("up", "down", "1"), key.WithHelp("↑↓/1-9", "choose"))
		short = []key.Binding{pick, k.Submit}
		full = []key.Binding{k.Choose, k.Number, k.Submit}
	case in == content.PickMany:
		tick := key.NewBinding(key.WithKeys("space", "1"), key.WithHelp("space/1-9", "tick"))
		short = []key.Binding{k.Choose, tick, k.Submit}
		full = []key.Binding{k.Choose, k.Toggle, k.Number, k.Submit}
	case in == content.Text:
		short = []key.Binding{k.Submit}
		full = short
	case in == content.Arrange:
		grab := key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pick up"))
		move := key.NewBinding(key.WithKeys("K", "J"), key.WithHelp("K/J", "move"))
		short = []key.Binding{k.Choose, grab, move, k.Submit}
		if q.grabbed { // the item is in hand: the arrows move it
			grab = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "put down"))
			move = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move it"))
			short = []key.Binding{grab, move, k.Submit}
		}
		grabFull := key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pick up / put down the item"))
		full = []key.Binding{k.Choose, grabFull, k.MoveUp, k.MoveDown, k.Submit}
	}
	if qu.Hint != "" { // offer the hint key only where there is a hint
		short = append(short, hint)
		full = append(full, hint)
	}
	if in != content.Text { // typed answers take "?" as text
		short = append(short, k.Help)
	}
	short = append(short, leave)
	return helpKeys{short: short, full: [][]key.Binding{full, {leaveFull, k.Help, k.Quit}}}
}

// header comes first: the question number, then the chapter's title
// (wrapped by frame when the window is narrow, never cut).
func (q *quizModel) header() string {
	if q.review != nil {
		return render.SanitizeLine(q.review.header(q))
	}
	what := "Quiz"
	if q.missedOnly {
		what = "Missed questions"
	}
	return fmt.Sprintf("Question %d of %d · %s · %s", q.index+1, len(q.questions), what, render.SanitizeLine(q.ch.Title))
}

func (q *quizModel) view(c *programContext) page {
	return page{header: q.header(), body: q.vp.View(), cue: moreCue(c.width, q.vp)}
}

// answerText shows a question's right answer: one line, with the options
// in the order the screen showed them (shuffle: display position ->
// original index), or for an order question the items numbered in the
// right order.
func answerText(inline func(string) string, qu *content.Question, shuffle []int, indent string, w int) string {
	ans := qu.RightAnswer(shuffle)
	items := make([]string, len(ans.Items))
	for i, it := range ans.Items {
		items[i] = inline(render.SanitizeLine(it))
	}
	if !ans.Numbered {
		return hang(indent+ans.Lead+": ", strings.Join(items, " · "), w)
	}
	lines := []string{indent + ans.Lead + ":"}
	for i, item := range items {
		lines = append(lines, hang(fmt.Sprintf("%s  %d. ", indent, i+1), item, w))
	}
	return strings.Join(lines, "\n")
}
