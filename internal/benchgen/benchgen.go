// Package benchgen generates the large inputs the benchmarks and the
// start-up harness need: a content pack of any size and a progress file
// with a long answer history. It is test support, imported only by _test
// files and tools/bench; nothing here is checked in as a blob.
package benchgen

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/content"
	"backend-tutor/progress"
)

// Pack builds a valid content folder of chapters chapters with questions
// questions in total, spread evenly, of every kind. Each chapter has a few
// hundred words with headings, a list, a code block and a table, so
// loading it exercises the same parsers as the real guide.
func Pack(chapters, questions int) fstest.MapFS {
	fsys := fstest.MapFS{}
	fsys["course.yaml"] = &fstest.MapFile{Data: []byte("title: A generated course\n")}
	perChapter := questions / chapters
	extra := questions % chapters
	for i := range chapters {
		id := fmt.Sprintf("chapter-%04d", i+1)
		name := fmt.Sprintf("%04d-%s", i+1, id)
		fsys[name+".md"] = &fstest.MapFile{Data: []byte(chapterText(i+1, id))}
		n := perChapter
		if i < extra {
			n++
		}
		if n > 0 {
			fsys[name+".quiz.yaml"] = &fstest.MapFile{Data: []byte(quizText(id, n))}
		}
	}
	return fsys
}

func chapterText(n int, id string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntitle: Generated chapter %d about servers and requests\n", id, n)
	fmt.Fprintf(&b, "summary: Chapter %d of a generated course, for measuring load time.\norder: %d\n---\n\n", n, n)
	fmt.Fprintf(&b, "# Generated chapter %d\n\n", n)
	for s := range 3 {
		fmt.Fprintf(&b, "## Section %d\n\n", s+1)
		b.WriteString(strings.Repeat("A server receives a request, reads what it needs from a database and sends a response back to the client. ", 6))
		b.WriteString("\n\n- one point\n- another point with `code`\n- a third point\n\n")
		b.WriteString("```go\nfunc handler(w http.ResponseWriter, r *http.Request) {\n    fmt.Fprintln(w, \"hello\")\n}\n```\n\n")
		b.WriteString("| method | meaning |\n| --- | --- |\n| GET | read |\n| POST | create |\n\n")
	}
	return b.String()
}

func quizText(chapter string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "chapter: %s\npass_mark: 70\nquestions:\n", chapter)
	for q := range n {
		id := fmt.Sprintf("%s-q%03d", chapter, q+1)
		switch q % 5 {
		case 0:
			fmt.Fprintf(&b, "  - id: %s\n    kind: single\n    prompt: Which of these runs on the server in question %d?\n", id, q+1)
			b.WriteString("    options:\n      - text: The CSS rules of a button\n      - text: A SQL query for the user's orders\n        correct: true\n      - text: A JavaScript carousel\n      - text: The browser's address bar\n")
			b.WriteString("    hint: Which one needs the database?\n")
		case 1:
			fmt.Fprintf(&b, "  - id: %s\n    kind: multi\n    prompt: Which are backend jobs (question %d)? Choose all that apply.\n", id, q+1)
			b.WriteString("    options:\n      - text: Checking a password\n        correct: true\n      - text: Saving an order\n        correct: true\n      - text: Choosing a font colour\n")
		case 2:
			fmt.Fprintf(&b, "  - id: %s\n    kind: truefalse\n    prompt: The browser sends SQL straight to the database (question %d).\n    answer: false\n", id, q+1)
		case 3:
			fmt.Fprintf(&b, "  - id: %s\n    kind: typed\n    prompt: What do we call a developer who works on both ends (question %d)?\n", id, q+1)
			b.WriteString("    accept: [full-stack, full stack, fullstack]\n")
		case 4:
			fmt.Fprintf(&b, "  - id: %s\n    kind: order\n    prompt: Put the steps of a request in order (question %d).\n", id, q+1)
			b.WriteString("    items:\n      - The browser sends the request\n      - Server code reads the database\n      - The server sends the response\n")
		}
		b.WriteString("    explanation: >\n      The server holds the data and the secrets, so the work that needs them\n      runs there; the browser only shows the result.\n")
	}
	return b.String()
}

// Progress writes a progress file at path holding at least answers saved
// answers, spread over the course's chapters as finished attempts of each
// chapter's whole quiz (the last attempt of each chapter left open), with
// chapter summaries that agree with the history. It writes with bbolt
// directly, in a few large transactions: through progress.Store every
// answer would be its own fsync. The layout is the one progress/doc.go
// documents; progress.Open verifies the result, so a drift shows at once.
func Progress(path string, course *content.Course, answers int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	var quizzed []*content.Chapter
	for _, ch := range course.Chapters {
		if ch.QuestionCount() > 0 {
			quizzed = append(quizzed, ch)
		}
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists([]byte("meta"))
		if err != nil {
			return err
		}
		if err := meta.Put([]byte("schema"), []byte(fmt.Sprint(progress.SchemaVersion))); err != nil {
			return err
		}
		profile, err := bucketAt(tx, "profiles", progress.DefaultProfile)
		if err != nil {
			return err
		}
		if err := profile.Put([]byte("welcomed"), []byte("1")); err != nil {
			return err
		}
		for _, name := range []string{"chapters", "attempts", "labs", "cards", "questions", "studied"} {
			if _, err := bucketAt(tx, guidePath(name)...); err != nil {
				return err
			}
		}
		if len(quizzed) > 0 {
			last, _ := json.Marshal(progress.Place{Screen: "chapter", ChapterID: quizzed[0].ID})
			return profile.Put([]byte("last"), last)
		}
		return nil
	})
	if err != nil || len(quizzed) == 0 {
		return err
	}
	records := map[string]*progress.ChapterRecord{}
	// The question summaries and studied quarter hours (schema 4), as
	// answering through progress.Store would leave them.
	sums := map[string]map[string]progress.QuestionSummary{}
	studied := map[int64]bool{}
	next := map[string]uint64{}
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	written := 0
	for round := 0; written < answers; round++ {
		// One transaction per round over all chapters keeps memory bounded.
		err := db.Update(func(tx *bolt.Tx) error {
			for _, ch := range quizzed {
				if written >= answers {
					break
				}
				b, err := bucketAt(tx, guidePath("attempts", ch.ID)...)
				if err != nil {
					return err
				}
				next[ch.ID]++
				id := next[ch.ID]
				at := start.Add(time.Duration(written) * time.Minute)
				a := progress.Attempt{ID: id, ChapterID: ch.ID, ContentHash: ch.Hash, Started: at, Shuffles: map[string][]int{}}
				right := 0
				for qi, q := range ch.Quiz.Questions {
					a.Order = append(a.Order, q.ID)
					a.Shuffles[q.ID] = []int{2, 0, 3, 1}
					ok := (qi+round)%4 != 0
					if ok {
						right++
					}
					ans := progress.Answer{QuestionID: q.ID, QuestionHash: q.Hash,
						Given: []string{"an answer the learner gave"}, Correct: ok, At: at.Add(time.Duration(qi) * time.Second)}
					a.Answers = append(a.Answers, ans)
					if sums[ch.ID] == nil {
						sums[ch.ID] = map[string]progress.QuestionSummary{}
					}
					sum := sums[ch.ID][q.ID]
					sum.Answered++
					if !ok {
						sum.Missed++
					}
					sum.Hash, sum.Last = q.Hash, ans.At
					sums[ch.ID][q.ID] = sum
					studied[ans.At.Truncate(15*time.Minute).Unix()] = true
				}
				written += len(a.Answers)
				r := records[ch.ID]
				if r == nil {
					r = &progress.ChapterRecord{ID: ch.ID, ContentHash: ch.Hash, Furthest: 100}
					records[ch.ID] = r
				}
				r.Answered += len(a.Answers)
				if written >= answers {
					r.OpenAttempt = id // the last one stays open
				} else {
					fin := at.Add(10 * time.Minute)
					a.Finished = &fin
					a.Score = content.Score(right, len(ch.Quiz.Questions))
					a.Passed = ch.Quiz.Passed(a.Score)
					r.Attempts++
					r.LastScore = a.Score
					r.BestScore = max(r.BestScore, a.Score)
					r.Passed = r.Passed || a.Passed
				}
				v, err := json.Marshal(a)
				if err != nil {
					return err
				}
				var k [8]byte
				binary.BigEndian.PutUint64(k[:], id)
				if err := b.Put(k[:], v); err != nil {
					return err
				}
				if err := b.SetSequence(id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for id, r := range records {
			v, err := json.Marshal(r)
			if err != nil {
				return err
			}
			chapters, err := bucketAt(tx, guidePath("chapters")...)
			if err != nil {
				return err
			}
			if err := chapters.Put([]byte(id), v); err != nil {
				return err
			}
		}
		for ch, qs := range sums {
			b, err := bucketAt(tx, guidePath("questions", ch)...)
			if err != nil {
				return err
			}
			for q, sum := range qs {
				v, err := progress.EncodeSummary(sum)
				if err != nil {
					return err
				}
				if err := b.Put([]byte(q), v); err != nil {
					return err
				}
			}
		}
		b, err := bucketAt(tx, guidePath("studied")...)
		if err != nil {
			return err
		}
		for slot := range studied {
			var k [8]byte
			binary.BigEndian.PutUint64(k[:], uint64(slot))
			if err := b.Put(k[:], []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return db.Sync()
}

// guidePath is the path of a bucket in the default profile's guide pack.
func guidePath(names ...string) []string {
	return append([]string{"profiles", progress.DefaultProfile, "packs", progress.DefaultPack}, names...)
}

// bucketAt is the nested bucket at path, made if missing.
func bucketAt(tx *bolt.Tx, path ...string) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists([]byte(path[0]))
	for _, name := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists([]byte(name))
	}
	return b, err
}
