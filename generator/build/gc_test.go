package build

import (
	"context"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
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
	setGOGC(t, 137)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: exampleSite, Destination: dest, Today: goldenToday, GCHeadroom: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(137); got != 137 {
		t.Errorf("after Run, GOGC is %d, want 137 as before", got)
	}
}

// gogc is the garbage collector's setting, GOGC.
func gogc() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// setGOGC sets GOGC to p for the test, and back as it was after.
func setGOGC(t *testing.T, p int) {
	before := debug.SetGCPercent(p)
	t.Cleanup(func() { debug.SetGCPercent(before) })
}

// TestKeepHeadroom checks that keepHeadroom sets GOGC again after each
// collection, from the live heap that collection found, and puts it back
// when done.
func TestKeepHeadroom(t *testing.T) {
	setGOGC(t, 137)
	// settles collects, then waits for keepHeadroom to set GOGC from what
	// the collection found.
	settles := func(want func(int) bool) int {
		var got int
		for range 200 {
			runtime.GC()
			if got = gogc(); want(got) {
				return got
			}
			time.Sleep(5 * time.Millisecond)
		}
		return got
	}
	runtime.GC()
	restore := keepHeadroom(firstHeadroom, 100)
	small := gogc()
	kept := make([][]byte, 64)
	for i := range kept {
		kept[i] = make([]byte, 1<<20)
	}
	// 64 MiB more live: the headroom is a smaller share of it.
	if got := settles(func(p int) bool { return p < small/2 }); got >= small/2 {
		t.Errorf("GOGC %d with %d MiB more live, %d before: not set again after a collection", got, len(kept), small)
	}
	runtime.KeepAlive(kept)
	kept = nil
	if got := settles(func(p int) bool { return p > small/2 }); got <= small/2 {
		t.Errorf("GOGC %d once the 64 MiB are let go, %d before", got, small)
	}
	restore()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	if got := gogc(); got != 137 {
		t.Errorf("after restore, GOGC is %d, want 137 as before", got)
	}
}

// TestHeadroomGrows checks that keepHeadroom starts from firstHeadroom and
// doubles it after each collection, up to the headroom asked for: with
// the same heap live, GOGC rises eightfold over three collections.
func TestHeadroomGrows(t *testing.T) {
	setGOGC(t, 137)
	// 32 MiB live, so that GOGC is the headroom's share of it, over 100
	// and under the cap of the runtime's minimum heap.
	kept := make([][]byte, 32)
	for i := range kept {
		kept[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	restore := keepHeadroom(8*firstHeadroom, 100)
	defer restore()
	first := gogc()
	got := first
	for range 200 {
		runtime.GC()
		if got = gogc(); got >= 7*first {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got < 7*first {
		t.Errorf("GOGC %d after collections, %d at first: the headroom did not grow to 8 times the first", got, first)
	}
	if first <= 100 || first > 200 {
		t.Errorf("GOGC %d at first with 32 MiB live, want the first headroom's share of it, under 200", first)
	}
	runtime.KeepAlive(kept)
}
