//go:build unix

package progress

import (
	"os"
	"syscall"
)

// releaseLock drops bbolt's flock on a file whose bolt.Open or read
// panicked. Closing the descriptor is not enough: bbolt's mmap keeps the
// open file description (and so the flock) alive until the mapping goes,
// and we cannot unmap it without the *DB the panic never returned.
func releaseLock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
