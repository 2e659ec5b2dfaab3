// Package render turns a linked handbook, with its governance findings,
// into the files of the static site, in memory. It takes the theme and the
// site's template overrides as file systems, parses the templates once
// (minified, when pages are to be), renders every page (in parallel:
// templates are safe for concurrent use) and returns the files sorted by
// path. Output depends only on its inputs and Options.Today: the same
// handbook renders to the same bytes.
package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-nhs/handbook/generator/par"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/tdewolff/minify/v2"
)

// Options control a render.
type Options struct {
	// Today is the date the handbook is built for; review and expiry
	// states are worked out against it.
	Today site.Date
	// Theme holds templates/ and assets/. It must be set.
	Theme fs.FS
	// Overrides is the site's own templates folder: a file there replaces
	// the theme's templates/ file of the same name. Nil for none.
	Overrides fs.FS
	// OverridesDir names the overrides folder in error messages.
	OverridesDir string
	// Minify shrinks HTML and CSS: the templates are minified once, and
	// the stylesheets. What templates print is left as it is. Golden
	// tests turn it off to keep the output readable.
	Minify bool
	// PDFs says that PDFs of the printed documents (PrintJobs) will be
	// added to the site, so that pages link to them.
	PDFs bool
}

// PrintJob is a page of the site to print to PDF, and the PDF's path.
type PrintJob struct {
	Page, PDF string
}

// PrintJobs lists the documents of h made to be printed, with the PDFs
// handbook pdf makes of them: for each practice its continuity pack (when
// published), the annual ICB review and register review checklists and
// the access review checklist of each service.
func PrintJobs(h *site.Handbook) []PrintJob {
	var jobs []PrintJob
	add := func(page string) {
		jobs = append(jobs, PrintJob{Page: page, PDF: strings.TrimSuffix(page, ".html") + ".pdf"})
	}
	for _, pr := range h.Practices {
		if h.Config.Publish.PublishPacks() {
			add(pr.ContinuityPackURL())
		}
		add(pr.ICBReviewURL())
		add(pr.RegisterReviewURL())
		for _, s := range pr.Services {
			add(s.AccessReviewURL())
		}
	}
	return jobs
}

// Renderer renders handbooks with one theme and set of overrides, parsed
// once: serve keeps one for as long as the templates do not change. It is
// safe for concurrent use.
type Renderer struct {
	opt Options
	// set renders the pages. When it is parsed from the templates
	// minified, orig returns them parsed as written, for errors that name
	// the lines their authors see (nil if that fails); else orig is nil.
	set  *templateSet
	orig func() *templateSet
	// shrink says to minify each page with m: Options.Minify is set, but
	// the templates could not be minified (see minifyTemplates).
	shrink bool
	m      *minify.M
	assets []site.File
	// gov are the governance thresholds the template functions due and
	// reviewDue measure against.
	gov site.Thresholds
}

// SetThresholds sets the governance thresholds the template functions
// measure against (site.DefaultThresholds fill what gov leaves zero). Set
// them before rendering, not while pages are rendered.
func (r *Renderer) SetThresholds(gov site.Thresholds) { r.gov = gov.WithDefaults() }

// Parse parses the templates and reads the assets of opt.Theme,
// overridden by opt.Overrides. It needs nothing of the site, so that the
// templates can be parsed while the site is read: the template functions
// measure against site.DefaultThresholds until SetThresholds gives them
// the site's. The returned error, when not nil, is a site.ErrorList.
func Parse(opt Options) (*Renderer, error) {
	var errs site.ErrorList
	r := &Renderer{opt: opt, m: minifier(), gov: site.DefaultThresholds}
	funcs := func(set *templateSet) template.FuncMap {
		fm := funcMap(&r.gov)
		fm["cached"] = func(name string, p *Page, keys ...any) (template.HTML, error) {
			return set.cached(name, p, keys)
		}
		return fm
	}
	set, orig, err := parseTemplates(opt, funcs, &errs)
	if err != nil {
		return nil, err
	}
	r.set, r.orig, r.shrink = set, orig, opt.Minify && orig == nil
	if r.assets, err = copyAssets(opt, r.m); err != nil {
		errs.Add(site.Pos{File: "themes"}, "", "%v", err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// Selection picks some of a handbook's pages, for Render to render again
// after a change. A nil *Selection picks every page.
type Selection struct {
	// Practices are the practices whose pages are picked.
	Practices map[*site.Practice]bool
	// Shared are the organisations and courses whose pages are picked.
	// The top page and the lists of organisations and courses are always
	// picked.
	Shared map[any]bool
}

func (p *Selection) practice(pr *site.Practice) bool { return p == nil || p.Practices[pr] }
func (p *Selection) shared(rec any) bool             { return p == nil || p.Shared[rec] }

// Render renders the pages of h that sel picks, with the theme's assets.
// The files come back sorted by path; a practice's files all sit in its
// folder (Practice.Dir), the others outside every practice's folder.
//
// Links from Markdown pages to a section of a page that is not rendered
// this time are checked against have, which returns the page as rendered
// before; it may be nil when sel is. The returned error, when not nil,
// is a site.ErrorList.
func (r *Renderer) Render(h *site.Handbook, sel *Selection, have func(path string) ([]byte, bool)) ([]site.File, error) {
	var files []site.File
	var mu sync.Mutex
	sorted := false
	err := r.Stream(context.Background(), h, sel, nil, func(b Batch) error {
		mu.Lock()
		defer mu.Unlock()
		for _, f := range b.Files {
			files = append(files, site.File{Path: f.Path, Data: bytes.Clone(f.Data)})
		}
		return nil
	}, func(p string) ([]byte, bool) {
		if !sorted {
			slices.SortFunc(files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
			sorted = true
		}
		if i, ok := slices.BinarySearchFunc(files, p, byPath); ok {
			return files[i].Data, true
		}
		if have != nil {
			return have(p)
		}
		return nil, false
	})
	if err != nil {
		return nil, err
	}
	if !sorted {
		slices.SortFunc(files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	}
	return files, nil
}

func byPath(f site.File, p string) int { return strings.Compare(f.Path, p) }

// Batch is a part of a rendered site: the files of one practice's
// folder, or files outside every practice's folder.
type Batch struct {
	// Practice is the practice whose folder holds the files, or nil.
	Practice *site.Practice
	// Files are the part's files, sorted by path.
	Files []site.File
	// Pages counts the HTML pages among them.
	Pages int
}

// Feed lets Stream read each practice when its part is about to be
// planned, and let it go once the part is emitted, so that memory never
// holds every practice's records: h.Practices then start with what
// another practice's pages show of each (its practice.toml, see
// load.Header), and end with what the shared pages show.
type Feed struct {
	// Open completes practice p of h, on the goroutine about to plan its
	// part: its records read, linked and checked. After an error, which
	// Stream reports with the others, the part is not planned, and no
	// other part is rendered: what they would report could only follow
	// from the mistake.
	Open func(p *site.Practice) error
	// Close is called once p's part is rendered (and emitted, unless the
	// build has failed), on the same goroutine.
	Close func(p *site.Practice)
	// Shared is called once every practice's part is done, before the
	// top pages and the organisations' and courses' pages are planned.
	// It must leave h ready for them: h.Practices with what they show of
	// each practice, the lists on the shared records filled (link), and
	// h.Findings with the findings on the shared records.
	Shared func() error
}

// Stream renders the pages of h that sel picks, as Render does, on every
// core, handing each part of the site to emit as soon as it is rendered,
// so that it can be written and dropped: memory holds only the parts
// being rendered. Emit is called from several goroutines at once. The
// files' data are good only until emit returns: their memory then goes
// to the pages of other parts, so emit copies what it keeps. Once a
// part has a mistake, or emit or ctx fails, no more parts are emitted;
// the others are still rendered, so that every mistake is reported.
// Every practice's part comes before the shared parts. feed, when not
// nil, reads each practice as its part comes (see Feed).
//
// When every part is emitted, links from Markdown pages to pages in other
// parts (sections of them, and the records of other practices) are
// checked against look, which returns a page as emitted, or as rendered
// before for a page sel did not pick.
//
// The returned error, when not nil, is a site.ErrorList, or ctx's error.
func (r *Renderer) Stream(ctx context.Context, h *site.Handbook, sel *Selection, feed *Feed, emit func(Batch) error, look func(path string) ([]byte, bool)) error {
	if feed == nil {
		feed = &Feed{}
	}
	crew := par.NewCrew()
	st := &streamer{r: r, ctx: ctx, pl: newPlanner(h, r.opt, crew), crew: crew, feed: feed, emit: emit}
	practices, shared := st.pl.parts(sel)
	// One worker for each core takes a part at a time. A worker with no
	// part to take helps the others through the pages of theirs (crew):
	// the pages of a site of one practice, and of the last parts of
	// another, are rendered on every core too.
	var wg, partsDone sync.WaitGroup
	next := make(chan *part)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				select {
				case pt, ok := <-next:
					if !ok {
						return
					}
					st.part(pt)
					partsDone.Done()
				case job := <-crew.Jobs():
					job()
				}
			}
		})
	}
	partsDone.Add(len(practices))
	for _, pt := range practices {
		next <- pt
	}
	partsDone.Wait()
	switch {
	case st.unread:
		shared = nil
	case feed.Shared != nil:
		if err := feed.Shared(); err != nil {
			st.fail(err)
			shared = nil
		}
	}
	partsDone.Add(len(shared))
	for _, pt := range shared {
		next <- pt
	}
	// Workers help with the parts still being rendered until the last is
	// done.
	partsDone.Wait()
	close(next)
	wg.Wait()
	errs := st.errs
	errs.Append(templateFailures(r.set, st.pageErrs))
	if err := errs.Err(); err != nil {
		return err
	}
	if st.stopped != nil {
		return st.stopped
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	slices.SortFunc(st.elsewhere, func(a, b anchor) int { return strings.Compare(a.page, b.page) })
	for _, a := range st.elsewhere {
		page, found := look(a.page)
		a.check(page, found, &errs)
	}
	return errs.Err()
}

// fail keeps err, from the feed: its mistakes are reported with the
// others; an error of another kind stops the build.
func (st *streamer) fail(err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.broken = true
	var list site.ErrorList
	if errors.As(err, &list) {
		st.errs.Append(list)
	} else {
		st.stopped = cmp.Or(st.stopped, err)
	}
}

// streamer is one Stream: the parts are planned, rendered and emitted by
// several goroutines at once, which share the rest under mu.
type streamer struct {
	r    *Renderer
	ctx  context.Context
	pl   *planner
	crew *par.Crew
	feed *Feed
	emit func(Batch) error

	mu        sync.Mutex
	broken    bool  // some part has a mistake
	unread    bool  // some practice could not be read (Feed.Open)
	stopped   error // why no more parts are emitted
	errs      site.ErrorList
	elsewhere []anchor
	pageErrs  []pageError
}

// part reads (with the feed), plans, renders and emits one part, and
// keeps what went wrong.
func (st *streamer) part(pt *part) {
	pr := pt.practice
	// Nothing of the part is needed once it is emitted: let it go then,
	// not when the whole site is done.
	defer func() { *pt = part{} }()
	if st.ctx.Err() != nil {
		return
	}
	if pr != nil && st.feed.Open != nil {
		if err := st.feed.Open(pr); err != nil {
			st.mu.Lock()
			st.unread = true
			st.mu.Unlock()
			st.fail(err)
			return
		}
	}
	st.mu.Lock()
	skip := st.unread
	st.mu.Unlock()
	if !skip {
		st.render(pt)
	}
	if pr != nil && st.feed.Close != nil {
		st.feed.Close(pr)
	}
}

// render plans, renders and emits one part. Its pages are rendered with
// the crew's help.
func (st *streamer) render(pt *part) {
	r := st.r
	st.pl.plan(pt, r.assets)
	out := Batch{Practice: pt.practice, Files: pt.files}
	files := make([]site.File, len(pt.pages))
	errs := make([]error, len(pt.pages))
	// Each page stays in its buffer until the part has been emitted.
	bufs := make([]*bytes.Buffer, len(pt.pages))
	defer func() {
		for _, buf := range bufs {
			if buf != nil && buf.Cap() <= keptBuffer {
				buffers.Put(buf)
			}
		}
	}()
	st.crew.Each(len(pt.pages), func(i int) {
		bufs[i] = buffers.Get().(*bytes.Buffer)
		files[i], errs[i] = r.renderPage(pt.pages[i], bufs[i])
	})
	var failures []pageError
	for i, p := range pt.pages {
		if errs[i] != nil {
			failures = append(failures, pageError{p.Template, p.Path, errs[i].Error()})
			continue
		}
		out.Files = append(out.Files, files[i])
		out.Pages++
	}
	slices.SortFunc(out.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	away := pt.links.check(out.Files, &pt.errs)
	partErrs := pt.errs
	st.mu.Lock()
	st.errs.Append(partErrs)
	st.pageErrs = append(st.pageErrs, failures...)
	st.elsewhere = append(st.elsewhere, away...)
	st.broken = st.broken || len(partErrs) > 0 || len(failures) > 0
	if st.stopped == nil {
		st.stopped = st.ctx.Err()
	}
	send := !st.broken && st.stopped == nil
	st.mu.Unlock()
	if !send {
		return
	}
	if err := st.emit(out); err != nil {
		st.mu.Lock()
		st.stopped = cmp.Or(st.stopped, err)
		st.mu.Unlock()
	}
}

// buffers are the buffers pages are rendered into. A page's bytes stay
// in its buffer until its part is emitted, and the buffer is used again
// for another part's page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// keptBuffer is the largest buffer kept for another page. A buffer keeps
// the room of the largest page it has held: kept whatever their size,
// the buffers all grew to the largest pages' size (a continuity pack is
// 100 kB and more, most pages 5 to 30 kB), and as the collector counts
// them live and lets the heap grow several times what is live (see
// build.streamGOGC), a build of 6,300 practices peaked at 1.3 GB instead
// of 1.0 GB.
const keptBuffer = 64 << 10

// pageError is a page that failed to render.
type pageError struct{ template, path, msg string }

// templateFailures reports the pages that failed to render. A broken
// template fails every page it renders, usually the same way: each
// distinct failure is reported once, naming the first page.
func templateFailures(set *templateSet, failed []pageError) site.ErrorList {
	slices.SortFunc(failed, func(a, b pageError) int { return strings.Compare(a.path, b.path) })
	type failure struct{ template, msg string }
	pagesFailed := map[failure][]string{}
	var failures []failure
	for _, pe := range failed {
		f := failure{pe.template, pe.msg}
		if pagesFailed[f] == nil {
			failures = append(failures, f)
		}
		pagesFailed[f] = append(pagesFailed[f], pe.path)
	}
	var errs site.ErrorList
	for _, f := range failures {
		on := pagesFailed[f]
		where := on[0]
		switch len(on) {
		case 1:
		case 2:
			where += " and 1 other page"
		default:
			where += fmt.Sprintf(" and %d other pages", len(on)-1)
		}
		errs.Add(site.Pos{File: set.source[f.template]}, "fix the template, or delete it to use the theme's own",
			"rendering %s: %s", where, f.msg)
	}
	return errs
}

// renderPage renders p into buf and returns the page, whose data may be
// buf's. When it fails from minified templates, it renders p again from
// the templates as written, whose error names the lines the author sees.
// (Minifying keeps every action, so the templates as written fail too; if
// they did not, the first error stands.)
func (r *Renderer) renderPage(p *Page, buf *bytes.Buffer) (site.File, error) {
	err := execute(r.set, p, buf)
	if err != nil && r.orig != nil {
		if orig := r.orig(); orig != nil {
			q := *p
			q.cached = nil // it holds what the minified templates rendered
			if origErr := execute(orig, &q, buf); origErr != nil {
				err = origErr
			}
		}
	}
	if err != nil {
		return site.File{}, err
	}
	out := buf.Bytes()
	if r.shrink {
		if out, err = r.m.Bytes("text/html", out); err != nil {
			return site.File{}, err
		}
	}
	return site.File{Path: p.Path, Data: out}, nil
}

// execute renders p from set into buf.
func execute(set *templateSet, p *Page, buf *bytes.Buffer) error {
	t, ok := set.pages[p.Template]
	if !ok {
		return fmt.Errorf("no template %s", p.Template)
	}
	buf.Reset()
	layout := p.Layout
	if layout == "" {
		layout = "base.html"
	}
	return t.ExecuteTemplate(buf, layout, p)
}

// copyAssets copies the theme's assets/ folder, minifying stylesheets.
func copyAssets(opt Options, m *minify.M) ([]site.File, error) {
	var out []site.File
	err := fs.WalkDir(opt.Theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(opt.Theme, p)
		if err != nil {
			return err
		}
		if opt.Minify && path.Ext(p) == ".css" {
			if data, err = m.Bytes("text/css", data); err != nil {
				return fmt.Errorf("minify %s: %w", p, err)
			}
		}
		out = append(out, site.File{Path: p, Data: data})
		return nil
	})
	return out, err
}
