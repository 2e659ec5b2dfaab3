package govern

import (
	"fmt"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// service checks one row of the register. A retired service is switched
// off, so nothing about it needs acting on.
func (c *checker) service(p *site.Practice, s *site.Service) {
	if s.Lifecycle == "retired" {
		return
	}
	name := s.Name + " (service)"
	add := func(rule string, pos site.Pos, msg, fix string, owners ...*site.Person) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: s, Pos: pos, Message: msg, Fix: fix}, owners...)
	}

	// Ownership and administrators. A lost owner is for the practice lead
	// to reassign; the owner looks after deputies and admin accounts.
	if o := s.OwnerRef; o != nil && o.IsLeaver() {
		add("service-owner-left", s.At("owner"),
			fmt.Sprintf("%s is owned by %s, who left on %s", name, o.Name, o.Left),
			"Make a current member of staff the owner in "+s.File).Leaver = o
	}
	if d := s.DeputyRef; d != nil && d.IsLeaver() {
		add("service-deputy-left", s.At("deputy"),
			fmt.Sprintf("%s has %s, who left on %s, as deputy owner", name, d.Name, d.Left),
			"Name a current member of staff as deputy in "+s.File, s.OwnerRef).Leaver = d
	}
	for _, a := range s.AdminRefs {
		if !a.IsLeaver() {
			continue
		}
		add("service-admin-left", s.At(fmt.Sprintf("admins.%d", slices.Index(s.Admins, a.ID))),
			fmt.Sprintf("%s still has %s, who left on %s, as an administrator", name, a.Name, a.Left),
			fmt.Sprintf("Remove %s's administrator account (ask the supplier or service desk if need be), then take them off admins in %s", a.Name, s.File),
			s.OwnerRef, s.DeputyRef, holder(p, "it-cyber-lead")).Leaver = a
	}
	if s.Deputy == "" && (s.Criticality == "critical" || s.Criticality == "high") {
		add("service-no-deputy", s.At("owner"),
			fmt.Sprintf("%s is a %s service with no deputy owner", name, s.Criticality),
			"Name a deputy to cover when the owner is away: add deputy = \"<person id>\" to "+s.File, s.OwnerRef)
	}

	c.accessReview(p, s, name)

	due := s.Review.Due(c.t.ReviewMonths)
	pos := s.At("review.last")
	if !s.Review.Next.IsZero() {
		pos = s.At("review.next")
	}
	c.review(p, s, name, due, pos, "Review it, then update last and next under [review] in "+s.File, s.OwnerRef, s.DeputyRef)

	// Information governance and clinical safety.
	g := &s.Governance
	if s.NeedsDPIA() {
		add("dpia-missing", s.At("governance.dpia"),
			fmt.Sprintf("%s processes personal data with no approved or ICB-covered DPIA (%s)", name, lower(site.DPIAStatuses.Label(g.DPIA))),
			"Complete the DPIA with the data protection officer before (further) use, then set dpia = \"approved\" and dpia_reviewed in "+s.File,
			s.OwnerRef, s.DeputyRef, holder(p, "ig-lead"))
	}
	if s.HasDPIA() {
		dpiaOwners := []*site.Person{s.OwnerRef, s.DeputyRef, holder(p, "ig-lead")}
		fix := "Review the DPIA (with the ICB when it is theirs), then update dpia_reviewed in " + s.File
		switch due := g.DPIADue(c.t.DPIAReviewMonths); c.state(due) {
		case site.NoDate:
			add("dpia-review-overdue", s.At("governance.dpia"),
				fmt.Sprintf("The DPIA for %s has no review date recorded", name), fix, dpiaOwners...)
		case site.Overdue:
			add("dpia-review-overdue", s.At("governance.dpia_reviewed"),
				fmt.Sprintf("The DPIA for %s was last reviewed on %s, more than %d months ago", name, g.DPIAReviewed, c.t.DPIAReviewMonths),
				fix, dpiaOwners...)
		case site.DueSoon:
			add("dpia-review-due-soon", s.At("governance.dpia_reviewed"),
				fmt.Sprintf("The DPIA for %s is due for review on %s", name, due), fix, dpiaOwners...)
		}
	}
	if s.HandlesPersonalData() && !g.PrivacyNotice {
		add("privacy-notice-missing", s.At("governance.privacy_notice"),
			fmt.Sprintf("%s processes personal data that the practice's privacy notice does not cover", name),
			"Add the service to the practice privacy notice (with the DPO), then set privacy_notice = true in "+s.File,
			holder(p, "ig-lead"), s.OwnerRef)
	}
	// A clinical category is a clinical tool even when marked "not a
	// clinical tool".
	clinicalCategory := site.ClinicalCategory(s.Category)
	switch {
	case g.ClinicalSafety == "not-assessed" || clinicalCategory && g.ClinicalSafety == "not-applicable":
		msg := fmt.Sprintf("%s has had no DCB0160 clinical safety assessment", name)
		if g.ClinicalSafety == "not-applicable" {
			msg = fmt.Sprintf("%s is marked as not a clinical tool, but as %s it is one, and it has had no DCB0160 clinical safety assessment",
				name, lower(site.Categories.Label(s.Category)))
		}
		add("clinical-safety-missing", s.At("governance.clinical_safety"), msg,
			"Ask the clinical safety officer to assess it under DCB0160 and keep a hazard log before (further) use, then set clinical_safety = \"assessed\" in "+s.File,
			holder(p, "clinical-safety-officer"), s.OwnerRef)
	case g.ClinicalSafety == "supplier-only" && s.Provision != "nationally-provided":
		// A national service's clinical safety, its deployment included,
		// is NHS England's: a warning on each would be noise.
		add("clinical-safety-supplier-only", s.At("governance.clinical_safety"),
			fmt.Sprintf("%s relies on the supplier's DCB0129 safety case alone: how the practice uses it has no DCB0160 assessment", name),
			"Ask the clinical safety officer to assess local use under DCB0160 (the ICB clinical safety team can help), then set clinical_safety = \"assessed\" in "+s.File,
			holder(p, "clinical-safety-officer"), s.OwnerRef)
	}

	// Contracts.
	if end := s.Support.ContractEnd; !end.IsZero() {
		switch {
		case end.Before(c.today):
			add("contract-ended", s.At("support.contract_end"),
				fmt.Sprintf("The contract for %s ended on %s", name, end),
				"Renew or replace it, then update contract_end in "+s.File+" (or set lifecycle = \"retired\" if it is no longer used)",
				s.OwnerRef, s.DeputyRef)
		case c.today.DaysUntil(end) <= c.t.ContractNoticeDays:
			add("contract-ending", s.At("support.contract_end"),
				fmt.Sprintf("The contract for %s ends on %s", name, end),
				"Decide whether to renew or replace it and tell the supplier in time, then update contract_end in "+s.File,
				s.OwnerRef, s.DeputyRef)
		}
	}

	c.patientHours(p, s, name)

	if s.NeedsRunbook() {
		add("runbook-missing", s.At("criticality"),
			fmt.Sprintf("%s is a %s service with no runbook", name, s.Criticality),
			"Write a runbook that names it under services, in "+p.Folder()+"runbooks/ (copy an example)",
			s.OwnerRef, s.DeputyRef, holder(p, "business-continuity-lead"))
	}
}

// accessReview reports a service whose access review is overdue, never
// done, or due soon. The interval is the service's own review_months.
func (c *checker) accessReview(p *site.Practice, s *site.Service, name string) {
	owners := []*site.Person{s.OwnerRef, s.DeputyRef, holder(p, "it-cyber-lead")}
	fix := "Work through the access review checklist, then add an [[access.reviews]] entry to " + s.File
	last := s.Access.LastReview()
	if last == nil {
		c.add(&site.Finding{Rule: "access-review-overdue", Practice: p, Subject: s, Pos: s.At("access.review_months"),
			Message: fmt.Sprintf("Access to %s has never been reviewed", name), Fix: fix}, owners...)
		return
	}
	// LastReview returns the first review of the latest date.
	i := slices.IndexFunc(s.Access.Reviews, func(r site.AccessReview) bool { return r.Date.Equal(last.Date) })
	pos := s.At(fmt.Sprintf("access.reviews.%d.date", i))
	due := s.AccessDue()
	switch c.state(due) {
	case site.Overdue:
		c.add(&site.Finding{Rule: "access-review-overdue", Practice: p, Subject: s, Pos: pos,
			Message: fmt.Sprintf("Access to %s was last reviewed on %s and was due again on %s", name, last.Date, due),
			Fix:     fix}, owners...)
	case site.DueSoon:
		c.add(&site.Finding{Rule: "access-review-due-soon", Practice: p, Subject: s, Pos: pos,
			Message: fmt.Sprintf("Access to %s is due for review on %s", name, due), Fix: fix}, owners...)
	}
}

// patientHours reports an online consultation service that is not open to
// patients for the whole of core hours, which the GP contract has required
// since 1 October 2025 (DOMAIN.md), or that does not say when it is open.
func (c *checker) patientHours(p *site.Practice, s *site.Service, name string) {
	if s.Category != "online-consultation" {
		return
	}
	required := "core hours (" + site.CoreHours.String() + "), which the GP contract has required of online consultation since 1 October 2025"
	h := s.OpenToPatients
	switch {
	case h.IsZero():
		c.add(&site.Finding{Rule: "online-consultation-hours-missing", Practice: p, Subject: s, Pos: s.At("category"),
			Message: fmt.Sprintf("%s does not say when it is open to patients, to check it against %s", name, required),
			Fix:     `Add open_to_patients with the hours patients can send requests on weekdays, such as "08:00-18:30" (those of the day it is open least), to ` + s.File},
			s.OwnerRef, s.DeputyRef)
	case !h.Covers(site.CoreHours):
		c.add(&site.Finding{Rule: "online-consultation-hours", Practice: p, Subject: s, Pos: s.At("open_to_patients"),
			Message: fmt.Sprintf("%s is open to patients %s, short of the whole of %s", name, h, required),
			Fix:     `Open it to patients for the whole of core hours (or move to a tool that can be), then set open_to_patients = "08:00-18:30" in ` + s.File},
			s.OwnerRef, s.DeputyRef)
	}
}
