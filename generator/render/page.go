package render

import (
	"path"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Name string
	URL  string
}

// Page is what every template receives: where the page sits, what it is
// about and the record or view it shows.
type Page struct {
	// Path is where the page is written, relative to the site root.
	Path string
	// Template is the page template, a name from pageTemplates.
	Template string
	// Layout is the template the page is rendered in, one of layouts;
	// empty means base.html.
	Layout string
	Title  string
	Crumbs []Crumb
	// Nav is the navigation item this page belongs to: on a practice's
	// pages, the practice's item; on the top page and the lists of
	// organisations and courses, "practices", "organisations" or
	// "courses".
	Nav      string
	Handbook *site.Handbook
	// Practice is nil on pages shared by every practice.
	Practice *site.Practice
	Today    site.Date
	Data     any
	// Findings are the governance findings this page shows: those about
	// the record on it.
	Findings []*site.Finding
	// PDFs is set when the printed documents have PDFs beside them.
	PDFs bool
	// Source is the file the record on the page was read from (as
	// site.Source.File), for whoever edits it; empty on pages made from
	// many records, such as lists and checklists. LastChanged is the date
	// it last changed (site.Handbook.LastChanged), zero when not known.
	Source      string
	LastChanged site.Date

	// cached is shared by the pages of a part (see cached).
	cached fragments
}

// FullTitle is the page's title as a browser shows it: the title, the
// practice's name unless that is the title, and the handbook's title.
func (p *Page) FullTitle() string {
	t := p.Title
	if p.Practice != nil && p.Practice.Name != p.Title {
		t += " – " + p.Practice.Name
	}
	return t + " – " + p.Handbook.Config.Title
}

// OwnPDF is the PDF of this page made by handbook pdf, relative to it.
func (p *Page) OwnPDF() string { return path.Base(strings.TrimSuffix(p.Path, ".html")) + ".pdf" }

// Root is the way from the page to the site root: "" or a run of "../".
func (p *Page) Root() string { return strings.Repeat("../", strings.Count(p.Path, "/")) }

// Dir is the folder the page is in, relative to the site root: "" for a
// page at the top. A path from the page (Rel) depends on its folder only,
// so Dir is the key to cache a partial by (see cached) whose
// links are all that differ between pages.
func (p *Page) Dir() string {
	if i := strings.LastIndexByte(p.Path, '/'); i >= 0 {
		return p.Path[:i]
	}
	return ""
}

// AZ is the A–Z index the page's search box leads to without JavaScript,
// and SearchIndex the script of what it searches, both relative to the
// site root: the practice's own on a practice's pages.
func (p *Page) AZ() string {
	if p.Practice != nil {
		return p.Practice.AZURL()
	}
	return site.AZURL
}

func (p *Page) SearchIndex() string {
	if p.Practice != nil {
		return p.Practice.SearchIndexURL()
	}
	return site.SearchIndexURL
}

// Rel turns target, a path relative to the site root, into the shortest
// path relative to the page: from riverside/services/docman.html,
// riverside/people/kdavies.html is ../people/kdavies.html.
func (p *Page) Rel(target string) string { return relPath(p.Path, target) }

// relPath is the shortest path from the page at from to target, both
// relative to the site root.
func relPath(from, target string) string {
	for {
		i := strings.IndexByte(from, '/')
		j := strings.IndexByte(target, '/')
		if i < 0 || j < 0 || from[:i] != target[:j] {
			break
		}
		from, target = from[i+1:], target[j+1:]
	}
	return strings.Repeat("../", strings.Count(from, "/")) + target
}
