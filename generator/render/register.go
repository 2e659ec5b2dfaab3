package render

import (
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// RegisterView is the register page: every service on one line, grouped
// by criticality (retired services last), with the state of each of the
// register's nine headings.
type RegisterView struct {
	Practice *site.Practice
	Groups   []RegisterGroup
	// Count is the number of services; Action how many have an error or
	// a warning, and Errors how many have an error.
	Count, Action, Errors int
}

// RegisterGroup is the services of one criticality, or those retired.
type RegisterGroup struct {
	// ID is the group's fragment, Name its heading.
	ID, Name string
	Rows     []RegisterRow
}

// RegisterRow is one service's line of the register.
type RegisterRow struct {
	Service *site.Service
	Badges  []RegisterBadge
	// State is the worst of the badges' states; Counts counts the
	// findings about the service and its runbooks.
	State  string
	Counts Counts
	// NextReview is when the service is next due for review.
	NextReview site.Date
}

// RegisterBadge is the state of one heading of a service: "ok" with no
// finding under it, else the severity of the worst finding ("error",
// "warning" or "info").
type RegisterBadge struct {
	Heading site.RegisterHeading
	State   string
	Counts  Counts
}

// Symbol marks the badge's state in text, so that it does not rest on
// colour alone.
func (b RegisterBadge) Symbol() string { return badgeSymbols[b.State] }

var badgeSymbols = map[string]string{"ok": "✓", "info": "i", "warning": "!", "error": "✕"}

// Says is the badge's state in words: "Governance: 1 error", "Purpose:
// nothing to act on".
func (b RegisterBadge) Says() string {
	if b.State == "ok" {
		return b.Heading.Name + ": nothing to act on"
	}
	return b.Heading.Name + ": " + b.Counts.String()
}

func registerView(pr *site.Practice, reviewMonths int) RegisterView {
	v := RegisterView{Practice: pr, Count: len(pr.Services)}
	about := map[any][]*site.Finding{}
	for _, f := range pr.Findings {
		about[f.Subject] = append(about[f.Subject], f)
	}
	for _, s := range site.RegisterOrder(pr.Services) {
		group := s.Criticality
		if s.Lifecycle == "retired" {
			group = "retired"
		}
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].ID != group {
			name := site.Criticalities.Label(group)
			if group == "retired" {
				name = "Retired"
			}
			v.Groups = append(v.Groups, RegisterGroup{ID: group, Name: name})
		}
		row := RegisterRow{Service: s, State: "ok", NextReview: s.Review.Due(reviewMonths)}
		byHeading := map[string][]*site.Finding{}
		for _, f := range about[s] {
			byHeading[f.Heading] = append(byHeading[f.Heading], f)
		}
		// A service's runbooks are its continuity arrangements.
		for _, rb := range s.Runbooks {
			byHeading["continuity"] = append(byHeading["continuity"], about[rb]...)
		}
		var all []*site.Finding
		for _, h := range site.RegisterHeadings {
			list := byHeading[h.ID]
			all = append(all, list...)
			b := RegisterBadge{Heading: h, State: worstState(list), Counts: countFindings(list)}
			row.Badges = append(row.Badges, b)
		}
		row.State, row.Counts = worstState(all), countFindings(all)
		switch row.State {
		case "error":
			v.Errors++
			v.Action++
		case "warning":
			v.Action++
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Rows = append(g.Rows, row)
	}
	return v
}

// worstState is the severity of the worst of list as "error", "warning"
// or "info", or "ok" when list is empty.
func worstState(list []*site.Finding) string {
	if len(list) == 0 {
		return "ok"
	}
	return slices.MaxFunc(list, func(a, b *site.Finding) int { return int(a.Severity - b.Severity) }).Severity.String()
}
