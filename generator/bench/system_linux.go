package main

import (
	"os"
	"syscall"
)

// peakRSS is the peak resident memory of a finished child, in bytes:
// Linux gives ru_maxrss in kilobytes.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

// onTmpfs reports whether dir is on memory-backed disk, whose files take
// the machine's memory.
func onTmpfs(dir string) bool {
	const tmpfsMagic = 0x01021994
	var st syscall.Statfs_t
	return syscall.Statfs(dir, &st) == nil && st.Type == tmpfsMagic
}
