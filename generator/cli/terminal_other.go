//go:build !windows

package cli

import "os"

// escapes reports whether the terminal f acts on escape sequences: every
// terminal but Windows' console does.
func escapes(*os.File) bool { return true }
