package link

import (
	"fmt"

	"github.com/handbook-nhs/handbook/generator/site"
)

// practice links every record of one practice.
func (r *resolver) practice(p *site.Practice) {
	r.people = index(p.People, func(x *site.Person) string { return x.ID })
	r.services = index(p.Services, func(x *site.Service) string { return x.ID })
	r.runbooks = index(p.Runbooks, func(x *site.Runbook) string { return x.ID })
	for _, pe := range p.People {
		r.personRecord(p, pe)
	}
	r.practiceRecord(p)
	for _, s := range p.Services {
		r.serviceRecord(p, s)
	}
	r.cycles(p.Services)
	for _, rb := range p.Runbooks {
		r.runbookRecord(p, rb)
	}
	for _, e := range p.Exercises {
		r.exerciseRecord(p, e)
	}
	for _, in := range p.Incidents {
		r.incident(p, in)
	}
	for _, ch := range p.Changes {
		r.change(p, ch)
	}
	for _, a := range p.Assets {
		r.asset(p, a)
	}
	for _, rv := range p.Reviews {
		rv.Practice = p
		rv.AttendeeRefs = r.peopleList(p, &rv.Source, "attendees", rv.Attendees)
		r.actions(p, &rv.Source, rv.Actions, rv.Title, rv.URL())
	}
	if p.Roles != nil {
		r.roles(p)
	}
	if p.Training != nil {
		r.training(p)
	}
	for _, pg := range p.Pages {
		pg.Practice = p
		pg.OwnerRef = r.person(p, &pg.Source, "owner", pg.Owner)
		if pg.OwnerRef != nil {
			pg.OwnerRef.PagesOwned = append(pg.OwnerRef.PagesOwned, pg)
		}
		pg.ServiceRefs = r.serviceList(p, &pg.Source, "services", pg.Services)
		for _, s := range pg.ServiceRefs {
			s.Pages = append(s.Pages, pg)
		}
	}
}

func (r *resolver) personRecord(p *site.Practice, pe *site.Person) {
	pe.Practice = p
	if pe.IsLeaver() && pe.Left.IsZero() {
		r.errs.Add(pe.At("status"), "add left = 2026-03-31 with the date they left", "%s is a leaver but has no left date", pe.Name)
	}
	if !pe.IsLeaver() && !pe.Left.IsZero() && site.Enums["employment"].Has(pe.Status) {
		r.errs.Add(pe.At("left"), `set status = "leaver", or remove the left date`, "%s has a left date but status %q", pe.Name, pe.Status)
	}
	if !pe.Started.IsZero() && !pe.Left.IsZero() && pe.Left.Before(pe.Started) {
		r.errs.Add(pe.At("left"), "check both dates: left must be on or after started",
			"%s left on %s, before they started on %s", pe.Name, pe.Left, pe.Started)
	}
	for i := range pe.Training {
		c := &pe.Training[i]
		c.CourseRef = r.course(&pe.Source, fmt.Sprintf("training.%d.course", i), c.Course)
		if c.CourseRef != nil && c.CourseRef.ValidityMonths > 0 {
			c.Expires = c.Completed.AddMonths(c.CourseRef.ValidityMonths)
		}
	}
}

func (r *resolver) practiceRecord(p *site.Practice) {
	src := &p.Source
	p.ICBOrg = r.org(src, "icb", p.ICB)
	p.PCNOrg = r.org(src, "pcn", p.PCN)
	p.Clinical = r.service(p, src, "clinical_system", p.ClinicalSystem)
	c := &p.Continuity
	c.OwnerRef = r.person(p, src, "continuity.owner", c.Owner)
	for i := range c.Cascade {
		step := &c.Cascade[i]
		path := fmt.Sprintf("continuity.cascade.%d", i)
		step.CallerRef = r.person(p, src, path+".caller", step.Caller)
		step.CallRefs = r.peopleList(p, src, path+".calls", step.Calls)
		if step.CallerRef != nil {
			step.CallerRef.Cascade = true
		}
		for _, pe := range step.CallRefs {
			pe.Cascade = true
		}
	}
	c.Invocation.PeopleRefs = r.peopleList(p, src, "continuity.invocation.people", c.Invocation.People)
	c.KeyContactOrgs = list("continuity.key_contacts", c.KeyContacts, func(path, id string) *site.Organisation {
		return r.org(src, path, id)
	})
	for i := range c.Premises {
		c.Premises[i].ContactOrg = r.org(src, fmt.Sprintf("continuity.premises.%d.contact", i), c.Premises[i].Contact)
	}
	for i := range c.Copies {
		c.Copies[i].HolderRef = r.person(p, src, fmt.Sprintf("continuity.copies.%d.holder", i), c.Copies[i].Holder)
	}
	for i, f := range c.Functions {
		path := fmt.Sprintf("continuity.functions.%d", i)
		r.recoveryInTime(src, path+".recovery_time_objective", "function", f.RTO, f.MTD)
		f.ServiceRefs = r.serviceList(p, src, path+".services", f.Services)
		f.LeadRef = r.person(p, src, path+".lead", f.Lead)
	}
	if v := c.Vulnerable; v != nil {
		v.OwnerRef = r.person(p, src, "continuity.vulnerable_patients.owner", v.Owner)
	}
	for i, rk := range c.Risks {
		rk.OwnerRef = r.person(p, src, fmt.Sprintf("continuity.risks.%d.owner", i), rk.Owner)
	}
}

// recoveryInTime reports, at path in src, a recovery time objective rto
// of a function or service (what) longer than its maximum tolerable
// downtime mtd: it must be back before the practice can no longer manage
// without it. An rto not written is zero, and never too long.
func (r *resolver) recoveryInTime(src *site.Source, path, what string, rto, mtd site.Duration) {
	if rto.Minutes > mtd.Minutes {
		r.errs.Add(src.At(path), "the "+what+" must be back before the practice can no longer manage without it: shorten the recovery time objective, or lengthen the maximum tolerable downtime",
			"recovery_time_objective %s is longer than max_tolerable_downtime %s", rto, mtd)
	}
}

func (r *resolver) serviceRecord(p *site.Practice, s *site.Service) {
	s.Practice = p
	src := &s.Source
	// A service need not say how long the practice can manage without it.
	if !s.MTD.IsZero() {
		r.recoveryInTime(src, "recovery_time_objective", "service", s.RTO, s.MTD)
	}
	if h := s.OpenToPatients; !h.IsZero() && !h.Ordered() {
		ends := "before"
		if h.End == h.Start {
			ends = "when"
		}
		text, _ := h.MarshalText()
		r.errs.Add(s.At("open_to_patients"), `write the time patients can first send requests, then the time the service stops taking them, such as "08:00-18:30"; for a service that never closes, write "24h"`,
			"open_to_patients %s ends %s it starts", text, ends)
	}
	s.OwnerRef = r.person(p, src, "owner", s.Owner)
	if s.OwnerRef != nil {
		s.OwnerRef.Owns = append(s.OwnerRef.Owns, s)
	}
	s.DeputyRef = r.person(p, src, "deputy", s.Deputy)
	if s.DeputyRef != nil {
		s.DeputyRef.Deputises = append(s.DeputyRef.Deputises, s)
	}
	s.AdminRefs = r.peopleList(p, src, "admins", s.Admins)
	for _, a := range s.AdminRefs {
		addOnce(&a.Administers, s)
	}
	s.Depends = r.serviceList(p, src, "depends_on", s.DependsOn)
	for i, d := range s.Depends {
		if d == s {
			r.errs.Add(src.At(itemPath("depends_on", i)), "remove it from depends_on", "%s cannot depend on itself", s.Name)
			continue
		}
		addOnce(&d.Dependants, s)
	}
	sup := &s.Support
	sup.SupplierOrg = r.org(src, "support.supplier", sup.Supplier)
	sup.DeskOrg = r.org(src, "support.desk", sup.Desk)
	if sup.SupplierOrg != nil {
		addOnce(&p.Suppliers, sup.SupplierOrg)
	}
	if sup.DeskOrg != nil {
		addOnce(&p.Suppliers, sup.DeskOrg)
	}
	for i := range s.Access.Reviews {
		ar := &s.Access.Reviews[i]
		ar.ByRef = r.person(p, src, fmt.Sprintf("access.reviews.%d.by", i), ar.By)
	}
	s.Review.ByRef = r.person(p, src, "review.by", s.Review.By)
}

func (r *resolver) runbookRecord(p *site.Practice, rb *site.Runbook) {
	rb.Practice = p
	src := &rb.Source
	rb.ServiceRefs = r.serviceList(p, src, "services", rb.Services)
	for _, s := range rb.ServiceRefs {
		addOnce(&s.Runbooks, rb)
	}
	acts := func(pe *site.Person) {
		if pe != nil {
			addOnce(&rb.People, pe)
			addOnce(&pe.ActsIn, rb)
		}
	}
	rb.Invoke.PeopleRefs = r.peopleList(p, src, "invoke.people", rb.Invoke.People)
	for _, pe := range rb.Invoke.PeopleRefs {
		acts(pe)
	}
	for _, list := range []struct {
		key   string
		steps []site.RoleActions
	}{{"first_15_minutes", rb.First15}, {"steps", rb.Steps}} {
		for i := range list.steps {
			st := &list.steps[i]
			st.LeadRef = r.person(p, src, fmt.Sprintf("%s.%d.lead", list.key, i), st.Lead)
			acts(st.LeadRef)
		}
	}
	for i := range rb.Communications {
		c := &rb.Communications[i]
		c.ByRef = r.person(p, src, fmt.Sprintf("communications.%d.by", i), c.By)
		acts(c.ByRef)
	}
	for i := range rb.Escalation {
		e := &rb.Escalation[i]
		e.ContactOrg = r.org(src, fmt.Sprintf("escalation.%d.contact", i), e.Contact)
	}
	rb.Review.ByRef = r.person(p, src, "review.by", rb.Review.By)
}

func (r *resolver) exerciseRecord(p *site.Practice, e *site.Exercise) {
	e.Practice = p
	src := &e.Source
	for i, id := range e.Runbooks {
		if rb := r.runbook(p, src, itemPath("runbooks", i), id); rb != nil {
			e.RunbookRefs = append(e.RunbookRefs, rb)
			addOnce(&rb.Exercises, e)
			for _, s := range rb.ServiceRefs {
				addOnce(&s.Exercises, e)
			}
		}
	}
	e.ServiceRefs = r.serviceList(p, src, "services", e.Services)
	for _, s := range e.ServiceRefs {
		addOnce(&s.Exercises, e)
	}
	e.ParticipantRefs = r.peopleList(p, src, "participants", e.Participants)
	for _, pe := range e.ParticipantRefs {
		addOnce(&pe.Exercises, e)
	}
	r.actions(p, src, e.Actions, e.Title, e.URL())
}

func (r *resolver) incident(p *site.Practice, in *site.Incident) {
	in.Practice = p
	src := &in.Source
	if !in.Started.IsZero() && !in.Aware.IsZero() && in.Aware.Before(in.Started) {
		r.errs.Add(in.At("aware"), "check both times: the practice cannot become aware of an incident before it started",
			"aware %s is before started %s", in.Aware, in.Started)
	}
	if !in.Ended.IsZero() && in.Ended.Before(in.Started) {
		r.errs.Add(in.At("ended"), "check both times: ended must be on or after started",
			"ended %s is before started %s", in.Ended, in.Started)
	}
	in.LeadRef = r.person(p, src, "lead", in.Lead)
	if in.LeadRef != nil {
		in.LeadRef.Incidents = append(in.LeadRef.Incidents, in)
	}
	in.ServiceRefs = r.serviceList(p, src, "services", in.Services)
	for _, s := range in.ServiceRefs {
		addOnce(&s.Incidents, in)
	}
	for i, id := range in.Runbooks {
		if rb := r.runbook(p, src, itemPath("runbooks", i), id); rb != nil {
			in.RunbookRefs = append(in.RunbookRefs, rb)
			addOnce(&rb.Incidents, in)
		}
	}
	seen := map[string]int{}
	for i := range in.Reports {
		rep := &in.Reports[i]
		path := fmt.Sprintf("reports.%d", i)
		if j, dup := seen[rep.Route]; dup && rep.Route != "other" {
			r.errs.Add(in.At(path+".route"), "keep one [[reports]] block a route: put what happened since in the one at line "+fmt.Sprint(in.At(fmt.Sprintf("reports.%d.route", j)).Line),
				"route %s is listed twice", rep.Route)
		} else {
			seen[rep.Route] = i
		}
		rep.ByRef = r.person(p, src, path+".by", rep.By)
		rep.DecidedByRef = r.person(p, src, path+".decided_by", rep.DecidedBy)
		if !rep.IsRequired() && (rep.DecidedBy == "" || rep.Reason == "") {
			r.errs.Add(in.At(path+".required"), `add decided_by = "<person id>" and reason = "..." to this block: a decision not to report must say who took it and why`,
				"the decision not to report %s has no decided_by or reason", rep.Where())
		}
		if !rep.IsRequired() && !rep.Reported.IsZero() {
			r.errs.Add(in.At(path+".reported"), "remove required = false, or remove reported",
				"the report %s is marked not required but has a reported time", rep.Where())
		}
		if !rep.Reported.IsZero() && !in.Started.IsZero() && rep.Reported.Before(in.Started) {
			r.errs.Add(in.At(path+".reported"), "check the time: a report comes after the incident starts",
				"reported %s is before started %s", rep.Reported, in.Started)
		}
	}
	for i := range in.Decisions {
		d := &in.Decisions[i]
		d.ByRef = r.person(p, src, fmt.Sprintf("decisions.%d.by", i), d.By)
	}
	r.actions(p, src, in.Actions, in.Title, in.URL())
}

func (r *resolver) change(p *site.Practice, ch *site.Change) {
	ch.Practice = p
	src := &ch.Source
	ch.OwnerRef = r.person(p, src, "owner", ch.Owner)
	if ch.OwnerRef != nil {
		ch.OwnerRef.Changes = append(ch.OwnerRef.Changes, ch)
	}
	ch.ServiceRefs = r.serviceList(p, src, "services", ch.Services)
	for _, s := range ch.ServiceRefs {
		addOnce(&s.Changes, ch)
	}
	if m := ch.Migration; m != nil {
		m.FromRef = r.service(p, src, "migration.from", m.From)
		m.ToRef = r.service(p, src, "migration.to", m.To)
	}
	if ch.Type == "migration" && ch.Migration == nil {
		r.errs.Add(ch.At("type"), "add a [migration] table with from and to (the services), agreed_with_icb and icb_reference",
			"a change of type migration has no [migration] table")
	}
	if c := ch.Catalogue; c != nil {
		c.SupplierRef = r.org(src, "catalogue.supplier", c.Supplier)
	}
	ch.Review.ByRef = r.person(p, src, "review.by", ch.Review.By)
	if !ch.Review.Done.IsZero() && ch.Review.Done.Before(ch.GoLive) {
		r.errs.Add(ch.At("review.done"), "check both dates: the review after go-live comes after go_live",
			"review.done %s is before go_live %s", ch.Review.Done, ch.GoLive)
	}
}

func (r *resolver) asset(p *site.Practice, a *site.Asset) {
	a.Practice = p
	src := &a.Source
	a.OwnerRef = r.person(p, src, "owner", a.Owner)
	if a.OwnerRef != nil {
		a.OwnerRef.Assets = append(a.OwnerRef.Assets, a)
	}
	a.ProvidedByRef = r.org(src, "provided_by", a.ProvidedBy)
	a.ServiceRefs = r.serviceList(p, src, "services", a.Services)
	for _, s := range a.ServiceRefs {
		addOnce(&s.Assets, a)
	}
	if d := a.Disposal; d != nil {
		d.ByRef = r.org(src, "disposal.by", d.By)
		if !a.Acquired.IsZero() && d.Date.Before(a.Acquired) {
			r.errs.Add(a.At("disposal.date"), "check both dates: an asset is disposed of after it is acquired",
				"disposal.date %s is before acquired %s", d.Date, a.Acquired)
		}
	}
}

// actions links the owners of follow-up actions and lists each action on
// its owner's page.
func (r *resolver) actions(p *site.Practice, src *site.Source, actions []site.Action, title, url string) {
	for i := range actions {
		a := &actions[i]
		a.OwnerRef = r.person(p, src, fmt.Sprintf("actions.%d.owner", i), a.Owner)
		if a.OwnerRef != nil {
			a.OwnerRef.Actions = append(a.OwnerRef.Actions, &site.ActionRef{Action: a, Title: title, Target: url})
		}
	}
}

func (r *resolver) roles(p *site.Practice) {
	src := &p.Roles.Source
	first := map[string]int{}
	for i, ra := range p.Roles.Roles {
		path := fmt.Sprintf("roles.%d", i)
		if j, dup := first[ra.Role]; dup {
			r.errs.Add(src.At(path+".role"), "a role has one holder: remove one, and name a second person as deputy",
				"role %s is assigned twice: it is already assigned at line %d", ra.Role, src.At(fmt.Sprintf("roles.%d.role", j)).Line)
		} else {
			first[ra.Role] = i
		}
		switch {
		case ra.Holder != "" && ra.Organisation != "":
			r.errs.Add(src.At(path+".organisation"), "keep holder for a person of the practice, or organisation for a service bought in",
				"role %s has both a holder and an organisation", ra.Role)
		case ra.Holder == "" && ra.Organisation == "":
			r.errs.Add(src.At(path), `add holder = "<person id>", or organisation = "<organisation id>"`,
				"role %s has no holder", ra.Role)
		}
		ra.HolderRef = r.person(p, src, path+".holder", ra.Holder)
		if ra.HolderRef != nil {
			ra.HolderRef.Roles = append(ra.HolderRef.Roles, ra)
		}
		ra.OrgRef = r.org(src, path+".organisation", ra.Organisation)
		ra.DeputyRef = r.person(p, src, path+".deputy", ra.Deputy)
		if ra.DeputyRef != nil {
			ra.DeputyRef.Deputy = append(ra.DeputyRef.Deputy, ra)
		}
	}
}

func (r *resolver) training(p *site.Practice) {
	t := p.Training
	src := &t.Source
	t.Analysis.ByRef = r.person(p, src, "needs_analysis.by", t.Analysis.By)
	first := map[string]int{}
	for i := range t.Requirements {
		req := &t.Requirements[i]
		if j, dup := first[req.Course]; dup {
			r.errs.Add(src.At(fmt.Sprintf("requirements.%d.course", i)), "combine them: one requirement can list several staff_groups and roles",
				"course %s already has a requirement at line %d", req.Course, src.At(fmt.Sprintf("requirements.%d.course", j)).Line)
		} else {
			first[req.Course] = i
		}
		req.CourseRef = r.course(src, fmt.Sprintf("requirements.%d.course", i), req.Course)
		if !req.Everyone && len(req.StaffGroups) == 0 && len(req.Roles) == 0 {
			r.errs.Add(src.At(fmt.Sprintf("requirements.%d", i)), "add everyone = true, staff_groups = [...] or roles = [...]",
				"the requirement for %s applies to nobody", req.Course)
		}
	}
	for i, item := range t.Plan {
		path := fmt.Sprintf("plan.%d", i)
		item.PersonRef = r.person(p, src, path+".person", item.Person)
		item.CourseRef = r.course(src, path+".course", item.Course)
		if item.PersonRef != nil {
			item.PersonRef.Plan = append(item.PersonRef.Plan, item)
		}
	}
}
