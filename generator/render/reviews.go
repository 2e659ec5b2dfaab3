package render

import (
	"fmt"
	"maps"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// PlanReviewView pre-fills the continuity plan review checklist with what
// the records show: who has left, what is out of date, what was never
// tried, and what happened since the plan was last reviewed.
type PlanReviewView struct {
	Practice *site.Practice
	// Since is the plan's last review: changes, incidents and exercises
	// since then may change it.
	Since          site.Date
	CascadeLeavers []*site.Person
	InvokeLeavers  []*site.Person
	GrabBagDue     site.Date
	NeverExercised []*site.Runbook
	// Unverified are the key contacts not checked within
	// ContactVerifyMonths (Thresholds.ContactVerifyMonths).
	Unverified          []*site.Organisation
	ContactVerifyMonths int
	SlowFunctions       []*site.Function
	RisksDue            []*site.Risk
	HighNoCard          []*site.Risk
	VulnerableDue       site.Date
	Changes             []ChangeRow
	Incidents           []*site.Incident
	Exercises           []*site.Exercise
}

func planReviewView(pr *site.Practice, today site.Date, gov site.Thresholds) PlanReviewView {
	cp := &pr.Continuity
	v := PlanReviewView{Practice: pr, Since: cp.Reviewed, ContactVerifyMonths: gov.ContactVerifyMonths}
	for _, step := range cp.Cascade {
		for _, pe := range append([]*site.Person{step.CallerRef}, step.CallRefs...) {
			if pe != nil && pe.IsLeaver() && !slices.Contains(v.CascadeLeavers, pe) {
				v.CascadeLeavers = append(v.CascadeLeavers, pe)
			}
		}
	}
	for _, pe := range cp.Invocation.PeopleRefs {
		if pe.IsLeaver() {
			v.InvokeLeavers = append(v.InvokeLeavers, pe)
		}
	}
	if !cp.GrabBag.Checked.IsZero() {
		v.GrabBagDue = cp.GrabBag.Checked.AddMonths(gov.GrabBagMonths)
	}
	for _, rb := range pr.Runbooks {
		if _, ok := rb.LastTest(today); !ok {
			v.NeverExercised = append(v.NeverExercised, rb)
		}
	}
	for _, o := range cp.KeyContactOrgs {
		if o != nil && o.VerifyDue(gov.ContactVerifyMonths).Before(today) {
			v.Unverified = append(v.Unverified, o)
		}
	}
	for _, f := range cp.Functions {
		if len(f.SlowServices()) > 0 {
			v.SlowFunctions = append(v.SlowFunctions, f)
		}
	}
	for _, r := range cp.Risks {
		if !r.Review.After(today) {
			v.RisksDue = append(v.RisksDue, r)
		}
	}
	v.HighNoCard = pr.RisksWithoutCard()
	if vp := cp.Vulnerable; vp != nil && !vp.ListUpdated.IsZero() {
		v.VulnerableDue = vp.ListUpdated.AddMonths(gov.VulnerableListMonths)
	}
	for _, row := range changesView(pr, today, gov.ChangeReviewWeeks).Live {
		if row.GoLive.After(v.Since) {
			v.Changes = append(v.Changes, row)
		}
	}
	for _, in := range incidentsView(pr) {
		if in.Aware.Date().After(v.Since) {
			v.Incidents = append(v.Incidents, in)
		}
	}
	for _, e := range pr.Exercises {
		if e.Date.After(v.Since) && !e.Date.After(today) {
			v.Exercises = append(v.Exercises, e)
		}
	}
	return v
}

// DSPTItem is one thing the Data Security and Protection Toolkit asks
// for, with the pages of the handbook that evidence it and what the
// records show is missing.
type DSPTItem struct {
	// Ref is the toolkit's number for it, where it has a fixed one.
	Ref, Title string
	Evidence   []Crumb
	Gaps       []string
}

// dsptItem is one item of the DSPT evidence page: the toolkit's number,
// where it has a fixed one, and title; the pages of a practice's handbook
// that evidence it; and gaps, the governance rules whose findings weaken
// it, each with what the page calls a finding of it.
type dsptItem struct {
	ref, title string
	evidence   func(pr *site.Practice) []Crumb
	gaps       map[string]string
}

// dsptItems are the items of the DSPT evidence page, in its order. The
// keys of their gaps are rule ids of govern.Rules, which render cannot
// import: DSPTRules lists them for a test that can.
var dsptItems = []dsptItem{
	{title: "Named people accountable for data security and protection: SIRO, Caldicott Guardian, DPO, IT and cyber security lead",
		evidence: func(pr *site.Practice) []Crumb { return []Crumb{{Name: "Roles and contacts", URL: pr.RolesURL()}} },
		gaps:     map[string]string{"role-unfilled": "Required role unfilled", "role-holder-left": "Role held by a leaver"}},
	{title: "Data protection by design: a DPIA for every service processing personal data, and a privacy notice that covers it",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Digital services register", URL: pr.RegisterURL()}, {Name: "Register review checklist", URL: pr.RegisterReviewURL()}}
		},
		gaps: map[string]string{"dpia-missing": "Service with no DPIA", "dpia-review-overdue": "DPIA overdue for review", "privacy-notice-missing": "Service not in the privacy notice"}},
	{title: "Staff complete data security awareness training (95% a year)",
		evidence: func(pr *site.Practice) []Crumb { return []Crumb{{Name: "Training plan", URL: pr.TrainingURL()}} },
		gaps:     map[string]string{"training-below-target": "Course below target", "training-missing": "Person missing training"}},
	{ref: "4.3.1", title: "Signed agreements for everyone with administrator access to IT systems",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Digital services register (administrators of each service)", URL: pr.RegisterURL()}}
		},
		gaps: map[string]string{"service-admin-left": "Leaver still an administrator"}},
	{title: "Access is removed when staff leave, and reviewed",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Reviews and checklists (access reviews)", URL: pr.ReviewsURL()}}
		},
		gaps: map[string]string{"access-review-overdue": "Access review overdue", "service-admin-left": "Leaver still an administrator"}},
	{title: "Data security incidents are reported through the DSPT incident reporting tool, and lessons acted on",
		evidence: func(pr *site.Practice) []Crumb { return []Crumb{{Name: "Incident log", URL: pr.IncidentsURL()}} },
		gaps: map[string]string{"incident-report-overdue": "Report overdue", "incident-breach-undecided": "Breach with no reporting decision",
			"incident-report-due": "Report still to make"}},
	{ref: "7.1.1", title: "A digital asset register of hardware and software, with secure disposal",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Digital asset register", URL: pr.AssetsURL()}, {Name: "Asset register (CSV)", URL: pr.AssetsCSVURL()}}
		},
		gaps: map[string]string{"asset-disposal-unevidenced": "Disposal without a certificate", "asset-refresh-overdue": "Asset past its refresh date",
			"asset-owner-left": "Asset owned by a leaver"}},
	{ref: "7.1.2", title: "A business continuity plan that covers data and cyber security",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Business continuity plan", URL: pr.ContinuityURL()}, {Name: "Downtime runbooks", URL: pr.RunbooksURL()}}
		},
		gaps: map[string]string{"plan-not-approved": "Plan not approved by the ICB", "plan-review-overdue": "Plan review overdue",
			"functions-missing": "No business impact analysis", "runbook-missing": "Critical or high service with no runbook"}},
	{ref: "7.2.1", title: "The continuity plan is tested at least once a year",
		evidence: func(pr *site.Practice) []Crumb {
			return []Crumb{{Name: "Continuity plan: exercises and incidents", URL: pr.ContinuityURL()}, {Name: "Continuity plan review checklist", URL: pr.PlanReviewURL()}}
		},
		gaps: map[string]string{"runbook-never-exercised": "Runbook never exercised", "runbook-exercise-overdue": "Runbook exercise overdue"}},
	{title: "Policies for information governance and data security, reviewed",
		evidence: func(pr *site.Practice) []Crumb {
			var policies []Crumb
			for _, pg := range pr.Pages {
				if pg.Kind == "policy" {
					policies = append(policies, Crumb{Name: pg.Title, URL: pg.URL()})
				}
			}
			return policies
		},
		gaps: map[string]string{"review-overdue": "Record overdue for review"}},
}

// DSPTRules returns the ids of the governance rules whose findings the
// DSPT evidence page counts as gaps, sorted, each once. Every one must be
// the id of a rule in govern.Rules, or its gaps would silently never
// show: pipeline's tests, which may import both, check it.
func DSPTRules() []string {
	var ids []string
	for _, it := range dsptItems {
		ids = append(ids, slices.Collect(maps.Keys(it.gaps))...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// dsptView maps the toolkit's items to the practice's records, with the
// findings that weaken each.
func dsptView(pr *site.Practice) []DSPTItem {
	rules := map[string]int{}
	for _, f := range pr.Findings {
		if f.Practice == pr {
			rules[f.Rule]++
		}
	}
	items := make([]DSPTItem, len(dsptItems))
	for i, it := range dsptItems {
		items[i] = DSPTItem{Ref: it.ref, Title: it.title, Evidence: it.evidence(pr)}
		for _, r := range slices.Sorted(maps.Keys(it.gaps)) {
			if n := rules[r]; n > 0 {
				items[i].Gaps = append(items[i].Gaps, fmt.Sprintf("%s: %d (%s)", it.gaps[r], n, r))
			}
		}
	}
	return items
}
