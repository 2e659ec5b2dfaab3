package serve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestPollWaitsForTheSave checks that polling does not build a file it
// saw half saved: a save that empties the file and writes it a moment
// later is one change, reported after the second write.
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan batch, 4)
	const interval, quiet = 10 * time.Millisecond, 500 * time.Millisecond
	if err := watchPoll(ctx, dir, interval, quiet, out); err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(file, nil, 0o644); err != nil { // the save begins
		t.Fatal(err)
	}
	time.Sleep(5 * interval) // long enough for a look to see the empty file
	if err := os.WriteFile(file, []byte("title = \"Riverside Surgery\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-out:
		if !slices.Equal(b, batch{"content/riverside/practice.toml"}) {
			t.Errorf("changes %q, want the practice file alone", b)
		}
	case <-time.After(10 * quiet):
		t.Fatal("no change reported")
	}
	select {
	case b := <-out:
		t.Errorf("a second batch for one save: %q", b)
	case <-time.After(3 * quiet):
	}
}
