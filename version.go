package main

import (
	"fmt"
	"io"
	"runtime"
)

// Set at build time: make build and make dist pass
// -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
// Builds here run with VCS stamping off (no .git in CI's module cache
// builds, -buildvcs=false in some sandboxes), so the Makefile stamps them
// itself rather than relying on runtime/debug's vcs settings.
var (
	version = "0.2.0-dev"
	commit  = "unknown"
	date    = "unknown"
)

// printVersion writes one line a bug report can quote whole.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "backend-tutor %s (commit %s, built %s, %s/%s)\n",
		version, commit, date, runtime.GOOS, runtime.GOARCH)
}
