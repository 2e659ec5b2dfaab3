package par

import (
	"sync"
	"sync/atomic"
)

// Crew lets goroutines that have run out of work help one that has a
// loop to get through. Each goroutine of the crew that waits for work
// receives from Jobs too, and runs the jobs it gets; a goroutine with a
// loop runs it with Each, which hands a share of it to whichever of
// them is waiting at the time, and to none when all are busy.
//
// A nil *Crew has no one to help: its Each makes every call itself.
type Crew struct{ jobs chan func() }

// NewCrew returns a crew with no one in it yet.
func NewCrew() *Crew { return &Crew{jobs: make(chan func())} }

// Jobs is where a goroutine of the crew waiting for work receives a
// job, which it must run before it waits again.
func (c *Crew) Jobs() <-chan func() { return c.jobs }

// Each calls f with 0 to n-1 and returns when every call has returned.
// The calling goroutine makes the calls in turn; before each, while more
// than one is left, it offers to join in to one goroutine waiting on
// Jobs, if there is one, without waiting for it. Everyone in takes the
// next index as they finish the last, so f must be safe to call from
// several goroutines at once.
func (c *Crew) Each(n int, f func(i int)) {
	if c == nil {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var joined sync.WaitGroup
	job := func() {
		defer joined.Done()
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			f(i)
		}
	}
	for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
		if i < n-1 {
			joined.Add(1)
			select {
			case c.jobs <- job:
			default:
				joined.Done()
			}
		}
		f(i)
	}
	joined.Wait()
}
