package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Counts is how many findings there are of each severity.
type Counts struct {
	Errors, Warnings, Infos int
}

func countFindings(list []*site.Finding) Counts { return countsOf(site.TallyOf(list)) }

func countsOf(n site.Tally) Counts {
	return Counts{Errors: n[site.Critical], Warnings: n[site.Warning], Infos: n[site.Info]}
}

// Total is the number of findings.
func (c Counts) Total() int { return c.Errors + c.Warnings + c.Infos }

// String says the counts in words: "2 errors, 5 warnings and 1 for
// information", or "no findings".
func (c Counts) String() string {
	var parts []string
	if c.Errors > 0 {
		parts = append(parts, plural(c.Errors, "error", "errors"))
	}
	if c.Warnings > 0 {
		parts = append(parts, plural(c.Warnings, "warning", "warnings"))
	}
	if c.Infos > 0 {
		parts = append(parts, fmt.Sprintf("%d for information", c.Infos))
	}
	switch len(parts) {
	case 0:
		return "no findings"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// FindingsView is a practice's governance findings page: the findings
// grouped by severity, most severe first, and within that by the person
// who should act.
type FindingsView struct {
	Practice *site.Practice
	Counts   Counts
	Groups   []SeverityGroup
}

// SeverityGroup is the findings of one severity.
type SeverityGroup struct {
	Severity site.Severity
	// ID is the section's fragment: "errors", "warnings" or "info".
	ID, Heading string
	Count       int
	Owners      []OwnerGroup
}

// OwnerGroup is the findings one person should act on; Owner is nil for
// findings on shared records, which no one person of the practice keeps.
type OwnerGroup struct {
	Owner    *site.Person
	Findings []*site.Finding
}

var severityGroups = []SeverityGroup{
	{Severity: site.Critical, ID: "errors", Heading: "Errors"},
	{Severity: site.Warning, ID: "warnings", Heading: "Warnings"},
	{Severity: site.Info, ID: "info", Heading: "For information"},
}

func findingsView(pr *site.Practice) FindingsView {
	v := FindingsView{Practice: pr, Counts: countFindings(pr.Findings)}
	for _, g := range severityGroups {
		owners := map[*site.Person][]*site.Finding{}
		for _, f := range pr.Findings {
			if f.Severity == g.Severity {
				owners[f.Owner] = append(owners[f.Owner], f)
				g.Count++
			}
		}
		if g.Count == 0 {
			continue
		}
		for o, list := range owners {
			g.Owners = append(g.Owners, OwnerGroup{Owner: o, Findings: list})
		}
		// People by name, then the findings no one person owns.
		slices.SortFunc(g.Owners, func(a, b OwnerGroup) int {
			switch {
			case a.Owner == nil:
				return 1
			case b.Owner == nil:
				return -1
			}
			return cmp.Or(cmp.Compare(a.Owner.Name, b.Owner.Name), cmp.Compare(a.Owner.ID, b.Owner.ID))
		})
		v.Groups = append(v.Groups, g)
	}
	return v
}

// attention lists what person pe should act on: the findings they own
// and those about them, most severe first, then in position order.
func attention(pe *site.Person) []*site.Finding {
	var out []*site.Finding
	if pe.Practice == nil {
		return nil
	}
	for _, f := range pe.Practice.Findings {
		if f.Owner == pe || f.Subject == pe || f.Leaver == pe {
			out = append(out, f)
		}
	}
	bySeverity(out)
	return out
}

// findingsByPage maps the URL of each page to the findings it shows, most
// severe first, then in position order.
func findingsByPage(findings []*site.Finding) map[string][]*site.Finding {
	m := map[string][]*site.Finding{}
	for _, f := range findings {
		u := f.URL()
		m[u] = append(m[u], f)
	}
	for _, list := range m {
		bySeverity(list)
	}
	return m
}

// bySeverity sorts list most severe first, keeping the order within each
// severity.
func bySeverity(list []*site.Finding) {
	slices.SortStableFunc(list, func(a, b *site.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
}

// FindingItem is a governance finding as page Page lists it: its words,
// and links from the page to the record it is about and to the person who
// should act on it, when they have other pages.
type FindingItem struct {
	Page    *Page
	Finding *site.Finding
	// Severity is "error", "warning" or "info"; Message and Fix each end
	// a sentence.
	Severity, Message, Fix string
	// Rule names the governance rule; Pos is the file, line and column to
	// change.
	Rule, Pos string
	// Subject links to the page that shows the finding, and Owner to the
	// person who should act: each is empty when it would be Page itself
	// (or there is nobody).
	Subject, Owner template.HTML
}

// finding is the template function giving finding f as page p lists it.
func finding(p *Page, f *site.Finding) FindingItem {
	it := FindingItem{Page: p, Finding: f, Severity: f.Severity.String(), Message: sentence(f.Message),
		Fix: sentence(f.Fix), Rule: f.Rule, Pos: f.Pos.String()}
	if f.URL() != p.Path {
		it.Subject = subject(p, f)
	}
	if f.Owner != nil && f.Owner.URL() != p.Path {
		it.Owner = link(p, f.Owner)
	}
	return it
}

// subject renders a link from page p to the page that shows finding f,
// named for what the finding is about.
func subject(p *Page, f *site.Finding) template.HTML {
	var name string
	switch s := f.Subject.(type) {
	case *site.Practice:
		name = "Annual ICB review checklist"
	case *site.ContinuityPlan:
		name = "Business continuity plan"
	case *site.RoleList:
		name = "Roles and contacts"
	case *site.Training:
		name = "Training plan"
	default:
		name = linkName(s)
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(p.Rel(f.URL())) + `">` +
		template.HTMLEscapeString(name) + `</a>`)
}
