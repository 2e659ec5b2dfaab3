package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders gives each of the folders a and b the other's name in one step.
func exchangeFolders(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return errUnsupported // an old kernel, or a file system without it
	}
	return err
}
