package render

import (
	"fmt"
	"html/template"
	"iter"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// funcMap returns the template functions. due and reviewDue measure
// against the site's governance thresholds, *gov (with defaults filled),
// as they are when the functions are called.
func funcMap(gov *site.Thresholds) template.FuncMap {
	return template.FuncMap{
		"link":     link,
		"links":    links,
		"navItems": navItems,
		"navLinks": navLinks,
		"pair":     pair,
		"href":     href,
		"label":    label,
		"date":     date,
		"due": func(today, d site.Date) template.HTML {
			return due(today, d, gov.DueSoonDays)
		},
		"reviewDue":     func(rec any) site.Date { return reviewDue(rec, gov.ReviewMonths) },
		"plural":        plural,
		"join":          strings.Join,
		"state":         trainingState,
		"subject":       subject,
		"finding":       finding,
		"sentence":      sentence,
		"phoneLines":    phoneLines,
		"priorityFirst": priorityFirst,
		"blankRows":     func(n int) []struct{} { return make([]struct{}, n) },
	}
}

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

	// cached is shared by the pages of a part (see templateSet.cached).
	cached *fragments
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
// so Dir is the key to cache a partial by (see templateSet.cached) whose
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

// href is the template function giving a record's URL relative to page p.
func href(p *Page, rec interface{ URL() string }) string { return p.Rel(rec.URL()) }

// link renders an anchor to rec from page p, named as readers know it:
// rec is a record, or an Entry of the search and the A–Z. A nil record
// renders as nothing, so templates can write
// {{with .OwnerRef}}{{link $ .}}{{else}}Nobody{{end}}.
func link(p *Page, rec any) template.HTML {
	var url, name string
	switch r := rec.(type) {
	case Entry:
		url, name = r.URL, r.Title
	case interface{ URL() string }:
		if v := reflect.ValueOf(r); v.Kind() == reflect.Pointer && v.IsNil() {
			return ""
		}
		url, name = r.URL(), linkName(r)
	case nil:
		return ""
	default:
		panic(fmt.Sprintf("render: link to %T", rec))
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(p.Rel(url)) + `">` +
		template.HTMLEscapeString(name) + `</a>`)
}

// linkName is what a link to rec says.
func linkName(rec any) string {
	switch v := rec.(type) {
	case *site.Person:
		if v.IsLeaver() {
			return v.Name + " (left " + v.Left.Human() + ")"
		}
		return v.Name
	case *site.Service:
		return v.Name
	case *site.Organisation:
		return v.Name
	case *site.Practice:
		return v.Name
	case *site.Runbook:
		return v.Title
	case *site.Exercise:
		return v.Title
	case *site.ReviewRecord:
		return v.Title
	case *site.Page:
		return v.Title
	case *site.Course:
		return v.Title
	case *site.ActionRef:
		return v.Title
	}
	panic(fmt.Sprintf("render: link to %T", rec))
}

// links renders a comma-separated list of anchors to the records in list,
// a slice of records, or "None" when it is empty.
func links(p *Page, list any) template.HTML {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice || v.Len() == 0 {
		return "None"
	}
	var b strings.Builder
	for i := range v.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(link(p, v.Index(i).Interface())))
	}
	return template.HTML(b.String())
}

// Pair carries the page into a partial together with the list it shows.
type Pair struct {
	Page *Page
	List any
}

func pair(p *Page, list any) Pair { return Pair{p, list} }

// NavItem is one entry of a practice's navigation.
type NavItem struct {
	Key, Name, URL string
}

func navItems(pr *site.Practice) []NavItem {
	return []NavItem{
		{"home", "Something not working?", pr.URL()},
		{"runbooks", "Runbooks", pr.RunbooksURL()},
		{"register", "Register", pr.RegisterURL()},
		{"continuity", "Continuity plan", pr.ContinuityURL()},
		{"roles", "Roles and contacts", pr.RolesURL()},
		{"people", "People", pr.PeopleURL()},
		{"training", "Training", pr.TrainingURL()},
		{"pages", "Policies and guides", pr.PagesURL()},
		{"reviews", "Reviews", pr.ReviewsURL()},
		{"findings", "Governance findings", pr.FindingsURL()},
		{"a-z", "A to Z", pr.AZURL()},
	}
}

// NavLink is an entry of a practice's navigation as a page shows it.
type NavLink struct {
	// Href is the entry's page, relative to the page that shows it.
	Href, Name string
	// Current is set on the entry of that page's own section (Page.Nav).
	Current bool
	// Link is the entry's anchor, as link renders a record's, marked
	// aria-current="page" when Current is set.
	Link template.HTML
}

// navLinks lists the navigation of page p's practice, linked from p.
func navLinks(p *Page) []NavLink {
	items := navItems(p.Practice)
	out := make([]NavLink, len(items))
	for i, item := range items {
		l := NavLink{Href: p.Rel(item.URL), Name: item.Name, Current: item.Key == p.Nav}
		current := ""
		if l.Current {
			current = ` aria-current="page"`
		}
		l.Link = template.HTML(`<a href="` + template.HTMLEscapeString(l.Href) + `"` + current + `>` +
			template.HTMLEscapeString(l.Name) + `</a>`)
		out[i] = l
	}
	return out
}

// label gives the reader's words for a value of the named closed list.
func label(enum, v string) string {
	e := site.Enums[enum]
	if e == nil {
		panic("render: unknown enum " + enum)
	}
	return e.Label(v)
}

func date(d site.Date) string {
	if d.IsZero() {
		return "not recorded"
	}
	return d.Human()
}

// due renders a status badge for a date by which something must happen:
// overdue, due soon (within dueSoonDays, the due_soon_days threshold) or
// in date. The state is spelt out in words, not shown by colour alone.
func due(today, d site.Date, dueSoonDays int) template.HTML {
	state := site.DueOn(d, today, dueSoonDays)
	return template.HTML(`<strong class="badge badge-` + dueClass[state] + `">` + state.String() + `</strong>`)
}

var dueClass = map[site.DueState]string{site.NoDate: "none", site.Overdue: "overdue", site.DueSoon: "soon", site.InDate: "ok"}

// reviewDue is when a record with a review (a site.Review, or a *site.Page)
// is next due for review: its next date, or else its last review plus
// defaultMonths, as the governance rules count it.
func reviewDue(rec any, defaultMonths int) site.Date {
	switch r := rec.(type) {
	case site.Review:
		return r.Due(defaultMonths)
	case *site.Page:
		return r.ReviewDue(defaultMonths)
	}
	panic(fmt.Sprintf("render: reviewDue of %T", rec))
}

func trainingState(s site.TrainingState) template.HTML {
	var class, text string
	switch s {
	case site.Missing:
		class, text = "overdue", "Missing"
	case site.Expired:
		class, text = "overdue", "Expired"
	case site.ExpiresSoon:
		class, text = "soon", "Expires soon"
	case site.Current:
		class, text = "ok", "Current"
	default:
		return "Not required"
	}
	return template.HTML(`<strong class="badge badge-` + class + `">` + text + `</strong>`)
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// plural writes "1 service" or "3 services".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func sortedKeys[V any](m map[string]V) iter.Seq[string] {
	return slices.Values(slices.Sorted(maps.Keys(m)))
}
