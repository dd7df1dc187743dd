package progress

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Migrations move a file forward one schema version at a time.
// migrations[v] turns a version-v file into a version-v+1 file; they all run
// in the one write transaction that first touches an older file (see
// prepareWrite), followed by writing meta/schema = SchemaVersion, so a file
// is either fully migrated or untouched.
//
// Rules for adding one: bump SchemaVersion, append a function here, add a
// fixture test that builds a file in the old layout and checks that every
// record survives. Never edit a migration that has shipped.
//
// Schema 0 is the pre-release layout (never shipped, but it gives the
// mechanism a real job and a test): the same buckets as today, except that
// chapter records had no `answered` field. The count of saved answers was
// computed by scanning attempts when needed. Migrating 0 → 1 fills
// ChapterRecord.Answered from the attempt history (abandoned and
// unfinished attempts included, as today) and creates a record for any
// chapter that has attempts but no record.
//
// Schema 1 → 2: an attempt keeps every answer in submit order, so a
// question may be answered twice (two tutors on one attempt; the last answer
// counts), and attempts and answers carry ids (Attempt.UID, Answer.ID) that
// make a retried or recovered save idempotent. A schema-1 binary would call
// such an attempt damaged, hence the bump. Migrating gives every existing
// attempt the UID "v1-<id>" and every existing answer the id
// "v1-<attempt id>-<index>"; nothing else changes.
var migrations = []func(tx *bolt.Tx) error{
	0: migrateV0toV1,
	1: migrateV1toV2,
}

func migrate(tx *bolt.Tx, from int) error {
	if len(migrations) != SchemaVersion {
		return fmt.Errorf("internal error: %d migrations for schema %d", len(migrations), SchemaVersion)
	}
	if err := ensureDataBuckets(tx); err != nil {
		return err
	}
	for v := from; v < SchemaVersion; v++ {
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("schema %d to %d: %w", v, v+1, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

func migrateV0toV1(tx *bolt.Tx) error {
	counts := map[string]int{}
	all := tx.Bucket(bucketAttempts)
	err := all.ForEach(func(k, _ []byte) error {
		b := all.Bucket(k)
		if b == nil {
			return fmt.Errorf("attempts/%q is not a bucket", k)
		}
		counts[string(k)] = 0
		return b.ForEach(func(_, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return fmt.Errorf("chapter %q: %w", k, err)
			}
			counts[string(k)] += len(a.Answers)
			return nil
		})
	})
	if err != nil {
		return err
	}
	// Rewrite every existing record (they decode fine: a missing field is
	// 0), then add records for chapters only the attempts knew about.
	var records []ChapterRecord
	err = tx.Bucket(bucketChapters).ForEach(func(k, v []byte) error {
		r, err := decodeChapter(v)
		if err != nil {
			return fmt.Errorf("chapter %q: %w", k, err)
		}
		records = append(records, r)
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range records {
		r.Answered = counts[r.ID]
		delete(counts, r.ID)
		if err := putChapter(tx, r); err != nil {
			return err
		}
	}
	for id, n := range counts {
		if err := putChapter(tx, ChapterRecord{ID: id, Answered: n}); err != nil {
			return err
		}
	}
	return nil
}

func migrateV1toV2(tx *bolt.Tx) error {
	all := tx.Bucket(bucketAttempts)
	return all.ForEach(func(k, _ []byte) error {
		b := all.Bucket(k)
		if b == nil {
			return fmt.Errorf("attempts/%q is not a bucket", k)
		}
		var updated []Attempt
		err := b.ForEach(func(_, v []byte) error {
			a, err := decodeAttempt(v)
			if err != nil {
				return fmt.Errorf("chapter %q: %w", k, err)
			}
			if a.UID == "" {
				a.UID = fmt.Sprintf("v1-%d", a.ID)
			}
			for i := range a.Answers {
				if a.Answers[i].ID == "" {
					a.Answers[i].ID = fmt.Sprintf("v1-%d-%d", a.ID, i)
				}
			}
			updated = append(updated, a)
			return nil
		})
		if err != nil {
			return err
		}
		for _, a := range updated { // not inside ForEach: bbolt forbids writes while iterating
			if err := putAttempt(tx, a); err != nil {
				return err
			}
		}
		return nil
	})
}
