package progress

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath is where the progress file lives unless the user says
// otherwise: $XDG_DATA_HOME/backend-tutor/progress.db, falling back to
// ~/.local/share/backend-tutor/progress.db. Progress is user data (losing it
// loses work), so it belongs under the data directory, not cache or config.
func DefaultPath() (string, error) {
	// The XDG spec says a relative XDG_DATA_HOME is invalid and must be
	// ignored; honouring it would scatter files relative to the cwd.
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "backend-tutor", "progress.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("cannot find the home directory: set HOME or XDG_DATA_HOME")
	}
	return filepath.Join(home, ".local", "share", "backend-tutor", "progress.db"), nil
}
