// Package progress keeps the learner's progress in a single bbolt file. It
// knows that file and nothing of terminals or chapter content.
//
// Layout (schema 4): nested buckets, one per learner (profile) and, inside
// it, one per course (pack), so packs never collide on chapter ids and
// learners sharing a machine keep apart in one file.
//
//	meta/schema                    ASCII decimal SchemaVersion; also the "this is ours" sentinel
//	profiles/<profile>/welcomed    "1" once the first-run welcome was dismissed
//	profiles/<profile>/last        Place as JSON, plus "pack" (absent: the guide)
//	profiles/<profile>/learner     the learner's name, for exports (absent: none given yet)
//	profiles/<profile>/review_tally  16 bytes: local day, review answers given that day
//	profiles/<profile>/packs/<pack>/
//	  chapters/<id>                ChapterRecord as JSON (running summary)
//	  attempts/<id>/<n>            Attempt as JSON, n = 8-byte big-endian attempt id
//	  questions/<id>/<question>    QuestionSummary, fixed-size binary, updated with each answer (questions.go)
//	  studied/<t>                  empty; t = 8-byte big-endian unix seconds of a quarter hour with an answer
//	  labs/<lab>/record            LabRecord as JSON (running summary of the lab's checks)
//	  labs/<lab>/checks/<id>       LabCheck as JSON, id = the check's own NewID (idempotent saves)
//	  cards/c<question id>         review card, fixed-size binary (cards.go)
//	  cards/d<due><question id>    due index, sorted by due time (empty value)
//	  cards/r<answer id>           review answer as JSON (apart from attempts)
//	  retries/<id>/<answer id>     Answer as JSON: a missed-only retry (made on first write)
//	  backups/<UTC time>/          what a reset moved aside, in this layout, plus info (reset.go)
//
// Profile and pack names are 1-64 bytes of printable UTF-8 (CheckName). A
// Store reads and writes one profile and pack: Open gives DefaultProfile
// ("default") and DefaultPack ("guide", the built-in course), and
// Store.Scope another. Every function that touches records takes a
// *scoped (scope.go), the buckets of one profile and pack, so a record
// cannot land outside its scope. A schema-2 file (one learner, one course,
// chapters/ and attempts/ at the top) migrates to profile default, pack
// guide; see migrate.go.
//
// Beside the file, <db>.recovery-<pid>-<time> holds changes (Op, JSON
// lines, each with its profile and pack) a tutor could not write before it
// quit; see recovery.go.
//
// The file is opened for one transaction at a time and closed again, so
// several processes can share it; bbolt's flock serialises them.
// Existing files are verified read-only before anything is written (every
// profile and pack), and a damaged one is reported, never repaired or
// overwritten; a file from a newer schema is refused, never migrated down. Up to
// fullCheckLimit (256 KiB) that check reads everything; above it, start-up
// checks what grows with the chapters (header, summaries, open attempts)
// and leaves the whole history to doctor, so a long history never slows a
// start. A damaged old attempt is still reported whenever it is read.
package progress
