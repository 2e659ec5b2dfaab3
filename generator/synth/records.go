package synth

import (
	"fmt"
	"slices"
	"time"
)

// Exercises and reviews: the evidence that the plan is tested and the
// services reviewed.

type exercise struct {
	id, title, kind string
	date            time.Time
	reference       string
	runbooks        []string
	services        []string
	participants    []*person
	summary         string
	findings        []string
	actions         []action
}

type action struct {
	text   string
	owner  *person
	due    time.Time
	status string
}

// planExercises makes 1 to 3 exercises or incidents: a cascade test, a
// tabletop of one of the cards, a real incident.
func (p *practice) planExercises() {
	n := p.between(1, 3)
	kinds := []func() *exercise{p.cascadeTest, p.tabletop, p.incident}
	for _, k := range p.Perm(len(kinds))[:n] {
		if e := kinds[k](); e != nil {
			p.exercises = append(p.exercises, e)
		}
	}
	slices.SortFunc(p.exercises, func(a, b *exercise) int { return a.date.Compare(b.date) })
}

// staffOn lists the people who worked at the practice on day t.
func (p *practice) staffOn(t time.Time) []*person {
	var out []*person
	for _, pe := range p.people {
		if !pe.started.After(t) && (pe.left.IsZero() || pe.left.After(t)) {
			out = append(out, pe)
		}
	}
	return out
}

func (p *practice) followUp(from time.Time, texts ...string) []action {
	var out []action
	for _, text := range texts {
		a := action{text: text, due: from.AddDate(0, 0, p.between(14, 120))}
		a.owner = p.assign(pick(p.Rand, []kind{manager, assistantPM, itLead, receptionLead, seniorGP}))
		switch {
		case !a.due.Before(asOf):
			a.status = "open"
		case p.lapse(0.12):
			a.status = "open" // overdue
		case p.chance(0.05):
			a.status = "dropped"
		default:
			a.status = "done"
		}
		out = append(out, a)
	}
	return out
}

func (p *practice) cascadeTest() *exercise {
	date := p.ago(15, 170)
	if p.lapse(0.12) {
		date = p.ago(190, 420)
	}
	staff := p.staffOn(date)
	reached := len(staff) - p.IntN(3)
	if reached < 1 {
		reached = 1
	}
	e := &exercise{
		id:    date.Format("2006-01") + "-cascade-test",
		title: "Call cascade test, " + monthYear(date), kind: "cascade-test", date: date,
		reference:    "Cascade test log, continuity folder",
		participants: staff,
		summary: fmt.Sprintf("Unannounced test at 19:00 on a weekday using the cascade in the plan. Message: 'Test: surgery closed tomorrow, report to %s at 08:15. Reply TEST OK.' %d of %d people on the list were reached within 45 minutes.",
			p.buddyName(), reached, len(staff)),
		findings: []string{
			pick(p.Rand, []string{"One mobile number in the plan was out of date; corrected on the night.", "A new starter was not in the cascade; added to the reception manager's list."}),
			pick(p.Rand, []string{"Two people rang their list from memory: their printed copies were an old version.", "Three staff were not registered for the read-only outage tools; found when asked to confirm they could log in from home."}),
		},
	}
	if p.hasRunbook("building-unusable") {
		e.runbooks = []string{"building-unusable"}
	}
	e.actions = p.followUp(date, "Correct the numbers found wrong and reprint the cascade.", "Repeat the cascade test unannounced within 6 months.")
	return e
}

// tabletops are the cards practices rehearse, with what they find.
var tabletops = []struct {
	runbook, title string
	findings       []string
}{
	{"cyber-incident", "ransomware at the surgery", []string{
		"Two people said they would switch the PC off, which destroys evidence.",
		"Nobody knew who reports to the ICO or the 72-hour deadline; the DPO contact was not on the card.",
		"The card relied on Teams for staff messages, which would be unsafe during a cyber incident.",
	}},
	{"@clinical-down", "a day without {clinical}", []string{
		"Day lists had not been printed that morning.",
		"Only some clinicians were registered for the read-only copy of the record.",
		"FP10 pads were in one cupboard with one key holder.",
	}},
	{"power-cut", "power cut on a vaccine clinic day", []string{
		"Nobody knew where the distribution board was.",
		"The cold-chain transfer procedure was out of date.",
	}},
	{"building-unusable", "flood in the waiting room", []string{
		"The mutual aid agreement with the buddy practice had not been re-signed.",
		"The grab bag had no printed cascade.",
	}},
}

func (p *practice) tabletop() *exercise {
	var choices []int
	for i, tt := range tabletops {
		if p.hasRunbook(p.runbookID(&runbookSpec{id: tt.runbook})) {
			choices = append(choices, i)
		}
	}
	if len(choices) == 0 {
		return nil
	}
	tt := tabletops[pick(p.Rand, choices)]
	rb := p.runbookID(&runbookSpec{id: tt.runbook})
	date := p.ago(30, 520)
	staff := p.staffOn(date)
	if len(staff) > 7 {
		staff = staff[:7]
	}
	title := p.text.Replace("Tabletop exercise: " + tt.title)
	e := &exercise{
		id: date.Format("2006-01") + "-" + rb + "-tabletop", title: title, kind: "tabletop", date: date,
		reference:    "Practice meeting with the PCN digital lead",
		runbooks:     []string{rb},
		participants: staff,
		summary:      "Ninety-minute tabletop: the team worked through the first hour, the first day and the first week, card in hand.",
		findings:     tt.findings,
	}
	e.actions = p.followUp(date, "Update the card with what the exercise found.", "Brief every team on the changes at the next practice meeting.")
	return e
}

// incidents are real outages, as in DOMAIN.md §5.
func (p *practice) incident() *exercise {
	var e *exercise
	switch {
	case p.sys.id == "emis-web" && p.hasRunbook("emis-web-down") && p.chance(0.6):
		date := time.Date(2024, time.July, 19, 0, 0, 0, 0, time.UTC)
		e = &exercise{id: "2024-07-crowdstrike-emis-outage", title: "EMIS Web national outage (CrowdStrike), July 2024", date: date,
			reference: "EMIS national incident; GPIT call logged", runbooks: []string{"emis-web-down"},
			summary: "EMIS Web was unavailable from early on Friday 19 July 2024 because of the CrowdStrike update failure. The practice worked on paper all day; EMIS returned for most users on the Monday. Back-entry took several working days.",
			findings: []string{
				"The card assumed a local outage: it had no step for checking a national incident.",
				"Paper notes were entered without marking them as transcribed.",
			}}
	case p.hasRunbook("hscn-down"):
		date := p.ago(60, 640)
		e = &exercise{id: date.Format("2006-01") + "-hscn-outage", title: "HSCN outage with Smartcard login failure, " + monthYear(date), date: date,
			reference: "GPIT call and supplier fault reference in the outage log", runbooks: []string{"hscn-down"},
			summary: "A fibre cut took the HSCN line down for most of a day. Every Smartcard login failed, so staff first thought it was a card problem. The practice ran on paper.",
			findings: []string{
				"Staff treated a network failure as a Smartcard problem.",
				"There is no backup connection: the whole practice depends on one line.",
			}}
	default:
		return nil
	}
	e.kind = "incident"
	e.participants = p.staffOn(e.date)
	for _, id := range []string{p.sys.id, "hscn", "smartcards", "eps"} {
		if p.service(id) != nil {
			e.services = append(e.services, id)
		}
	}
	e.actions = p.followUp(e.date, "Rewrite the card with the lessons of the incident.", "Print day lists every morning.")
	return e
}

func (p *practice) writeExercises(w *writer, dir string) error {
	for _, e := range p.exercises {
		d := w.toml(dir+"exercises/"+e.id+".toml", "exercise")
		d.str("title", e.title)
		d.str("type", e.kind)
		d.date("date", e.date)
		d.opt("reference", e.reference)
		d.list("runbooks", e.runbooks)
		d.list("services", e.services)
		d.list("participants", ids(e.participants))
		d.str("summary", e.summary)
		d.list("findings", e.findings)
		writeActions(d, e.actions)
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

func writeActions(d doc, actions []action) {
	for _, a := range actions {
		d.array("actions")
		d.str("action", a.text)
		if a.owner != nil {
			d.str("owner", a.owner.id)
		}
		d.date("due", a.due)
		d.str("status", a.status)
	}
}

// planReviewed is when the continuity plan was last reviewed.
func (p *practice) planReviewed() time.Time {
	r := p.pl.rand(streamPractice, uint64(p.index)|1<<40)
	if r.Float64() < 0.08+0.16*(1-p.care) {
		return daysBefore(r, 380, 600)
	}
	return daysBefore(r, 20, 340)
}

func (p *practice) writeReviews(w *writer, dir string) error {
	n := p.between(2, 4)
	icb := p.ago(10, 330)
	if p.lapse(0.05) {
		icb = p.ago(380, 600)
	}
	plan := p.planReviewed()
	type review struct {
		id   string
		date time.Time
		fill func(d doc, date time.Time)
	}
	reviews := []review{
		{icb.Format("2006-01") + "-icb-digital-services-review", icb, p.icbReview},
		{plan.Format("2006-01") + "-continuity-plan-review", plan, p.planReview},
	}
	if n >= 3 {
		dspt := time.Date(asOf.Year(), time.June, p.between(2, 27), 0, 0, 0, 0, time.UTC)
		reviews = append(reviews, review{dspt.Format("2006-01") + "-dspt-evidence-review", dspt, p.dsptReview})
	}
	if n >= 4 {
		before := icb.AddDate(-1, 0, p.between(-20, 20))
		reviews = append(reviews, review{before.Format("2006-01") + "-icb-digital-services-review", before, p.icbReview})
	}
	for _, rv := range reviews {
		d := w.toml(dir+"reviews/"+rv.id+".toml", "review")
		rv.fill(d, rv.date)
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

func (p *practice) icbReview(d doc, date time.Time) {
	d.str("type", "icb-digital-services")
	d.str("title", fmt.Sprintf("Annual digital services review with %s, %d", p.icb.name, date.Year()))
	d.date("date", date)
	d.list("attendees", ids(p.staffIn(date, manager, seniorGP, itLead, assistantPM)))
	d.list("external_attendees", []string{
		p.icb.reviewer + ", GPIT engagement manager, " + p.icb.region + " ICB",
		"Digital and transformation lead, " + p.pcn.name,
	})
	calls := p.between(4, 20)
	d.str("summary", p.text.Replace(fmt.Sprintf("Annual review under the ICB Practice Agreement, covering the five areas. The ICB confirmed {practice}'s core systems are performing within service levels (%d GPIT calls in six months) and agreed the training requests below.", calls)))
	areas := []struct{ area, notes string }{
		{"performance", fmt.Sprintf("%d GPIT calls in the last 6 months, %d priority 1; all resolved within service level. Some PCs are slow to start and due for replacement under the ICB refresh.", calls, p.IntN(3))},
		{"implementation-plans", "HSCN bandwidth upgrade agreed. Registration for the read-only outage tools to reach all staff. Practice told the ICB about any pilots: the ICB asked that none starts without a DPIA and DCB0160 assessment."},
		{"training", "Training needs analysis shared. Data Security Awareness completion reviewed against the 95% target; training requested from the ICB recorded in the training plan."},
		{"continuity", "Continuity plan and its approval discussed. Lessons from recent outages are in the cards. The ICB asked for a cascade test before resubmission."},
		{"future-delivery", "ICB moving practices to the national Microsoft 365 tenancy: locally built forms and flows will need rebuilding. Telephony contract end dates noted."},
	}
	for _, a := range areas {
		d.array("areas")
		d.str("area", a.area)
		d.str("notes", p.text.Replace(a.notes))
	}
	writeActions(d, p.followUp(date, "Replace the slowest PCs under the ICB refresh programme.", "Reach 95% Data Security Awareness completion."))
}

func (p *practice) planReview(d doc, date time.Time) {
	d.str("type", "continuity-plan")
	d.str("title", "Business continuity plan review, "+monthYear(date))
	d.date("date", date)
	d.list("attendees", ids(p.staffIn(date, manager, seniorGP, partnerGP, itLead, assistantPM, receptionLead, nurse)))
	d.str("summary", fmt.Sprintf("Annual review of the continuity plan. All %d action cards read through by their owners; the cascade updated for starters and leavers; plan submitted to the ICB for approval.", len(p.runbooks)))
	writeActions(d, p.followUp(date, "Exercise the cards never tested in a tabletop.", "Check the grab bag and replace anything out of date."))
}

func (p *practice) dsptReview(d doc, date time.Time) {
	d.str("type", "other")
	d.str("title", fmt.Sprintf("DSPT evidence review, %d-%02d", date.Year()-1, date.Year()%100))
	d.date("date", date)
	d.list("attendees", ids(p.staffIn(date, manager, itLead, assistantPM)))
	d.str("summary", "Went through the DSPT evidence items before submission: staff training, the continuity plan test, the list of IT administrator accounts and their signed agreements, and the digital asset register.")
	writeActions(d, p.followUp(date, "Collect the signed IT administrator agreements for every admin account."))
}

// staffIn lists those of posts ks who worked at the practice on day t.
func (p *practice) staffIn(t time.Time, ks ...kind) []*person {
	var out []*person
	for _, pe := range p.staffOn(t) {
		if slices.Contains(ks, pe.kind) {
			out = append(out, pe)
		}
	}
	return out
}
