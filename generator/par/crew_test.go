package par

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// crewOf starts n goroutines that wait for jobs from c until stop is
// closed, and counts the jobs they run.
func crewOf(c *Crew, n int, stop <-chan struct{}, ran *atomic.Int32) *sync.WaitGroup {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				select {
				case job := <-c.Jobs():
					ran.Add(1)
					job()
				case <-stop:
					return
				}
			}
		})
	}
	return &wg
}

func TestCrewEachCallsEveryIndexOnce(t *testing.T) {
	var ran atomic.Int32
	c := NewCrew()
	stop := make(chan struct{})
	wg := crewOf(c, 3, stop, &ran)
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		c.Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Errorf("n=%d: index %d called %d times", n, i, got)
			}
		}
	}
	close(stop)
	wg.Wait()
}

// Each is shared with a goroutine waiting for work. Whether the helper is
// waiting at the moment Each offers is up to the scheduler, so Each runs
// until it has been, within a bound it never comes near.
func TestCrewEachIsSharedWithTheIdle(t *testing.T) {
	var ran atomic.Int32
	c := NewCrew()
	stop := make(chan struct{})
	wg := crewOf(c, 1, stop, &ran)
	for range 1000 {
		c.Each(10, func(int) { time.Sleep(50 * time.Microsecond) })
		if ran.Load() > 0 {
			break
		}
	}
	if ran.Load() == 0 {
		t.Error("no job was handed to the goroutine waiting for work")
	}
	close(stop)
	wg.Wait()
}

// With no one waiting, and with a nil crew, the caller makes every call.
func TestCrewEachAlone(t *testing.T) {
	for _, c := range []*Crew{NewCrew(), nil} {
		var calls int // not atomic: the race detector catches a second goroutine
		c.Each(100, func(int) { calls++ })
		if calls != 100 {
			t.Errorf("%d calls, want 100", calls)
		}
	}
}
