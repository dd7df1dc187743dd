package tui

import (
	"backend-tutor/progress"
	"backend-tutor/tui/render"
)

// Messages that carry work off the UI goroutine and bring its result back.

// renderedMsg is a finished chapter render. Results for a key the reader no
// longer wants (the learner moved on, or resized again) are cached and
// otherwise ignored.
type renderedMsg struct {
	key render.Key
	out string
	err error
}

// resizeSettledMsg fires a short while after a resize; only the latest one
// (matching gen) triggers a re-render, so a resize storm renders once.
type resizeSettledMsg struct{ gen int }

// scrollSettledMsg saves the reading position once scrolling pauses.
type scrollSettledMsg struct{ gen int }

// storeCheckedMsg is the result of the progress file's check before the
// first write (progress.Store.CheckBeforeWrite).
type storeCheckedMsg struct{ err error }

// saveErrMsg reports any failed save: it shows as a warning, it never stops
// the learner.
type saveErrMsg struct{ err error }

// attemptStartedMsg reports the attempt the store created.
type attemptStartedMsg struct {
	chapter string
	attempt progress.Attempt
	err     error
}

// attemptFinishedMsg brings back the chapter's updated summary.
type attemptFinishedMsg struct {
	record progress.ChapterRecord
	err    error
}

// resumeLoadedMsg is an unfinished attempt read back for resuming.
type resumeLoadedMsg struct {
	chapter string
	attempt progress.Attempt
	prompt  bool // ask "resume or start over?" rather than resume at once
	err     error
}
