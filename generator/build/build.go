// Package build wires the stages into the pipeline: load the content,
// link the records, check them against the governance rules, render the
// pages, publish the files. Each stage is a function from data to data;
// only load reads and only publish writes.
package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/publish"
	"github.com/handbook-nhs/handbook/generator/render"
	"github.com/handbook-nhs/handbook/generator/site"
)

// TemplatesDir is the site's folder of template overrides.
const TemplatesDir = "templates"

// Options say what to build and where.
type Options struct {
	// Source is the site folder.
	Source string
	// Destination is the output folder; empty means public/ in Source.
	Destination string
	// Today is the date the handbook is built for.
	Today site.Date
	// NoMinify leaves HTML and CSS as the templates wrote them.
	NoMinify bool
	// PDF prints the documents made for paper (render.PrintJobs) to PDF
	// with headless Chromium and publishes the PDFs with the site.
	PDF bool
	// Browser is the Chromium to print with; empty finds one (pdf.Find).
	Browser string
	// Packs publishes the continuity packs whatever handbook.toml says,
	// for a private build of a public-facing site.
	Packs bool
	// History, when set, says when each file of the site last changed,
	// for the record pages to show (site.Handbook.LastChanged); a
	// Builder calls it each time it reads the whole site. Run sets it to
	// ask git (GitHistory) when it is nil. Left nil, as tests rendering
	// an fs.FS leave it, no page shows a date.
	History func() (history.Log, error)
	// GCHeadroom, when above zero, is how far Run and Check let the heap
	// grow past what they keep between garbage collections, in bytes: Run
	// from its start, Check while it renders. Rendering allocates many
	// times the live heap, and Go collects each time the heap doubles by
	// default, which for a small site is every few megabytes. They never
	// collect more often than the default (Run, which keeps little, not
	// before the heap is six times what it keeps), start from a smaller
	// headroom and double it after every collection (keepHeadroom), and
	// put the setting back when they are done. The handbook command sets
	// it unless GOGC is set.
	GCHeadroom int64
	// Progress, when set, is told how a build is going, each time a part
	// of the site is written: the top pages, an organisation's or course's
	// page, or a practice's folder. Calls come one at a time. Builds with
	// PDFs do not call it.
	Progress func(Progress)
}

// Progress is how far a build has got.
type Progress struct {
	// Practices are the practices whose files are all written, of Total.
	Practices, Total int
	// Pages are the HTML pages written so far.
	Pages int
}

// GitHistory returns an Options.History that asks git when each file
// under the folder dir last changed.
func GitHistory(ctx context.Context, dir string) func() (history.Log, error) {
	return func() (history.Log, error) { return history.Read(ctx, dir) }
}

// Result describes a finished build.
type Result struct {
	Practices   int
	Pages       int
	Files       int
	Bytes       int64
	Destination string
	// PDFs counts the PDFs made.
	PDFs int
	// Findings counts the governance findings by severity. They never
	// make a build fail; Check returns them, and each practice's findings
	// page lists its own.
	Findings site.Tally
	// Shallow is set when the site is in a shallow clone of its
	// repository, where files last changed in the clone's oldest commit
	// show no date.
	Shallow bool
	// HistoryErr says why no page shows when its file last changed, when
	// git could not say: history.ErrNotRepository when the site is not in
	// git, history.ErrNoGit, or git's own error. The build goes on.
	HistoryErr error
}

// Render runs every stage but publish: the site in memory. Errors in the
// content or templates come back as a site.ErrorList. The governance
// findings come back in the handbook (h.Findings, and each practice's
// Findings); they are not errors.
func Render(fsys fs.FS, opt Options) (*site.Handbook, []site.File, error) {
	out, err := NewBuilder(fsys, opt).Build(nil)
	if err != nil {
		return nil, nil, err
	}
	return out.Handbook, out.Files, nil
}

// Run builds the site at opt.Source and publishes it, with PDFs of the
// printed documents when opt.PDF is set. Record pages show when their
// files last changed in git, when that is known (see Options.History). On
// any error the previous output is left untouched.
//
// The files are written as they are rendered, part by part, on every
// core, and dropped once written: memory holds the records and the parts
// being rendered, never the whole site. A build with PDFs holds the site
// in memory for the browser to read.
func Run(ctx context.Context, opt Options) (Result, error) {
	dest := opt.Destination
	if dest == "" {
		dest = filepath.Join(opt.Source, "public")
	}
	info, err := os.Stat(opt.Source)
	if err != nil {
		return Result{}, err
	}
	if !info.IsDir() {
		return Result{}, &fs.PathError{Op: "build", Path: opt.Source, Err: errors.New("not a folder")}
	}
	if opt.History == nil {
		opt.History = GitHistory(ctx, opt.Source)
	}
	b := NewBuilder(os.DirFS(opt.Source), opt)
	if opt.PDF {
		return b.runPDF(ctx, dest)
	}
	return b.runStreamed(ctx, dest)
}

// gcPercent is the GOGC that lets the heap grow by headroom bytes past
// the live heap of the last collection, or by least percent of what the
// collector counts when that is more (least is 100 or more: the default
// GOGC). The collector lets the heap grow past the live heap by GOGC
// percent of the live heap, the goroutine stacks and the globals
// together: at the start of a build the globals, a few megabytes, are
// more than the live heap. And it never lets the heap stay under 4 MiB
// times GOGC/100: GOGC is kept low enough for that to be the headroom at
// most.
func gcPercent(headroom int64, least int) int {
	least = max(100, least)
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/scan/stack:bytes"},
		{Name: "/gc/scan/globals:bytes"},
	}
	metrics.Read(s)
	var counted int64
	for _, v := range s {
		if v.Value.Kind() == metrics.KindUint64 {
			counted += int64(v.Value.Uint64())
		}
	}
	if counted == 0 {
		return least
	}
	const heapMinimum = 4 << 20 // the runtime's, at GOGC=100
	return int(max(int64(least), min(headroom*100/counted, headroom*100/heapMinimum)))
}

// keepHeadroom sets GOGC to gcPercent for a headroom of firstHeadroom
// (or headroom, when less), and again after every collection, from the
// live heap that collection found, with the headroom doubled each time up
// to headroom, until the returned function puts GOGC back as it was.
// GOGC is a percentage of the live heap at the last collection: set
// once, from the few megabytes live when a build starts, it would let the
// heap grow to many times what the build keeps once it has read the site.
func keepHeadroom(headroom int64, least int) (restore func()) {
	var mu sync.Mutex // held while GOGC is set, so that none is set after restore
	stopped := false
	room := min(headroom, firstHeadroom)
	prev := debug.SetGCPercent(gcPercent(room, least))
	var arm func()
	arm = func() {
		// A cleanup runs once the collector has found its object
		// unreachable: after the next collection.
		runtime.AddCleanup(new(gcSentinel), func(struct{}) {
			mu.Lock()
			defer mu.Unlock()
			if stopped {
				return
			}
			room = min(headroom, 2*room)
			debug.SetGCPercent(gcPercent(room, least))
			arm()
		}, struct{}{})
	}
	arm()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetGCPercent(prev)
	}
}

// firstHeadroom is the headroom keepHeadroom starts from, doubled after
// every collection up to the one asked for. Memory the heap has not used
// before costs a page fault for every 4 KiB, about 3 µs on a 2-core
// virtual machine: 256 MiB all new take about 0.2 s of CPU, more than a
// build of a thousand Markdown pages spends collecting its 12 MiB live
// heap three times. Starting from 64 MiB, that build takes 19,900 page
// faults instead of 31,800, and 5% less CPU; a build of 250 practices,
// which allocates 1.2 GB, collects once more (8 times for 7), and has the
// whole headroom after two collections. A smaller start made a site of
// one practice, which allocates about 40 MiB, collect for nothing.
const firstHeadroom = 64 << 20

// gcSentinel is an object made only to be collected (see keepHeadroom).
// It holds pointers, so that it is not one of the tiny objects the
// runtime packs together, whose cleanups may never run.
type gcSentinel [2]*byte

// streamGOGC is the least GOGC of the streaming build, with a headroom.
// What it keeps is small (the shared records and a few kilobytes a
// practice, about 90 MiB at 6,300 practices), but each collection marks
// all of it again, and rendering allocates 6 MB a practice. At 6,300
// practices, with the heap let grow 256 MiB past the live heap, the
// collector took 8% of the CPU and the build about 90 s, 0.9 GB at
// most; at least five times past it (this), 80.6 s and 1.1 GB; four
// times, 83.8 s and 0.95 GB. Small sites, whose live heap is a fraction
// of the headroom, are not affected.
const streamGOGC = 500

// runPDF builds the site in memory, prints its documents to PDF and
// publishes both: the browser reads the pages from memory.
func (b *Builder) runPDF(ctx context.Context, dest string) (Result, error) {
	out, err := b.Build(nil)
	if err != nil {
		return Result{}, err
	}
	h, files := out.Handbook, out.Files
	var jobs []pdf.Job
	for _, j := range render.PrintJobs(h) {
		jobs = append(jobs, pdf.Job{Page: j.Page, Out: j.PDF})
	}
	pdfs, err := pdf.Print(ctx, files, jobs, pdf.Options{Browser: b.opt.Browser})
	if err != nil {
		return Result{}, err
	}
	files = append(files, pdfs...)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := publish.Dir(ctx, publish.Options{Destination: dest, Source: b.opt.Source}, files); err != nil {
		return Result{}, err
	}
	res := Result{Practices: len(h.Practices), Files: len(files), PDFs: len(pdfs), Destination: dest, Findings: site.TallyOf(h.Findings),
		Shallow: out.Shallow, HistoryErr: out.HistoryErr}
	for _, f := range files {
		res.Bytes += int64(len(f.Data))
		if filepath.Ext(f.Path) == ".html" {
			res.Pages++
		}
	}
	return res, nil
}

// Check runs every stage but publish, so that template errors and broken
// links in Markdown pages are caught too, and returns the governance
// findings. Nothing is written, and pages are dropped as they are
// rendered: of each page only the ids of its elements are kept, for
// links to its sections.
func Check(fsys fs.FS, opt Options) ([]*site.Finding, error) {
	opt.NoMinify = true // the pages are thrown away: do not spend time shrinking them
	b := NewBuilder(fsys, opt)
	h, err := b.whole()
	if err != nil {
		return nil, err
	}
	if opt.GCHeadroom > 0 {
		defer keepHeadroom(opt.GCHeadroom, 100)()
	}
	var mu sync.Mutex
	ids := map[string][]byte{}
	err = b.renderer.Stream(context.Background(), h, nil, nil, func(batch render.Batch) error {
		for _, f := range batch.Files {
			if path.Ext(f.Path) == ".html" {
				kept := idAttributes(f.Data)
				mu.Lock()
				ids[f.Path] = kept
				mu.Unlock()
			}
		}
		return nil
	}, func(p string) ([]byte, bool) {
		page, ok := ids[p]
		return page, ok
	})
	if err != nil {
		return nil, err
	}
	return h.Findings, nil
}

// idAttributes returns the id attributes of an HTML page, ` id="..."`
// each, as links to sections look for them.
func idAttributes(page []byte) []byte {
	var out []byte
	attr := []byte(` id="`)
	for {
		i := bytes.Index(page, attr)
		if i < 0 {
			return out
		}
		page = page[i:]
		end := bytes.IndexByte(page[len(attr):], '"')
		if end < 0 {
			return out
		}
		out = append(out, page[:len(attr)+end+1]...)
		page = page[len(attr)+end+1:]
	}
}
