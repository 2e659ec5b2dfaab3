package synth

import (
	"slices"
	"strings"
)

// runbookSpec is a downtime action card as practices write them. Texts may
// hold the placeholders of newPractice; services, the symbolic services of
// practice.service and escalation contacts, the symbolic organisations of
// practice.org.
type runbookSpec struct {
	id, title, scenario string
	// only restricts the card to practices on one clinical system.
	only string
	// services are the services covered; the card is written only when
	// the practice has the first.
	services       []string
	detect         []string
	when, who      string
	invoke         []kind
	first15, steps []roleBlock
	comms          []message
	paper          []paper
	escalation     []escalation
	backEntry      []string
	reconciliation []string
	backlog        []string
	standDown      []string
}

type roleBlock struct {
	role    string
	lead    kind
	actions []string
}

type message struct {
	audience, channel, text string
	by                      kind
}

type paper struct{ function, fallback, location string }

type escalation struct{ after, contact, action, record string }

// Parts most cards share.
var (
	reception = "Reception (care navigators)"
	pmRole    = "Practice manager"
	itRole    = "Data and IT lead"
	duty      = "Duty doctor"

	staffMessage = func(what string) message {
		return message{"staff", "Walk round the building; a message to the all-staff Teams chat on a phone; the call cascade if out of hours.",
			what + " Next update at [time].", manager}
	}
	phoneMessage = func(what string) message {
		return message{"patients", "Phone message: the 'System outage' announcement in the telephony portal, and a website banner.",
			what + " If your problem is urgent and you cannot get through, call NHS 111. In an emergency call 999.", receptionLead}
	}
	icbMessage = func(what string) message {
		return message{"icb", "Phone the ICB primary care team (or the on-call director out of hours); follow up by email.",
			"{practice} {ods}: " + what + " since [time]. GPIT call [number]. Expected impact: [clinics affected].", manager}
	}
	deskFirst = escalation{"0m", "@desk", "Ring the priority line and log a priority 1 call: 'practice unable to work'.", "GPIT call number, time logged and the name of the person you spoke to."}
	icbAt     = func(after string) escalation {
		return escalation{after, "@icb", "Tell the ICB primary care team: how long, what is affected, whether you are coping.", "Name of the person told and the time."}
	}
	pcnAt = func(after string) escalation {
		return escalation{after, "@pcn", "Ask the PCN clinical director to agree mutual aid with {buddy} for urgent patients.", "What was agreed and with whom."}
	}
	paperNotes = paper{"Consultation notes", "Paper consultation sheets: date, time, clinician, history, examination, plan, prescriptions, allergies checked.",
		"10 sheets in drawer 2 of every clinical room desk; a pad of 200 in the grab bag."}
	paperRx = paper{"Prescribing", "Hand-signed FP10 prescriptions; each serial number written on the prescription pad log.",
		"Locked prescription cupboard, practice manager's office. Keys: practice manager and duty doctor."}
	paperDiary = paper{"Appointments", "Printed day lists (printed every morning) and blank paper day sheets, one per clinician per session.",
		"'Today's lists' tray on the reception desk; blank day sheets in the grab bag."}
	paperLog = paper{"Incident record", "Outage log book: times, decisions, call references, who was told.", "Grab bag, reception office."}

	backEntry = []string{
		"Enter every paper consultation into {clinical} the same day if possible, within 2 working days at the latest. The clinician who saw the patient enters it, or checks what an administrator typed.",
		"Start each entry with 'Transcribed from handwritten notes made during the outage on [date] at [time] by [clinician]' and use the real consultation date and time.",
		"Add every hand-written prescription as 'issued by hand (FP10)' with its serial number, and re-check allergies and interactions.",
	}
	reconcileDocs = "Check every document received during the outage is filed once, to the right patient."
	reconcileMsgs = "Check every message sent or scheduled during the outage window was delivered (the January 2026 Accurx incident showed messages that looked sent but were not)."
	backlogRebook = "Rebook cancelled appointments, most urgent first."
)

var clinicalDown = &runbookSpec{
	id: "@clinical-down", title: "{clinical} down", scenario: "system-down",
	services: []string{"@clinical", "emis-x-business-continuity", "eps", "@docs", "accurx", "@oc", "nhs-app", "gp-connect"},
	detect: []string{
		"{clinical} will not open, freezes at login, or shows a connection error on more than one PC.",
		"Smartcard login works but {clinical} does not load: the problem is the clinical system, not the network. If Smartcards fail too, use the 'Network (HSCN) down' card.",
		"The supplier's status page, Accurx or the ICB reports a national incident.",
	},
	when:   "{clinical} is unavailable on more than one PC for 15 minutes, or at once if the supplier or ICB confirms a national outage.",
	who:    "Practice manager; if not on site, the duty doctor; out of hours, the senior care navigator on shift.",
	invoke: []kind{manager, seniorGP, assistantPM, receptionLead},
	first15: []roleBlock{
		{reception, receptionLead, []string{
			"Tell the practice manager or the duty doctor now.",
			"Take today's printed day lists from the tray on the reception desk.",
			"Get the grab bag from the reception office.",
			"Keep booking on paper: name, date of birth and phone number for every patient.",
			"Tell patients at the desk: 'Our computer system is down. We are still seeing patients but things may take longer.'",
		}},
		{duty, noOne, []string{
			"Confirm with the practice manager that the practice is working on paper.",
			"Decide which on-the-day requests must be seen today and which can safely wait.",
			"Prescribe only what is needed today, on hand-signed FP10s.",
		}},
		{pmRole, manager, []string{
			"Check the supplier's status page: is it national or only us?",
			"Ring the GPIT service desk priority line and log a priority 1 call. Write the call number in the outage log.",
			"Change the phone message and put up the website banner.",
			"Decide with the duty doctor whether clinics continue on paper, and tell all staff.",
		}},
	},
	steps: []roleBlock{
		{reception, receptionLead, []string{
			"Book on the paper day sheets, one sheet per clinician per session.",
			"Give every patient seen a paper consultation sheet with their details filled in.",
			"At the end of each session, put the sheets in the 'Back-entry' box.",
		}},
		{"Clinicians", noOne, []string{
			"Write every consultation on a paper consultation sheet; ask about allergies and write the answer down.",
			"Use paper pathology forms from the grab bag.",
			"Put your sheets in the 'Back-entry' box at the end of each session.",
		}},
		{pmRole, manager, []string{
			"Every hour: check the supplier status, update the outage log and update staff.",
			"At 2 hours: decide about the afternoon's clinics.",
			"Before 17:00, plan the next day: print tomorrow's lists if the read-only copy works.",
		}},
		{itRole, itLead, []string{
			"When the system returns, test on one PC: log in, open a patient, issue a test prescription to EPS (cancel it).",
			"Then tell staff to log in.",
		}},
	},
	comms: []message{
		staffMessage("{clinical} is down. We are working on paper: paper consultation sheets and hand-signed FP10s. Put all sheets in the Back-entry box."),
		phoneMessage("Our computer system is not working. We are still seeing patients with urgent problems but cannot book routine appointments at the moment."),
		{"pharmacies", "Phone the local pharmacies (key contacts page of the continuity pack).", "{clinical} is down at {practice}. Urgent prescriptions will be hand-signed FP10s. Please hold repeat requests until we tell you the system is back.", pharmacist},
		icbMessage("{clinical} unavailable"),
		{"nhs-111", "Via the ICB: ask the ICB to tell 111 that the practice's record cannot be viewed through GP Connect.", "{practice}'s GP record is not available through GP Connect during the outage.", manager},
	},
	paper: []paper{paperDiary, paperNotes, paperRx, paperLog},
	escalation: []escalation{
		deskFirst,
		{"0m", "@system", "Check the supplier's service status. If there is no national incident, log a case giving the practice's ODS code {ods}.", "Supplier case number or national incident number."},
		icbAt("1h"),
		pcnAt("2h"),
		{"4h", "@icb", "Maximum tolerable downtime reached: ring the ICB on-call director and declare a business continuity incident.", "ICB incident reference and agreed actions."},
	},
	backEntry:      backEntry,
	reconciliation: []string{reconcileDocs, reconcileMsgs, "Check prescriptions signed just before the outage reached the pharmacy."},
	backlog:        []string{"Repeat prescription requests: pharmacist and duty doctor clear them within 2 working days.", backlogRebook, "Add extra admin hours for back-entry: the July 2024 national outage took about a week."},
	standDown: []string{
		"{clinical} has worked on every PC for 30 minutes, including prescribing and sending to EPS.",
		"Every patient seen on paper is on the back-entry list with a named person to enter the notes.",
		"Phone message and website banner are back to normal.",
	},
}

var hscnDown = &runbookSpec{
	id: "hscn-down", title: "Network (HSCN) down", scenario: "network-down",
	services: []string{"hscn", "smartcards", "@clinical", "eps", "e-referral-service", "nhsmail", "wifi"},
	detect: []string{
		"Every PC loses {clinical}, NHSmail and the internet at the same time.",
		"Every Smartcard login fails: if everyone is affected, it is the network, not the cards.",
		"The lights on the HSCN router in the comms cabinet are red or off.",
	},
	when:   "The network is down for more than 15 minutes in working hours.",
	who:    "Data and IT lead or practice manager.",
	invoke: []kind{itLead, manager, assistantPM},
	first15: []roleBlock{
		{itRole, itLead, []string{
			"Check the router in the comms cabinet: power on? Restart it once only.",
			"Ring the GPIT service desk priority line; ask whether it is a local or a wider fault.",
			"Set up the ICB laptops on the 4G hotspot with the VPN for the duty doctor and reception.",
		}},
		{pmRole, manager, []string{
			"Start the outage log.",
			"Tell staff to work on paper and not to keep retrying their Smartcards (cards lock after repeated failures).",
			"Change the phone message if the phones are affected.",
		}},
		{reception, receptionLead, []string{
			"Take today's printed day lists from the tray.",
			"Book on paper and tell patients it may take longer.",
		}},
	},
	steps: []roleBlock{
		{itRole, itLead, []string{
			"Chase the GPIT call every hour and record the supplier's fault reference.",
			"When the line returns, test one PC: Smartcard login, {clinical}, EPS, NHSmail.",
		}},
		{pmRole, manager, []string{
			"At 2 hours: decide whether clinicians work from {buddy} under the mutual aid agreement.",
			"Keep the ICB informed.",
		}},
	},
	comms: []message{
		staffMessage("The NHS network is down. Work on paper. Do not keep retrying Smartcards."),
		phoneMessage("Our computer systems are not working. We are still seeing patients with urgent problems."),
		icbMessage("HSCN connection down"),
	},
	paper: []paper{paperDiary, paperNotes, paperRx, paperLog},
	escalation: []escalation{
		deskFirst,
		{"1h", "@hscn", "If the desk asks, or out of hours for a total loss, ring the supplier's network operations centre with the circuit reference.", "Fault reference."},
		icbAt("2h"),
		pcnAt("2h"),
	},
	backEntry:      backEntry,
	reconciliation: []string{reconcileDocs, "Check prescriptions issued on paper are recorded."},
	backlog:        []string{backlogRebook},
	standDown: []string{
		"The network has been back for 30 minutes on every PC, with Smartcard login working.",
		"Paper notes are on the back-entry list.",
	},
}

var phonesDown = &runbookSpec{
	id: "phones-down", title: "Phones down", scenario: "telephony-down",
	services: []string{"@phones"},
	detect: []string{
		"Patients say they cannot get through, or the queue shows no calls at a busy time.",
		"Handsets show 'no service' or cannot dial out.",
		"The telephony portal or the supplier reports an outage.",
	},
	when:   "Inbound calls fail for more than 10 minutes in opening hours.",
	who:    "Practice manager or reception manager.",
	invoke: []kind{manager, receptionLead},
	first15: []roleBlock{
		{reception, receptionLead, []string{
			"Ring the practice number from a mobile to check what patients hear.",
			"Get the two practice mobiles from the grab bag and switch them on.",
		}},
		{pmRole, manager, []string{
			"Ring the telephony supplier's support line from a mobile and ask for an emergency divert to the practice mobiles.",
			"Put up the website banner with the mobile numbers.",
		}},
	},
	steps: []roleBlock{
		{reception, receptionLead, []string{
			"Answer the practice mobiles in turn; log every call on the paper call sheet.",
			"Call back patients whose requests were cut off, from the call log when the system returns.",
		}},
		{pmRole, manager, []string{
			"Tell the ICB and ask it to tell 111.",
			"Chase the supplier every hour.",
		}},
	},
	comms: []message{
		staffMessage("Our phone lines are down. Calls are diverted to the practice mobiles."),
		{"patients", "Website banner, and an NHS App message if the outage lasts.", "Our phone lines are not working. Please use the online form or call the numbers on our website. If your problem is urgent, call NHS 111. In an emergency call 999.", assistantPM},
		icbMessage("phones down"),
	},
	paper: []paper{{"Taking calls", "Paper call sheets: time, caller, number, reason, who will call back.", "Grab bag, reception office."}},
	escalation: []escalation{
		{"0m", "@phones", "Ring the supplier's support line from a mobile; ask for the divert and a ticket number.", "Ticket number."},
		icbAt("1h"),
	},
	backEntry:      []string{"Enter every call taken on paper into the clinical system or the call log."},
	reconciliation: []string{"Check call-backs requested during the outage were all made."},
	standDown: []string{
		"Inbound and outbound calls have worked for 30 minutes.",
		"The divert is removed and the website banner taken down.",
	},
}

var powerCut = &runbookSpec{
	id: "power-cut", title: "Power cut", scenario: "power-loss",
	services: []string{"hscn", "@clinical", "@phones", "wifi"},
	detect: []string{
		"Lights, PCs and handsets go off at the same time.",
		"Emergency lighting comes on.",
		"The vaccine fridge alarm sounds, or the fridge display is blank.",
	},
	when:   "Power is off for more than 10 minutes, or at once if it is dark or a fridge is affected.",
	who:    "Practice manager or the most senior person on site.",
	invoke: []kind{manager, assistantPM, nurse},
	first15: []roleBlock{
		{reception, receptionLead, []string{
			"Keep patients calm; do not let anyone use the lift.",
			"Get the torch from the grab bag.",
			"Use the practice mobiles: the handsets need power.",
		}},
		{pmRole, manager, []string{
			"Check the distribution board: has a trip switch gone? Reset once only.",
			"If the area is affected, ring the power cut line and ask for the estimated restoration time.",
			"Start the outage log.",
		}},
		{"Nursing team", nurse, []string{
			"Keep the vaccine fridge doors shut.",
			"Note the fridge temperatures and the time from the data logger.",
		}},
	},
	steps: []roleBlock{
		{pmRole, manager, []string{
			"At 1 hour: decide whether to close and divert patients, or move to {buddy}.",
			"Arrange cold-chain transfer of vaccines if the power will be off for more than 4 hours.",
		}},
		{"Nursing team", nurse, []string{
			"Assess any stock exposed to temperatures outside 2 to 8 degrees and report it.",
		}},
	},
	comms: []message{
		staffMessage("We have a power cut. Work on paper; do not use the lift."),
		phoneMessage("We have a power cut at the surgery and our systems are not working."),
		icbMessage("power cut"),
	},
	paper: []paper{paperDiary, paperNotes, paperRx, {"Vaccine fridge", "Temperature log sheet and the cold-chain transfer procedure.", "Taped to the side of each fridge."}},
	escalation: []escalation{
		{"0m", "@dno", "Report the power cut; say the surgery has vaccine fridges.", "Incident reference and estimated restoration time."},
		{"30m", "@landlord", "If only our building is affected, ring the landlord's emergency line.", "Job number."},
		icbAt("1h"),
	},
	backEntry:      backEntry,
	reconciliation: []string{"Check the vaccine fridge data logger for the whole outage and report any breach."},
	standDown: []string{
		"Power has been back for 1 hour with no further interruption.",
		"Every PC, the router, the phones and the fridges are working.",
	},
}

var cyberIncident = &runbookSpec{
	id: "cyber-incident", title: "Cyber incident (suspected ransomware or account compromise)", scenario: "cyber-incident",
	services: []string{"@clinical", "nhsmail", "hscn", "smartcards"},
	detect: []string{
		"A ransom note on screen, or files renamed and will not open.",
		"Staff report emails they did not send, or an account locked for unknown reasons.",
		"The ICB or the supplier tells you of suspicious activity from the practice.",
	},
	when:   "At once, on any sign of a cyber attack: do not wait to be sure.",
	who:    "Anyone who sees it tells the IT and cyber lead or the practice manager, who invokes it.",
	invoke: []kind{itLead, manager, seniorGP},
	first15: []roleBlock{
		{"Whoever sees it", noOne, []string{
			"Unplug the network cable of the affected PC. Do not switch it off: that destroys evidence.",
			"Write down what you saw and the time.",
			"Tell the IT and cyber lead or the practice manager in person.",
		}},
		{itRole, itLead, []string{
			"Ring the GPIT service desk out-of-hours or priority line: 'suspected cyber incident'.",
			"Do not use Teams or NHSmail until cleared: use phones.",
		}},
		{pmRole, manager, []string{
			"Start the incident log.",
			"Ring the DPO urgent line: personal data breaches must be assessed within 72 hours.",
		}},
	},
	steps: []roleBlock{
		{"SIRO", seniorGP, []string{
			"Decide with the ICB whether to close or reduce services.",
			"Agree patient messages and whether to report to the ICO, with the DPO.",
		}},
		{itRole, itLead, []string{
			"Follow the ICB's technical lead; keep a list of every account and PC affected.",
			"Reset passwords only when the ICB says so.",
		}},
	},
	comms: []message{
		{"staff", "In person and by phone only: not Teams or email.", "We are dealing with a suspected cyber incident. Do not log in to anything until told. Work on paper.", manager},
		phoneMessage("We have a problem with our computer systems and are working on paper."),
		icbMessage("suspected cyber incident"),
	},
	paper: []paper{paperDiary, paperNotes, paperRx, paperLog},
	escalation: []escalation{
		deskFirst,
		{"0m", "@dpo", "Ring the DPO urgent breach line.", "DPO reference and the time of the call."},
		{"1h", "@icb", "Ring the ICB on-call director: the ICB reports under the NIS Regulations.", "ICB incident reference."},
	},
	backEntry:      backEntry,
	reconciliation: []string{"List every record that may have been seen or changed, with the DPO.", reconcileMsgs},
	standDown: []string{
		"The ICB has cleared every PC and account.",
		"The DPO has decided on reporting and the SIRO has signed off the incident log.",
	},
}

var buildingUnusable = &runbookSpec{
	id: "building-unusable", title: "Building unusable (fire, flood, no access)", scenario: "premises-loss",
	services: []string{"@clinical", "@phones", "hscn"},
	detect: []string{
		"Fire, flood, structural damage, gas leak or police cordon stops staff using the building.",
		"The landlord or the fire service says the building cannot be used.",
	},
	when:   "The building cannot be used for the next session.",
	who:    "Practice manager or the duty partner.",
	invoke: []kind{manager, seniorGP},
	first15: []roleBlock{
		{"Everyone", noOne, []string{
			"Get everyone out safely by the fire procedure; meet at the assembly point.",
			"Take the grab bag only if it is safe to do so.",
		}},
		{pmRole, manager, []string{
			"Check everyone is accounted for.",
			"Ring {buddy} to use the mutual aid agreement, or the community centre.",
			"Start the call cascade for staff not on site.",
		}},
	},
	steps: []roleBlock{
		{pmRole, manager, []string{
			"Agree with the buddy practice which rooms and PCs we can use and from when.",
			"Divert the phones and update the website.",
		}},
		{reception, receptionLead, []string{
			"Ring today's booked patients to tell them where to go.",
		}},
	},
	comms: []message{
		staffMessage("The surgery cannot be used. Report to the place you are told in the cascade."),
		phoneMessage("Our building is closed. Appointments are being moved: we will contact you."),
		icbMessage("building unusable"),
		{"buddy-practice", "Phone the buddy practice manager.", "We need to use the mutual aid agreement from [time]: rooms, desks and PCs for [number] staff.", manager},
	},
	paper: []paper{paperDiary, paperNotes},
	escalation: []escalation{
		{"0m", "@landlord", "Report the damage to the landlord's emergency line.", "Job number."},
		icbAt("30m"),
		pcnAt("1h"),
	},
	backEntry:      backEntry,
	reconciliation: []string{"Check every patient booked during the closure was contacted."},
	backlog:        []string{backlogRebook},
	standDown:      []string{"The building is declared safe and every system has been tested on site."},
}

var optionalRunbooks = []*runbookSpec{
	{
		id: "smartcard-login-failure", title: "Smartcard login failure", scenario: "system-down",
		services: []string{"smartcards", "@clinical", "eps"},
		detect:   []string{"One or more staff cannot log in with their Smartcard.", "Messages such as 'card locked', 'certificate expired' or 'no valid roles'."},
		when:     "Several staff cannot log in, or a clinician cannot work.", who: "RA agent or data and IT lead.",
		invoke: []kind{itLead, manager},
		first15: []roleBlock{{"RA agent", itLead, []string{
			"Ask: is it one person or everyone? If everyone, use the network card.",
			"Unlock or renew the card in CIS2.",
		}}},
		steps:          []roleBlock{{"RA agent", itLead, []string{"Issue a temporary card if the card is lost or broken."}}},
		comms:          []message{staffMessage("Some Smartcards are not working. See the RA agent; do not share cards.")},
		paper:          []paper{paperNotes, paperRx},
		escalation:     []escalation{{"30m", "@desk", "Ask the ICB RA team to unlock the card remotely.", "Call number."}},
		backEntry:      backEntry[:1],
		reconciliation: []string{"Check nothing was done under another person's login."},
		standDown:      []string{"Every member of staff can log in."},
	},
	{
		id: "nhsmail-down", title: "NHSmail down", scenario: "system-down",
		services: []string{"nhsmail", "practice-mailbox", "@docs"},
		detect:   []string{"Outlook will not connect, or the NHSmail portal shows an incident."},
		when:     "NHSmail is down for more than an hour in working hours.", who: "Data and IT lead or practice manager.",
		invoke:  []kind{itLead, manager},
		first15: []roleBlock{{itRole, itLead, []string{"Check the NHSmail service status page.", "Tell staff to phone rather than email."}}},
		steps:   []roleBlock{{pmRole, manager, []string{"Ask hospitals to phone urgent results.", "Count the backlog when NHSmail returns."}}},
		comms:   []message{staffMessage("NHSmail is down. Phone for anything urgent.")},
		escalation: []escalation{
			{"0m", "nhsmail", "Check the status page; if nothing is reported, ring the helpdesk.", "Incident reference."},
			{"2h", "@national", "Escalate if the helpdesk has no update.", "INC number."},
		},
		backEntry:      []string{"File any documents received by other routes during the outage."},
		reconciliation: []string{reconcileDocs},
		standDown:      []string{"Email has worked for an hour and the backlog is counted."},
	},
	{
		id: "eps-down", title: "EPS down", scenario: "system-down",
		services: []string{"eps", "@clinical"},
		detect:   []string{"Prescriptions will not sign or send; the clinical system shows a Spine error.", "Pharmacies say no prescriptions are arriving."},
		when:     "Prescriptions cannot be sent for 30 minutes.", who: "Duty doctor or practice manager.",
		invoke:  []kind{seniorGP, manager, pharmacist},
		first15: []roleBlock{{duty, noOne, []string{"Prescribe urgent items on hand-signed FP10s.", "Hold routine repeats until EPS returns."}}},
		steps:   []roleBlock{{"Clinical pharmacist", pharmacist, []string{"Keep a list of prescriptions to send when EPS returns."}}},
		comms: []message{
			staffMessage("EPS is down. Urgent prescriptions on FP10 only."),
			{"pharmacies", "Phone the local pharmacies.", "EPS is down at {practice}: urgent items on FP10, repeats delayed.", pharmacist},
		},
		paper:          []paper{paperRx},
		escalation:     []escalation{{"0m", "@national", "Check national service status; log a call if nothing is reported.", "INC number."}},
		backEntry:      []string{"Record every FP10 issued in the record with its serial number."},
		reconciliation: []string{"Check no prescription was issued both on paper and electronically."},
		standDown:      []string{"Test prescriptions reach a pharmacy."},
	},
	{
		id: "documents-not-filing", title: "Documents not filing", scenario: "degraded",
		services: []string{"@docs", "@clinical", "nhsmail"},
		detect:   []string{"The document inbox has not changed for an hour in working hours.", "Hospitals say letters have not arrived."},
		when:     "Documents have stopped filing for more than an hour in working hours.", who: "Data and IT lead or the workflow administrator.",
		invoke:  []kind{itLead, administrator, manager},
		first15: []roleBlock{{"Workflow administrator", administrator, []string{"Count the documents waiting and note the time of the last one filed.", "Log a call with the supplier."}}},
		steps:   []roleBlock{{duty, noOne, []string{"Ask the hospital to phone any urgent abnormal results."}}},
		comms:   []message{staffMessage("Documents are not filing. Urgent results will be phoned through.")},
		paper: []paper{{"Urgent results", "The laboratory and hospitals phone urgent results; the duty doctor writes them in the paper results log and acts on them.",
			"Paper results log, duty doctor's room, top drawer."}},
		escalation: []escalation{
			{"0m", "@docs", "Log a priority call; ask for a filing-queue check and a list of affected documents.", "Case number."},
			deskFirst,
		},
		backEntry:      []string{"File the held documents oldest first."},
		reconciliation: []string{reconcileDocs, "Check no document was filed twice or to the wrong patient."},
		standDown:      []string{"Documents have filed normally for two hours and the backlog is cleared."},
	},
	{
		id: "online-consultation-down", title: "Online consultation down", scenario: "system-down",
		services: []string{"@oc", "practice-website"},
		detect:   []string{"No requests have arrived for an hour at a busy time.", "Patients say the form will not submit."},
		when:     "Requests stop arriving for an hour in opening hours.", who: "Assistant practice manager or reception manager.",
		invoke:  []kind{assistantPM, receptionLead, manager},
		first15: []roleBlock{{reception, receptionLead, []string{"Switch the form to its closed message.", "Take requests by phone."}}},
		steps:   []roleBlock{{"Assistant practice manager", assistantPM, []string{"Check with the supplier which requests were received in the gap."}}},
		comms: []message{
			{"patients", "Website banner and the form's closed message.", "Our online form is not working. Please phone us. Do not resubmit requests you have already sent.", assistantPM},
		},
		escalation:     []escalation{{"0m", "@oc", "Log a call with the supplier.", "Ticket number."}},
		backEntry:      []string{"Enter requests taken by phone into the clinical system."},
		reconciliation: []string{"Check every request submitted just before and during the outage was received and answered."},
		standDown:      []string{"Test requests arrive and the closed message is removed."},
	},
	{
		id: "patient-messaging-failed", title: "Patient messages not delivered", scenario: "supplier-failure",
		services: []string{"accurx", "nhs-app"},
		detect:   []string{"Messages show as failed, or the supplier reports that messages were not sent.", "Patients say they did not get a message the record says was sent."},
		when:     "Any report of messages not delivered.", who: "Assistant practice manager.",
		invoke:  []kind{assistantPM, manager},
		first15: []roleBlock{{"Assistant practice manager", assistantPM, []string{"Stop bulk messages.", "Find the time window affected."}}},
		steps:   []roleBlock{{"Assistant practice manager", assistantPM, []string{"List every message sent in the window and check delivery.", "Phone patients whose results needed action."}}},
		comms:   []message{staffMessage("Patient messages may not have been delivered. Phone patients with abnormal results.")},
		escalation: []escalation{
			{"0m", "accurx", "Ask the supplier for the delivery report for the window.", "Ticket number."},
		},
		backEntry:      []string{"Record in each patient's notes how they were contacted instead."},
		reconciliation: []string{reconcileMsgs},
		standDown:      []string{"Every message in the window has been checked and re-sent or followed up."},
	},
	{
		id: "emis-web-slow", title: "EMIS Web slow or partly working", scenario: "degraded", only: "emis-web",
		services: []string{"emis-web", "hscn"},
		detect:   []string{"EMIS Web takes more than a minute to open records, or some modules fail."},
		when:     "EMIS Web is slow for more than 30 minutes.", who: "Data and IT lead.",
		invoke:         []kind{itLead, manager},
		first15:        []roleBlock{{itRole, itLead, []string{"Check EMIS Now service status.", "Check whether other systems are slow: if so, it is the network."}}},
		steps:          []roleBlock{{pmRole, manager, []string{"Decide whether to reduce appointments."}}},
		comms:          []message{staffMessage("EMIS Web is slow. Allow extra time; do not restart PCs repeatedly.")},
		paper:          []paper{paperNotes},
		escalation:     []escalation{deskFirst, {"30m", "emis-optum", "Log a case with EMIS.", "Case number."}},
		backEntry:      []string{"Complete any notes written on paper while the system was slow."},
		reconciliation: []string{"Check prescriptions issued while slow were sent once."},
		standDown:      []string{"Normal speed for 30 minutes."},
	},
	{
		id: "systmone-contingency-mode", title: "SystmOne contingency mode (read-only)", scenario: "degraded", only: "systmone",
		services: []string{"systmone", "@docs", "accurx", "eps"},
		detect:   []string{"SystmOne shows 'Contingency mode' in a red bar.", "Records open but nothing can be saved."},
		when:     "As soon as SystmOne shows contingency mode.", who: "Practice manager or the duty doctor.",
		invoke:  []kind{manager, seniorGP},
		first15: []roleBlock{{reception, receptionLead, []string{"You can still see appointments: write new bookings on paper.", "Print tomorrow's lists now, while read access works."}}},
		steps:   []roleBlock{{pmRole, manager, []string{"Count the NHSmail document backlog daily.", "Agree extra admin help with the ICB if it lasts more than 2 days."}}},
		comms:   []message{staffMessage("SystmOne is read-only. Read the record, write on paper.")},
		paper:   []paper{paperNotes, paperRx},
		escalation: []escalation{
			{"0m", "tpp", "Check the TPP announcement for how long it will last.", "TPP incident reference."},
			deskFirst,
		},
		backEntry:      backEntry,
		reconciliation: []string{reconcileDocs},
		backlog:        []string{"File the document backlog oldest first."},
		standDown:      []string{"The red contingency bar has gone on every PC."},
	},
}

// chooseRunbooks picks 6 to 12 action cards: the six every plan needs
// (which a careless practice may not all have) and some others.
func (p *practice) chooseRunbooks() {
	core := []*runbookSpec{clinicalDown, hscnDown, phonesDown, powerCut, cyberIncident, buildingUnusable}
	for i, rb := range core {
		if i > 0 && p.lapse(0.03) {
			continue
		}
		p.runbooks = append(p.runbooks, rb)
	}
	want := p.between(6, 12)
	for _, i := range p.Perm(len(optionalRunbooks)) {
		rb := optionalRunbooks[i]
		if len(p.runbooks) >= want {
			break
		}
		if rb.only != "" && rb.only != p.sys.id || p.service(rb.services[0]) == nil {
			continue
		}
		p.runbooks = append(p.runbooks, rb)
	}
	slices.SortFunc(p.runbooks, func(a, b *runbookSpec) int { return strings.Compare(p.runbookID(a), p.runbookID(b)) })
}

// runbookID is the file name of a runbook at this practice.
func (p *practice) runbookID(rb *runbookSpec) string {
	if rb.id == "@clinical-down" {
		return p.sys.id + "-down"
	}
	return rb.id
}

// hasRunbook reports whether the practice has runbook id.
func (p *practice) hasRunbook(id string) bool {
	return slices.ContainsFunc(p.runbooks, func(rb *runbookSpec) bool { return p.runbookID(rb) == id })
}

func (p *practice) writeRunbooks(w *writer, dir string) error {
	for _, rb := range p.runbooks {
		if err := p.writeRunbook(w, dir, rb); err != nil {
			return err
		}
	}
	return nil
}

func (p *practice) writeRunbook(w *writer, dir string, rb *runbookSpec) error {
	t := p.text.Replace
	tl := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = t(x)
		}
		return out
	}
	d := w.toml(dir+"runbooks/"+p.runbookID(rb)+".toml", "runbook")
	d.comment("Action card: " + t(rb.title) + ".")
	d.str("title", t(rb.title))
	d.str("scenario", rb.scenario)
	var svc []string
	for _, id := range rb.services {
		if s := p.service(id); s != nil && !slices.Contains(svc, s.id) {
			svc = append(svc, s.id)
		}
	}
	d.list("services", svc)
	d.list("detect", tl(rb.detect))
	d.list("stand_down", tl(rb.standDown))

	d.table("invoke")
	d.str("when", t(rb.when))
	d.str("who", t(rb.who))
	var people []*person
	for _, k := range rb.invoke {
		if p.has(k) != nil {
			people = append(people, p.assign(k))
		}
	}
	d.list("people", ids(people))

	blocks := func(name string, bs []roleBlock) {
		for _, b := range bs {
			d.array(name)
			d.str("role", b.role)
			if b.lead != noOne && p.has(b.lead) != nil {
				d.str("lead", p.assign(b.lead).id)
			}
			d.list("actions", tl(b.actions))
		}
	}
	blocks("first_15_minutes", rb.first15)
	blocks("steps", rb.steps)
	for _, m := range rb.comms {
		d.array("communications")
		d.str("audience", m.audience)
		d.str("channel", t(m.channel))
		d.str("message", t(m.text))
		if p.has(m.by) != nil {
			d.str("by", p.assign(m.by).id)
		}
	}
	if !p.lapse(0.03) {
		for _, pa := range rb.paper {
			d.array("paper")
			d.str("function", pa.function)
			d.str("fallback", t(pa.fallback))
			d.str("location", t(pa.location))
		}
	}
	for _, e := range rb.escalation {
		d.array("escalation")
		d.str("after", e.after)
		d.str("contact", p.org(e.contact))
		d.str("action", t(e.action))
		d.str("record", e.record)
	}
	d.table("recovery")
	d.list("back_entry", tl(rb.backEntry))
	d.list("reconciliation", tl(rb.reconciliation))
	d.list("backlog", tl(rb.backlog))

	d.table("review")
	last := p.ago(20, 330)
	if p.lapse(0.07) {
		last = p.ago(370, 700)
	}
	d.date("last", last)
	if p.chance(0.7) {
		d.date("next", last.AddDate(1, 0, 0))
	}
	d.str("by", p.assign(manager).id)
	return w.flush()
}
