package govern

import (
	"fmt"

	"github.com/handbook-nhs/handbook/generator/site"
)

// runbook checks one action card. Whoever last reviewed it looks after
// it, else the owner of the service it is first about; exercising it is
// the business continuity lead's job.
func (c *checker) runbook(p *site.Practice, rb *site.Runbook) {
	name := rb.Title + " (runbook)"
	var keeper *site.Person
	if len(rb.ServiceRefs) > 0 {
		keeper = rb.ServiceRefs[0].OwnerRef
	}
	keepers := []*site.Person{rb.Review.ByRef, keeper}
	exercisers := append([]*site.Person{holder(p, "business-continuity-lead")}, keepers...)
	add := func(rule string, pos site.Pos, msg, fix string, owners ...*site.Person) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: rb, Pos: pos, Message: msg, Fix: fix}, owners...)
	}

	pos := rb.At("review.last")
	if !rb.Review.Next.IsZero() {
		pos = rb.At("review.next")
	}
	c.review(p, rb, name, rb.Review.Due(c.t.ReviewMonths), pos,
		"Read it through with the people who act in it, then update last and next under [review] in "+rb.File, keepers...)

	if len(rb.Paper) == 0 {
		for i, s := range rb.ServiceRefs {
			if s.Criticality != "critical" {
				continue
			}
			add("runbook-no-paper", rb.At(fmt.Sprintf("services.%d", i)),
				fmt.Sprintf("%s covers %s, a critical service, but has no paper fallback", name, s.Name),
				"Add a [[paper]] section for each job that carries on on paper, saying where the paper is kept, to "+rb.File,
				keepers...)
			break
		}
	}

	last, tested := rb.LastTest(c.today)
	exerciseFix := "Test it in a tabletop exercise or drill and record it in " + p.Folder() + "exercises/, naming this runbook"
	switch {
	case !tested:
		add("runbook-never-exercised", rb.At("title"),
			fmt.Sprintf("%s has never been exercised", name), exerciseFix, exercisers...)
	case c.overdue(last.Date.AddMonths(c.t.ExerciseMonths)):
		add("runbook-exercise-overdue", rb.At("title"),
			fmt.Sprintf("%s was last exercised on %s (%s), more than %d months ago", name, last.Date, last.Title, c.t.ExerciseMonths),
			exerciseFix, exercisers...)
	}

	c.leaversIn(p, rb, name, keepers)
}

// leaversIn reports each leaver a runbook tells staff to turn to, once, at
// the first place it names them.
func (c *checker) leaversIn(p *site.Practice, rb *site.Runbook, name string, keepers []*site.Person) {
	seen := map[*site.Person]bool{}
	check := func(pe *site.Person, path string) {
		if pe == nil || !pe.IsLeaver() || seen[pe] {
			return
		}
		seen[pe] = true
		c.add(&site.Finding{Rule: "runbook-person-left", Practice: p, Subject: rb, Pos: rb.At(path),
			Message: fmt.Sprintf("%s names %s, who left on %s, to act in an outage", name, pe.Name, pe.Left),
			Fix:     "Name a current member of staff instead in " + rb.File, Leaver: pe,
		}, keepers...)
	}
	for i, pe := range rb.Invoke.PeopleRefs {
		check(pe, fmt.Sprintf("invoke.people.%d", i))
	}
	for i := range rb.First15 {
		check(rb.First15[i].LeadRef, fmt.Sprintf("first_15_minutes.%d.lead", i))
	}
	for i := range rb.Steps {
		check(rb.Steps[i].LeadRef, fmt.Sprintf("steps.%d.lead", i))
	}
	for i := range rb.Communications {
		check(rb.Communications[i].ByRef, fmt.Sprintf("communications.%d.by", i))
	}
}
