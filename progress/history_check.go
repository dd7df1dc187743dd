package progress

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// checkHistory decodes every attempt in the file, the part of a full check
// that grows with the history. Decoding is JSON and dominates a full check
// (tx.Check walks the pages of a 10 MB file in about 1 ms, decoding its
// 20,000 answers took about 65 ms), so the records are decoded on every
// core: the full check runs before the first write of every session on a
// large file (see Store.checkBeforeWrite), with a budget of 50 ms for 10 MB.
//
// Keys and values are collected here, in the caller's fault-guarded
// goroutine; the workers read the same mapping (valid for the whole
// read transaction) and guard themselves, since SetPanicOnFault is per
// goroutine. The first damaged record in file order is reported, so the
// message does not depend on scheduling.
func checkHistory(attempts *bolt.Bucket, path, where string) error {
	type record struct {
		chapter, key, val []byte
	}
	var recs []record
	err := attempts.ForEach(func(k, _ []byte) error {
		b := attempts.Bucket(k)
		if b == nil {
			return &DamagedError{Path: path, Reason: where + fmt.Sprintf("attempts/%q is not a bucket", k)}
		}
		return b.ForEach(func(ik, iv []byte) error {
			if len(ik) != 8 {
				return &DamagedError{Path: path, Reason: where + fmt.Sprintf("attempts/%q has a key of %d bytes", k, len(ik))}
			}
			recs = append(recs, record{k, ik, iv})
			return nil
		})
	})
	if err != nil {
		return err
	}
	check := func(r record) error {
		a, err := decodeAttempt(r.val)
		if err != nil {
			return &DamagedError{Path: path, Reason: where + fmt.Sprintf("chapter %q attempt %x: %v", r.chapter, r.key, err)}
		}
		if a.ID != binary.BigEndian.Uint64(r.key) || a.ChapterID != string(r.chapter) {
			return &DamagedError{Path: path, Reason: where + fmt.Sprintf("chapter %q attempt %d is filed under the wrong key", r.chapter, a.ID)}
		}
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(recs)/64))
	errs := make([]error, workers) // per worker: its first damaged record
	first := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			old := debug.SetPanicOnFault(true)
			defer debug.SetPanicOnFault(old)
			i := w
			defer func() {
				if r := recover(); r != nil {
					errs[w], first[w] = &DamagedError{Path: path, Reason: where + fmt.Sprintf("reading it failed: %v", r)}, i
				}
			}()
			// Worker w takes records w, w+workers, ...: in file order, so
			// its first error is its earliest damaged record.
			for ; i < len(recs); i += workers {
				if err := check(recs[i]); err != nil {
					errs[w], first[w] = err, i
					return
				}
			}
		}()
	}
	wg.Wait()
	var found error
	at := len(recs)
	for w, err := range errs {
		if err != nil && first[w] < at {
			found, at = err, first[w]
		}
	}
	return found
}
