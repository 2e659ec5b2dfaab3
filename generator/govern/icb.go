package govern

import (
	"fmt"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// icbChecks checks what the ICB looks at in every practice besides the
// annual review: the Data Security and Protection Toolkit, the practice
// agreement and the grab bag. The IG lead acts on the toolkit, the
// practice's lead on the agreement, the continuity plan's owner on the
// grab bag.
func (c *checker) icbChecks(p *site.Practice) {
	add := func(rule string, pos site.Pos, msg, fix string, owners ...*site.Person) {
		c.add(&site.Finding{Rule: rule, Practice: p, Subject: p, Pos: pos, Message: msg, Fix: fix}, owners...)
	}

	d := &p.DSPT
	if d.Status != "standards-met" && d.Status != "standards-exceeded" {
		add("dspt-below-standard", p.At("dspt.status"),
			fmt.Sprintf("%s's Data Security and Protection Toolkit is at %q, short of Standards met", p.Name, site.DSPTStatuses.Label(d.Status)),
			"Agree an improvement plan with the ICB for the standards not met, complete it and republish the toolkit, then update [dspt] in "+p.File,
			holder(p, "ig-lead"))
	}
	if due := c.dsptYear(); strings.Replace(d.Year, "/", "-", 1) < due {
		pos, had := p.At("dspt.year"), "for "+d.Year
		if d.Year == "" {
			pos, had = p.At("dspt.status"), "with no year recorded"
		}
		add("dspt-stale", pos,
			fmt.Sprintf("%s's latest Data Security and Protection Toolkit is %s; the %s toolkit was due by %s", p.Name, had, due, c.dsptDeadline()),
			"Complete and publish this year's toolkit (the ICB and the DSPT helpdesk can help), then update year, status and submitted under [dspt] in "+p.File,
			holder(p, "ig-lead"))
	}

	a := &p.Agreement
	current := c.t.AgreementVersion
	switch {
	case !strings.Contains(strings.ToLower(a.Version), strings.ToLower(current)):
		add("agreement-not-current", p.At("practice_agreement.version"),
			fmt.Sprintf("%s has signed %q, not the current ICB practice agreement (%s)", p.Name, a.Version, current),
			"Sign the current agreement with the ICB, then update version and signed under [practice_agreement] in "+p.File)
	case a.Signed.IsZero():
		add("agreement-not-current", p.At("practice_agreement.version"),
			fmt.Sprintf("%s has not signed the ICB practice agreement (%s)", p.Name, a.Version),
			"Sign the agreement with the ICB, then add signed = <the date> under [practice_agreement] in "+p.File)
	}

	g := &p.Continuity.GrabBag
	if g.Location == "" {
		return // no grab bag recorded: the plan's review checks it
	}
	owners := []*site.Person{p.Continuity.OwnerRef, holder(p, "business-continuity-lead")}
	fix := "Check the grab bag against its list (torches, batteries, forms, the printed pack), then update checked under [continuity.grab_bag] in " + p.File
	switch {
	case g.Checked.IsZero():
		add("grab-bag-unchecked", p.At("continuity.grab_bag.location"),
			fmt.Sprintf("%s's grab bag has never been checked", p.Name), fix, owners...)
	case c.overdue(g.Checked.AddMonths(c.t.GrabBagMonths)):
		add("grab-bag-unchecked", p.At("continuity.grab_bag.checked"),
			fmt.Sprintf("%s's grab bag was last checked on %s, more than %d months ago", p.Name, g.Checked, c.t.GrabBagMonths), fix, owners...)
	}
}

// dsptYear is the toolkit year whose deadline has passed most recently,
// as the toolkit writes it: "2025-26" from the end of June 2026 (with the
// deadline month of 6) to the end of June 2027.
func (c *checker) dsptYear() string {
	y := c.today.Year()
	if c.today.Month() <= c.t.DSPTDeadlineMonth {
		y-- // this year's deadline has not passed yet
	}
	return fmt.Sprintf("%d-%02d", y-1, y%100)
}

// dsptDeadline is the day dsptYear's toolkit was due.
func (c *checker) dsptDeadline() site.Date {
	y := c.today.Year()
	if c.today.Month() <= c.t.DSPTDeadlineMonth {
		y--
	}
	// The last day of the deadline month: the first of the next, less a day.
	return site.NewDate(y, time.Month(c.t.DSPTDeadlineMonth), 1).AddMonths(1).AddDays(-1)
}
