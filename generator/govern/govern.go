// Package govern checks a handbook against the governance rules of the
// digital services register (DOMAIN.md §4): a leaver who still owns or
// administers a service, a review or contract past its date, personal data
// with no DPIA, a runbook never exercised, a continuity plan the ICB has
// not approved, a required role nobody holds, training missing.
//
// It consumes a *site.Handbook that link has resolved and produces
// findings. Each finding sits at the file:line:col of the value it is
// about, names the record in plain English, says what to do, and names
// the person who should act: never someone who has left. It is pure
// and deterministic: it does no I/O, measures dates against the today it
// is given and thresholds against the site's [governance] table, and
// returns the same findings in the same order for the same input.
// Findings never stop a build: the handbook is published to show them.
package govern

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Rule is one governance rule.
type Rule struct {
	// ID is stable and kebab-case: it is printed with every finding and
	// documented in the README.
	ID       string
	Severity site.Severity
	// Summary says in one line what triggers the rule.
	Summary string
	// Threshold is the key of handbook.toml's [governance] table the rule
	// measures against, or "" when it has none.
	Threshold string
	// Heading is the register heading (site.RegisterHeadings) a finding
	// about a service falls under, or "" for a rule on other records or
	// one whose findings set their own (placeholder).
	Heading string
}

// Rules are every rule Check applies, in the order the README lists them.
var Rules = []Rule{
	// Every record: what handbook new and handbook import could not know.
	// A finding on a service falls under the heading of its first value
	// to fill in.
	{"placeholder", site.Warning, "A record still has values marked TO DO, as handbook new and handbook import write what they cannot know (one finding per record).", "", ""},
	// Services: ownership and access.
	{"service-owner-left", site.Critical, "A service's owner has left the practice.", "", "ownership"},
	{"service-deputy-left", site.Warning, "A service's deputy owner has left the practice.", "", "ownership"},
	{"service-admin-left", site.Critical, "Someone who has left is still listed as an administrator of a service.", "", "access"},
	{"service-no-deputy", site.Info, "A critical or high service has no deputy owner.", "", "ownership"},
	{"access-review-overdue", site.Warning, "A service's access has never been reviewed, or the last review is older than its access.review_months.", "", "access"},
	{"access-review-due-soon", site.Info, "A service's next access review falls within due_soon_days.", "due_soon_days", "access"},
	// Reviews of services, runbooks and pages.
	{"review-overdue", site.Warning, "A service, runbook or page is past its next review date (review.next, or last review plus review_months when no next date is written).", "review_months", "review"},
	{"review-due-soon", site.Info, "A service, runbook or page is due for review within due_soon_days.", "due_soon_days", "review"},
	// Services: information governance, clinical safety, contracts.
	{"dpia-missing", site.Critical, "A service processes personal data with no approved or ICB-covered DPIA (and no decision that none is required).", "", "governance"},
	{"dpia-review-overdue", site.Warning, "A service's DPIA has no review date, or was last reviewed more than dpia_review_months ago.", "dpia_review_months", "governance"},
	{"dpia-review-due-soon", site.Info, "A service's DPIA falls due for review within due_soon_days.", "due_soon_days", "governance"},
	{"privacy-notice-missing", site.Warning, "A service processes personal data but the practice's privacy notice does not cover it (privacy_notice is false).", "", "governance"},
	{"clinical-safety-missing", site.Critical, "A clinical tool (clinical_safety is not \"not-applicable\", or a clinical category) has not been assessed for clinical safety (DCB0160).", "", "governance"},
	{"clinical-safety-supplier-only", site.Warning, "A clinical tool relies on the supplier's DCB0129 safety case alone, with no local DCB0160 assessment (nationally provided services aside, whose clinical safety NHS England manages).", "", "governance"},
	{"contract-ended", site.Warning, "A service's contract end date has passed.", "", "support"},
	{"contract-ending", site.Info, "A service's contract ends within contract_notice_days.", "contract_notice_days", "support"},
	// Services: provision to patients.
	{"online-consultation-hours", site.Warning, "An online consultation service is not open to patients for the whole of core hours, 08:00 to 18:30 on weekdays, as the GP contract has required since 1 October 2025.", "", "provision"},
	{"online-consultation-hours-missing", site.Info, "An online consultation service does not say when it is open to patients (open_to_patients), so its core hours cannot be checked.", "", "provision"},
	// Runbooks and exercises.
	{"runbook-missing", site.Critical, "A critical or high service has no runbook.", "", "continuity"},
	{"runbook-no-paper", site.Critical, "A runbook for a critical service has no paper fallback.", "", ""},
	{"runbook-never-exercised", site.Warning, "A runbook has never been exercised (a real incident counts when its findings and actions are recorded).", "", ""},
	{"runbook-exercise-overdue", site.Warning, "A runbook was last exercised more than exercise_months ago.", "exercise_months", ""},
	{"runbook-person-left", site.Warning, "A runbook names someone who has left to invoke it, lead a step or send a message.", "", ""},
	// The business continuity plan.
	{"plan-not-approved", site.Critical, "The continuity plan is not approved by the ICB (not submitted, awaiting approval, or changes requested).", "", ""},
	{"plan-approval-expired", site.Critical, "The ICB's approval of the continuity plan has expired (status \"expired\", or its expiry date has passed).", "", ""},
	{"plan-approval-waiting", site.Warning, "The continuity plan was submitted to the ICB more than approval_wait_weeks ago and is still awaiting approval.", "approval_wait_weeks", ""},
	{"grab-bag-unchecked", site.Warning, "The grab bag has never been checked, or not within grab_bag_months.", "grab_bag_months", ""},
	{"plan-review-overdue", site.Warning, "The continuity plan is past its next_review date, or was last reviewed more than plan_review_months ago.", "plan_review_months", ""},
	{"cascade-test-overdue", site.Warning, "The call cascade has never been tested, or not within cascade_test_months.", "cascade_test_months", ""},
	{"cascade-leaver", site.Critical, "Someone who has left is still in the call cascade, or named to invoke the continuity plan.", "", ""},
	{"functions-missing", site.Warning, "The continuity plan lists no essential functions (no business impact analysis).", "", ""},
	{"function-service-too-slow", site.Warning, "An essential function needs a service whose recovery time objective (or, without one, maximum tolerable downtime) is longer than the function's maximum tolerable downtime.", "", ""},
	{"vulnerable-patients-missing", site.Warning, "The continuity plan does not say how vulnerable patients are identified and contacted in an outage.", "", ""},
	{"vulnerable-list-stale", site.Warning, "The printed list of vulnerable patients has not been refreshed within vulnerable_list_months.", "vulnerable_list_months", ""},
	{"risk-review-overdue", site.Warning, "A risk of the continuity risk assessment is past its review date.", "", ""},
	{"risk-without-card", site.Warning, "A risk rated high or extreme (likelihood × impact 8 or more) has no runbook for its scenario.", "", ""},
	// Governance roles.
	{"role-unfilled", site.Critical, "A required role (SIRO, Caldicott Guardian, DPO, IT and cyber security lead, clinical safety officer, business continuity lead) has no holder.", "", ""},
	{"role-holder-left", site.Critical, "A governance role is held by someone who has left.", "", ""},
	{"role-deputy-left", site.Warning, "A governance role's deputy has left.", "", ""},
	{"dpo-conflict", site.Warning, "The data protection officer, or their deputy, also holds a role that decides how personal data is used (SIRO, Caldicott Guardian, IG lead, IT and cyber lead, continuity lead), or is the practice manager or a partner.", "", ""},
	// Organisations.
	{"contacts-unverified", site.Warning, "An organisation's contact details were last checked more than contact_verify_months ago, or never (no verified date).", "contact_verify_months", ""},
	// Training.
	{"training-missing", site.Warning, "A member of staff has not completed a required course, or it has expired (one finding per person).", "", ""},
	{"training-below-target", site.Warning, "Fewer than training_target_percent of the active staff a course is required of are up to date with it.", "training_target_percent", ""},
	{"needs-analysis-overdue", site.Warning, "The training needs analysis was last done more than needs_analysis_months ago.", "needs_analysis_months", ""},
	{"training-request-waiting", site.Warning, "Training requested from the ICB is still waiting (status requested) after its target date.", "", ""},
	// The annual ICB review and follow-up actions.
	{"icb-review-missing", site.Critical, "No annual ICB digital services review is recorded within icb_review_months.", "icb_review_months", ""},
	{"dspt-below-standard", site.Critical, "The practice's Data Security and Protection Toolkit status is short of Standards met.", "", ""},
	{"dspt-stale", site.Warning, "The practice's latest toolkit is for a year before the one due by the last deadline (the end of dspt_deadline_month).", "dspt_deadline_month", ""},
	{"agreement-not-current", site.Warning, "The practice has not signed the ICB practice agreement, or has signed one that is not agreement_version.", "agreement_version", ""},
	{"action-overdue", site.Warning, "An open action from an exercise, incident or review is past its due date.", "", ""},
	// Incidents and breaches.
	{"incident-report-overdue", site.Critical, "An incident has not been reported by a route whose deadline has passed (72 hours from becoming aware, for the ICO, the DSPT incident reporting tool and NIS).", "", ""},
	{"incident-report-due", site.Warning, "An incident must still be reported by a route whose deadline is to come; the finding says how long is left.", "", ""},
	{"incident-report-late", site.Info, "An incident was reported after its deadline.", "", ""},
	{"incident-breach-undecided", site.Warning, "An incident involving personal data records no decision on reporting it (to the ICO, or through the DSPT incident reporting tool).", "", ""},
	// Changes.
	{"change-live-unchecked", site.Warning, "A change went live with checks not done or ruled out (tested, staff told, patients told, DPIA, DCB0160, training, runbook) or no way back.", "", ""},
	{"change-review-overdue", site.Warning, "A change that went live has not been reviewed by its review.due, or change_review_weeks after go-live, to ask where the workload went.", "change_review_weeks", ""},
	{"change-migration-unagreed", site.Warning, "A migration between foundation solutions records no agreement with the ICB.", "", ""},
	// Assets.
	{"asset-refresh-overdue", site.Warning, "An asset in use is past its refresh_due date.", "", ""},
	{"asset-disposal-unevidenced", site.Warning, "A disposed asset has no certificate or reference for its secure disposal.", "", ""},
	{"asset-owner-left", site.Warning, "An asset in use is owned by someone who has left.", "", ""},
}

var byID = func() map[string]Rule {
	m := make(map[string]Rule, len(Rules))
	for _, r := range Rules {
		m[r.ID] = r
	}
	return m
}()

// Shared applies the rules on the shared records (organisations and
// courses) of h as of today and returns their findings, sorted.
func Shared(h *site.Handbook, today site.Date) []*site.Finding {
	c := &checker{today: today, t: h.Config.Governance.WithDefaults()}
	for _, o := range h.Organisations {
		c.organisation(o)
		c.organisationPlaceholders(o)
	}
	for _, co := range h.Courses {
		if f := placeholder(nil, co, &co.Source, named(co.Title, co.ID)+" (course)"); f != nil {
			c.add(f)
		}
	}
	Sort(c.out)
	return c.out
}

// Practice applies the rules on practice p, linked, as of today and with
// the thresholds of h's configuration, and returns its own findings,
// sorted. It sets p.Findings to those and to the ones among shared
// (Shared's findings) on the organisations and courses p uses
// (p.Organisations and p.Courses, which link fills), sorted.
func Practice(h *site.Handbook, p *site.Practice, today site.Date, shared []*site.Finding) []*site.Finding {
	c := &checker{today: today, t: h.Config.Governance.WithDefaults()}
	c.practice(p)
	Sort(c.out)
	p.Findings = slices.Clone(c.out)
	for _, f := range shared {
		switch s := f.Subject.(type) {
		case *site.Organisation:
			if slices.Contains(p.Organisations, s) {
				p.Findings = append(p.Findings, f)
			}
		case *site.Course:
			if slices.Contains(p.Courses, s) {
				p.Findings = append(p.Findings, f)
			}
		}
	}
	if len(p.Findings) > len(c.out) {
		Sort(p.Findings)
	}
	return c.out
}

// Sort sorts findings by file, line and column, then rule id and
// message, as Check returns them.
func Sort(list []*site.Finding) { slices.SortFunc(list, Compare) }

// Compare orders findings as Sort does.
func Compare(a, b *site.Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

type checker struct {
	today site.Date
	t     site.Thresholds
	out   []*site.Finding
}

// add completes f and records it. Its severity comes from the rule; its
// owner is the first of candidates who can act (named, and not a leaver),
// else the practice's lead (see lead). A finding on a shared record has
// no practice and so no owner.
func (c *checker) add(f *site.Finding, candidates ...*site.Person) *site.Finding {
	r, ok := byID[f.Rule]
	if !ok {
		panic("govern: no rule " + f.Rule)
	}
	f.Severity = r.Severity
	if _, ok := f.Subject.(*site.Service); ok && f.Heading == "" {
		f.Heading = r.Heading
	}
	f.Owner = first(candidates...)
	if f.Owner == nil && f.Practice != nil {
		f.Owner = lead(f.Practice)
	}
	c.out = append(c.out, f)
	return f
}

// state says whether due has passed today, or falls within the due-soon
// window.
func (c *checker) state(due site.Date) site.DueState {
	return site.DueOn(due, c.today, c.t.DueSoonDays)
}

// overdue reports whether something due on due is overdue today. Due on
// the day itself is not overdue.
func (c *checker) overdue(due site.Date) bool { return due.Before(c.today) }

func (c *checker) practice(p *site.Practice) {
	for _, s := range p.Services {
		c.service(p, s)
	}
	for _, rb := range p.Runbooks {
		c.runbook(p, rb)
	}
	for _, pg := range p.Pages {
		c.page(p, pg)
	}
	c.continuity(p)
	c.roles(p)
	c.training(p)
	c.icbReview(p)
	c.icbChecks(p)
	for _, e := range p.Exercises {
		c.actions(p, e, &e.Source, e.Actions, e.Title+" ("+exerciseKind(e)+")")
	}
	for _, rv := range p.Reviews {
		c.actions(p, rv, &rv.Source, rv.Actions, rv.Title+" (review)")
	}
	for _, in := range p.Incidents {
		c.incident(p, in)
	}
	for _, ch := range p.Changes {
		c.change(p, ch)
	}
	for _, a := range p.Assets {
		c.asset(p, a)
	}
	c.placeholders(p)
}

func exerciseKind(e *site.Exercise) string {
	if e.Type == "incident" {
		return "incident"
	}
	return "exercise"
}

// review reports a record whose review is overdue or due soon. what names
// the record, due is when its review falls due, pos is the date to update
// and fix says how.
func (c *checker) review(p *site.Practice, subject any, what string, due site.Date, pos site.Pos, fix string, owners ...*site.Person) {
	switch c.state(due) {
	case site.Overdue:
		c.add(&site.Finding{Rule: "review-overdue", Practice: p, Subject: subject, Pos: pos,
			Message: fmt.Sprintf("%s was due for review on %s", what, due), Fix: fix}, owners...)
	case site.DueSoon:
		c.add(&site.Finding{Rule: "review-due-soon", Practice: p, Subject: subject, Pos: pos,
			Message: fmt.Sprintf("%s is due for review on %s", what, due), Fix: fix}, owners...)
	}
}

func (c *checker) page(p *site.Practice, pg *site.Page) {
	pos := pg.At("reviewed")
	if !pg.NextReview.IsZero() {
		pos = pg.At("next_review")
	}
	what := fmt.Sprintf("%s (%s)", pg.Title, lower(site.PageKinds.Label(pg.Kind)))
	c.review(p, pg, what, pg.ReviewDue(c.t.ReviewMonths), pos,
		"Review it, then update reviewed and next_review in the front matter of "+pg.File, pg.OwnerRef)
}

// actions reports the open actions of one exercise or review that are
// past their due date.
func (c *checker) actions(p *site.Practice, rec any, src *site.Source, actions []site.Action, what string) {
	for i, a := range actions {
		if a.Status != "open" || a.Due.IsZero() || !a.Due.Before(c.today) {
			continue
		}
		c.add(&site.Finding{Rule: "action-overdue", Practice: p, Subject: rec,
			Pos:     src.At(fmt.Sprintf("actions.%d.due", i)),
			Message: fmt.Sprintf("An action from %s was due on %s and is still open: %s", what, a.Due, a.Action),
			Fix:     fmt.Sprintf(`Do it and set status = "done" in %s, or agree a new due date, or set status = "dropped" and say why`, src.File),
		}, a.OwnerRef)
	}
}
