package cli

import (
	"os"

	"golang.org/x/term"
)

// Terminal reports whether f is a terminal that can show a build's
// progress line: a terminal (not a file, a pipe or /dev/null) whose TERM
// is not "dumb", and which understands the escape sequence that erases
// the end of a line. On Windows that last needs the console's handling
// of escape sequences, which Terminal turns on.
func Terminal(f *os.File) bool {
	if !term.IsTerminal(int(f.Fd())) || os.Getenv("TERM") == "dumb" {
		return false
	}
	return escapes(f)
}
