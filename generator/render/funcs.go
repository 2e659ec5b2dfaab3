package render

import (
	"fmt"
	"html/template"
	"iter"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// funcMap returns the template functions. due and reviewDue measure
// against the site's governance thresholds, gov (with defaults filled).
func funcMap(gov site.Thresholds) template.FuncMap {
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
		"tally":         func(t site.Tally) string { return countsOf(t).String() },
		"state":         trainingState,
		"subject":       subject,
		"finding":       finding,
		"sentence":      sentence,
		"phoneLines":    phoneLines,
		"priorityFirst": priorityFirst,
		"blankRows":     func(n int) []struct{} { return make([]struct{}, n) },
		"phone":         func(n string) template.HTML { return telLink("phone", n) },
		"mobile":        func(n string) template.HTML { return telLink("mobile", n) },
		"caption":       caption,
		"held":          held,
		"report":        report,
		"planned":       planned,
	}
}

// report is the template function saying in a line where report r of
// incident in stands on today: made (and whether late), not required, or
// due by its deadline, overdue.
func report(today site.Date, in *site.Incident, r site.Report) template.HTML {
	esc := template.HTMLEscapeString
	line := esc(r.Label()) + ": "
	deadline := r.Deadline(in)
	switch {
	case !r.IsRequired():
		line += "not required"
	case !r.Reported.IsZero():
		line += "reported " + esc(r.Reported.Human())
		if r.Reference != "" {
			line += " (" + esc(r.Reference) + ")"
		}
		if r.Late(in) {
			line += ` <strong class="badge badge-soon">Late</strong>`
		}
	case deadline.IsZero():
		line += `<strong class="badge badge-soon">Not yet reported</strong>`
	case deadline.Date().Before(today):
		line += "was due by " + esc(deadline.Human()) + ` <strong class="badge badge-overdue">Overdue</strong>`
	default:
		line += "due by " + esc(deadline.Human()) + ` <strong class="badge badge-soon">Not yet reported</strong>`
	}
	return template.HTML(line)
}

// held is the template function listing the exercises of list held by
// today; planned lists those still to come, which are not done yet.
func held(today site.Date, list []*site.Exercise) []*site.Exercise {
	return slices.DeleteFunc(slices.Clone(list), func(e *site.Exercise) bool { return e.Planned(today) })
}

func planned(today site.Date, list []*site.Exercise) []*site.Exercise {
	return slices.DeleteFunc(slices.Clone(list), func(e *site.Exercise) bool { return !e.Planned(today) })
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
	case *site.Summary:
		return v.Name
	case site.Dependant:
		return v.Name
	case *site.Runbook:
		return v.Title
	case *site.Exercise:
		return v.Title
	case *site.ReviewRecord:
		return v.Title
	case *site.Incident:
		return v.Title
	case *site.Change:
		return v.Title
	case *site.Asset:
		return v.Name
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
		{"incidents", "Incidents", pr.IncidentsURL()},
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

// dialable is the first telephone number in a text such as "0300 123 4567
// (option 2)": digits, with spaces, brackets or hyphens between them.
var dialable = regexp.MustCompile(`\+?[0-9][0-9 ()-]*[0-9]`)

// telLink is the template functions phone and mobile: the number as a
// link that rings it from a phone (tel:), of the class given, which the
// stylesheets print as plain text. A text with no number of three digits
// or more in it is shown as it is.
func telLink(class, number string) template.HTML {
	text := template.HTMLEscapeString(number)
	dial := strings.Map(func(r rune) rune {
		if r == '+' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, dialable.FindString(number))
	if len(dial) < 3 {
		return template.HTML(`<span class="` + class + `">` + text + `</span>`)
	}
	return template.HTML(`<a class="` + class + `" href="tel:` + dial + `">` + text + `</a>`)
}

// caption is the template function writing the small line above a page's
// title, such as its kind, unless it says what the title says ("Phones
// down" above "Phones down" is read out twice).
func caption(text, title string) template.HTML {
	if strings.EqualFold(strings.TrimSpace(text), strings.TrimSpace(title)) {
		return ""
	}
	return template.HTML(`<span class="caption">` + template.HTMLEscapeString(text) + `</span> `)
}
