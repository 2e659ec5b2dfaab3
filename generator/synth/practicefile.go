package synth

import (
	"fmt"
	"slices"
	"time"
)

// writePractice writes practice.toml: the practice's details and its
// business continuity plan.
func (p *practice) writePractice(w *writer, dir string) error {
	d := w.toml(dir+"practice.toml", "practice")
	d.comment(p.name+": practice details and the business continuity plan's",
		"metadata. The action cards are the files in runbooks/.")
	d.str("ods", p.ods)
	d.str("name", p.name)
	d.str("icb", p.icb.id)
	d.str("pcn", p.pcn.id)
	d.num("list_size", p.list)
	d.str("clinical_system", p.sys.id)
	if p.buddy != nil {
		d.str("buddy", p.buddy.id)
	}

	d.table("practice_agreement")
	if p.lapse(0.05) {
		d.str("version", "ICB Practice Agreement 2025/26 v1.0")
		d.date("signed", p.ago(400, 600))
	} else {
		d.str("version", p.icb.agreement)
		d.date("signed", p.ago(40, 200))
	}

	d.table("dspt")
	status := "standards-met"
	switch x := p.Float64(); {
	case x < 0.15:
		status = "standards-exceeded"
	case x < 0.72:
	case x < 0.88:
		status = "approaching-standards"
	case x < 0.95:
		status = "standards-not-met"
	default:
		status = "not-published"
	}
	d.str("status", status)
	if status != "not-published" {
		d.date("submitted", time.Date(asOf.Year(), time.June, p.between(10, 30), 0, 0, 0, 0, time.UTC))
	}
	d.str("year", fmt.Sprintf("%d-%02d", asOf.Year()-1, asOf.Year()%100))

	d.array("sites")
	d.str("name", p.name+" (main surgery)")
	d.str("address", p.address())
	d.str("phone", p.phone)
	d.boolean("main", true)
	var branch *branchSite
	if p.chance(0.35) {
		street := pick(p.Rand, streets)
		branch = &branchSite{
			name:    trimStreet(street) + " Branch Surgery",
			address: fmt.Sprintf("%d %s, %s, %s", 1+p.IntN(90), street, p.town, postcode(p.Rand, p.town)),
		}
		d.array("sites")
		d.str("name", branch.name)
		d.str("address", branch.address)
		d.str("phone", landline(p.Rand))
	}

	p.writeContinuity(d, branch)
	return w.flush()
}

// branchSite is a branch surgery.
type branchSite struct{ name, address string }

func (id *ident) address() string {
	return id.street + ", " + id.town + ", " + id.postcode
}

// trimStreet makes a site name of a street: "Meadow Lane" stays, "The
// Green" loses its article.
func trimStreet(s string) string {
	if len(s) > 4 && s[:4] == "The " {
		return s[4:]
	}
	return s
}

func (p *practice) writeContinuity(d doc, branch *branchSite) {
	pm := p.has(manager)
	owner := pm
	if h := p.holder("business-continuity-lead"); h != nil {
		owner = h
	}
	reviewed := p.planReviewed()
	tested := p.ago(20, 170)
	if p.lapse(0.1) {
		tested = p.ago(190, 500)
	}
	for _, e := range p.exercises {
		if e.kind == "cascade-test" {
			tested = e.date
		}
	}
	d.table("continuity")
	d.str("version", fmt.Sprintf("%d.%d", 1+p.IntN(5), p.IntN(4)))
	d.str("owner", owner.id)
	d.date("reviewed", reviewed)
	d.date("next_review", reviewed.AddDate(1, 0, 0))
	d.date("cascade_tested", tested)
	d.comment("Printed among the key contacts of the continuity pack, besides the",
		"suppliers, desks and ICB that the records already name.")
	d.list("key_contacts", append(slices.Clone(p.pcn.pharmacies), p.icb.dno))

	// Approval follows the review: most plans approved for a year, some
	// waiting, some lapsed.
	d.table("continuity.icb_approval")
	submitted := reviewed.AddDate(0, 0, p.between(2, 20))
	if submitted.After(asOf) {
		submitted = asOf
	}
	ref := fmt.Sprintf("%s-BCP-%d-%03d", p.icb.short, submitted.Year(), 1+p.IntN(400))
	switch x := p.Float64() * (1.4 - 0.4*p.care); {
	case x < 0.8:
		approved := submitted.AddDate(0, 0, p.between(5, 40))
		if approved.After(asOf) {
			d.str("status", "submitted")
			d.date("submitted", submitted)
			break
		}
		d.str("status", "approved")
		d.date("submitted", submitted)
		d.date("approved", approved)
		d.date("expires", approved.AddDate(1, 0, -1))
		d.str("reference", ref)
	case x < 0.95:
		d.str("status", "submitted")
		d.date("submitted", submitted)
	case x < 1.05:
		d.str("status", "changes-requested")
		d.date("submitted", submitted)
		d.str("reference", ref)
	case x < 1.15:
		d.str("status", "not-submitted")
	default:
		d.str("status", "expired")
		old := submitted.AddDate(-1, 0, -p.between(30, 90))
		d.date("submitted", old)
		d.date("approved", old.AddDate(0, 0, 20))
		d.date("expires", old.AddDate(1, 0, 19))
	}

	d.table("continuity.invocation")
	d.str("when", "A critical service is down, a network, phone or power failure stops normal work, or the building cannot be used, and it is not expected back within 15 minutes; or at once for a suspected cyber attack or a confirmed national outage.")
	d.str("who", "The practice manager; if they cannot be reached, the duty partner; out of hours, the senior care navigator on shift until one of them answers.")
	invokers := []*person{pm, p.assign(seniorGP)}
	if p.has(receptionLead) != nil {
		invokers = append(invokers, p.assign(receptionLead))
	}
	if pe := p.has(assistantPM); pe != nil && (!pe.leaver() || p.lapse(0.2)) {
		invokers = append(invokers, pe)
	}
	d.list("people", ids(invokers))
	d.list("first_15_minutes", []string{
		"Check everyone is safe. In a fire, flood or power cut follow the building procedures first.",
		"Find out what has failed and whether it is only us: look at the supplier status pages and ring the GPIT service desk priority line.",
		"Choose the action card for what has failed and hand it to the lead for each team.",
		"Start the incident log: time, what failed, who knows.",
		"Tell reception what to say to patients, and get the grab bag.",
		"Start the call cascade if staff who are not on site need to know.",
	})

	p.writeCascade(d)

	if p.buddy != nil {
		d.array("continuity.premises")
		d.str("name", p.buddy.name+" (buddy practice)")
		d.str("address", p.buddy.address())
		d.str("arrangement", fmt.Sprintf("Mutual aid agreement with %s. It provides two consulting rooms and two desks with HSCN PCs from the next session, for up to 5 working days. Ring its practice manager on %s.", p.buddy.name, p.buddy.phone))
	}
	d.array("continuity.premises")
	d.str("name", p.town+" Community Centre")
	d.str("address", fmt.Sprintf("%s, %s", pick(p.Rand, streets), p.town))
	d.str("arrangement", "Agreed with the centre manager: health room and main hall for a temporary reception, at 4 hours' notice during opening hours. Wi-Fi only: clinicians use laptops with the ICB VPN, or paper.")
	d.str("contact", p.pcn.centre)
	if branch != nil {
		d.array("continuity.premises")
		d.str("name", branch.name)
		d.str("address", branch.address)
		d.str("arrangement", "If the main surgery is unusable, move reception and urgent on-the-day clinics to the branch.")
		d.str("contact", p.icb.landlord)
	}

	d.array("continuity.copies")
	d.str("location", "Reception office: red continuity folder on the shelf above the printer")
	d.str("format", "Printed pack (A4), replaced at each plan version")
	d.array("continuity.copies")
	d.str("location", "Grab bag, reception office")
	d.str("format", "Printed pack and an encrypted USB stick with the pack as PDF")
	d.array("continuity.copies")
	d.str("location", "Practice manager's home")
	d.str("holder", pm.id)
	d.str("format", "Printed pack (A4)")
	if gp := p.has(seniorGP); gp != nil {
		d.array("continuity.copies")
		d.str("location", "Senior partner's home")
		d.str("holder", gp.id)
		d.str("format", "Printed pack (A4)")
	}

	d.table("continuity.grab_bag")
	d.str("location", "Red grab bag, reception office cupboard")
	d.date("checked", p.ago(10, 300))
	d.list("contents", []string{
		"Printed continuity pack with all action cards and the call cascade",
		"Paper appointment lists template and blank day sheets (2 days' supply)",
		"Paper consultation record sheets and continuation sheets",
		"FP10 prescription pads (logged serial numbers) and the prescription pad log",
		"Blank pathology request forms and specimen bags",
		"Outage log book and incident log sheets",
		fmt.Sprintf("Two charged mobile phones with chargers (practice mobiles %s and %s)", mobile(p.Rand), mobile(p.Rand)),
		"Torch, spare batteries, high-visibility vests",
		"Key safe codes and alarm code (sealed envelope)",
	})

	d.WriteString("\n")
	d.comment("The back-entry rules for every outage; each runbook adds its own.")
	d.WriteString("[continuity.recovery]\n")
	d.list("back_entry", []string{
		"Write every consultation on paper at the time: date, time, clinician, history, examination, plan, prescriptions and allergies checked.",
		p.text.Replace("Enter paper notes into {clinical} as soon as the system is back: the same day if possible, within 2 working days at the latest."),
		"Start each entry with 'Transcribed from handwritten notes made during the outage on [date] at [time] by [clinician]', and use the real consultation date and time.",
		"Re-check allergies and interactions for every prescription issued on paper.",
	})
	d.list("reconciliation", []string{
		"Check every document, message and request received during the outage has been filed or answered once, and none twice.",
		"Check every message sent during the outage reached the patient.",
		"Record the end time, the references and the number of patients affected in the incident log, and record the incident in the incidents folder.",
	})
	d.list("backlog", []string{
		"Rebook cancelled appointments, most urgent first.",
		"Add extra admin hours for back-entry.",
	})
}

// writeCascade writes the call tree: the practice manager rings the team
// leads, who ring their teams. A leaver may still be on it.
func (p *practice) writeCascade(d doc) {
	kept := func(pe *person) bool { return pe != nil && (!pe.leaver() || p.lapse(0.12)) }
	var called []*person
	type step struct {
		caller *person
		calls  []kind
		note   string
	}
	steps := []step{
		{p.has(manager), []kind{seniorGP, receptionLead, assistantPM, itLead, nurse},
			"Practice manager starts the cascade. If they cannot be reached, the senior partner starts it and rings this list."},
		{p.has(seniorGP), []kind{partnerGP, salariedGP, locumGP, anp, pharmacist},
			"Clinicians: tell them which sessions go ahead, where, and whether on paper."},
		{p.has(nurse), []kind{hca},
			"Nursing team: check the vaccine fridge plan if power is affected."},
		{p.has(receptionLead), []kind{navigator, navigator2, administrator, secretary},
			"Care navigators and admin: tell them which site to report to and when."},
	}
	for _, s := range steps {
		var calls []*person
		for _, k := range s.calls {
			if pe := p.has(k); kept(pe) && !slices.Contains(called, pe) && pe != s.caller {
				calls = append(calls, pe)
			}
		}
		if len(calls) == 0 || s.caller == nil {
			continue
		}
		called = append(called, calls...)
		d.array("continuity.cascade")
		d.str("caller", s.caller.id)
		d.list("calls", ids(calls))
		d.str("note", s.note)
	}
}
