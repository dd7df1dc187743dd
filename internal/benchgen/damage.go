package benchgen

import (
	"encoding/binary"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// FreeLivePage damages a progress file the way issue 8 item 3 found
// dangerous: it puts a live page (the attempts bucket's root) on the
// file's freelist, in place of a free one. The file still reads fine, and
// a bounded check does not see it, but bbolt hands freelist pages out for
// new data, so a write would overwrite history. Test support: the file
// must have a short, non-empty freelist (any file Progress made with a few
// thousand answers has). Layout: bbolt's meta and freelist pages (see
// parseMeta in progress/doctor.go), native byte order.
func FreeLivePage(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	var live uint64
	err = db.View(func(tx *bolt.Tx) error {
		// Schema 3 keeps attempts under profiles/default/packs/guide;
		// older files at the top.
		b := tx.Bucket([]byte("attempts"))
		if b == nil {
			b = nested(tx, "profiles", "default", "packs", "guide", "attempts")
		}
		if b != nil {
			live = uint64(b.Root())
		}
		return nil
	})
	pageSize := db.Info().PageSize
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if live == 0 {
		return fmt.Errorf("benchgen: %s has no live attempts page to free", path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	ne := binary.NativeEndian
	meta := func(i int) []byte { return raw[i*pageSize+16:] }
	m := meta(0)
	if ne.Uint64(meta(1)[48:]) > ne.Uint64(m[48:]) {
		m = meta(1) // the newer transaction
	}
	fl := raw[int(ne.Uint64(m[32:]))*pageSize:]
	if count := ne.Uint16(fl[10:]); count == 0 || count == 0xFFFF {
		return fmt.Errorf("benchgen: %s's freelist holds %d ids; want a short, non-empty one", path, count)
	}
	ne.PutUint64(fl[16:], live)
	return os.WriteFile(path, raw, 0o600)
}

// nested is the bucket at path, or nil.
func nested(tx *bolt.Tx, path ...string) *bolt.Bucket {
	b := tx.Bucket([]byte(path[0]))
	for _, name := range path[1:] {
		if b == nil {
			return nil
		}
		b = b.Bucket([]byte(name))
	}
	return b
}
