// Package publish writes the rendered files to the output folder. It is
// the only stage that writes. The new site is written to a temporary
// folder beside the destination and swapped in only when every file is
// written, so a failed or interrupted build leaves the previous site as it
// was. A marker file identifies folders handbook created: publish refuses
// to replace any other non-empty folder, so a mistyped destination can
// never delete someone's files.
package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

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
	dest, err := filepath.Abs(opt.Destination)
	if err != nil {
		return err
	}
	if err := checkDestination(dest, opt.Source); err != nil {
		return err
	}
	parent, base := filepath.Split(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".handbook-new-")
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
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	return swap(tmp, dest)
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

// checkDestination refuses a destination that is the source, contains it,
// or is a non-empty folder handbook did not create.
func checkDestination(dest, source string) error {
	if source != "" {
		src, err := filepath.Abs(source)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(dest, src); err == nil && filepath.IsLocal(rel) {
			return &UnsafeError{Dest: dest, Reason: "it is, or contains, the site folder " + src}
		}
	}
	entries, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
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

// removeStale deletes temporary folders left by a build that was killed
// before it could clean up. Their names are handbook's own.
func removeStale(parent, base string) {
	for _, pattern := range []string{"." + base + ".handbook-new-*", "." + base + ".handbook-old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}

// swap puts the folder tmp in place of dest, putting the old dest back if
// the second rename fails.
func swap(tmp, dest string) error {
	_, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	parent, base := filepath.Split(dest)
	old, err := os.MkdirTemp(parent, "."+base+".handbook-old-")
	if err != nil {
		return err
	}
	os.Remove(old) // only the unique name is wanted
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("cannot move the previous site aside: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return fmt.Errorf("cannot put the new site in place (%v), and the previous site is left at %s", err, old)
		}
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	return os.RemoveAll(old)
}
