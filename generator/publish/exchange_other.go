//go:build !linux

package publish

// exchangeFolders reports that the system cannot exchange two folders in one
// step: swap moves them one at a time.
func exchangeFolders(a, b string) error { return errUnsupported }
