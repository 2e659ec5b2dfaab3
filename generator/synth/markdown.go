package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Markdown sites: many Markdown pages over as few records as a valid
// practice needs, so that a build's time goes on the pages. They measure
// the Markdown path of a build against other generators' figures for the
// same kind of site: pages of about 600 words (headings, paragraphs,
// lists, links, emphasis and now and then a table) with TOML front
// matter, in sections of PagesPerPractice pages that share a layout and
// a navigation.

// MarkdownOptions say what WriteMarkdown generates.
type MarkdownOptions struct {
	// Pages is how many Markdown pages to write, at most
	// MaxMarkdownPages. Zero writes PagesPerPractice.
	Pages int
	// Seed chooses the content, as Options.Seed does.
	Seed int64
}

// PagesPerPractice is how many Markdown pages each practice of a
// Markdown site holds; the last practice holds the rest.
const PagesPerPractice = 100

// MaxMarkdownPages is the most pages WriteMarkdown makes.
const MaxMarkdownPages = 1_000_000

// WriteMarkdown writes a handbook site of opt.Pages Markdown pages into
// dir, in practices of PagesPerPractice pages each. Each practice has only
// the records a practice needs to build (practice.toml, roles.toml,
// training.toml, three people and its clinical system), so that the pages
// are nearly all of the work. dir is prepared as Write prepares it, and
// the same options always give the same files.
func WriteMarkdown(dir string, opt MarkdownOptions) error {
	_, err := WriteMarkdownStats(dir, opt)
	return err
}

// WriteMarkdownStats is WriteMarkdown, and also says how much it wrote.
func WriteMarkdownStats(dir string, opt MarkdownOptions) (Stats, error) {
	n := opt.Pages
	switch {
	case n == 0:
		n = PagesPerPractice
	case n < 0 || n > MaxMarkdownPages:
		return Stats{}, fmt.Errorf("cannot write %d Markdown pages: choose 1 to %d", n, MaxMarkdownPages)
	}
	if err := prepare(dir); err != nil {
		return Stats{}, err
	}
	ms := &markdownSite{plan: newPlan((n+PagesPerPractice-1)/PagesPerPractice, opt.Seed), pages: n}
	stats, err := writeJobs(dir, 1+ms.n, func(w *writer, k int) error {
		if k == 0 {
			return ms.writeShared(w)
		}
		return ms.writePractice(w, k-1)
	})
	stats.Practices = ms.n
	return stats, err
}

// markdownSite is the plan of a Markdown site: its practices are named,
// and grouped in PCNs and ICBs, as in a site Write makes.
type markdownSite struct {
	*plan
	pages int
}

// Random streams of Markdown sites, apart from those of Write.
const (
	streamMarkdownPractice uint64 = iota + 64
	streamMarkdownPage
)

// The ids of the records every practice of a Markdown site has.
const (
	mdCourse  = "data-security-awareness"
	mdService = "clinical-system"
)

// mdPeople are each practice's staff: the owners of its pages.
var mdPeople = []struct{ id, job, group string }{
	{"manager", "Practice manager", "practice-manager"},
	{"partner", "GP partner", "gp-partner"},
	{"nurse", "Lead practice nurse", "practice-nurse"},
}

func (ms *markdownSite) writeShared(w *writer) error {
	d := w.toml("handbook.toml", "handbook")
	d.WriteString(marker + "\n")
	d.comment(fmt.Sprintf("%d Markdown pages in %d practices, seed %d: every name is made up.", ms.pages, ms.n, int64(ms.seed)))
	d.str("title", fmt.Sprintf("Synthetic policies handbook (%d pages)", ms.pages))
	d.str("description", "Made-up policies, procedures and quick guides, generated for measuring builds.")
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.mkdir("content/courses"); err != nil {
		return err
	}
	d = w.toml("content/courses/"+mdCourse+".toml", "course")
	d.str("title", "Data Security Awareness Level 1")
	d.str("provider", ms.icb(0).id)
	d.str("delivery", "e-learning")
	d.num("validity_months", 12)
	d.str("description", "Annual data security training for everyone.")
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.mkdir("content/organisations"); err != nil {
		return err
	}
	r := ms.rand(streamShared, 0)
	for j := range ms.icbs {
		icb := ms.icb(j)
		for _, o := range []organisation{
			{id: icb.id, name: icb.name, kind: "icb", description: "The integrated care board of the practices."},
			{id: icb.desk, name: icb.region + " GPIT Service Desk", kind: "icb-service", description: "IT support for the practices of the ICB."},
		} {
			o.verified = verified(r)
			o.contacts = []contact{{label: "Switchboard", phone: landline(r), hours: weekdays}}
			if err := writeOrg(w, o); err != nil {
				return err
			}
		}
	}
	for k := range ms.pcns() {
		pcn := ms.pcn(k)
		o := organisation{id: pcn.id, name: pcn.name, kind: "pcn", description: "The primary care network of the practices.",
			verified: verified(r), contacts: []contact{{label: "PCN manager", phone: landline(r)}}}
		if err := writeOrg(w, o); err != nil {
			return err
		}
	}
	return nil
}

// writePractice writes practice i: its records and its pages.
func (ms *markdownSite) writePractice(w *writer, i int) error {
	id := ms.practice(i)
	pcn := ms.pcn(ms.pcnOf(i))
	icb := ms.icb(pcn.icb)
	r := ms.rand(streamMarkdownPractice, uint64(i))
	dir := "content/" + id.id + "/"
	for _, sub := range []string{"people", "services", "pages"} {
		if err := w.mkdir(dir + sub); err != nil {
			return err
		}
	}

	d := w.toml(dir+"practice.toml", "practice")
	d.str("ods", id.ods)
	d.str("name", id.name)
	d.str("icb", icb.id)
	d.str("pcn", pcn.id)
	d.num("list_size", 3000+r.IntN(12000))
	d.str("clinical_system", mdService)
	d.table("practice_agreement")
	d.str("version", icb.agreement)
	d.date("signed", daysBefore(r, 40, 200))
	d.table("dspt")
	d.str("status", "standards-met")
	d.array("sites")
	d.str("name", id.name)
	d.str("address", id.address())
	d.str("phone", id.phone)
	d.boolean("main", true)
	reviewed := daysBefore(r, 30, 300)
	d.table("continuity")
	d.str("version", "1.0")
	d.str("owner", "manager")
	d.date("reviewed", reviewed)
	d.date("next_review", reviewed.AddDate(1, 0, 0))
	d.table("continuity.icb_approval")
	d.str("status", "approved")
	d.date("approved", reviewed.AddDate(0, 0, 20))
	d.table("continuity.invocation")
	d.str("when", "A critical service is down, or the building cannot be used, for more than 15 minutes.")
	d.str("who", "The practice manager; if she cannot be reached, the duty partner.")
	d.list("first_15_minutes", []string{"Check everyone is safe.", "Start the incident log."})
	d.array("continuity.cascade")
	d.str("caller", "manager")
	d.list("calls", []string{"partner", "nurse"})
	d.table("continuity.recovery")
	d.list("back_entry", []string{"Enter paper notes, labelled as transcribed."})
	d.list("reconciliation", []string{"Check documents filed during the outage."})
	if err := w.flush(); err != nil {
		return err
	}

	d = w.toml(dir+"roles.toml", "roles")
	d.array("roles")
	d.str("role", "siro")
	d.str("holder", "partner")
	d.array("roles")
	d.str("role", "business-continuity-lead")
	d.str("holder", "manager")
	if err := w.flush(); err != nil {
		return err
	}

	d = w.toml(dir+"training.toml", "training")
	d.table("needs_analysis")
	d.date("completed", daysBefore(r, 30, 200))
	d.str("by", "manager")
	d.str("summary", "Everyone needs data security training every year.")
	d.array("requirements")
	d.str("course", mdCourse)
	d.boolean("everyone", true)
	if err := w.flush(); err != nil {
		return err
	}

	for _, pe := range mdPeople {
		d := w.toml(dir+"people/"+pe.id+".toml", "person")
		d.str("name", pick(r, firstNames)+" "+pick(r, surnames))
		d.str("job_title", pe.job)
		d.str("staff_group", pe.group)
		d.str("status", "active")
		d.array("training")
		d.str("course", mdCourse)
		d.date("completed", daysBefore(r, 10, 300))
		if err := w.flush(); err != nil {
			return err
		}
	}

	d = w.toml(dir+"services/"+mdService+".toml", "service")
	d.str("name", "EMIS Web")
	d.str("plain_name", "Patient records")
	d.str("purpose", "Patient records, appointments and prescribing.")
	d.str("category", "clinical-system")
	d.str("provision", "icb-provided")
	d.str("lifecycle", "live")
	d.str("criticality", "critical")
	d.str("owner", "partner")
	d.table("support")
	d.str("desk", icb.desk)
	d.table("data")
	d.list("categories", []string{"patient-health"})
	d.str("description", "The whole patient record.")
	d.table("governance")
	d.str("dpia", "icb-covered")
	d.str("clinical_safety", "assessed")
	d.table("access")
	d.str("granted", "Smartcard role profile.")
	d.str("removed", "On the last day of work.")
	d.num("review_months", 6)
	d.table("continuity")
	d.str("summary", "Paper notes until it is back.")
	d.table("review")
	d.date("last", reviewed)
	if err := w.flush(); err != nil {
		return err
	}

	first := i * PagesPerPractice
	count := min(PagesPerPractice, ms.pages-first)
	titles := pageTitles(r, count)
	for k := range count {
		if err := ms.writePage(w, dir+"pages/", titles, k, first+k); err != nil {
			return err
		}
	}
	return nil
}

// pageTitle is a page's title, kind and id.
type pageTitle struct{ title, kind, id string }

// pageTitles chooses n different titles for the pages of a practice: n
// is at most PagesPerPractice, fewer than the titles there are.
func pageTitles(r *rand.Rand, n int) []pageTitle {
	forms := []struct{ kind, format string }{
		{"policy", "%s policy"},
		{"procedure", "%s procedure"},
		{"quick-guide", "Quick guide: %s"},
	}
	var titles []pageTitle
	for _, i := range r.Perm(len(topics) * len(forms))[:n] {
		t, f := topics[i/len(forms)], forms[i%len(forms)]
		if f.kind == "quick-guide" {
			t = lowerFirst(t)
		}
		title := fmt.Sprintf(f.format, t)
		titles = append(titles, pageTitle{title, f.kind, slug(title)})
	}
	return titles
}

// writePage writes page k of a practice, titled titles[k]: page number
// global of the site, drawn from a random stream of its own.
func (ms *markdownSite) writePage(w *writer, dir string, titles []pageTitle, k, global int) error {
	r := ms.rand(streamMarkdownPage, uint64(global))
	t := titles[k]
	d := w.page(dir + t.id + ".md")
	d.str("title", t.title)
	d.str("kind", t.kind)
	d.str("owner", pick(r, mdPeople).id)
	reviewed := daysBefore(r, 20, 330)
	d.date("reviewed", reviewed)
	d.date("next_review", reviewed.AddDate(1, 0, 0))
	d.str("summary", plainSentence(r))
	if r.IntN(3) == 0 {
		d.list("services", []string{mdService})
	}
	d.WriteString("+++\n\n")
	b := &prose{r: r, Buffer: d.Buffer}
	sibling := func() string {
		j := k
		if len(titles) > 1 {
			j = (k + 1 + r.IntN(len(titles)-1)) % len(titles)
		}
		return link(lowerFirst(titles[j].title), titles[j].id+".md")
	}
	b.sibling = sibling
	b.para(3)
	for s, h := range pick(r, outlines) {
		fmt.Fprintf(b, "## %s\n\n", h)
		switch s % 4 {
		case 0:
			b.para(3)
			b.para(3)
		case 1:
			b.para(2)
			b.list(4+r.IntN(3), false)
		case 2:
			b.para(2)
			b.list(5+r.IntN(3), true)
			b.para(2)
		case 3:
			if r.IntN(3) == 0 {
				b.table(4 + r.IntN(3))
			}
			b.para(3)
		}
	}
	b.WriteString("## Related pages\n\n")
	for range 3 {
		fmt.Fprintf(b, "- The %s.\n", sibling())
	}
	fmt.Fprintf(b, "- %s in the %s.\n\n", "How to record it", link("clinical system", "../services/"+mdService+".toml"))
	return w.flush()
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// prose writes Markdown made of generated sentences into a page.
type prose struct {
	r *rand.Rand
	*bytes.Buffer
	sibling func() string // a link to another page of the practice
}

// para writes a paragraph of n sentences, some words emphasised and now
// and then a link.
func (b *prose) para(n int) {
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		r := b.r
		subject, verb, object, tail := pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, tails)
		switch x := r.IntN(12); {
		case x == 0:
			object = "**" + object + "**"
		case x == 1:
			object = "*" + object + "*"
		case x == 2:
			tail += " See the " + b.sibling() + "."
			fmt.Fprintf(b, "%s %s %s %s", subject, verb, object, tail)
			continue
		case x == 3 && r.IntN(4) == 0:
			tail += " The national guidance is on the " + link("NHS England website", "https://www.england.nhs.uk/") + "."
			fmt.Fprintf(b, "%s %s %s %s", subject, verb, object, tail)
			continue
		}
		fmt.Fprintf(b, "%s %s %s %s", subject, verb, object, tail)
	}
	b.WriteString("\n\n")
}

// list writes a list of n steps, numbered if ordered.
func (b *prose) list(n int, ordered bool) {
	for i := range n {
		if ordered {
			fmt.Fprintf(b, "%d. ", i+1)
		} else {
			b.WriteString("- ")
		}
		step := step(b.r)
		if b.r.IntN(4) == 0 {
			verb, rest, _ := strings.Cut(step, " ")
			step = "**" + verb + "** " + rest
		}
		b.WriteString(step)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
}

// table writes a table of tasks, who does them and when, of n rows.
func (b *prose) table(n int) {
	b.WriteString("| Task | Who | When |\n|---|---|---|\n")
	for range n {
		fmt.Fprintf(b, "| %s | %s | %s |\n", strings.TrimSuffix(step(b.r), "."), pick(b.r, roles), pick(b.r, timings))
	}
	b.WriteByte('\n')
}

// step is an instruction: "Check the patient's identity with two identifiers."
func step(r *rand.Rand) string {
	return pick(r, imperatives) + " " + pick(r, objects) + " " + pick(r, stepTails)
}

// plainSentence is a sentence without Markdown, for a summary.
func plainSentence(r *rand.Rand) string {
	return pick(r, subjects) + " " + pick(r, verbs) + " " + pick(r, objects) + " " + pick(r, tails)
}

// The words the pages are made of.

var topics = []string{
	"Chaperone", "Repeat prescribing", "Home visit", "Complaints", "Significant event",
	"Safeguarding adults", "Safeguarding children", "Infection control", "Consent",
	"Confidentiality", "Test results", "Referrals", "Cold chain", "Sharps injury",
	"Fire safety", "Lone working", "Patient registration", "Removal of patients",
	"Violent patients", "Zero tolerance", "Freedom of information", "Subject access request",
	"Data breach", "Clinical waste", "Emergency drugs", "Medical emergencies",
	"Whistleblowing", "Induction", "Appraisal", "Sickness absence", "Annual leave",
	"Recruitment", "Locum induction", "Prescription security", "Controlled drugs",
	"Vaccine storage", "Translation and interpreting", "Carers", "Accessible information",
	"Duty doctor",
}

var outlines = [][]string{
	{"Purpose", "Who is responsible", "What to do", "Records", "Review"},
	{"Why this matters", "Before you start", "Step by step", "When to escalate", "Training", "Review"},
	{"Scope", "Roles", "The procedure", "Timescales", "Audit"},
	{"Background", "Everyone's duties", "How to do it", "Checks", "Monitoring", "Related documents"},
	{"Summary", "Responsibilities", "Process", "Exceptions", "Keeping records"},
}

var subjects = []string{
	"The practice manager", "The duty doctor", "The receptionist", "Every clinician",
	"The care navigator on shift", "The IG lead", "The lead practice nurse", "The patient services team",
	"Whoever takes the call", "The clinical pharmacist", "The assistant practice manager",
	"The GP partner on call", "Each member of staff", "The workflow administrator",
}

var verbs = []string{
	"checks", "records", "reviews", "confirms", "agrees", "escalates", "updates",
	"explains", "arranges", "shares", "signs off", "audits", "reports",
}

var objects = []string{
	"the request in the clinical system", "the patient's consent", "each step on the log",
	"the outcome with the patient", "any concern with the duty doctor", "the date of the next review",
	"the details in the patient's record", "the right coding for the consultation",
	"the checklist at the end of the session", "the incident on the practice risk register",
	"the identity of the patient with two identifiers", "what was decided and why",
	"the rota for the following week", "the paperwork before it is scanned",
	"the fridge temperatures", "the list of actions from the last meeting",
}

var tails = []string{
	"before the end of the session.", "within two working days.", "and tells the patient what happens next.",
	"as soon as it is safe to do so.", "at the next practice meeting.", "every month.",
	"without waiting to be asked.", "so that the record is complete.", "using the template in the clinical system.",
	"and keeps a copy for the audit.", "in line with the national guidance.", "the same day.",
}

var imperatives = []string{
	"Check", "Record", "Confirm", "Review", "Update", "Agree", "Explain", "Arrange", "File", "Share",
}

var stepTails = []string{
	"before the patient leaves.", "on the same day.", "with a colleague if unsure.",
	"and note who did it.", "within 48 hours.", "at every visit.", "as the template asks.",
}

var roles = []string{
	"Practice manager", "Duty doctor", "Reception lead", "Lead nurse", "IG lead",
	"Clinical pharmacist", "Workflow administrator",
}

var timings = []string{
	"Daily", "Weekly", "Every month", "Every quarter", "Every year", "Within 2 working days", "The same day",
}
