// Package export writes the handbook in forms other programs read: for
// each practice its register as a spreadsheet (register.csv), its due
// dates as a calendar feed (reviews.ics) and its records and governance
// findings as data (practice.json); and for the whole site an index with
// the shared records (handbook.json).
//
// It consumes a *site.Handbook that link has resolved and govern has
// checked, and produces site.Files in memory. Like render it is pure and
// deterministic: the same handbook and build date give the same bytes.
// Nothing sensitive is exported: a field tagged sensitive (a person's
// personal mobile) appears in no file.
package export

import (
	"github.com/handbook-nhs/handbook/generator/site"
)

// FormatVersion is the version of the JSON files' layout. It goes up
// when a change could break a program that reads them: a key renamed,
// removed or given another type. Added keys keep the version.
const FormatVersion = 1

// Exporter makes the export files of one handbook as of one date. It is
// safe for concurrent use.
type Exporter struct {
	h     *site.Handbook
	today site.Date
	gov   site.Thresholds
}

// New returns an exporter of h, which govern has checked as of today.
func New(h *site.Handbook, today site.Date) *Exporter {
	return &Exporter{h: h, today: today, gov: h.Config.Governance.WithDefaults()}
}

// Practice returns the export files of pr, all in its folder: register.csv,
// reviews.ics and practice.json.
func (x *Exporter) Practice(pr *site.Practice) []site.File {
	return []site.File{
		{Path: pr.RegisterCSVURL(), Data: x.Register(pr)},
		{Path: pr.AssetsCSVURL(), Data: x.Assets(pr)},
		{Path: pr.CalendarURL(), Data: x.Calendar(pr)},
		{Path: pr.JSONURL(), Data: x.PracticeJSON(pr)},
	}
}

// Handbook returns handbook.json and network.csv, which change with any
// practice.
func (x *Exporter) Handbook() []site.File {
	return []site.File{
		{Path: site.JSONURL, Data: x.HandbookJSON()},
		{Path: site.NetworkCSVURL, Data: x.Network()},
	}
}
