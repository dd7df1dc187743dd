package progress

import (
	"bytes"
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
//
// Schema 2 → 3: profiles and packs. Schema 2 had one learner and one course
// (chapters/, attempts/, meta/welcomed, meta/last); schema 3 keeps each
// learner's records under profiles/<name> and each course's under
// packs/<pack>, so packs beside the guide cannot collide on chapter ids and
// learners on one machine keep apart. Migrating moves the chapters and
// attempts buckets whole (keys, values and sequences untouched, so attempt
// ids carry on) to profiles/default/packs/guide/, creates its empty labs
// and cards buckets, and moves meta/welcomed and meta/last (values
// untouched; a place without a pack is in the guide) to profiles/default/.
// meta keeps only the schema. A schema-2 binary would find no chapters in
// a schema-3 file and start over, hence the bump.
//
// Schema 3 → 4: question summaries (questions.go). Each pack gains
// questions/<chapter>/<question id>, a running summary per question (the
// hash of its latest answer, attempts answering it, attempts missing it,
// the latest answer's time), and studied/<quarter hour>, the quarter hours
// with an answer, both kept up to date with each answer, so `progress`
// and the stats read O(questions) records instead of every attempt.
// Migrating builds them from every attempt and review answer; nothing else
// changes. A schema-3 binary would not update them, hence the bump.
//
// The migrations 0 → 1 and 1 → 2 read and write the top-level buckets of
// their day through legacyScope; what they do to records is unchanged.
var migrations = []func(tx *bolt.Tx) error{
	0: migrateV0toV1,
	1: migrateV1toV2,
	2: migrateV2toV3,
	3: migrateV3toV4,
}

func migrate(tx *bolt.Tx, from int) error {
	if len(migrations) != SchemaVersion {
		return fmt.Errorf("internal error: %d migrations for schema %d", len(migrations), SchemaVersion)
	}
	if from < 3 {
		// The layout migrations 0-2 work on; a file made by an early
		// build may lack an empty bucket.
		for _, name := range [][]byte{bucketChapters, bucketAttempts} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
	}
	for v := from; v < SchemaVersion; v++ {
		if err := migrations[v](tx); err != nil {
			return fmt.Errorf("schema %d to %d: %w", v, v+1, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

func migrateV0toV1(tx *bolt.Tx) error {
	sc := legacyScope(tx)
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
		if err := putChapter(sc, r); err != nil {
			return err
		}
	}
	for id, n := range counts {
		if err := putChapter(sc, ChapterRecord{ID: id, Answered: n}); err != nil {
			return err
		}
	}
	return nil
}

func migrateV1toV2(tx *bolt.Tx) error {
	sc := legacyScope(tx)
	all := sc.attempts
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
			if err := putAttempt(sc, a); err != nil {
				return err
			}
		}
		return nil
	})
}

func migrateV2toV3(tx *bolt.Tx) error {
	profiles, err := tx.CreateBucketIfNotExists(bucketProfiles)
	if err != nil {
		return err
	}
	profile, err := profiles.CreateBucket([]byte(DefaultProfile))
	if err != nil {
		return fmt.Errorf("profiles/%s: %w", DefaultProfile, err)
	}
	packs, err := profile.CreateBucket(bucketPacks)
	if err != nil {
		return err
	}
	guide, err := packs.CreateBucket([]byte(DefaultPack))
	if err != nil {
		return err
	}
	// Copied, not moved: bbolt's MoveBucket (v1.5.0) moves the bucket as
	// last committed and drops what earlier migrations in this same
	// transaction changed in it (TestMigrateFromV0 caught that; fix
	// proposed upstream in etcd-io/bbolt#1239, open).
	for _, name := range [][]byte{bucketChapters, bucketAttempts} {
		dst, err := guide.CreateBucket(name)
		if err != nil {
			return err
		}
		if err := copyBucket(tx.Bucket(name), dst); err != nil {
			return fmt.Errorf("copying %s: %w", name, err)
		}
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
	}
	for _, name := range [][]byte{bucketLabs, bucketCards} {
		if _, err := guide.CreateBucket(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	for _, key := range [][]byte{keyWelcomed, keyLast} {
		if v := meta.Get(key); v != nil {
			// Put keeps a reference to its value, and v points into a
			// page this transaction goes on to change.
			if err := profile.Put(key, bytes.Clone(v)); err != nil {
				return err
			}
			if err := meta.Delete(key); err != nil {
				return err
			}
		}
	}
	return nil
}

// copyBucket copies every key, value, nested bucket and sequence of src
// into the empty bucket dst.
func copyBucket(src, dst *bolt.Bucket) error {
	if err := dst.SetSequence(src.Sequence()); err != nil {
		return err
	}
	return src.ForEach(func(k, v []byte) error {
		if v != nil {
			return dst.Put(bytes.Clone(k), bytes.Clone(v))
		}
		sub, err := dst.CreateBucket(bytes.Clone(k))
		if err != nil {
			return err
		}
		return copyBucket(src.Bucket(k), sub)
	})
}
