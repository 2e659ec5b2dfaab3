package govern

import (
	"fmt"

	"github.com/handbook-nhs/handbook/generator/site"
)

// icbReview checks that the ICB has reviewed the practice's digital
// services within icb_review_months: the ICB practice agreement asks for
// it at least once a year.
func (c *checker) icbReview(p *site.Practice) {
	last := p.LastICBReview(c.today)
	f := &site.Finding{Rule: "icb-review-missing", Practice: p, Subject: p,
		Fix: "Arrange the annual review with the ICB, prepare with the ICB review checklist, and record it in " + p.Folder() + "reviews/"}
	switch {
	case last == nil:
		f.Pos = p.At("icb")
		f.Message = fmt.Sprintf("%s has no annual ICB digital services review on record", p.Name)
	case c.overdue(last.Date.AddMonths(c.t.ICBReviewMonths)):
		f.Pos = last.At("date")
		f.Message = fmt.Sprintf("%s's last annual ICB digital services review was on %s, more than %d months ago", p.Name, last.Date, c.t.ICBReviewMonths)
	default:
		return
	}
	c.add(f)
}

// organisation checks a shared organisation. Whoever keeps the shared
// records acts, so the finding has no owner. A placeholder, which stands
// in for an organisation not yet named, has no contact details to check.
func (c *checker) organisation(o *site.Organisation) {
	name := o.Name + " (organisation)"
	switch {
	case o.IsPlaceholder():
	case o.Verified.IsZero():
		c.add(&site.Finding{Rule: "contacts-unverified", Subject: o, Pos: o.At("contacts"),
			Message: fmt.Sprintf("The contact details of %s have never been checked: it has no verified date", name),
			Fix:     "Check every phone number, email and web address, then add verified = <the date> above [[contacts]] in " + o.File})
	case c.overdue(o.VerifyDue(c.t.ContactVerifyMonths)):
		c.add(&site.Finding{Rule: "contacts-unverified", Subject: o, Pos: o.At("verified"),
			Message: fmt.Sprintf("The contact details of %s were last checked on %s, more than %d months ago", name, o.Verified, c.t.ContactVerifyMonths),
			Fix:     "Check every phone number, email and web address, then update verified in " + o.File})
	}
}
