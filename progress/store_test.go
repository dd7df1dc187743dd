package progress

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func tempPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "data", "backend-tutor", "progress.db")
}

func mustOpen(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	if !s.Writable() {
		t.Fatalf("store not writable: %s", s.Warning())
	}
	return s
}

// guide is where the default profile's guide records live (schema 3).
const guide = "profiles/default/packs/guide/"

// nested is the bucket at a slash-separated path, made if missing.
func nested(t testing.TB, tx *bolt.Tx, path string) *bolt.Bucket {
	t.Helper()
	names := strings.Split(strings.Trim(path, "/"), "/")
	b, err := tx.CreateBucketIfNotExists([]byte(names[0]))
	for _, n := range names[1:] {
		must(t, err)
		b, err = b.CreateBucketIfNotExists([]byte(n))
	}
	must(t, err)
	return b
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func answer(q string, correct bool, given ...string) Answer {
	return Answer{QuestionID: q, QuestionHash: "qh-" + q, Given: given, Correct: correct}
}

// Proves: everything saved comes back through a brand-new Open of the same
// path, including an unfinished attempt (answers, order, shuffles) that the
// chapter record still points to.
func TestSaveReopenReadBack(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 0 || snap.Last != nil || snap.Welcomed {
		t.Fatalf("fresh snapshot not empty: %+v", snap)
	}

	must(t, s.SetWelcomed())
	must(t, s.SaveReading("http", "h1", 120, 40))
	must(t, s.SaveReading("http", "h2", 30, 20)) // scrolled back: Line moves, Furthest stays
	order := []string{"q1", "q2", "q3"}
	shuffles := map[string][]int{"q1": {2, 0, 1}, "q3": {1, 0}}
	a, err := s.StartAttempt("sql", "sh", order, shuffles)
	must(t, err)
	if a.ID != 1 {
		t.Fatalf("first attempt id = %d, want 1", a.ID)
	}
	must(t, s.SaveAnswer("sql", a.ID, answer("q2", true, "SELECT")))
	must(t, s.SaveAnswer("sql", a.ID, answer("q1", false, "b")))

	s2 := mustOpen(t, path) // "restart the tutor"
	snap, err = s2.Snapshot()
	must(t, err)
	if !snap.Welcomed {
		t.Error("Welcomed lost")
	}
	if snap.Last == nil || *snap.Last != (Place{Screen: "quiz", ChapterID: "sql"}) {
		t.Errorf("Last = %+v, want quiz/sql", snap.Last)
	}
	http := snap.Chapters["http"]
	if http.Line != 30 || http.Furthest != 40 || http.ContentHash != "h2" {
		t.Errorf("http record = %+v, want line 30, furthest 40, hash h2", http)
	}
	sql := snap.Chapters["sql"]
	if sql.OpenAttempt != a.ID || sql.Answered != 2 || sql.Attempts != 0 {
		t.Errorf("sql record = %+v, want open attempt %d, answered 2, attempts 0", sql, a.ID)
	}
	got, err := s2.Attempt("sql", sql.OpenAttempt)
	must(t, err)
	if got.Finished != nil || len(got.Answers) != 2 || got.Answers[0].QuestionID != "q2" ||
		strings.Join(got.Order, ",") != "q1,q2,q3" || fmt.Sprint(got.Shuffles["q1"]) != "[2 0 1]" {
		t.Errorf("resumed attempt = %+v", got)
	}
	if got.Answers[1].At.IsZero() {
		t.Error("answer time not set")
	}
	// The resumed attempt can be continued and finished after the reopen.
	must(t, s2.SaveAnswer("sql", a.ID, answer("q3", true, "x")))
	rec, err := s2.FinishAttempt("sql", a.ID, 67, false)
	must(t, err)
	if rec.Answered != 3 || rec.Attempts != 1 || rec.OpenAttempt != 0 {
		t.Errorf("after finish: %+v", rec)
	}
}

// Proves: the aggregates are derived right over several attempts (40, 80,
// 60 against a pass mark of 70), Answered counts every saved answer
// including an unfinished attempt, a re-answer is kept after the first
// (the last one counts) without double counting, ids grow from 1 per chapter, and Attempts lists in id order.
func TestAggregatesOverAttempts(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	const passMark = 70
	order := []string{"a", "b"}
	for i, score := range []int{40, 80, 60} {
		at, err := s.StartAttempt("ch", "h", order, nil)
		must(t, err)
		if at.ID != uint64(i+1) {
			t.Fatalf("attempt id = %d, want %d", at.ID, i+1)
		}
		must(t, s.SaveAnswer("ch", at.ID, answer("a", false, "1")))
		must(t, s.SaveAnswer("ch", at.ID, answer("a", true, "2"))) // the last answer counts
		must(t, s.SaveAnswer("ch", at.ID, answer("b", true, "3")))
		_, err = s.FinishAttempt("ch", at.ID, score, score >= passMark)
		must(t, err)
	}
	open, err := s.StartAttempt("ch", "h", order, nil)
	must(t, err)
	must(t, s.SaveAnswer("ch", open.ID, answer("b", true, "x")))

	other, err := s.StartAttempt("other", "h", order, nil)
	must(t, err)
	if other.ID != 1 {
		t.Errorf("ids are per chapter: got %d for a new chapter", other.ID)
	}

	snap, err := s.Snapshot()
	must(t, err)
	r := snap.Chapters["ch"]
	want := ChapterRecord{ID: "ch", ContentHash: "h", Answered: 7, Attempts: 3, BestScore: 80, LastScore: 60, Passed: true, OpenAttempt: 4}
	if r != want {
		t.Errorf("record = %+v\nwant       %+v", r, want)
	}
	all, err := s.Attempts("ch")
	must(t, err)
	if len(all) != 4 {
		t.Fatalf("%d attempts, want 4", len(all))
	}
	for i, a := range all {
		if a.ID != uint64(i+1) {
			t.Errorf("attempt %d has id %d: not in id order", i, a.ID)
		}
	}
	if len(all[0].Answers) != 3 || LastAnswers(all[0])["a"].Given[0] != "2" {
		t.Errorf("re-answer not kept in submit order: %+v", all[0].Answers)
	}
	if all[1].Score != 80 || !all[1].Passed || all[1].Finished == nil {
		t.Errorf("attempt 2 = %+v", all[1])
	}
}

// Proves: attempt state rules. Unknown ids and questions are errors, a new
// StartAttempt leaves the open one open, closed attempts still keep
// answers, DropAttempt keeps answers and clears OpenAttempt, and finishing
// twice does not count twice.
func TestAttemptLifecycle(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	at, err := s.StartAttempt("ch", "h", []string{"a", "b"}, nil)
	must(t, err)
	if err := s.SaveAnswer("ch", at.ID, answer("zzz", true)); err == nil {
		t.Error("answer to a question outside the attempt accepted")
	}
	if _, err := s.Attempt("ch", 99); !errors.Is(err, ErrNoAttempt) {
		t.Errorf("Attempt(99) err = %v, want ErrNoAttempt", err)
	}
	if err := s.SaveAnswer("nope", 1, answer("a", true)); !errors.Is(err, ErrNoAttempt) {
		t.Errorf("SaveAnswer to missing chapter err = %v", err)
	}
	if _, err := s.FinishAttempt("ch", at.ID, 101, true); err == nil {
		t.Error("score 101 accepted")
	}
	must(t, s.SaveAnswer("ch", at.ID, answer("a", true)))

	// Starting again while one is open leaves it open (another tutor may be
	// answering it), and it still takes answers.
	at2, err := s.StartAttempt("ch", "h", []string{"a", "b"}, nil)
	must(t, err)
	first, err := s.Attempt("ch", at.ID)
	must(t, err)
	if first.Abandoned || len(first.Answers) != 1 {
		t.Errorf("first attempt after a second start = %+v", first)
	}
	must(t, s.DropAttempt("ch", at.ID))
	// An answer to an abandoned attempt is kept, not refused.
	must(t, s.SaveAnswer("ch", at.ID, answer("b", true)))
	if first, _ = s.Attempt("ch", at.ID); len(first.Answers) != 2 {
		t.Errorf("answer to an abandoned attempt not kept: %+v", first)
	}

	must(t, s.SaveAnswer("ch", at2.ID, answer("b", true)))
	must(t, s.DropAttempt("ch", at2.ID))
	must(t, s.DropAttempt("ch", at2.ID)) // idempotent
	snap, err := s.Snapshot()
	must(t, err)
	if r := snap.Chapters["ch"]; r.OpenAttempt != 0 || r.Answered != 3 || r.Attempts != 0 {
		t.Errorf("after drop: %+v", r)
	}
	dropped, err := s.Attempt("ch", at2.ID)
	must(t, err)
	if !dropped.Abandoned || len(dropped.Answers) != 1 {
		t.Errorf("dropped attempt = %+v", dropped)
	}

	at3, err := s.StartAttempt("ch", "h", []string{"a"}, nil)
	must(t, err)
	_, err = s.FinishAttempt("ch", at3.ID, 100, true)
	must(t, err)
	// Finishing twice (two tutors) scores again without counting twice.
	if rec, err := s.FinishAttempt("ch", at3.ID, 50, false); err != nil || rec.Attempts != 1 || rec.LastScore != 50 || rec.BestScore != 100 {
		t.Errorf("finishing twice: %+v, %v", rec, err)
	}
	// Dropping a finished attempt (another tutor finished it) changes nothing.
	must(t, s.DropAttempt("ch", at3.ID))
	if fin, _ := s.Attempt("ch", at3.ID); fin.Abandoned || fin.Finished == nil {
		t.Errorf("dropping a finished attempt changed it: %+v", fin)
	}
	if err := s.SaveLast(Place{Screen: "home", ChapterID: "ch"}); err == nil {
		t.Error("SaveLast accepted an unknown screen")
	}
	if err := Check(s.Path()); err != nil {
		t.Errorf("Check after lifecycle: %v", err)
	}
}

// Proves: two Stores on one path (two tutor processes: flock is per open
// file description, so in-process handles contend exactly like processes)
// work interleaved and concurrently, and each sees the other's writes.
func TestTwoStoresSamePath(t *testing.T) {
	path := tempPath(t)
	s1 := mustOpen(t, path)
	s2 := mustOpen(t, path)
	for i := range 5 {
		must(t, s1.SaveReading("one", "h", i, i*10))
		must(t, s2.SaveReading("two", "h", i, i*10))
		snap, err := s1.Snapshot()
		must(t, err)
		if snap.Chapters["two"].Line != i {
			t.Fatalf("s1 does not see s2's write %d", i)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, s := range []*Store{s1, s2} {
		wg.Go(func() {
			for i := range 10 {
				id := fmt.Sprintf("c-%p-%d", s, i)
				if err := s.SaveReading(id, "h", 1, 1); err != nil {
					errs <- err
					return
				}
				if _, err := s.Snapshot(); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	snap, err := s2.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 22 {
		t.Errorf("%d chapters, want 22", len(snap.Chapters))
	}
}

// Proves: a lock held by someone else beyond the timeout becomes ErrLocked
// (naming the path) for writes, reads and Open, not a hang. The timeout is
// shortened for the test: what is checked is the outcome, not the clock.
func TestLockedFile(t *testing.T) {
	if lockTimeout != 2*time.Second {
		t.Fatalf("lockTimeout = %v; the documented wait is 2 s", lockTimeout)
	}
	defer func(d time.Duration) { lockTimeout = d }(lockTimeout)
	lockTimeout = 20 * time.Millisecond
	path := tempPath(t)
	s := mustOpen(t, path)
	must(t, s.SaveReading("ch", "h", 1, 1))
	holder, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	defer holder.Close()

	check := func(name string, f func() error) {
		t.Helper()
		err := f()
		if !errors.Is(err, ErrLocked) {
			t.Errorf("%s: err = %v, want ErrLocked", name, err)
			return
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: message does not name the path: %v", name, err)
		}
	}
	check("SaveLast", func() error { return s.SaveLast(Place{Screen: "chapter", ChapterID: "ch"}) })
	check("Snapshot", func() error { _, err := s.Snapshot(); return err })
	check("Open", func() error { _, err := Open(path); return err })

	must(t, holder.Close())
	must(t, s.SaveLast(Place{Screen: "chapter", ChapterID: "ch"}))
}

// Proves: MoveAside renames the file (keeping its bytes) to
// path.damaged-<time>, and a fresh Open then works.
func TestMoveAsideThenFreshOpen(t *testing.T) {
	path := tempPath(t)
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, []byte("hello"), 0o600))
	if _, err := Open(path); err == nil {
		t.Fatal("Open accepted a text file")
	}
	moved, err := MoveAside(path)
	must(t, err)
	if !strings.HasPrefix(moved, path+".damaged-") || len(moved) != len(path+".damaged-20060102-150405") {
		t.Errorf("moved to %q", moved)
	}
	if b, err := os.ReadFile(moved); err != nil || string(b) != "hello" {
		t.Errorf("moved file content %q, %v", b, err)
	}
	// A second damaged file in the same second does not clobber the first.
	must(t, os.WriteFile(path, []byte("again"), 0o600))
	moved2, err := MoveAside(path)
	must(t, err)
	if moved2 == moved {
		t.Error("second MoveAside reused the name")
	}
	s := mustOpen(t, path)
	must(t, s.SaveReading("ch", "h", 1, 1))
	must(t, Check(path))
}

// Proves: a file removed behind a running store's back (doctor --reset in
// another terminal) is recreated properly on the next save.
func TestFileRemovedWhileOpen(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	must(t, s.SaveReading("ch", "h", 1, 1))
	_, err := MoveAside(path)
	must(t, err)
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Chapters) != 0 {
		t.Errorf("snapshot of a missing file = %+v", snap)
	}
	must(t, s.SaveReading("ch2", "h", 1, 1))
	must(t, Check(path))
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	if p, err := DefaultPath(); err != nil || p != "/xdg/data/backend-tutor/progress.db" {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/learner")
	if p, err := DefaultPath(); err != nil || p != "/home/learner/.local/share/backend-tutor/progress.db" {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
}

// Proves (issue 8 item 2): two Stores on one file answer one attempt. The
// second reads the file's current state (OpenAttempt) and finds the first's
// attempt; every answer from both is kept in submit order, none refused;
// a second start leaves the attempt open; the finish grades each question's
// last answer.
func TestTwoStoresOneAttempt(t *testing.T) {
	path := tempPath(t)
	a, b := mustOpen(t, path), mustOpen(t, path)
	at, err := a.StartAttempt("ch", "h", []string{"q1", "q2"}, nil)
	must(t, err)
	open, ok, err := b.OpenAttempt("ch")
	must(t, err)
	if !ok || open.ID != at.ID || open.UID != at.UID {
		t.Fatalf("B does not see A's open attempt: %+v %v", open, ok)
	}
	must(t, a.SaveAnswer("ch", at.ID, Answer{ID: NewID(), QuestionID: "q1", Correct: false}))
	must(t, b.SaveAnswer("ch", at.ID, Answer{ID: NewID(), QuestionID: "q1", Correct: true}))
	must(t, b.SaveAnswer("ch", at.ID, Answer{ID: NewID(), QuestionID: "q2", Correct: true}))
	must(t, a.SaveAnswer("ch", at.ID, Answer{ID: NewID(), QuestionID: "q2", Correct: false}))
	res, err := b.Apply(Op{Kind: OpFinish, Chapter: "ch", Attempt: at.ID, AttemptUID: at.UID,
		Questions: map[string]string{"q1": "", "q2": ""}, PassMark: 50})
	must(t, err)
	// A answers after B finished: kept, not refused.
	must(t, a.SaveAnswer("ch", at.ID, Answer{ID: NewID(), QuestionID: "q1", Correct: true}))
	got, err := a.Attempt("ch", at.ID)
	must(t, err)
	var order []string
	for _, x := range got.Answers {
		order = append(order, fmt.Sprintf("%s:%v", x.QuestionID, x.Correct))
	}
	if strings.Join(order, " ") != "q1:false q1:true q2:true q2:false q1:true" {
		t.Errorf("answers not kept in submit order: %v", order)
	}
	if res.Attempt.Score != 50 || !res.Attempt.Passed || res.Record.Attempts != 1 || res.Record.Answered != 2 {
		t.Errorf("finish did not grade the last answers (q1 right, q2 wrong): %+v", res)
	}
	if _, ok, _ := a.OpenAttempt("ch"); ok {
		t.Error("a finished attempt is still offered")
	}
}

// Proves (issue 8 item 1): an Op applied twice changes nothing more (a
// retried save, a recovery file merged again): the start finds its attempt
// by UID, the answer is stored once, a finish counts once.
func TestApplyIsIdempotent(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	start := Op{Kind: OpStart, Chapter: "ch", AttemptUID: NewID(), ContentHash: "h", Order: []string{"q1"}}
	ans := Op{Kind: OpAnswer, Chapter: "ch", AttemptUID: start.AttemptUID, Order: start.Order,
		Answer: &Answer{ID: NewID(), QuestionID: "q1", Correct: true}}
	fin := Op{Kind: OpFinish, Chapter: "ch", AttemptUID: start.AttemptUID, Questions: map[string]string{"q1": ""}, PassMark: 100}
	for range 2 {
		for _, op := range []Op{start, ans, fin} {
			if _, err := s.Apply(op); err != nil {
				t.Fatalf("%s: %v", op.Kind, err)
			}
		}
	}
	atts, err := s.Attempts("ch")
	must(t, err)
	snap, err := s.Snapshot()
	must(t, err)
	r := snap.Chapters["ch"]
	if len(atts) != 1 || len(atts[0].Answers) != 1 || r.Answered != 1 || r.Attempts != 1 || !r.Passed {
		t.Fatalf("replayed ops counted twice: %+v %+v", atts, r)
	}
	// An answer whose attempt is gone (the file was reset) recreates it.
	lost := Op{Kind: OpAnswer, Chapter: "other", AttemptUID: NewID(), Order: []string{"q1"},
		Answer: &Answer{ID: NewID(), QuestionID: "q1"}}
	if _, err := s.Apply(lost); err != nil {
		t.Fatal(err)
	}
	if atts, _ := s.Attempts("other"); len(atts) != 1 || len(atts[0].Answers) != 1 {
		t.Fatalf("answer without its attempt: %+v", atts)
	}
}

// Proves: recovery files are written beside the progress file as
// <db>.recovery-<pid>-<time>, merged in name order and deleted; a broken
// one is kept and named in the error while the others still merge; a
// half-written (.tmp) one is left alone.
func TestRecoveryFiles(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	name, err := s.WriteRecovery([]Op{{Kind: OpReading, Chapter: "ch", Line: 7, Percent: 40}})
	must(t, err)
	if !strings.HasPrefix(name, fmt.Sprintf("%s.recovery-%d-", path, os.Getpid())) {
		t.Errorf("recovery file named %s", name)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("recovery file mode: %v %v", fi, err)
	}
	broken := path + ".recovery-1-x"
	must(t, os.WriteFile(broken, []byte("{\"op\":\"reading\",\"chapter\":\"ch\"}\nnot json\n"), 0o600))
	tmp := path + ".recovery-2-y.tmp"
	must(t, os.WriteFile(tmp, []byte("half"), 0o600))

	n, err := s.MergeRecovery()
	if n != 1 || err == nil || !strings.Contains(err.Error(), broken) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("merge = %d, %v; want 1 change and the broken file named", n, err)
	}
	snap, err2 := s.Snapshot()
	must(t, err2)
	if r := snap.Chapters["ch"]; r.Line != 7 || r.Furthest != 40 {
		t.Errorf("merged record = %+v", r)
	}
	for f, want := range map[string]bool{name: false, broken: true, tmp: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", f, err == nil, want)
		}
	}
}

// Proves: a change the file refuses (here an answer to a question outside
// its attempt) is skipped when a recovery file is merged, the rest of the
// file is applied, and the file is deleted: one bad line cannot keep every
// answer in it out for ever.
func TestRecoveryRefusedChangeSkipped(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	uid := NewID()
	ops := []Op{
		{Kind: OpStart, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"}},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Answer: &Answer{ID: NewID(), QuestionID: "nope"}},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Answer: &Answer{ID: NewID(), QuestionID: "q1", Correct: true}},
	}
	name, err := s.WriteRecovery(ops)
	must(t, err)
	n, err := s.MergeRecovery()
	if n != 2 || err == nil || !Permanent(err) || !strings.Contains(err.Error(), "change 2") {
		t.Errorf("merge = %d, %v; want 2 applied and change 2 reported", n, err)
	}
	if _, err := os.Stat(name); err == nil {
		t.Error("the merged recovery file was kept")
	}
	atts, err := s.Attempts("ch")
	must(t, err)
	if len(atts) != 1 || len(atts[0].Answers) != 1 || atts[0].Answers[0].QuestionID != "q1" {
		t.Errorf("attempts after merge: %+v", atts)
	}
}

// Proves: a recovery file whose write fails halfway (the disk filling
// up) leaves no .tmp behind, and the error says what failed.
func TestRecoveryWriteFailureLeavesNoTemp(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	full := errors.New("no space left on device")
	old := writeRecoveryFile
	writeRecoveryFile = func(f *os.File, b []byte) error {
		f.Write(b[:len(b)/2])
		return full
	}
	t.Cleanup(func() { writeRecoveryFile = old })
	if _, err := s.WriteRecovery([]Op{{Kind: OpReading, Chapter: "ch", Line: 7, Percent: 40}}); !errors.Is(err, full) {
		t.Fatalf("WriteRecovery = %v, want the write's error", err)
	}
	if left, _ := filepath.Glob(path + ".recovery-*"); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// Proves: a recovery .tmp left by a tutor that stopped while writing it
// (a crash: no rename, its last line cut) is merged at the next start —
// its complete lines — and removed; one written just now (another tutor's,
// in progress) is left alone. The age comes from the file's time, set by
// hand: nothing waits.
func TestStaleRecoveryTempMergedAndRemoved(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	lines, err := s.RecoveryLines([]Op{
		{Kind: OpReading, Chapter: "ch", Line: 7, Percent: 40},
		{Kind: OpReading, Chapter: "other", Line: 3, Percent: 10},
	})
	must(t, err)
	stale := path + ".recovery-1-20260101-000000.000000000.tmp"
	must(t, os.WriteFile(stale, []byte(lines+`{"op":"reading","chap`), 0o600))
	hourAgo := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(stale, hourAgo, hourAgo))
	fresh := path + ".recovery-2-20260101-000000.000000000.tmp"
	must(t, os.WriteFile(fresh, []byte(lines), 0o600))

	n, err := s.MergeRecovery()
	if n != 2 || err != nil {
		t.Fatalf("merge = %d, %v; want the stale file's 2 complete changes", n, err)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if snap.Chapters["ch"].Line != 7 || snap.Chapters["other"].Line != 3 {
		t.Errorf("merged records = %+v", snap.Chapters)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale .tmp was kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a .tmp being written now was touched: %v", err)
	}
}

// Proves: lines kept by hand (a full disk, KeepByHand) and saved by an
// editor that writes a byte order mark and CRLF line ends are merged, and
// a file past the size limit is refused for its size, not for the JSON
// cut at the limit.
func TestRecoveryByHandBOM(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	lines, err := s.RecoveryLines([]Op{{Kind: OpReading, Chapter: "ch", Line: 7, Percent: 40}})
	must(t, err)
	name := path + ".recovery-by-hand"
	must(t, os.WriteFile(name, []byte("\ufeff"+strings.ReplaceAll(lines, "\n", "\r\n")), 0o600))
	if n, err := s.MergeRecovery(); n != 1 || err != nil {
		t.Fatalf("merge = %d, %v", n, err)
	}
	big := path + ".recovery-9-big"
	line := []byte(strings.TrimSuffix(lines, "\n") + strings.Repeat(" ", 1000) + "\n")
	must(t, os.WriteFile(big, bytes.Repeat(line, maxRecoveryFile/len(line)+1), 0o600))
	if _, err := s.MergeRecovery(); err == nil || !strings.Contains(err.Error(), "larger than 8 MiB") {
		t.Errorf("merge of a %d-byte file: %v", maxRecoveryFile, err)
	}
}

// Proves: a recovery line whose answer the summary refuses (a question
// hash longer than any id) is refused whole: the answer was written into
// its attempt before the summary refused it, so the merge reported the
// change refused while its answer stayed, with no summary or count.
func TestRecoveryRefusedAnswerWritesNothing(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	uid := NewID()
	ops := []Op{
		{Kind: OpStart, Chapter: "ch", AttemptUID: uid, Order: []string{"q1"}},
		{Kind: OpAnswer, Chapter: "ch", AttemptUID: uid, Answer: &Answer{ID: NewID(), QuestionID: "q1", QuestionHash: strings.Repeat("h", maxIDLen+1)}},
	}
	_, err := s.WriteRecovery(ops)
	must(t, err)
	if n, err := s.MergeRecovery(); n != 1 || !Permanent(err) {
		t.Fatalf("merge = %d, %v; want the start applied and the answer refused", n, err)
	}
	atts, err := s.Attempts("ch")
	must(t, err)
	if len(atts) != 1 || len(atts[0].Answers) != 0 {
		t.Errorf("a refused answer was written: %+v", atts)
	}
	if _, err := Open(path); err != nil {
		t.Errorf("the file does not open after the merge: %v", err)
	}
}
