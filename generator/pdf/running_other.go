//go:build !unix

package pdf

import "os"

// running reports whether a process with id pid may exist: where the
// system cannot say, it does, and its folder is kept.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
