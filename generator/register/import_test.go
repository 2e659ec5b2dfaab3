package register

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
)

var day = site.NewDate(2026, 11, 21)

// sheet makes a sheet of text cells from rows of cells separated by "|".
func sheet(name string, rows ...string) *Sheet {
	sh := &Sheet{Name: name}
	for _, r := range rows {
		var cells []Cell
		if r != "" {
			for _, c := range strings.Split(r, "|") {
				cells = append(cells, Cell{Text: c, Raw: c})
			}
		}
		sh.Rows = append(sh.Rows, cells)
	}
	return sh
}

func importSheets(t *testing.T, s Site, opt Options, sheets ...*Sheet) (*Result, error) {
	t.Helper()
	if opt.Practice == "" {
		opt.Practice = "alpha"
	}
	if opt.Today.IsZero() {
		opt.Today = day
	}
	return Import(&Workbook{File: "register.xlsx", Sheets: sheets}, s, opt)
}

func mustRun(t *testing.T, s Site, opt Options, sheets ...*Sheet) *Result {
	t.Helper()
	res, err := importSheets(t, s, opt, sheets...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// notes is the report's lines.
func notes(res *Result) string {
	var b strings.Builder
	for _, n := range res.Notes {
		b.WriteString(n.String() + "\n")
	}
	return b.String()
}

// service decodes the service written for id.
func service(t *testing.T, res *Result, id string) (map[string]any, string) {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == "content/alpha/services/"+id+".toml" {
			var v map[string]any
			if _, err := toml.Decode(string(f.Data), &v); err != nil {
				t.Fatalf("%s: %v\n%s", f.Path, err, f.Data)
			}
			return v, string(f.Data)
		}
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	t.Fatalf("no services/%s.toml among %v\n%s", id, paths, notes(res))
	return nil, ""
}

func get(v map[string]any, key string) any {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		v, _ = v[p].(map[string]any)
	}
	return v[parts[len(parts)-1]]
}

func wantNote(t *testing.T, res *Result, want string) {
	t.Helper()
	if !strings.Contains(notes(res), want) {
		t.Errorf("no note %q in:\n%s", want, notes(res))
	}
}

var staff = Site{People: []Record{{ID: "kdavies", Name: "Karen Davies", JobTitle: "Practice manager"}},
	Organisations: []Record{{ID: "emis-optum", Name: "EMIS (Optum UK)"}, {ID: "acme-desk", Name: "Acme Service Desk"}}}

func TestHeaderRow(t *testing.T) {
	// Title rows, a note, blank rows and a row of group headings above the
	// headings; the group row names one field (Support), and no name.
	sh := sheet("Services",
		"Digital services register",
		"Updated March 2025 by the practice manager",
		"",
		"The system|||Support||",
		"SYSTEM NAME:|Lead|Vendor|Help desk|Renewal date|Widgets",
		"EMIS Web|Karen Davies|EMIS|Acme Service Desk|31/03/2028|12",
	)
	sh.Merged = []Range{{Top: 1, Left: 1, Bottom: 1, Right: 6}, {Top: 4, Left: 1, Bottom: 4, Right: 3}}
	res := mustRun(t, staff, Options{}, sh)
	wantNote(t, res, `register.xlsx!Services: the headings are in row 5: A "SYSTEM NAME:" as name, B "Lead" as owner, C "Vendor" as support.supplier, D "Help desk" as support.desk, E "Renewal date" as support.contract_end`)
	wantNote(t, res, `register.xlsx!Services!F5: column "Widgets" matches no field of a service: left out; to import it, add --map "Widgets=FIELD"`)
	v, _ := service(t, res, "emis-web")
	for key, want := range map[string]any{"owner": "kdavies", "support.supplier": "emis-optum", "support.desk": "acme-desk"} {
		if got := get(v, key); got != want {
			t.Errorf("%s = %v, want %v", key, got, want)
		}
	}
	if got := get(v, "support.contract_end"); got == nil {
		t.Errorf("no contract end")
	}
}

func TestMap(t *testing.T) {
	sh := sheet("S", "Thing|Person|Money|Spare", "EMIS Web|Karen Davies|£100|x")
	// No heading names a service: no header row.
	_, err := importSheets(t, staff, Options{}, sh)
	if err == nil || !strings.Contains(err.Error(), "register.xlsx!S: no header row found") {
		t.Fatalf("err = %v", err)
	}
	res := mustRun(t, staff, Options{Map: []Mapping{{"thing", "name"}, {"PERSON", "owner"}, {"Money", "notes"}, {"Spare", "ignore"}}}, sh)
	v, data := service(t, res, "emis-web")
	if get(v, "owner") != "kdavies" || !strings.Contains(data, "# Money (in the register): £100\n") {
		t.Errorf("the mapped columns are not imported:\n%s", data)
	}
	if strings.Contains(notes(res), "Spare") {
		t.Errorf("an ignored column is reported:\n%s", notes(res))
	}
	// A --map heading no column has is a mistake.
	_, err = importSheets(t, staff, Options{Map: []Mapping{{"Thing", "name"}, {"Person", "owner"}, {"Renewal", "support.contract_end"}}}, sh)
	if err == nil || !strings.Contains(err.Error(), `--map "Renewal=support.contract_end": no column of the register is headed "Renewal"`) {
		t.Errorf("err = %v", err)
	}
	// A --map overrides a heading's usual field: Lead, an owner's heading,
	// is the deputy.
	res = mustRun(t, staff, Options{Map: []Mapping{{"Lead", "deputy"}}}, sheet("S", "System|Owner|Lead", "EMIS Web|Karen Davies|Tom Reid"))
	if v, _ := service(t, res, "emis-web"); get(v, "owner") != "kdavies" || get(v, "deputy") != "tom-reid" {
		t.Errorf("owner = %v, deputy = %v; want kdavies and tom-reid\n%s", get(v, "owner"), get(v, "deputy"), notes(res))
	}
}

func TestBadInput(t *testing.T) {
	for _, tt := range []struct {
		name   string
		opt    Options
		sheets []*Sheet
		want   string
	}{
		{"an empty sheet", Options{}, []*Sheet{sheet("Services")}, "register.xlsx!Services: the sheet is empty"},
		{"empty sheets", Options{}, []*Sheet{sheet("A", "", ""), sheet("B")}, "register.xlsx: the spreadsheet is empty"},
		{"no header row", Options{}, []*Sheet{sheet("Services", "Shopping list", "Milk|2", "Bread|1")},
			"register.xlsx!Services: no header row found: none of the first 30 rows names the columns of a register"},
		{"no header in any sheet", Options{}, []*Sheet{sheet("A", "x|y"), sheet("B", "Owner|Supplier")},
			"register.xlsx: no header row found in any sheet"},
		{"a header 31 rows down", Options{}, []*Sheet{sheet("S", append(make([]string, 30), "System|Owner", "EMIS|Karen")...)},
			"no header row found"},
		{"headings but no services", Options{}, []*Sheet{sheet("S", "System|Owner", "", "|Karen Davies")},
			"register.xlsx: the register has headings but no services"},
		{"no such sheet", Options{Sheet: "Servics"}, []*Sheet{sheet("Services", "System|Owner")},
			`register.xlsx: the workbook has no sheet "Servics"`},
	} {
		_, err := importSheets(t, staff, tt.opt, tt.sheets...)
		var re *Error
		switch {
		case !errors.As(err, &re):
			t.Errorf("%s: %v, want an *Error", tt.name, err)
		case !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: %q, want %q", tt.name, err, tt.want)
		case re.Hint == "":
			t.Errorf("%s: no hint", tt.name)
		}
	}
	_, err := importSheets(t, staff, Options{Sheet: "Servics"}, sheet("Services", "System|Owner"))
	if err.(*Error).Hint != `did you mean "Services"?` {
		t.Errorf("hint %q", err.(*Error).Hint)
	}
}

func TestSheets(t *testing.T) {
	hidden := sheet("Lists", "System|Owner", "EMIS Web|Karen Davies")
	hidden.Hidden = true
	other := sheet("Notes", "Read me first")
	// Every visible sheet with a register; --sheet for a hidden one.
	res := mustRun(t, staff, Options{}, sheet("Current", "System|Owner", "Docman|Karen Davies"), other, hidden, sheet("Old", "Software|Lead", "Lexacom|Karen Davies"))
	wantNote(t, res, "register.xlsx!Lists: the sheet is hidden: not read (name it with --sheet to read it)")
	wantNote(t, res, "register.xlsx!Notes: no row of the first 30 names the columns of a register: not read")
	if res.Services != 2 {
		t.Errorf("%d services, want 2 (docman, lexacom)", res.Services)
	}
	res = mustRun(t, staff, Options{Sheet: "lists"}, sheet("Current", "System|Owner", "Docman|Karen Davies"), hidden)
	service(t, res, "emis-web")
	if res.Services != 1 {
		t.Errorf("--sheet reads %d services", res.Services)
	}
}

func TestRows(t *testing.T) {
	sh := sheet("S",
		"System|Owner|Supplier",
		"EMIS Web|Karen Davies|EMIS",
		"Docman||Docman",
		"Accurx||Accurx",
		"Clinical tools||",
		"System|Owner|Supplier",
		"|Karen Davies|Lexacom",
		"EMIS Web|Karen Davies|EMIS",
		strings.Repeat("A very long name ", 10)+"|Karen Davies|",
		"日本|Karen Davies|",
		"Index|Karen Davies|",
	)
	sh.Merged = []Range{
		{Top: 2, Left: 2, Bottom: 4, Right: 2}, // Karen Davies owns three services
		{Top: 5, Left: 1, Bottom: 5, Right: 3}, // a heading across the sheet
	}
	res := mustRun(t, staff, Options{}, sh)
	for _, id := range []string{"docman", "accurx"} {
		if v, _ := service(t, res, id); get(v, "owner") != "kdavies" {
			t.Errorf("%s: owner %v, want kdavies from the merged cell", id, get(v, "owner"))
		}
	}
	wantNote(t, res, `register.xlsx!S!A5: "Clinical tools", merged across A5:C5, is a heading within the sheet, not a service: passed over`)
	wantNote(t, res, "register.xlsx!S!6:6: the row repeats the headings: passed over")
	wantNote(t, res, "register.xlsx!S!A7: the row has values but no name (column A is empty): left out; give it a name in column A to import it")
	wantNote(t, res, `register.xlsx!S!A8: "EMIS Web" is on row 2 already (as services/emis-web.toml): this row is left out`)
	wantNote(t, res, "register.xlsx!S!A9: the name is 169 characters long: cut to 120")
	wantNote(t, res, `register.xlsx!S!A10: the name "日本" has no letters or digits to make a file name of: the file is services/service-row-10.toml`)
	service(t, res, "service-row-10")
	service(t, res, "index-service")
	if res.Problems != 4 {
		t.Errorf("%d problems, want 4:\n%s", res.Problems, notes(res))
	}
}

// TestBadCells checks that a value that cannot be read is reported at its
// cell, with what to write, and that the record has its placeholder.
func TestBadCells(t *testing.T) {
	sh := sheet("Services",
		"System|Next review|Criticality|Status|DPIA|Personal data|Funded by|Access review frequency|MTD|RTO|Contract end|Category|DCB0160|Privacy notice|Supplier|Last reviewed",
		"EMIS Web|sometime next year|Very|Sort of|Yes|Some|PCN|often|4 hours|2 days|31/02/2027|Comms|Yes|Perhaps|01632 960000|last spring",
	)
	res := mustRun(t, staff, Options{}, sh)
	for _, want := range []string{
		`register.xlsx!Services!B2: "sometime next year" is not a date: write it as a date, such as 31/03/2027, or fill in review.next by hand`,
		`register.xlsx!Services!C2: "Very" is not a criticality: write Critical, High, Medium or Low, or fill in criticality by hand`,
		`register.xlsx!Services!D2: "Sort of" is not a stage of a service's life: write Proposed, Pilot, Live, Retiring or Retired, or fill in lifecycle by hand`,
		`register.xlsx!Services!E2: "Yes" under "DPIA" may mean a DPIA is done, or that one is needed: governance.dpia is not-started until you say`,
		`register.xlsx!Services!F2: "Some" does not say what data it holds`,
		`register.xlsx!Services!G2: "PCN" does not say who provides it`,
		`register.xlsx!Services!H2: "often" is not how often access is reviewed`,
		`register.xlsx!Services!J2: the recovery time objective, 2d, is longer than the maximum tolerable downtime, 4h: left out`,
		`register.xlsx!Services!K2: "31/02/2027" is not a date (there is no such day)`,
		`register.xlsx!Services!L2: "Comms" is not a category of the register`,
		`register.xlsx!Services!M2: "Yes" under "DCB0160" may mean a DCB0160 assessment is done`,
		`register.xlsx!Services!N2: "Perhaps" does not say whether the privacy notice covers it`,
		`register.xlsx!Services!O2: supplier "01632 960000" is a phone number, not a company`,
		`register.xlsx!Services!P2: "last spring" is not a date: write it as a date, such as 21/11/2026, or fill in review.last by hand`,
		`register.xlsx!Services!A2: no owner in the register: the owner is to-do-owner, a placeholder`,
	} {
		wantNote(t, res, want)
	}
	if res.Problems != 14 {
		t.Errorf("%d problems, want 14", res.Problems)
	}
	v, data := service(t, res, "emis-web")
	for key, want := range map[string]any{
		"criticality": "medium", "lifecycle": "live", "governance.dpia": "not-started", "provision": "practice-owned",
		"access.review_months": int64(12), "max_tolerable_downtime": "4h", "category": "clinical-system",
		"governance.clinical_safety": "not-assessed", "owner": "to-do-owner", "support.desk": "to-do-support-desk",
		"data.categories": []any{"patient-health"}, "review.last": day.String(),
	} {
		got := get(v, key)
		if d, ok := got.(time.Time); ok {
			got = d.Format(time.DateOnly)
		}
		if ws, ok := want.([]any); ok {
			if gs, _ := got.([]any); len(gs) != len(ws) || gs[0] != ws[0] {
				t.Errorf("%s = %v, want %v", key, got, want)
			}
			continue
		}
		if got != want {
			t.Errorf("%s = %#v, want %#v", key, got, want)
		}
	}
	for _, key := range []string{"review.next", "recovery_time_objective", "support.contract_end", "support.supplier", "governance.privacy_notice"} {
		if get(v, key) != nil {
			t.Errorf("%s = %v, want it left out", key, get(v, key))
		}
	}
	for _, want := range []string{
		`# TO DO: the register says "sometime next year" (B2), which is not a date: write it here as next = YYYY-MM-DD, such as 2027-03-31.`,
		// A date past is given today as its example, not a date to come.
		`# TO DO: the register says "last spring" (P2), which is not a date: write the date of the last review here; until then the date of the import, such as 2026-11-21.`,
		`# TO DO: the register says "Yes" under "DPIA" (E2): if the DPIA is done and approved, write "approved"`,
	} {
		if !strings.Contains(strings.ReplaceAll(data, "\n# ", " "), strings.TrimPrefix(want, "# ")) {
			t.Errorf("no comment %q in:\n%s", want, data)
		}
	}
	// Both placeholders are written, once.
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != "content/alpha/services/emis-web.toml content/alpha/people/to-do-owner.toml content/organisations/to-do-support-desk.toml" {
		t.Errorf("files %s", got)
	}
}

func TestExisting(t *testing.T) {
	s := staff
	s.Services = []Record{{ID: "emis-web", Name: "EMIS Web"}, {ID: "docman", Name: "Docman 10"}}
	res := mustRun(t, s, Options{}, sheet("S", "System|Owner|Supplier", "EMIS Web|Tom Reid|Brand New Ltd", "Docman 10|Karen Davies|", "Lexacom|Karen Davies|EMIS"))
	wantNote(t, res, "register.xlsx!S!A2: content/alpha/services/emis-web.toml exists: left as it is")
	wantNote(t, res, "register.xlsx!S!A3: content/alpha/services/docman.toml exists: left as it is")
	if res.Services != 1 || len(res.Kept) != 2 || res.People != 0 || res.Organisations != 0 {
		t.Errorf("%d services, %d people, %d organisations written, %d kept: a kept row makes no person or organisation either",
			res.Services, res.People, res.Organisations, len(res.Kept))
	}
}

// TestReplacesUnedited checks that a service as handbook new wrote it is
// replaced by the register's row under its own id, matched by id or by
// name, and only once.
func TestReplacesUnedited(t *testing.T) {
	s := staff
	s.Services = []Record{{ID: "emis-web", Name: "EMIS Web", Unedited: true}, {ID: "dm", Name: "Docman 10", Unedited: true}}
	res := mustRun(t, s, Options{}, sheet("S", "System|Owner", "EMIS Web|Karen Davies", "Docman 10|Karen Davies", "EMIS Web|Karen Davies"))
	wantNote(t, res, "register.xlsx!S!A2: content/alpha/services/emis-web.toml is as handbook new wrote it: replaced by this row")
	wantNote(t, res, "register.xlsx!S!A3: content/alpha/services/dm.toml is as handbook new wrote it: replaced by this row")
	wantNote(t, res, `register.xlsx!S!A4: "EMIS Web" is on row 2 already (as services/emis-web.toml): this row is left out`)
	var got []string
	for _, f := range res.Files {
		got = append(got, fmt.Sprintf("%s %v", f.Path, f.Replaces))
	}
	if want := []string{"content/alpha/services/emis-web.toml true", "content/alpha/services/dm.toml true",
		"content/organisations/to-do-support-desk.toml false"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if res.Services != 2 || len(res.Kept) != 0 {
		t.Errorf("%d services written, %d kept", res.Services, len(res.Kept))
	}
}

// TestNewNamesNearEachOther checks that two new people whose names are a
// letter apart are reported, when one is written in full only elsewhere
// in the register: "K. Davies" is Karen Davies, close to Karen Davis.
func TestNewNamesNearEachOther(t *testing.T) {
	res := mustRun(t, Site{}, Options{}, sheet("S", "System|Owner|Deputy",
		"EMIS Web|Karen Davis|", "Docman|K. Davies|", "Wi-Fi|Tom Reid|Karen Davies"))
	wantNote(t, res, `register.xlsx!S!B3: owner "K. Davies" is close to Karen Davis (karen-davis), also new from this register: wrote content/alpha/people/karen-davies.toml for Karen Davies as well, as they may be two people. If they are one, keep the file with the right name`)
}

// TestPeople checks how the names in the register become people: each
// new one written once, whatever the rows that name it; a role matched
// by job title; two people in one cell.
func TestPeople(t *testing.T) {
	s := staff
	s.People = append(s.People, Record{ID: "amcdonald", Name: "Alan McDonald", Leaver: true})
	res := mustRun(t, s, Options{}, sheet("S",
		"System|Owner|Deputy|Admins|Helpdesk|Supplier",
		"EMIS Web|Tom Reid|Karen Davies|Tom Reid, Priya Shah|EMIS support|EMIS",
		"Docman|Karen Davies / Tom Reid||Priya Shah|01632 960370|Docman",
		"Accurx|Practice Manager|IT team||support@accurx.example.com|",
		"Lexacom|Alan McDonald|Karen Davies|||",
	))
	wantNote(t, res, `register.xlsx!S!B2, D2, B3: owner "Tom Reid" is no person of the practice yet: wrote content/alpha/people/tom-reid.toml`)
	wantNote(t, res, `register.xlsx!S!D2, D3: administrator "Priya Shah" is no person of the practice yet`)
	wantNote(t, res, `register.xlsx!S!B3: owner "Karen Davies / Tom Reid" names more than one person: Karen Davies is the owner and Tom Reid the deputy`)
	wantNote(t, res, `register.xlsx!S!B4: owner "Practice Manager" is taken to be Karen Davies (kdavies), the practice's only Practice manager`)
	wantNote(t, res, `register.xlsx!S!C4: deputy "IT team" names a role, not a person`)
	wantNote(t, res, `register.xlsx!S!B5: owner "Alan McDonald" is Alan McDonald (amcdonald); they have left the practice, as handbook check will report`)
	wantNote(t, res, `register.xlsx!S!E4: helpdesk "support@accurx.example.com" is an email address, and the register names no supplier: wrote content/organisations/accurx-helpdesk.toml for it, named "Accurx helpdesk"`)
	v, _ := service(t, res, "docman")
	if get(v, "owner") != "kdavies" || get(v, "deputy") != "tom-reid" {
		t.Errorf("docman: owner %v, deputy %v", get(v, "owner"), get(v, "deputy"))
	}
	// The helpdesk's number goes to the supplier written for this import.
	var docman string
	for _, f := range res.Files {
		if f.Path == "content/organisations/docman.toml" {
			docman = string(f.Data)
		}
	}
	if !strings.Contains(docman, `phone = "01632 960370"`) {
		t.Errorf("organisations/docman.toml:\n%s", docman)
	}
	if v, _ := service(t, res, "emis-web"); get(v, "support.desk") != "emis-optum" {
		t.Errorf(`"EMIS support" is desk %v, want the supplier, emis-optum`, get(v, "support.desk"))
	}
	if res.People != 2 {
		t.Errorf("%d people written, want 2", res.People)
	}
	if v, _ := service(t, res, "lexacom"); get(v, "owner") != "amcdonald" {
		t.Errorf("lexacom: owner %v, want the leaver the register names, amcdonald", get(v, "owner"))
	}
}

// TestValues checks the values read from the register, and that every
// value the register gives is in the record.
func TestValues(t *testing.T) {
	sh := sheet("S",
		"System|Plain name|Also known as|Purpose|Category|ICB provided|Status|Priority|MTD|RTO|Owner|Supplier|Helpdesk|Customer ref|Contract ref|SLA|Expiry|Data|Data description|DPIA done?|DPIA date|DPIA ref|Privacy notice|DSA|Clinical safety|Hazard log|Starters|Leavers|Access review|BCP|Reviewed|Next review|Reviewed by|Notes|Comments",
		`EMIS Web|The clinical system|EMIS; the system|Records "and" appointments|Clinical system|Yes|Live|P1|4 hours|2 hours|Karen Davies|EMIS Optum UK|Acme Service Desk|CDB 90417|EICB-0193|P1 in 30 minutes|Mar-28|Patient records|11,200 patients' records|✓|04/11/2025|ICB DPIA 2023-014|Yes|GPIT Futures DPA|Assessed|HL-001|Form to the service desk|Disabled on the last day|10/04/2026|Paper notes|18/06/2026|18 June 2027|Karen Davies|Licences: 40|Renew early`,
	)
	res := mustRun(t, staff, Options{}, sh)
	v, data := service(t, res, "emis-web")
	for key, want := range map[string]any{
		"plain_name": "The clinical system", "purpose": `Records "and" appointments`, "category": "clinical-system",
		"provision": "icb-provided", "lifecycle": "live", "criticality": "critical", "max_tolerable_downtime": "4h",
		"recovery_time_objective": "2h", "owner": "kdavies", "support.supplier": "emis-optum", "support.desk": "acme-desk", "support.customer_ref": "CDB 90417", "support.contract_ref": "EICB-0193",
		"support.sla": "P1 in 30 minutes", "data.description": "11,200 patients' records", "governance.dpia": "approved",
		"governance.dpia_reference": "ICB DPIA 2023-014", "governance.privacy_notice": true, "governance.data_sharing": "GPIT Futures DPA",
		"governance.clinical_safety": "assessed", "governance.clinical_safety_reference": "HL-001", "access.granted": "Form to the service desk",
		"access.removed": "Disabled on the last day", "continuity.summary": "Paper notes", "review.by": "kdavies",
	} {
		if got := get(v, key); got != want {
			t.Errorf("%s = %#v, want %#v", key, got, want)
		}
	}
	for key, want := range map[string]string{"support.contract_end": "2028-03-31", "governance.dpia_reviewed": "2025-11-04",
		"review.last": "2026-06-18", "review.next": "2027-06-18"} {
		if got, ok := get(v, key).(time.Time); !ok || got.Format(time.DateOnly) != want {
			t.Errorf("%s = %v, want %s", key, get(v, key), want)
		}
	}
	reviews, _ := get(v, "access.reviews").([]map[string]any)
	if len(reviews) != 1 || reviews[0]["by"] != "kdavies" || reviews[0]["date"].(time.Time).Format(time.DateOnly) != "2026-04-10" {
		t.Errorf("access.reviews = %v", get(v, "access.reviews"))
	}
	if names, _ := get(v, "everyday_names").([]any); len(names) != 2 || names[1] != "the system" {
		t.Errorf("everyday_names = %v", get(v, "everyday_names"))
	}
	for _, want := range []string{"# Notes (in the register): Licences: 40\n", "# Comments (in the register): Renew early\n"} {
		if !strings.Contains(data, want) {
			t.Errorf("no %q in:\n%s", want, data)
		}
	}
	// Only what the register leaves open is marked TO DO: the kinds of
	// data, read from its words; how often access is reviewed; who did
	// the access review, and what it found.
	if n := strings.Count(data, "# TO DO:"); n != 4 {
		t.Errorf("%d TO DOs, want 4:\n%s", n, data)
	}
	if res.Problems != 0 {
		t.Errorf("problems:\n%s", notes(res))
	}
}

// TestFullestName checks that a person the register names in two ways,
// initials first, is written once, under the fuller name.
func TestFullestName(t *testing.T) {
	res := mustRun(t, staff, Options{Folder: "site"}, sheet("S",
		"System|Owner|Deputy",
		"Lexacom|Dr S Okafor|",
		"Docman|Karen Davies|Dr Sam Okafor",
		"Accurx|Okafor|",
	))
	wantNote(t, res, `register.xlsx!S!B2: owner "Dr S Okafor" is no person of the practice yet: wrote site/content/alpha/people/sam-okafor.toml for Dr Sam Okafor, as the register names them elsewhere`)
	wantNote(t, res, `register.xlsx!S!B4: owner "Okafor" is taken to be Dr Sam Okafor (sam-okafor), the only person of the practice it fits: used sam-okafor`)
	if res.People != 1 {
		t.Errorf("%d people written, want 1:\n%s", res.People, notes(res))
	}
	for _, id := range []string{"lexacom", "accurx"} {
		if v, _ := service(t, res, id); get(v, "owner") != "sam-okafor" {
			t.Errorf("%s: owner %v", id, get(v, "owner"))
		}
	}
}

// TestPlaceholdersAgain checks that the placeholder owner and helpdesk of
// an earlier import are used again, not written again.
func TestPlaceholdersAgain(t *testing.T) {
	s := staff
	s.People = append(s.People, Record{ID: "to-do-owner", Name: "TO DO: owner not named in the register"})
	s.Organisations = append(s.Organisations, Record{ID: "to-do-support-desk", Name: "TO DO: helpdesk not named in the register"})
	res := mustRun(t, s, Options{}, sheet("S", "System|Purpose", "Wi-Fi|Staff Wi-Fi"))
	if len(res.Files) != 1 {
		t.Fatalf("%d files, want the service alone", len(res.Files))
	}
	if v, _ := service(t, res, "wi-fi"); get(v, "owner") != "to-do-owner" || get(v, "support.desk") != "to-do-support-desk" {
		t.Errorf("owner %v, desk %v", get(v, "owner"), get(v, "support.desk"))
	}
	// A new person or organisation never takes a placeholder's id.
	res = mustRun(t, staff, Options{}, sheet("S", "System|Owner|Supplier", "Wi-Fi|To Do Owner|To do support desk"))
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, "/to-do-owner.toml") || strings.HasSuffix(f.Path, "/to-do-support-desk.toml") {
			t.Errorf("wrote %s", f.Path)
		}
	}
}
