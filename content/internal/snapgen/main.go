// Command snapgen writes content/guide.snapshot, the pre-loaded form of the
// embedded guide (see content/snapshot.go). Run it with `go generate ./content`
// (or `make generate`) after editing anything in content/guide/.
package main

import (
	"fmt"
	"os"

	"backend-tutor/content"
)

func main() {
	b, err := content.EncodeSnapshot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "snapgen: the guide does not load:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("guide.snapshot", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "snapgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote content/guide.snapshot (%d bytes)\n", len(b))
}
