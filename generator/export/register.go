package export

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// registerColumns are the columns of register.csv: the service, then the
// register's nine headings (purpose, provision, ownership, support, data,
// governance, access, continuity, review) in the order of the register
// page, then the file it comes from and its page: every field of the
// record, so that nothing is lost on the way to a spreadsheet.
var registerColumns = []string{
	"Service", "Id", "Plain name", "Everyday names", "Category", "Lifecycle", "Criticality",
	"Maximum tolerable downtime", "Recovery time objective",
	"Purpose",
	"Provision", "Open to patients",
	"Owner", "Deputy owner", "Administrators", "Depends on",
	"Supplier", "Service desk", "Customer reference", "Contract reference", "Service level", "Contract end",
	"Data", "Data description",
	"DPIA", "DPIA reviewed", "DPIA reference", "Privacy notice", "Data sharing",
	"Clinical safety", "Clinical safety reference", "Supplier documents",
	"Access granted", "Access removed", "Who should have access", "Access review months", "Access reviews",
	"Access last reviewed", "Access review due", "Access review",
	"Continuity", "Runbooks",
	"Last reviewed", "Next review", "Reviewed by", "Review",
	"File", "Page",
}

// Register returns register.csv: the practice's digital services register
// as a spreadsheet, one row per service in the order of the register
// page, with a row of headings first.
//
// It is made for Excel: UTF-8 with a byte order mark (without it, Excel
// reads the file in the PC's legacy code page and garbles any accented
// letter), fields separated by commas and rows ended by CRLF as RFC 4180
// says. Values are the words the pages use, dates are written
// YYYY-MM-DD, and lists are joined with "; ".
//
// Every field is quoted, and a value that starts with = + - @, a tab or a
// line break starts with an apostrophe, as OWASP advises against CSV
// (formula) injection: a spreadsheet then reads the cell as text, however
// hostile the record, rather than running it as a formula.
func (x *Exporter) Register(pr *site.Practice) []byte {
	b := []byte("\uFEFF")
	b = appendCSVRow(b, registerColumns)
	for _, s := range site.RegisterOrder(pr.Services) {
		b = appendCSVRow(b, x.registerRow(s))
	}
	return b
}

func (x *Exporter) registerRow(s *site.Service) []string {
	labels := func(enum string, values []string) string {
		words := make([]string, len(values))
		for i, v := range values {
			words[i] = site.Enums[enum].Label(v)
		}
		return strings.Join(words, "; ")
	}
	duration := func(d site.Duration) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	var lastAccess, accessState string
	accessDue := s.AccessDue()
	if last := s.Access.LastReview(); last != nil {
		lastAccess = last.Date.String()
		accessState = site.DueOn(accessDue, x.today, x.gov.DueSoonDays).String()
	} else {
		accessState = "Never reviewed"
	}
	runbooks := make([]string, len(s.Runbooks))
	for i, rb := range s.Runbooks {
		runbooks[i] = rb.Title
	}
	people := func(list []*site.Person) string {
		names := make([]string, len(list))
		for i, pe := range list {
			names[i] = personName(pe)
		}
		return strings.Join(names, "; ")
	}
	depends := make([]string, len(s.Depends))
	for i, d := range s.Depends {
		depends[i] = d.Name
	}
	reviews := make([]string, len(s.Access.Reviews))
	for i, r := range s.Access.Reviews {
		reviews[i] = r.Date.String() + " by " + cmp.Or(personName(r.ByRef), r.By) + ": " + r.Outcome
	}
	reviewedBy := cmp.Or(personName(s.Review.ByRef), s.Review.By)
	reviewDue := s.Review.Due(x.gov.ReviewMonths)
	g, sup := &s.Governance, &s.Support
	return []string{
		s.Name, s.ID, s.PlainName, strings.Join(s.EverydayNames, "; "),
		site.Categories.Label(s.Category), site.Lifecycles.Label(s.Lifecycle),
		site.Criticalities.Label(s.Criticality),
		duration(s.MTD), duration(s.RTO),
		s.Purpose,
		site.Provisions.Label(s.Provision), s.OpenToPatients.String(),
		personName(s.OwnerRef), personName(s.DeputyRef), people(s.AdminRefs), strings.Join(depends, "; "),
		orgName(sup.SupplierOrg, sup.Supplier), orgName(sup.DeskOrg, sup.Desk), sup.CustomerRef, sup.ContractRef, sup.SLA, sup.ContractEnd.String(),
		labels("data", s.Data.Categories), s.Data.Description,
		site.DPIAStatuses.Label(g.DPIA), g.DPIAReviewed.String(), g.DPIAReference, yesNo(g.PrivacyNotice), g.DataSharing,
		site.SafetyStatuses.Label(g.ClinicalSafety), g.SafetyReference, strings.Join(g.Documents, "; "),
		s.Access.Granted, s.Access.Removed, labels("staff-group", s.Access.Users), strconv.Itoa(s.Access.ReviewMonths), strings.Join(reviews, "; "),
		lastAccess, accessDue.String(), accessState,
		s.Continuity.Summary, strings.Join(runbooks, "; "),
		s.Review.Last.String(), reviewDue.String(), reviewedBy, site.DueOn(reviewDue, x.today, x.gov.DueSoonDays).String(),
		s.File, s.URL(),
	}
}

// personName is how a person is named in the exports: a leaver with the
// date they left, as the pages name them.
func personName(pe *site.Person) string {
	switch {
	case pe == nil:
		return ""
	case pe.IsLeaver():
		return pe.Name + " (left " + pe.Left.String() + ")"
	}
	return pe.Name
}

// orgName is how an organisation is named in the exports: by its name,
// or by id, the id written, when that names no record; "" for none.
func orgName(o *site.Organisation, id string) string {
	if o == nil {
		return id
	}
	return o.Name
}

// yesNo is how the exports write a yes-or-no field.
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// appendCSVRow appends one row of RFC 4180 CSV ending in CRLF, every
// field quoted, with an apostrophe in front of a value a spreadsheet
// would take for a formula (formulaStart). encoding/csv's Writer quotes a
// field only when it must, and so cannot follow OWASP's advice to quote
// every one (a spreadsheet set to split on semicolons would otherwise
// start a new cell inside an unquoted value).
func appendCSVRow(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		if formulaStart(f) {
			b = append(b, '\'')
		}
		for j := range len(f) {
			if f[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, f[j])
		}
		b = append(b, '"')
	}
	return append(b, '\r', '\n')
}

// formulaStart reports whether a spreadsheet would take s for a formula:
// when it starts with = + - or @, or with a tab, carriage return or line
// feed, which some spreadsheets skip before looking for one.
func formulaStart(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r\n", s[0]) >= 0
}
