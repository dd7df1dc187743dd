// Package filekind names what a path is when it is not a regular file, for
// error messages ("it is a named pipe (FIFO)"). Both the content loader and
// the progress store refuse anything but regular files before opening them:
// opening a named pipe blocks until something writes to it, a device can be
// endless, and renaming a directory or device is never what a learner meant.
package filekind

import "io/fs"

// Describe names a file type: "a named pipe (FIFO)", "a socket", "a
// character device", "a device", "a folder", "a symbolic link", or "a
// special file"; "a regular file" for one.
func Describe(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return "a regular file"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}
