//go:build !unix

package history_test

import "time"

// childCPU is not measured on this system.
func childCPU() time.Duration { return 0 }
