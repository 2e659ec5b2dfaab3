package register_test

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite testdata/register.xlsx and the golden files")

// sampleXLSX builds testdata/register.xlsx: Millbrook Surgery's register
// (a fictional practice, its people fictional, its products real) as a
// practice keeps it, mess and all: a title row and a note above the
// headings, a row of merged group headings, a merged heading over two
// columns, blank rows, a heading across the sheet within it, dates typed
// as text in five ways and one as a date cell, one that is no date,
// "Yes" for a DPIA under "DPIA done?", a RAG rating for criticality, an
// owner whose name is a letter off Karen Davies, another given by
// initials and another by job title, a helpdesk given as a phone number
// or an email address, a column no field matches, a row with no name,
// and a hidden sheet of drop-down choices and a sheet of notes.
func sampleXLSX(t *testing.T) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const s = "Services"
	must(f.SetSheetName("Sheet1", s))
	set := func(cell string, v any) { must(f.SetCellValue(s, cell, v)) }
	merge := func(from, to string) { must(f.MergeCell(s, from, to)) }

	set("A1", "Millbrook Surgery: Digital Services Register (information asset register) 2025/26")
	merge("A1", "R1")
	set("A2", "Kept by the practice manager. Last updated March 2025. Please tell Karen about any new system!")
	merge("A2", "R2")
	for cell, v := range map[string]string{"A4": "The system", "D4": "Who is responsible", "F4": "Support & contract",
		"J4": "Information governance", "M4": "Review", "O4": "Continuity"} {
		set(cell, v)
	}
	merge("A4", "C4")
	merge("D4", "E4")
	merge("F4", "I4")
	merge("J4", "L4")
	merge("M4", "N4")
	merge("O4", "P4")
	headings := []string{"System", "What it is for", "Category", "IAO", "Deputy", "Supplier", "Helpdesk", "",
		"Renewal", "Personal data?", "DPIA done?", "DCB0160", "Last reviewed", "Next review", "Criticality (RAG)",
		"Workaround", "Licences", "Notes"}
	must(f.SetSheetRow(s, "A5", &headings))
	merge("G5", "H5") // the helpdesk's name in G, its number in H: the heading belongs to G

	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	rows := []struct {
		cell string
		vals []any
	}{
		{"A6", []any{"EMIS Web", "Clinical record, appointments, prescribing, recalls", "Clinical system", "Karen Davis", "Dr Sam Okafor",
			"EMIS", "EMIS Health support", "01632 960310", "31/3/28", "Patient records", "Yes", "Yes",
			time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), "March 2026", "Red", "EMIS-X Business Continuity, then paper notes", 24,
			"ICB funded through GPIT Futures"}},
		{"A7", []any{"Docman 10", "Incoming hospital letters: workflow, coding and filing", "Document management", "K. Davies", "Priya Shah",
			"Docman", "", "", "31.03.2027", "Patient records", "Yes", "Supplier only", "2025-03-14", "sometime next year",
			"Amber", "Hold the post; file it when Docman is back", 95, ""}},
		{"A9", []any{"Accurx", "Text messages to patients, video consultations and Patient Triage", "Patient messaging", "Priya Shah",
			"Karen Davies", "Accurx", "support@accurx.example.com", "", "April 2026", "Patient details", "Yes", "Supplier only",
			"45740", "", "Amber", "Phone patients instead", "", "Free through the national framework"}},
		{"A10", []any{"NHSmail", "Secure email and Teams", "Email", "Tom Reid", "", "NHS England", "NHSmail helpdesk", "", "",
			"Staff and patient data", "N/A", "N/A", "1 Feb 2025", "01/02/2026", "Green", "Phone; the ICB's secure transfer for urgent documents", "", ""}},
		{"A11", []any{"X-on Surgery Connect", "Cloud telephony: queueing, call-back and recording", "Telephony", "Karen Davis", "Tom Reid",
			"X-on", "X-on support", "01632 960391", "30/09/2026", "Call recordings", "In progress", "N/A", "31/01/2025", "31/01/2026",
			"Red", "Divert to the practice mobiles", 20, "Call recording retention to check"}},
		{"A12", []any{"Other systems"}},
		{"A13", []any{"Lexacom", "Digital dictation for GPs", "Dictation", "Dr S Okafor", "", "Lexacom", "", "", "Mar-27",
			"Patient letters", "No", "No", "", "", "Green", "Handwrite; type up afterwards", 8, ""}},
		{"A14", []any{"iGPR", "Insurance reports and subject access requests", "", "Practice Manager", "", "iGPR Technologies", "",
			"", "", "Yes", "Done", "", "12/12/2024", "", "Medium", "", "", ""}},
		{"A15", []any{"Ardens", "EMIS templates, searches and alerts", "Templates", "Dr Sam Okafor", "", "Ardens", "", "", "31/03/2026",
			"None", "N/A", "Yes", "", "", "Low", "None needed", "", ""}},
		{"A16", []any{"Wi-Fi", "Staff and patient Wi-Fi", "Network", "", "", "", "", "", "", "No", "N/A", "N/A", "", "", "Low",
			"Use the wired PCs", "", ""}},
		{"A18", []any{"", "Shared drive", "", "", "", "", "", "", "", "Yes", "", "", "", "", "", "", "", "To ask the ICB"}},
	}
	for _, r := range rows {
		vals := r.vals
		must(f.SetSheetRow(s, r.cell, &vals))
	}
	must(f.SetCellStyle(s, "M6", "M6", dateStyle))
	must(f.SetCellValue(s, "M9", 45740)) // a date cell: Excel keeps its serial number
	must(f.SetCellStyle(s, "M9", "M9", dateStyle))
	merge("A12", "R12")

	// A sheet of notes, and the hidden list of a drop-down's choices.
	_, err = f.NewSheet("Read me")
	must(err)
	must(f.SetCellValue("Read me", "A1", "How to fill in the register"))
	must(f.SetCellValue("Read me", "A2", "One row per system. Review every system once a year."))
	_, err = f.NewSheet("Lists")
	must(err)
	for i, v := range []string{"Criticality", "Red", "Amber", "Green"} {
		must(f.SetCellValue("Lists", "A"+string(rune('1'+i)), v))
	}
	must(f.SetCellValue("Lists", "B1", "System"))
	must(f.SetSheetVisible("Lists", false))
	return f
}

// TestSampleXLSX keeps testdata/register.xlsx as sampleXLSX builds it:
// -update writes it; otherwise its cells, merged cells and sheets must
// be the same.
func TestSampleXLSX(t *testing.T) {
	f := sampleXLSX(t)
	if *update {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/register.xlsx", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := excelize.OpenFile("testdata/register.xlsx")
	if err != nil {
		t.Fatalf("%v (run go test ./generator/register -run SampleXLSX -update to write it)", err)
	}
	defer got.Close()
	if a, b := got.GetSheetList(), f.GetSheetList(); !slices.Equal(a, b) {
		t.Fatalf("sheets %q, want %q: run with -update", a, b)
	}
	for _, sh := range f.GetSheetList() {
		want, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		have, _ := got.GetRows(sh, excelize.Options{RawCellValue: true})
		if !slices.EqualFunc(want, have, slices.Equal) {
			t.Errorf("sheet %s: the cells of testdata/register.xlsx differ from sampleXLSX's: run with -update", sh)
		}
		wm, _ := f.GetMergeCells(sh, true)
		hm, _ := got.GetMergeCells(sh, true)
		if len(wm) != len(hm) {
			t.Errorf("sheet %s: %d merged cells, want %d: run with -update", sh, len(hm), len(wm))
		}
	}
}
