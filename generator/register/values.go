package register

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/handbook-nhs/handbook/generator/site"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// clean is a cell's text as a record holds it: one line, its runs of
// spaces and line breaks one space, no control characters (a line break
// typed in a cell with Alt+Enter is a space).
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case site.IsControl(r), r == '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// fold takes the accents off letters: "Siân" is "Sian".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// answer is what a cell that answers a question says: yes, no, not
// applicable, or something else (including nothing).
type answer int

const (
	unclear answer = iota
	yes
	no
	notApplicable
)

// answerOf reads a yes-or-no cell as practices fill them in: Yes, Y, a
// tick, TRUE, X; No, N, a cross, FALSE; N/A.
func answerOf(s string) answer {
	switch n := normal(s); {
	case n == "yes" || n == "y" || n == "true" || n == "x" || n == "1":
		return yes
	case n == "no" || n == "n" || n == "false" || n == "0":
		return no
	case n == "na" || n == "notapplicable" || n == "nonrequired" || n == "notrequired" || n == "notneeded":
		return notApplicable
	}
	switch strings.TrimSpace(s) {
	case "✓", "✔", "☑", "✅":
		return yes
	case "✗", "✘", "☒", "❌":
		return no
	}
	return unclear
}

// months are the month names and their usual abbreviations.
var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

var (
	isoDate    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)
	ukDate     = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$`)
	textDate   = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?[ -]?(?:of )?([a-z]+)[ ,-]*(\d{4}|\d{2})$`)
	usTextDate = regexp.MustCompile(`^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$`)
	monthYear  = regexp.MustCompile(`^([a-z]+)[ ,-]*(\d{4}|'?\d{2})$`)
	numMonth   = regexp.MustCompile(`^(\d{1,2})[-/.](\d{4})$`)
	serialDate = regexp.MustCompile(`^\d{5}(?:\.\d+)?$`)

	everyMonths = regexp.MustCompile(`^(?:every )?(\d{1,3})(?:[ -]?(months?|monthly|mths?|m))?$`)
	duration    = regexp.MustCompile(`^(\d{1,4})\s*([a-z]+)$`)
)

// dateOf reads a date as UK practices write it: day first (31/3/25,
// 31/03/2025, 31.03.2025, 31 March 2025), year first (2025-03-31), a month
// (March 2025, Mar-25, 03/2025) or Excel's serial number of a date cell.
// A month alone is its last day when end is set (a contract ending in
// March 2025 runs to its end), else its first. ok is false when s is no
// date, or a date that cannot be meant (31/02/2025, a year before 1900
// or after 2199); then why, when not empty, says what is wrong with it.
func dateOf(c Cell, end, date1904 bool) (d site.Date, ok bool, why string) {
	if serialDate.MatchString(c.Raw) {
		if f, err := strconv.ParseFloat(c.Raw, 64); err == nil {
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			if date1904 {
				base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			t := base.AddDate(0, 0, int(math.Floor(f)))
			return checkYear(site.NewDate(t.Year(), t.Month(), t.Day()))
		}
	}
	s := strings.ToLower(clean(c.Text))
	s = strings.TrimSuffix(strings.TrimSpace(strings.ReplaceAll(s, ",", " ")), ".")
	s = strings.Join(strings.Fields(s), " ")
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return build(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := ukDate.FindStringSubmatch(s); m != nil {
		day, month, year := atoi(m[1]), atoi(m[2]), century(m[3])
		d, ok, why := build(year, month, day)
		if !ok && month > 12 && day <= 12 {
			why = "it reads as month first, as in the US: handbook reads dates day first, as the UK writes them"
		}
		return d, ok, why
	}
	if m := textDate.FindStringSubmatch(s); m != nil {
		if month, known := months[m[2]]; known {
			return build(century(m[3]), int(month), atoi(m[1]))
		}
	}
	if m := usTextDate.FindStringSubmatch(s); m != nil {
		if month, known := months[m[1]]; known {
			return build(atoi(m[3]), int(month), atoi(m[2]))
		}
	}
	if m := monthYear.FindStringSubmatch(s); m != nil {
		if month, known := months[m[1]]; known {
			return monthOf(century(strings.TrimPrefix(m[2], "'")), month, end)
		}
	}
	if m := numMonth.FindStringSubmatch(s); m != nil {
		if month := atoi(m[1]); month >= 1 && month <= 12 {
			return monthOf(atoi(m[2]), time.Month(month), end)
		}
	}
	return site.Date{}, false, ""
}

// century reads a year of two digits as this century's: 25 is 2025.
func century(s string) int {
	y := atoi(s)
	if len(s) <= 2 {
		y += 2000
	}
	return y
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// build is the date y-m-d, if there is one.
func build(y, m, d int) (site.Date, bool, string) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return site.Date{}, false, "there is no such day"
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return site.Date{}, false, "there is no such day"
	}
	return checkYear(site.NewDate(y, time.Month(m), d))
}

func monthOf(y int, m time.Month, end bool) (site.Date, bool, string) {
	if end {
		return checkYear(site.NewDate(y, m+1, 0))
	}
	return checkYear(site.NewDate(y, m, 1))
}

func checkYear(d site.Date) (site.Date, bool, string) {
	if d.Year() < site.MinYear || d.Year() > site.MaxYear {
		return site.Date{}, false, "its year is not one a register can mean"
	}
	return d, true, ""
}

// ukFormat writes d as a UK practice would: 31/03/2026.
func ukFormat(d site.Date) string { return string(d.AppendFormat(nil, "02/01/2006")) }

// monthsOf reads how often something is done, in months: "6 months",
// "6-monthly", "every 6 months", "quarterly", "annually", "twice a year",
// or a bare number of months.
func monthsOf(s string) (int, bool) {
	n := strings.ToLower(clean(s))
	switch strings.Trim(n, ". ") {
	case "monthly", "every month":
		return 1, true
	case "quarterly", "every quarter", "every 3 months", "3 monthly":
		return 3, true
	case "six monthly", "6 monthly", "twice a year", "twice yearly", "bi-annually", "biannually", "half yearly", "half-yearly", "6-monthly", "six-monthly":
		return 6, true
	case "annually", "annual", "yearly", "every year", "once a year", "12 monthly", "12-monthly":
		return 12, true
	case "every two years", "every 2 years", "biennially", "2 yearly", "two yearly":
		return 24, true
	}
	m := everyMonths.FindStringSubmatch(strings.Trim(n, ". "))
	if m == nil {
		return 0, false
	}
	v := atoi(m[1])
	return v, v >= 1 && v <= 120
}

// durationOf reads a length of time as the records write it: "4h" from
// "4 hours", "4h", "4 hrs"; "2d" from "2 days"; "1w" from "1 week";
// "30m" from "30 minutes".
func durationOf(s string) (string, bool) {
	m := duration.FindStringSubmatch(strings.ToLower(clean(s)))
	if m == nil || m[1][0] == '0' {
		return "", false
	}
	unit := map[string]string{
		"m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
		"h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
		"d": "d", "day": "d", "days": "d",
		"w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
	}[m[2]]
	if unit == "" {
		return "", false
	}
	return m[1] + unit, true
}

// choice is a value of a closed list read from a cell: the value, or ""
// when the cell says none of them.
type choice struct {
	value string
	// guessed is set when the value is a reading of the cell that the
	// practice should confirm, such as a red RAG rating read as critical.
	guessed bool
}

// criticalityOf reads a criticality: the four levels, words for them,
// priorities (P1 to P4, 1 to 4) and RAG ratings (red is critical, amber
// high, green low).
func criticalityOf(s string) choice {
	switch n := normal(s); n {
	case "critical", "verycritical", "essential", "businesscritical", "veryhigh", "p1", "1", "priority1", "tier1", "yes", "y":
		return choice{value: "critical"}
	case "high", "important", "p2", "2", "priority2", "tier2":
		return choice{value: "high"}
	case "medium", "med", "moderate", "p3", "3", "priority3", "tier3", "no", "n":
		return choice{value: "medium"}
	case "low", "minor", "p4", "4", "priority4", "tier4", "verylow":
		return choice{value: "low"}
	case "red", "r":
		return choice{value: "critical", guessed: true}
	case "amber", "a", "orange", "yellow":
		return choice{value: "high", guessed: true}
	case "green", "g":
		return choice{value: "low", guessed: true}
	}
	return choice{}
}

// lifecycleOf reads where a service is in its life.
func lifecycleOf(s string) choice {
	switch n := normal(s); {
	case n == "live" || n == "inuse" || n == "active" || n == "current" || n == "operational" || n == "yes" || n == "y" || n == "production":
		return choice{value: "live"}
	case n == "pilot" || n == "trial" || n == "piloting" || n == "ontrial" || n == "testing" || n == "beta":
		return choice{value: "pilot"}
	case n == "proposed" || n == "planned" || n == "procurement" || n == "notyetlive" || n == "comingsoon" || n == "future" || n == "implementation" || n == "beingimplemented":
		return choice{value: "proposed"}
	case n == "retiring" || n == "beingreplaced" || n == "beingretired" || n == "decommissioning" || n == "endoflife" || n == "tobereplaced" || n == "phasingout":
		return choice{value: "retiring"}
	case n == "retired" || n == "decommissioned" || n == "nolongerused" || n == "notinuse" || n == "inactive" || n == "replaced" || n == "no" || n == "n" || n == "ceased" || n == "stopped":
		return choice{value: "retired"}
	}
	return choice{}
}

// provisionOf reads who provides a service, from a heading such as "ICB
// provided" (yes or no) or "Funded by" (who).
func provisionOf(s string) choice {
	n := normal(s)
	switch {
	case n == "yes" || n == "y" || strings.Contains(n, "icb") || strings.Contains(n, "ccg") || strings.Contains(n, "gpit") || strings.Contains(n, "csu"):
		return choice{value: "icb-provided"}
	case n == "national" || n == "nationally" || n == "nationallyprovided" || strings.Contains(n, "nhsengland") || n == "nhse" || n == "nhsei" ||
		strings.Contains(n, "nhsdigital") || n == "nhsd" || n == "dhsc" || n == "nhs":
		return choice{value: "nationally-provided"}
	case n == "practice" || n == "practiceowned" || n == "practicefunded" || n == "us" || n == "self" || n == "surgery" || n == "practicebudget" || n == "no" || n == "n":
		return choice{value: "practice-owned", guessed: n == "no" || n == "n"}
	case strings.Contains(n, "supplier") || n == "managedservice" || n == "vendor":
		return choice{value: "supplier-managed"}
	}
	return choice{}
}

// dpiaOf reads where a DPIA stands. "Yes", "Y" or a tick say it is done
// only under a heading that asks whether it is ("DPIA done?"): under
// "DPIA" alone they may mean that one is needed, and an approved DPIA is
// not to be claimed on a guess. Ok is false when the cell says none of
// the states.
func dpiaOf(s, heading string) (value string, ok bool) {
	n := normal(s)
	switch {
	case n == "done" || n == "complete" || n == "completed" || n == "approved" || n == "signedoff" || n == "inplace" || n == "agreed" || n == "yesdone" || n == "yesapproved" || n == "yescompleted":
		return "approved", true
	case strings.Contains(n, "icb") || strings.Contains(n, "ccg") || strings.Contains(n, "csu") || n == "national" || n == "nationaldpia" || n == "coveredbyicb":
		return "icb-covered", true
	case n == "inprogress" || n == "started" || n == "draft" || n == "ongoing" || n == "underway" || n == "partial" || n == "pending" || n == "requested" || n == "awaitingapproval" || n == "submitted":
		return "in-progress", true
	case n == "notstarted" || n == "notdone" || n == "outstanding" || n == "todo" || n == "required" || n == "needed" || n == "missing":
		return "not-started", true
	case n == "notrequired" || n == "notneeded" || n == "nonrequired" || n == "noneneeded" || n == "nopersonaldata":
		return "not-required", true
	}
	switch answerOf(s) {
	case yes:
		if doneHeading(heading) {
			return "approved", true
		}
		return "", false
	case no:
		return "not-started", true
	case notApplicable:
		return "not-required", true
	}
	return "", false
}

// clinicalSafetyOf reads where a DCB0160 assessment stands, with the same
// care as dpiaOf over "Yes".
func clinicalSafetyOf(s, heading string) (value string, ok bool) {
	n := normal(s)
	switch {
	case n == "done" || n == "complete" || n == "completed" || n == "assessed" || n == "approved" || n == "inplace" || n == "signedoff" || n == "hazardlog" || n == "yesassessed":
		return "assessed", true
	case strings.Contains(n, "supplier") || strings.Contains(n, "dcb0129") || n == "vendoronly" || n == "manufacturer":
		return "supplier-only", true
	case n == "notassessed" || n == "notdone" || n == "notstarted" || n == "outstanding" || n == "todo" || n == "required" || n == "needed" || n == "missing" || n == "inprogress" || n == "started":
		return "not-assessed", true
	case n == "notclinical" || n == "notapplicable" || n == "notrequired" || n == "notneeded" || n == "nonclinical" || n == "notaclinicaltool" || n == "notaclinicalsystem":
		return "not-applicable", true
	}
	switch answerOf(s) {
	case yes:
		if doneHeading(heading) {
			return "assessed", true
		}
		return "", false
	case no:
		return "not-assessed", true
	case notApplicable:
		return "not-applicable", true
	}
	return "", false
}

// dataOf reads the kinds of data a cell says a service holds: none for
// "No" or "None", or the kinds its words name. Yes says it holds
// personal data, but not which.
func dataOf(s string) (kinds []string, said answer) {
	switch answerOf(s) {
	case yes:
		return nil, yes
	case no, notApplicable:
		return []string{"none"}, no
	}
	n := " " + strings.ToLower(fold(clean(s))) + " "
	if strings.Contains(n, "no personal") || strings.TrimSpace(n) == "none" || strings.Contains(n, "no patient data") || strings.Contains(n, "anonymous") || strings.Contains(n, "anonymised") {
		return []string{"none"}, no
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	if has("health", "clinical", "medical", "record", "consultation", "special category", "results", "letters", "diagnos", "medication", "prescri", "referral", "care") {
		kinds = append(kinds, "patient-health")
	}
	if has("identifiable", "demographic", "pid", "contact", "name", "address", "phone", "mobile", "nhs number", "email", "patient") {
		kinds = append(kinds, "patient-identifiable")
	}
	if has("staff", "employee", "hr ", "personnel", "workforce", "rota", "payroll") {
		kinds = append(kinds, "staff-personal")
	}
	if has("business", "finance", "financial", "corporate", "accounts", "invoice", "operational") {
		kinds = append(kinds, "business")
	}
	if len(kinds) == 0 {
		return nil, unclear
	}
	return kinds, yes
}

// categoryOf reads a category cell, by its value or its words.
func categoryOf(s string) string {
	n := normal(s)
	for _, c := range site.Categories.Choices {
		if n == normal(c.Value) || n == normal(c.Label) {
			return c.Value
		}
	}
	return guessCategory(s)
}

// guessCategory is the category the words of a name or category suggest:
// the products practices use, and the words for each kind of service.
func guessCategory(s string) string {
	n := " " + strings.ToLower(fold(clean(s))) + " "
	for _, k := range categoryWords {
		for _, w := range k.words {
			if strings.Contains(n, w) {
				return k.category
			}
		}
	}
	return ""
}

// categoryWords are tried in order: the first that a name contains wins,
// so the more particular come first ("accurx patient triage" is an online
// consultation tool, "accurx" alone patient messaging).
var categoryWords = []struct {
	category string
	words    []string
}{
	{"ai-scribe", []string{"scribe", "heidi", "tortus", "ambient voice", "avt "}},
	{"online-consultation", []string{"online consult", "patient triage", "patchs", "econsult", "klinik", "rapid health", "anima", "engage consult", "askmygp", "ask my gp", "triage"}},
	{"clinical-decision-support", []string{"ardens", "template", "decision support", "clinical support", "protocol", "tpp templates", "gp support"}},
	{"clinical-system", []string{"emis", "systmone", "systm one", " s1 ", " vision ", "medicus", "clinical system", "patient record system"}},
	{"document-management", []string{"docman", "document", "workflow", "scanning"}},
	{"patient-messaging", []string{"accurx", "mjog", "sms", "text messag", "messaging", "iplato", "pinpoint"}},
	{"telephony", []string{"surgery connect", "x-on", " xon ", "phone", "telephon", "voip", "switchboard", "call record", "babblevoice"}},
	{"network", []string{"hscn", "network", "wifi", "wi-fi", "internet", "broadband", "firewall", " vpn ", " n3 "}},
	{"identity-access", []string{"smartcard", "smart card", "nhs login", "cis2", "care identity", "authenticat", "password", "active directory", "registration authority"}},
	{"prescribing", []string{" eps ", "prescri", "optimise rx", "optimiserx", "scriptswitch", "pharmacy"}},
	{"referrals", []string{"e-rs", " ers ", "e-referral", "referral", "choose and book"}},
	{"email-collaboration", []string{"nhsmail", "nhs mail", "email", "e-mail", "outlook", "teams", "microsoft 365", "office 365", "sharepoint", "onedrive"}},
	{"dictation", []string{"lexacom", "dictation", "dictate", "voice recognition", "dragon", "bighand"}},
	{"reporting", []string{"eclipse", "reporting", "dashboard", "analytics", " qof ", "cqrs", "apex"}},
	{"patient-access", []string{"nhs app", "patient access", "website", "online services", "myhealth", "patient portal"}},
	{"forms-automation", []string{" form", "forms", "automation", " bot ", " rpa ", "power automate"}},
	{"devices", []string{"printer", "laptop", "desktop", " pc ", " pcs ", "tablet", "scanner", "device", "hardware", "monitor", "dermatoscope", " ecg ", "spirometer"}},
}

// provisionOfName guesses the provision of the national services by
// their names.
func provisionOfName(s string) string {
	n := " " + strings.ToLower(clean(s)) + " "
	for _, w := range []string{"nhsmail", "nhs mail", "e-referral", "e-rs", "eps", "electronic prescription", "nhs app", "smartcard", "gp connect", "summary care record", "nhs login", "spine", "nhs 111"} {
		if strings.Contains(n, w) {
			return "nationally-provided"
		}
	}
	return ""
}

// contactWords are the words for each kind of contactKind.
var contactWords = map[string]string{"email": "an email address", "portal": "a web address", "phone": "a phone number"}

// contactKind says whether a cell holds a contact detail rather than an
// organisation's name: a phone number, an email address or a web address.
func contactKind(s string) string {
	s = strings.TrimSpace(s)
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	switch {
	case strings.Contains(s, "@") && !strings.Contains(s, " "):
		return "email"
	case strings.HasPrefix(strings.ToLower(s), "http://") || strings.HasPrefix(strings.ToLower(s), "https://") || strings.HasPrefix(strings.ToLower(s), "www."):
		return "portal"
	case digits >= 7 && strings.Trim(s, "0123456789 +()-.ext") == "":
		return "phone"
	}
	return ""
}
