// Package classreport is the export file format (schema
// "backend-tutor-export/1", documented in README.md) and the class report
// made from several exports: merged table, most-missed questions, CSV and
// a self-contained HTML page. Plain Go: it knows neither terminals nor the
// progress file; main reads the file and prints.
package classreport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"golang.org/x/text/unicode/norm"
)

// Schema names the export format. A change that would make an old reader
// misread a file gets a new number; fields may be added without one.
const Schema = "backend-tutor-export/1"

// Export is one export file: every learner (profile) it covers, one Record
// per learner and chapter, and in JSON every attempt and answer.
type Export struct {
	Schema     string    `json:"schema"`
	ExportedAt time.Time `json:"exported_at"`
	Tool       string    `json:"tool"` // "backend-tutor VERSION"
	Records    []Record  `json:"records"`
	Attempts   []Attempt `json:"attempts"`
	Answers    []Answer  `json:"answers"`
}

// Record is one learner's summary of one chapter.
type Record struct {
	Learner     string `json:"learner"`
	Profile     string `json:"profile"`
	Pack        string `json:"pack"`
	PackVersion string `json:"pack_version"`
	Chapter     string `json:"chapter"`
	Title       string `json:"title"`
	ReadPercent int    `json:"read_percent"`
	Attempts    int    `json:"attempts"` // finished quiz attempts
	BestScore   int    `json:"best_score"`
	Passed      bool   `json:"passed"`
	// FirstActivity and LastActivity are the earliest and latest quiz
	// times (attempt started, answer saved, attempt finished); nil when the
	// chapter was only read (reading keeps no time).
	FirstActivity *time.Time `json:"first_activity"`
	LastActivity  *time.Time `json:"last_activity"`
	// TimeSpentSeconds is the time the learner was active reading the
	// chapter and in its quiz (idle time over 5 minutes not counted).
	TimeSpentSeconds int `json:"time_spent_seconds"`
	// LabsPassed lists the chapter's labs passed; empty until lab results
	// are saved.
	LabsPassed []string `json:"labs_passed"`
}

// Attempt is one quiz attempt, for import.
type Attempt struct {
	Learner     string     `json:"learner"`
	Profile     string     `json:"profile"`
	Pack        string     `json:"pack"`
	Chapter     string     `json:"chapter"`
	ID          string     `json:"id"`
	ContentHash string     `json:"content_hash"`
	Started     time.Time  `json:"started"`
	Finished    *time.Time `json:"finished"`
	Abandoned   bool       `json:"abandoned"`
	Score       int        `json:"score"`
	Passed      bool       `json:"passed"`
	Order       []string   `json:"order"`
}

// Answer is one saved answer.
type Answer struct {
	ID           string    `json:"id"`
	Learner      string    `json:"learner"`
	Profile      string    `json:"profile"`
	Pack         string    `json:"pack"`
	Chapter      string    `json:"chapter"`
	Attempt      string    `json:"attempt"` // Attempt.ID
	Question     string    `json:"question"`
	QuestionHash string    `json:"question_hash"` // content hash of the question answered
	Correct      bool      `json:"correct"`
	At           time.Time `json:"at"`
	Given        []string  `json:"given"`
}

// maxFile bounds an export read by report or import (a class of 200 with
// a year's answers is tens of MB).
const maxFile = 256 << 20

// ErrUnknownSchema is returned for a file that is not an export this
// binary reads; the message names the schema found.
var ErrUnknownSchema = errors.New("not a backend-tutor export this version reads")

// Decode reads one export, refusing anything of another schema.
func Decode(r io.Reader) (*Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("larger than %d MB", maxFile>>20)
	}
	// One decode (json v2: a class of 200 exports is read in a fraction
	// of encoding/json's time); the schema is checked after it, and only a
	// file that does not decode is looked at again for its schema.
	var e Export
	derr := jsonv2.Unmarshal(data, &e, jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))
	schema, found := e.Schema, derr == nil && e.Schema != ""
	if derr != nil {
		schema, found = headSchema(data)
	}
	switch {
	case !found:
		return nil, fmt.Errorf("%w (expected a JSON file with \"schema\": %q; CSV exports are for spreadsheets)", ErrUnknownSchema, Schema)
	case schema != Schema:
		return nil, fmt.Errorf("%w: schema %q (this version reads %q)", ErrUnknownSchema, schema, Schema)
	case derr != nil:
		return nil, fmt.Errorf("damaged export: %w", derr)
	}
	if err := e.check(); err != nil {
		return nil, fmt.Errorf("damaged export: %w", err)
	}
	e.canonicalNames()
	return &e, nil
}

// canonicalNames writes every learner name in one spelling (NFC): "Zoë"
// typed with a combining accent on one machine is the "Zoë" of another,
// but as bytes they differ, so report listed two learners that look the
// same and import refused "Zoë's export" for "Zoë's profile".
func (e *Export) canonicalNames() {
	for i := range e.Records {
		e.Records[i].Learner = norm.NFC.String(e.Records[i].Learner)
	}
	for i := range e.Attempts {
		e.Attempts[i].Learner = norm.NFC.String(e.Attempts[i].Learner)
	}
	for i := range e.Answers {
		e.Answers[i].Learner = norm.NFC.String(e.Answers[i].Learner)
	}
}

// headSchema is the "schema" of a file that did not decode, read token by
// token up to it: a whole-file decode (encoding/json's, the first version)
// also fails on what follows it (nesting past its depth limit, a cut
// file), and the file was called "not an export" when it named the schema.
func headSchema(data []byte) (string, bool) {
	d := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))
	if tok, err := d.ReadToken(); err != nil || tok.Kind() != '{' {
		return "", false
	}
	for {
		name, err := d.ReadToken()
		if err != nil || name.Kind() != '"' {
			return "", false
		}
		if name.String() != "schema" {
			if d.SkipValue() != nil {
				return "", false
			}
			continue
		}
		v, err := d.ReadToken()
		if err != nil || v.Kind() != '"' {
			return "", false // a schema that is not a string: not ours
		}
		return v.String(), true
	}
}

// check refuses figures no tutor writes, which would break the report's
// layout and sums (a best score of 10^15, a negative read percent).
func (e *Export) check() error {
	for i, r := range e.Records {
		switch {
		case r.ReadPercent < 0 || r.ReadPercent > 100 || r.BestScore < 0 || r.BestScore > 100:
			return fmt.Errorf("record %d: read %d%%, best score %d%% (0-100 each)", i+1, r.ReadPercent, r.BestScore)
		case r.Attempts < 0 || r.TimeSpentSeconds < 0:
			return fmt.Errorf("record %d: %d attempts, %d seconds spent (never negative)", i+1, r.Attempts, r.TimeSpentSeconds)
		}
	}
	for i, a := range e.Attempts {
		if a.Score < 0 || a.Score > 100 {
			return fmt.Errorf("attempt %d: score %d%% (0-100)", i+1, a.Score)
		}
	}
	return nil
}

// WriteJSON writes e as one line of JSON and a newline. It uses the json
// v2 implementation (github.com/go-json-experiment/json), which encodes an
// export of 100,000 answers several times faster than encoding/json; like
// encoding/json it writes invalid UTF-8 as U+FFFD.
func WriteJSON(w io.Writer, e *Export) error {
	if err := jsonv2.MarshalWrite(w, e, jsontext.AllowInvalidUTF8(true)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
