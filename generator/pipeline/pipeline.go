// Package pipeline wires the stages into the one pipeline that every
// command runs. For each practice, on every core:
//
//	load (validate) → link → govern → render, export → the sink
//
// then, from a summary of each practice, the pages outside every
// practice's folder: the top page, the A to Z and search, the
// organisations' and courses' pages, handbook.json. build, check, pdf and
// serve differ only in the Sink that receives the files: the publisher
// (Build), nothing (Check), the printer (Build with PDFs) or the store
// serve answers from.
//
// Memory holds the shared records, a summary and some hashes of each
// practice (see practice), and the practices being worked on: never every
// practice's records at once.
//
// A Pipeline remembers what it read and made, so that serve can run it
// again over only the practices a change touches (Run with the changed
// files).
package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-nhs/handbook/generator/export"
	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/link"
	"github.com/handbook-nhs/handbook/generator/load"
	"github.com/handbook-nhs/handbook/generator/par"
	"github.com/handbook-nhs/handbook/generator/render"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/validate"
	"github.com/handbook-nhs/handbook/themes"
)

// The folders of a site besides content/.
const (
	// TemplatesDir is the site's folder of template overrides.
	TemplatesDir = "templates"
	// ThemeDir is the site's own copy of the theme; when a site has one,
	// it replaces the built-in theme.
	ThemeDir = "themes/default"
	// SchemasDir is the site's own copy of the schemas, for editors.
	SchemasDir = "schemas"
)

// Options say what to build.
type Options struct {
	// Source is the site folder.
	Source string
	// Destination is the output folder of Build; empty means public/ in
	// Source.
	Destination string
	// Today is the date the handbook is built for.
	Today site.Date
	// NoMinify leaves HTML and CSS as the templates wrote them.
	NoMinify bool
	// PDF has Build print the documents made for paper (render.PrintJobs)
	// to PDF with headless Chromium, and publish the PDFs with the site;
	// pages link to them.
	PDF bool
	// Browser is the Chromium to print with; empty finds one (pdf.Find).
	Browser string
	// PrintOnly, when set, chooses the practices whose documents a build
	// with PDFs prints, by id; the others' PDFs are kept from the
	// previous output when they are still current, and left out when not.
	PrintOnly func(practice *site.Summary) bool
	// Packs publishes the continuity packs whatever handbook.toml says,
	// for a private build of a public-facing site.
	Packs bool
	// History, when set, says when each file of the site last changed,
	// for the record pages to show (site.Handbook.LastChanged); a run
	// that reads the whole site calls it. Build sets it to ask git
	// (GitHistory) when it is nil. Left nil, as tests of an fs.FS leave
	// it, no page shows a date.
	History func() (history.Log, error)
	// Progress, when set, is told how a run is going each time a
	// practice's files are put. Calls come one at a time.
	Progress func(Progress)
	// Waiting, when set, is told that Build waits for another build into
	// the same destination to finish.
	Waiting func(dest string)
}

// Progress is how far a run has got.
type Progress struct {
	// Practices are the practices whose files are put, of Total.
	Practices, Total int
	// Pages are the HTML pages put so far.
	Pages int
	// Printed are the PDFs printed so far, of ToPrint, once the pages
	// are built (a build with PDFs).
	Printed, ToPrint int
}

// GitHistory returns an Options.History that asks git when each file
// under the folder dir last changed.
func GitHistory(ctx context.Context, dir string) func() (history.Log, error) {
	return func() (history.Log, error) { return history.Read(ctx, dir) }
}

// A Sink receives the site part by part, as the parts are made: the
// files of each practice's folder, then those outside every practice's
// folder. Put is called from several goroutines at once. When Run fails,
// nothing it put is part of a site: the sink must keep none of it.
type Sink interface {
	Put(*Part) error
}

// Part is a part of the site.
type Part struct {
	// Practice is the practice whose folder holds the files, or "" for
	// the files outside every practice's folder.
	Practice string
	// Files are the part's files, sorted by path.
	Files []site.File
	// Pages counts the HTML pages among them.
	Pages int
	// Findings are the governance findings of the part: a practice's
	// own, or those on the shared records.
	Findings []*site.Finding
	// Print are the pages among the files made to be printed.
	Print []render.PrintJob
}

// Result is what a run did.
type Result struct {
	// Practices counts the practices of the site; Rendered lists those
	// whose parts this run put, in order.
	Practices int
	Rendered  []string
	// Whole is set when the run put every file of the site: the parts
	// replace what earlier runs put. Else the run put each practice's
	// part whole, and some of the files outside the practices' folders.
	Whole bool
	// Files, Pages and Bytes count what this run put; PDFs, the PDFs
	// printed among them (Build with Options.PDF), and Reused those of the
	// previous output put again as they were, unchanged. Unprinted counts
	// the PDFs left out, not current and of practices Options.PrintOnly
	// did not choose.
	Files, Pages, PDFs, Reused, Unprinted int
	Bytes                                 int64
	// Destination is where Build published the site.
	Destination string
	// Findings counts the site's governance findings by severity: those on
	// the shared records and each practice's own.
	Findings site.Tally
	// Shallow is set when the site is in a shallow clone of its
	// repository, where files last changed in the clone's oldest commit
	// show no date.
	Shallow bool
	// HistoryErr says why no page shows when its file last changed, when
	// git could not say: history.ErrNotRepository when the site is not in
	// git, history.ErrNoGit, or git's own error. The run goes on.
	HistoryErr error
}

// Pipeline builds one site, again and again. It is not safe for
// concurrent use.
type Pipeline struct {
	fsys   fs.FS
	opt    Options
	reader *load.Reader
	// Clock, when set, gives the date of each run in place of
	// Options.Today: a change of date renders every page again.
	Clock func() site.Date

	// What the runs so far read and made. A run that reads everything
	// starts them afresh.
	today      site.Date
	h          *site.Handbook // nil: read everything
	ids        []string       // the practice folders, in order
	sharedErrs site.ErrorList // mistakes in the shared files
	shared     []*site.Finding
	// renderer renders the pages; nil, with the mistakes in the
	// templates in parseErr, when they do not parse.
	renderer  *render.Renderer
	parseErr  error
	practices map[string]*practice
	// sharedTargets are the ids of the pages outside the practices'
	// folders, by page, for links from Markdown pages to them.
	sharedTargets map[string]render.Targets
	shallow       bool
	historyErr    error
}

// practice is what a pipeline knows of one practice folder between runs:
// what the shared pages show of it, and what links to its pages need,
// never its records.
type practice struct {
	// summary is its summary: from its practice.toml as last read
	// (site.NewSummary), nil when that could not be read; and from the
	// rest of its folder once rendered (Summary.Fill).
	summary *site.Summary
	// errs are the mistakes in its files, as last read.
	errs site.ErrorList
	// The rest is of its part as last rendered.
	own      site.Tally // its own findings
	links    []render.Link
	targets  render.Targets
	failures []render.Failure
	// put is set once a run that succeeded has put its part: until then,
	// every run renders it.
	put bool
}

// New returns a pipeline of the site in fsys, rooted at the site folder.
func New(fsys fs.FS, opt Options) *Pipeline {
	return &Pipeline{fsys: fsys, opt: opt, reader: load.New(fsys, validate.Default())}
}

// Dir returns the site folder dir for New to read: only the site's own
// ordinary files and folders (see load.Dir).
func Dir(dir string) (fs.FS, error) { return load.Dir(dir) }

// Input reports whether the file at path (slash-separated, relative to the
// site folder) is one a run reads, so that a change to it calls for a new
// run. The output folder, version control and editor files are not.
func Input(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if load.Ignored(part) {
			return false
		}
	}
	top, _, _ := strings.Cut(p, "/")
	switch top {
	case load.ConfigFile, load.ContentDir, TemplatesDir, SchemasDir:
		return true
	case "themes":
		return p == "themes" || p == ThemeDir || strings.HasPrefix(p, ThemeDir+"/")
	}
	return false
}

// Theme is the theme of the site in fsys: its own copy in ThemeDir when
// it has one, else the built-in theme.
func Theme(fsys fs.FS) fs.FS {
	if info, err := fs.Stat(fsys, ThemeDir); err == nil && info.IsDir() {
		if sub, err := fs.Sub(fsys, ThemeDir); err == nil {
			return sub
		}
	}
	return themes.Default()
}

// Run builds the site and puts its parts to sink. Changed lists the
// files that changed since the last run, slash-separated and relative to
// the site folder (paths that are not Input are ignored); nil means
// anything may have, and the first run reads everything whatever it says.
// A run after a change to a practice's folder reads and renders that
// practice again, with the practices whose buddy it is when its
// practice.toml changed, and then the top pages and the pages of the
// organisations and courses those practices used before or use now. A
// change to anything else reads everything again.
//
// The parts a run puts are those a run of the whole site would put, byte
// for byte. The returned error, when not nil, is a site.ErrorList of
// every mistake in the site, or an error reading the site or from the
// sink; the parts the run put are then not a site, and the next run puts
// them again.
func (p *Pipeline) Run(ctx context.Context, changed []string, sink Sink) (Result, error) {
	reread, err := p.scope(changed)
	if err != nil {
		return Result{}, err
	}
	shared := p.used(reread, map[any]bool{}) // the shared pages that list them as they were
	p.h.Practices = nil                      // until every practice is summarised

	// Every practice's practice.toml, and what ties practices together.
	headers, headerErrs := p.readHeaders(reread)
	r := &run{p: p, ctx: ctx, sink: sink, linker: link.New(p.h), total: len(reread)}
	errs := slices.Clone(p.sharedErrs)
	errs.Append(p.linkAcross(r.linker))
	again := map[string]bool{}
	for _, id := range reread {
		again[id] = true
	}
	for _, id := range p.ids {
		if !again[id] {
			errs.Append(p.practices[id].errs)
		}
	}

	// Each practice, on every core: once a mistake is known, the rest are
	// read and linked for theirs, and nothing more is rendered.
	r.failed = len(errs) > 0 || p.parseErr != nil
	par.Each(len(reread), func(i int) {
		hdr := headers[i]
		headers[i] = nil // it becomes the practice's records, which go once its part is put
		r.practice(reread[i], hdr, headerErrs[i])
	})
	for _, id := range reread {
		errs.Append(p.practices[id].errs)
	}
	if err := cmp.Or(errs.Err(), p.parseErr, r.stopped, ctx.Err(), p.failed()); err != nil {
		return Result{}, err
	}

	// The pages outside the practices' folders.
	var pick func(any) bool
	if len(reread) < len(p.ids) {
		p.used(reread, shared) // and as they are now
		pick = func(rec any) bool { return shared[rec] }
	}
	if err := r.sharedPart(pick); err != nil {
		return Result{}, err
	}
	for _, id := range reread {
		p.practices[id].put = true
	}
	return p.result(r.res, reread, pick == nil), nil
}

// scope returns the practices a run reads and renders again after the
// changes in changed, in the order of their folders. It reads everything
// again when the changes call for it, or the date has changed (see Run).
func (p *Pipeline) scope(changed []string) ([]string, error) {
	today := p.opt.Today
	if p.Clock != nil {
		today = p.Clock()
	}
	reread := p.touched(changed)
	if reread == nil || today != p.today {
		if err := p.readShared(today); err != nil {
			return nil, err
		}
		reread = p.ids
	}
	p.forget(changed)
	for id, pr := range p.practices {
		if !pr.put {
			reread = append(reread, id)
		}
	}
	return p.withBuddies(p.sorted(reread), changed), nil
}

// used adds to set the organisations and courses the practices ids use,
// as their summaries say, and returns it.
func (p *Pipeline) used(ids []string, set map[any]bool) map[any]bool {
	for _, id := range ids {
		if s := p.practices[id].summary; s != nil {
			for _, o := range s.Organisations {
				set[o] = true
			}
			for _, c := range s.Courses {
				set[c] = true
			}
		}
	}
	return set
}

// linkAcross links each practice's buddy and checks the ODS codes, with
// every practice's summary; a practice that could not be read leaves the
// others' buddies pointing at nothing, so this waits for a whole site.
func (p *Pipeline) linkAcross(l *link.Linker) site.ErrorList {
	var summaries []*site.Summary
	for _, id := range p.ids {
		if s := p.practices[id].summary; s != nil {
			summaries = append(summaries, s)
		}
	}
	if len(summaries) < len(p.ids) {
		return nil
	}
	return asList(l.Buddies(summaries))
}

// failed reports the pages that failed to render, in every practice's
// part, if any did.
func (p *Pipeline) failed() error {
	var failures []render.Failure
	for _, id := range p.ids {
		failures = append(failures, p.practices[id].failures...)
	}
	return render.Failed(failures).Err()
}

// result completes res, what a run put, with what it knows of the whole
// site: its practices and their findings.
func (p *Pipeline) result(res Result, rendered []string, whole bool) Result {
	res.Practices, res.Rendered, res.Whole = len(p.ids), rendered, whole
	res.Findings = site.TallyOf(p.shared)
	for _, id := range p.ids {
		for sev, n := range p.practices[id].own {
			res.Findings[sev] += n
		}
	}
	res.Shallow, res.HistoryErr = p.shallow, p.historyErr
	return res
}

// touched returns the practices whose folders hold the changed files, or
// nil when a change calls for reading everything again: the first run, a
// change to anything but a practice's folder, or a folder added or
// removed.
func (p *Pipeline) touched(changed []string) []string {
	if changed == nil || p.h == nil {
		return nil
	}
	reread := []string{}
	for _, c := range changed {
		if !Input(c) {
			continue
		}
		parts := strings.Split(c, "/")
		if parts[0] != load.ContentDir || len(parts) < 3 || p.practices[parts[1]] == nil {
			return nil
		}
		reread = append(reread, parts[1])
	}
	return reread
}

// withBuddies adds to the sorted ids to read again the practices whose
// buddy's practice.toml changed: their pages show its name, ODS code and
// sites.
func (p *Pipeline) withBuddies(ids, changed []string) []string {
	for _, c := range changed {
		buddy, ok := strings.CutSuffix(strings.TrimPrefix(c, load.ContentDir+"/"), "/practice.toml")
		if !ok || p.practices[buddy] == nil {
			continue
		}
		for _, id := range p.ids {
			if s := p.practices[id].summary; s != nil && s.Buddy == buddy {
				ids = append(ids, id)
			}
		}
	}
	return p.sorted(ids)
}

// sorted returns ids once each, in the order of the practice folders.
func (p *Pipeline) sorted(ids []string) []string {
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	var out []string
	for _, id := range p.ids {
		if set[id] {
			out = append(out, id)
		}
	}
	return out
}

// readShared starts afresh: it reads the shared files and lists the
// practice folders, links and checks the shared records, asks when each
// file last changed (Options.History) and parses the templates. The
// error, when not nil, says the shared files could not be read at all;
// their other mistakes are kept for Run to report with the rest.
func (p *Pipeline) readShared(today site.Date) error {
	*p = Pipeline{fsys: p.fsys, opt: p.opt, reader: p.reader, Clock: p.Clock, today: today,
		practices: map[string]*practice{}, sharedTargets: map[string]render.Targets{}}
	// git answers in a process of its own while the site is read.
	joinHistory := p.readHistory()
	defer joinHistory()
	h, ids, err := p.reader.Shared()
	if h == nil {
		return err
	}
	p.sharedErrs = asList(err)
	p.sharedErrs.Append(asList(link.New(h).Shared()))
	if p.opt.Packs {
		packs := true
		h.Config.Publish.ContinuityPacks = &packs
		h.Config.Publish.PersonalNumbers = true
	} else if pub := h.Config.Publish; pub.PersonalNumbers && (len(ids) > 1 || pub.PublicFacing) {
		pos := h.Config.Source.At("publish.personal_numbers")
		hint := "publish the numbers only on the private intranet of one practice; print them with handbook pdf --packs --destination a-private-folder"
		if pub.PublicFacing {
			p.sharedErrs.Add(pos, hint, "personal_numbers cannot be true in a public-facing handbook")
		} else {
			p.sharedErrs.Add(pos, hint, "personal_numbers is for a handbook of one practice, and this one has %d", len(ids))
		}
	}
	p.h, p.ids = h, ids
	for _, id := range ids {
		p.practices[id] = &practice{}
	}
	p.shared = govern.Shared(h, today)
	h.Findings = p.shared
	overrides, err := fs.Sub(p.fsys, TemplatesDir)
	if err != nil {
		return err
	}
	p.renderer, p.parseErr = render.Parse(render.Options{
		Today:        today,
		Thresholds:   h.Config.Governance,
		Theme:        Theme(p.fsys),
		Overrides:    overrides,
		OverridesDir: TemplatesDir,
		Minify:       !p.opt.NoMinify,
		PDFs:         p.opt.PDF,
	})
	return nil
}

// readHistory asks Options.History, if set, when each file last changed,
// and returns the function that waits for the answer and keeps it.
func (p *Pipeline) readHistory() (join func()) {
	if p.opt.History == nil {
		return func() {}
	}
	done := make(chan struct{})
	var log history.Log
	var err error
	go func() {
		defer close(done)
		log, err = p.opt.History()
	}()
	return func() {
		<-done
		p.shallow, p.historyErr = log.Shallow, err
		if p.h != nil && len(log.Dates) > 0 {
			p.h.LastChanged = make(map[string]site.Date, len(log.Dates))
			for f, t := range log.Dates {
				p.h.LastChanged[f] = site.DateOf(t)
			}
		}
	}
}

// forget drops the dates of last change of the files at the paths in
// changed: a file saved since it was last committed has none, and any
// other change is one git would date only when asked again.
func (p *Pipeline) forget(changed []string) {
	if p.h == nil {
		return
	}
	for _, c := range changed {
		delete(p.h.LastChanged, c)
	}
}

// readHeaders reads the practice.toml of the practices ids, on every core,
// with the mistakes in them, and makes their summaries afresh from them.
// A practice whose practice.toml could not be read is nil, and has no
// summary.
func (p *Pipeline) readHeaders(ids []string) ([]*site.Practice, []site.ErrorList) {
	headers := make([]*site.Practice, len(ids))
	errs := make([]site.ErrorList, len(ids))
	par.Each(len(ids), func(i int) {
		hdr, err := p.reader.Header(ids[i])
		headers[i], errs[i] = hdr, asList(err)
		p.practices[ids[i]].summary = nil
		if hdr != nil {
			p.practices[ids[i]].summary = site.NewSummary(hdr)
		}
	})
	return headers, errs
}

// run is one Run: the practices are read and rendered by several
// goroutines at once, which share the rest under mu.
type run struct {
	p      *Pipeline
	ctx    context.Context
	sink   Sink
	linker *link.Linker

	mu sync.Mutex
	// failed is set once some mistake is known: no more parts are
	// rendered or put, but every practice is still read and linked, for
	// its mistakes.
	failed  bool
	stopped error // why no more parts are put: the sink failed
	done    int
	total   int
	res     Result
}

// practice reads, links, checks and renders the practice id, and puts its
// part. hdr is its practice.toml, as readHeaders read it, with the
// mistakes in it: the rest of the folder is read into it.
func (r *run) practice(id string, hdr *site.Practice, hdrErrs site.ErrorList) {
	p := r.p
	st := p.practices[id]
	*st = practice{summary: st.summary, errs: hdrErrs}
	if hdr == nil {
		r.fail()
		return
	}
	pr := hdr
	st.errs.Append(p.readRest(r.linker, pr))
	if len(st.errs) > 0 {
		r.fail()
		return
	}
	if r.stop() {
		return
	}
	own := govern.Practice(p.h, pr, p.today, p.shared)
	pr.Redact(p.h.Config.Publish.PersonalNumbers) // after the rules, which may look at them
	out, err := p.renderer.Practice(p.h, pr)
	st.errs.Append(asList(err))
	st.summary.Fill(pr, p.today, p.h.Config.Governance.WithDefaults())
	if render.SearchesRunbooks(len(p.h.Practices)) {
		st.summary.FillSearch(pr)
	}
	st.own = site.TallyOf(own)
	st.links, st.targets, st.failures = out.Links, out.Targets, out.Failures
	if len(st.errs) > 0 || len(st.failures) > 0 {
		r.fail()
		return
	}
	part := &Part{Practice: id, Files: append(out.Files, export.New(p.h, p.today).Practice(pr)...),
		Pages: out.Pages, Findings: own, Print: render.PrintJobs(p.h, pr)}
	slices.SortFunc(part.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	if dup := twice(part.Files); dup != "" {
		st.errs.Add(site.Pos{File: pr.File}, "this is a fault in handbook, not in the content: please report it",
			"two files of practice %s would be written to %s", pr.ID, dup)
		r.fail()
		return
	}
	r.put(part)
}

// twice returns a path that two of files, sorted by path, have, or "".
// Ids that would give a record's page the path of a page the handbook
// writes itself are refused as they are read (site.ReservedID): this is
// the check that none was missed.
func twice(files []site.File) string {
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return files[i].Path
		}
	}
	return ""
}

// read reads the practice id in full again and links it with l, as the
// last run read it.
func (p *Pipeline) read(id string, l *link.Linker) (*site.Practice, site.ErrorList) {
	pr, err := p.reader.Header(id)
	errs := asList(err)
	if pr == nil {
		return nil, errs
	}
	errs.Append(p.readRest(l, pr))
	return pr, errs
}

// readRest reads the rest of the folder of pr, a practice as its header
// was read, and links its records with l, unless some file or folder
// could not be read at all: then a reference to a record in it is no
// mistake of its own, and one error says what is wrong, not hundreds.
func (p *Pipeline) readRest(l *link.Linker, pr *site.Practice) site.ErrorList {
	err := p.reader.Rest(pr)
	errs := asList(err)
	if !errors.Is(err, load.ErrIncomplete) {
		errs.Append(asList(l.Practice(pr)))
	}
	return errs
}

// fail notes that the run has a mistake.
func (r *run) fail() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
}

// stop reports whether no more parts are to be rendered.
func (r *run) stop() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped == nil {
		r.stopped = r.ctx.Err()
	}
	return r.failed || r.stopped != nil
}

// put hands part to the sink, unless the run has stopped, and counts it.
func (r *run) put(part *Part) {
	if r.stop() {
		return
	}
	if err := r.sink.Put(part); err != nil {
		r.mu.Lock()
		if r.stopped == nil {
			r.stopped = err
		}
		r.mu.Unlock()
		return
	}
	var size int64
	for _, f := range part.Files {
		size += int64(len(f.Data))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Files += len(part.Files)
	r.res.Pages += part.Pages
	r.res.Bytes += size
	if part.Practice != "" {
		r.done++
		if r.p.opt.Progress != nil {
			r.p.opt.Progress(Progress{Practices: r.done, Total: r.total, Pages: r.res.Pages})
		}
	}
}

// sharedPart renders the pages outside every practice's folder from the
// summaries, those of the organisations and courses pick picks (nil picks
// all), checks every link from a Markdown page to another part, and puts
// the part.
func (r *run) sharedPart(pick func(any) bool) error {
	p := r.p
	h := p.h
	h.Practices = make([]*site.Summary, len(p.ids))
	for i, id := range p.ids {
		h.Practices[i] = p.practices[id].summary
	}
	link.BackLinks(h)
	// The top pages, and each organisation's and course's page, side by
	// side: a page of an organisation that every practice uses lists
	// them all.
	shared := p.renderer.Shared(h)
	jobs := []func() render.Output{shared.Top}
	for _, o := range h.Organisations {
		if pick == nil || pick(o) {
			jobs = append(jobs, func() render.Output { return shared.Organisation(o) })
		}
	}
	for _, c := range h.Courses {
		if pick == nil || pick(c) {
			jobs = append(jobs, func() render.Output { return shared.Course(c) })
		}
	}
	outs := make([]render.Output, len(jobs))
	par.Each(len(jobs), func(i int) { outs[i] = jobs[i]() })
	var files []site.File
	var failures []render.Failure
	pages := 0
	for _, out := range outs {
		files = append(files, out.Files...)
		failures = append(failures, out.Failures...)
		pages += out.Pages
	}
	if err := render.Failed(failures).Err(); err != nil {
		return err
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			p.sharedTargets[f.Path] = render.TargetsOf([]site.File{f})
		}
	}
	var errs site.ErrorList
	for _, id := range p.ids {
		for _, l := range p.practices[id].links {
			l.Check(p.targets(l.Page()), &errs)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	files = append(files, export.New(h, p.today).Handbook()...)
	slices.SortFunc(files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	if dup := twice(files); dup != "" {
		return fmt.Errorf("two files of the shared pages would be written to %s: this is a fault in handbook, please report it", dup)
	}
	r.put(&Part{Files: files, Pages: pages, Findings: p.shared})
	return r.stopped
}

// targets are the targets of the part that holds page.
func (p *Pipeline) targets(page string) render.Targets {
	top, _, _ := strings.Cut(page, "/")
	if st := p.practices[top]; st != nil && strings.Contains(page, "/") {
		return st.targets
	}
	return p.sharedTargets[page]
}

// asList is err as a site.ErrorList: empty for nil, and for an error of
// another kind, one error naming no file.
func asList(err error) site.ErrorList {
	var list site.ErrorList
	if err == nil || errors.As(err, &list) {
		return list
	}
	list.Add(site.Pos{}, "", "%v", err)
	return list
}
