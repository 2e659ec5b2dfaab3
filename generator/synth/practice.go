package synth

import (
	"fmt"
	"golang.org/x/text/language"
	textmessage "golang.org/x/text/message"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// practice is one practice while it is being made: its identity, the
// shared records it uses, its staff, and which services and runbooks it
// has. The records are written from it and it is dropped.
type practice struct {
	*rand.Rand
	ident
	pl    *plan
	pcn   pcnInfo
	icb   icbInfo
	buddy *ident
	sys   clinicalSystem
	list  int
	// care is how well the practice keeps its governance up, from 0 to 1:
	// it sets the odds of overdue reviews, leavers left in place, gaps.
	care     float64
	people   []*person
	roles    []*role
	services []*serviceSpec
	runbooks []*runbookSpec
	// exercises are made up front: the plan's cascade test date comes
	// from them.
	exercises []*exercise
	text      *strings.Replacer
}

// kind is a post in the practice: who does what is decided by post, so
// that the records agree with each other.
type kind int

const (
	noOne kind = iota
	manager
	seniorGP
	partnerGP
	salariedGP
	locumGP
	anp
	nurse
	hca
	pharmacist
	receptionLead
	navigator
	navigator2
	itLead
	assistantPM
	administrator
	secretary
)

type slot struct {
	kind     kind
	group    string
	titles   []string
	required bool
	// mayLeave marks posts whose holder may have left: the practice
	// manager, senior partner and team leads stay.
	mayLeave bool
}

var slots = []slot{
	{manager, "practice-manager", []string{"Practice manager", "Practice business manager"}, true, false},
	{seniorGP, "gp-partner", []string{"Senior GP partner", "GP partner and senior partner"}, true, false},
	{partnerGP, "gp-partner", []string{"GP partner", "GP partner and PCN clinical lead"}, false, false},
	{salariedGP, "salaried-gp", []string{"Salaried GP"}, false, true},
	{locumGP, "locum-gp", []string{"Regular locum GP (Tuesdays and Thursdays)", "Regular locum GP (Mondays)"}, false, false},
	{anp, "anp", []string{"Advanced nurse practitioner"}, false, true},
	{nurse, "practice-nurse", []string{"Practice nurse", "Lead practice nurse"}, true, false},
	{hca, "hca", []string{"Healthcare assistant"}, false, true},
	{pharmacist, "pharmacist", []string{"Clinical pharmacist ({pcn})"}, false, false},
	{receptionLead, "care-navigator", []string{"Reception manager (senior care navigator)", "Patient services lead"}, true, false},
	{navigator, "care-navigator", []string{"Care navigator"}, true, false},
	{navigator2, "care-navigator", []string{"Care navigator", "Care navigator (branch surgery)"}, false, true},
	{itLead, "data-manager", []string{"Data and IT lead", "IT and data quality manager"}, false, true},
	{assistantPM, "assistant-practice-manager", []string{"Assistant practice manager"}, false, true},
	{administrator, "administrator", []string{"Administrator: document workflow and summarising", "Digital and patient access coordinator"}, false, true},
	{secretary, "secretary", []string{"Medical secretary"}, false, true},
}

type person struct {
	kind       kind
	id         string
	name       string // with any title: "Dr Ravi Patel"
	job, group string
	status     string
	started    time.Time
	left       time.Time
	email      string
	extension  string
	mobile     string
	training   []completion
	note       string
}

type completion struct {
	course string
	done   time.Time
}

func (pe *person) leaver() bool { return pe.status == "leaver" }

// writePractice makes practice i and writes its folder.
func writePractice(w *writer, pl *plan, i int) error {
	p := newPractice(pl, i)
	dir := "content/" + p.id + "/"
	for _, sub := range []string{"people", "services", "runbooks", "exercises", "reviews", "pages"} {
		if err := w.mkdir(dir + sub); err != nil {
			return err
		}
	}
	for _, write := range []func(*writer, string) error{
		p.writePractice, p.writeRoles, p.writeTraining, p.writePeople,
		p.writeServices, p.writeRunbooks, p.writeExercises, p.writeReviews, p.writePages,
	} {
		if err := write(w, dir); err != nil {
			return err
		}
	}
	return nil
}

func newPractice(pl *plan, i int) *practice {
	p := &practice{
		Rand:  pl.rand(streamPractice, uint64(i)),
		ident: pl.practice(i),
		pl:    pl,
	}
	p.pcn = pl.pcn(pl.pcnOf(i))
	p.icb = pl.icb(p.pcn.icb)
	p.care = p.Float64()
	p.list = 2500 + 100*p.IntN(180)
	switch x := p.IntN(100); {
	case x < 55:
		p.sys = systems[0]
	case x < 95:
		p.sys = systems[1]
	default:
		p.sys = systems[2]
	}
	// The buddy is the next practice of the PCN, round the circle.
	if size := p.pcn.end - p.pcn.first; size > 1 && p.chance(0.85) {
		b := pl.practice(p.pcn.first + (i-p.pcn.first+1)%size)
		p.buddy = &b
	}
	p.hire()
	p.text = strings.NewReplacer(
		"{practice}", p.name,
		"{clinical}", p.sys.name,
		"{ods}", p.ods,
		"{icb}", p.icb.name,
		"{region}", p.icb.region,
		"{desk}", p.icb.region+" GPIT service desk",
		"{pcn}", p.pcn.name,
		"{town}", p.town,
		"{list}", thousands(p.list),
		"{pm}", p.has(manager).name,
		"{buddy}", p.buddyName(),
	)
	for _, pe := range p.people {
		pe.job = p.text.Replace(pe.job)
	}
	p.appoint()
	p.train()
	p.chooseServices()
	p.chooseRunbooks()
	p.planExercises()
	return p
}

func (p *practice) buddyName() string {
	if p.buddy == nil {
		return "a neighbouring practice"
	}
	return p.buddy.name
}

// chance reports true with probability f.
func (p *practice) chance(f float64) bool { return p.Float64() < f }

// lapse reports whether something the practice should have kept up has
// lapsed: base is the odds at an average practice; the most careful
// practices hardly ever lapse, the least careful three times as often.
func (p *practice) lapse(base float64) bool {
	slack := 1 - p.care
	return p.chance(base * 3 * slack * slack)
}

func (p *practice) between(lo, hi int) int { return lo + p.IntN(hi-lo+1) }

// ago is a day between lo and hi days before AsOf.
func (p *practice) ago(lo, hi int) time.Time { return daysBefore(p.Rand, lo, hi) }

// hire makes the staff: the posts every practice has, one of the two
// managers of IT, then others at random, 8 to 12 people in all.
func (p *practice) hire() {
	want := p.between(8, 12)
	take := make([]bool, len(slots))
	n := 0
	for i, s := range slots {
		if s.required {
			take[i], n = true, n+1
		}
	}
	it := slices.IndexFunc(slots, func(s slot) bool { return s.kind == itLead })
	if p.chance(0.35) {
		it = slices.IndexFunc(slots, func(s slot) bool { return s.kind == assistantPM })
	}
	take[it], n = true, n+1
	for _, i := range p.Perm(len(slots)) {
		if n >= want {
			break
		}
		if !take[i] {
			take[i], n = true, n+1
		}
	}
	used := map[string]bool{}
	var leavers []*person
	for i, s := range slots {
		if !take[i] {
			continue
		}
		pe := p.newPerson(s, used)
		p.people = append(p.people, pe)
		if s.mayLeave {
			leavers = append(leavers, pe)
		}
	}
	// Many practices have had a leaver in the last months; some, two.
	// Whether they still own or hold anything is decided record by
	// record (see assign).
	gone := 0
	if p.lapse(0.2) {
		gone = 1 + p.IntN(2)
	}
	for _, k := range p.Perm(len(leavers)) {
		if gone == 0 {
			break
		}
		pe := leavers[k]
		pe.status = "leaver"
		pe.left = p.ago(7, 240)
		if !pe.started.Before(pe.left) {
			pe.started = pe.left.AddDate(0, 0, -p.between(200, 3000))
		}
		pe.note = fmt.Sprintf("Left on %s.", pe.left.Format(time.DateOnly))
		gone--
	}
}

func (p *practice) newPerson(s slot, used map[string]bool) *person {
	var first, last, id string
	for try := 0; ; try++ {
		first, last = pick(p.Rand, firstNames), pick(p.Rand, surnames)
		id = slug(first[:1] + last)
		if try >= 20 {
			id += strconv.Itoa(try)
		}
		if !used[id] {
			break
		}
	}
	used[id] = true
	pe := &person{
		kind: s.kind, id: id, name: first + " " + last,
		job: pick(p.Rand, s.titles), group: s.group, status: "active",
		email:  strings.ToLower(first[:1]) + "." + slug(last) + "@" + p.id + ".example.nhs.uk",
		mobile: mobile(p.Rand),
	}
	if strings.HasSuffix(s.group, "gp") || s.group == "gp-partner" {
		pe.name = "Dr " + pe.name
	}
	switch s.kind {
	case seniorGP:
		pe.started = p.ago(365*12, 365*28)
	case manager, partnerGP, receptionLead:
		pe.started = p.ago(365*3, 365*20)
	default:
		pe.started = p.ago(20, 365*15)
	}
	if s.kind == locumGP {
		pe.status = "locum"
	} else {
		pe.extension = strconv.Itoa(200 + int(s.kind)*3 + p.IntN(3))
	}
	return pe
}

// has returns the holder of post k, or nil.
func (p *practice) has(k kind) *person {
	for _, pe := range p.people {
		if pe.kind == k {
			return pe
		}
	}
	return nil
}

// assign chooses who does something that falls to the first of posts ks
// the practice has. When that is a leaver, the practice may have handed
// it over (then the next post takes it) or not (the finding the handbook
// is for); the practice manager is the last resort.
func (p *practice) assign(ks ...kind) *person {
	for _, k := range ks {
		pe := p.has(k)
		if pe == nil {
			continue
		}
		if pe.leaver() && !p.lapse(0.15) {
			continue
		}
		return pe
	}
	return p.has(manager)
}

// other chooses a current member of staff of posts ks who is not the
// people given, or nil.
func (p *practice) other(not []*person, ks ...kind) *person {
	for _, k := range ks {
		pe := p.has(k)
		if pe != nil && !pe.leaver() && !slices.Contains(not, pe) {
			return pe
		}
	}
	return nil
}

// active lists the staff who have not left.
func (p *practice) active() []*person {
	var out []*person
	for _, pe := range p.people {
		if !pe.leaver() {
			out = append(out, pe)
		}
	}
	return out
}

func ids(people []*person) []string {
	out := make([]string, 0, len(people))
	for _, pe := range people {
		if pe != nil && !slices.Contains(out, pe.id) {
			out = append(out, pe.id)
		}
	}
	return out
}

// Governance roles.

type role struct {
	role           string
	holder, deputy *person
	org, contact   string
	appointed      time.Time
	evidence       string
}

type roleSpec struct {
	role           string
	holder, deputy []kind
	evidence       string
}

var roleSpecs = []roleSpec{
	{"siro", []kind{seniorGP}, []kind{partnerGP, manager}, "Partners' meeting minutes, {date}; named in the DSPT 2025-26 submission."},
	{"caldicott-guardian", []kind{partnerGP, seniorGP}, []kind{seniorGP, salariedGP}, "Partners' meeting minutes, {date}; listed on the UK Caldicott Guardian register."},
	{"dpo", nil, []kind{manager}, "ICB Practice Agreement schedule 3 (DPO service); DPO named in the practice privacy notice and on the ICO register."},
	{"ig-lead", []kind{manager}, []kind{assistantPM, itLead}, "Job description (practice manager), section 4; submits the DSPT each June."},
	{"it-cyber-lead", []kind{itLead, assistantPM, manager}, []kind{assistantPM, manager}, "Partners' meeting minutes, {date}; named as the practice IT and cyber security contact in the ICB Practice Agreement."},
	{"clinical-safety-officer", []kind{partnerGP, salariedGP, seniorGP}, []kind{salariedGP, anp, seniorGP}, "Partners' meeting minutes, {date}; DCB0160 training recorded in the training matrix."},
	{"business-continuity-lead", []kind{manager}, []kind{assistantPM, seniorGP}, "Business continuity plan, document control page."},
	{"incident-lead", []kind{manager}, []kind{seniorGP}, "Business continuity plan, section 2 (roles). Out of hours the duty partner leads."},
	{"ra-agent", []kind{itLead, assistantPM, manager}, []kind{manager, receptionLead}, "Sponsored by the ICB Registration Authority manager, {date}; RA agent position in CIS2."},
	{"training-lead", []kind{assistantPM, manager}, []kind{manager, itLead}, "Training needs analysis signed off at the partners' meeting."},
}

// appoint fills the governance roles. A careless practice may have left a
// required role empty.
func (p *practice) appoint() {
	for _, s := range roleSpecs {
		if s.role == "clinical-safety-officer" && p.lapse(0.03) {
			continue
		}
		r := &role{role: s.role}
		if s.holder == nil {
			r.org = p.icb.dpo
			r.contact = p.icb.dpoName + ", Data Protection Officer, " + p.icb.region + " ICB DPO Service"
			r.appointed = p.ago(200, 1500)
		} else {
			r.holder = p.assign(s.holder...)
			r.appointed = p.after(r.holder.started, 30, 700)
		}
		r.deputy = p.other([]*person{r.holder}, s.deputy...)
		r.evidence = strings.ReplaceAll(s.evidence, "{date}", human(r.appointed))
		p.roles = append(p.roles, r)
	}
}

// holder returns who holds role, or nil.
func (p *practice) holder(role string) *person {
	for _, r := range p.roles {
		if r.role == role {
			return r.holder
		}
	}
	return nil
}

// after is a day lo to hi days after t, but not after AsOf.
func (p *practice) after(t time.Time, lo, hi int) time.Time {
	if d := t.AddDate(0, 0, p.between(lo, hi)); d.Before(asOf) {
		return d
	}
	if t.Before(asOf) {
		return asOf
	}
	return t
}

func (p *practice) writeRoles(w *writer, dir string) error {
	d := w.toml(dir+"roles.toml", "roles")
	d.comment(p.name+": who holds each governance role.",
		"Exactly one of holder (a person here) or organisation (a bought-in",
		"service, with the named contact there) per role.")
	for _, r := range p.roles {
		d.array("roles")
		d.str("role", r.role)
		if r.holder != nil {
			d.str("holder", r.holder.id)
		} else {
			d.str("organisation", r.org)
			d.str("contact", r.contact)
		}
		if r.deputy != nil {
			d.str("deputy", r.deputy.id)
		}
		d.date("appointed", r.appointed)
		d.str("evidence", r.evidence)
	}
	return w.flush()
}

func (p *practice) writePeople(w *writer, dir string) error {
	for _, pe := range p.people {
		d := w.toml(dir+"people/"+pe.id+".toml", "person")
		d.str("name", pe.name)
		d.str("job_title", pe.job)
		d.str("staff_group", pe.group)
		d.str("status", pe.status)
		d.date("started", pe.started)
		d.date("left", pe.left)
		d.str("email", pe.email)
		d.opt("extension", pe.extension)
		d.comment("Sensitive: printed in the continuity pack only, never shown on the intranet.")
		d.str("personal_mobile", pe.mobile)
		if pe.note != "" {
			d.WriteByte('\n')
			d.comment(pe.note)
		}
		for _, c := range pe.training {
			d.array("training")
			d.str("course", c.course)
			d.date("completed", c.done)
		}
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

// human formats a date for people: "3 March 2026".
func human(t time.Time) string { return t.Format("2 January 2006") }

// monthYear formats a date as "March 2026".
func monthYear(t time.Time) string { return months[t.Month()-1] + " " + strconv.Itoa(t.Year()) }

// thousands writes n with a comma between each three digits: 1,234,567.
func thousands(n int) string { return british.Sprint(n) }

// british formats numbers as written in the UK.
var british = textmessage.NewPrinter(language.BritishEnglish)
