// Package render turns the records into the pages of the static site, in
// memory. It takes the theme and the site's template overrides as file
// systems and parses the templates once (Parse); then each call renders
// one part of the site from data and returns its files: the pages of one
// practice's folder (Practice), or, once every practice is summarised,
// the pages outside them (Shared): the top pages, or one organisation's
// or course's page. It starts no goroutines and reads nothing but the
// theme: a Renderer and a Shared are safe for concurrent use, so parts
// can be rendered side by side. Output depends only on its inputs and Options: the same records
// render to the same bytes.
//
// Links from Markdown pages to sections of pages in the same part are
// checked as the part is rendered. Those that lead to other parts come
// back as Links, to be checked against the Targets of those parts once
// they are rendered.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/tdewolff/minify/v2"
)

// Options control a render.
type Options struct {
	// Today is the date the handbook is built for; review and expiry
	// states are worked out against it.
	Today site.Date
	// Thresholds are the site's governance thresholds ([governance] in
	// handbook.toml), which the template functions due and reviewDue
	// measure against; a zero field takes its default.
	Thresholds site.Thresholds
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

// Renderer renders the parts of a site with one theme and set of
// overrides, parsed once. It is safe for concurrent use.
type Renderer struct {
	opt Options
	gov site.Thresholds
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
}

// Parse parses the templates and reads the assets of opt.Theme,
// overridden by opt.Overrides. The returned error, when not nil, is a
// site.ErrorList.
func Parse(opt Options) (*Renderer, error) {
	var errs site.ErrorList
	r := &Renderer{opt: opt, gov: opt.Thresholds.WithDefaults(), m: minifier()}
	funcs := func(set *templateSet) template.FuncMap {
		fm := funcMap(r.gov)
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

// Output is one part of the site, rendered.
type Output struct {
	// Files are the part's files, sorted by path.
	Files []site.File
	// Pages counts the HTML pages among them.
	Pages int
	// Links are the links from the part's Markdown pages to pages of
	// other parts, to check once those are rendered (Link.Check), and
	// Targets what links from other parts may lead to here: the part's
	// pages with a record, and the ids of their elements.
	Links   []Link
	Targets Targets
	// Failures are the pages that failed to render, to be reported with
	// those of the other parts (Failed).
	Failures []Failure
}

// Practice renders the pages of practice pr, read, linked and checked
// against the governance rules: every file of its folder but the
// exports. h holds the shared records; its Practices are not read. The
// returned error, when not nil, is a site.ErrorList of the mistakes in
// pr's Markdown pages; pages that fail to render are in the Output's
// Failures.
func (r *Renderer) Practice(h *site.Handbook, pr *site.Practice) (Output, error) {
	var errs site.ErrorList
	l := newLinker(h, pr)
	pl := r.newPlan(h, findingsByPage(pr.Findings))
	pl.practice(pr, l, &errs)
	out := r.render(pl)
	out.Links = l.check(out.Files, &errs)
	return out, errs.Err()
}

// Shared renders the pages outside every practice's folder, one or a few
// at a time, so that they can be rendered side by side: the page of an
// organisation that every practice uses lists them all.
type Shared struct {
	r *Renderer
	h *site.Handbook
	// shown are the findings on the shared records, by page, worked out
	// once for all the shared pages: with a page for each of thousands of
	// organisations, working them out for each page made a build of 6,300
	// practices grow faster than its size.
	shown map[string][]*site.Finding
}

// Shared prepares the pages outside every practice's folder from h, with
// the summary of every practice (h.Practices).
func (r *Renderer) Shared(h *site.Handbook) *Shared {
	return &Shared{r: r, h: h, shown: findingsByPage(h.Findings)}
}

// Top renders the shared pages but the organisations' and courses' own:
// the top page, the A to Z and its search index, the lists of
// organisations and courses, with the theme's assets.
func (s *Shared) Top() Output {
	pl := s.r.newPlan(s.h, s.shown)
	pl.topPages()
	pl.files = append(pl.files, s.r.assets...)
	return s.r.render(pl)
}

// Organisation renders the page of organisation o, whose lists of what
// uses it link fills from the practices' summaries.
func (s *Shared) Organisation(o *site.Organisation) Output {
	pl := s.r.newPlan(s.h, s.shown)
	pl.organisation(o)
	return s.r.render(pl)
}

// Course renders the page of course c.
func (s *Shared) Course(c *site.Course) Output {
	pl := s.r.newPlan(s.h, s.shown)
	pl.course(c)
	return s.r.render(pl)
}

// render renders the pages of pl, with its other files. The pages with a
// record, which links from Markdown pages lead to, are recorded in the
// Output's Targets.
func (r *Renderer) render(pl *plan) Output {
	out := Output{Files: pl.files}
	var records []site.File
	var buf bytes.Buffer
	for _, p := range pl.pages {
		data, err := r.page(p, &buf)
		if err != nil {
			out.Failures = append(out.Failures, r.failure(p, err))
			continue
		}
		f := site.File{Path: p.Path, Data: data}
		out.Files = append(out.Files, f)
		out.Pages++
		if p.Source != "" {
			records = append(records, f)
		}
	}
	slices.SortFunc(out.Files, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	out.Targets = TargetsOf(records)
	return out
}

// page renders p, using buf as it will, and returns the page. When it
// fails from minified templates, it renders p again from the templates
// as written, whose error names the lines the author sees. (Minifying
// keeps every action, so the templates as written fail too; if they did
// not, the first error stands.)
func (r *Renderer) page(p *Page, buf *bytes.Buffer) ([]byte, error) {
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
		return nil, err
	}
	if r.shrink {
		return r.m.Bytes("text/html", buf.Bytes())
	}
	return bytes.Clone(buf.Bytes()), nil
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

// Failure is a page that failed to render.
type Failure struct {
	// Template is the file of the template that failed, at Line and Col
	// when known; Page, the page.
	Template, Page, Msg string
	Line, Col           int
}

// executing finds where a template failed in the error of executing it:
// the template's name, line and column, the action, and what went wrong.
var executing = regexp.MustCompile(`template: ([^:"]+):(\d+):(\d+): executing "[^"]*" at <([^>]*)>: `)

// failure is the failure of page p with err. A template that calls
// another, or a partial through cached, fails where the innermost one
// failed: that is the template named, at its line and column, not the
// page's own template, which may be the theme's and fine.
func (r *Renderer) failure(p *Page, err error) Failure {
	f := Failure{Template: r.set.source[p.Template], Page: p.Path, Msg: err.Error()}
	msg := err.Error()
	all := executing.FindAllStringSubmatchIndex(msg, -1)
	if len(all) == 0 {
		return f
	}
	m := all[len(all)-1]
	name := msg[m[2]:m[3]]
	if src, ok := r.set.source[name]; ok {
		f.Template = src
		f.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		f.Col, _ = strconv.Atoi(msg[m[6]:m[7]])
		f.Msg = "at " + msg[m[8]:m[9]] + ": " + msg[m[1]:]
	}
	return f
}

// Failed reports the pages that failed to render. A broken template fails
// every page it renders, usually the same way: each distinct failure is
// reported once, naming the first page and how many others.
func Failed(failures []Failure) site.ErrorList {
	failures = slices.Clone(failures)
	slices.SortFunc(failures, func(a, b Failure) int { return strings.Compare(a.Page, b.Page) })
	type failure struct {
		template, msg string
		line, col     int
	}
	pagesFailed := map[failure][]string{}
	var order []failure
	for _, f := range failures {
		k := failure{f.Template, f.Msg, f.Line, f.Col}
		if pagesFailed[k] == nil {
			order = append(order, k)
		}
		pagesFailed[k] = append(pagesFailed[k], f.Page)
	}
	var errs site.ErrorList
	for _, k := range order {
		on := pagesFailed[k]
		where := on[0]
		switch len(on) {
		case 1:
		case 2:
			where += " and 1 other page"
		default:
			where += fmt.Sprintf(" and %d other pages", len(on)-1)
		}
		errs.Add(site.Pos{File: k.template, Line: k.line, Col: k.col}, "fix the template, or delete it to use the theme's own",
			"rendering %s: %s", where, k.msg)
	}
	return errs
}

// PrintJob is a page of the site to print to PDF, and the PDF's path.
type PrintJob struct {
	Page, PDF string
}

// PrintJobs lists the documents of practice pr made to be printed, with
// the PDFs handbook pdf makes of them: its continuity pack (when h
// publishes the packs), the annual ICB review and register review
// checklists and the access review checklist of each service.
func PrintJobs(h *site.Handbook, pr *site.Practice) []PrintJob {
	var jobs []PrintJob
	add := func(page string) {
		jobs = append(jobs, PrintJob{Page: page, PDF: strings.TrimSuffix(page, ".html") + ".pdf"})
	}
	if h.Config.Publish.PublishPacks() {
		add(pr.ContinuityPackURL())
	}
	add(pr.ICBReviewURL())
	add(pr.RegisterReviewURL())
	add(pr.PlanReviewURL())
	for _, s := range pr.Services {
		add(s.AccessReviewURL())
	}
	return jobs
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
