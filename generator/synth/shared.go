package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The records every practice shares: handbook.toml, the courses, and the
// organisations (national services and suppliers, then each ICB's and
// each PCN's).

type organisation struct {
	id, name, kind string
	note           string // the comment at the top of the file
	description    string
	website        string
	verified       time.Time
	contacts       []contact
}

type contact struct {
	label, phone, email, portal, hours, notes string
	priority                                  bool
}

func writeOrg(w *writer, o organisation) error {
	d := w.toml("content/organisations/"+o.id+".toml", "organisation")
	d.comment(o.note)
	d.str("name", o.name)
	d.str("kind", o.kind)
	d.str("description", o.description)
	d.opt("website", o.website)
	d.date("verified", o.verified)
	for _, c := range o.contacts {
		d.array("contacts")
		d.str("label", c.label)
		d.opt("phone", c.phone)
		d.opt("email", c.email)
		d.opt("portal", c.portal)
		d.opt("hours", c.hours)
		if c.priority {
			d.boolean("priority", true)
		}
		d.opt("notes", c.notes)
	}
	return w.flush()
}

// verified is when an organisation's contacts were last checked: within
// the year for most, longer ago for about a third.
func verified(r *rand.Rand) time.Time { return daysBefore(r, 5, 540) }

// daysBefore is a day between lo and hi days before AsOf.
func daysBefore(r *rand.Rand, lo, hi int) time.Time {
	return asOf.AddDate(0, 0, -(lo + r.IntN(hi-lo+1)))
}

const weekdays = "Monday to Friday, 08:00 to 18:30"

// networkOperators are the electricity distribution network operators,
// one per ICB in turn.
var networkOperators = []struct{ id, name string }{
	{"northern-powergrid", "Northern Powergrid"},
	{"uk-power-networks", "UK Power Networks"},
	{"electricity-north-west", "Electricity North West"},
	{"national-grid-electricity-distribution", "National Grid Electricity Distribution"},
	{"sp-energy-networks", "SP Energy Networks"},
	{"ssen-distribution", "Scottish and Southern Electricity Networks"},
}

// hscnSuppliers connect practices to the HSCN, one per ICB in turn.
var hscnSuppliers = []string{"redcentric", "exponential-e"}

func writeShared(w *writer, pl *plan) error {
	r := pl.rand(streamShared, 0)
	d := w.toml("handbook.toml", "handbook")
	d.WriteString(marker + "\n")
	d.comment(fmt.Sprintf("%d practices, seed %d: every name, number and address is made up.", pl.n, int64(pl.seed)))
	d.str("title", fmt.Sprintf("Synthetic digital governance handbook (%d practices)", pl.n))
	d.str("description", "Made-up digital services, continuity plans and training for the practices of "+
		plural(pl.icbs, "integrated care board", "integrated care boards")+", generated for testing.")
	if err := w.flush(); err != nil {
		return err
	}
	for _, c := range courses {
		d := w.toml("content/courses/"+c.id+".toml", "course")
		d.str("title", c.title)
		d.str("provider", c.provider)
		d.str("delivery", c.delivery)
		d.num("validity_months", c.validity)
		d.str("description", c.description)
		if err := w.flush(); err != nil {
			return err
		}
	}
	for _, o := range suppliers() {
		o.verified = verified(r)
		if err := writeOrg(w, o); err != nil {
			return err
		}
	}
	for _, op := range networkOperators {
		o := organisation{
			id: op.id, name: op.name, kind: "utility",
			note:        "Electricity distribution network operator.",
			description: "Electricity distribution network operator: reports and restores power cuts. The electricity supplier (the company that bills the practice) cannot restore power; ring the network operator.",
			verified:    verified(r),
			contacts: []contact{{
				label: "Power cut line", phone: landline(r), priority: true,
				portal: "Online power cut map: known faults and estimated restoration times by postcode",
				hours:  "24 hours, 7 days",
				notes:  "Give the site postcode. Say the surgery has vaccine fridges and ask to be noted as a priority site. Ask for the incident reference and estimated restoration time.",
			}},
		}
		if err := writeOrg(w, o); err != nil {
			return err
		}
	}
	return nil
}

type course struct {
	id, title, provider, delivery, description string
	validity                                   int
}

var courses = []course{
	{"business-continuity", "Business continuity and incident management in general practice", "nhse-elfh",
		"e-learning modules, then a half-day workshop with tabletop exercise run by the practice's ICB",
		"For business continuity and incident leads: business impact analysis, writing and testing action cards, running a call cascade, incident logs, working with the ICB on-call and the buddy practice, and recovering after an outage.", 36},
	{"clinical-risk-management", "Clinical risk management (DCB0160) for Clinical Safety Officers", "nhse-elfh",
		"e-learning foundation modules followed by a one-day practitioner course",
		"Training for the practice Clinical Safety Officer: the DCB0129 and DCB0160 standards, hazard identification, hazard logs, clinical safety cases and safety incident management when deploying health IT, including AI tools.", 36},
	{"cyber-security-for-it-leads", "Cyber security for practice IT leads", "nhse-elfh",
		"e-learning modules and an annual ICB cyber update session",
		"For the person responsible for IT and cyber security: patching, admin accounts and signed IT administrator agreements, backup, multi-factor authentication, phishing response, CareCERT alerts and reporting cyber incidents.", 12},
	{"data-security-awareness", "Data Security Awareness Level 1", "nhse-elfh",
		"e-learning (about 45 minutes), with assessment",
		"Annual mandatory training for every member of staff, including locums and staff who do not use the clinical system. Covers the Caldicott principles, confidentiality, data breaches, phishing and secure handling of records. Counts towards the DSPT 95% staff training target.", 12},
	{"emis-web-training", "EMIS Web training for new users", "emis-optum",
		"EMIS e-learning modules by role, plus a local induction session with the practice data and IT lead",
		"Role-based EMIS Web training: appointments, consultations, prescribing, workflow manager, and how to register for and use EMIS-X Business Continuity during an outage.", 0},
	{"information-governance-for-siro", "Information governance for SIROs and Caldicott Guardians", "nhse-elfh",
		"e-learning, then a half-day workshop run by the ICB DPO service",
		"For the Senior Information Risk Owner, the Caldicott Guardian and the IG/DSPT lead: information risk, the information asset register, DPIAs, data sharing, breach assessment and reporting, and how to evidence the DSPT.", 36},
	{"ra-agent-training", "Registration Authority agent training", "nhse-elfh",
		"e-learning, then sponsorship by the ICB Registration Authority manager",
		"Required before a practice RA agent can issue and unlock Smartcards, renew certificates and assign position-based access in Care Identity Service 2 (CIS2). One-off; refreshed only if the national RA policy changes.", 0},
	{"systmone-training", "SystmOne training for new users", "tpp",
		"TPP online training by role, plus a local induction session",
		"Role-based SystmOne training: rota and appointments, clinical tree and templates, prescribing, tasks and document management, and what changes when SystmOne runs in contingency (read-only) mode.", 0},
	{"vision-training", "Vision training for new users", "cegedim",
		"Cegedim online modules by role, plus a local induction session",
		"Role-based Vision training: appointments, consultations, prescribing, document workflow, and how to use the appointment exports kept for outages.", 0},
}

// suppliers are the national services and the suppliers, without their
// verified dates.
func suppliers() []organisation {
	return []organisation{
		{id: "accurx", name: "Accurx", kind: "supplier", website: "https://www.accurx.com",
			note:        "Accurx: patient messaging, Patient Triage (online consultation), video.",
			description: "Supplier of Accurx patient messaging (SMS, NHS App messages, questionnaires), Accurx Patient Triage online consultation and video consultation. After any messaging incident, check which messages were really sent in the window: in January 2026 some messages showed as sent but were never created.",
			contacts: []contact{
				{label: "Accurx support (live chat in the Accurx toolbar: fastest)", portal: "Live chat: 'Help' button in the Accurx Desktop toolbar; service status under Help > System status", hours: "Monday to Friday, 08:00 to 18:30", notes: "Chat is answered faster than the phone. Ask for the ticket number."},
				{label: "Accurx support phone", phone: "01632 960380", email: "accurx.support@example.com", hours: "Monday to Friday, 08:00 to 18:30"},
			}},
		{id: "ardens", name: "Ardens Healthcare Informatics", kind: "supplier", website: "https://www.ardens.org.uk",
			note:        "Ardens: templates, searches and reports; Ardens Manager.",
			description: "Supplier of Ardens clinical templates, protocols, searches and reports for EMIS Web and SystmOne, and of Ardens Manager, the web dashboard for QOF, enhanced services and recalls.",
			contacts: []contact{
				{label: "Ardens support", phone: "01632 960410", email: "ardens.support@example.com", portal: "Ardens support site: knowledge base and support request form", hours: "Monday to Friday, 09:00 to 17:00"},
			}},
		{id: "babblevoice", name: "Babblevoice", kind: "supplier",
			note:        "Babblevoice: cloud telephony.",
			description: "Supplier of cloud telephony for GP practices: call queueing, call-back, call recording and the practice phone menu, managed in a web portal.",
			contacts: []contact{
				{label: "Support line", phone: "01632 960392", email: "babblevoice.support@example.com", hours: weekdays, priority: true, notes: "Call from a mobile if the practice lines are down. Give the practice name and ask for the ticket number."},
				{label: "Web portal", portal: "Babblevoice portal: change the phone menu, divert to mobiles, and raise a ticket", hours: "24 hours, 7 days"},
			}},
		{id: "cegedim", name: "Cegedim Healthcare Solutions", kind: "supplier",
			note:        "Cegedim: the Vision clinical system.",
			description: "Supplier of the Vision clinical system and its appointment exports for outages. Vision is provided to practices by their ICB; log application faults with Cegedim support and tell the GPIT service desk.",
			contacts: []contact{
				{label: "Vision helpline", phone: "01632 960365", email: "vision.support@example.com", hours: "Monday to Friday, 08:00 to 18:30", priority: true, notes: "Quote the practice ODS code. Ask for the call reference."},
			}},
		{id: "docman", name: "Docman (Kno2, formerly Advanced)", kind: "supplier",
			note:        "Docman: document workflow (Docman 10).",
			description: "Supplier of Docman 10, the cloud document workflow used to receive, code and file clinical letters into the clinical system. Docman 10 is ICB-provided in most areas.",
			contacts: []contact{
				{label: "Docman support", phone: "01632 960370", email: "docman.support@example.com", portal: "Docman customer support portal: log a case, service status and release notes", hours: "Monday to Friday, 08:00 to 18:00", notes: "Quote the Docman customer number. For 'documents not filing' ask for a filing-queue check and a list of affected documents."},
				{label: "Docman out-of-hours incident line", phone: "01632 960371", hours: "18:00 to 08:00 and weekends, priority 1 only", priority: true},
			}},
		{id: "econsult-health", name: "eConsult Health", kind: "supplier",
			note:        "eConsult: online consultation.",
			description: "Supplier of eConsult, the online consultation and triage form patients reach from the practice website and the NHS App.",
			contacts: []contact{
				{label: "eConsult support", phone: "01632 960405", email: "econsult.support@example.com", hours: "Monday to Friday, 08:00 to 18:00", notes: "Ask eConsult to switch the patient form to its 'temporarily closed' message during an outage."},
			}},
		{id: "emis-optum", name: "EMIS (Optum UK)", kind: "supplier", website: "https://www.emishealth.com",
			note:        "EMIS (part of Optum UK): EMIS Web and EMIS-X Business Continuity.",
			description: "Supplier of the EMIS Web clinical system and the EMIS-X Business Continuity read-only tool. EMIS Web is provided to practices by their ICB; log application faults with EMIS support and tell the GPIT service desk.",
			contacts: []contact{
				{label: "EMIS support (practice faults)", phone: "01632 960350", portal: "EMIS Now support portal: log and track cases, read service status and incident updates", hours: "Monday to Friday, 08:00 to 18:30; Saturday 08:00 to 12:00", notes: "Give the EMIS organisation (CDB) number from the practice record. Ask for the case number."},
				{label: "EMIS major incident line", phone: "01632 960351", hours: "24 hours during a declared major incident", priority: true, notes: "Recorded update during national outages. Check EMIS Now service status first."},
			}},
		{id: "exponential-e", name: "Exponential-e", kind: "supplier",
			note:        "Exponential-e: HSCN connectivity.",
			description: "Health and Social Care Network (HSCN) connectivity supplier under the ICB's contract. Practices report faults to the GPIT service desk, which raises them with the supplier.",
			contacts: []contact{
				{label: "Network operations centre (24/7)", phone: "01632 960432", email: "noc.expe@example.com", hours: "24 hours, 7 days", priority: true, notes: "Quote the circuit reference from the label on the router. Ask for the fault reference."},
			}},
		{id: "heidi-health", name: "Heidi Health", kind: "supplier",
			note:        "Heidi Health: ambient AI scribe.",
			description: "Supplier of the Heidi ambient AI scribe, which listens to a consultation and drafts a clinical note for the clinician to check. The clinician stays responsible for every note.",
			contacts: []contact{
				{label: "Heidi support", email: "heidi.support@example.com", portal: "In-app help: '?' menu > Contact support", hours: "Monday to Friday, 09:00 to 17:00 (UK)"},
				{label: "Account manager", phone: "01632 960450", email: "heidi.nhs.accounts@example.com", hours: "Monday to Friday, 09:00 to 17:00", notes: "Contact for pilot agreements, DPIA documents and the DCB0129 safety case."},
			}},
		{id: "klinik-healthcare", name: "Klinik Healthcare Solutions", kind: "supplier",
			note:        "Klinik: online access and triage.",
			description: "Supplier of Klinik Access, an online consultation and triage tool that sorts patient requests by urgency for the practice's care navigators and duty clinicians.",
			contacts: []contact{
				{label: "Klinik support", phone: "01632 960406", email: "klinik.support@example.com", hours: "Monday to Friday, 08:00 to 18:00"},
			}},
		{id: "lexacom", name: "Lexacom", kind: "supplier", website: "https://www.lexacom.co.uk",
			note:        "Lexacom: digital dictation and speech recognition.",
			description: "Supplier of Lexacom digital dictation, transcription workflow and speech recognition used by GPs and secretaries.",
			contacts: []contact{
				{label: "Lexacom support", phone: "01632 960440", email: "lexacom.support@example.com", hours: "Monday to Friday, 08:30 to 17:30", notes: "Quote the practice licence number."},
			}},
		{id: "nhse-elfh", name: "NHS England e-Learning for Healthcare", kind: "national",
			note:        "NHS England e-Learning for Healthcare: the national e-learning platform.",
			description: "National e-learning platform (e-LfH) for NHS staff. Hosts Data Security Awareness Level 1, and clinical safety, cyber security and Registration Authority courses.",
			contacts: []contact{
				{label: "e-LfH support", phone: "01632 960510", email: "elfh.support@example.nhs.uk", portal: "e-LfH support centre: account, certificates and course problems", hours: "Monday to Friday, 09:00 to 17:00"},
			}},
		{id: "nhse-national-service-desk", name: "NHS England National Service Desk", kind: "national",
			note:        "NHS England National Service Desk: Spine, EPS, e-RS, NHS App, CIS2 and NHSmail.",
			description: "Single point of contact for national services: Spine, Electronic Prescription Service, e-Referral Service, NHS App, GP Connect, NHS Care Identity Service 2 (CIS2) and NHSmail escalations. Check the national service status page before calling: a national outage will already be logged.",
			contacts: []contact{
				{label: "National Service Desk (24/7)", phone: "01632 960330", email: "national.servicedesk@example.nhs.uk", hours: "24 hours, 7 days", priority: true, notes: "Quote the practice ODS code and the service affected. Ask for the incident reference (INC number) and record it on the outage log."},
				{label: "Service status", portal: "National service status page: 'NHS service status' favourite in the browser on every PC", hours: "24 hours, 7 days"},
			}},
		{id: "nhsmail", name: "NHSmail", kind: "national",
			note:        "NHSmail: national email and Microsoft 365.",
			description: "National secure email, calendar and Microsoft 365 service for the NHS. Practice accounts and shared mailboxes are managed by the practice's local administrator; national outages are logged by the National Service Desk.",
			contacts: []contact{
				{label: "NHSmail helpdesk (local administrator first, then this desk)", phone: "01632 960420", email: "nhsmail.helpdesk@example.nhs.uk", portal: "NHSmail portal: password reset, account unlock, service status and local administrator tools", hours: "24 hours, 7 days", priority: true, notes: "Staff should first ask the practice's NHSmail local administrator to unlock or reset."},
			}},
		{id: "patchs-health", name: "PATCHS Health", kind: "supplier",
			note:        "PATCHS Health: PATCHS online consultation.",
			description: "Supplier of PATCHS, an online consultation and triage tool. Patients submit requests online or through the NHS App; staff triage them in the PATCHS dashboard.",
			contacts: []contact{
				{label: "PATCHS support", phone: "01632 960400", email: "patchs.support@example.com", portal: "PATCHS dashboard: Help > Contact support", hours: "Monday to Friday, 08:00 to 18:00", notes: "Quote the practice ODS code. During an outage ask PATCHS to switch the patient form to its 'temporarily closed' message."},
			}},
		{id: "redcentric", name: "Redcentric", kind: "supplier",
			note:        "Redcentric: HSCN connectivity.",
			description: "Health and Social Care Network (HSCN) connectivity supplier under the ICB's contract. Practices report faults to the GPIT service desk, which raises them with Redcentric; call Redcentric directly only when the desk asks, or out of hours for a total loss of connection.",
			contacts: []contact{
				{label: "Network operations centre (24/7)", phone: "01632 960430", email: "noc@example.com", hours: "24 hours, 7 days", priority: true, notes: "Quote the circuit reference from the label on the router in the comms cabinet. Ask for the fault reference."},
			}},
		{id: "silicon-practice", name: "Silicon Practice", kind: "supplier",
			note:        "Silicon Practice: practice websites.",
			description: "Supplier of practice websites and their content management system.",
			contacts: []contact{
				{label: "Website support", phone: "01632 960460", email: "websites.support@example.com", portal: "Website editor: Support tab to raise a ticket", hours: "Monday to Friday, 09:00 to 17:00", notes: "Urgent banner changes (outage, closure) can be made by any practice editor without calling support."},
			}},
		{id: "tpp", name: "TPP (The Phoenix Partnership)", kind: "supplier", website: "https://tpp-uk.com",
			note:        "TPP: SystmOne.",
			description: "Supplier of the SystmOne clinical system, including its document management and contingency (read-only) mode. SystmOne is provided to practices by their ICB.",
			contacts: []contact{
				{label: "TPP support desk", phone: "01632 960360", email: "tpp.support@example.com", hours: "24 hours, 7 days for priority 1 (system unavailable); otherwise Monday to Friday, 08:00 to 18:00", priority: true, notes: "Quote the practice ODS code and the SystmOne unit name. Ask for the call reference."},
				{label: "SystmOne service status", portal: "SystmOne service announcements: the login screen banner and the TPP customer portal", hours: "24 hours, 7 days"},
			}},
		{id: "x-on", name: "X-on (Surgery Connect)", kind: "supplier", website: "https://www.x-on.co.uk",
			note:        "X-on: Surgery Connect cloud telephony.",
			description: "Supplier of Surgery Connect cloud telephony: queueing, call-back, call recording and the practice phone menu. Bought by practices through the national Better Purchasing Framework.",
			contacts: []contact{
				{label: "Surgery Connect support", phone: "01632 960390", email: "xon.support@example.com", portal: "Surgery Connect portal: Admin > Support to raise a ticket; change the phone menu and divert here", hours: weekdays, priority: true, notes: "Call from a mobile if the practice lines are down. Quote the site ID. Ask for the ticket number."},
				{label: "Out-of-hours fault line", phone: "01632 960391", hours: "18:30 to 08:00, weekends and bank holidays", priority: true},
			}},
	}
}

// writeICB writes an ICB and its services to practices.
func writeICB(w *writer, pl *plan, icb icbInfo) error {
	// A stream of its own: icb() draws the ICB's names from another.
	r := pl.rand(streamICB, uint64(icb.index)|1<<40)
	mail := func(box string) string { return box + "@" + slug(icb.region) + ".example.nhs.uk" }
	orgs := []organisation{
		{id: icb.id, name: icb.name, kind: "icb",
			note:        "The integrated care board: commissions general practice, provides GPIT under the ICB Practice Agreement and approves practice business continuity plans.",
			description: "Commissioner for the practices of " + icb.region + ". Provides core and mandated GPIT, runs the annual digital services review and approves practice business continuity plans. Report serious network or information incidents to the ICB so it can meet its NIS Regulations duties.",
			contacts: []contact{
				{label: "Primary care team (contracts, premises, business continuity plans)", phone: landline(r), email: mail("primarycare"), hours: "Monday to Friday, 09:00 to 17:00", notes: "Send continuity plans for approval to this mailbox with 'BCP approval' and the practice ODS code in the subject."},
				{label: "ICB on-call director (business continuity incidents out of hours)", phone: landline(r), hours: "24 hours, via the ICB switchboard: ask for the on-call director", priority: true, notes: "Use when a practice has to close, move to its buddy practice, or has a cyber incident. Give ODS code, what has failed, since when, and a call-back number."},
				{label: "ICB switchboard", phone: landline(r), hours: "Monday to Friday, 08:00 to 18:00"},
			}},
		{id: icb.desk, name: icb.region + " GPIT Service Desk", kind: "icb-service",
			note:        "The ICB's GP IT service desk: first call for anything the ICB provides.",
			description: "ICB-commissioned GP IT support for " + icb.region + " practices: desktops, network (HSCN), Wi-Fi, clinical system access, Smartcard readers and printers. Logs and chases supplier calls for ICB-provided systems. Practices must log a call for every outage so it can be linked to any wider incident.",
			contacts: []contact{
				{label: "Priority line (practice unable to work: clinical system, network or phones down)", phone: landline(r), hours: weekdays, priority: true, notes: "Say 'priority 1, practice unable to function' and give the ODS code. Ask for the incident number and write it down."},
				{label: "Service desk (routine calls)", phone: landline(r), email: mail("gpit.servicedesk"), portal: "Self-service portal: 'GPIT Help' shortcut on every practice desktop", hours: weekdays},
				{label: "Out-of-hours major incident escalation", phone: landline(r), hours: "18:30 to 08:00, weekends and bank holidays", priority: true, notes: "For cyber incidents and extended access sessions only. Leave a message with ODS code and call-back number; the on-call engineer rings back within 30 minutes."},
			}},
		{id: icb.dpo, name: icb.region + " ICB Data Protection Officer Service", kind: "icb-service",
			note:        "The Data Protection Officer service the ICB provides to practices.",
			description: "Shared Data Protection Officer service for " + icb.region + " GP practices under the ICB Practice Agreement. Advises on DPIAs, subject access requests, data breaches and ICO reporting.",
			contacts: []contact{
				{label: "DPO service (advice, DPIA review, breach reporting)", phone: landline(r), email: mail("dpo"), hours: "Monday to Friday, 09:00 to 17:00", notes: "Named DPO: " + icb.dpoName + ". Personal data breaches must be assessed within 72 hours: ring, do not just email."},
				{label: "DPO urgent breach line", phone: landline(r), hours: "Monday to Friday, 08:00 to 18:00", priority: true, notes: "Suspected cyber incident or a breach likely to need reporting to the ICO."},
			}},
		{id: icb.safety, name: icb.region + " ICB Clinical Safety Team", kind: "icb-service",
			note:        "ICB clinical safety team: DCB0160 support for practices.",
			description: "Clinical Safety Officers at the ICB who support practices with DCB0160: hazard logs and clinical safety cases for ICB-provided systems, and review of practice assessments for locally bought clinical tools, including AI scribes.",
			contacts: []contact{
				{label: "Clinical safety team", phone: landline(r), email: mail("clinicalsafety"), hours: "Monday to Friday, 09:00 to 17:00", notes: "Send new clinical tools for review before go-live, with the supplier's DCB0129 safety case and the practice hazard log."},
			}},
		{id: icb.landlord, name: icb.region + " Health Properties Ltd", kind: "landlord",
			note:        "Landlord of many of the area's surgery buildings.",
			description: "Landlord of surgery buildings across " + icb.region + ". Responsible for the building fabric, heating, lifts, fire alarm and the mains electricity supply up to the practice's distribution board.",
			contacts: []contact{
				{label: "Property manager", phone: landline(r), email: "facilities@example.com", hours: "Monday to Friday, 09:00 to 17:00"},
				{label: "Emergency maintenance (flood, fire alarm fault, break-in, no heating)", phone: landline(r), hours: "24 hours, 7 days", priority: true, notes: "Give the building address and a call-back mobile. Ask for the job number."},
			}},
	}
	for _, o := range orgs {
		o.verified = verified(r)
		if err := writeOrg(w, o); err != nil {
			return err
		}
	}
	return nil
}

// writePCN writes a PCN and the organisations near its practices.
func writePCN(w *writer, pl *plan, pcn pcnInfo) error {
	r := pl.rand(streamPCN, uint64(pcn.index)|1<<40)
	lead := pl.practice(pcn.clinicalLed)
	director := pick(r, firstNames) + " " + pick(r, surnames)
	names := make([]string, 0, pcn.end-pcn.first)
	for i := pcn.first; i < pcn.end && len(names) < 3; i++ {
		names = append(names, pl.practice(i).name)
	}
	members := joinAnd(names)
	if n := pcn.end - pcn.first; n > len(names) {
		members = joinComma(names) + " and " + plural(n-len(names), "other practice", "other practices")
	}
	mail := slug(pcn.place) + ".pcn@example.nhs.uk"
	orgs := []organisation{{
		id: pcn.id, name: pcn.name, kind: "pcn",
		note:        "Primary care network of " + plural(pcn.end-pcn.first, "practice", "practices") + ".",
		description: "Primary care network of " + members + ". Employs the PCN clinical pharmacists, care coordinators and the digital and transformation lead under the ARRS scheme, and coordinates mutual aid between its practices.",
		contacts: []contact{
			{label: "PCN manager", phone: landline(r), email: mail, hours: "Monday to Friday, 08:30 to 17:00"},
			{label: "PCN clinical director (urgent, business continuity)", phone: mobile(r), hours: "Working hours; evenings for business continuity incidents only", priority: true,
				notes: "Clinical director: Dr " + director + " (" + lead.name + "). Informs the other practices and agrees mutual aid."},
			{label: "PCN digital and transformation lead", phone: landline(r), email: "digital." + mail, hours: "Monday to Thursday, 09:00 to 17:00"},
		},
	}}
	for i, id := range pcn.pharmacies {
		street := pcn.pharmacyAt[i]
		o := organisation{
			id: id, name: street + " Pharmacy, " + pcn.place, kind: "pharmacy",
			note:        "Community pharmacy used by the practices of " + pcn.name + ".",
			description: fmt.Sprintf("Community pharmacy at %d %s, %s. Takes many of the local practices' EPS prescriptions; in an outage it accepts hand-signed FP10s and can tell a clinician what it last dispensed to a patient.", 1+r.IntN(90), street, pcn.place),
			contacts: []contact{
				{label: "Professional bypass line (for practices only)", phone: landline(r), hours: "Monday to Friday 08:30 to 18:30, Saturday 09:00 to 13:00", priority: true, notes: "Do not give this number to patients. Ask for the pharmacist on duty."},
				{label: "Pharmacy counter", phone: landline(r), hours: "Monday to Friday 08:30 to 18:30, Saturday 09:00 to 13:00"},
			},
		}
		orgs = append(orgs, o)
	}
	orgs = append(orgs, organisation{
		id: pcn.centre, name: pcn.place + " Community Centre", kind: "other",
		note:        "Alternative premises in the continuity plans of the PCN's practices.",
		description: "Council-run community centre in " + pcn.place + ". Agreed as alternative premises for the PCN's practices if a building is unusable and the buddy practice cannot take all activity: two rooms and the main hall for a temporary reception, with Wi-Fi but no HSCN.",
		contacts: []contact{
			{label: "Centre manager", phone: landline(r), email: "communitycentre@example.com", hours: "Monday to Saturday, 08:00 to 21:00"},
			{label: "Out-of-hours key holder", phone: mobile(r), hours: "Evenings, weekends and bank holidays", priority: true, notes: "Ask for the health room keys and the hall booking to be cleared."},
		},
	})
	for _, o := range orgs {
		o.verified = verified(r)
		if err := writeOrg(w, o); err != nil {
			return err
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return joinComma(xs[:len(xs)-1]) + " and " + xs[len(xs)-1]
}

func joinComma(xs []string) string { return strings.Join(xs, ", ") }
