package load

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Dir returns the site folder dir as a file system that reads only what
// is the site's own: ordinary files and folders inside dir. A named pipe,
// device or socket is refused by its type before it is opened, so that
// nothing waits on it for ever; a symbolic link is followed only when it
// leads to somewhere inside dir, and a link to nothing is called one.
func Dir(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &siteFS{root: root}, nil
}

// siteFS is the file system Dir returns. It implements only what it
// checks: fs.ReadFile goes through Open.
type siteFS struct{ root *os.Root }

// Open opens name without waiting, and refuses it unless it is an
// ordinary file or a folder. Opened this way a named pipe is refused
// before anything reads it; a file is opened as it would be anyway.
func (s *siteFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := s.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, s.why(name, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: &site.SpecialError{Mode: info.Mode()}}
	}
	return f, nil
}

func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.(*os.File).ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Stat returns the file info of name, following links inside the site,
// or an error that says why handbook will not read it.
func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := s.root.Stat(name)
	if err != nil {
		return nil, s.why(name, err)
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &site.SpecialError{Mode: info.Mode()}}
	}
	return info, nil
}

// why explains err, from looking name up, when name is a link.
func (s *siteFS) why(name string, err error) error {
	info, lerr := s.root.Lstat(name)
	if lerr != nil || info.Mode()&fs.ModeSymlink == 0 {
		return err
	}
	target, _ := s.root.Readlink(name)
	if path.IsAbs(target) || !fs.ValidPath(path.Join(path.Dir(name), target)) || !errors.Is(err, fs.ErrNotExist) {
		return &fs.PathError{Op: "open", Path: name, Err: &site.LinkError{Target: target, Outside: true}}
	}
	return &fs.PathError{Op: "open", Path: name, Err: &site.LinkError{Target: target}}
}
