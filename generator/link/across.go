package link

import (
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// backLinks fills the lists on the shared records of what uses them, from
// the practices' summaries, practice by practice in order.
func backLinks(h *site.Handbook) {
	for _, o := range h.Organisations {
		o.Practices, o.Supplies, o.Supports, o.Escalation, o.Roles = nil, nil, nil, nil, nil
	}
	for _, c := range h.Courses {
		c.Practices = nil
	}
	for _, s := range h.Practices {
		for _, o := range s.Organisations {
			o.Practices = append(o.Practices, s)
		}
		for _, c := range s.Courses {
			c.Practices = append(c.Practices, s)
		}
		for i, u := range s.Uses {
			d := site.Dependant{Use: &s.Uses[i], Practice: s}
			switch u.As {
			case site.Supplies:
				u.Org.Supplies = append(u.Org.Supplies, d)
			case site.Supports:
				u.Org.Supports = append(u.Org.Supports, d)
			case site.EscalatedTo:
				u.Org.Escalation = append(u.Org.Escalation, d)
			case site.HoldsRole:
				u.Org.Roles = append(u.Org.Roles, d)
			}
		}
	}
}

// use is one use a practice makes of a shared record: of an organisation,
// or of a course.
type use struct {
	org    *site.Organisation
	course *site.Course
}

// visitUses calls visit with each use practice p makes of a shared record,
// in the order of its records.
func visitUses(p *site.Practice, visit func(use)) {
	org := func(o *site.Organisation) {
		if o != nil {
			visit(use{org: o})
		}
	}
	org(p.ICBOrg)
	org(p.PCNOrg)
	org(p.BuddyOrg)
	for _, o := range p.Continuity.KeyContactOrgs {
		org(o)
	}
	for _, pr := range p.Continuity.Premises {
		org(pr.ContactOrg)
	}
	for _, s := range p.Services {
		org(s.Support.SupplierOrg)
		org(s.Support.DeskOrg)
	}
	for _, rb := range p.Runbooks {
		for _, e := range rb.Escalation {
			org(e.ContactOrg)
		}
	}
	if p.Roles != nil {
		for _, ra := range p.Roles.Roles {
			org(ra.OrgRef)
		}
	}
	if p.Training != nil {
		for _, req := range p.Training.Requirements {
			if req.CourseRef != nil {
				visit(use{course: req.CourseRef})
			}
		}
	}
}

// uses sets p.Organisations and p.Courses, the shared records p uses, in
// the handbook's order.
func (l *Linker) uses(p *site.Practice) {
	orgs := map[*site.Organisation]bool{}
	courses := map[*site.Course]bool{}
	visitUses(p, func(u use) {
		if u.course != nil {
			courses[u.course] = true
		} else {
			orgs[u.org] = true
		}
	})
	p.Organisations, p.Courses = nil, nil
	for o := range orgs {
		p.Organisations = append(p.Organisations, o)
	}
	for c := range courses {
		p.Courses = append(p.Courses, c)
	}
	slices.SortFunc(p.Organisations, func(a, b *site.Organisation) int { return l.orgAt[a] - l.orgAt[b] })
	slices.SortFunc(p.Courses, func(a, b *site.Course) int { return l.courseAt[a] - l.courseAt[b] })
}
