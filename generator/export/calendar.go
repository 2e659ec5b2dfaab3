package export

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// event is one date due in a practice's calendar.
type event struct {
	// kind and key make the event's UID: kind says what falls due
	// ("service-review"), key names the record ("docman").
	kind, key string
	date      site.Date
	// never is set for what has never been done ("Access to Docman 10
	// has never been reviewed."): it has no due date, so it is due now,
	// and goes on the build date.
	never string
	// category is the kind of date in words, for calendar categories.
	category string
	// summary names what falls due; todo says what to do about it.
	summary, todo string
	// file is the content file to update; page the handbook page to open.
	file, page string
	// who is the person who looks after it, if the records say.
	who *site.Person
}

// Calendar returns reviews.ics: an iCalendar feed (RFC 5545) of every date
// the governance rules measure for the practice, as all-day events on the
// day each falls due. Overdue ones stay at their date; what has never been
// done is due now and goes on the build date. A retired service has
// nothing due.
//
// Each event's UID is made from the practice's ODS code, the kind of date
// and the record's id, so that it stays the same from build to build and
// a calendar that refreshes the feed updates its events rather than
// adding them again. DTSTAMP is the build date, so the feed is the same
// for the same content and date.
func (x *Exporter) Calendar(pr *site.Practice) []byte {
	events := x.events(pr)
	// Sorted by reference: an event is a dozen strings long.
	order := make([]*event, len(events))
	for i := range events {
		if events[i].never != "" {
			events[i].date = x.today
		}
		order[i] = &events[i]
	}
	slices.SortFunc(order, func(a, b *event) int {
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.kind, b.kind), cmp.Compare(a.key, b.key))
	})
	domain := strings.ToLower(pr.ODS) + ".handbook"
	stamp := strings.ReplaceAll(x.today.String(), "-", "") + "T000000Z"
	name := pr.Name + ": governance due dates"

	w := &icalWriter{}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", "-//handbook-nhs//handbook//EN")
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	w.text("NAME", name)
	w.text("X-WR-CALNAME", name)
	desc := fmt.Sprintf("Reviews, expiries and other dates due in the digital governance handbook of %s, as of %s.", pr.Name, x.today.Human())
	w.text("DESCRIPTION", desc)
	w.text("X-WR-CALDESC", desc)
	w.prop("REFRESH-INTERVAL;VALUE=DURATION", "P1D")
	w.prop("X-PUBLISHED-TTL", "P1D")
	seen := map[string]int{}
	var d bytes.Buffer // each event's description
	for _, e := range order {
		// Two events of one kind and record (the same course planned
		// twice for someone) get numbered, in date order.
		id := e.kind + "/" + e.key
		if seen[id]++; seen[id] > 1 {
			id += "/" + strconv.Itoa(seen[id])
		}
		date := e.date
		summary := e.summary
		if e.never != "" || date.Before(x.today) {
			summary = "Overdue: " + summary
		}
		d.Reset()
		switch {
		case e.never != "":
			d.WriteString(e.never)
			d.WriteString(" It is due now.\n")
		case date.Before(x.today):
			d.WriteString("Overdue: this was due on ")
			d.WriteString(date.Human())
			d.WriteString(".\n")
		default:
			d.WriteString("Due on ")
			d.WriteString(date.Human())
			d.WriteString(".\n")
		}
		d.WriteString(e.todo)
		if e.who != nil {
			d.WriteString("\nWho: ")
			d.WriteString(personName(e.who))
		}
		d.WriteString("\nRecord: ")
		d.WriteString(e.file)
		d.WriteString("\nPage in the handbook: ")
		d.WriteString(e.page)

		w.prop("BEGIN", "VEVENT")
		w.text("UID", id+"@"+domain)
		w.prop("DTSTAMP", stamp)
		w.date("DTSTART;VALUE=DATE", date)
		w.date("DTEND;VALUE=DATE", date.AddDays(1))
		w.text("SUMMARY", summary)
		w.textBytes("DESCRIPTION", d.Bytes())
		w.text("CATEGORIES", e.category)
		// A reminder, not a meeting: it leaves the day free.
		w.prop("TRANSP", "TRANSPARENT")
		w.prop("X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
		w.prop("END", "VEVENT")
	}
	w.prop("END", "VCALENDAR")
	return w.b
}

// events lists the dates due in pr: every date a governance rule measures.
func (x *Exporter) events(pr *site.Practice) []event {
	var out []event
	add := func(e event) { out = append(out, e) }
	gov := x.gov

	for _, s := range pr.Services {
		if s.Lifecycle == "retired" {
			continue
		}
		owner := s.OwnerRef
		add(event{kind: "service-review", key: s.ID, date: s.Review.Due(gov.ReviewMonths),
			category: "Service review", summary: "Service review: " + s.Name,
			todo: "Review the service with its owner: is its register entry still right? Then update last and next under [review].",
			file: s.File, page: s.URL(), who: owner})
		access := event{kind: "access-review", key: s.ID, date: s.AccessDue(),
			category: "Access review", summary: "Access review: " + s.Name,
			todo: "Work through the access review checklist: who can use it, starters, leavers and changes of role. Then add an [[access.reviews]] entry.",
			file: s.File, page: s.AccessReviewURL(), who: owner}
		if access.date.IsZero() {
			access.never = "Access to " + s.Name + " has never been reviewed."
		}
		add(access)
		if s.HasDPIA() {
			dpia := event{kind: "dpia-review", key: s.ID, date: s.Governance.DPIADue(gov.DPIAReviewMonths),
				category: "DPIA review", summary: "DPIA review: " + s.Name,
				todo: "Review the data protection impact assessment (with the ICB when it is theirs), then update dpia_reviewed under [governance].",
				file: s.File, page: s.URL(), who: owner}
			if dpia.date.IsZero() {
				dpia.never = "The DPIA for " + s.Name + " has no review on record."
			}
			add(dpia)
		}
		if end := s.Support.ContractEnd; !end.IsZero() {
			todo := "Decide in good time whether to renew or replace it"
			if o := s.Support.SupplierOrg; o != nil {
				todo += " and tell " + o.Name
			}
			todo += ", then update contract_end under [support]."
			if ref := s.Support.ContractRef; ref != "" {
				todo += " Contract reference: " + ref + "."
			}
			add(event{kind: "contract-end", key: s.ID, date: end,
				category: "Contract end", summary: "Contract ends: " + s.Name,
				todo: todo, file: s.File, page: s.URL(), who: owner})
		}
	}

	for _, rb := range pr.Runbooks {
		var keeper *site.Person
		if len(rb.ServiceRefs) > 0 {
			keeper = rb.ServiceRefs[0].OwnerRef
		}
		if rb.Review.ByRef != nil {
			keeper = rb.Review.ByRef
		}
		add(event{kind: "runbook-review", key: rb.ID, date: rb.Review.Due(gov.ReviewMonths),
			category: "Runbook review", summary: "Runbook review: " + rb.Title,
			todo: "Read the runbook through with the people who act in it, then update last and next under [review].",
			file: rb.File, page: rb.URL(), who: keeper})
		exercise := event{kind: "runbook-exercise", key: rb.ID,
			category: "Exercise", summary: "Exercise the runbook: " + rb.Title,
			todo: "Test it in a tabletop exercise or drill, and record the exercise in " + pr.Folder() + "exercises/, naming this runbook.",
			file: rb.File, page: rb.URL(), who: keeper}
		if last, ok := rb.LastTest(x.today); ok {
			exercise.date = last.Date.AddMonths(gov.ExerciseMonths)
		} else {
			exercise.never = rb.Title + " has never been exercised."
		}
		add(exercise)
	}

	for _, pg := range pr.Pages {
		kind := site.PageKinds.Label(pg.Kind)
		add(event{kind: "page-review", key: pg.ID, date: pg.ReviewDue(gov.ReviewMonths),
			category: kind + " review", summary: kind + " review: " + pg.Title,
			todo: "Review it, then update reviewed and next_review in its front matter.",
			file: pg.File, page: pg.URL(), who: pg.OwnerRef})
	}

	cp := &pr.Continuity
	add(event{kind: "plan-review", key: "continuity", date: cp.ReviewDue(gov.PlanReviewMonths),
		category: "Continuity plan", summary: "Business continuity plan review",
		todo: "Review the business continuity plan (version " + cp.Version + ") with the runbook owners, then update reviewed and next_review under [continuity].",
		file: pr.File, page: pr.ContinuityURL(), who: cp.OwnerRef})
	cascade := event{kind: "cascade-test", key: "continuity",
		category: "Continuity plan", summary: "Call cascade test",
		todo: "Test the call cascade: ring round as if out of hours, and time it. Then update cascade_tested under [continuity], or record the test as a cascade-test exercise.",
		file: pr.File, page: pr.ContinuityURL(), who: cp.OwnerRef}
	if tested := pr.CascadeTested(x.today); tested.IsZero() {
		cascade.never = "The call cascade has never been tested."
	} else {
		cascade.date = tested.AddMonths(gov.CascadeTestMonths)
	}
	add(cascade)
	if exp := cp.Approval.Expires; !exp.IsZero() {
		add(event{kind: "icb-approval-expiry", key: "continuity", date: exp,
			category: "Continuity plan", summary: "ICB approval of the continuity plan expires",
			todo: "Submit the current plan to the ICB for approval in good time, then record the new status and dates under [continuity.icb_approval].",
			file: pr.File, page: pr.ContinuityURL(), who: cp.OwnerRef})
	}
	if g := cp.GrabBag; g.Location != "" {
		bag := event{kind: "grab-bag-check", key: "continuity",
			category: "Continuity plan", summary: "Grab bag check",
			todo: "Check the grab bag against its list (torches, batteries, forms, the printed pack), then update checked under [continuity.grab_bag].",
			file: pr.File, page: pr.ContinuityURL(), who: cp.OwnerRef}
		if g.Checked.IsZero() {
			bag.never = "The grab bag has never been checked."
		} else {
			bag.date = g.Checked.AddMonths(gov.GrabBagMonths)
		}
		add(bag)
	}
	if v := cp.Vulnerable; v != nil {
		list := event{kind: "vulnerable-list", key: "continuity",
			category: "Continuity plan", summary: "Refresh the list of vulnerable patients",
			todo: "Run the searches again, print the list for the grab bag, then update list_updated under [continuity.vulnerable_patients].",
			file: pr.File, page: pr.ContinuityURL(), who: cmp.Or(v.OwnerRef, cp.OwnerRef)}
		if v.ListUpdated.IsZero() {
			list.never = "The list of vulnerable patients has never been printed."
		} else {
			list.date = v.ListUpdated.AddMonths(gov.VulnerableListMonths)
		}
		add(list)
	}
	for i, r := range cp.Risks {
		add(event{kind: "risk-review", key: strconv.Itoa(i + 1), date: r.Review,
			category: "Risk review", summary: "Review the risk: " + r.Risk,
			todo: "Review its likelihood, impact and mitigation with its owner, then set a new review date under [[continuity.risks]].",
			file: pr.File, page: pr.ContinuityURL(), who: cmp.Or(r.OwnerRef, cp.OwnerRef)})
	}
	icb := event{kind: "icb-review", key: "annual",
		category: "ICB review", summary: "Annual ICB digital services review",
		todo: "Arrange the annual review of digital services with the ICB and prepare with the ICB review checklist, then record it in " + pr.Folder() + "reviews/.",
		file: pr.Folder() + "reviews/", page: pr.ICBReviewURL()}
	if last := pr.LastICBReview(x.today); last != nil {
		icb.date = last.Date.AddMonths(gov.ICBReviewMonths)
	} else {
		icb.never = pr.Name + " has no annual ICB digital services review on record."
	}
	add(icb)

	if t := pr.Training; t != nil {
		add(event{kind: "needs-analysis", key: "training", date: t.Analysis.Due(gov.NeedsAnalysisMonths),
			category: "Training", summary: "Training needs analysis",
			todo: "Redo the training needs analysis against the DSPT and the ICB practice agreement, then update [needs_analysis].",
			file: t.File, page: pr.TrainingURL(), who: t.Analysis.ByRef})
		courses := t.RequiredCourses()
		for _, pe := range pr.Active() {
			for _, c := range courses {
				state, done := t.CourseState(pe, c, x.today, gov.DueSoonDays)
				e := event{kind: "training", key: pe.ID + "/" + c.ID,
					category: "Training", summary: "Training expires: " + pe.Name + ", " + c.Title,
					todo: "Complete " + c.Title + " again before it expires, then add a [[training]] entry with the date.",
					file: pe.File, page: pe.URL(), who: pe}
				switch {
				case state == site.Missing:
					e.summary = "Training due: " + pe.Name + ", " + c.Title
					e.todo = "Complete " + c.Title + ", then add a [[training]] entry with the date."
					e.never = pe.Name + " has never completed " + c.Title + ", which is required."
				case state == site.NotRequired || done.Expires.IsZero():
					continue
				default:
					e.date = done.Expires
				}
				add(e)
			}
		}
		for _, item := range t.Plan {
			if item.Status != "planned" && item.Status != "requested" && item.Status != "booked" {
				continue
			}
			who, what := item.Names()
			todo := "Make sure the training happens by the target date, then set status = \"completed\" in the plan and add a [[training]] entry to the person's file."
			if item.RequestedFromICB && item.Status == "requested" {
				todo = "The training was requested from the ICB: ask the ICB for a date, then set status = \"booked\" in the plan."
			}
			add(event{kind: "training-plan", key: item.Person + "/" + item.Course, date: item.Target,
				category: "Training", summary: "Training plan: " + who + ", " + what,
				todo: todo, file: t.File, page: pr.TrainingURL(), who: item.PersonRef})
		}
	}

	actions := func(kind, id, title, file, page string, list []site.Action) {
		for i, a := range list {
			if a.Status != "open" || a.Due.IsZero() {
				continue
			}
			add(event{kind: "action", key: kind + "/" + id + "/" + strconv.Itoa(i+1), date: a.Due,
				category: "Action", summary: "Action due: " + a.Action,
				todo: "An action from " + title + ". Do it and set status = \"done\", or agree a new due date, or set status = \"dropped\" and say why.",
				file: file, page: page, who: a.OwnerRef})
		}
	}
	for _, e := range pr.Exercises {
		actions("exercise", e.ID, e.Title, e.File, e.URL(), e.Actions)
	}
	for _, rv := range pr.Reviews {
		actions("review", rv.ID, rv.Title, rv.File, rv.URL(), rv.Actions)
	}
	for _, in := range pr.Incidents {
		actions("incident", in.ID, in.Title, in.File, in.URL(), in.Actions)
		for _, r := range in.Reports {
			deadline := r.Deadline(in)
			if !r.IsRequired() || deadline.IsZero() || !r.Reported.IsZero() {
				continue
			}
			add(event{kind: "incident-report", key: in.ID + "/" + r.Route, date: deadline.Date(),
				category: "Incident report", summary: "Report the incident " + r.Where() + ": " + in.Title,
				todo: "Report it by " + deadline.Human() + ", then add reported and reference to its [[reports]] block.",
				file: in.File, page: in.URL(), who: cmp.Or(r.ByRef, in.LeadRef)})
		}
	}
	for _, ch := range pr.Changes {
		if !ch.Review.Done.IsZero() {
			continue
		}
		add(event{kind: "change-review", key: ch.ID, date: ch.ReviewDue(gov.ChangeReviewWeeks),
			category: "Change review", summary: "Review the change: " + ch.Title,
			todo: "Ask each team the change touched where the workload went, then fill in [review] done, by, outcome and [[review.workload]].",
			file: ch.File, page: ch.URL(), who: ch.OwnerRef})
	}
	for _, a := range pr.Assets {
		if a.Disposed() || a.RefreshDue.IsZero() {
			continue
		}
		add(event{kind: "asset-refresh", key: a.ID, date: a.RefreshDue,
			category: "Asset refresh", summary: "Replace the asset: " + a.Name,
			todo: "Ask whoever provides it to replace it; record the new asset, and add [disposal] to this one once it has gone.",
			file: a.File, page: a.URL(), who: a.OwnerRef})
	}

	for _, o := range pr.Organisations {
		e := event{kind: "contacts-check", key: o.ID, date: o.VerifyDue(gov.ContactVerifyMonths),
			category: "Contacts", summary: "Check the contact details of " + o.Name,
			todo: "Check every phone number, email and web address, then update verified. The organisation is shared by the practices: whoever keeps the shared records does this.",
			file: o.File, page: o.URL()}
		if o.Verified.IsZero() {
			e.never = "The contact details of " + o.Name + " have never been checked."
			e.todo = "Check every phone number, email and web address, then add verified = the date to its record. The organisation is shared by the practices: whoever keeps the shared records does this."
		}
		add(e)
	}
	return out
}
