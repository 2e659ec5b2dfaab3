package build

import (
	"context"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestGCPercent checks the garbage collector setting for a headroom: the
// headroom over the live heap, never below Go's default of 100.
func TestGCPercent(t *testing.T) {
	runtime.GC()
	if got := gcPercent(1, 0); got != 100 {
		t.Errorf("gcPercent(1 byte, 0) = %d, want 100", got)
	}
	if got := gcPercent(1, 500); got != 500 {
		t.Errorf("gcPercent(1 byte, 500) = %d, want 500", got)
	}
	if got := gcPercent(1<<40, 500); got <= 1000 {
		t.Errorf("gcPercent(1 TiB, 500) = %d, want far above 500", got)
	}
}

// TestRunPutsGCBack checks that Run with a GC headroom leaves the garbage
// collector as it found it.
func TestRunPutsGCBack(t *testing.T) {
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: exampleSite, Destination: dest, Today: goldenToday, GCHeadroom: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(137); got != 137 {
		t.Errorf("after Run, GOGC is %d, want 137 as before", got)
	}
}
