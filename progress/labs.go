package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Lab checks live in labs/<labID>/: the key "record" holds the lab's
// LabRecord (its running summary, updated in the same transaction as every
// check, like ChapterRecord), and the bucket "checks" every LabCheck keyed
// by its ID. Keying by the check's own random id makes a retried save or a
// recovery file merged twice store the check once, with no scan.

var (
	keyLabRecord    = []byte("record")
	bucketLabChecks = []byte("checks")
)

// LabCheck is one run of `lab check` (or `c` on the tutor's Labs screen).
type LabCheck struct {
	ID          string    `json:"id"` // NewID: makes saving it idempotent
	Lab         string    `json:"lab"`
	At          time.Time `json:"at"`
	ContentHash string    `json:"content_hash"` // of the lab spec the check ran
	URL         string    `json:"url,omitempty"`
	StepsPassed int       `json:"steps_passed"`
	Steps       int       `json:"steps"`
	// FirstFailing is the 1-based number of the step that failed, 0 when
	// none did; FailName and FailReason say what it was and why.
	FirstFailing int    `json:"first_failing,omitempty"`
	FailName     string `json:"fail_name,omitempty"`
	FailReason   string `json:"fail_reason,omitempty"`
	// Sample marks a check against the built-in sample server: saved, so
	// the history is complete, but never a pass.
	Sample bool `json:"sample,omitempty"`
	Passed bool `json:"passed"` // every step passed on the learner's own server
}

// LabRecord is the running summary of one lab's checks.
type LabRecord struct {
	ID              string     `json:"id"`
	Checks          int        `json:"checks"`
	Steps           int        `json:"steps"`             // of the latest check
	BestStepsPassed int        `json:"best_steps_passed"` // over checks of the learner's own server
	Passed          bool       `json:"passed"`
	PassedAt        *time.Time `json:"passed_at,omitempty"` // the first pass
	Last            *LabCheck  `json:"last,omitempty"`
}

func validateLabCheck(c LabCheck) error {
	if err := checkID("lab id", c.Lab); err != nil {
		return err
	}
	if err := checkID("check id", c.ID); err != nil {
		return err
	}
	switch {
	case c.Steps < 0 || c.StepsPassed < 0 || c.StepsPassed > c.Steps:
		return fmt.Errorf("lab %q check: %d of %d steps passed", c.Lab, c.StepsPassed, c.Steps)
	case c.FirstFailing < 0 || c.FirstFailing > c.Steps:
		return fmt.Errorf("lab %q check: failing step %d of %d", c.Lab, c.FirstFailing, c.Steps)
	case c.Passed && (c.Sample || c.StepsPassed != c.Steps || c.FirstFailing != 0):
		return fmt.Errorf("lab %q check: a pass must be every step on the learner's own server", c.Lab)
	}
	return nil
}

// SaveLabCheck records one check of a lab; see OpLabCheck.
func (s *Store) SaveLabCheck(c LabCheck) error {
	_, err := s.Apply(Op{Kind: OpLabCheck, LabCheck: &c})
	return err
}

// labCheckTx stores op.LabCheck and updates its lab's record, unless a
// check with its ID is stored already (a retry or a replay).
func labCheckTx(sc *scoped, op Op) error {
	c := *op.LabCheck
	if c.At.IsZero() {
		c.At = time.Now()
	}
	if err := validateLabCheck(c); err != nil {
		return refusedError{err}
	}
	lb, err := sc.labs.CreateBucketIfNotExists([]byte(c.Lab))
	if err != nil {
		return sc.damaged([][]byte{bucketLabs, []byte(c.Lab)}, err)
	}
	checks, err := lb.CreateBucketIfNotExists(bucketLabChecks)
	if err != nil {
		return sc.damaged([][]byte{bucketLabs, []byte(c.Lab), bucketLabChecks}, err)
	}
	if checks.Get([]byte(c.ID)) != nil {
		return nil
	}
	enc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if err := checks.Put([]byte(c.ID), enc); err != nil {
		return err
	}
	r, err := labRecord(sc, lb, c.Lab)
	if err != nil {
		return err
	}
	r.Checks++
	r.Steps = c.Steps
	if !c.Sample && c.StepsPassed > r.BestStepsPassed {
		r.BestStepsPassed = c.StepsPassed
	}
	if c.Passed && !r.Passed {
		r.Passed = true
		at := c.At
		r.PassedAt = &at
	}
	if r.Last == nil || !c.At.Before(r.Last.At) {
		last := c
		r.Last = &last
	}
	enc, err = json.Marshal(r)
	if err != nil {
		return err
	}
	return lb.Put(keyLabRecord, enc)
}

// labRecord reads a lab's record from its bucket (zero when none yet).
func labRecord(sc *scoped, lb *bolt.Bucket, id string) (LabRecord, error) {
	r := LabRecord{ID: id}
	v := lb.Get(keyLabRecord)
	if v == nil {
		return r, nil
	}
	if err := json.Unmarshal(v, &r); err != nil || r.ID != id {
		if err == nil {
			err = fmt.Errorf("record of lab %q says %q", id, r.ID)
		}
		return LabRecord{}, sc.damaged([][]byte{bucketLabs, []byte(id), keyLabRecord}, err)
	}
	return r, nil
}

// LabRecords reads every lab's record in s's scope, by lab id.
func (s *Store) LabRecords() (map[string]LabRecord, error) {
	out := map[string]LabRecord{}
	err := s.view(func(sc *scoped) error { return labRecordsTx(sc, out) })
	if isMissing(err) {
		return out, nil
	}
	return out, err
}

func labRecordsTx(sc *scoped, out map[string]LabRecord) error {
	if sc.labs == nil {
		return nil
	}
	return sc.labs.ForEach(func(k, v []byte) error {
		lb := sc.labs.Bucket(k)
		if lb == nil {
			return sc.damaged([][]byte{bucketLabs, k}, errNotBucket)
		}
		r, err := labRecord(sc, lb, string(k))
		if err == nil {
			out[r.ID] = r
		}
		return err
	})
}

// LabChecks reads every check of one lab, oldest first.
func (s *Store) LabChecks(labID string) ([]LabCheck, error) {
	var out []LabCheck
	err := s.view(func(sc *scoped) error {
		if sc.labs == nil {
			return nil
		}
		lb := sc.labs.Bucket([]byte(labID))
		if lb == nil {
			return nil
		}
		cb := lb.Bucket(bucketLabChecks)
		if cb == nil {
			return nil
		}
		return cb.ForEach(func(k, v []byte) error {
			var c LabCheck
			if err := json.Unmarshal(v, &c); err != nil {
				return sc.damaged([][]byte{bucketLabs, []byte(labID), bucketLabChecks, k}, err)
			}
			out = append(out, c)
			return nil
		})
	})
	if isMissing(err) {
		err = nil
	}
	slices.SortStableFunc(out, func(a, b LabCheck) int { return a.At.Compare(b.At) })
	return out, err
}

// checkLabs checks a pack's labs: each lab's record (one per lab, cheap)
// and, in a full check, every check of it.
func checkLabs(sc *scoped, where string, full bool) error {
	if sc.labs == nil {
		return nil
	}
	return sc.labs.ForEach(func(k, v []byte) error {
		lb := sc.labs.Bucket(k)
		if lb == nil {
			return &DamagedError{Path: sc.path, Reason: where + fmt.Sprintf("labs/%q %v", k, errNotBucket)}
		}
		if _, err := labRecord(sc, lb, string(k)); err != nil {
			return err
		}
		cb := lb.Bucket(bucketLabChecks)
		if !full || cb == nil {
			return nil
		}
		return cb.ForEach(func(ck, cv []byte) error {
			var c LabCheck
			err := json.Unmarshal(cv, &c)
			if err == nil {
				err = validateLabCheck(c)
			}
			if err != nil {
				return &DamagedError{Path: sc.path, Reason: where + fmt.Sprintf("lab %q check %q: %v", k, ck, err)}
			}
			return nil
		})
	})
}

var errNoLabCheck = errors.New("lab check change without a check")
