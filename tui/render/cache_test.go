package render

import (
	"testing"
	"unsafe"
)

// A cache hit hands back the very string it stored and renders nothing.
func TestCacheHitDoesNotRender(t *testing.T) {
	c := NewCache(4)
	k := Key{Chapter: "a@1", Width: 80, Style: StyleNoColor}
	first, err := c.Render(k, "# Title\n\nSome text.")
	if err != nil {
		t.Fatal(err)
	}
	if c.Renders() != 1 {
		t.Fatalf("renders = %d after a miss, want 1", c.Renders())
	}
	for range 3 {
		again, err := c.Render(k, "# Title\n\nSome text.")
		if err != nil {
			t.Fatal(err)
		}
		if unsafe.StringData(again) != unsafe.StringData(first) || again != first {
			t.Fatal("a cache hit returned a different string")
		}
		if got, ok := c.Get(k); !ok || unsafe.StringData(got) != unsafe.StringData(first) {
			t.Fatal("Get did not return the cached string")
		}
	}
	if c.Renders() != 1 {
		t.Fatalf("renders = %d after hits, want 1", c.Renders())
	}
}
