package render

import (
	"cmp"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// OutageView is the page for when an organisation is down: the practices
// affected, the services that stop in each (those it supplies or
// supports, and every service that depends on them, at any depth), each
// practice's runbooks for the services it supplies or supports and whom
// to ring there; and the
// organisation's own lines. With more practices than networkRows, the
// page lists the ICBs, each with a page of its own.
type OutageView struct {
	Org *site.Organisation
	// Lines are the organisation's lines with a telephone number,
	// priority lines first.
	Lines []site.Contact
	// Practices are those affected, by name, or those of ICB on an ICB's
	// part; ICBs the parts when the practices are too many for one page.
	Practices []OutagePractice
	ICBs      []OutageICB
	ICB       *NetworkICB
	// Count is the number of practices affected, Services of services.
	Count, Services int
}

// OutagePractice is one practice affected by an outage.
type OutagePractice struct {
	Practice *site.Summary
	// Direct are the services the organisation supplies or supports;
	// Dependent those that depend on them; Runbooks the runbooks for the
	// direct ones, which say what to do when they fail.
	Direct, Dependent []string
	Runbooks          []site.RunbookLink
}

// OutageICB is one ICB's part of a large outage page.
type OutageICB struct {
	NetworkICB
	URL              string
	Practices        []OutagePractice
	ServicesAffected int
}

// outage works out what stops at each practice when o is down, from the
// practices that use it.
func outage(o *site.Organisation) OutageView {
	v := OutageView{Org: o, Lines: phoneLines(o)}
	for _, s := range o.Practices {
		if p, ok := affected(o.ID, s); ok {
			v.Practices = append(v.Practices, p)
			v.Services += len(p.Direct) + len(p.Dependent)
		}
	}
	slices.SortFunc(v.Practices, func(a, b OutagePractice) int {
		return cmp.Or(cmp.Compare(a.Practice.Name, b.Practice.Name), cmp.Compare(a.Practice.ID, b.Practice.ID))
	})
	v.Count = len(v.Practices)
	if v.Count <= networkRows {
		return v
	}
	// Too many for one page: a part for each ICB.
	byICB := map[string]*OutageICB{}
	for _, p := range v.Practices {
		s := p.Practice
		part := byICB[s.ICB]
		if part == nil {
			part = &OutageICB{NetworkICB: NetworkICB{Org: s.ICBOrg, ID: s.ICB, Name: s.ICBName()}, URL: o.OutageICBURL(s.ICB)}
			byICB[s.ICB] = part
		}
		part.Practices = append(part.Practices, p)
		part.Count++
		part.ServicesAffected += len(p.Direct) + len(p.Dependent)
	}
	for _, part := range byICB {
		v.ICBs = append(v.ICBs, *part)
	}
	slices.SortFunc(v.ICBs, func(a, b OutageICB) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	v.Practices = nil
	return v
}

// affected is what stops at practice s when organisation org is down: the
// services org supplies or supports, then, round after round, those that
// depend on a service already stopped.
func affected(org string, s *site.Summary) (OutagePractice, bool) {
	p := OutagePractice{Practice: s}
	down := map[string]bool{}
	for _, sv := range s.InUse {
		if slices.Contains(sv.Orgs, org) {
			down[sv.ID] = true
			p.Direct = append(p.Direct, sv.Name)
		}
	}
	if len(down) == 0 {
		return p, false
	}
	for more := true; more; {
		more = false
		for _, sv := range s.InUse {
			if !down[sv.ID] && slices.ContainsFunc(sv.DependsOn, func(id string) bool { return down[id] }) {
				down[sv.ID] = true
				p.Dependent = append(p.Dependent, sv.Name)
				more = true
			}
		}
	}
	for _, sv := range s.InUse {
		if !slices.Contains(sv.Orgs, org) {
			continue
		}
		for _, rb := range sv.Runbooks {
			if !slices.Contains(p.Runbooks, rb) {
				p.Runbooks = append(p.Runbooks, rb)
			}
		}
	}
	return p, true
}
