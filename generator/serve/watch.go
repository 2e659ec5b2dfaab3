package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/handbook-nhs/handbook/generator/pipeline"
)

// A batch is the paths that changed together (slash-separated, relative to
// the site folder), or nil when anything may have changed.
type batch []string

// inputDirs are the folders of a site that hold its inputs, watched with
// everything inside them; the site folder itself is watched for
// handbook.toml and for these folders to appear.
var inputDirs = []string{"content", pipeline.TemplatesDir, pipeline.SchemasDir, "themes"}

// notifyWatcher watches a site with fsnotify. fsnotify is not recursive,
// so it watches every folder under the inputs, and follows folders as they
// are made, removed and renamed. Editors save in many ways (writing in
// place, or writing a temporary file and renaming it over the original;
// with backup, swap and lock files beside it): watching folders rather
// than files sees them all, and the quiet period lets a save finish before
// the build starts.
type notifyWatcher struct {
	root  string
	quiet time.Duration
	w     *fsnotify.Watcher
	dirs  map[string]bool // folders watched, relative to root
}

// watchNotify starts watching root. Batches of changes, each sent once no
// change has come for quiet, go to out until ctx is done.
func watchNotify(ctx context.Context, root string, quiet time.Duration, out chan<- batch) error {
	w, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return watchError(err)
	}
	nw := &notifyWatcher{root: root, quiet: quiet, w: w, dirs: map[string]bool{}}
	if err := nw.add("."); err != nil {
		w.Close()
		return err
	}
	for _, d := range inputDirs {
		if _, err := nw.addTree(d); err != nil {
			w.Close()
			return err
		}
	}
	go nw.run(ctx, out)
	return nil
}

// watchError explains an error starting to watch.
func watchError(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("cannot watch the site for changes: the system's limit on watched folders is reached (%w); "+
			"raise it (sysctl fs.inotify.max_user_watches) or watch by polling with --poll 1s", err)
	}
	return fmt.Errorf("cannot watch the site for changes: %w; try --poll 1s", err)
}

func (nw *notifyWatcher) abs(rel string) string {
	return filepath.Join(nw.root, filepath.FromSlash(rel))
}

func (nw *notifyWatcher) add(rel string) error {
	if err := nw.w.Add(nw.abs(rel)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already: its removal is reported
		}
		return watchError(err)
	}
	nw.dirs[rel] = true
	return nil
}

// addTree watches folder rel and every folder inside it, and returns the
// files found in them, which may have been written before the watch began.
func (nw *notifyWatcher) addTree(rel string) ([]string, error) {
	var files []string
	err := walkInputs(nw.root, rel, func(r string, d fs.DirEntry) error {
		if !d.IsDir() {
			files = append(files, r)
			return nil
		}
		return nw.add(r)
	})
	return files, err
}

// walkInputs calls fn for folder rel of the site at root and every input
// file and folder inside it (see pipeline.Input), with its slash-separated
// path relative to root. A folder that is gone is no error: its removal is
// a change of its own.
func walkInputs(root, rel string, fn func(rel string, d fs.DirEntry) error) error {
	return filepath.WalkDir(filepath.Join(root, filepath.FromSlash(rel)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		r, _ := filepath.Rel(root, p)
		r = filepath.ToSlash(r)
		if !pipeline.Input(r) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return fn(r, d)
	})
}

// forget stops watching folder rel and the folders inside it.
func (nw *notifyWatcher) forget(rel string) {
	for d := range nw.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			nw.w.Remove(nw.abs(d)) // already gone with the folder, most often
			delete(nw.dirs, d)
		}
	}
}

func (nw *notifyWatcher) run(ctx context.Context, out chan<- batch) {
	defer nw.w.Close()
	pending := map[string]bool{}
	everything := false
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-nw.w.Events:
			if !ok {
				return
			}
			rel, err := filepath.Rel(nw.root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			// Chmod alone comes in floods (indexers, antivirus) and never
			// changes what a build reads.
			if ev.Op == fsnotify.Chmod || !pipeline.Input(rel) {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				nw.forget(rel)
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					files, err := nw.addTree(rel)
					if err != nil {
						everything = true
					}
					for _, f := range files {
						pending[f] = true
					}
				}
			}
			pending[rel] = true
			timer.Reset(nw.quiet)
		case _, ok := <-nw.w.Errors:
			if !ok {
				return
			}
			// Events were lost, most often because the queue overflowed
			// (a checkout of many files): build everything.
			everything = true
			timer.Reset(nw.quiet)
		case <-timer.C:
			var b batch
			if !everything {
				b = make(batch, 0, len(pending))
				for p := range pending {
					b = append(b, p)
				}
			}
			clear(pending)
			everything = false
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
	}
}

// stamp is what polling compares of a file or folder.
type stamp struct {
	size    int64
	modTime time.Time
	dir     bool
}

func (s stamp) same(t stamp) bool {
	return s.size == t.size && s.modTime.Equal(t.modTime) && s.dir == t.dir
}

// watchPoll watches root by looking at every input file every interval,
// for shared and network drives where fsnotify sees nothing. A file is
// changed when its size or modification time is; added or removed files
// and folders are changes too. Changes go to out once a look quiet after
// the last shows nothing more changing: a file seen while it was being
// saved, empty or half written, is not built until the save is done.
func watchPoll(ctx context.Context, root string, interval, quiet time.Duration, out chan<- batch) error {
	p, err := newPoller(root)
	if err != nil {
		return err
	}
	// wait waits for d, and says false when ctx is done first.
	wait := func(d time.Duration) bool {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	go func() {
		for wait(interval) {
			b, ok := p.settle(func() bool { return wait(quiet) })
			if !ok {
				return
			}
			if len(b) == 0 {
				continue
			}
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	return nil
}

// poller looks at the input files of a site for changes.
type poller struct {
	root string
	prev map[string]stamp // as the last look saw them
}

func newPoller(root string) (*poller, error) {
	prev, err := scan(root)
	return &poller{root: root, prev: prev}, err
}

// settle looks at the files, and while a look finds something changed,
// looks again after wait: it returns every path changed since the look
// before, once a look finds nothing more changing, sorted; none when the
// first look finds nothing. It returns false when wait does.
func (p *poller) settle(wait func() bool) (batch, bool) {
	changed := map[string]bool{}
	for {
		cur, err := scan(p.root)
		if err != nil {
			// The folder may be briefly unreachable: look again.
			if !wait() {
				return nil, false
			}
			continue
		}
		more := false
		for f, st := range cur {
			if old, ok := p.prev[f]; !ok || !old.same(st) {
				changed[f], more = true, true
			}
		}
		for f := range p.prev {
			if _, ok := cur[f]; !ok {
				changed[f], more = true, true
			}
		}
		p.prev = cur
		if !more {
			return slices.Sorted(maps.Keys(changed)), true
		}
		if !wait() {
			return nil, false
		}
	}
}

// scan stamps every input file and folder of the site at root.
func scan(root string) (map[string]stamp, error) {
	m := map[string]stamp{}
	for _, top := range append([]string{"handbook.toml"}, inputDirs...) {
		err := walkInputs(root, top, func(rel string, d fs.DirEntry) error {
			info, err := d.Info()
			if err != nil {
				return nil // removed since the folder was read
			}
			s := stamp{dir: d.IsDir()}
			if !s.dir {
				s.size, s.modTime = info.Size(), info.ModTime()
			}
			m[rel] = s
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}
