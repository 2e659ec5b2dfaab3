package govern

import (
	"fmt"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// incident reports the routes an incident must still be reported by, a
// breach of personal data with no decision on telling the ICO, and its
// overdue actions.
func (c *checker) incident(p *site.Practice, in *site.Incident) {
	name := fmt.Sprintf("The incident %q", in.Title)
	decided := false
	for i := range in.Reports {
		rep := &in.Reports[i]
		if rep.Route == "ico" || rep.Route == "dspt" {
			decided = true
		}
		pos := in.At(fmt.Sprintf("reports.%d.route", i))
		deadline := rep.Deadline(in)
		switch {
		case !rep.IsRequired() || deadline.IsZero():
		case rep.Reported.IsZero() && deadline.Date().Before(c.today):
			c.add(&site.Finding{Rule: "incident-report-overdue", Practice: p, Subject: in, Pos: pos,
				Message: fmt.Sprintf("%s had to be reported %s by %s, %s after the practice became aware of it, and no report is recorded",
					name, rep.Where(), deadline.Human(), hours(deadline, in.Aware)),
				Fix: fmt.Sprintf("Report it now and say why it is late, then add reported and reference to the [[reports]] block in %s", in.File),
			}, rep.ByRef, in.LeadRef)
		case rep.Reported.IsZero():
			c.add(&site.Finding{Rule: "incident-report-due", Practice: p, Subject: in, Pos: pos,
				Message: fmt.Sprintf("%s must be reported %s by %s, %s after the practice became aware of it: %s",
					name, rep.Where(), deadline.Human(), hours(deadline, in.Aware), left(c.today, deadline)),
				Fix: fmt.Sprintf("Report it, then add reported and reference to the [[reports]] block in %s; if it need not be reported, set required = false with decided_by and reason", in.File),
			}, rep.ByRef, in.LeadRef)
		case rep.Late(in):
			c.add(&site.Finding{Rule: "incident-report-late", Practice: p, Subject: in, Pos: in.At(fmt.Sprintf("reports.%d.reported", i)),
				Message: fmt.Sprintf("%s was reported %s on %s, %s after its deadline of %s",
					name, rep.Where(), rep.Reported.Human(), plural(deadline.HoursUntil(rep.Reported), "hour"), deadline.Human()),
				Fix: "Record why it was late among the lessons of " + in.File + ", and what will make the next report on time",
			}, in.LeadRef)
		}
	}
	if in.PersonalData && !decided {
		c.add(&site.Finding{Rule: "incident-breach-undecided", Practice: p, Subject: in, Pos: in.At("personal_data"),
			Message: fmt.Sprintf("%s involved personal data, and there is no decision on reporting it: a breach likely to risk people's rights goes to the ICO within 72 hours of becoming aware (%s)",
				name, in.Aware.AddHours(72).Human()),
			Fix: `Decide with the DPO and record it in ` + in.File + `: a [[reports]] block with route = "dspt" (the DSPT incident reporting tool) or "ico", or with required = false, decided_by and reason`,
		}, in.LeadRef)
	}
	c.actions(p, in, &in.Source, in.Actions, in.Title+" (incident)")
}

// hours says how long after aware deadline is: "72 hours".
func hours(deadline, aware site.Time) string {
	return plural(aware.HoursUntil(deadline), "hour")
}

// left says how long is left until deadline on today.
func left(today site.Date, deadline site.Time) string {
	switch days := today.DaysUntil(deadline.Date()); days {
	case 0:
		return "the deadline is today"
	case 1:
		return "the deadline is tomorrow"
	default:
		return fmt.Sprintf("%d days left", days)
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// change reports a change live without its checks, a review after
// go-live that is overdue, and a migration not agreed with the ICB.
func (c *checker) change(p *site.Practice, ch *site.Change) {
	name := fmt.Sprintf("The change %q", ch.Title)
	if ch.Live(c.today) {
		if missing := ch.Missing(); len(missing) > 0 {
			labels := make([]string, len(missing))
			for i, m := range missing {
				labels[i] = m.Label
			}
			c.add(&site.Finding{Rule: "change-live-unchecked", Practice: p, Subject: ch, Pos: ch.At("go_live"),
				Message: fmt.Sprintf("%s went live on %s without these checks done or ruled out: %s.",
					name, ch.GoLive, strings.Join(labels, "; ")),
				Fix: fmt.Sprintf(`Do them now, or record each as "done" or "not-needed" under [checks] (and write way_back) in %s`, ch.File),
			}, ch.OwnerRef)
		}
		if due := ch.ReviewDue(c.t.ChangeReviewWeeks); ch.Review.Done.IsZero() && c.overdue(due) {
			pos := ch.At("go_live")
			if !ch.Review.Due.IsZero() {
				pos = ch.At("review.due")
			}
			c.add(&site.Finding{Rule: "change-review-overdue", Practice: p, Subject: ch, Pos: pos,
				Message: fmt.Sprintf("%s went live on %s and its review was due on %s: nobody has asked where the workload went",
					name, ch.GoLive, due),
				Fix: fmt.Sprintf("Review it with the teams it touched, then fill in [review] done, by, outcome and one [[review.workload]] block for each team in %s", ch.File),
			}, ch.OwnerRef)
		}
	}
	if m := ch.Migration; m != nil && m.AgreedWithICB.IsZero() {
		c.add(&site.Finding{Rule: "change-migration-unagreed", Practice: p, Subject: ch, Pos: ch.At("migration"),
			Message: fmt.Sprintf("%s moves from %s to %s, and no agreement with the ICB is recorded: the ICB delivers a foundation solution migration, agreed with the practice",
				name, serviceName(m.FromRef, m.From), serviceName(m.ToRef, m.To)),
			Fix: "Agree it with the ICB, then add agreed_with_icb and icb_reference under [migration] in " + ch.File,
		}, ch.OwnerRef)
	}
}

// asset reports an asset past its refresh date or owned by a leaver, and
// a disposal with no evidence.
func (c *checker) asset(p *site.Practice, a *site.Asset) {
	name := fmt.Sprintf("The asset %q", a.Name)
	if d := a.Disposal; d != nil {
		if d.Certificate == "" {
			c.add(&site.Finding{Rule: "asset-disposal-unevidenced", Practice: p, Subject: a, Pos: a.At("disposal"),
				Message: fmt.Sprintf("%s was disposed of on %s with no certificate or reference to show its data was destroyed", name, d.Date),
				Fix:     "Ask whoever took it (usually the ICB's IT service) for the disposal or data destruction certificate, and add certificate under [disposal] in " + a.File,
			}, a.OwnerRef)
		}
		return
	}
	if !a.RefreshDue.IsZero() && c.overdue(a.RefreshDue) {
		c.add(&site.Finding{Rule: "asset-refresh-overdue", Practice: p, Subject: a, Pos: a.At("refresh_due"),
			Message: fmt.Sprintf("%s was due to be replaced on %s", name, a.RefreshDue),
			Fix:     "Ask whoever provides it (the ICB for ICB-funded IT) to replace it, then record the new asset and add [disposal] to this one; or set a new refresh_due in " + a.File,
		}, a.OwnerRef)
	}
	if a.OwnerRef != nil && a.OwnerRef.IsLeaver() {
		c.add(&site.Finding{Rule: "asset-owner-left", Practice: p, Subject: a, Pos: a.At("owner"),
			Message: fmt.Sprintf("%s is owned by %s, who left on %s", name, a.OwnerRef.Name, a.OwnerRef.Left),
			Fix:     "Name a current member of staff as owner in " + a.File, Leaver: a.OwnerRef,
		})
	}
}

// serviceName is the name of s, or id when it is not linked.
func serviceName(s *site.Service, id string) string {
	if s == nil {
		return id
	}
	return s.Name
}
