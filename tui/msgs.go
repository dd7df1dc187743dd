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

// quizStateMsg is a chapter's open attempt as the progress file holds it
// now (another tutor may have started it), read when the learner starts or
// continues a quiz.
type quizStateMsg struct {
	chapter string
	attempt progress.Attempt
	open    bool     // attempt is an unfinished attempt to offer for resuming
	how     quizRead // what to do with it: ask ("t"), resume at once (Continue), or what quiz --resume/--new say
	err     error
	gen     int // which read (Model.quizRead) this answers
}
