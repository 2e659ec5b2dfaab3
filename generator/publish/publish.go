// Package publish writes the rendered files to the output folder. It is
// the only stage that writes.
//
// What it guarantees, on every system:
//
//   - One writer per destination. A build holds a lock file beside the
//     destination while it writes, and removes it when done; a second
//     build into the same folder waits for the first to finish, so no
//     reader ever sees a mixture.
//   - Nothing half-written. The new site is written to a temporary folder
//     beside the destination and put in place only when every file is
//     written, so a failed or interrupted build leaves the previous site
//     as it was.
//   - Nothing deleted by mistake. A marker file identifies folders
//     handbook created: publish refuses to replace any other non-empty
//     folder, the site folder itself, a folder that contains it or one of
//     the folders handbook reads. A destination that is a symbolic link
//     is published into the folder it points to, and the link is kept.
//
// On Linux the old and the new site change places in one step
// (renameat2 with RENAME_EXCHANGE): a reader finds one or the other at
// every moment, and a crash at any point leaves a complete site. Where the
// system cannot exchange two folders (other systems, and file systems
// without the call), the old site is first moved aside and the new one
// moved in its place: for that moment the destination is missing, and if
// the build is killed between the two steps the next build puts the
// previous site back before it does anything else. A backup is only ever
// removed once a complete site is in place.
package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Marker is the file publish leaves at the root of every site it writes.
const Marker = ".handbook-output"

const markerText = "This folder is written by handbook build and replaced on every build.\n" +
	"Edit the content and templates instead: changes made here are lost.\n"

// Options control where files are written.
type Options struct {
	// Destination is the output folder.
	Destination string
	// Source is the site folder, which the destination must never be or
	// contain.
	Source string
	// Input, when set, reports whether a path relative to Source
	// (slash-separated) is one the build reads: the destination must not
	// be inside such a folder.
	Input func(rel string) bool
	// Waiting, when set, is called once if another build holds the
	// destination, before waiting for it to finish.
	Waiting func(dest string)
}

// Dir replaces the destination folder with files. On any error, including
// ctx being cancelled, the destination is left as it was.
func Dir(ctx context.Context, opt Options, files []site.File) error {
	return Stream(ctx, opt, func(w *Writer) error {
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := w.Write(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// Stream replaces the destination folder with the files fill writes with
// w, as they are made, so that a site need never be held in memory whole.
// On any error, from fill or in writing, and on ctx being cancelled, the
// destination is left as it was.
func Stream(ctx context.Context, opt Options, fill func(w *Writer) error) (err error) {
	dest, err := destination(opt)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lock(ctx, filepath.Join(parent, "."+base+".handbook.lock"), func() {
		if opt.Waiting != nil {
			opt.Waiting(dest)
		}
	})
	if err != nil {
		return err
	}
	defer unlock()
	if err := recoverBackup(parent, base, dest); err != nil {
		return err
	}
	step("locked")
	tmp, err := os.MkdirTemp(parent, newPrefix(base))
	if err != nil {
		return fmt.Errorf("cannot create a folder beside %s: %w", dest, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(&Writer{root: tmp, made: map[string]bool{tmp: true}}); err != nil {
		return err
	}
	step("written")
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	step("marked")
	return swap(tmp, dest)
}

// step is called at each step of publishing with its name; tests set it
// to stop the process there, as a crash or a kill would.
var step = func(name string) {}

func newPrefix(base string) string { return "." + base + ".handbook-new-" }
func oldPrefix(base string) string { return "." + base + ".handbook-old-" }

// lock takes the lock file at p, calling waiting once if another process
// holds it, and waits until it is free or ctx is done. The lock goes with
// the process, however it ends; unlock removes the file, so that no lock
// file is left beside the destination once the build is over.
func lock(ctx context.Context, p string, waiting func()) (unlock func(), err error) {
	told := false
	for {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("cannot create the lock file beside the destination: %w", err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock %s: %w", p, err)
		}
		// The build that held the lock removes the file as it lets go: a
		// lock on the file it removed is no lock, so lock the one at p.
		if ok && isFile(f, p) {
			return func() {
				os.Remove(p)
				f.Close() // which releases the lock
			}, nil
		}
		f.Close()
		if !ok && !told {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// isFile reports whether the open file f is still the file at p.
func isFile(f *os.File, p string) bool {
	open, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Stat(p)
	return err == nil && os.SameFile(open, now)
}

// destination returns the absolute path of the folder to publish into,
// the target of the destination when it is a symbolic link, once it is
// known to be safe to replace.
func destination(opt Options) (string, error) {
	dest, err := filepath.Abs(opt.Destination)
	if err != nil {
		return "", err
	}
	if info, err := os.Lstat(dest); err == nil && info.Mode()&os.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(dest)
		if err != nil {
			link, _ := os.Readlink(dest)
			return "", &UnsafeError{Dest: dest, Reason: fmt.Sprintf("it is a link to %s, which does not exist (create that folder, or remove the link)", link)}
		}
		dest = target
	} else if resolved, err := resolveParent(dest); err == nil {
		dest = resolved
	}
	if err := checkDestination(dest, opt); err != nil {
		return "", err
	}
	return dest, nil
}

// resolveParent returns dest with the links in the folders above it
// followed, so that it can be compared with the source.
func resolveParent(dest string) (string, error) {
	parent, base := filepath.Split(dest)
	for p := filepath.Clean(parent); ; p = filepath.Dir(p) {
		if resolved, err := filepath.EvalSymlinks(p); err == nil {
			rest, _ := filepath.Rel(p, filepath.Clean(parent))
			return filepath.Join(resolved, rest, base), nil
		}
		if p == filepath.Dir(p) {
			return dest, nil
		}
	}
}

// Writer writes files into the new site's folder. It is safe for
// concurrent use.
type Writer struct {
	root string
	mu   sync.Mutex
	made map[string]bool // folders known to exist
}

// Read returns a file already written, as ReadFile does.
func (w *Writer) Read(p string) ([]byte, bool) {
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(w.root, filepath.FromSlash(p)))
	return data, err == nil
}

// Write writes f, making its folder if need be.
func (w *Writer) Write(f site.File) error {
	if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
		return fmt.Errorf("refusing to write %q outside the output folder", f.Path)
	}
	p := filepath.Join(w.root, filepath.FromSlash(f.Path))
	dir := filepath.Dir(p)
	w.mu.Lock()
	made := w.made[dir]
	w.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		w.mu.Lock()
		w.made[dir] = true
		w.mu.Unlock()
	}
	return os.WriteFile(p, f.Data, 0o644)
}

// checkDestination refuses a destination that is the source, contains
// it, is inside a folder the build reads, or is a non-empty folder handbook
// did not create.
func checkDestination(dest string, opt Options) error {
	if opt.Source != "" {
		src, err := filepath.Abs(opt.Source)
		if err != nil {
			return err
		}
		if resolved, err := filepath.EvalSymlinks(src); err == nil {
			src = resolved
		}
		if rel, err := filepath.Rel(dest, src); err == nil && filepath.IsLocal(rel) {
			return &UnsafeError{Dest: dest, Reason: "it is, or contains, the site folder " + src}
		}
		if rel, err := filepath.Rel(src, dest); err == nil && filepath.IsLocal(rel) && opt.Input != nil {
			for p := filepath.ToSlash(rel); p != "."; p = filepath.ToSlash(filepath.Dir(p)) {
				if opt.Input(p) {
					return &UnsafeError{Dest: dest, Reason: "it is inside " + filepath.FromSlash(p) + ", which handbook reads"}
				}
			}
		}
	}
	info, err := os.Stat(dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return &UnsafeError{Dest: dest, Reason: "it is a file, not a folder"}
	}
	entries, err := os.ReadDir(dest)
	switch {
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return &UnsafeError{Dest: dest, Reason: "it is not empty and was not written by handbook"}
	}
	return nil
}

// UnsafeError is a refusal to replace a destination folder.
type UnsafeError struct {
	Dest   string
	Reason string
}

func (e *UnsafeError) Error() string {
	return fmt.Sprintf("will not replace %s: %s", e.Dest, e.Reason)
}

// recoverBackup tidies what an earlier build left beside dest when it
// was killed, with the lock held, so that no other build is using it. A
// new site that was never put in place is removed. A previous site moved
// aside is put back when dest is missing, and removed only when dest is a
// complete site.
func recoverBackup(parent, base, dest string) error {
	news, _ := filepath.Glob(filepath.Join(parent, newPrefix(base)+"*"))
	for _, m := range news {
		os.RemoveAll(m)
	}
	olds, _ := filepath.Glob(filepath.Join(parent, oldPrefix(base)+"*"))
	if len(olds) == 0 {
		return nil
	}
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		// The newest backup is the site that was in place last.
		slices.SortFunc(olds, func(a, b string) int { return modTime(b).Compare(modTime(a)) })
		if err := os.Rename(olds[0], dest); err != nil {
			return fmt.Errorf("the previous site is at %s and cannot be put back: %w", olds[0], err)
		}
		olds = olds[1:]
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return nil // keep the backups until a complete site is in place
	}
	for _, m := range olds {
		os.RemoveAll(m)
	}
	return nil
}

func modTime(p string) time.Time {
	info, err := os.Stat(filepath.Join(p, Marker))
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

// swap puts the folder tmp in place of dest: in one step where the system
// can exchange them, else by moving dest aside first (see the package
// documentation).
func swap(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	switch err := exchange(tmp, dest); {
	case err == nil:
		step("exchanged")
		os.RemoveAll(tmp) // now the previous site; a later build removes it if this fails
		return nil
	case !errors.Is(err, errUnsupported):
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	parent, base := filepath.Split(dest)
	old, err := os.MkdirTemp(parent, oldPrefix(base))
	if err != nil {
		return err
	}
	os.Remove(old) // only the unique name is wanted
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("cannot move the previous site aside: %w", err)
	}
	step("moved aside")
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("cannot put the new site in place (%v), and the previous site is left at %s", err, old)
		}
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	step("moved in")
	return os.RemoveAll(old)
}

// exchange is exchangeFolders, but for tests of the other way.
var exchange = exchangeFolders

// errUnsupported is exchange's answer where the system cannot exchange
// two folders.
var errUnsupported = errors.New("exchanging two folders is not supported here")
