package govern

import (
	"slices"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// today is the date every test is checked on.
var today = site.NewDate(2026, 11, 21)

// at returns the time hour o'clock n days from today.
func at(n, hour int) site.Time {
	return site.TimeOf(time.Date(2026, 11, 21+n, hour, 0, 0, 0, time.UTC))
}

// day returns the date n days from today (before it when n < 0).
func day(n int) site.Date { return today.AddDays(n) }

// months returns the date n calendar months from today.
func months(n int) site.Date { return today.AddMonths(n) }

func src(file string) site.Source {
	return site.Source{File: file}
}

// fixture is a small handbook of one practice that breaks no rule on
// today: every record is owned, reviewed, exercised and in date. Each test
// case changes one thing, by id as a practice manager would, and calls
// relink.
type fixture struct {
	h   *site.Handbook
	p   *site.Practice
	org *site.Organisation
	dsa *site.Course
}

func newFixture() *fixture {
	org := &site.Organisation{Source: src("content/organisations/desk.toml"), ID: "desk", Name: "Acme Desk",
		Kind: "icb-service", Verified: months(-6)}
	dsa := &site.Course{Source: src("content/courses/dsa.toml"), ID: "dsa", Title: "Data Security Awareness",
		Provider: "desk", ValidityMonths: 12}
	person := func(id, name, group string) *site.Person {
		return &site.Person{Source: src("content/alpha/people/" + id + ".toml"), ID: id, Name: name,
			JobTitle: name, StaffGroup: group, Status: "active",
			Training: []site.Completion{{Course: "dsa", Completed: months(-3)}}}
	}
	p := &site.Practice{
		Source: src("content/alpha/practice.toml"), ID: "alpha", Name: "Alpha Surgery", ICB: "desk",
		Agreement: site.Agreement{Version: "ICB Practice Agreement, Version 3 (May 2026)", Signed: months(-5)},
		DSPT:      site.DSPT{Status: "standards-met", Submitted: site.NewDate(2026, 6, 20), Year: "2025-26"},
		Continuity: site.ContinuityPlan{
			Version: "1.0", Owner: "pm", Reviewed: months(-3), NextReview: months(9),
			Approval:      site.Approval{Status: "approved", Approved: months(-2), Expires: months(10)},
			CascadeTested: months(-2),
			Cascade:       []site.CascadeStep{{Caller: "pm", Calls: []string{"gp", "it"}}},
			Functions: []*site.Function{{Name: "Urgent care", MTD: site.Duration{Minutes: 4 * 60},
				Services: []string{"clinical"}, Lead: "gp"}},
			Vulnerable: &site.VulnerablePatients{Identified: "Searches", Contacted: "By phone", Owner: "pm", ListUpdated: months(-1)},
			Risks: []*site.Risk{{Scenario: "system-down", Risk: "The clinical system fails", Likelihood: 2, Impact: 4,
				Owner: "pm", Review: months(6)}},
		},
		People: []*site.Person{
			person("pm", "Pat Manager", "practice-manager"),
			person("gp", "Gail Partner", "gp-partner"),
			person("it", "Ivan Tech", "administrator"),
			person("lv", "Lee Leaver", "administrator"),
		},
		Services: []*site.Service{{
			Source: src("content/alpha/services/clinical.toml"), ID: "clinical", Name: "Clinical",
			Category: "clinical-system", Lifecycle: "live", Criticality: "critical",
			Owner: "gp", Deputy: "pm", Admins: []string{"it"},
			Support:    site.Support{Desk: "desk", ContractEnd: months(24)},
			Data:       site.DataUse{Categories: []string{"patient-health"}},
			Governance: site.Governance{DPIA: "icb-covered", DPIAReviewed: months(-3), PrivacyNotice: true, ClinicalSafety: "assessed"},
			Access:     site.Access{ReviewMonths: 6, Reviews: []site.AccessReview{{Date: months(-1), By: "it"}}},
			Review:     site.Review{Last: months(-3), Next: months(9), By: "gp"},
		}},
		Runbooks: []*site.Runbook{{
			Source: src("content/alpha/runbooks/clinical-down.toml"), ID: "clinical-down", Title: "Clinical down", Scenario: "system-down",
			Services: []string{"clinical"},
			Invoke:   site.Invocation{People: []string{"pm"}},
			First15:  []site.RoleActions{{Role: "Manager", Lead: "pm"}},
			Steps:    []site.RoleActions{{Role: "Partner", Lead: "gp"}},
			Paper:    []site.PaperFallback{{Function: "Clinics", Fallback: "Paper notes", Location: "Safe"}},
			Review:   site.Review{Last: months(-3), Next: months(9), By: "pm"},
		}},
		Exercises: []*site.Exercise{{
			Source: src("content/alpha/exercises/tabletop.toml"), ID: "tabletop", Title: "Tabletop",
			Type: "tabletop", Date: months(-2), Runbooks: []string{"clinical-down"},
			Actions: []site.Action{{Action: "Print forms", Owner: "pm", Due: day(10), Status: "open"}},
		}},
		Reviews: []*site.ReviewRecord{{
			Source: src("content/alpha/reviews/icb.toml"), ID: "icb", Type: "icb-digital-services",
			Title: "ICB review", Date: months(-4),
		}},
		Incidents: []*site.Incident{{
			Source: src("content/alpha/incidents/email.toml"), ID: "email", Title: "Misdirected email",
			Type: "data-breach", Started: at(-4, 9), Aware: at(-4, 10), PersonalData: true, Lead: "pm",
			Reports: []site.Report{{Route: "dspt", Reported: at(-3, 15), Reference: "DSPT-1"}},
			Lessons: []string{"Check the address"},
		}},
		Changes: []*site.Change{{
			Source: src("content/alpha/changes/menu.toml"), ID: "menu", Title: "Phone menu",
			Type: "configuration", Owner: "pm", GoLive: months(-3), WayBack: "The old menu",
			Checks: site.ChangeChecks{Tested: "done", StaffTold: "done", PatientsTold: "done", DPIA: "not-needed",
				ClinicalSafety: "not-needed", Training: "done", Runbook: "done"},
			Review: site.ChangeReview{Done: months(-1), By: "pm", Outcome: "Fewer calls"},
		}},
		Assets: []*site.Asset{{
			Source: src("content/alpha/assets/laptop.toml"), ID: "laptop", Name: "Laptop", Kind: "laptop",
			Owner: "it", RefreshDue: months(12),
		}, {
			Source: src("content/alpha/assets/old-pc.toml"), ID: "old-pc", Name: "Old PC", Kind: "desktop",
			Owner: "it", Disposal: &site.Disposal{Date: months(-1), Method: "icb-collection", By: "desk", Certificate: "C-1"},
		}},
		Pages: []*site.Page{{
			Source: src("content/alpha/pages/policy.md"), ID: "policy", Title: "IG policy", Kind: "policy",
			Owner: "pm", Reviewed: months(-3), NextReview: months(9),
		}},
		Roles: &site.RoleList{Source: src("content/alpha/roles.toml"), Roles: []*site.RoleAssignment{
			{Role: "siro", Holder: "gp"},
			{Role: "caldicott-guardian", Holder: "gp"},
			{Role: "dpo", Organisation: "desk"},
			{Role: "it-cyber-lead", Holder: "it", Deputy: "pm"},
			{Role: "clinical-safety-officer", Holder: "gp"},
			{Role: "business-continuity-lead", Holder: "pm"},
			{Role: "training-lead", Holder: "pm"},
		}},
		Training: &site.Training{Source: src("content/alpha/training.toml"),
			Analysis:     site.NeedsAnalysis{Completed: months(-3), By: "pm"},
			Requirements: []site.Requirement{{Course: "dsa", Everyone: true}},
		},
	}
	p.People[3].Status, p.People[3].Left = "leaver", site.NewDate(2026, time.June, 30)
	f := &fixture{
		h:   &site.Handbook{Organisations: []*site.Organisation{org}, Courses: []*site.Course{dsa}},
		p:   p,
		org: org,
		dsa: dsa,
	}
	f.relink()
	return f
}

func (f *fixture) person(id string) *site.Person {
	for _, pe := range f.p.People {
		if pe.ID == id {
			return pe
		}
	}
	return nil
}

// addPlaceholder adds to-do-owner, the person handbook import writes for
// an owner its register does not name, and makes it the owner of the
// services named by ids.
func (f *fixture) addPlaceholder(ids ...string) *site.Person {
	pe := &site.Person{Source: src("content/alpha/people/to-do-owner.toml"), ID: "to-do-owner",
		Name: "TO DO: owner not named in the register", JobTitle: "TO DO: a placeholder, not a person",
		StaffGroup: "other", Status: "active"}
	pe.Placeholders = []string{"name", "job_title"}
	f.p.People = append(f.p.People, pe)
	for _, s := range f.p.Services {
		if slices.Contains(ids, s.ID) {
			s.Owner = pe.ID
		}
	}
	return pe
}

func (f *fixture) service() *site.Service   { return f.p.Services[0] }
func (f *fixture) runbook() *site.Runbook   { return f.p.Runbooks[0] }
func (f *fixture) exercise() *site.Exercise { return f.p.Exercises[0] }
func (f *fixture) incident() *site.Incident { return f.p.Incidents[0] }
func (f *fixture) change() *site.Change     { return f.p.Changes[0] }
func (f *fixture) asset() *site.Asset       { return f.p.Assets[0] }

// check applies every rule to the fixture as a build does, the shared
// records and then the practice, and returns every finding, sorted.
func (f *fixture) check() []*site.Finding {
	shared := Shared(f.h, today)
	f.h.Findings = shared
	all := append(slices.Clone(shared), Practice(f.h, f.p, today, shared)...)
	Sort(all)
	return all
}

// relink resolves every id in the fixture to its record and rebuilds the
// back-links govern reads, as the link stage does for real content.
func (f *fixture) relink() {
	p, h := f.p, f.h
	p.Organisations = []*site.Organisation{f.org}
	p.Courses = []*site.Course{f.dsa}
	people := func(ids []string) []*site.Person {
		var out []*site.Person
		for _, id := range ids {
			if pe := f.person(id); pe != nil {
				out = append(out, pe)
			}
		}
		return out
	}
	course := func(id string) *site.Course {
		for _, c := range h.Courses {
			if c.ID == id {
				return c
			}
		}
		return nil
	}
	for _, pe := range p.People {
		pe.Practice, pe.Roles, pe.Owns, pe.Deputises, pe.Administers = p, nil, nil, nil, nil
		for i := range pe.Training {
			c := &pe.Training[i]
			c.CourseRef = course(c.Course)
			c.Expires = site.Date{}
			if c.CourseRef != nil && c.CourseRef.ValidityMonths > 0 {
				c.Expires = c.Completed.AddMonths(c.CourseRef.ValidityMonths)
			}
		}
	}
	cp := &p.Continuity
	cp.OwnerRef = f.person(cp.Owner)
	for _, fn := range cp.Functions {
		fn.LeadRef, fn.ServiceRefs = f.person(fn.Lead), nil
		for _, id := range fn.Services {
			for _, s := range p.Services {
				if s.ID == id {
					fn.ServiceRefs = append(fn.ServiceRefs, s)
				}
			}
		}
	}
	if cp.Vulnerable != nil {
		cp.Vulnerable.OwnerRef = f.person(cp.Vulnerable.Owner)
	}
	for _, r := range cp.Risks {
		r.OwnerRef = f.person(r.Owner)
	}
	cp.Invocation.PeopleRefs = people(cp.Invocation.People)
	for i := range cp.Cascade {
		cp.Cascade[i].CallerRef = f.person(cp.Cascade[i].Caller)
		cp.Cascade[i].CallRefs = people(cp.Cascade[i].Calls)
	}
	for _, s := range p.Services {
		s.Practice, s.Runbooks = p, nil
		s.OwnerRef, s.DeputyRef, s.AdminRefs = f.person(s.Owner), f.person(s.Deputy), people(s.Admins)
		if s.OwnerRef != nil {
			s.OwnerRef.Owns = append(s.OwnerRef.Owns, s)
		}
		if s.DeputyRef != nil {
			s.DeputyRef.Deputises = append(s.DeputyRef.Deputises, s)
		}
		for _, a := range s.AdminRefs {
			a.Administers = append(a.Administers, s)
		}
	}
	for _, rb := range p.Runbooks {
		rb.Practice, rb.ServiceRefs, rb.Exercises = p, nil, nil
		for _, id := range rb.Services {
			for _, s := range p.Services {
				if s.ID == id {
					rb.ServiceRefs = append(rb.ServiceRefs, s)
					s.Runbooks = append(s.Runbooks, rb)
				}
			}
		}
		rb.Review.ByRef = f.person(rb.Review.By)
		rb.Invoke.PeopleRefs = people(rb.Invoke.People)
		for i := range rb.First15 {
			rb.First15[i].LeadRef = f.person(rb.First15[i].Lead)
		}
		for i := range rb.Steps {
			rb.Steps[i].LeadRef = f.person(rb.Steps[i].Lead)
		}
		for i := range rb.Communications {
			rb.Communications[i].ByRef = f.person(rb.Communications[i].By)
		}
	}
	for _, e := range p.Exercises {
		e.Practice = p
		for _, id := range e.Runbooks {
			for _, rb := range p.Runbooks {
				if rb.ID == id {
					rb.Exercises = append(rb.Exercises, e)
				}
			}
		}
		for i := range e.Actions {
			e.Actions[i].OwnerRef = f.person(e.Actions[i].Owner)
		}
	}
	for _, rv := range p.Reviews {
		rv.Practice = p
		for i := range rv.Actions {
			rv.Actions[i].OwnerRef = f.person(rv.Actions[i].Owner)
		}
	}
	for _, pg := range p.Pages {
		pg.Practice, pg.OwnerRef = p, f.person(pg.Owner)
	}
	for _, in := range p.Incidents {
		in.Practice, in.LeadRef = p, f.person(in.Lead)
		for i := range in.Reports {
			in.Reports[i].ByRef = f.person(in.Reports[i].By)
		}
		for i := range in.Actions {
			in.Actions[i].OwnerRef = f.person(in.Actions[i].Owner)
		}
	}
	for _, ch := range p.Changes {
		ch.Practice, ch.OwnerRef = p, f.person(ch.Owner)
	}
	for _, a := range p.Assets {
		a.Practice, a.OwnerRef = p, f.person(a.Owner)
	}
	for _, ra := range p.Roles.Roles {
		ra.HolderRef, ra.DeputyRef = f.person(ra.Holder), f.person(ra.Deputy)
		if ra.Organisation == f.org.ID {
			ra.OrgRef = f.org
		}
		if ra.HolderRef != nil {
			ra.HolderRef.Roles = append(ra.HolderRef.Roles, ra)
		}
	}
	t := p.Training
	t.Analysis.ByRef = f.person(t.Analysis.By)
	for i := range t.Requirements {
		t.Requirements[i].CourseRef = course(t.Requirements[i].Course)
	}
	for _, item := range t.Plan {
		item.PersonRef, item.CourseRef = f.person(item.Person), course(item.Course)
	}
}
