package register

import (
	"slices"
	"strings"
	"testing"
)

func TestFieldOf(t *testing.T) {
	for heading, want := range map[string]string{
		// The synonyms of the brief, in the forms practices write them.
		"System": "name", "APPLICATION": "name", "Service": "name", "Software": "name", "System name": "name", "System Name:": "name",
		"Purpose": "purpose", "What it is for": "purpose", "What is it for?": "", "Description": "purpose",
		"Owner": "owner", "Lead": "owner", "System owner": "owner", "Information Asset Owner": "owner", "IAO": "owner", "I.A.O.": "owner",
		"Owner (name)": "owner", "Owners": "owner",
		"Supplier": "support.supplier", "Vendor": "support.supplier", "Provider": "support.supplier", "Company": "support.supplier",
		"Supplier / Vendor": "support.supplier", "Supplier / Owner": "",
		"Helpdesk": "support.desk", "Help desk": "support.desk", "Service desk": "support.desk", "Support": "support.desk", "Support contact": "support.desk",
		"Contract end": "support.contract_end", "Renewal": "support.contract_end", "Expiry": "support.contract_end", "Renewal date": "support.contract_end",
		"Personal data": "data.categories", "Personal data?": "data.categories", "Data": "data.categories", "Data type": "data.categories",
		"DPIA": "governance.dpia", "DPIA done": "governance.dpia", "DPIA done?": "governance.dpia", "DPIA status": "governance.dpia", "DPIA (Y/N)": "governance.dpia",
		"DCB0160": "governance.clinical_safety", "DCB 0160": "governance.clinical_safety", "Clinical safety": "governance.clinical_safety",
		"Criticality": "criticality", "Priority": "criticality", "Importance": "criticality", "RAG": "criticality", "Criticality (RAG)": "criticality",
		"Status": "lifecycle", "Lifecycle": "lifecycle",
		"Last reviewed": "review.last", "Reviewed": "review.last", "Review date": "review.last",
		"Next review": "review.next", "Next review date": "review.next",
		"Access review":       "access.reviews",
		"Business continuity": "continuity.summary", "BCP": "continuity.summary", "Workaround": "continuity.summary",
		"ICB provided": "provision", "ICB-provided?": "provision", "Funded by": "provision",
		"Notes": "notes", "Comments": "notes",
		"Deputy": "deputy", "Category": "category",
		"Licences": "", "": "", "   ": "", "Column1": "",
	} {
		got := ""
		if f := fieldOf(heading); f != nil {
			got = f.key
		}
		if got != want {
			t.Errorf("fieldOf(%q) = %q, want %q", heading, got, want)
		}
	}
	for _, tt := range []struct {
		heading string
		done    bool
	}{{"DPIA done?", true}, {"DPIA completed", true}, {"DPIA in place", true}, {"DPIA", false}, {"DPIA status", false}, {"DCB0160", false}} {
		if got := doneHeading(tt.heading); got != tt.done {
			t.Errorf("doneHeading(%q) = %v", tt.heading, got)
		}
	}
}

func TestParseMapping(t *testing.T) {
	for s, want := range map[string]Mapping{
		"Licences=notes":                     {"Licences", "notes"},
		"Renewal date = contract_end":        {"Renewal date", "support.contract_end"},
		"Main contact=Owner":                 {"Main contact", "owner"},
		"Who to ring=desk":                   {"Who to ring", "support.desk"},
		"A=B=support.customer_ref":           {"A=B", "support.customer_ref"},
		"Next check=next review":             {"Next check", "review.next"},
		"Spare=-":                            {"Spare", "ignore"},
		"Backup owner=deputy":                {"Backup owner", "deputy"},
		"DPIA date=governance.dpia_reviewed": {"DPIA date", "governance.dpia_reviewed"},
	} {
		got, err := ParseMapping(s)
		if err != nil || got != want {
			t.Errorf("ParseMapping(%q) = %+v, %v; want %+v", s, got, err, want)
		}
	}
	for s, want := range map[string]string{
		"Licences":       `"Licences" says no field: write it as "Heading=field"`,
		"=owner":         `"=owner" names no heading`,
		"Licences=ownr":  `"ownr" is not a field of a service (did you mean "owner"?): the fields are name, plain_name`,
		"Licences=count": `"count" is not a field of a service: the fields are`,
	} {
		_, err := ParseMapping(s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseMapping(%q) = %v, want an error containing %q", s, err, want)
		}
	}
}

func TestMatchPerson(t *testing.T) {
	people := []*Record{
		{ID: "kdavies", Name: "Karen Davies", JobTitle: "Practice manager"},
		{ID: "rpatel", Name: "Dr Ravi Patel", JobTitle: "Senior GP partner"},
		{ID: "npatel", Name: "Dr Nina Patel", JobTitle: "Salaried GP"},
		{ID: "nbarker", Name: "Nicola Barker", JobTitle: "Administrator"},
		{ID: "tobrien", Name: "Dr Tara O'Brien", JobTitle: "Locum GP"},
		{ID: "sian", Name: "Siân Evans", JobTitle: "Care navigator"},
		{ID: "amcdonald", Name: "Alan McDonald", JobTitle: "Practice manager", Leaver: true},
	}
	for _, tt := range []struct {
		cell string
		how  how
		id   string // the record used or, for a near miss, close to
	}{
		{"Karen Davies", exact, "kdavies"},
		{"karen  davies", exact, "kdavies"},
		{"KAREN DAVIES (PM)", exact, "kdavies"},
		{"kdavies", exact, "kdavies"},
		{"Dr Tara O'Brien", exact, "tobrien"},
		{"Sian Evans", exact, "sian"},
		{"Ravi Patel", sameName, "rpatel"},  // without the title
		{"Patel, Ravi", sameName, "rpatel"}, // surname first
		{"Mrs Karen Davies", sameName, "kdavies"},
		{"K Davies", partName, "kdavies"}, // initials
		{"K. Davies", partName, "kdavies"},
		{"Davies", partName, "kdavies"}, // a surname alone
		{"Karen", partName, "kdavies"},  // a first name alone
		{"Dr R Patel", partName, "rpatel"},
		{"Dr Patel", nearMiss, "rpatel"},          // two Dr Patels: neither used
		{"Practice manager", jobTitle, "kdavies"}, // the leaver who was one is not counted
		{"practice manager", jobTitle, "kdavies"},
		{"IT team", notAName, ""},
		{"All GPs", notAName, ""},
		{"Karen Davis", nearMiss, "kdavies"}, // a letter off: may be someone else
		{"Nicola Baker", nearMiss, "nbarker"},
		{"Karen Davids", nearMiss, "kdavies"},
		{"Tom Reid", notFound, ""},
		{"Dr Sam Okafor", notFound, ""},
		{"Alan McDonald", exact, "amcdonald"},
	} {
		m := matchPerson(tt.cell, people)
		id := ""
		if m.rec != nil {
			id = m.rec.ID
		}
		if m.how != tt.how || id != tt.id {
			t.Errorf("matchPerson(%q) = how %d, %q; want how %d, %q", tt.cell, m.how, id, tt.how, tt.id)
		}
	}
}

func TestMatchOrg(t *testing.T) {
	orgs := []*Record{
		{ID: "emis-optum", Name: "EMIS (Optum UK)"},
		{ID: "docman", Name: "Docman (Kno2, formerly Advanced)"},
		{ID: "x-on", Name: "X-on (Surgery Connect)"},
		{ID: "accurx", Name: "Accurx"},
		{ID: "tpp", Name: "TPP (The Phoenix Partnership)"},
		{ID: "ardens", Name: "Ardens Healthcare Informatics"},
		{ID: "eastmoor-gpit-service-desk", Name: "Eastmoor GPIT Service Desk"},
		{ID: "nhse-national-service-desk", Name: "NHS England National Service Desk"},
		{ID: "nhse-elfh", Name: "NHS England e-Learning for Healthcare"},
		{ID: "lexacom", Name: "Lexacom"},
	}
	for _, tt := range []struct {
		cell string
		how  how
		id   string
	}{
		{"Accurx", exact, "accurx"},
		{"ACCURX LTD", exact, "accurx"},
		{"Docman", exact, "docman"}, // its id
		{"X-on", exact, "x-on"},
		{"X-on Surgery Connect", exact, "x-on"},
		{"Lexacom Limited", exact, "lexacom"},
		{"eastmoor gpit service desk", exact, "eastmoor-gpit-service-desk"},
		{"EMIS", partName, "emis-optum"},
		{"TPP", exact, "tpp"}, // its id
		{"Ardens", exact, "ardens"},
		{"The Phoenix Partnership", partName, "tpp"},
		{"Surgery Connect", partName, "x-on"},
		{"NHS England National Service Desk", exact, "nhse-national-service-desk"},
		{"NHS England", nearMiss, "nhse-national-service-desk"}, // two fit: neither used
		{"Service Desk", notFound, ""},                          // too generic to fit one
		{"Acurx", nearMiss, "accurx"},
		{"Lexicom", nearMiss, "lexacom"},
		{"iGPR Technologies", notFound, ""},
		{"EMIS Health", notFound, ""},
	} {
		m := matchOrg(tt.cell, orgs)
		id := ""
		if m.rec != nil {
			id = m.rec.ID
		}
		if m.how != tt.how || id != tt.id {
			t.Errorf("matchOrg(%q) = how %d, %q; want how %d, %q", tt.cell, m.how, id, tt.how, tt.id)
		}
	}
	if !sameOrg("EMIS Health support", "EMIS") || !sameOrg("X-on support", "X-on") || sameOrg("NHSmail helpdesk", "NHS England") {
		t.Error("sameOrg is wrong")
	}
}

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"EMIS Web": "emis-web", "X-on Surgery Connect": "x-on-surgery-connect", "NHSmail": "nhsmail", "e-RS": "e-rs",
		"Docman 10": "docman-10", "Dr Tara O'Brien": "dr-tara-obrien", "Siân Evans": "sian-evans", "  --  ": "", "日本": "",
		"Wi-Fi (staff & patients)":  "wi-fi-staff-patients",
		strings.Repeat("word ", 20): "word-word-word-word-word-word-word-word-word-word-word-word",
	} {
		if got := IDOf(name); got != want {
			t.Errorf("IDOf(%q) = %q, want %q", name, got, want)
		}
	}
	taken := ids{"emis-web": true}
	if got := taken.take("service", "emis-web"); got != "emis-web-2" {
		t.Errorf("take of a taken id = %q", got)
	}
	if got := taken.take("service", "index"); got != "index-2" {
		t.Errorf("take of index = %q", got)
	}
}

func TestSplitNames(t *testing.T) {
	for cell, want := range map[string][]string{
		"Karen Davies":                     {"Karen Davies"},
		"Davies, Karen":                    {"Davies, Karen"},
		"Karen Davies / Phil Naylor":       {"Karen Davies", "Phil Naylor"},
		"Karen Davies and Phil Naylor":     {"Karen Davies", "Phil Naylor"},
		"Karen Davies, Phil Naylor":        {"Karen Davies", "Phil Naylor"},
		"Karen Davies & Phil Naylor; Ravi": {"Karen Davies", "Phil Naylor", "Ravi"},
		"":                                 nil,
	} {
		if got := splitNames(cell); !slices.Equal(got, want) {
			t.Errorf("splitNames(%q) = %q, want %q", cell, got, want)
		}
	}
}
