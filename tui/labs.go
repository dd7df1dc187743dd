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

// loadLabs readies the Labs screen and reads the labs' records.
func (m *Model) loadLabs() tea.Cmd {
	if m.labs == nil {
		m.labs = &labsModel{results: map[string]labcheck.Result{}, recs: map[string]progress.LabRecord{}}
		vp := viewport.New(viewport.WithWidth(m.width), viewport.WithHeight(m.bodyHeight()))
		vp.KeyMap = viewport.KeyMap{}
		m.labs.vp = vp
	}
	m.labs.resize(m)
	return m.readLabRecords()
}

// readLabRecords queues a read of the labs' records behind the saves
// queued before it, so it sees the check just saved.
func (m *Model) readLabRecords() tea.Cmd {
	store := m.store
	if store == nil {
		return nil
	}
	return m.read(func() tea.Msg {
		recs, err := store.LabRecords()
		return labRecordsMsg{recs, err}
	})
}

// labURL is where the Labs screen checks a lab: --lab-url, or the lab's
// own port on this machine.
func (m *Model) labURL(l *content.Lab) string {
	if m.labBase != "" {
		return m.labBase
	}
	return "http://127.0.0.1:" + strconv.Itoa(l.Port)
}

func (lm *labsModel) resize(m *Model) {
	lm.vp.SetWidth(m.width)
	lm.vp.SetHeight(m.bodyHeight())
	if lm.open != nil {
		k := lm.briefKey(m)
		if k != lm.want {
			lm.want, lm.brief = k, ""
		}
	}
	lm.refresh(m)
}

func (lm *labsModel) briefKey(m *Model) render.Key {
	return render.Key{Chapter: "lab:" + lm.open.ID + "@" + lm.open.Hash, Width: render.WrapWidth(m.width), Style: m.style}
}

// renderBrief shows the open lab's brief from the render cache, or asks
// the render queue for it (the chapters' queue: one render at a time).
func (lm *labsModel) renderBrief(m *Model) tea.Cmd {
	if lm.open == nil || lm.brief != "" {
		return nil
	}
	lm.want = lm.briefKey(m)
	if out, ok := m.cache.Get(lm.want); ok {
		lm.brief = out
		lm.refresh(m)
		return nil
	}
	return m.renders.want(m.cache, lm.want, lm.open.Brief)
}

// rendered takes a finished render that may be the brief.
func (lm *labsModel) rendered(m *Model, msg renderedMsg) {
	if lm.open == nil || msg.key != lm.want || errors.Is(msg.err, context.Canceled) {
		return
	}
	lm.brief = msg.out
	if msg.err != nil {
		lm.brief = render.Sanitize(lm.open.Brief)
	}
	lm.refresh(m)
}

// refresh lays the screen's text into the viewport.
func (lm *labsModel) refresh(m *Model) {
	off := lm.vp.YOffset()
	if lm.open == nil {
		lm.vp.SetContent(lm.listText(m))
		lm.vp.SetYOffset(max(0, lm.cursor*3-lm.vp.Height()/2))
		return
	}
	lm.vp.SetContent(lm.labText(m))
	lm.vp.SetYOffset(off)
}

func (lm *labsModel) status(l *content.Lab) string {
	r, ok := lm.recs[l.ID]
	return labsave.Status(r, ok)
}

func (lm *labsModel) listText(m *Model) string {
	labs := m.course.Labs()
	if len(labs) == 0 {
		return "  This course has no labs."
	}
	w := max(10, m.width-6)
	var b strings.Builder
	for i, l := range labs {
		cursor := "  "
		title := ansi.Truncate(fmt.Sprintf("%d. %s", i+1, render.SanitizeLine(l.Title)), w, "…")
		if i == lm.cursor {
			cursor = m.st.Cursor.Render("› ")
			title = m.st.Selected.Render(title)
		}
		after := l.Chapter
		if n := m.course.Index(l.Chapter); n >= 0 {
			after = fmt.Sprintf("after chapter %d", n+1)
		}
		second := ansi.Truncate(lm.status(l)+" · "+render.SanitizeLine(l.ID)+" · "+after, w, "…")
		b.WriteString(cursor + title + "\n    " + m.st.Faint.Render(second) + "\n\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// labText is one lab: the brief, how to check it, the last check.
func (lm *labsModel) labText(m *Model) string {
	l := lm.open
	w := max(20, min(m.width-4, 90))
	var b strings.Builder
	if lm.brief == "" {
		b.WriteString("  " + m.st.Faint.Render("Formatting the brief…") + "\n")
	} else {
		b.WriteString(strings.TrimRight(lm.brief, "\n") + "\n")
	}
	b.WriteString("\n  " + m.st.Selected.Render("Check it") + "\n")
	b.WriteString(hang("  ", "Start your server, then press c here to check it at "+m.labURL(l)+". From a shell:", w) + "\n")
	b.WriteString("    " + render.SanitizeLine("backend-tutor lab check "+l.ID+" --run \"COMMAND THAT STARTS YOUR SERVER\"") + "\n\n")
	lm.checkAt = strings.Count(b.String(), "\n")
	switch {
	case lm.checking == l.ID:
		b.WriteString("  " + m.st.Accent.Render("Checking "+m.labURL(l)+"… (esc cancels)") + "\n")
	case lm.note != "":
		b.WriteString(hang("  ", lm.note, w) + "\n")
	}
	b.WriteString("  " + m.st.Selected.Render("Last check") + "\n")
	b.WriteString(lm.lastCheck(m, l, w))
	return strings.TrimRight(b.String(), "\n")
}

// lastCheck is the last check step by step: this session's whole result
// (every byte the server sent escaped, so the learner sees what it sent),
// or the saved summary of an earlier session's check.
func (lm *labsModel) lastCheck(m *Model, l *content.Lab, w int) string {
	if res, ok := lm.results[l.ID]; ok {
		rep := labsave.Report(m.course, l, res, false, "", "", nil)
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
	c := r.Last
	var b strings.Builder
	fmt.Fprintf(&b, "  %s: %d of %d steps passed", c.At.Local().Format("2006-01-02 15:04"), c.StepsPassed, c.Steps)
	if c.Sample {
		b.WriteString(" (the sample server: not a pass)")
	}
	b.WriteString("\n")
	if c.ContentHash != "" && c.ContentHash != l.Hash {
		b.WriteString("  " + m.st.Faint.Render("The lab has changed since: check again.") + "\n")
	}
	for i, st := range l.Steps {
		mark := "·"
		switch {
		case c.FirstFailing == 0 && i < c.StepsPassed, c.FirstFailing > 0 && i+1 < c.FirstFailing:
			mark = "✓"
		case i+1 == c.FirstFailing:
			mark = "✗"
		}
		b.WriteString(ansi.Truncate(fmt.Sprintf("  %s %d. %s", mark, i+1, render.SanitizeLine(st.Name)), w+2, "…") + "\n")
		if i+1 == c.FirstFailing && c.FailReason != "" {
			b.WriteString(hang("      ", render.EscapeLines(c.FailReason), w) + "\n")
		}
	}
	if r.Passed && r.PassedAt != nil {
		b.WriteString("  Passed on " + r.PassedAt.Local().Format("2006-01-02") + ".\n")
	}
	return b.String()
}

func (lm *labsModel) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	labs := m.course.Labs()
	if lm.open == nil {
		switch {
		case key.Matches(msg, k.Back):
			lm.refresh(m)
			return m.enter(nav{to: homeScreen})
		case key.Matches(msg, k.Up):
			lm.cursor = max(0, lm.cursor-1)
		case key.Matches(msg, k.Down):
			lm.cursor = min(len(labs)-1, lm.cursor+1)
		case key.Matches(msg, k.Open, k.CheckLab) && lm.cursor < len(labs):
			lm.open, lm.brief, lm.note = labs[lm.cursor], "", ""
			lm.vp.SetYOffset(0)
			lm.refresh(m)
			cmd := lm.renderBrief(m)
			if key.Matches(msg, k.CheckLab) {
				return tea.Batch(cmd, lm.check(m))
			}
			return cmd
		}
		lm.refresh(m)
		return nil
	}
	switch {
	case lm.checking != "" && key.Matches(msg, k.CancelCheck):
		lm.cancel() // the check ends with context.Canceled: labCheckedMsg
		return nil
	case key.Matches(msg, k.Back):
		lm.open = nil
		lm.refresh(m)
	case key.Matches(msg, k.CheckLab):
		return lm.check(m)
	default:
		scrollKey(&lm.vp, k, msg)
	}
	return nil
}

// check starts a check of the open lab in a command; one at a time.
func (lm *labsModel) check(m *Model) tea.Cmd {
	if lm.checking != "" || lm.open == nil {
		return nil
	}
	l := lm.open
	base, err := labcheck.CheckURL(m.labURL(l), false)
	if err != nil {
		lm.note = err.Error()
		lm.refresh(m)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	lm.gen++
	lm.checking, lm.cancel, lm.note = l.ID, cancel, ""
	lm.refresh(m)
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
func (lm *labsModel) checked(m *Model, msg labCheckedMsg) tea.Cmd {
	if msg.gen != lm.gen {
		return nil
	}
	lm.checking, lm.cancel = "", nil
	if msg.err != nil {
		lm.note = "Check cancelled: nothing was saved."
		lm.refresh(m)
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
	lm.refresh(m)
	lm.vp.SetYOffset(lm.checkAt) // the result in view, from its first line
	if len(msg.res.Steps) == 0 {
		return nil
	}
	c := labsave.Check(msg.lab, msg.res, msg.at)
	return tea.Batch(m.save(progress.Op{Kind: progress.OpLabCheck, LabCheck: &c}), m.readLabRecords())
}

func (lm *labsModel) records(m *Model, msg labRecordsMsg) {
	if msg.err != nil {
		m.warning = "The labs' records could not be read: " + msg.err.Error()
		return
	}
	lm.recs = msg.recs
	lm.refresh(m)
}

func (lm *labsModel) helpKeys(m *Model) helpKeys {
	k := m.keys
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

func (lm *labsModel) view(m *Model) string {
	header := fmt.Sprintf("Labs · %d", len(m.course.Labs()))
	if lm.open != nil {
		header = "Lab: " + render.SanitizeLine(lm.open.Title) + " · " + lm.status(lm.open)
	}
	return m.frame(header, lm.vp.View(), m.shortHelp(m.screenKeys()))
}
