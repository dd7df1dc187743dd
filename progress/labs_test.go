package progress

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A lab check is one Op: applying it again (a retried save) or merging
// its recovery file twice stores it once; the record keeps the best run
// of the learner's own server and the first pass; the sample server is
// never a pass.
func TestLabChecks(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	fail := LabCheck{ID: NewID(), Lab: "hello-server", At: t0, ContentHash: "h1", StepsPassed: 2, Steps: 3, FirstFailing: 3, FailName: "GET /x", FailReason: "200 not 404"}
	for range 2 {
		if err := s.SaveLabCheck(fail); err != nil {
			t.Fatal(err)
		}
	}
	sample := LabCheck{ID: NewID(), Lab: "hello-server", At: t0.Add(time.Minute), StepsPassed: 3, Steps: 3, Sample: true}
	if err := s.SaveLabCheck(sample); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLabCheck(LabCheck{ID: NewID(), Lab: "hello-server", StepsPassed: 3, Steps: 3, Sample: true, Passed: true}); err == nil {
		t.Error("a pass on the sample server was accepted")
	}
	recs, err := s.LabRecords()
	if err != nil {
		t.Fatal(err)
	}
	r := recs["hello-server"]
	if r.Checks != 2 || r.BestStepsPassed != 2 || r.Passed || r.PassedAt != nil || r.Last == nil || !r.Last.Sample {
		t.Errorf("after a failing check (saved twice) and a sample one: %+v", r)
	}

	// A pass written to a recovery file and merged twice counts once.
	pass := LabCheck{ID: NewID(), Lab: "hello-server", At: t0.Add(2 * time.Minute), StepsPassed: 3, Steps: 3, Passed: true}
	for range 2 {
		if _, err := s.WriteRecovery([]Op{{Kind: OpLabCheck, LabCheck: &pass}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeRecovery(); err != nil {
			t.Fatal(err)
		}
	}
	recs, _ = s.LabRecords()
	r = recs["hello-server"]
	if r.Checks != 3 || !r.Passed || r.PassedAt == nil || !r.PassedAt.Equal(pass.At) || r.BestStepsPassed != 3 {
		t.Errorf("after a pass merged twice: %+v", r)
	}
	checks, err := s.LabChecks("hello-server")
	if err != nil || len(checks) != 3 || checks[0].ID != fail.ID || checks[2].ID != pass.ID {
		t.Errorf("LabChecks = %+v, %v", checks, err)
	}

	// Another pack's labs are its own.
	other, _ := s.Scope(DefaultProfile, "other")
	if recs, err := other.LabRecords(); err != nil || len(recs) != 0 {
		t.Errorf("other pack: %v, %v", recs, err)
	}
	var refused refusedError
	if err := s.SaveLabCheck(LabCheck{ID: NewID(), Lab: "", Steps: 1}); !errors.As(err, &refused) {
		t.Errorf("a check without a lab: %v", err)
	}
}

// A damaged lab record is found by the doctor, not only by the next read.
func TestDoctorFindsDamagedLabRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLabCheck(LabCheck{ID: NewID(), Lab: "hello-server", Steps: 3, StepsPassed: 1, FirstFailing: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.update(func(tx *bolt.Tx) error {
		sc, err := updateScope(tx, path, DefaultProfile, DefaultPack)
		if err != nil {
			return err
		}
		return sc.labs.Bucket([]byte("hello-server")).Put(keyLabRecord, []byte("{not json"))
	}); err != nil {
		t.Fatal(err)
	}
	var damaged *DamagedError
	if _, err := s.LabRecords(); !errors.As(err, &damaged) {
		t.Errorf("LabRecords on a damaged record: %v", err)
	}
	if err := Check(path); !errors.As(err, &damaged) || !strings.Contains(err.Error(), "hello-server") {
		t.Errorf("the doctor's check: %v", err)
	}
}
