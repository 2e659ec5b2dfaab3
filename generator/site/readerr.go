package site

import (
	"errors"
	"fmt"
	"io/fs"
)

// SpecialError is a refusal to read something that is not an ordinary
// file or folder.
type SpecialError struct{ Mode fs.FileMode }

func (e *SpecialError) Error() string {
	kind := "not an ordinary file"
	switch t := e.Mode.Type(); {
	case t&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not an ordinary file"
	case t&fs.ModeSocket != 0:
		kind = "a socket, not an ordinary file"
	case t&fs.ModeDevice != 0:
		kind = "a device, not an ordinary file"
	}
	return kind
}

// LinkError is a refusal to follow a symbolic link.
type LinkError struct {
	Target  string
	Outside bool // the link leads outside the site folder
}

func (e *LinkError) Error() string {
	if e.Outside {
		return fmt.Sprintf("a link to %s, outside the site folder", e.Target)
	}
	return fmt.Sprintf("a link to %s, which does not exist", e.Target)
}

// ReadHint says what to do about err, from reading a file of the site,
// when the site folder refused it (see load.Dir); "" for other errors.
func ReadHint(err error) string {
	var special *SpecialError
	var link *LinkError
	switch {
	case errors.As(err, &special):
		return "handbook reads only ordinary text files: remove it from the site folder"
	case errors.As(err, &link) && link.Outside:
		return "copy the file into the site folder instead of linking to it"
	case errors.As(err, &link):
		return "remove the link, or put back the file it leads to"
	}
	return ""
}

// PathCause is the cause of err, without the operation and path an
// *fs.PathError adds: the path is in the error's position.
func PathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
