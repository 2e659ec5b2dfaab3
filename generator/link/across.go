package link

import "github.com/handbook-nhs/handbook/generator/site"

// across links what crosses the bounds of a practice, from the references
// each practice's records already hold (see practice): the back-links on
// the shared records, buddies and ODS codes. The lists it fills are
// emptied first, and filled practice by practice in order, so a practice
// linked again comes out where a full link would put it.
func (r *resolver) across(h *site.Handbook) {
	for _, o := range h.Organisations {
		o.Supplies, o.Supports, o.Practices, o.Escalation, o.Roles = nil, nil, nil, nil, nil
	}
	for _, c := range h.Courses {
		c.Practices = nil
	}
	ods := map[string]*site.Practice{}
	for _, p := range h.Practices {
		if other, dup := ods[p.ODS]; dup && p.ODS != "" {
			r.errs.Add(p.At("ods"), "each practice has its own ODS code: check it on the ODS portal",
				"ODS code %s is also the code of %s (%s)", p.ODS, other.Name, other.File)
		}
		ods[p.ODS] = p
		r.buddy(p)
		uses := func(o *site.Organisation) {
			if o != nil {
				addLast(&o.Practices, p)
			}
		}
		uses(p.ICBOrg)
		uses(p.PCNOrg)
		uses(p.BuddyOrg)
		for _, o := range p.Continuity.KeyContactOrgs {
			uses(o)
		}
		for _, pr := range p.Continuity.Premises {
			uses(pr.ContactOrg)
		}
		for _, s := range p.Services {
			if o := s.Support.SupplierOrg; o != nil {
				o.Supplies = append(o.Supplies, s)
				uses(o)
			}
			if o := s.Support.DeskOrg; o != nil {
				o.Supports = append(o.Supports, s)
				uses(o)
			}
		}
		for _, rb := range p.Runbooks {
			for _, e := range rb.Escalation {
				if o := e.ContactOrg; o != nil {
					addLast(&o.Escalation, rb)
					uses(o)
				}
			}
		}
		if p.Roles != nil {
			for _, ra := range p.Roles.Roles {
				if o := ra.OrgRef; o != nil {
					o.Roles = append(o.Roles, ra)
					uses(o)
				}
			}
		}
		if p.Training != nil {
			for _, req := range p.Training.Requirements {
				if c := req.CourseRef; c != nil {
					addLast(&c.Practices, p)
				}
			}
		}
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
