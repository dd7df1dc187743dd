// Package progress keeps the learner's progress in a single bbolt file. It
// knows that file and nothing of terminals or chapter content.
//
// Layout (schema 2):
//
//	meta/schema          ASCII decimal SchemaVersion; also the "this is ours" sentinel
//	meta/welcomed        "1" once the first-run welcome was dismissed
//	meta/last            Place as JSON
//	chapters/<id>        ChapterRecord as JSON (running summary)
//	attempts/<id>/<n>    Attempt as JSON, n = 8-byte big-endian attempt id
//
// Beside the file, <db>.recovery-<pid>-<time> holds changes (Op, JSON
// lines) a tutor could not write before it quit; see recovery.go.
//
// The file is opened for one transaction at a time and closed again, so
// several processes can share it; bbolt's flock serialises them.
// Existing files are verified read-only before anything is written, and a
// damaged one is reported, never repaired or overwritten. Up to
// fullCheckLimit (256 KiB) that check reads everything; above it, start-up
// checks what grows with the chapters (header, summaries, open attempts)
// and leaves the whole history to doctor, so a long history never slows a
// start. A damaged old attempt is still reported whenever it is read.
package progress
