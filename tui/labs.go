package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
	"backend-tutor/internal/labsave"
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// labsModel is the Labs screen: the course's labs with their status, and
// one lab (its brief, the command that checks it, the last check step by
// step). `c` checks the learner's server from inside the tutor: the check
// runs in a command (one HTTP request per step, each with its timeout),
// never in Update, and esc cancels it through its context.
type labsModel struct {
	cursor int
	open   *content.Lab // nil: the list
	vp     viewport.Model
	want   render.Key // the brief's render
	brief  string     // the brief, rendered (empty until it arrives)

	recs    map[string]progress.LabRecord // read from the file when the screen opens
	results map[string]labcheck.Result    // this session's checks, the whole result

	checking string             // the lab being checked; "" when none
	cancel   context.CancelFunc // cancels the running check
	gen      int                // which check a labCheckedMsg answers
	note     string             // a line under the lab: "check cancelled" and the like
	checkAt  int                // the line where the check's status and result start
}

// labRecordsMsg brings the labs' records read from the progress file.
type labRecordsMsg struct {
	recs map[string]progress.LabRecord
	err  error
}

// labCheckedMsg is a finished (or cancelled) check.
type labCheckedMsg struct {
	gen int
	lab *content.Lab
	res labcheck.Result
	at  time.Time
	err error // context.Canceled when esc cancelled it
}

// newLabs is the Labs screen, made the first time it opens; its checks'
// results are kept for the session.
func newLabs(c *programContext) *labsModel {
	vp := viewport.New(viewport.WithWidth(c.width), viewport.WithHeight(c.bodyHeight()))
	vp.KeyMap = viewport.KeyMap{}
	return &labsModel{vp: vp, results: map[string]labcheck.Result{}, recs: map[string]progress.LabRecord{}}
}

// show shows the screen (its open in tui/nav.go) and reads the records.
func (lm *labsModel) show(c *programContext) tea.Cmd {
	lm.resize(c)
	return readLabRecords(c)
}

// readLabRecords queues a read of the labs' records behind the saves
// queued before it, so it sees the check just saved.
func readLabRecords(c *programContext) tea.Cmd {
	store := c.store
	if store == nil {
		return nil
	}
	return c.read(func() tea.Msg {
		recs, err := store.LabRecords()
		return labRecordsMsg{recs, err}
	})
}

// labURL is where the Labs screen checks a lab: --lab-url, or the lab's
// own port on this machine.
func labURL(c *programContext, l *content.Lab) string {
	if c.labBase != "" {
		return c.labBase
	}
	return "http://127.0.0.1:" + strconv.Itoa(l.Port)
}

func (lm *labsModel) resize(c *programContext) {
	lm.vp.SetWidth(c.width)
	lm.vp.SetHeight(c.bodyHeight())
	if lm.open != nil {
		k := lm.briefKey(c)
		if k != lm.want {
			lm.want, lm.brief = k, ""
		}
	}
	lm.refresh(c)
}

func (lm *labsModel) briefKey(c *programContext) render.Key {
	return render.Key{Chapter: "lab:" + lm.open.ID + "@" + lm.open.Hash, Width: render.WrapWidth(c.width), Style: c.style}
}

// renderBrief shows the open lab's brief from the render cache, or asks
// the render queue for it (the chapters' queue: one render at a time).
func (lm *labsModel) renderBrief(c *programContext) tea.Cmd {
	if lm.open == nil || lm.brief != "" {
		return nil
	}
	lm.want = lm.briefKey(c)
	if out, ok := c.cache.Get(lm.want); ok {
		lm.brief = out
		lm.refresh(c)
		return nil
	}
	return c.render(lm.want, lm.open.Brief)
}

// rendered takes a finished render that may be the brief.
func (lm *labsModel) rendered(c *programContext, msg renderedMsg) {
	if lm.open == nil || msg.key != lm.want || errors.Is(msg.err, context.Canceled) {
		return
	}
	lm.brief = msg.out
	if msg.err != nil {
		lm.brief = render.Sanitize(lm.open.Brief)
	}
	lm.refresh(c)
}

// refresh lays the screen's text into the viewport.
func (lm *labsModel) refresh(c *programContext) {
	off := lm.vp.YOffset()
	if lm.open == nil {
		lm.vp.SetContent(lm.listText(c))
		lm.vp.SetYOffset(max(0, lm.cursor*3-lm.vp.Height()/2))
		return
	}
	lm.vp.SetContent(lm.labText(c))
	lm.vp.SetYOffset(off)
}

func (lm *labsModel) status(l *content.Lab) string {
	r, ok := lm.recs[l.ID]
	return labsave.Status(r, ok)
}

func (lm *labsModel) listText(c *programContext) string {
	labs := c.course.Labs()
	if len(labs) == 0 {
		return "  This course has no labs."
	}
	w := max(10, c.width-6)
	var b strings.Builder
	for i, l := range labs {
		cursor := "  "
		title := ansi.Truncate(fmt.Sprintf("%d. %s", i+1, render.SanitizeLine(l.Title)), w, "…")
		if i == lm.cursor {
			cursor = c.st.Cursor.Render("› ")
			title = c.st.Selected.Render(title)
		}
		after := l.Chapter
		if n := c.course.Index(l.Chapter); n >= 0 {
			after = fmt.Sprintf("after chapter %d", n+1)
		}
		second := ansi.Truncate(lm.status(l)+" · "+render.SanitizeLine(l.ID)+" · "+after, w, "…")
		b.WriteString(cursor + title + "\n    " + c.st.Faint.Render(second) + "\n\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// labText is one lab: the brief, how to check it, the last check.
func (lm *labsModel) labText(c *programContext) string {
	l := lm.open
	w := max(20, min(c.width-4, 90))
	var b strings.Builder
	if lm.brief == "" {
		b.WriteString("  " + c.st.Faint.Render("Formatting the brief…") + "\n")
	} else {
		b.WriteString(strings.TrimRight(lm.brief, "\n") + "\n")
	}
	b.WriteString("\n  " + c.st.Selected.Render("Check it") + "\n")
	b.WriteString(hang("  ", "Start your server, then press c here to check it at "+labURL(c, l)+". From a shell:", w) + "\n")
	b.WriteString("    " + render.SanitizeLine("backend-tutor lab check "+l.ID+" --run \"COMMAND THAT STARTS YOUR SERVER\"") + "\n\n")
	lm.checkAt = strings.Count(b.String(), "\n")
	switch {
	case lm.checking == l.ID:
		b.WriteString("  " + c.st.Accent.Render("Checking "+labURL(c, l)+"… (esc cancels)") + "\n")
	case lm.note != "":
		b.WriteString(hang("  ", lm.note, w) + "\n")
	}
	b.WriteString("  " + c.st.Selected.Render("Last check") + "\n")
	b.WriteString(lm.lastCheck(c, l, w))
	return strings.TrimRight(b.String(), "\n")
}

// lastCheck is the last check step by step: this session's whole result
// (every byte the server sent escaped, so the learner sees what it sent),
// or the saved summary of an earlier session's check.
func (lm *labsModel) lastCheck(c *programContext, l *content.Lab, w int) string {
	if res, ok := lm.results[l.ID]; ok {
		rep := labsave.Report(c.course, l, res, false, "", "", nil)
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimRight(render.EscapeLines(rep), "\n"), "\n") {
			text := strings.TrimLeft(line, " ")
			b.WriteString(hang("  "+line[:len(line)-len(text)], text, w) + "\n")
		}
		return b.String()
	}
	r, ok := lm.recs[l.ID]
	if !ok || r.Last == nil {
		return "  None yet.\n"
	}
	last := r.Last
	var b strings.Builder
	fmt.Fprintf(&b, "  %s: %d of %d steps passed", last.At.Local().Format("2006-01-02 15:04"), last.StepsPassed, last.Steps)
	if last.Sample {
		b.WriteString(" (the sample server: not a pass)")
	}
	b.WriteString("\n")
	if last.ContentHash != "" && last.ContentHash != l.Hash {
		b.WriteString("  " + c.st.Faint.Render("The lab has changed since: check again.") + "\n")
	}
	for i, st := range l.Steps {
		mark := "·"
		switch {
		case last.FirstFailing == 0 && i < last.StepsPassed, last.FirstFailing > 0 && i+1 < last.FirstFailing:
			mark = "✓"
		case i+1 == last.FirstFailing:
			mark = "✗"
		}
		b.WriteString(ansi.Truncate(fmt.Sprintf("  %s %d. %s", mark, i+1, render.SanitizeLine(st.Name)), w+2, "…") + "\n")
		if i+1 == last.FirstFailing && last.FailReason != "" {
			b.WriteString(hang("      ", render.EscapeLines(last.FailReason), w) + "\n")
		}
	}
	if r.Passed && r.PassedAt != nil {
		b.WriteString("  Passed on " + r.PassedAt.Local().Format("2006-01-02") + ".\n")
	}
	return b.String()
}

func (lm *labsModel) key(c *programContext, msg tea.KeyPressMsg) (tea.Cmd, nav) {
	k := c.keys
	labs := c.course.Labs()
	if lm.open == nil {
		switch {
		case key.Matches(msg, k.Back):
			lm.refresh(c)
			return nil, nav{to: homeScreen}
		case key.Matches(msg, k.Up):
			lm.cursor = max(0, lm.cursor-1)
		case key.Matches(msg, k.Down):
			lm.cursor = min(len(labs)-1, lm.cursor+1)
		case key.Matches(msg, k.Open, k.CheckLab) && lm.cursor < len(labs):
			lm.open, lm.brief, lm.note = labs[lm.cursor], "", ""
			lm.vp.SetYOffset(0)
			lm.refresh(c)
			cmd := lm.renderBrief(c)
			if key.Matches(msg, k.CheckLab) {
				return tea.Batch(cmd, lm.check(c)), nav{}
			}
			return cmd, nav{}
		}
		lm.refresh(c)
		return nil, nav{}
	}
	switch {
	case lm.checking != "" && key.Matches(msg, k.CancelCheck):
		lm.cancel() // the check ends with context.Canceled: labCheckedMsg
		return nil, nav{}
	case key.Matches(msg, k.Back):
		lm.open = nil
		lm.refresh(c)
	case key.Matches(msg, k.CheckLab):
		return lm.check(c), nav{}
	default:
		scrollKey(&lm.vp, *k, msg)
	}
	return nil, nav{}
}

// check starts a check of the open lab in a command; one at a time.
func (lm *labsModel) check(c *programContext) tea.Cmd {
	if lm.checking != "" || lm.open == nil {
		return nil
	}
	l := lm.open
	base, err := labcheck.CheckURL(labURL(c, l), false)
	if err != nil {
		lm.note = err.Error()
		lm.refresh(c)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	lm.gen++
	lm.checking, lm.cancel, lm.note = l.ID, cancel, ""
	lm.refresh(c)
	lm.vp.SetYOffset(lm.checkAt) // the check's progress, then its result, in view
	gen := lm.gen
	return func() tea.Msg {
		res := labcheck.Check(ctx, l, labcheck.Options{BaseURL: base.String()})
		err := ctx.Err()
		cancel()
		return labCheckedMsg{gen: gen, lab: l, res: res, at: time.Now(), err: err}
	}
}

// checked takes a finished check: shown step by step, saved through the
// saver (the same queue, retries and recovery file as answers), and the
// records read again behind the save. A cancelled check is not a check of
// the server and is neither shown nor saved.
func (lm *labsModel) checked(c *programContext, msg labCheckedMsg) tea.Cmd {
	if msg.gen != lm.gen {
		return nil
	}
	lm.checking, lm.cancel = "", nil
	if msg.err != nil {
		lm.note = "Check cancelled: nothing was saved."
		lm.refresh(c)
		return nil
	}
	lm.results[msg.lab.ID] = msg.res
	switch {
	case msg.res.Sample:
		lm.note = labsave.SampleNote
	case msg.res.Passed():
		lm.note = "Passed: lab " + msg.lab.ID + " is done."
	default:
		lm.note = ""
	}
	lm.refresh(c)
	lm.vp.SetYOffset(lm.checkAt) // the result in view, from its first line
	if len(msg.res.Steps) == 0 {
		return nil
	}
	check := labsave.Check(msg.lab, msg.res, msg.at)
	return tea.Batch(c.save(progress.Op{Kind: progress.OpLabCheck, LabCheck: &check}), readLabRecords(c))
}

// records takes the labs' records read from the file; the read's error
// is for the root's warning line.
func (lm *labsModel) records(c *programContext, msg labRecordsMsg) error {
	if msg.err != nil {
		return msg.err
	}
	lm.recs = msg.recs
	lm.refresh(c)
	return nil
}

func (lm *labsModel) helpKeys(k *keyMap) helpKeys {
	if lm.open == nil {
		return helpKeys{
			short: []key.Binding{k.Up, k.Down, k.Open, k.CheckLab, k.Back, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.Open, k.CheckLab}, {k.Back, k.Quit}},
		}
	}
	if lm.checking != "" {
		return helpKeys{
			short: []key.Binding{k.CancelCheck, k.Help},
			full:  [][]key.Binding{{k.CancelCheck, k.Up, k.Down, k.PageDown}, {k.Quit}},
		}
	}
	return helpKeys{
		short: []key.Binding{k.CheckLab, k.Up, k.Down, k.PageDown, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.CheckLab, k.Back, k.Quit}},
	}
}

func (lm *labsModel) view(c *programContext) page {
	header := fmt.Sprintf("Labs · %d", len(c.course.Labs()))
	if lm.open != nil {
		header = "Lab: " + render.SanitizeLine(lm.open.Title) + " · " + lm.status(lm.open)
	}
	return page{header: header, body: lm.vp.View()}
}
