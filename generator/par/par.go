// Package par runs work on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f with 0 to n-1, on as many goroutines as there are cores,
// and returns when every call has returned. Calls take the next index as
// they finish, so that slow ones do not hold the others up.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}
