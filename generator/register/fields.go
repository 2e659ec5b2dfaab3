package register

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/handbook-nhs/handbook/generator/site"
)

// A field is what a column of the register can hold: a key of the service
// record (or notes, kept as comments), with the headings practices write
// over it.
type field struct {
	// key is the record's key, as --map names it: "support.contract_end".
	key string
	// also are other names --map takes for it: "contract_end".
	also []string
	// what names the field in a report: "contract end".
	what string
	// headings are the column headings that mean the field, matched
	// whatever their case, spacing and punctuation.
	headings []string
}

// The pseudo-keys of columns kept as comments, and of columns left out on
// purpose.
const (
	notesKey  = "notes"
	ignoreKey = "ignore"
)

// fields are the fields of the register, in the order of the record.
var fields = []*field{
	{key: "name", what: "name", headings: []string{"System", "Application", "Service", "Software", "System name",
		"Name", "Service name", "Application name", "Software name", "Product", "Digital service", "IT system", "Asset"}},
	{key: "plain_name", what: "plain name", headings: []string{"Plain name", "Plain English name", "Known as", "Common name"}},
	{key: "everyday_names", what: "other names", headings: []string{"Also known as", "AKA", "Other names", "Nicknames"}},
	{key: "purpose", what: "purpose", headings: []string{"Purpose", "What it is for", "Description", "What it does",
		"Used for", "Use", "Function", "Purpose of system"}},
	{key: "category", what: "category", headings: []string{"Category", "Type", "System type", "Kind", "Service type", "Group"}},
	{key: "provision", what: "provision", headings: []string{"Provision", "ICB provided", "Funded by", "Provided by",
		"Funding", "Paid by", "Who pays", "Commissioned by", "CCG provided", "GPIT funded"}},
	{key: "lifecycle", what: "lifecycle", headings: []string{"Lifecycle", "Status", "Stage", "In use", "Live", "Current status"}},
	{key: "criticality", what: "criticality", headings: []string{"Criticality", "Priority", "Importance", "RAG",
		"Critical", "Business critical", "Impact", "Tier", "Criticality rating", "Business impact"}},
	{key: "max_tolerable_downtime", also: []string{"mtd"}, what: "maximum tolerable downtime",
		headings: []string{"Maximum tolerable downtime", "Max tolerable downtime", "MTD", "MTPD", "Max downtime",
			"Maximum tolerable period of disruption"}},
	{key: "recovery_time_objective", also: []string{"rto"}, what: "recovery time objective",
		headings: []string{"Recovery time objective", "RTO", "Recovery time"}},
	{key: "owner", what: "owner", headings: []string{"Owner", "Lead", "System owner", "Information asset owner", "IAO",
		"Service owner", "Asset owner", "Owned by", "Responsible", "Responsible person", "Lead person", "Practice lead"}},
	{key: "deputy", what: "deputy", headings: []string{"Deputy", "Deputy owner", "Deputy lead", "Deputy IAO", "Second contact", "Backup owner"}},
	{key: "admins", what: "administrators", headings: []string{"Admins", "Administrators", "Administrator", "System administrator",
		"System administrators", "System admin", "Admin", "Information asset administrator", "IAA", "Super users"}},
	{key: "support.supplier", also: []string{"supplier"}, what: "supplier", headings: []string{"Supplier", "Vendor", "Provider",
		"Company", "Supplier name", "Manufacturer", "Developer"}},
	{key: "support.desk", also: []string{"desk", "helpdesk"}, what: "helpdesk", headings: []string{"Helpdesk",
		"Service desk", "Support", "Support contact", "Support desk", "Who to call", "IT support", "Support number", "Helpline"}},
	{key: "support.customer_ref", also: []string{"customer_ref"}, what: "customer reference", headings: []string{"Customer ref",
		"Customer reference", "Customer number", "Customer no", "Customer ID", "Account number", "Account no", "Account ID", "Site ID"}},
	{key: "support.contract_ref", also: []string{"contract_ref"}, what: "contract reference", headings: []string{"Contract ref",
		"Contract reference", "Contract number", "Contract no", "Call off", "Call-off reference"}},
	{key: "support.sla", also: []string{"sla"}, what: "service level", headings: []string{"SLA", "Service level", "Service level agreement"}},
	{key: "support.contract_end", also: []string{"contract_end"}, what: "contract end", headings: []string{"Contract end", "Renewal",
		"Expiry", "Contract end date", "Renewal date", "Expiry date", "Contract expiry", "Contract expires", "Contract ends",
		"End date", "Licence expiry", "License expiry", "Licence renewal", "License renewal"}},
	{key: "data.categories", also: []string{"data"}, what: "personal data", headings: []string{"Personal data", "Data", "Data type",
		"Data types", "Type of data", "Types of data", "Patient data", "Data processed", "Personal data held", "Contains personal data",
		"Personal identifiable data", "PID"}},
	{key: "data.description", also: []string{"data_description"}, what: "data description", headings: []string{"Data description",
		"Data details", "Describe the data", "Data held", "What data"}},
	{key: "governance.dpia", also: []string{"dpia"}, what: "DPIA", headings: []string{"DPIA", "DPIA done", "DPIA status",
		"DPIA completed", "DPIA complete", "DPIA in place", "DPIA approved", "Data protection impact assessment", "DPIA required"}},
	{key: "governance.dpia_reviewed", also: []string{"dpia_reviewed"}, what: "DPIA review date", headings: []string{"DPIA date",
		"DPIA reviewed", "DPIA review date", "DPIA review", "Date of DPIA"}},
	{key: "governance.dpia_reference", also: []string{"dpia_reference"}, what: "DPIA reference", headings: []string{"DPIA reference",
		"DPIA ref", "DPIA number", "DPIA link", "DPIA location"}},
	{key: "governance.privacy_notice", also: []string{"privacy_notice"}, what: "privacy notice", headings: []string{"Privacy notice",
		"In privacy notice", "Privacy notice updated", "Covered by privacy notice"}},
	{key: "governance.data_sharing", also: []string{"data_sharing"}, what: "data sharing", headings: []string{"Data sharing",
		"Data sharing agreement", "DSA", "Data processing agreement", "DPA", "Information sharing agreement", "ISA"}},
	{key: "governance.clinical_safety", also: []string{"clinical_safety"}, what: "clinical safety", headings: []string{"DCB0160",
		"Clinical safety", "DCB0160 done", "DCB0160 status", "Clinical safety assessment", "Clinical safety done",
		"Clinical risk assessment"}},
	{key: "governance.clinical_safety_reference", also: []string{"clinical_safety_reference"}, what: "clinical safety reference",
		headings: []string{"Hazard log", "Clinical safety reference", "DCB0160 reference", "Hazard log reference"}},
	{key: "access.granted", also: []string{"access_granted"}, what: "how access is granted", headings: []string{"Access granted",
		"How access is granted", "Starters", "New starters", "Joiners", "New users", "Granting access"}},
	{key: "access.removed", also: []string{"access_removed"}, what: "how access is removed", headings: []string{"Access removed",
		"How access is removed", "Leavers", "Removing access"}},
	{key: "access.review_months", also: []string{"access_review_months"}, what: "access review interval",
		headings: []string{"Access review frequency", "Access review interval", "Access review months", "How often access is reviewed"}},
	{key: "access.reviews", also: []string{"access_review", "access_reviewed"}, what: "access review", headings: []string{"Access review",
		"Access reviewed", "Last access review", "User access review", "Access review date", "Access last reviewed", "Access audit"}},
	{key: "continuity.summary", also: []string{"continuity"}, what: "continuity", headings: []string{"Business continuity", "BCP",
		"Workaround", "Continuity", "Downtime procedure", "If it fails", "Contingency", "Fallback", "Continuity plan",
		"Business continuity plan", "Downtime plan", "Workaround if down"}},
	{key: "review.last", also: []string{"last_reviewed", "reviewed"}, what: "last review", headings: []string{"Last reviewed",
		"Reviewed", "Review date", "Date reviewed", "Last review", "Last review date", "Date of last review", "Reviewed on"}},
	{key: "review.next", also: []string{"next_review"}, what: "next review", headings: []string{"Next review", "Next review date",
		"Review due", "Due for review", "Next review due", "Review by"}},
	{key: "review.by", also: []string{"reviewed_by"}, what: "reviewer", headings: []string{"Reviewed by", "Reviewer"}},
	{key: notesKey, also: []string{"note", "comments"}, what: "notes", headings: []string{"Notes", "Comments", "Remarks",
		"Other information", "Further information", "Additional information", "Actions", "Issues"}},
	{key: ignoreKey, also: []string{"-", "skip", "none"}, what: "nothing"},
}

// fieldByKey finds the field --map names: a key of the record, or one of
// its other names, in any case, with spaces or hyphens for underscores.
func fieldByKey(name string) *field {
	k := strings.ToLower(strings.TrimSpace(name))
	if k != "-" {
		k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	}
	for _, f := range fields {
		if f.key == k || slices.Contains(f.also, k) {
			return f
		}
	}
	return nil
}

// fieldKeys lists what --map can name.
func fieldKeys() []string {
	var keys []string
	for _, f := range fields {
		keys = append(keys, f.key)
	}
	return keys
}

// Mapping is one --map: the column headed Heading holds Field.
type Mapping struct {
	Heading string
	Field   string // a key of the record, "notes" or "ignore"
}

// ParseMapping reads a --map value, "Heading=field". The heading is
// matched as a column's heading is, whatever its case and punctuation;
// the field is a key of the service record (see Fields), "notes" to keep
// the column as a comment in each record, or "ignore" to leave it out
// without a word.
func ParseMapping(s string) (Mapping, error) {
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return Mapping{}, fmt.Errorf("%q says no field: write it as \"Heading=field\", such as \"Renewal date=contract_end\"", s)
	}
	heading, name := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if normal(heading) == "" {
		return Mapping{}, fmt.Errorf("%q names no heading: write it as \"Heading=field\", such as \"Renewal date=contract_end\"", s)
	}
	f := fieldByKey(name)
	if f == nil {
		msg := fmt.Sprintf("%q is not a field of a service", name)
		if h := site.Suggest(strings.ToLower(name), allNames()); h != "" {
			msg += " (" + h + ")"
		}
		return Mapping{}, fmt.Errorf("%s: the fields are %s", msg, strings.Join(fieldKeys(), ", "))
	}
	return Mapping{Heading: heading, Field: f.key}, nil
}

func allNames() []string {
	var names []string
	for _, f := range fields {
		names = append(names, f.key)
		names = append(names, f.also...)
	}
	return names
}

// Fields lists the fields a column can hold, each with the headings
// matched to it, for help and documentation.
func Fields() [][2]string {
	var out [][2]string
	for _, f := range fields {
		if f.key != ignoreKey {
			out = append(out, [2]string{f.key, strings.Join(f.headings, ", ")})
		}
	}
	return out
}

// normal is a heading or name as compared: lower case, letters and digits
// only, what is in brackets left out ("Owner (name)" is an owner), accents
// taken off.
func normal(s string) string {
	if open := strings.IndexAny(s, "(["); open > 0 {
		if kept := normal(s[:open]); kept != "" {
			return kept
		}
	}
	var b strings.Builder
	for _, r := range fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// headingIndex maps each heading, normalised, to its field.
var headingIndex = func() map[string]*field {
	m := map[string]*field{}
	for _, f := range fields {
		for _, h := range f.headings {
			n := normal(h)
			if other, dup := m[n]; dup {
				panic(fmt.Sprintf("register: heading %q is both %s and %s", h, other.key, f.key))
			}
			m[n] = f
		}
	}
	return m
}()

// fieldOf is the field a heading names, by the headings practices use:
// whatever the case, spacing and punctuation, a plural, or two headings
// of one field joined ("Supplier / Vendor"). Nil when none.
func fieldOf(heading string) *field {
	n := normal(heading)
	if n == "" {
		return nil
	}
	if f := headingIndex[n]; f != nil {
		return f
	}
	if f := headingIndex[strings.TrimSuffix(n, "s")]; f != nil && strings.HasSuffix(n, "s") {
		return f
	}
	if f := headingIndex[strings.TrimSuffix(n, "es")]; f != nil && strings.HasSuffix(n, "es") {
		return f
	}
	// "Supplier / Vendor", "Owner or lead": every part the same field.
	parts := strings.FieldsFunc(heading, func(r rune) bool { return r == '/' || r == '&' || r == '|' })
	if len(parts) == 1 {
		parts = strings.Split(heading, " or ")
	}
	if len(parts) < 2 {
		return nil
	}
	var found *field
	for _, p := range parts {
		f := headingIndex[normal(p)]
		if f == nil || found != nil && f != found {
			return nil
		}
		found = f
	}
	return found
}

// doneHeading reports whether a heading asks whether something is done
// ("DPIA done?", "DPIA completed", "DCB0160 in place"), so that a "Yes"
// under it says it is, rather than that it is needed.
func doneHeading(heading string) bool {
	n := normal(heading)
	for _, w := range []string{"done", "complete", "inplace", "approved", "signedoff", "exists", "undertaken", "carriedout", "have"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
