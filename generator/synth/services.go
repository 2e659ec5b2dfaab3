package synth

import (
	"cmp"
	"slices"
	"strings"
)

// serviceSpec is a digital service as practices use it. Its texts may hold
// placeholders ({practice}, {clinical}, {desk}...: see newPractice);
// supplier and desk may be "@system" (the clinical system's supplier),
// "@desk" (the ICB's GPIT service desk), "@hscn" (the ICB's network
// supplier) or "@national" (the National Service Desk); depends_on may
// name "@clinical".
type serviceSpec struct {
	id, name, plain, purpose      string
	category, provision           string
	lifecycle                     string
	criticality, mtd, rto         string
	owner, deputy, admins         []kind
	deps                          []string
	supplier, desk                string
	customerRef, contractRef, sla string
	contractYears                 int // 0: no contract end recorded
	data                          []string
	dataDesc                      string
	dpia, dpiaRef                 string
	privacy                       bool
	sharing                       string
	safety, safetyRef             string
	documents                     []string
	granted, removed              string
	accessMonths                  int
	continuity                    string
}

var clinicalSpecs = map[string]*serviceSpec{
	"emis-web": {
		id: "emis-web", name: "EMIS Web", plain: "Clinical system (patient records, appointments, prescribing)",
		purpose:  "The practice's clinical system: patient records, appointments, consultations, prescribing (with EPS), pathology results, recalls and registrations. Almost every other system reads from or writes to it.",
		category: "clinical-system", provision: "icb-provided", criticality: "critical", mtd: "4h", rto: "2h",
		owner: []kind{manager}, deputy: []kind{itLead, assistantPM}, admins: []kind{itLead, assistantPM},
		deps: []string{"hscn", "smartcards"}, supplier: "@system", desk: "@system",
		customerRef: "EMIS CDB {ods}", contractRef: "{region} ICB GPIT Futures call-off", contractYears: 3,
		sla:  "Priority 1 (practice unable to work): response 30 minutes, 24/7 during a declared major incident",
		data: []string{"patient-health", "patient-identifiable", "staff-personal"}, dataDesc: "Full GP record for about {list} registered patients: demographics, problems, medication, allergies, results, letters, consultation notes and safeguarding codes. Staff names and role profiles for audit.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (GP clinical systems), practice addendum", privacy: true,
		sharing: "Data processing agreement through the GPIT Futures framework; GP Connect and shared care record sharing under the ICB's shared care record agreement.",
		safety:  "assessed", safetyRef: "Practice hazard log HL-001 (clinical system)",
		documents:    []string{"EMIS DCB0129 clinical safety case report", "EMIS data processing agreement (GPIT Futures)"},
		granted:      "Practice manager approves a new-starter form; the data and IT lead creates the EMIS user with the matching role profile after the RA agent has assigned the Smartcard position in CIS2.",
		removed:      "On the leaver's last day the data and IT lead disables the EMIS user and asks the RA agent to remove the CIS2 position. Locums: disable at the end of each booking block.",
		accessMonths: 6,
		continuity:   "If EMIS Web is down, use the 'EMIS Web down' action card: paper consultation sheets, hand-signed FP10s, appointment lists from EMIS-X Business Continuity (staff must be registered beforehand). Back-enter every paper note afterwards, labelled as transcribed.",
	},
	"systmone": {
		id: "systmone", name: "SystmOne", plain: "Clinical system (patient records, appointments, prescribing)",
		purpose:  "The practice's clinical system: patient records, rota and appointments, consultations, prescribing (with EPS), results, tasks, recalls and registrations.",
		category: "clinical-system", provision: "icb-provided", criticality: "critical", mtd: "4h", rto: "2h",
		owner: []kind{manager}, deputy: []kind{itLead, assistantPM}, admins: []kind{itLead, assistantPM},
		deps: []string{"hscn", "smartcards"}, supplier: "@system", desk: "@system",
		customerRef: "SystmOne unit: {practice} ({ods})", contractRef: "{region} ICB GPIT Futures call-off", contractYears: 3,
		sla:  "Priority 1 (system unavailable): response 30 minutes, 24/7",
		data: []string{"patient-health", "patient-identifiable", "staff-personal"}, dataDesc: "Full GP record for about {list} registered patients, the appointment book, tasks and the document inbox. Staff smartcard roles for audit.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (GP clinical systems)", privacy: true,
		sharing: "Data processing agreement through the GPIT Futures framework; record sharing settings agreed with the ICB.",
		safety:  "assessed", safetyRef: "Practice hazard log HL-001 (clinical system)",
		documents:    []string{"TPP DCB0129 clinical safety case report", "TPP data processing agreement (GPIT Futures)"},
		granted:      "Practice manager approves a new-starter form; the data and IT lead creates the SystmOne user and access rights after the RA agent has assigned the Smartcard position in CIS2.",
		removed:      "Disabled on the leaver's last day by the data and IT lead; the RA agent removes the CIS2 position.",
		accessMonths: 6,
		continuity:   "If SystmOne is down use the 'SystmOne down' card; if it is in contingency (read-only) mode, the contingency card. Paper notes, hand-signed FP10s, and back-entry afterwards labelled as transcribed.",
	},
	"vision": {
		id: "vision", name: "Vision", plain: "Clinical system (patient records, appointments, prescribing)",
		purpose:  "The practice's clinical system: patient records, appointments, consultations, prescribing (with EPS), results and recalls.",
		category: "clinical-system", provision: "icb-provided", criticality: "critical", mtd: "4h", rto: "2h",
		owner: []kind{manager}, deputy: []kind{itLead, assistantPM}, admins: []kind{itLead, assistantPM},
		deps: []string{"hscn", "smartcards"}, supplier: "@system", desk: "@system",
		customerRef: "Vision practice {ods}", contractRef: "{region} ICB GPIT Futures call-off", contractYears: 3,
		sla:  "Priority 1 (system unavailable): response 1 hour",
		data: []string{"patient-health", "patient-identifiable", "staff-personal"}, dataDesc: "Full GP record for about {list} registered patients and the appointment book.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (GP clinical systems)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-001 (clinical system)",
		documents:    []string{"Cegedim DCB0129 clinical safety case report", "Cegedim data processing agreement"},
		granted:      "Practice manager approves a new-starter form; the data and IT lead creates the Vision user after the RA agent has assigned the Smartcard position.",
		removed:      "Disabled on the leaver's last day by the data and IT lead.",
		accessMonths: 6,
		continuity:   "If Vision is down use the 'Vision down' card: the appointment export saved every few minutes to the practice PC, paper notes, hand-signed FP10s, and back-entry afterwards.",
	},
}

var (
	docman = &serviceSpec{
		id: "docman", name: "Docman 10", plain: "Clinical letters and documents workflow",
		purpose:  "Receives clinical letters, discharge summaries and results documents electronically and from the scanner, routes them to clinicians for action and files them into {clinical} with SNOMED codes.",
		category: "document-management", provision: "icb-provided", criticality: "high", mtd: "2d", rto: "1d",
		owner: []kind{itLead, administrator, assistantPM}, deputy: []kind{administrator, secretary, assistantPM}, admins: []kind{administrator, itLead},
		deps: []string{"@clinical", "hscn", "nhsmail"}, supplier: "docman", desk: "docman",
		customerRef: "Docman customer {ods}", contractRef: "{region} ICB GPIT call-off", contractYears: 2,
		sla:  "Priority 1 response 1 hour, Monday to Friday 08:00 to 18:00",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Hospital letters, discharge summaries, out-of-hours reports and scanned correspondence, a few hundred documents a day.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (document management)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-004 (documents not filed or filed to the wrong patient)",
		documents:    []string{"Docman 10 DCB0129 clinical safety case report", "Docman data processing agreement"},
		granted:      "Data and IT lead adds the user with the workflow role (clinician, workflow, scanning) after clinical system access is set up.",
		removed:      "Disabled with the clinical system account on the leaver's last day; open tasks are reassigned to the duty GP first.",
		accessMonths: 6,
		continuity:   "If documents stop filing, follow the 'Documents not filing' card: count and hold incoming documents, ask senders to post urgent results to the practice mailbox, and reconcile every document received during the gap.",
	}
	systmoneDocuments = &serviceSpec{
		id: "systmone-documents", name: "SystmOne document management", plain: "Clinical letters and documents",
		purpose:  "The SystmOne document inbox: electronic letters and results arrive here, are coded and filed to the patient record, or routed to a clinician as a task.",
		category: "document-management", provision: "icb-provided", criticality: "high", mtd: "2d", rto: "1d",
		owner: []kind{administrator, itLead, assistantPM}, deputy: []kind{secretary, itLead, assistantPM}, admins: []kind{itLead},
		deps: []string{"@clinical", "nhsmail"}, supplier: "tpp", desk: "tpp",
		customerRef: "SystmOne unit: {practice} ({ods})",
		data:        []string{"patient-health", "patient-identifiable"}, dataDesc: "Hospital letters, discharge summaries and results documents, a few hundred a day.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (GP clinical systems)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-004 (documents not filed)",
		granted:      "Access rights set with the SystmOne user by the data and IT lead.",
		removed:      "Removed with the SystmOne user.",
		accessMonths: 12,
		continuity:   "In an outage documents wait in NHSmail: count them daily, action urgent ones on paper, file the backlog oldest first when SystmOne is back.",
	}
	surgeryConnect = &serviceSpec{
		id: "surgery-connect", name: "X-on Surgery Connect", plain: "Practice phone system",
		purpose:  "Cloud phone system: patient phone menu, queue and call-back, call recording, internal extensions and the out-of-hours message that sends callers to NHS 111.",
		category: "telephony", provision: "practice-owned", criticality: "critical", mtd: "1h", rto: "30m",
		owner: []kind{manager}, deputy: []kind{receptionLead, assistantPM}, admins: []kind{receptionLead, administrator, assistantPM},
		supplier: "x-on", desk: "x-on",
		customerRef: "Surgery Connect site {ods}", contractRef: "Better Purchasing Framework call-off", contractYears: 4,
		sla:  "Priority 1 (no inbound calls): response 1 hour, fix 4 hours",
		data: []string{"patient-identifiable", "business"}, dataDesc: "Caller numbers, call times and durations, call recordings (kept 3 years) and staff extension activity.",
		dpia: "approved", dpiaRef: "Practice DPIA (cloud telephony and call recording)", privacy: true,
		sharing: "Call recordings are shared only under subject access or complaint procedures.",
		safety:  "not-applicable", documents: []string{"X-on data processing agreement", "Better Purchasing Framework terms"},
		granted:      "Reception manager creates the user and extension in the Surgery Connect portal; admin rights only for the reception manager and the practice manager.",
		removed:      "Reception manager removes the user on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If inbound calls fail, follow the 'Phones down' card: divert to the practice mobiles from the portal or by calling X-on from a mobile, put up a website banner, and tell 111 and the ICB.",
	}
	babblevoice = &serviceSpec{
		id: "babblevoice", name: "Babblevoice", plain: "Practice phone system",
		purpose:  "Cloud phone system: call queue with position announcements, call-back, call recording and the out-of-hours message.",
		category: "telephony", provision: "practice-owned", criticality: "critical", mtd: "1h", rto: "30m",
		owner: []kind{manager}, deputy: []kind{receptionLead, assistantPM}, admins: []kind{receptionLead, assistantPM},
		supplier: "babblevoice", desk: "babblevoice",
		customerRef: "Babblevoice account {ods}", contractRef: "Annual subscription", contractYears: 2,
		sla:  "Priority 1 (no inbound calls): response 1 hour",
		data: []string{"patient-identifiable", "business"}, dataDesc: "Caller numbers, call times and call recordings.",
		dpia: "approved", dpiaRef: "Practice DPIA (cloud telephony)", privacy: true,
		safety: "not-applicable", documents: []string{"Babblevoice data processing agreement"},
		granted:      "Reception manager creates users in the Babblevoice portal.",
		removed:      "Reception manager removes the user on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If inbound calls fail, follow the 'Phones down' card: divert to the practice mobiles from the portal, put up a website banner, and tell 111 and the ICB.",
	}
)

var onlineConsultation = []*serviceSpec{
	{
		id: "accurx-patient-triage", name: "Accurx Patient Triage", plain: "Online consultation and admin requests",
		purpose:  "Online form for medical and admin requests, reached from the practice website and the NHS App; requests arrive in the Accurx inbox for care navigators and the duty clinician to triage.",
		category: "online-consultation", provision: "practice-owned", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{partnerGP, seniorGP}, deputy: []kind{assistantPM, receptionLead}, admins: []kind{assistantPM, receptionLead},
		deps: []string{"accurx", "@clinical", "practice-website"}, supplier: "accurx", desk: "accurx",
		contractRef: "Accurx Patient Triage subscription", contractYears: 2,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Patients' requests: symptoms, history, contact details and attachments, saved to the record.",
		dpia: "approved", dpiaRef: "Practice DPIA (online consultation)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-005 (online requests missed or delayed)",
		documents: []string{"Accurx DCB0129 clinical safety case report", "Accurx data processing agreement"},
		granted:   "Added to the Accurx inbox by the assistant practice manager.", removed: "Removed from Accurx on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If requests stop arriving, switch the form to its closed message, put up the website banner and take requests by phone; follow the 'Online consultation down' card.",
	},
	{
		id: "patchs", name: "PATCHS", plain: "Online consultation and admin requests",
		purpose:  "Online consultation: patients describe their problem online or in the NHS App; staff triage in the PATCHS dashboard and write back to the record.",
		category: "online-consultation", provision: "practice-owned", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{partnerGP, seniorGP}, deputy: []kind{assistantPM, receptionLead}, admins: []kind{receptionLead},
		deps: []string{"@clinical", "practice-website"}, supplier: "patchs-health", desk: "patchs-health",
		contractRef: "PATCHS subscription", contractYears: 2,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Patients' requests and replies, written back to the record.",
		dpia: "approved", dpiaRef: "Practice DPIA (online consultation)", privacy: true,
		safety: "supplier-only", safetyRef: "PATCHS DCB0129 safety case; local assessment not yet done",
		granted: "Reception manager adds staff in the PATCHS dashboard.", removed: "Removed on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If PATCHS fails, ask PATCHS to show the closed message, take requests by phone and check afterwards that nothing submitted in the gap was lost.",
	},
	{
		id: "econsult", name: "eConsult", plain: "Online consultation form",
		purpose:  "Online consultation form on the practice website; completed forms arrive by secure email for triage.",
		category: "online-consultation", provision: "icb-provided", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{partnerGP, seniorGP}, deputy: []kind{assistantPM, receptionLead}, admins: []kind{assistantPM},
		deps: []string{"nhsmail", "practice-website"}, supplier: "econsult-health", desk: "econsult-health",
		contractRef: "{region} ICB online consultation contract", contractYears: 2,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Patients' consultation forms, sent to the practice's shared mailbox.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (online consultation)", privacy: true,
		safety: "assessed", safetyRef: "ICB clinical safety case; practice hazard log HL-005",
		granted: "Forms go to the shared mailbox: access is by mailbox membership.", removed: "Removed from the shared mailbox on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If forms stop arriving, switch eConsult to its closed message and take requests by phone.",
	},
	{
		id: "klinik", name: "Klinik Access", plain: "Online triage of patient requests",
		purpose:  "Online access and triage: patients' requests are sorted by urgency and sent to the right clinician or care navigator.",
		category: "online-consultation", provision: "practice-owned", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{seniorGP, partnerGP}, deputy: []kind{assistantPM, receptionLead}, admins: []kind{receptionLead},
		deps: []string{"@clinical", "practice-website"}, supplier: "klinik-healthcare", desk: "klinik-healthcare",
		contractRef: "Klinik subscription", contractYears: 2,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Patients' requests and the triage outcome.",
		dpia: "in-progress", dpiaRef: "Practice DPIA (online triage), with the ICB DPO", privacy: true,
		safety: "supplier-only", safetyRef: "Klinik DCB0129 safety case",
		granted: "Reception manager adds staff.", removed: "Removed on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If Klinik fails, show the closed message on the website and take requests by phone.",
	},
}

// coreSpecs are the services every practice has.
var coreSpecs = []*serviceSpec{
	{
		id: "hscn", name: "HSCN network connection", plain: "NHS network and internet connection",
		purpose:  "The Health and Social Care Network line: carries {clinical}, Smartcard authentication, EPS, e-RS, NHSmail and internet access for every PC.",
		category: "network", provision: "icb-provided", criticality: "critical", mtd: "4h", rto: "2h",
		owner: []kind{itLead, assistantPM, manager}, deputy: []kind{assistantPM, manager},
		supplier: "@hscn", desk: "@desk", customerRef: "Circuit HSCN-{ods}", contractRef: "{region} ICB HSCN contract", contractYears: 2,
		sla:  "Total loss of service: 5-hour fix, 24/7",
		data: []string{"none"}, dataDesc: "Carries encrypted traffic for all systems; holds no data itself.",
		dpia: "not-required", safety: "not-applicable", documents: []string{"HSCN Connection Agreement (signed by the SIRO)"},
		granted: "No user accounts. The comms cabinet is locked; keys held by the data and IT lead and the practice manager.", removed: "Cabinet keys returned on leaving.",
		accessMonths: 12,
		continuity:   "If the network is down, follow the 'Network (HSCN) down' card: move essential work to laptops on 4G hotspots with the ICB VPN, or to paper.",
	},
	{
		id: "smartcards", name: "Smartcards and NHS Care Identity Service 2 (CIS2)", plain: "Smartcards and NHS login for staff",
		purpose:  "Staff identity for {clinical}, EPS, e-RS and the Summary Care Record. CIS2 holds each person's positions and access rights; the RA agent issues, unlocks and renews cards.",
		category: "identity-access", provision: "nationally-provided", criticality: "critical", mtd: "1h", rto: "1h",
		owner: []kind{itLead, assistantPM, manager}, deputy: []kind{manager, assistantPM}, admins: []kind{itLead, manager},
		deps: []string{"hscn"}, desk: "@desk", customerRef: "ODS {ods}",
		data: []string{"staff-personal"}, dataDesc: "Staff identity details, photographs, positions and access rights held in CIS2.",
		dpia: "not-required", privacy: true, safety: "not-applicable", documents: []string{"National RA policy", "Smartcard terms and conditions signed by each user"},
		granted: "RA agent checks identity documents, issues the card and assigns the position in CIS2.", removed: "RA agent removes the position on the leaver's last day and collects the card.",
		accessMonths: 6,
		continuity:   "If one card fails, see the Smartcard quick guide. If every card fails, it is the network or the national service: use the network card.",
	},
	{
		id: "nhsmail", name: "NHSmail", plain: "Email and Teams",
		purpose:  "Secure email, calendars and Teams for all staff; receives documents and referrals from other NHS organisations.",
		category: "email-collaboration", provision: "nationally-provided", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{itLead, assistantPM, manager}, deputy: []kind{assistantPM, manager}, admins: []kind{itLead, assistantPM},
		supplier: "nhsmail", desk: "nhsmail",
		data: []string{"patient-identifiable", "patient-health", "staff-personal"}, dataDesc: "Staff mailboxes and the documents and referrals sent to them.",
		dpia: "icb-covered", dpiaRef: "NHSmail national DPIA, adopted by the ICB", privacy: true, safety: "not-applicable",
		granted: "Local administrator creates the account and adds shared mailboxes.", removed: "Local administrator marks the account as leaver on the last day.",
		accessMonths: 12,
		continuity:   "If NHSmail is down, urgent documents are phoned or faxed to the practice and the backlog counted when it returns.",
	},
	{
		id: "eps", name: "Electronic Prescription Service (EPS)", plain: "Sending prescriptions to pharmacies",
		purpose:  "Sends prescriptions signed in {clinical} to the patient's nominated pharmacy through the Spine.",
		category: "prescribing", provision: "nationally-provided", criticality: "critical", mtd: "4h", rto: "2h",
		owner: []kind{pharmacist, seniorGP}, deputy: []kind{partnerGP, salariedGP, seniorGP},
		deps: []string{"@clinical", "smartcards", "hscn"}, desk: "@national",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Prescriptions: patient, medicines and prescriber.",
		dpia: "icb-covered", dpiaRef: "National EPS DPIA", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-002 (prescriptions not reaching the pharmacy)",
		granted: "Prescribing rights come with the Smartcard position.", removed: "Removed with the CIS2 position.",
		accessMonths: 12,
		continuity:   "If EPS fails, prescribe on hand-signed FP10s for urgent items only and tell the local pharmacies; follow the 'EPS down' card.",
	},
	{
		id: "e-referral-service", name: "NHS e-Referral Service (e-RS)", plain: "Referrals to hospital",
		purpose:  "Books and sends referrals to hospital services, with advice and guidance.",
		category: "referrals", provision: "nationally-provided", criticality: "high", mtd: "2d", rto: "1d",
		owner: []kind{secretary, administrator, assistantPM}, deputy: []kind{administrator, assistantPM, manager},
		deps: []string{"smartcards", "hscn", "@clinical"}, desk: "@national",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Referral letters and attachments.",
		dpia: "icb-covered", dpiaRef: "National e-RS DPIA", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-003 (referral not sent)",
		granted: "Comes with the Smartcard position.", removed: "Removed with the CIS2 position.",
		accessMonths: 12,
		continuity:   "If e-RS is down, keep a list of urgent referrals and send urgent suspected cancer referrals by the hospital's secure email.",
	},
	{
		id: "gp-connect", name: "GP Connect", plain: "Sharing the record with other NHS services",
		purpose:  "Lets NHS 111, hospitals and extended access hubs view the record and book appointments.",
		category: "other", provision: "nationally-provided", criticality: "medium", mtd: "2d", rto: "1d",
		owner: []kind{itLead, manager}, deputy: []kind{manager, assistantPM},
		deps: []string{"@clinical", "hscn"}, supplier: "@system", desk: "@national",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "The GP record, read by other services.",
		dpia: "icb-covered", dpiaRef: "National GP Connect DPIA", privacy: true,
		safety: "assessed", safetyRef: "Supplier safety case and practice hazard log",
		granted: "No practice users: settings managed by the data and IT lead.", removed: "Not applicable.",
		accessMonths: 12,
		continuity:   "If GP Connect fails, other services phone the practice; tell the ICB so 111 knows.",
	},
	{
		id: "nhs-app", name: "NHS App", plain: "Patients' app: appointments, repeats, record",
		purpose:  "Patients book appointments, order repeat prescriptions, read their record and receive messages.",
		category: "patient-access", provision: "nationally-provided", criticality: "medium", mtd: "2d", rto: "1d",
		owner: []kind{assistantPM, receptionLead, manager}, deputy: []kind{receptionLead, manager},
		deps: []string{"@clinical"}, desk: "@national",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Patients' own record and requests.",
		dpia: "icb-covered", dpiaRef: "National NHS App DPIA", privacy: true,
		safety: "assessed", safetyRef: "National safety case; practice hazard log",
		granted: "Online services settings changed by care navigators after identity checks.", removed: "Not applicable: no staff accounts.",
		accessMonths: 12,
		continuity:   "If the NHS App fails, patients phone; put a banner on the website.",
	},
	{
		id: "practice-website", name: "Practice website", plain: "Practice website",
		purpose:  "Opening times, how to contact us, links to online requests, news and outage banners, privacy notice and policies.",
		category: "patient-access", provision: "supplier-managed", criticality: "medium", mtd: "2d", rto: "1d",
		owner: []kind{administrator, assistantPM, manager}, deputy: []kind{assistantPM, manager}, admins: []kind{administrator, assistantPM},
		supplier: "silicon-practice", desk: "silicon-practice", contractRef: "Website subscription, annual", contractYears: 1,
		data: []string{"business"}, dataDesc: "Public practice information.",
		dpia: "not-required", privacy: true, safety: "not-applicable", documents: []string{"Website terms", "Accessibility statement"},
		granted: "Website editor accounts created by the owner.", removed: "Owner removes editors on the leaver's last day.",
		accessMonths: 12,
		continuity:   "During any outage the banner on the home page is the main patient message: any editor can change it in 2 minutes.",
	},
	{
		id: "accurx", name: "Accurx", plain: "Texts and messages to patients",
		purpose:  "SMS and NHS App messages to patients, questionnaires, photo requests and video consultations, from inside {clinical}.",
		category: "patient-messaging", provision: "icb-provided", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{assistantPM, manager}, deputy: []kind{receptionLead, administrator}, admins: []kind{assistantPM, itLead},
		deps: []string{"@clinical"}, supplier: "accurx", desk: "accurx", contractRef: "{region} ICB messaging contract", contractYears: 2,
		data: []string{"patient-identifiable", "patient-health"}, dataDesc: "Messages to patients and their replies, saved to the record.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (patient messaging)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-006 (message shown as sent but not delivered)",
		documents: []string{"Accurx DCB0129 clinical safety case report", "Accurx data processing agreement"},
		granted:   "Staff log in with their NHSmail account once the assistant practice manager adds them.", removed: "Removed on the leaver's last day.",
		accessMonths: 12,
		continuity:   "After any messaging problem, check every message sent in the window was delivered: in January 2026 some looked sent but were never created.",
	},
}

// optionalSpecs are services some practices have.
var optionalSpecs = []*serviceSpec{
	{
		id: "ardens", name: "Ardens templates and searches", plain: "Clinical templates and searches",
		purpose:  "Clinical templates, protocols and searches inside {clinical} for long-term conditions, QOF and enhanced services.",
		category: "clinical-decision-support", provision: "practice-owned", criticality: "medium", mtd: "1w", rto: "2d",
		owner: []kind{partnerGP, seniorGP}, deputy: []kind{itLead, nurse}, admins: []kind{itLead},
		deps: []string{"@clinical"}, supplier: "ardens", desk: "ardens", contractRef: "Ardens annual subscription", contractYears: 1,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Works on the record in the clinical system; holds no data of its own.",
		dpia: "not-required", privacy: true, safety: "supplier-only", safetyRef: "Ardens clinical safety case",
		granted: "Installed for every clinical system user.", removed: "Removed with the clinical system user.",
		accessMonths: 12,
		continuity:   "If templates fail, clinicians use free text and the data and IT lead codes it afterwards.",
	},
	{
		id: "ardens-manager", name: "Ardens Manager", plain: "QOF and recall dashboard",
		purpose:  "Web dashboard of QOF, enhanced services and recall lists, from nightly extracts of {clinical}.",
		category: "reporting", provision: "practice-owned", criticality: "low", mtd: "2w", rto: "1w",
		owner: []kind{itLead, manager}, deputy: []kind{manager, assistantPM}, admins: []kind{itLead},
		deps: []string{"@clinical"}, supplier: "ardens", desk: "ardens", contractRef: "Ardens Manager subscription", contractYears: 1,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Pseudonymised and identifiable extracts for recall lists.",
		dpia: "approved", dpiaRef: "Practice DPIA (Ardens Manager)", privacy: true, safety: "not-applicable",
		granted: "Data and IT lead invites users.", removed: "Removed on the leaver's last day.",
		accessMonths: 12,
		continuity:   "Not needed in an outage: reports wait.",
	},
	{
		id: "lexacom", name: "Lexacom", plain: "Dictation and letters",
		purpose:  "Digital dictation with speech recognition: clinicians dictate referral letters and reports; secretaries type and send them.",
		category: "dictation", provision: "practice-owned", criticality: "medium", mtd: "3d", rto: "1d",
		owner: []kind{secretary, manager}, deputy: []kind{manager, administrator}, admins: []kind{secretary, itLead},
		supplier: "lexacom", desk: "lexacom", contractRef: "Lexacom licence, annual", contractYears: 1,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Dictations and draft letters.",
		dpia: "approved", dpiaRef: "Practice DPIA (dictation)", privacy: true, safety: "not-applicable",
		granted: "Secretary adds users.", removed: "Removed on the leaver's last day.",
		accessMonths: 12,
		continuity:   "If dictation fails, clinicians type urgent letters themselves; routine ones wait.",
	},
	{
		id: "heidi-ai-scribe", name: "Heidi AI scribe (pilot)", plain: "AI note-taker in consultations (pilot)",
		purpose:  "Ambient voice technology: listens to a consultation (with the patient's consent) and drafts the note and any letter for the clinician to check and paste into {clinical}.",
		category: "ai-scribe", provision: "practice-owned", lifecycle: "pilot", criticality: "low",
		owner: []kind{partnerGP, seniorGP}, deputy: []kind{salariedGP, anp}, admins: []kind{itLead},
		supplier: "heidi-health", desk: "heidi-health", contractRef: "Pilot agreement, 3 months", contractYears: 1,
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "Audio of consultations, transcripts and draft notes, held by the supplier for 30 days.",
		dpia: "not-started", safety: "not-assessed", safetyRef: "No local DCB0160 assessment yet; supplier DCB0129 safety case requested",
		documents: []string{"Heidi pilot agreement"},
		granted:   "Data and IT lead invites named pilot clinicians only.", removed: "Removed at the end of the pilot or when a pilot clinician leaves.",
		accessMonths: 3,
		continuity:   "Not needed for care: if it fails, clinicians write notes as usual.",
	},
	{
		id: "practice-mailbox", name: "Practice shared mailbox", plain: "The practice's main email address",
		purpose:  "The shared NHSmail mailbox on the website and on letters: hospital correspondence, admin requests and supplier messages.",
		category: "email-collaboration", provision: "nationally-provided", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{assistantPM, manager}, deputy: []kind{administrator, receptionLead}, admins: []kind{itLead, assistantPM},
		deps: []string{"nhsmail"}, supplier: "nhsmail", desk: "nhsmail",
		data: []string{"patient-identifiable", "patient-health"}, dataDesc: "Emails from patients, hospitals and other services.",
		dpia: "icb-covered", dpiaRef: "NHSmail national DPIA", privacy: true, safety: "not-applicable",
		granted: "Local administrator adds members.", removed: "Removed from the mailbox on the leaver's last day.",
		accessMonths: 6,
		continuity:   "Checked twice a day; during an outage, urgent items are phoned through.",
	},
	{
		id: "request-form", name: "Online admin request form (Microsoft Forms and Power Automate)", plain: "Website form for fit notes, letters and admin requests",
		purpose:  "Form on the practice website for fit note extensions, letters and test result queries. A Power Automate flow emails each answer to the practice shared mailbox.",
		category: "forms-automation", provision: "practice-owned", criticality: "medium", mtd: "2d", rto: "1d",
		owner: []kind{administrator, assistantPM}, deputy: []kind{itLead, manager}, admins: []kind{administrator},
		deps: []string{"nhsmail", "practice-mailbox", "practice-website"}, supplier: "nhsmail", desk: "nhsmail",
		customerRef: "Built in the NHSmail Microsoft 365 tenant; the flow runs under its builder's account",
		data:        []string{"patient-identifiable", "patient-health"}, dataDesc: "Patient names, dates of birth, contact details and free-text requests.",
		dpia: "in-progress", dpiaRef: "Practice DPIA (online admin form)", safety: "not-assessed",
		safetyRef: "Patients sometimes type urgent symptoms into the free-text box: not yet on the hazard log",
		granted:   "Form and flow edited only by the owner and admins.", removed: "Ownership must be transferred before the builder leaves, or the flow stops.",
		accessMonths: 12,
		continuity:   "If the form stops delivering, patients are told on the website to phone. Check daily that answers are arriving.",
	},
	{
		id: "wifi", name: "Wi-Fi", plain: "Wi-Fi for staff laptops and patients",
		purpose:  "Staff Wi-Fi on the HSCN for laptops and the practice mobiles; separate guest Wi-Fi for patients.",
		category: "network", provision: "icb-provided", criticality: "low", mtd: "1w", rto: "2d",
		owner: []kind{itLead, assistantPM, manager}, deputy: []kind{manager},
		deps: []string{"hscn"}, supplier: "@hscn", desk: "@desk",
		data: []string{"none"}, dataDesc: "Carries traffic; holds no data.",
		dpia: "not-required", safety: "not-applicable",
		granted: "Staff Wi-Fi by ICB certificate on practice devices.", removed: "Device returned on leaving.",
		accessMonths: 12,
		continuity:   "If Wi-Fi fails, laptops use the 4G hotspot.",
	},
	{
		id: "emis-x-business-continuity", name: "EMIS-X Business Continuity", plain: "Read-only copy of EMIS for outages",
		purpose:  "Read-only copy of appointments, medication and allergies for use when EMIS Web is down. Staff must be registered before an outage.",
		category: "clinical-system", provision: "icb-provided", criticality: "high", mtd: "1d", rto: "4h",
		owner: []kind{itLead, manager}, deputy: []kind{manager, assistantPM}, admins: []kind{itLead},
		supplier: "emis-optum", desk: "emis-optum",
		data: []string{"patient-health", "patient-identifiable"}, dataDesc: "A recent copy of appointments, medication and allergy lists.",
		dpia: "icb-covered", dpiaRef: "{region} ICB DPIA (GP clinical systems)", privacy: true,
		safety: "assessed", safetyRef: "Practice hazard log HL-001 (clinical system)",
		granted: "Data and IT lead registers every clinician and care navigator at induction.", removed: "Removed with the EMIS user.",
		accessMonths: 6,
		continuity:   "Used only when EMIS Web is down: check monthly that it opens.",
	},
}

// chooseServices picks the practice's services: the core every practice
// has, its clinical system, documents and telephony, and some of the rest,
// 12 to 20 in all.
func (p *practice) chooseServices() {
	p.services = append(p.services, clinicalSpecs[p.sys.id])
	p.services = append(p.services, coreSpecs...)
	if p.sys.id == "systmone" && p.chance(0.5) {
		p.services = append(p.services, systmoneDocuments)
	} else {
		p.services = append(p.services, docman)
	}
	if p.chance(0.75) {
		p.services = append(p.services, surgeryConnect)
	} else {
		p.services = append(p.services, babblevoice)
	}
	if p.chance(0.85) {
		p.services = append(p.services, pick(p.Rand, onlineConsultation))
	}
	want := p.between(12, 20)
	for _, i := range p.Perm(len(optionalSpecs)) {
		s := optionalSpecs[i]
		if len(p.services) >= want {
			break
		}
		if s.id == "emis-x-business-continuity" && p.sys.id != "emis-web" {
			continue
		}
		p.services = append(p.services, s)
	}
	// request-form needs the mailbox it posts to.
	if p.service("request-form") != nil && p.service("practice-mailbox") == nil {
		p.services = slices.DeleteFunc(p.services, func(s *serviceSpec) bool { return s.id == "request-form" })
	}
	slices.SortFunc(p.services, func(a, b *serviceSpec) int { return strings.Compare(a.id, b.id) })
}

// service returns the practice's service id, or nil. The id may be
// "@clinical" for its clinical system, or "@docs", "@phones" or "@oc" for
// its document workflow, telephony or online consultation service.
func (p *practice) service(id string) *serviceSpec {
	category := ""
	switch id {
	case "@clinical":
		id = p.sys.id
	case "@docs":
		category = "document-management"
	case "@phones":
		category = "telephony"
	case "@oc":
		category = "online-consultation"
	}
	for _, s := range p.services {
		if s.id == id || category != "" && s.category == category {
			return s
		}
	}
	return nil
}

// org resolves a symbolic organisation id: "@system" (the clinical
// system's supplier), "@desk", "@icb", "@dpo", "@safety", "@landlord"
// (the ICB's), "@hscn" (its network supplier), "@dno" (its electricity
// network operator), "@pcn", "@national" (the National Service Desk), or
// the supplier of a symbolic service ("@docs", "@phones", "@oc").
func (p *practice) org(id string) string {
	switch id {
	case "@system":
		return p.sys.supplier
	case "@desk":
		return p.icb.desk
	case "@icb":
		return p.icb.id
	case "@dpo":
		return p.icb.dpo
	case "@safety":
		return p.icb.safety
	case "@landlord":
		return p.icb.landlord
	case "@hscn":
		return p.icb.hscn
	case "@dno":
		return p.icb.dno
	case "@pcn":
		return p.pcn.id
	case "@national":
		return "nhse-national-service-desk"
	case "@docs", "@phones", "@oc":
		if s := p.service(id); s != nil {
			return p.org(s.supplier)
		}
		return p.icb.desk
	}
	return id
}

var accessOutcomes = []string{
	"All users current. No changes.",
	"Removed one account of a member of staff who had left; no other changes.",
	"Two role profiles reduced: care navigators no longer need admin rights.",
	"Removed a locum's account left open after the end of their booking.",
	"Admin rights checked against the list of admin accounts: one removed.",
	"Found an account shared by two receptionists: replaced with named accounts.",
}

func (p *practice) writeServices(w *writer, dir string) error {
	for _, s := range p.services {
		if err := p.writeService(w, dir, s); err != nil {
			return err
		}
	}
	return nil
}

func (p *practice) writeService(w *writer, dir string, s *serviceSpec) error {
	t := p.text.Replace
	d := w.toml(dir+"services/"+s.id+".toml", "service")
	d.str("name", s.name)
	d.str("plain_name", s.plain)
	d.str("purpose", t(s.purpose))
	d.str("category", s.category)
	d.str("provision", s.provision)
	d.str("lifecycle", cmp.Or(s.lifecycle, "live"))
	d.str("criticality", s.criticality)
	d.opt("max_tolerable_downtime", s.mtd)
	d.opt("recovery_time_objective", s.rto)
	owner := p.assign(s.owner...)
	d.str("owner", owner.id)
	deputy := p.other([]*person{owner}, s.deputy...)
	if deputy != nil && !p.lapse(0.04) {
		d.str("deputy", deputy.id)
	}
	var admins []*person
	for _, k := range s.admins {
		if pe := p.has(k); pe != nil && (!pe.leaver() || p.lapse(0.15)) {
			admins = append(admins, pe)
		}
	}
	d.list("admins", ids(admins))
	var deps []string
	for _, dep := range s.deps {
		if ds := p.service(dep); ds != nil {
			deps = append(deps, ds.id)
		}
	}
	d.list("depends_on", deps)

	d.table("support")
	d.opt("supplier", p.org(s.supplier))
	d.str("desk", p.org(s.desk))
	d.opt("customer_ref", t(s.customerRef))
	d.opt("contract_ref", t(s.contractRef))
	d.opt("sla", s.sla)
	if s.contractYears > 0 {
		end := asOf.AddDate(0, 0, p.between(30, 365*s.contractYears))
		if p.lapse(0.04) {
			end = asOf.AddDate(0, 0, -p.between(1, 120))
		}
		d.date("contract_end", end)
	}

	d.table("data")
	d.list("categories", s.data)
	d.str("description", t(s.dataDesc))

	d.table("governance")
	// The risky states of a spec are its usual ones; a careful practice
	// has done the work, a careless one has let a safe state slip.
	dpia := s.dpia
	switch {
	case dpia == "approved" && p.lapse(0.03):
		dpia = "in-progress"
	case (dpia == "in-progress" || dpia == "not-started") && !p.lapse(0.4):
		dpia = "approved"
	}
	d.str("dpia", dpia)
	if dpia == "approved" || dpia == "icb-covered" {
		if !p.lapse(0.02) {
			reviewed := p.ago(20, 340)
			if p.lapse(0.08) {
				reviewed = p.ago(370, 800)
			}
			d.date("dpia_reviewed", reviewed)
		}
	}
	d.opt("dpia_reference", t(s.dpiaRef))
	if s.privacy {
		d.boolean("privacy_notice", true)
	}
	d.opt("data_sharing", t(s.sharing))
	safety := s.safety
	switch {
	case safety == "assessed" && p.lapse(0.03):
		safety = "supplier-only"
	case (safety == "not-assessed" || safety == "supplier-only") && !p.lapse(0.4):
		safety = "assessed"
	}
	safetyRef := s.safetyRef
	if safety == "assessed" && safety != s.safety {
		safetyRef = "Practice hazard log: local DCB0160 assessment"
	}
	d.str("clinical_safety", safety)
	d.opt("clinical_safety_reference", t(safetyRef))
	d.list("supplier_documents", s.documents)

	d.table("access")
	d.str("granted", t(s.granted))
	d.str("removed", t(s.removed))
	d.num("review_months", s.accessMonths)
	reviews := 1 + p.IntN(2)
	if p.lapse(0.04) {
		reviews = 0
	}
	last := p.ago(10, s.accessMonths*30-5)
	if p.lapse(0.08) {
		last = p.ago(s.accessMonths*30+10, s.accessMonths*30+300)
	}
	for k := range reviews {
		when := last.AddDate(0, -s.accessMonths*(reviews-1-k), 0)
		by := p.assign(slices.Concat(s.admins, s.owner)...)
		if by.started.After(when) {
			by = owner
		}
		d.array("access.reviews")
		d.date("date", when)
		d.str("by", by.id)
		d.str("outcome", pick(p.Rand, accessOutcomes))
	}

	d.table("continuity")
	d.str("summary", t(s.continuity))

	d.table("review")
	reviewed := p.ago(15, 330)
	if p.lapse(0.07) {
		reviewed = p.ago(370, 700)
	}
	d.date("last", reviewed)
	if p.chance(0.7) {
		d.date("next", reviewed.AddDate(1, 0, 0))
	}
	d.str("by", p.assign(s.owner...).id)
	return w.flush()
}
