package render

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
	"golang.org/x/text/unicode/norm"
)

// Entry is one thing the search box finds and one line of the A–Z index.
// Entries hold what the pages show to every reader and nothing more: never
// a personal mobile, an email address or a phone number.
type Entry struct {
	// Title is what the result is called; URL its page, relative to the
	// site root.
	Title, URL string
	// Kind says what it is ("Runbook", "Service", "Person").
	Kind string
	// Desc is one line under the title.
	Desc string
	// Words are other names it is known by: the product and the plain
	// name, a runbook's scenario in everyday words, suppliers.
	Words []string
	// Text is weaker evidence: a purpose, a summary, a runbook's signs of
	// trouble.
	Text []string
	// Practice names the practice the entry is for, where entries of
	// several practices are listed together (the top page's search).
	Practice string
}

// Label says what the entry is, and for which practice when it says:
// "Runbook", "Runbook, Riverside Medical Centre".
func (e Entry) Label() string {
	if e.Practice != "" {
		return e.Kind + ", " + e.Practice
	}
	return e.Kind
}

// Kinds of entry. Runbooks and services come first among equal matches:
// staff in an outage are looking for one of them.
const (
	kindRunbook      = "Runbook"
	kindService      = "Service"
	kindPerson       = "Person"
	kindOrganisation = "Organisation"
	kindCourse       = "Course"
	kindPage         = "Policy or guide"
	kindExercise     = "Exercise"
	kindIncident     = "Incident"
	kindChange       = "Change"
	kindAsset        = "Asset"
	kindReview       = "Review"
	kindSection      = "Section"
	kindPractice     = "Practice"
)

// kindBoost weighs a match by what it found.
var kindBoost = map[string]float64{kindRunbook: 2, kindService: 1.8, kindSection: 1.2}

// scenarioWords are the words staff use for each runbook scenario, so that
// "no internet" finds the network runbook and "phones not working" the
// telephony one, whatever the runbook is titled.
var scenarioWords = map[string][]string{
	"system-down":      {"down", "not working", "unavailable", "outage", "offline", "crashed", "cannot log in", "not loading", "will not open"},
	"degraded":         {"slow", "slow to load", "not responding", "freezing", "frozen", "lagging", "hanging", "partly working", "intermittent"},
	"network-down":     {"no internet", "internet down", "network down", "offline", "wifi", "wi-fi", "broadband", "connection", "no connection", "HSCN"},
	"telephony-down":   {"phones down", "phone", "phones", "telephone", "telephony", "calls", "no dial tone", "switchboard", "lines down"},
	"power-loss":       {"power cut", "no power", "electricity", "blackout", "outage"},
	"cyber-incident":   {"cyber attack", "ransomware", "hacked", "phishing", "virus", "malware", "suspicious email", "breach"},
	"data-loss":        {"data lost", "deleted", "corrupted", "missing records", "backup", "restore"},
	"premises-loss":    {"building closed", "surgery", "building", "get into the building", "locked out", "fire", "flood", "flooded", "flooding", "evacuate", "no access to building", "premises"},
	"supplier-failure": {"supplier down", "supplier failure", "supplier outage", "third party"},
}

// categoryWords are the everyday words for each kind of service: staff
// say "the computers", "email" or "texts", not the product's name.
var categoryWords = map[string][]string{
	"clinical-system":           {"clinical system", "computers", "computer", "system", "patient records", "records", "appointments"},
	"document-management":       {"letters", "hospital letters", "documents", "post", "scanning", "scanned", "filing", "not filing", "arriving", "missing", "workflow"},
	"online-consultation":       {"online consultation", "online consultations", "online form", "e-consult", "econsult", "online requests", "triage"},
	"patient-messaging":         {"texts", "text messages", "text", "sms", "messages", "messaging"},
	"telephony":                 {"phones", "phone", "telephones", "calls", "make calls", "phone calls", "dial tone", "lines", "switchboard", "get through"},
	"network":                   {"internet", "online", "get online", "connection", "no connection", "wifi", "wi-fi", "broadband", "network"},
	"identity-access":           {"smartcard", "smartcards", "smart card", "card reader", "login", "log in", "cis2"},
	"prescribing":               {"prescriptions", "prescription", "prescribing", "pharmacy", "scripts"},
	"email-collaboration":       {"email", "emails", "outlook", "teams", "mail", "inbox", "send emails", "sending emails", "emails not arriving", "not receiving emails"},
	"referrals":                 {"referrals", "referral", "ers", "choose and book"},
	"patient-access":            {"nhs app", "online access"},
	"dictation":                 {"dictation", "dictaphone"},
	"devices":                   {"computer", "printer", "printers", "scanner", "laptop", "pc"},
	"reporting":                 {"reports", "dashboard", "qof"},
	"ai-scribe":                 {"scribe", "note taker"},
	"forms-automation":          {"forms"},
	"clinical-decision-support": {"templates", "protocols"},
}

// sectionWords are what people call a practice's section pages.
var sectionWords = map[string][]string{
	"home":       {"something not working", "outage", "problem", "help"},
	"runbooks":   {"downtime", "action cards", "procedures", "what to do"},
	"register":   {"digital services register", "systems", "inventory"},
	"incidents":  {"incident log", "data breach", "breach", "report to the ICO", "NIS", "misdirected email", "lessons learned"},
	"continuity": {"business continuity plan", "BCP", "invoke", "call cascade", "grab bag", "recovery", "emergency"},
	"roles":      {"contacts", "service desk", "suppliers", "who to call", "DPO", "data protection officer", "Caldicott guardian", "IT lead", "cyber lead", "SIRO"},
	"people":     {"staff", "team", "who", "directory"},
	"training":   {"training needs analysis", "TNA", "courses", "mandatory training", "expiry"},
	"pages":      {"policies", "guides", "procedures"},
	"reviews":    {"annual ICB review", "access review", "checklists", "audit"},
	"findings":   {"risks", "issues", "overdue", "problems", "gaps"},
	"a-z":        {"index", "everything", "all pages"},
}

// practiceEntries lists what the search box on a practice's pages finds:
// the practice's own records and sections, and the organisations and
// courses it uses.
func practiceEntries(h *site.Handbook, pr *site.Practice) []Entry {
	var es []Entry
	add := func(e Entry) { es = append(es, e) }
	for _, item := range navItems(pr) {
		add(Entry{Title: item.Name, URL: item.URL, Kind: kindSection, Desc: pr.Name, Words: sectionWords[item.Key]})
	}
	if h.Config.Publish.PublishPacks() {
		add(Entry{Title: "Business continuity pack", URL: pr.ContinuityPackURL(), Kind: kindSection,
			Desc: "The continuity plan laid out for printing", Words: []string{"print", "paper", "A4", "action cards"}})
	}
	for _, rb := range pr.Runbooks {
		add(runbookEntry(rb.Words()))
	}
	for _, s := range pr.Services {
		e := Entry{Title: s.Name, URL: s.URL(), Kind: kindService,
			Desc:  s.PlainName + " · " + label("category", s.Category),
			Words: append([]string{s.PlainName, label("category", s.Category)}, s.EverydayNames...),
			// The everyday words lead to the runbooks first (see
			// practiceEntries' runbooks); here they are weaker evidence.
			Text: append([]string{s.Purpose}, categoryWords[s.Category]...)}
		for _, o := range []*site.Organisation{s.Support.SupplierOrg, s.Support.DeskOrg} {
			if o != nil {
				e.Words = append(e.Words, o.Name)
			}
		}
		if s.Lifecycle == "retired" {
			e.Desc += " (retired)"
		}
		add(e)
	}
	for _, pe := range pr.People {
		e := Entry{Title: linkName(pe), URL: pe.URL(), Kind: kindPerson, Desc: pe.JobTitle,
			Words: []string{pe.JobTitle, label("staff-group", pe.StaffGroup)}}
		for _, r := range pe.Roles {
			e.Words = append(e.Words, label("role", r.Role))
		}
		add(e)
	}
	for _, pg := range pr.Pages {
		e := Entry{Title: pg.Title, URL: pg.URL(), Kind: kindPage, Desc: label("page", pg.Kind), Text: []string{pg.Summary}}
		for _, s := range pg.ServiceRefs {
			e.Words = append(e.Words, s.Name, s.PlainName)
		}
		add(e)
	}
	for _, ex := range pr.Exercises {
		add(Entry{Title: ex.Title, URL: ex.URL(), Kind: kindExercise,
			Desc: label("exercise", ex.Type) + ", " + ex.Date.Human(), Text: []string{ex.Summary}})
	}
	add(Entry{Title: "Changes", URL: pr.ChangesURL(), Kind: kindSection, Desc: pr.Name,
		Words: []string{"change log", "go-live", "go live", "upgrade", "migration", "new system", "workload"}})
	add(Entry{Title: "Asset register", URL: pr.AssetsURL(), Kind: kindSection, Desc: pr.Name,
		Words: []string{"assets", "hardware", "computers", "laptops", "printers", "licences", "disposal", "DSPT 7.1.1"}})
	for _, in := range pr.Incidents {
		add(Entry{Title: in.Title, URL: in.URL(), Kind: kindIncident,
			Desc: label("incident", in.Type) + ", " + in.Aware.Date().Human(), Text: []string{in.Summary}})
	}
	for _, ch := range pr.Changes {
		add(Entry{Title: ch.Title, URL: ch.URL(), Kind: kindChange,
			Desc: label("change", ch.Type) + ", live " + ch.GoLive.Human(), Text: []string{ch.Summary}})
	}
	for _, a := range pr.Assets {
		add(Entry{Title: a.Name, URL: a.URL(), Kind: kindAsset, Desc: label("asset", a.Kind),
			Words: []string{a.Model, a.Tag, a.Location}})
	}
	for _, rv := range pr.Reviews {
		add(Entry{Title: rv.Title, URL: rv.URL(), Kind: kindReview,
			Desc: label("review", rv.Type) + ", " + rv.Date.Human(), Text: []string{rv.Summary}})
	}
	// The organisations are known also by the names of the practice's
	// services they supply or support, and only those: a practice's index
	// must not change with another practice's records.
	serves := map[*site.Organisation][]string{}
	for _, s := range pr.Services {
		for _, o := range []*site.Organisation{s.Support.SupplierOrg, s.Support.DeskOrg} {
			if o != nil {
				serves[o] = appendNew(serves[o], s.Name)
			}
		}
	}
	for _, o := range pr.Organisations {
		add(organisationEntry(o, serves[o]))
	}
	for _, c := range pr.Courses {
		add(courseEntry(c))
	}
	return es
}

// runbookEntry is the entry of a runbook.
func runbookEntry(rb site.RunbookWords) Entry {
	e := Entry{Title: rb.Title, URL: rb.Path, Kind: kindRunbook, Desc: label("scenario", rb.Scenario),
		Words: append(slices.Clone(rb.EverydayNames), scenarioWords[rb.Scenario]...), Text: slices.Clone(rb.Detect)}
	// A runbook is known by the everyday words of the service it is for,
	// its first; the others it names are weaker evidence, so that "email
	// down" finds the NHSmail runbook before one that only lists NHSmail
	// among the services it touches.
	names := make([]string, len(rb.Services))
	for i, s := range rb.Services {
		names[i] = s.Name
		if i == 0 && !broadScenario(rb.Scenario) {
			e.Words = append(e.Words, s.Name)
			e.Words = append(e.Words, s.EverydayNames...)
			e.Words = append(e.Words, categoryWords[s.Category]...)
			e.Text = append(e.Text, s.PlainName)
		} else {
			e.Text = append(e.Text, s.Name, s.PlainName)
		}
	}
	if len(names) > 0 {
		e.Desc += ": " + strings.Join(names, ", ")
	}
	return e
}

// searchAcrossPractices is the most practices whose runbooks the top
// page's search finds: a PCN's or a federation's handbook. Beyond it (an
// ICB's), the top page finds the practices, and each practice's pages
// its runbooks, so that no page loads an index of thousands of runbooks.
const searchAcrossPractices = 40

// SearchesRunbooks reports whether the top page's search of a site of n
// practices finds every practice's runbooks, for which each practice's
// summary must carry them (site.Summary.FillSearch).
func SearchesRunbooks(n int) bool { return n <= searchAcrossPractices }

// sharedEntries lists what the search box on the shared pages finds: the
// practices, organisations and courses, and on a site of no more than
// searchAcrossPractices practices every practice's runbooks, each saying
// which practice it is for.
func sharedEntries(h *site.Handbook) []Entry {
	es := []Entry{
		{Title: "Practices", URL: site.IndexURL, Kind: kindSection, Desc: h.Config.Title},
		{Title: "Organisations and contacts", URL: site.OrganisationsURL, Kind: kindSection,
			Desc: "Suppliers, service desks and national services", Words: []string{"suppliers", "service desks", "contacts"}},
		{Title: "Training courses", URL: site.CoursesURL, Kind: kindSection, Desc: "Courses the practices use"},
	}
	for _, pr := range h.Practices {
		e := Entry{Title: pr.Name, URL: pr.URL(), Kind: kindPractice, Desc: pr.ODS, Words: []string{pr.ODS}}
		for _, o := range []*site.Organisation{pr.PCNOrg, pr.ICBOrg} {
			if o != nil {
				e.Desc += " · " + o.Name
				e.Words = append(e.Words, o.Name)
			}
		}
		for _, s := range pr.Sites {
			e.Words = append(e.Words, s.Name)
		}
		es = append(es, e)
	}
	for _, o := range h.Organisations {
		var serves []string
		for _, s := range append(slices.Clone(o.Supplies), o.Supports...) {
			serves = appendNew(serves, s.Name)
		}
		es = append(es, organisationEntry(o, serves))
	}
	for _, c := range h.Courses {
		es = append(es, courseEntry(c))
	}
	if SearchesRunbooks(len(h.Practices)) {
		for _, pr := range h.Practices {
			for _, rb := range pr.RunbookWords {
				e := runbookEntry(rb)
				e.Practice = pr.Name
				es = append(es, e)
			}
		}
	}
	return es
}

// organisationEntry is the entry of organisation o, known also by the
// names of the services it supplies or supports (serves).
func organisationEntry(o *site.Organisation, serves []string) Entry {
	return Entry{Title: o.Name, URL: o.URL(), Kind: kindOrganisation, Desc: label("organisation", o.Kind),
		Words: serves, Text: []string{o.Description}}
}

func courseEntry(c *site.Course) Entry {
	e := Entry{Title: c.Title, URL: c.URL(), Kind: kindCourse, Desc: c.Delivery, Text: []string{c.Description}}
	if c.ProviderOrg != nil {
		e.Words = append(e.Words, c.ProviderOrg.Name)
	}
	return e
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// searchIndex is the search index as a classic script: pages load it with
// <script src>, which works from a copy on a shared drive (file://) where
// fetch does not. The entries are an array of arrays to keep the file
// small: [title, url, kind, desc, words, text, boost].
func searchIndex(es []Entry) []byte {
	rows := make([][]any, len(es))
	for i, e := range es {
		rows[i] = []any{e.Title, e.URL, e.Label(), e.Desc, strings.Join(nonEmpty(e.Words), " · "),
			strings.Join(nonEmpty(e.Text), " "), cmp.Or(kindBoost[e.Kind], 1)}
	}
	// encoding/json escapes <, > and &, and U+2028 and U+2029, so no
	// string can end the script or break it.
	data, err := json.Marshal(rows)
	if err != nil {
		panic(err) // strings and numbers only
	}
	return append(append([]byte("window.handbookSearchIndex="), data...), ";\n"...)
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// AZView is the A–Z index: every entry of the search, under its letter.
type AZView struct {
	Letters []AZLetter
	// Runbooks is set on the top page's A to Z when it lists every
	// practice's runbooks (see searchAcrossPractices).
	Runbooks bool
}

// AZLetter is one letter of the A–Z index. Other holds titles that do not
// start with a letter, under the Letter "#".
type AZLetter struct {
	Letter  string
	ID      string
	Other   bool
	Entries []Entry
}

// azView sorts the entries by title, ignoring case, accents and a leading
// "The", under their first letter.
func azView(es []Entry) AZView {
	// Each title is folded once, not at each of the sort's comparisons.
	type keyed struct {
		key string
		e   *Entry
	}
	ks := make([]keyed, len(es))
	for i := range es {
		ks[i] = keyed{sortKey(es[i].Title), &es[i]}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.e.Title, b.e.Title), strings.Compare(a.e.URL, b.e.URL))
	})
	var v AZView
	for _, k := range ks {
		letter := "#"
		if r, _ := utf8.DecodeRuneInString(k.key); r >= 'a' && r <= 'z' {
			letter = string(unicode.ToUpper(r))
		}
		if n := len(v.Letters); n == 0 || v.Letters[n-1].Letter != letter {
			id := "letter-" + strings.ToLower(letter)
			if letter == "#" {
				id = "letter-other"
			}
			v.Letters = append(v.Letters, AZLetter{Letter: letter, ID: id, Other: letter == "#"})
		}
		l := &v.Letters[len(v.Letters)-1]
		l.Entries = append(l.Entries, *k.e)
	}
	return v
}

// sortKey folds a title for the A–Z as the search folds words: lower
// case, accents taken off (the marks that Unicode decomposition separates
// from their letters), a leading "the " dropped.
func sortKey(title string) string {
	s := strings.ToLower(strings.TrimSpace(title))
	if !isASCII(s) {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	if rest, ok := strings.CutPrefix(s, "the "); ok && rest != "" {
		return rest
	}
	return s
}

// isASCII says whether s is ASCII only, which decomposition leaves as it
// is.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// azWords are the everyday words a practice's A to Z lists runbooks
// under, by kind of service, or by scenario for a failure of the whole
// practice: the words a reader would have typed into the search box.
var azWords = map[string][]string{
	"clinical-system":     {"Clinical system", "Computers"},
	"document-management": {"Letters"},
	"online-consultation": {"Online consultation"},
	"patient-messaging":   {"Texts"},
	"telephony":           {"Phones"},
	"network":             {"Internet", "Wi-Fi"},
	"identity-access":     {"Smartcard"},
	"prescribing":         {"Prescriptions"},
	"email-collaboration": {"Email"},
	"cyber-incident":      {"Ransomware", "Hacked"},
	"power-loss":          {"Electricity"},
	"premises-loss":       {"Fire", "Flood"},
}

// everydayEntries are the lines of a practice's A to Z under the everyday
// words for what has failed ("Internet: see Network (HSCN) down"), so that
// a reader without JavaScript, whose search opens the A to Z, finds the
// runbook under the word they would have typed. Each word leads to the
// most direct runbook for it (see scenarioRank), unless the runbook's
// title already starts with the word.
func everydayEntries(pr *site.Practice) []Entry {
	best := map[string]*site.Runbook{}
	var words []string
	for _, rb := range pr.Runbooks {
		key := rb.Scenario
		if !broadScenario(key) {
			if len(rb.ServiceRefs) == 0 {
				continue
			}
			key = rb.ServiceRefs[0].Category
		}
		for _, w := range azWords[key] {
			old, ok := best[w]
			if !ok {
				words = append(words, w)
			}
			if !ok || scenarioRank[rb.Scenario] < scenarioRank[old.Scenario] {
				best[w] = rb
			}
		}
	}
	for _, rb := range pr.Runbooks {
		for _, w := range rb.EverydayNames {
			w = strings.ToUpper(w[:1]) + w[1:]
			if _, ok := best[w]; !ok {
				words = append(words, w)
				best[w] = rb
			}
		}
	}
	var out []Entry
	for _, w := range words {
		rb := best[w]
		if strings.HasPrefix(strings.ToLower(rb.Title), strings.ToLower(w)) {
			continue
		}
		out = append(out, Entry{Title: w + ": see " + rb.Title, URL: rb.URL(), Kind: kindRunbook, Desc: label("scenario", rb.Scenario)})
	}
	return out
}
