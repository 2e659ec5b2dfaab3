package register

import (
	"slices"
	"testing"
)

func TestDateOf(t *testing.T) {
	for _, tt := range []struct {
		text, raw string
		end       bool
		want      string // "" for no date
		why       string
	}{
		{text: "31/3/25", want: "2025-03-31"},
		{text: "31/03/2025", want: "2025-03-31"},
		{text: "1/4/2025", want: "2025-04-01"}, // day first, as the UK writes it
		{text: "31.03.2027", want: "2027-03-31"},
		{text: "31-03-2027", want: "2027-03-31"},
		{text: "2025-03-31", want: "2025-03-31"},
		{text: "2025/03/31", want: "2025-03-31"},
		{text: "2025-03-31 00:00:00", want: "2025-03-31"},
		{text: "31/03/2025 09:30", want: "2025-03-31"},
		{text: "31 March 2025", want: "2025-03-31"},
		{text: "31st March 2025", want: "2025-03-31"},
		{text: "1st of April, 2025", want: "2025-04-01"},
		{text: "30-Sep-2026", want: "2026-09-30"},
		{text: "31-Mar-25", want: "2025-03-31"},
		{text: "March 31, 2025", want: "2025-03-31"},
		{text: "March 2025", want: "2025-03-01"},
		{text: "March 2025", end: true, want: "2025-03-31"},
		{text: "Feb 2028", end: true, want: "2028-02-29"},
		{text: "Mar-27", end: true, want: "2027-03-31"},
		{text: "Sept '26", want: "2026-09-01"},
		{text: "03/2026", end: true, want: "2026-03-31"},
		{text: "  april 2026. ", want: "2026-04-01"},
		// Excel's serial numbers of date cells, as the cell stores them.
		{text: "2025-03-24", raw: "45740", want: "2025-03-24"},
		{text: "03-24-25", raw: "45740.75", want: "2025-03-24"},
		{text: "45747", want: "2025-03-31"},
		// No dates.
		{text: "sometime next year"},
		{text: "TBC"},
		{text: "2025"},
		{text: "Q1 2026"},
		{text: "3/25"},
		{text: "31/02/2026", why: "there is no such day"},
		{text: "12/31/2025", why: "it reads as month first, as in the US: handbook reads dates day first, as the UK writes them"},
		{text: "31/03/1850", why: "its year is not one a register can mean"},
		{text: "Smarch 2025"},
	} {
		raw := tt.raw
		if raw == "" {
			raw = tt.text
		}
		d, ok, why := dateOf(Cell{Text: tt.text, Raw: raw}, tt.end, false)
		switch {
		case tt.want == "" && ok:
			t.Errorf("dateOf(%q) = %s, want no date", tt.text, d)
		case tt.want != "" && (!ok || d.String() != tt.want):
			t.Errorf("dateOf(%q, end %v) = %s, %v (%s), want %s", tt.text, tt.end, d, ok, why, tt.want)
		case why != tt.why:
			t.Errorf("dateOf(%q) says %q, want %q", tt.text, why, tt.want)
		}
	}
	// A workbook that counts from 1904, as Excel for the Mac once did.
	if d, ok, _ := dateOf(Cell{Text: "x", Raw: "44278"}, false, true); !ok || d.String() != "2025-03-24" {
		t.Errorf("dateOf 44278 in the 1904 system = %s, want 2025-03-24", d)
	}
}

func TestAnswers(t *testing.T) {
	for s, want := range map[string]answer{
		"Yes": yes, "y": yes, "YES ": yes, "✓": yes, "✔": yes, "TRUE": yes, "x": yes, "1": yes,
		"No": no, "N": no, "✗": no, "FALSE": no, "0": no,
		"N/A": notApplicable, "n/a": notApplicable, "NA": notApplicable, "Not applicable": notApplicable, "Not required": notApplicable,
		"": unclear, "Maybe": unclear, "Done": unclear,
	} {
		if got := answerOf(s); got != want {
			t.Errorf("answerOf(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestDPIA(t *testing.T) {
	for _, tt := range []struct {
		cell, heading, want string // want "" for unreadable
	}{
		{"Yes", "DPIA done?", "approved"},
		{"Y", "DPIA completed", "approved"},
		{"✓", "DPIA in place", "approved"},
		{"Yes", "DPIA", ""},        // done, or needed? not claimed
		{"Yes", "DPIA status", ""}, // the same
		{"Yes", "DPIA required", ""},
		{"Done", "DPIA", "approved"},
		{"Completed", "DPIA status", "approved"},
		{"Approved", "DPIA", "approved"},
		{"ICB DPIA", "DPIA", "icb-covered"},
		{"Covered by ICB", "DPIA", "icb-covered"},
		{"In progress", "DPIA", "in-progress"},
		{"Draft", "DPIA", "in-progress"},
		{"No", "DPIA done?", "not-started"},
		{"N", "DPIA", "not-started"},
		{"Not done", "DPIA", "not-started"},
		{"N/A", "DPIA", "not-required"},
		{"Not required", "DPIA", "not-required"},
		{"Perhaps", "DPIA", ""},
	} {
		got, ok := dpiaOf(tt.cell, tt.heading)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("dpiaOf(%q under %q) = %q, want %q", tt.cell, tt.heading, got, tt.want)
		}
	}
}

func TestClinicalSafety(t *testing.T) {
	for _, tt := range []struct {
		cell, heading, want string
	}{
		{"Yes", "DCB0160", ""},
		{"Yes", "DCB0160 done", "assessed"},
		{"Assessed", "Clinical safety", "assessed"},
		{"Hazard log", "DCB0160", "assessed"},
		{"Supplier only", "DCB0160", "supplier-only"},
		{"DCB0129 only", "Clinical safety", "supplier-only"},
		{"No", "DCB0160", "not-assessed"},
		{"N/A", "DCB0160", "not-applicable"},
		{"Not clinical", "Clinical safety", "not-applicable"},
		{"?", "DCB0160", ""},
	} {
		got, ok := clinicalSafetyOf(tt.cell, tt.heading)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("clinicalSafetyOf(%q under %q) = %q, want %q", tt.cell, tt.heading, got, tt.want)
		}
	}
}

func TestChoices(t *testing.T) {
	for _, tt := range []struct {
		of           func(string) choice
		what, cell   string
		want         string
		wantGuessed  bool
		wantNoChoice bool
	}{
		{of: criticalityOf, what: "criticality", cell: "Critical", want: "critical"},
		{of: criticalityOf, what: "criticality", cell: "HIGH", want: "high"},
		{of: criticalityOf, what: "criticality", cell: "Med", want: "medium"},
		{of: criticalityOf, what: "criticality", cell: "P1", want: "critical"},
		{of: criticalityOf, what: "criticality", cell: "4", want: "low"},
		{of: criticalityOf, what: "criticality", cell: "Essential", want: "critical"},
		{of: criticalityOf, what: "criticality", cell: "Red", want: "critical", wantGuessed: true},
		{of: criticalityOf, what: "criticality", cell: "Amber", want: "high", wantGuessed: true},
		{of: criticalityOf, what: "criticality", cell: "green", want: "low", wantGuessed: true},
		{of: criticalityOf, what: "criticality", cell: "Very", wantNoChoice: true},
		{of: lifecycleOf, what: "lifecycle", cell: "In use", want: "live"},
		{of: lifecycleOf, what: "lifecycle", cell: "Trial", want: "pilot"},
		{of: lifecycleOf, what: "lifecycle", cell: "Planned", want: "proposed"},
		{of: lifecycleOf, what: "lifecycle", cell: "Being replaced", want: "retiring"},
		{of: lifecycleOf, what: "lifecycle", cell: "Decommissioned", want: "retired"},
		{of: lifecycleOf, what: "lifecycle", cell: "Sort of", wantNoChoice: true},
		{of: provisionOf, what: "provision", cell: "Yes", want: "icb-provided"},
		{of: provisionOf, what: "provision", cell: "ICB", want: "icb-provided"},
		{of: provisionOf, what: "provision", cell: "GPIT Futures", want: "icb-provided"},
		{of: provisionOf, what: "provision", cell: "NHS England", want: "nationally-provided"},
		{of: provisionOf, what: "provision", cell: "Practice", want: "practice-owned"},
		{of: provisionOf, what: "provision", cell: "No", want: "practice-owned", wantGuessed: true},
		{of: provisionOf, what: "provision", cell: "Supplier managed", want: "supplier-managed"},
		{of: provisionOf, what: "provision", cell: "PCN", wantNoChoice: true},
	} {
		got := tt.of(tt.cell)
		switch {
		case tt.wantNoChoice && got.value != "":
			t.Errorf("%s of %q = %q, want none", tt.what, tt.cell, got.value)
		case !tt.wantNoChoice && (got.value != tt.want || got.guessed != tt.wantGuessed):
			t.Errorf("%s of %q = %+v, want %q (guessed %v)", tt.what, tt.cell, got, tt.want, tt.wantGuessed)
		}
	}
}

func TestData(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want []string
		said answer
	}{
		{"Yes", nil, yes},
		{"No", []string{"none"}, no},
		{"N/A", []string{"none"}, no},
		{"None", []string{"none"}, no},
		{"No personal data", []string{"none"}, no},
		{"Patient records", []string{"patient-health", "patient-identifiable"}, yes},
		{"Patient health records", []string{"patient-health", "patient-identifiable"}, yes},
		{"Patient details", []string{"patient-identifiable"}, yes},
		{"Staff and patient data", []string{"patient-identifiable", "staff-personal"}, yes},
		{"Staff rotas", []string{"staff-personal"}, yes},
		{"Finance", []string{"business"}, yes},
		{"Some", nil, unclear},
	} {
		got, said := dataOf(tt.cell)
		if !slices.Equal(got, tt.want) || said != tt.said {
			t.Errorf("dataOf(%q) = %q, %v; want %q, %v", tt.cell, got, said, tt.want, tt.said)
		}
	}
}

func TestCategories(t *testing.T) {
	for cell, want := range map[string]string{
		"Clinical system": "clinical-system", "clinical-system": "clinical-system", "Document management": "document-management",
		"Templates": "clinical-decision-support", "Phones": "telephony", "Email": "email-collaboration",
		"Network and connectivity": "network", "Reporting": "reporting", "Comms": "",
	} {
		if got := categoryOf(cell); got != want {
			t.Errorf("categoryOf(%q) = %q, want %q", cell, got, want)
		}
	}
	// A name says the category of the products practices use.
	for name, want := range map[string]string{
		"EMIS Web": "clinical-system", "SystmOne": "clinical-system", "Docman 10": "document-management",
		"Accurx": "patient-messaging", "Accurx Patient Triage": "online-consultation", "NHSmail": "email-collaboration",
		"X-on Surgery Connect": "telephony", "Lexacom": "dictation", "Ardens": "clinical-decision-support",
		"Heidi AI scribe": "ai-scribe", "HSCN": "network", "Wi-Fi": "network", "EPS": "prescribing", "e-RS": "referrals",
		"NHS App": "patient-access", "Smartcards": "identity-access", "Eclipse Live": "reporting",
		"iGPR": "", "Information governance toolkit": "", "Steps counter": "",
	} {
		if got := guessCategory(name); got != want {
			t.Errorf("guessCategory(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestIntervals(t *testing.T) {
	for s, want := range map[string]int{"6 months": 6, "6-monthly": 6, "Six monthly": 6, "every 3 months": 3, "Quarterly": 3,
		"Annually": 12, "yearly": 12, "twice a year": 6, "12": 12, "24 mths": 24, "0": 0, "121": 0, "often": 0} {
		got, ok := monthsOf(s)
		if want == 0 && ok || want != 0 && (!ok || got != want) {
			t.Errorf("monthsOf(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for s, want := range map[string]string{"4 hours": "4h", "4h": "4h", "4 hrs": "4h", "2 days": "2d", "1 week": "1w",
		"30 minutes": "30m", "30 mins": "30m", "0 hours": "", "soon": "", "99999 days": ""} {
		if got, ok := durationOf(s); got != want || ok != (want != "") {
			t.Errorf("durationOf(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
}

func TestContactKind(t *testing.T) {
	for s, want := range map[string]string{"01632 960391": "phone", "+44 1632 960391": "phone", "(01632) 960391 ext 2": "phone",
		"support@accurx.example.com": "email", "https://help.example.com": "portal", "www.example.com": "portal",
		"EMIS support": "", "X-on": "", "111": ""} {
		if got := contactKind(s); got != want {
			t.Errorf("contactKind(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"  EMIS\u00a0Web ": "EMIS Web", "two\nlines": "two lines", "a\r\n\tb": "a b", "bell\x07": "bell",
		"\u202eevil": "evil", "\ufeffBOM": "BOM",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
