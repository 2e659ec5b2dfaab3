// Package synth writes synthetic handbook sites: realistic, made-up
// content at any scale, for benchmarks, load tests and demonstrations.
//
// Write produces a complete site in the layout package load reads
// (handbook.toml, content/organisations, content/courses and one folder
// per practice), generated entirely from code. Each practice has 8 to 12
// staff, 12 to 20 digital services from real products and suppliers (EMIS
// Web, SystmOne, Docman, Accurx, X-on Surgery Connect...), 6 to 12
// runbooks, 1 to 3 exercises, 2 to 4 reviews and 2 to 4 Markdown pages.
// Practices are grouped into PCNs of about six and ICBs of about 250, with
// the organisations they share: the ICB's service desk, DPO and clinical
// safety teams, suppliers, community pharmacies, landlords. Names of
// people, places and practices are made up; phone numbers come only from
// Ofcom's ranges for drama (01632 960xxx, 07700 900xxx) and email
// addresses are at example hosts.
//
// WriteMarkdown produces a site of a given number of Markdown pages
// instead, 100 to a practice, over practices with only the records they
// need to build: for measuring the Markdown path of a build.
//
// The content always loads and links with no errors, but its governance
// is as mixed as real practices': leavers who still own services, overdue
// reviews, expired training, runbooks never exercised, plans awaiting the
// ICB. The dates are laid out around AsOf, so that a build as of that day
// shows the intended mix of findings; later days show more of them.
//
// # Determinism
//
// The same Options always give byte-identical files, whatever the machine
// or the number of goroutines: each record is drawn from its own random
// stream (math/rand/v2's PCG, seeded from Options.Seed and the record's
// number), nothing depends on map order or the clock, and the practices
// are written in parallel but each from its own stream. Different seeds
// give different sites. Memory does not grow with the number of practices:
// each is generated, written and dropped.
package synth

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Options say what to generate.
type Options struct {
	// Practices is how many practices to write, at most MaxPractices.
	// Zero writes one.
	Practices int
	// Seed chooses the content. Every value is a valid seed, 0 included;
	// the same seed and number of practices always give the same files.
	Seed int64
}

// AsOf is the date the content is written to be current at: the dates of
// reviews, leavers, training and exercises are set around it. Build with
// --today AsOf to see the intended mix of governance findings.
const AsOf = "2026-11-21"

var asOf = time.Date(2026, time.November, 21, 0, 0, 0, 0, time.UTC)

// Stats count what Write wrote.
type Stats struct {
	Practices int
	Files     int
	Bytes     int64
}

// marker is in the handbook.toml synth writes, so that a later run knows
// the folder is its own.
const marker = "# Written by synth, the handbook's synthetic content generator."

// Write writes a complete handbook site for opt into dir, creating it. A
// dir that is not empty must hold a site synth wrote before (handbook.toml,
// content/ and perhaps public/ from a build, nothing else): its
// handbook.toml and content/ are replaced and public/ is left alone. Any
// other non-empty dir is an error, and nothing in it is touched.
func Write(dir string, opt Options) error {
	_, err := WriteStats(dir, opt)
	return err
}

// WriteStats is Write, and also says how much it wrote.
func WriteStats(dir string, opt Options) (Stats, error) {
	n := opt.Practices
	switch {
	case n == 0:
		n = 1
	case n < 0 || n > MaxPractices:
		return Stats{}, fmt.Errorf("cannot write %d practices: choose 1 to %d", n, MaxPractices)
	}
	if err := prepare(dir); err != nil {
		return Stats{}, err
	}
	pl := newPlan(n, opt.Seed)
	for _, d := range []string{"content/organisations", "content/courses"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return Stats{}, err
		}
	}
	stats, err := writeJobs(dir, pl.jobs(), pl.job)
	stats.Practices = n
	return stats, err
}

// writeJobs runs job(w, k) for every k in [0, total), on several
// goroutines, each with its own writer into dir, and adds up what they
// wrote. It stops at the first error, which it returns.
func writeJobs(dir string, total int, job func(w *writer, k int) error) (Stats, error) {
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  error
		stats  Stats
		wg     sync.WaitGroup
	)
	// Writing is mostly waiting for the file system to create files: more
	// workers than CPUs keep more of those requests in flight. Each job
	// draws from its own random streams, so the order they run in does
	// not show in the files.
	workers := min(4*runtime.GOMAXPROCS(0), total)
	for range workers {
		wg.Go(func() {
			w := &writer{root: dir}
			for !failed.Load() {
				k := next.Add(1) - 1
				if k >= int64(total) {
					break
				}
				if err := job(w, int(k)); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					failed.Store(true)
				}
			}
			mu.Lock()
			stats.Files += w.files
			stats.Bytes += w.bytes
			mu.Unlock()
		})
	}
	wg.Wait()
	return stats, first
}

// jobs is the number of jobs the site is written in: the shared records,
// then one per ICB, per PCN and per practice.
func (pl *plan) jobs() int { return 1 + pl.icbs + pl.pcns() + pl.n }

// job writes job k of jobs.
func (pl *plan) job(w *writer, k int) error {
	if k == 0 {
		return writeShared(w, pl)
	}
	k--
	if k < pl.icbs {
		return writeICB(w, pl, pl.icb(k))
	}
	k -= pl.icbs
	if k < pl.pcns() {
		return writePCN(w, pl, pl.pcn(k))
	}
	return writePractice(w, pl, k-pl.pcns())
}

// prepare makes dir ready to write into: created if need be, or cleared of
// an earlier synth site.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if !ours(dir, entries) {
		return fmt.Errorf("%s is not empty and synth did not write it: choose a new or empty folder", dir)
	}
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		return err
	}
	return os.Remove(filepath.Join(dir, "handbook.toml"))
}

// ours reports whether dir, with entries, holds a site synth wrote.
func ours(dir string, entries []fs.DirEntry) bool {
	var config, content bool
	for _, e := range entries {
		switch e.Name() {
		case "handbook.toml":
			config = e.Type().IsRegular()
		case "content":
			content = e.IsDir()
		case "public":
			// A build's output: left as it is.
		default:
			return false
		}
	}
	if !config || !content {
		return false
	}
	f, err := os.Open(filepath.Join(dir, "handbook.toml"))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	k, _ := f.Read(head)
	return bytes.Contains(head[:k], []byte(marker))
}

// writer writes files under root, one at a time, from a buffer it reuses.
// Each goroutine has its own.
type writer struct {
	root  string
	buf   bytes.Buffer
	path  string
	files int
	bytes int64
}

// toml starts the TOML file at rel, a slash-separated path from the site
// root, for a record of type kind, with its #:schema header.
func (w *writer) toml(rel, kind string) doc {
	w.buf.Reset()
	w.path = rel
	d := doc{&w.buf}
	d.schema(rel, kind)
	return d
}

// page starts the Markdown page at rel: its front matter follows.
func (w *writer) page(rel string) doc {
	w.buf.Reset()
	w.path = rel
	w.buf.WriteString("+++\n")
	return doc{&w.buf}
}

// mkdir creates the folder rel and its parents.
func (w *writer) mkdir(rel string) error {
	return os.MkdirAll(filepath.Join(w.root, filepath.FromSlash(rel)), 0o755)
}

// flush writes the file started last.
func (w *writer) flush() error {
	if err := os.WriteFile(filepath.Join(w.root, filepath.FromSlash(w.path)), w.buf.Bytes(), 0o644); err != nil {
		return err
	}
	w.files++
	w.bytes += int64(w.buf.Len())
	return nil
}
