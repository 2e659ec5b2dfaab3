package render

import (
	"encoding/binary"
	"fmt"
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
	"index.html", "organisations.html", "organisation.html", "courses.html", "course.html",
	"home.html", "register.html", "service.html", "runbooks.html", "runbook.html",
	"people.html", "person.html", "pages.html", "page.html", "exercise.html", "roles.html",
	"continuity.html", "training.html", "reviews.html", "review.html",
	"icb-review-checklist.html", "register-checklist.html", "access-review-checklist.html",
	"findings.html", "continuity-pack.html", "a-z.html",
}

// layouts are the page layouts a page template's "main" is rendered in:
// base.html for the intranet, print.html for documents laid out for
// paper.
var layouts = []string{"base.html", "print.html"}

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
					errs.Add(site.Pos{File: path.Join(shown, p)}, "", "cannot read template: %v", err)
				}
				return nil
			}
			if d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				errs.Add(site.Pos{File: path.Join(shown, p)}, "", "cannot read template: %v", err)
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

// cached is the template function cached: {{cached "partials/nav.html" .
// .Root .Nav}} renders the named template for page p the first time it is
// asked for with those keys among the pages of p's part (one practice's
// pages, one organisation's or course's, or the top pages), and the same
// HTML again after that. The template must show nothing of the page but
// what is the same across the part and what the keys say: the practice,
// the handbook and the date are the same across a part; the page's depth
// (.Root) and navigation item (.Nav) are not.
func (s *templateSet) cached(name string, p *Page, keys []any) (template.HTML, error) {
	t, ok := s.pages[p.Template]
	if !ok {
		return "", fmt.Errorf("no template %s", p.Template)
	}
	var space [256]byte
	key := cacheKey(space[:0], name, keys)
	if h, ok := p.cached.get(key); ok {
		return h, nil
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, p); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	p.cached.put(key, h)
	return h, nil
}

// fragments is what cached rendered for the pages of a part, by key,
// which pages rendered at once may share. A nil *fragments keeps
// nothing.
type fragments struct {
	mu sync.Mutex
	m  map[string]template.HTML
}

func (f *fragments) get(key []byte) (template.HTML, bool) {
	if f == nil {
		return "", false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.m[string(key)]
	return h, ok
}

// put keeps h under key. Two pages may render the same fragment at
// once; both render the same HTML, and the second keeps it again.
func (f *fragments) put(key []byte, h template.HTML) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[string(key)] = h
}

// cacheKey appends to b the key of what cached renders: the template's
// name and each key, after a letter for its type. Strings, whole numbers
// and breadcrumb trails, the keys the theme gives, are appended directly,
// each string after its length, so that no two lists of keys make the
// same key; other keys as fmt.Print prints them. This runs a few times
// for every page.
func cacheKey(b []byte, name string, keys []any) []byte {
	str := func(b []byte, s string) []byte {
		return append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	b = str(b, name)
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			b = str(append(b, 's'), k)
		case int:
			b = binary.AppendVarint(append(b, 'i'), int64(k))
		case []Crumb:
			b = binary.AppendUvarint(append(b, 'c'), uint64(len(k)))
			for _, c := range k {
				b = str(str(b, c.Name), c.URL)
			}
		default:
			b = str(append(b, 'v'), fmt.Sprint(k))
		}
	}
	return b
}
