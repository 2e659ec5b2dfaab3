package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// escapes turns on the handling of escape sequences in the console f,
// reporting whether it is on: Windows 10 and later have it, but leave it
// to each program to ask.
func escapes(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
