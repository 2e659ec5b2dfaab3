//go:build unix

package history_test

import (
	"syscall"
	"time"
)

// childCPU is the processor time, user and system, used so far by the
// child processes waited for: here, git.
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
