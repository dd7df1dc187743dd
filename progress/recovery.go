package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"backend-tutor/internal/asciijson"
)

// Recovery files hold changes a tutor could not write before it quit (the
// file was locked by another process for too long, its filesystem went
// read-only, the disk was full). They sit beside the progress file, one per
// process: <db>.recovery-<pid>-<time>, JSON lines, one Op per line, in the
// order the changes were made. The next tutor to start merges them (all of
// one file in one transaction) and then deletes them. Merging is idempotent
// (see Op), so a crash between the merge and the delete never counts an
// answer twice.
//
// A file is written under <name>.tmp and renamed when complete. A write
// that fails removes its .tmp; one cut short by a crash (or power loss)
// leaves it, and the next start merges the complete lines of a .tmp older
// than staleTemp and removes it (a younger one may be another tutor's,
// being written now).

const (
	recoveryMarker = ".recovery-"
	tempSuffix     = ".tmp"
)

// staleTemp is the age after which a recovery .tmp is taken for the
// leftover of a crash: writing one takes milliseconds.
const staleTemp = time.Minute

// writeRecoveryFile writes a recovery file's bytes; tests replace it to
// fail halfway, as a disk that fills during the write does.
var writeRecoveryFile = func(f *os.File, b []byte) error {
	_, err := f.Write(b)
	return err
}

// maxRecoveryFile bounds what a merge reads: a session's worth of changes
// is a few KiB; anything near this is not ours.
const maxRecoveryFile = 8 << 20

// WriteRecovery writes ops to a new recovery file beside the progress file
// and returns its name. Each change is written with its scope (s's when it
// names none), so it merges into the right profile and pack. The file
// appears complete or not at all (written under a temporary name, synced,
// renamed).
func (s *Store) WriteRecovery(ops []Op) (string, error) {
	if len(ops) == 0 {
		return "", nil
	}
	lines, err := s.RecoveryLines(ops)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s%s%d-%s", s.path, recoveryMarker, os.Getpid(), time.Now().UTC().Format("20060102-150405.000000000"))
	tmp := name + tempSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	err = writeRecoveryFile(f, []byte(lines))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		if rerr := os.Remove(tmp); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = fmt.Errorf("%w; the unfinished %s could not be removed either: %v", err, tmp, rerr)
		}
		return "", err
	}
	syncDir(filepath.Dir(s.path))
	return name, nil
}

// ErrNotKept marks changes that could be neither saved nor written to a
// recovery file (a full disk): they are only in the message (KeepByHand),
// and the tutor ends with a failure status.
var ErrNotKept = errors.New("nor written to a recovery file")

// KeepByHand is what lets a learner keep changes no file could take: how
// to save them, then ops as a recovery file's lines between two marks.
// Saved under the name it gives (any beginning with the progress file's
// name and ".recovery-" does), the next start adds them to the progress
// file, as it adds a recovery file the tutor wrote.
func (s *Store) KeepByHand(ops []Op) string {
	lines, err := s.RecoveryLines(ops)
	if err != nil {
		return ""
	}
	// In ASCII, meaning the same: the message passes through the
	// terminal's escaping and, under --ascii, glyph stand-ins that would
	// turn a “ in a typed answer into a bare " and the line into no JSON.
	lines = asciijson.Escape(lines)
	return "To keep them, once there is room, save the lines between the two marks below as a file named " +
		s.path + recoveryMarker + "by-hand: the next start adds them to your progress.\n" +
		"----- unsaved changes -----\n" + lines + "----- end of unsaved changes -----"
}

// RecoveryLines are ops as a recovery file holds them: one JSON line per
// change, each with its scope. Saved under a name that starts with the
// progress file's and ".recovery-", they are merged at the next start.
func (s *Store) RecoveryLines(ops []Op) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, op := range ops {
		if err := enc.Encode(s.scopeOp(op)); err != nil {
			return "", err
		}
	}
	return buf.String(), nil
}

// RecoveryFiles lists the recovery files beside the progress file, oldest
// name first.
func (s *Store) RecoveryFiles() ([]string, error) { return RecoveryFiles(s.path) }

// RecoveryFiles lists the recovery files beside the progress file at path
// (which need not exist), oldest name first, without opening it.
func RecoveryFiles(path string) ([]string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, base+recoveryMarker) && !strings.HasSuffix(n, tempSuffix) && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, n))
		}
	}
	slices.Sort(out)
	return out, nil
}

// staleTemps lists the recovery .tmp files beside the progress file at
// path that were last written before now-staleTemp: left by a tutor that
// stopped while writing one.
func staleTemps(path string, now time.Time) []string {
	names, _ := filepath.Glob(globEscape(path) + recoveryMarker + "*" + tempSuffix)
	var out []string
	for _, n := range names {
		if fi, err := os.Lstat(n); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > staleTemp {
			out = append(out, n)
		}
	}
	return out
}

// globEscape quotes the glob's special characters in a path.
func globEscape(path string) string {
	var b strings.Builder
	for _, r := range path {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MergeRecovery applies every recovery file beside the progress file and
// deletes each one merged. Each change goes to the profile and pack it
// names, whatever s's scope. It returns how many changes were applied; a file
// that cannot be read, or not applied now (the file locked, say), is kept
// and reported in the error (with the others still merged). A change the
// file's rules refuse (Permanent) is skipped and reported, so one bad line
// cannot keep a file, and every answer in it, out for ever.
func (s *Store) MergeRecovery() (int, error) {
	if !s.writable {
		return 0, nil
	}
	files, err := s.RecoveryFiles()
	if err != nil {
		return 0, err
	}
	files = append(files, staleTemps(s.path, time.Now())...)
	merged := 0
	sched := s.scheduler()
	var errs []error
	for _, name := range files {
		ops, bad, err := readRecovery(name)
		var refusals []error
		if err == nil {
			err = s.update(func(tx *bolt.Tx) error {
				refusals = nil // a retried transaction starts again
				for _, e := range bad {
					refusals = append(refusals, fmt.Errorf("recovery file %s: %w", name, e))
				}
				for i, op := range ops {
					// A refused change is checked before it writes (at
					// most it has made the attempt it describes), so
					// skipping it within the transaction is safe.
					if _, err := applyTx(tx, s.path, sched, op); err != nil {
						if !Permanent(err) {
							return fmt.Errorf("change %d (%s): %w", i+1, op.Kind, err)
						}
						refusals = append(refusals, fmt.Errorf("recovery file %s: change %d (%s) refused: %w", name, i+1, op.Kind, err))
					}
				}
				return nil
			})
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("recovery file %s was kept: %w", name, err))
			continue
		}
		errs = append(errs, refusals...)
		merged += len(ops) + len(bad) - len(refusals)
		if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err) // merged; merging it again is harmless
		}
	}
	return merged, errors.Join(errs...)
}

// readRecovery reads a recovery file's changes. Of an unfinished .tmp
// (cut short by a crash) it reads the complete lines: the last one, cut
// where the write stopped, has no newline. A line of a known kind that
// the file's rules refuse (a question hash too long, a time out of range)
// is left out and returned in bad, to be reported as refused like a
// change refused when applied: one bad line must not keep the whole file,
// and every answer in it, out for ever. A line that does not decode, or
// of a kind this version does not know (a newer tutor's), keeps the file.
func readRecovery(name string) (ops []Op, bad []error, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRecoveryFile+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > maxRecoveryFile {
		// Read cut at the limit, the last line failed to decode and the
		// error named a JSON problem, not the size.
		return nil, nil, fmt.Errorf("larger than %d MiB: not a recovery file the tutor wrote", maxRecoveryFile>>20)
	}
	// Lines kept by hand (KeepByHand) may be saved by an editor that
	// starts the file with a byte order mark (Windows Notepad): the first
	// line did not decode, and the file was kept, unmerged, for ever.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if strings.HasSuffix(name, tempSuffix) {
		data = data[:bytes.LastIndexByte(data, '\n')+1]
	}
	for line, text := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		var op Op
		if err := json.Unmarshal(text, &op); err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", line+1, err)
		}
		if err := checkOp(op); err != nil {
			if errors.Is(err, errUnknownChange) {
				return nil, nil, fmt.Errorf("line %d: %w", line+1, err)
			}
			bad = append(bad, refused("line %d (%s) refused: %w", line+1, op.Kind, err))
			continue
		}
		ops = append(ops, op)
	}
	return ops, bad, nil
}
