package progress

import "time"

// SchemaVersion is the layout of the progress file this binary writes.
// Bump it (and add a migration in migrate.go) whenever a record changes shape.
const SchemaVersion = 4

// Place is where the learner was last, for the home screen's "Continue".
type Place struct {
	Screen    string `json:"screen"` // "chapter" or "quiz"
	ChapterID string `json:"chapter"`
}

// ChapterRecord is the running summary of one chapter. It is updated in the
// same transaction as the event that changes it, so the home screen and
// `progress` never have to scan the attempt history.
type ChapterRecord struct {
	ID          string `json:"id"`
	ContentHash string `json:"content_hash,omitempty"` // hash of the chapter when last read or quizzed
	Line        int    `json:"line"`                   // reading position: first visible line
	Furthest    int    `json:"furthest"`               // furthest point read, percent 0-100
	Answered    int    `json:"answered"`               // answers saved, all attempts, unfinished included
	Attempts    int    `json:"attempts"`               // finished attempts
	BestScore   int    `json:"best_score"`             // percent 0-100 over finished attempts
	LastScore   int    `json:"last_score"`             // percent of the latest finished attempt
	Passed      bool   `json:"passed"`                 // any finished attempt reached the pass mark
	OpenAttempt uint64 `json:"open_attempt,omitempty"` // id of an unfinished attempt, 0 if none
	// ReadingS and QuizS are the seconds the learner was active reading the
	// chapter and in its quiz (reviews and missed-only retries included),
	// added by the changes that carry them (timespent.go); absent in older
	// records, which read as 0.
	ReadingS int64 `json:"reading_s,omitempty"`
	QuizS    int64 `json:"quiz_s,omitempty"`
	// TimeMarks are the last changes that added time, newest first, as
	// "session:number ..." (a string keeps the record comparable), so a
	// change applied again adds nothing (timespent.go).
	TimeMarks string `json:"time_marks,omitempty"`
	// Sections are the hashes (comma-separated) of the chapter's text
	// sections the learner has read in their current version (see
	// ReadSections); "" in a record from before schema 4: not known.
	Sections string `json:"sections,omitempty"`
	// Noticed is the chapter's content hash when home last told the
	// learner what changed in it (OpNoticed), so it is told once.
	Noticed string `json:"noticed,omitempty"`
	// Word is the reading position counted in words above the first
	// visible line, which, unlike Line, does not depend on the window's
	// width: the reader restores by it when present (0: not known, as in a
	// record saved before it was kept, or the top of the chapter; Line
	// then).
	Word int `json:"word,omitempty"`
}

// Attempt is one run through a chapter's quiz.
type Attempt struct {
	ID uint64 `json:"id"`
	// UID is the attempt's own identity, made by the process that started
	// it. The numeric ID comes from the file's sequence and is only known
	// once the start is written; the UID lets a queued or recovered answer
	// find its attempt before that, and makes replaying a start idempotent.
	UID         string     `json:"uid,omitempty"`
	ChapterID   string     `json:"chapter"`
	ContentHash string     `json:"content_hash"`
	Started     time.Time  `json:"started"`
	Finished    *time.Time `json:"finished,omitempty"`
	// Order holds the question ids in the order this attempt asks them, and
	// Shuffles the option (or item) order shown for each question, so a
	// resumed attempt looks exactly like the one the learner left.
	Order    []string         `json:"order"`
	Shuffles map[string][]int `json:"shuffles,omitempty"`
	Answers  []Answer         `json:"answers"` // in submit order; see LastAnswers
	Score    int              `json:"score"`   // percent, set when finished
	Passed   bool             `json:"passed"`
	// Abandoned marks an unfinished attempt the learner chose not to resume
	// (DropAttempt). Its answers stay in the file and still count in
	// ChapterRecord.Answered; an answer that arrives later (from another
	// tutor still using it) is kept too.
	Abandoned bool `json:"abandoned,omitempty"`
}

// Answer is one submitted answer. An attempt keeps every answer in the
// order it was submitted, including a question answered again (two tutors
// on one attempt); a question's last answer is the one that counts.
type Answer struct {
	// ID is unique per answer (NewID), so writing the same answer twice
	// (a retried save, a recovery file merged again) stores it once.
	ID           string    `json:"id,omitempty"`
	QuestionID   string    `json:"question"`
	QuestionHash string    `json:"question_hash"` // detects a question edited since
	Given        []string  `json:"given"`         // option texts, typed text, or items in the learner's order
	Correct      bool      `json:"correct"`
	At           time.Time `json:"at"`
}

// Snapshot is everything the tutor needs at start-up, read in one transaction.
type Snapshot struct {
	Chapters map[string]ChapterRecord
	Last     *Place
	Welcomed bool // the first-run welcome has been dismissed

	// Questions are the question summaries (questions.go) by chapter id,
	// then question id.
	Questions map[string]map[string]QuestionSummary
}
