package link

import (
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// buddies links each practice's buddy and checks that no two practices
// share an ODS code: all it needs of a practice is its practice.toml.
func (r *resolver) buddies(h *site.Handbook) {
	ods := map[string]*site.Practice{}
	for _, p := range h.Practices {
		if other, dup := ods[p.ODS]; dup && p.ODS != "" {
			r.errs.Add(p.At("ods"), "each practice has its own ODS code: check it on the ODS portal",
				"ODS code %s is also the code of %s (%s)", p.ODS, other.Name, other.File)
		}
		ods[p.ODS] = p
		r.buddy(p)
	}
}

// backLinks fills the lists on the shared records of what uses them, from
// the references each practice's records already hold (see practice), and
// each practice's lists of the shared records it uses. The lists it fills
// are emptied first, and filled practice by practice in order, so a
// practice linked again comes out where a full link would put it.
func backLinks(h *site.Handbook) {
	for _, o := range h.Organisations {
		o.Supplies, o.Supports, o.Practices, o.Escalation, o.Roles = nil, nil, nil, nil, nil
	}
	for _, c := range h.Courses {
		c.Practices = nil
	}
	for _, p := range h.Practices {
		visitUses(p, func(u use) {
			switch {
			case u.course != nil:
				addLast(&u.course.Practices, p)
				return
			case u.supplies != nil:
				u.org.Supplies = append(u.org.Supplies, u.supplies)
			case u.supports != nil:
				u.org.Supports = append(u.org.Supports, u.supports)
			case u.escalation != nil:
				addLast(&u.org.Escalation, u.escalation)
			case u.role != nil:
				u.org.Roles = append(u.org.Roles, u.role)
			}
			addLast(&u.org.Practices, p)
		})
	}
	for _, p := range h.Practices {
		p.Organisations, p.Courses = nil, nil
	}
	for _, o := range h.Organisations {
		for _, p := range o.Practices {
			p.Organisations = append(p.Organisations, o)
		}
	}
	for _, c := range h.Courses {
		for _, p := range c.Practices {
			p.Courses = append(p.Courses, c)
		}
	}
}

// use is one use a practice makes of a shared record: of an organisation
// (org), as the supplier or service desk of a service, the escalation
// contact of a runbook or the holder of a role, or of a course.
type use struct {
	org                *site.Organisation
	supplies, supports *site.Service
	escalation         *site.Runbook
	role               *site.RoleAssignment
	course             *site.Course
}

// visitUses calls visit with each use practice p makes of a shared record,
// in the order of its records.
func visitUses(p *site.Practice, visit func(use)) {
	org := func(u use) {
		if u.org != nil {
			visit(u)
		}
	}
	org(use{org: p.ICBOrg})
	org(use{org: p.PCNOrg})
	org(use{org: p.BuddyOrg})
	for _, o := range p.Continuity.KeyContactOrgs {
		org(use{org: o})
	}
	for _, pr := range p.Continuity.Premises {
		org(use{org: pr.ContactOrg})
	}
	for _, s := range p.Services {
		org(use{org: s.Support.SupplierOrg, supplies: s})
		org(use{org: s.Support.DeskOrg, supports: s})
	}
	for _, rb := range p.Runbooks {
		for _, e := range rb.Escalation {
			org(use{org: e.ContactOrg, escalation: rb})
		}
	}
	if p.Roles != nil {
		for _, ra := range p.Roles.Roles {
			org(use{org: ra.OrgRef, role: ra})
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
// the handbook's order, as backLinks would.
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

// addLast appends v to list unless it is already its last element. The
// back-lists filled practice by practice (and runbook by runbook) receive
// each value in one run, so a repeat can only be the last element: this
// keeps an organisation used by every one of thousands of practices from
// costing a scan of its whole list for each use.
func addLast[T comparable](list *[]T, v T) {
	if n := len(*list); n == 0 || (*list)[n-1] != v {
		*list = append(*list, v)
	}
}

// buddy links the practice's buddy: another practice of the handbook, or
// an organisation.
func (r *resolver) buddy(p *site.Practice) {
	p.BuddyPractice, p.BuddyOrg = nil, nil
	if p.Buddy == "" {
		return
	}
	if b, ok := r.practices[p.Buddy]; ok && b != p {
		p.BuddyPractice = b
		return
	}
	p.BuddyOrg = lookup(r, r.orgs, &p.Source, "buddy", p.Buddy, "a practice or organisation",
		"content/organisations/"+p.Buddy+".toml")
}
