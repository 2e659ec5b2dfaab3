package govern

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// continuity checks the business continuity plan in practice.toml: its
// ICB approval, its review, and the call cascade. The plan's owner acts,
// else the business continuity lead.
func (c *checker) continuity(p *site.Practice) {
	cp := &p.Continuity
	owners := []*site.Person{cp.OwnerRef, holder(p, "business-continuity-lead")}
	plan := fmt.Sprintf("The business continuity plan (version %s)", cp.Version)
	add := func(rule string, pos site.Pos, msg, fix string) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: cp, Pos: pos, Message: msg, Fix: fix}, owners...)
	}

	// The approval on record may be that of an earlier version, kept while
	// a new one awaits the ICB: a passed expiry is reported whatever the
	// status, as the practice has had no approved plan since.
	a := &cp.Approval
	approvalFix := "record the new status and dates under [continuity.icb_approval] in " + p.File
	switch {
	case !a.Expires.IsZero() && a.Expires.Before(c.today):
		add("plan-approval-expired", p.At("continuity.icb_approval.expires"),
			fmt.Sprintf("The ICB's approval of the business continuity plan expired on %s", a.Expires),
			"Submit the current plan to the ICB for approval, then "+approvalFix)
	case a.Status == "expired":
		add("plan-approval-expired", p.At("continuity.icb_approval.status"),
			"The ICB's approval of the business continuity plan has expired",
			"Submit the current plan to the ICB for approval, then "+approvalFix)
	}
	if a.Status != "approved" && a.Status != "expired" {
		fix := "Submit the plan to the ICB for approval, then "
		switch a.Status {
		case "submitted":
			fix = "Ask the ICB when it will approve the plan, then "
		case "changes-requested":
			fix = "Make the changes the ICB asked for and resubmit the plan, then "
		}
		msg := fmt.Sprintf("%s is not approved by the ICB (%s)", plan, lower(site.ApprovalStatuses.Label(a.Status)))
		if a.Status == "submitted" && !a.Submitted.IsZero() {
			msg = fmt.Sprintf("%s is not approved by the ICB: submitted on %s, still awaiting approval", plan, a.Submitted)
		}
		add("plan-not-approved", p.At("continuity.icb_approval.status"), msg, fix+approvalFix)
	}

	if a.Status == "submitted" && !a.Submitted.IsZero() && c.overdue(a.Submitted.AddDays(7*c.t.ApprovalWaitWeeks)) {
		add("plan-approval-waiting", p.At("continuity.icb_approval.submitted"),
			fmt.Sprintf("%s has awaited the ICB's approval since %s, more than %d weeks", plan, a.Submitted, c.t.ApprovalWaitWeeks),
			"Ask the ICB's primary care team when the plan will be approved (quote the reference), then "+approvalFix)
	}

	// Due by the next review date written, or plan_review_months after
	// the last review, whichever comes first.
	reviewFix := "Review the plan with the runbook owners, then update reviewed and next_review under [continuity] in " + p.File
	switch due := cp.ReviewDue(c.t.PlanReviewMonths); {
	case !c.overdue(due):
	case due.Before(cp.Reviewed.AddMonths(c.t.PlanReviewMonths)): // next_review came first
		add("plan-review-overdue", p.At("continuity.next_review"),
			fmt.Sprintf("%s was due for review on %s", plan, cp.NextReview), reviewFix)
	default:
		add("plan-review-overdue", p.At("continuity.reviewed"),
			fmt.Sprintf("%s was last reviewed on %s, more than %d months ago", plan, cp.Reviewed, c.t.PlanReviewMonths), reviewFix)
	}

	// A cascade test recorded as an exercise counts as much as the date in
	// the plan.
	tested := p.CascadeTested(c.today)
	cascadeFix := "Test the cascade (ring round as if out of hours, and time it), then update cascade_tested under [continuity] in " + p.File
	switch {
	case tested.IsZero():
		add("cascade-test-overdue", p.At("continuity.cascade"), "The call cascade has never been tested", cascadeFix)
	case c.overdue(tested.AddMonths(c.t.CascadeTestMonths)):
		pos := p.At("continuity.cascade_tested")
		if cp.CascadeTested.IsZero() {
			pos = p.At("continuity.cascade")
		}
		add("cascade-test-overdue", pos,
			fmt.Sprintf("The call cascade was last tested on %s, more than %d months ago", tested, c.t.CascadeTestMonths),
			cascadeFix)
	}

	for i, pe := range cp.Invocation.PeopleRefs {
		if pe != nil && pe.IsLeaver() {
			add("cascade-leaver", p.At(fmt.Sprintf("continuity.invocation.people.%d", i)),
				fmt.Sprintf("%s, who left on %s, is still named as someone who can invoke the plan", pe.Name, pe.Left),
				"Take them out of people under [continuity.invocation] in "+p.File).Leaver = pe
		}
	}
	for i, step := range cp.Cascade {
		path := fmt.Sprintf("continuity.cascade.%d", i)
		leaver := func(pe *site.Person, path, as string) {
			if pe != nil && pe.IsLeaver() {
				add("cascade-leaver", p.At(path),
					fmt.Sprintf("%s, who left on %s, is still in the call cascade %s", pe.Name, pe.Left, as),
					"Take them out of the cascade and give their calls to someone else in "+p.File).Leaver = pe
			}
		}
		leaver(step.CallerRef, path+".caller", "as a caller")
		for j, pe := range step.CallRefs {
			var caller string
			if step.CallerRef != nil {
				caller = " by " + step.CallerRef.Name
			}
			leaver(pe, fmt.Sprintf("%s.calls.%d", path, j), "to be called"+caller)
		}
	}
	c.impact(p, owners)
}

// impact checks the plan's business impact analysis, its plan for
// vulnerable patients and its risk assessment.
func (c *checker) impact(p *site.Practice, owners []*site.Person) {
	cp := &p.Continuity
	add := func(rule string, pos site.Pos, msg, fix string, who ...*site.Person) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: cp, Pos: pos, Message: msg, Fix: fix}, append(who, owners...)...)
	}
	if len(cp.Functions) == 0 {
		add("functions-missing", p.At("continuity"),
			"The business continuity plan lists no essential functions: nothing says how long urgent care, prescribing, results or referrals can stop",
			"Add a [[continuity.functions]] block for each essential function, most urgent first, with max_tolerable_downtime and the services it needs, to "+p.File)
	}
	for i, f := range cp.Functions {
		for _, s := range f.SlowServices() {
			j := slices.Index(f.ServiceRefs, s)
			add("function-service-too-slow", p.At(fmt.Sprintf("continuity.functions.%d.services.%d", i, j)),
				fmt.Sprintf("%s can stop for at most %s, but it needs %s, which may take %s to come back", f.Name, f.MTD, s.Name, s.Recovery()),
				"Agree a shorter recovery time for "+s.Name+" with its supplier, or write down how "+f.Name+" carries on without it (workaround), and check the function's max_tolerable_downtime in "+p.File,
				f.LeadRef, s.OwnerRef)
		}
	}
	v := cp.Vulnerable
	switch {
	case v == nil:
		add("vulnerable-patients-missing", p.At("continuity"),
			"The business continuity plan does not say how vulnerable patients are identified and contacted when the practice cannot work as usual",
			"Add [continuity.vulnerable_patients] with identified, contacted and owner to "+p.File)
	case v.ListUpdated.IsZero() || c.overdue(v.ListUpdated.AddMonths(c.t.VulnerableListMonths)):
		pos := p.At("continuity.vulnerable_patients.list_updated")
		when := "has never been printed"
		if v.ListUpdated.IsZero() {
			pos = p.At("continuity.vulnerable_patients")
		} else {
			when = "was last refreshed on " + v.ListUpdated.String()
		}
		add("vulnerable-list-stale", pos,
			fmt.Sprintf("The list of vulnerable patients to contact in an outage %s: it should be refreshed every %d months", when, c.t.VulnerableListMonths),
			"Run the searches again, print the list for the grab bag and update list_updated in "+p.File, v.OwnerRef)
	}
	noCard := p.RisksWithoutCard()
	for i, r := range cp.Risks {
		path := fmt.Sprintf("continuity.risks.%d", i)
		if c.overdue(r.Review) {
			add("risk-review-overdue", p.At(path+".review"),
				fmt.Sprintf("The risk %q (%s) was due for review on %s", r.Risk, site.Scenarios.Label(r.Scenario), r.Review),
				"Review it with its owner: is the likelihood, impact or mitigation still right? Then set a new review date in "+p.File, r.OwnerRef)
		}
		if slices.Contains(noCard, r) {
			add("risk-without-card", p.At(path+".scenario"),
				fmt.Sprintf("The risk %q is rated %s (%d × %d = %d), and no runbook covers %s", r.Risk, strings.ToLower(r.Rating()), r.Likelihood, r.Impact, r.Score(), strings.ToLower(site.Scenarios.Label(r.Scenario))),
				"Write an action card for it in "+p.Folder()+"runbooks/ with scenario = \""+r.Scenario+"\"", r.OwnerRef)
		}
	}
}
