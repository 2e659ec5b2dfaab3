package synth

import (
	"fmt"
	"slices"
	"strings"
)

// pageSpec is a policy, procedure or quick guide: its front matter and a
// function that writes its Markdown body.
type pageSpec struct {
	id, title, kind, summary string
	owner                    []kind
	services                 []string
	body                     func(p *practice, b *strings.Builder)
}

var pageSpecs = []pageSpec{
	{"back-entry-after-an-outage", "Back-entry after an outage", "procedure",
		"How to enter paper notes, prescriptions and bookings into {clinical} after any outage, safely and on time.",
		[]kind{partnerGP, seniorGP}, []string{"@clinical", "eps", "@docs"}, backEntryPage},
	{"information-governance-policy", "Information governance policy", "policy",
		"How {practice} protects patient and staff information: roles, everyone's duties, access, breaches and records.",
		[]kind{manager}, []string{"@clinical", "nhsmail", "accurx", "@docs", "smartcards"}, igPolicyPage},
	{"smartcard-problems", "Quick guide: Smartcard problems", "quick-guide",
		"What to do when your Smartcard will not log you in.",
		[]kind{itLead, assistantPM, manager}, []string{"smartcards", "@clinical", "eps"}, smartcardPage},
	{"starters-and-leavers", "Starters and leavers: digital access checklist", "procedure",
		"Every account to open for a starter and close for a leaver, including the less visible ones.",
		[]kind{assistantPM, manager}, nil, startersPage},
	{"working-on-paper", "Quick guide: working on paper", "quick-guide",
		"What reception and clinicians do in the first hour when the systems are down.",
		[]kind{receptionLead, manager}, []string{"@clinical", "@phones"}, paperPage},
}

func (p *practice) writePages(w *writer, dir string) error {
	n := p.between(2, 4)
	chosen := p.Perm(len(pageSpecs))[:n]
	for i := range pageSpecs {
		if !slices.Contains(chosen, i) {
			continue
		}
		ps := pageSpecs[i]
		d := w.page(dir + "pages/" + ps.id + ".md")
		d.str("title", ps.title)
		d.str("kind", ps.kind)
		d.str("owner", p.assign(ps.owner...).id)
		reviewed := p.ago(20, 330)
		if p.lapse(0.08) {
			reviewed = p.ago(370, 600)
		}
		d.date("reviewed", reviewed)
		d.date("next_review", reviewed.AddDate(1, 0, 0))
		d.str("summary", p.text.Replace(ps.summary))
		services := ps.services
		if services == nil {
			for _, s := range p.services {
				services = append(services, s.id)
			}
		}
		var ids []string
		for _, id := range services {
			if s := p.service(id); s != nil {
				ids = append(ids, s.id)
			}
		}
		d.list("services", ids)
		d.WriteString("+++\n\n")
		var b strings.Builder
		ps.body(p, &b)
		d.WriteString(p.text.Replace(b.String()))
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

// link is a Markdown link from a page to a record of the practice, by the
// path of its file.
func link(text, target string) string { return "[" + text + "](" + target + ")" }

func (p *practice) runbookLink(id, text string) string {
	if p.hasRunbook(id) {
		return link(text, "../runbooks/"+id+".toml")
	}
	return text
}

func personLink(pe *person) string { return link(pe.name, "../people/"+pe.id+".toml") }

func backEntryPage(p *practice, b *strings.Builder) {
	b.WriteString(`## Why this matters

After a long outage a practice may have hundreds of paper consultations to enter. Entered
without saying they were transcribed, the record shows the wrong times. Medical defence bodies
advise: write contemporaneous, timed and dated paper notes; enter them as soon as possible;
label them clearly as typed from a handwritten note.

## During the outage

- Every consultation on a **paper consultation sheet**: date, time, your name, history,
  examination, plan, prescriptions, **allergies checked**.
- Every sheet goes into the **Back-entry box** at the end of the session.
- Every FP10 serial number goes on the **prescription pad log**.

## After the outage

1. The practice manager counts the sheets and writes each patient on the back-entry list
   with the name of the person who will enter it.
2. The clinician who saw the patient enters the note (within 2 working days), starting:

   > Transcribed from handwritten notes made during the outage on [date] at [time] by [clinician].

3. Record every hand-signed FP10 as **issued by hand** with its serial number, and
   **re-check allergies and interactions** in {clinical}.
4. Scan each sheet into the record, then shred it in confidential waste.

| Check | Who |
|---|---|
| Documents received during the outage are filed once, to the right patient | Workflow administrator |
| Messages sent in the outage window were delivered | Assistant practice manager |
| Prescriptions signed just before the outage reached the pharmacy | Clinical pharmacist |
`)
	fmt.Fprintf(b, "\nThe %s card has the full recovery steps.\n", p.runbookLink(p.sys.id+"-down", "{clinical} down"))
}

func igPolicyPage(p *practice, b *strings.Builder) {
	b.WriteString(`## Purpose

This policy sets out how {practice} keeps patient and staff information confidential,
accurate and available. It applies to everyone who works here: partners, employees, locums,
students, PCN staff based here and contractors.

## Who is responsible

| Role | Who |
|---|---|
`)
	for _, r := range p.roles {
		who := p.icb.region + " ICB DPO Service"
		if r.holder != nil {
			who = r.holder.name
		}
		fmt.Fprintf(b, "| %s | %s |\n", roleLabels[r.role], who)
	}
	b.WriteString(`
## What everyone must do

1. Complete **Data Security Awareness Level 1** every year.
2. Use **your own Smartcard and logins** only. Lock your screen whenever you leave your desk.
3. Look at a record only when you need it for your work. Every access is audited.
4. Send patient information only by **NHSmail** or another approved route.
5. Report anything that might be a breach **the same day** to the practice manager.

## Breaches

The practice manager records the breach and rings the DPO service the same day. The DPO
decides whether it must be reported to the ICO (within 72 hours of our becoming aware).
`)
}

var roleLabels = map[string]string{
	"siro":                     "Senior Information Risk Owner (SIRO)",
	"caldicott-guardian":       "Caldicott Guardian",
	"dpo":                      "Data Protection Officer",
	"ig-lead":                  "IG and DSPT lead",
	"it-cyber-lead":            "IT and cyber security lead",
	"clinical-safety-officer":  "Clinical Safety Officer",
	"business-continuity-lead": "Business continuity lead",
	"incident-lead":            "Incident lead",
	"ra-agent":                 "Registration Authority agent",
	"training-lead":            "Training lead",
}

func smartcardPage(p *practice, b *strings.Builder) {
	fmt.Fprintf(b, `## First: is it just you?

- **Only you**: follow the steps below.
- **Everyone**: it is the network or the national service. Use the %s action card and
  tell the practice manager.

## Try these, in order

1. Take the card out. Wait 10 seconds. Put it back in **chip up, chip in**.
2. Try a different PC or the spare reader.
3. Restart the PC **once**.

## What the message means

| You see | What to do |
|---|---|
| Card locked | Go to an RA agent with the card. **Do not keep guessing.** |
| Certificate expired | RA agent renews it in CIS2 (2 minutes). |
| No valid roles | RA agent checks your position in CIS2. |

## RA agents

`, p.runbookLink("hscn-down", "Network (HSCN) down"))
	if ra := p.holder("ra-agent"); ra != nil {
		fmt.Fprintf(b, "- %s, %s\n", personLink(ra), strings.ToLower(ra.job[:1])+ra.job[1:])
	}
	fmt.Fprintf(b, "\nIf no RA agent is in, ring the %s and ask the ICB RA team to unlock your card remotely.\n",
		link("GPIT service desk", "../../organisations/"+p.icb.desk+".toml"))
}

func startersPage(p *practice, b *strings.Builder) {
	b.WriteString(`## Why this checklist exists

When someone leaves, their clinical system and Smartcard access are usually removed on time,
but the less visible accounts are not: the phone system portal, the website, forms and flows
that run under their account, and the call cascade. This checklist covers every service in
the digital services register.

## Starters (before day 1 and in week 1)

- [ ] New-starter form approved by the practice manager
- [ ] Smartcard position in CIS2 (RA agent)
- [ ] {clinical} user and role profile
- [ ] Added to the **call cascade** with a current personal mobile
- [ ] Data Security Awareness Level 1 completed

## Leavers (by the last working day)

- [ ] Hand over any **service they own** or **role they hold**: update the register first
- [ ] Transfer any automation, form or flow that runs under their account
- [ ] Removed from the **call cascade** and the continuity pack reprinted

## Every service in the register

`)
	for _, s := range p.services {
		fmt.Fprintf(b, "- [ ] %s\n", link(s.name, "../services/"+s.id+".toml"))
	}
}

func paperPage(p *practice, b *strings.Builder) {
	fmt.Fprintf(b, `## Reception

1. Take today's printed day lists from the tray on the reception desk.
2. Get the grab bag from the reception office.
3. Book on the blank day sheets: name, date of birth and phone number for every patient.

## Clinicians

1. Write every consultation on a paper consultation sheet; ask about allergies.
2. Prescribe only what is needed today, on hand-signed FP10s.

## Then

Follow the %s card, or the %s card if the phones are down too.
`, p.runbookLink(p.sys.id+"-down", "{clinical} down"), p.runbookLink("phones-down", "Phones down"))
}
