package serve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPollWaitsForTheSave checks that polling does not build a file it
// saw half saved: a save that empties the file and writes it a moment
// later, between two looks, is one change, reported once a look finds
// nothing more changing.
func TestPollWaitsForTheSave(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "content", "riverside", "practice.toml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(dir, "handbook.toml"), file} {
		if err := os.WriteFile(f, []byte("title = \"Riverside\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := newPoller(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := p.settle(func() bool { t.Fatal("waited with nothing changed"); return false }); !ok || len(b) != 0 {
		t.Fatalf("before any save: %q, %v", b, ok)
	}

	// The save begins: the file is empty when the first look sees it, and
	// written in full before the next.
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	looks := 0
	b, ok := p.settle(func() bool {
		looks++
		if looks == 1 {
			if err := os.WriteFile(file, []byte("title = \"Riverside Surgery\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return true
	})
	if !ok || !slices.Equal(b, batch{"content/riverside/practice.toml"}) {
		t.Errorf("changes %q, want the practice file alone", b)
	}
	if looks != 2 {
		t.Errorf("looked %d times after the first; want twice, until nothing more changed", looks)
	}
	if b, _ := p.settle(func() bool { return false }); len(b) != 0 {
		t.Errorf("a second batch for one save: %q", b)
	}
}
