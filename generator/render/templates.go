package render

import (
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-nhs/handbook/generator/site"
)

// templateSet is the parsed theme: one template per page kind, each a
// clone of the layouts and partials with the page's own file parsed in.
type templateSet struct {
	pages map[string]*template.Template
	// source names the file each template came from, for errors.
	source map[string]string
}

// pageTemplates are the page kinds render knows; each is a file in
// templates/ that defines "main" (and may define "title").
var pageTemplates = []string{
	"index.html", "organisations.html", "organisation.html", "outage.html", "courses.html", "course.html",
	"home.html", "register.html", "service.html", "runbooks.html", "runbook.html",
	"people.html", "person.html", "pages.html", "page.html", "exercise.html", "roles.html",
	"continuity.html", "training.html", "reviews.html", "review.html",
	"incidents.html", "incident.html", "changes.html", "change.html", "assets.html", "asset.html",
	"icb-review-checklist.html", "register-checklist.html", "access-review-checklist.html",
	"continuity-plan-checklist.html", "dspt-evidence.html",
	"findings.html", "continuity-pack.html", "a-z.html",
}

// layouts are the page layouts a page template's "main" is rendered in:
// base.html for the intranet, print.html for documents laid out for
// paper.
var layouts = []string{"base.html", "print.html"}

// MaxTemplateSize is the largest template handbook reads: a file a
// hundred times the size of the theme's longest is no template, and
// parsing it would take the memory of the machine.
const MaxTemplateSize = 256 << 10

// parseTemplates reads base.html and partials/*.html, then each page
// template, from the theme overlaid by the overrides, and parses them
// into run, the set that renders the pages, with the template functions
// funcs gives for the set. Parse errors are added to errs and reported
// together.
//
// When opt.Minify is set, run is parsed from the templates minified (see
// minifyTemplates), and orig parses them as written, for errors that name
// the lines their authors see: minified text has other lines. Minifying
// keeps every action as it is, so the minified templates parse when those
// as written do; orig is parsed only when asked for, when a page fails to
// render. When the minified templates fail to parse, the templates as
// written are parsed at once, and their errors reported. orig is nil when
// run is parsed from the templates as written: without opt.Minify, or
// when they cannot be minified (then pages must be), or when only the
// minified templates fail to parse.
func parseTemplates(opt Options, funcs func(*templateSet) template.FuncMap, errs *site.ErrorList) (run *templateSet, orig func() *templateSet, err error) {
	files := map[string][]byte{}
	source := map[string]string{}
	read := func(fsys fs.FS, root, shown string) {
		if fsys == nil {
			return
		}
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p != root {
					errs.Add(site.Pos{File: path.Join(shown, p)}, site.ReadHint(err), "cannot read template: %v", site.PathCause(err))
				}
				return nil
			}
			if d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			if info, err := d.Info(); err == nil && info.Size() > MaxTemplateSize {
				errs.Add(site.Pos{File: path.Join(shown, p)}, "check this is the right file: the theme's longest template is about 15 kB",
					"template is %d kB, more than the %d kB a template may be", info.Size()>>10, MaxTemplateSize>>10)
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				errs.Add(site.Pos{File: path.Join(shown, p)}, site.ReadHint(err), "cannot read template: %v", site.PathCause(err))
				return nil
			}
			name := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
			files[name] = data
			source[name] = path.Join(shown, name)
			return nil
		})
	}
	read(opt.Theme, "templates", "themes/default/templates")
	read(opt.Overrides, ".", opt.OverridesDir)

	// An override whose name matches no template of the theme would be
	// silently unused: a misspelt servce.html must not look like it works.
	for name := range sortedKeys(files) {
		src := source[name]
		if !strings.HasPrefix(src, opt.OverridesDir+"/") || slices.Contains(layouts, name) ||
			strings.HasPrefix(name, "partials/") || slices.Contains(pageTemplates, name) {
			continue
		}
		hint := site.Suggest(name, pageTemplates)
		if hint == "" {
			hint = "name it after a page template (" + strings.Join(pageTemplates, ", ") + "), or put shared pieces in partials/"
		}
		errs.Add(site.Pos{File: src}, hint, "template %s replaces no template of the theme, so it would never be used", name)
	}
	if !opt.Minify {
		return parseSet(opt, files, source, funcs, errs), nil, errs.Err()
	}
	if min := minifyTemplates(files); min != nil {
		var minErrs site.ErrorList
		if small := parseSet(opt, min, source, funcs, &minErrs); minErrs.Err() == nil && errs.Err() == nil {
			return small, sync.OnceValue(func() *templateSet {
				var origErrs site.ErrorList
				set := parseSet(opt, files, source, funcs, &origErrs)
				if origErrs.Err() != nil {
					return nil
				}
				return set
			}), nil
		}
	}
	return parseSet(opt, files, source, funcs, errs), nil, errs.Err()
}

// parseSet parses the template files into a set: base.html, print.html
// and the partials into one template, then a clone of it for each page
// template with that file parsed in. Errors are added to errs.
func parseSet(opt Options, files map[string][]byte, source map[string]string, funcs func(*templateSet) template.FuncMap, errs *site.ErrorList) *templateSet {
	set := &templateSet{pages: map[string]*template.Template{}, source: source}
	base := template.New("base.html").Funcs(funcs(set))
	report := errs.Add
	parse := func(t *template.Template, name string) bool {
		data, ok := files[name]
		if !ok {
			report(site.Pos{File: "themes/default/templates/" + name}, "", "template %s is missing", name)
			return false
		}
		target := t
		if t.Name() != name {
			target = t.New(name)
		}
		if _, err := target.Parse(string(data)); err != nil {
			hint := ""
			if strings.HasPrefix(source[name], opt.OverridesDir+"/") {
				hint = "fix the template, or delete it to use the theme's own"
			}
			report(site.Pos{File: source[name]}, hint, "%v", err)
			return false
		}
		return true
	}
	ok := parse(base, "base.html")
	ok = parse(base, "print.html") && ok
	for name := range sortedKeys(files) {
		if strings.HasPrefix(name, "partials/") {
			ok = parse(base, name) && ok
		}
	}
	if !ok {
		return set
	}
	for _, name := range pageTemplates {
		t := template.Must(base.Clone())
		if parse(t, name) {
			set.pages[name] = t
		}
	}
	return set
}
