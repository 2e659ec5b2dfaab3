package register

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Record is a record the site holds already, as much of it as an import
// needs: its id (the file name) and name.
type Record struct {
	ID, Name string
	// JobTitle, StaffGroup and Leaver are a person's; Kind is an
	// organisation's.
	JobTitle, StaffGroup string
	Leaver               bool
	Kind                 string
	// Unedited is true of a record handbook new wrote that nobody has
	// edited since (scaffold.Unedited): it holds nothing to lose.
	Unedited bool
}

// Site is what the site holds already: the practice's people and
// services, and the organisations every practice shares. An import
// refers to them rather than write them again, and never writes over
// their files.
type Site struct {
	People, Services, Organisations []Record
}

// how says how a name in the register was matched to a record.
type how int

const (
	exact    how = iota // the same name, whatever the case and punctuation, or the record's id
	sameName            // the same name with a title or the order changed ("Ravi Patel", "Patel, Ravi")
	partName            // initials, a surname or a first name alone, or a part of an organisation's name, that fit one record
	jobTitle            // a job title ("Practice manager") that one person has
	nearMiss            // a name a letter or two from a record's: not used, as it may be someone else
	notFound            // nothing like it
	notAName            // a role or a team, not a person's name, that no one person's job title matches
)

// match is what a name in the register was taken to be.
type match struct {
	how how
	// rec is the record used, or for a near miss the record it is close
	// to; nil when there is none.
	rec *Record
	// others are the other records that fit as well, when more than one
	// does.
	others []*Record
}

// titles are the words before a name that are no part of it.
var titles = []string{"dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev", "revd", "sister"}

// roleWords are words that say a cell names a role or a team rather than
// a person: "Practice manager", "All GPs", "IT lead".
var roleWords = []string{"manager", "management", "lead", "leads", "partner", "partners", "gp", "gps", "doctors", "nurse", "nurses",
	"team", "admin", "administrator", "administration", "reception", "receptionist", "receptionists", "secretary", "secretaries",
	"pharmacist", "clinician", "clinicians", "staff", "all", "icb", "ccg", "csu", "it", "practice", "director", "coordinator",
	"navigator", "navigators", "officer", "caldicott", "guardian", "siro", "dpo", "hca", "anp", "pcn", "office", "department",
	"surgery", "everyone", "supervisor", "head", "governance", "ig", "tbc", "tba", "unknown", "vacant", "none"}

// personName is a person's name taken apart for matching.
type personName struct {
	title  string   // "dr"
	given  []string // "ravi"
	family string   // "patel"
}

// full is the name without its title, lower case: "ravi patel".
func (n personName) full() string {
	return strings.Join(append(slices.Clone(n.given), n.family), " ")
}

// parseName takes a person's name apart: what is in brackets left out,
// "Patel, Ravi" turned round, the title taken off the front.
func parseName(s string) personName {
	s = stripBrackets(s)
	if before, after, ok := strings.Cut(s, ","); ok && !strings.Contains(after, ",") &&
		len(strings.Fields(before)) == 1 && len(strings.Fields(after)) >= 1 {
		s = after + " " + before
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(fold(s)), func(r rune) bool { return r == ' ' || r == '.' || r == ',' }) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
				return r
			}
			return -1
		}, w)
		if w = strings.Trim(w, "-"); w != "" {
			words = append(words, w)
		}
	}
	var n personName
	if len(words) > 1 && slices.Contains(titles, words[0]) {
		n.title, words = words[0], words[1:]
	}
	if len(words) > 0 {
		n.given, n.family = words[:len(words)-1], words[len(words)-1]
	}
	return n
}

// stripBrackets leaves out what is in brackets: "Karen Davies (PM)".
func stripBrackets(s string) string {
	if i := strings.IndexAny(s, "(["); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return strings.TrimSpace(s)
}

// isRole reports whether s names a role or a team, not a person.
func isRole(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(fold(strings.NewReplacer("/", " ", "&", " ", "-", " ", ".", " ").Replace(s)))) {
		if slices.Contains(roleWords, strings.Trim(w, ",;:'’()")) {
			return true
		}
	}
	return false
}

// matchPerson finds the person s names among people.
func matchPerson(s string, people []*Record) match {
	if id := strings.TrimSpace(s); site.ValidID(id) {
		for _, p := range people {
			if p.ID == id {
				return match{how: exact, rec: p}
			}
		}
	}
	n := normal(stripBrackets(s))
	for _, p := range people {
		if normal(p.Name) == n {
			return match{how: exact, rec: p}
		}
	}
	cell := parseName(s)
	if cell.family == "" {
		return match{how: notFound}
	}
	fits := func(test func(cell, rec personName) bool) []*Record {
		var out []*Record
		for _, p := range people {
			if test(cell, parseName(p.Name)) {
				out = append(out, p)
			}
		}
		return out
	}
	pick := func(h how, found []*Record) (match, bool) {
		switch len(found) {
		case 0:
			return match{}, false
		case 1:
			return match{how: h, rec: found[0]}, true
		}
		// More than one fits: none is used.
		return match{how: nearMiss, rec: found[0], others: found[1:]}, true
	}
	if m, ok := pick(sameName, fits(func(c, r personName) bool {
		return c.full() == r.full() || len(c.given) == 1 && len(r.given) == 1 && c.given[0] == r.family && c.family == r.given[0]
	})); ok {
		return m
	}
	if isRole(s) {
		var holders []*Record
		for _, p := range people {
			if !p.Leaver && p.JobTitle != "" && normal(p.JobTitle) == n {
				holders = append(holders, p)
			}
		}
		if len(holders) == 1 {
			return match{how: jobTitle, rec: holders[0]}
		}
		return match{how: notAName}
	}
	if m, ok := pick(partName, fits(initialsFit)); ok {
		return m
	}
	var near []*Record
	best := 3
	for _, p := range people {
		r := parseName(p.Name)
		d := site.Distance(cell.full(), r.full())
		if d > allowedTypos(r.full()) || d > best {
			continue
		}
		if d < best {
			near, best = nil, d
		}
		near = append(near, p)
	}
	if len(near) > 0 {
		return match{how: nearMiss, rec: near[0], others: near[1:]}
	}
	return match{how: notFound}
}

// initialsFit reports whether the name in a cell fits a person's name
// given as initials ("K Davies", "K. Davies"), as a surname alone ("Dr
// Patel") or as a first name alone ("Karen").
func initialsFit(c, r personName) bool {
	if len(c.given) == 0 && c.family == r.family {
		return true // a surname alone, with or without a title
	}
	if len(c.given) == 0 && c.title == "" && len(r.given) > 0 && c.family == r.given[0] {
		return true // a first name alone
	}
	if c.family != r.family || len(c.given) > len(r.given) {
		return false
	}
	for i, g := range c.given {
		if g != r.given[i] && (len(g) != 1 || g[0] != r.given[i][0]) {
			return false
		}
	}
	return true
}

// allowedTypos is how many letters a name may be off a record's to be
// taken for a typo of it.
func allowedTypos(s string) int {
	switch {
	case len(s) >= 10:
		return 2
	case len(s) >= 5:
		return 1
	}
	return 0
}

// orgWords are the words of an organisation's name left out when names
// are compared: "Docman Ltd" is Docman.
var orgWords = []string{"ltd", "limited", "plc", "llp", "inc", "co", "the"}

// genericWords are words too common in organisations' names to match one
// on their own: "Support" is no organisation.
var genericWords = []string{"nhs", "uk", "health", "healthcare", "service", "services", "desk", "support", "helpdesk", "help",
	"systems", "system", "software", "solutions", "group", "and", "of", "for", "team", "it", "digital", "technology", "technologies",
	"line", "national", "clinical", "care", "medical"}

// orgTokens are the words of an organisation's name, for matching.
func orgTokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(fold(strings.ReplaceAll(s, "&", " and "))), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if !slices.Contains(orgWords, w) {
			out = append(out, w)
		}
	}
	return out
}

// matchOrg finds the organisation s names among orgs: by its name or id,
// or by a part of its name that fits it alone ("EMIS" for "EMIS (Optum
// UK)").
func matchOrg(s string, orgs []*Record) match {
	cell := orgTokens(s)
	if len(cell) == 0 {
		return match{how: notFound}
	}
	key := strings.Join(cell, " ")
	id := IDOf(s)
	for _, o := range orgs {
		if strings.Join(orgTokens(o.Name), " ") == key || o.ID == id || o.ID == strings.TrimSpace(s) {
			return match{how: exact, rec: o}
		}
	}
	var parts []*Record
	for _, o := range orgs {
		name := orgTokens(o.Name)
		if run(name, cell) || run(cell, name) {
			parts = append(parts, o)
		}
	}
	switch len(parts) {
	case 1:
		return match{how: partName, rec: parts[0]}
	case 0:
	default:
		return match{how: nearMiss, rec: parts[0], others: parts[1:]}
	}
	var near []*Record
	best := 3
	for _, o := range orgs {
		base := strings.Join(orgTokens(stripBrackets(o.Name)), " ")
		d := min(site.Distance(key, strings.Join(orgTokens(o.Name), " ")), site.Distance(key, base), site.Distance(id, o.ID))
		if d > allowedTypos(base) || d > best {
			continue
		}
		if d < best {
			near, best = nil, d
		}
		near = append(near, o)
	}
	if len(near) > 0 {
		return match{how: nearMiss, rec: near[0], others: near[1:]}
	}
	return match{how: notFound}
}

// sameOrg reports whether a and b name one organisation but for generic
// words: "EMIS Health support" is EMIS.
func sameOrg(a, b string) bool {
	particular := func(s string) string {
		var out []string
		for _, w := range orgTokens(s) {
			if !slices.Contains(genericWords, w) {
				out = append(out, w)
			}
		}
		return strings.Join(out, " ")
	}
	pa := particular(a)
	return pa != "" && pa == particular(b)
}

// run reports whether part is a run of the words of whole, with at least
// one word that is not a generic one.
func run(whole, part []string) bool {
	if len(part) == 0 || len(part) >= len(whole) {
		return false
	}
	particular := false
	for _, w := range part {
		if !slices.Contains(genericWords, w) && len(w) >= 3 {
			particular = true
		}
	}
	if !particular {
		return false
	}
	for i := 0; i+len(part) <= len(whole); i++ {
		if slices.Equal(whole[i:i+len(part)], part) {
			return true
		}
	}
	return false
}

// IDOf is a name as an id: lower-case letters and digits, words joined by
// single hyphens, accents taken off, apostrophes dropped ("O'Brien" is
// obrien), at most 60 characters, cut between words.
func IDOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(fold(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	s := b.String()
	for len(s) > 60 {
		i := strings.LastIndexByte(s[:60], '-')
		if i <= 0 {
			s = s[:60]
			break
		}
		s = s[:i]
	}
	return s
}

// ids hands out new ids for records of one kind, none of them taken.
type ids map[string]bool

// take returns want, or want-2, want-3 and so on when want is taken, and
// marks it taken. A reserved id (index) is never given.
func (t ids) take(kind, want string) string {
	id := want
	for n := 2; t[id] || site.ReservedID(kind, id) != ""; n++ {
		id = fmt.Sprintf("%s-%d", want, n)
	}
	t[id] = true
	return id
}

// splitNames splits a cell that names more than one person: "Karen
// Davies / Phil Naylor", "Karen Davies and Phil Naylor", "Karen Davies,
// Phil Naylor"; but "Davies, Karen" is one name.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '&' || r == ';' || r == '+' || r == '\n' }) {
		for _, q := range strings.Split(p, " and ") {
			parts := strings.Split(q, ",")
			if len(parts) == 2 && len(strings.Fields(parts[0])) == 1 {
				parts = []string{q}
			}
			for _, r := range parts {
				if r = clean(r); r != "" {
					out = append(out, r)
				}
			}
		}
	}
	return out
}
