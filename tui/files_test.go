package tui

import "os"

func writeFile(path string) error { return os.WriteFile(path, []byte("not a folder"), 0o600) }
