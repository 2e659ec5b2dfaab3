package register

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
)

// serviceBuilder writes the service record of one row of the register,
// key by key in the order of the examples, each value from the row or a
// placeholder under a TO DO comment.
type serviceBuilder struct {
	im   *importer
	rw   *row
	d    *scaffold.Doc
	name string

	// What the record says that later keys depend on.
	category string
	ownerID  string
	kinds    []string
}

func (b *serviceBuilder) problem(at Ref, format string, args ...any) {
	b.im.note(at, true, format, args...)
}

// short is a cell's place within its sheet, for comments: D7.
func short(at Ref) string { return cellName(at.Row, at.Col) }

// exampleDate is a date for messages to give as an example: one to come
// for a date due, and today for a date past.
func (b *serviceBuilder) exampleDate(future bool) site.Date {
	t := b.im.opt.Today
	if future {
		return site.NewDate(t.Year()+1, time.March, 31)
	}
	return t
}

// example is exampleDate in the UK's order, as a register writes it.
func (b *serviceBuilder) example(future bool) string { return ukFormat(b.exampleDate(future)) }

// dateField reads the date of the field key: ok is false when the row
// has none, or one that is no date. One that is no date is reported, and
// todo is the TO DO comment to write above the key, or in its place: what
// the register says, then write, the instruction ("write it here as next
// = YYYY-MM-DD"), with an example date, one to come when future is set.
func (b *serviceBuilder) dateField(key, write string, end, future bool) (d site.Date, ok bool, todo string) {
	c, at, _, present := b.rw.cell(key)
	if !present {
		return site.Date{}, false, ""
	}
	d, ok, why := dateOf(c, end, b.rw.sh.Date1904)
	if ok {
		return d, true, ""
	}
	text := clean(c.Text)
	if why != "" {
		why = " (" + why + ")"
	}
	b.problem(at, "%q is not a date%s: write it as a date, such as %s, or fill in %s by hand", text, why, b.example(future), key)
	return site.Date{}, false, fmt.Sprintf("the register says %q (%s), which is not a date: %s, such as %s.",
		text, short(at), write, b.exampleDate(future))
}

// said is a cell that holds only a yes or no where words were wanted: the
// TO DO comment names it.
func said(v string, at Ref) string {
	if v == "" {
		return "the register did not say"
	}
	return fmt.Sprintf("the register says only %q (%s)", v, short(at))
}

// oneOf lists words as a message offers them: "a, b or c".
func oneOf(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// labels are the labels of e's choices, the words a register writes.
func labels(e *site.Enum) []string {
	ls := make([]string, len(e.Choices))
	for i, c := range e.Choices {
		ls[i] = c.Label
	}
	return ls
}

// textField reads the text of the field key: "" when there is none, or
// when the cell only answers yes or no (then what says so, for the TO DO).
func (b *serviceBuilder) textField(key string) (text, what string) {
	v, at, _ := b.rw.text(key)
	if v == "" || answerOf(v) != unclear {
		return "", said(v, at)
	}
	return v, ""
}

func (b *serviceBuilder) build() {
	d, rw, im := b.d, b.rw, b.im
	d.Line("#:schema ../../../schemas/service.schema.json")
	where := rw.file
	if rw.sh.Name != "" {
		where += ", sheet " + rw.sh.Name
	}
	d.Comment(fmt.Sprintf("Imported by handbook import on %s from %s, row %d. Each TO DO says what the register did not: write it in, then delete the TO DO.", im.opt.Today, where, rw.r))
	for _, col := range rw.cols[notesKey] {
		if v := clean(rw.sh.value(rw.r, col.col).Text); v != "" {
			d.Comment(fmt.Sprintf("%s (in the register): %s", col.heading, v))
		}
	}
	d.Set("name", b.name)
	b.names()
	b.purpose()
	b.setCategory()
	b.setProvision()
	b.setLifecycle()
	b.setCriticality()
	b.durations()
	b.people()
	b.support()
	b.data()
	b.governance()
	b.access()
	b.continuity()
	b.review()
}

func (b *serviceBuilder) names() {
	d := b.d
	if v, _ := b.textField("plain_name"); v != "" {
		d.Set("plain_name", truncate(v, 120))
	} else {
		d.Todo("what staff call it, in plain words, such as \"Letters and documents from hospitals\"; the home page lists it by these words.")
		d.Set("plain_name", truncate("TO DO: plain words for "+b.name, 120))
	}
	if v, _, _ := b.rw.text("everyday_names"); v != "" {
		var names []string
		for _, n := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
			if n = truncate(clean(n), 60); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			d.Set("everyday_names", names)
		}
	}
}

func (b *serviceBuilder) purpose() {
	if v, what := b.textField("purpose"); v != "" {
		b.d.Set("purpose", v)
	} else {
		b.d.Todo(fmt.Sprintf("what it does for the practice, in a sentence or two: %s.", what))
		b.d.Set("purpose", "TO DO: what "+b.name+" does for the practice")
	}
}

func (b *serviceBuilder) setCategory() {
	d := b.d
	v, at, _ := b.rw.text("category")
	if v != "" {
		if b.category = categoryOf(v); b.category != "" {
			if normal(v) != normal(b.category) && normal(v) != normal(site.Categories.Label(b.category)) {
				d.Todo(fmt.Sprintf("check: the register says %q, read as %s.", v, b.category))
			}
			d.Set("category", b.category)
			return
		}
		b.problem(at, "%q is not a category of the register: write one of %s, or fill in category by hand", v, oneOf(site.Categories.Values()))
	}
	if b.category = guessCategory(b.name); b.category != "" {
		d.Todo(fmt.Sprintf("check: the category is guessed from the name%s.", sayOf(v, at, "")))
	} else {
		b.category = "other"
		d.Todo(fmt.Sprintf("the kind of service, one of %s: %s.", oneOf(site.Categories.Values()), sayOf(v, at, "the register did not say")))
	}
	d.Set("category", b.category)
}

// sayOf says what an unreadable cell held, for a TO DO comment; none when
// it was empty.
func sayOf(v string, at Ref, none string) string {
	if v == "" {
		return none
	}
	if none == "" {
		return fmt.Sprintf(", as the register's %q (%s) is none", v, short(at))
	}
	return fmt.Sprintf("the register's %q (%s) is none of them", v, short(at))
}

func (b *serviceBuilder) setProvision() {
	d := b.d
	v, at, _ := b.rw.text("provision")
	choices := oneOf(site.Provisions.Values())
	if v != "" {
		if c := provisionOf(v); c.value != "" {
			if c.guessed {
				d.Todo(fmt.Sprintf("check: the register says %q (%s), read as %s; it may be %s.", v, short(at), c.value, choices))
			}
			d.Set("provision", c.value)
			return
		}
		b.problem(at, "%q does not say who provides it: write ICB, National, Practice or Supplier, or fill in provision by hand (%s)", v, choices)
	}
	provision := provisionOfName(b.name)
	if provision != "" {
		d.Todo(fmt.Sprintf("check: who provides it is guessed from the name%s.", sayOf(v, at, "")))
	} else {
		provision = "practice-owned"
		d.Todo(fmt.Sprintf("who provides it: %s; %s.", choices, sayOf(v, at, "the register did not say")))
	}
	d.Set("provision", provision)
}

func (b *serviceBuilder) setLifecycle() {
	d := b.d
	v, at, _ := b.rw.text("lifecycle")
	if v != "" {
		if c := lifecycleOf(v); c.value != "" {
			d.Set("lifecycle", c.value)
			return
		}
		b.problem(at, "%q is not a stage of a service's life: write %s, or fill in lifecycle by hand", v, oneOf(labels(site.Lifecycles)))
	}
	others := slices.DeleteFunc(site.Lifecycles.Values(), func(l string) bool { return l == "live" })
	d.Todo(fmt.Sprintf("check: live, as the register lists it as in use; or %s%s.", oneOf(others), sayOf(v, at, "")))
	d.Set("lifecycle", "live")
}

func (b *serviceBuilder) setCriticality() {
	d := b.d
	v, at, heading := b.rw.text("criticality")
	if v != "" {
		if c := criticalityOf(v); c.value != "" {
			if c.guessed {
				d.Todo(fmt.Sprintf("check: the register's %s %q (%s) is read as %s.", heading, v, short(at), c.value))
			}
			d.Set("criticality", c.value)
			return
		}
		b.problem(at, "%q is not a criticality: write %s, or fill in criticality by hand", v, oneOf(labels(site.Criticalities)))
	}
	d.Todo(fmt.Sprintf("how much the practice depends on it: %s; %s.", oneOf(site.Criticalities.Values()), sayOf(v, at, "the register did not say")))
	d.Set("criticality", "medium")
}

func (b *serviceBuilder) durations() {
	var minutes [2]int
	var vals [2]string
	for i, key := range []string{"max_tolerable_downtime", "recovery_time_objective"} {
		v, at, _ := b.rw.text(key)
		if v == "" {
			continue
		}
		dur, ok := durationOf(v)
		if !ok {
			b.problem(at, "%q is not a length of time: write it as 4 hours, 2 days or 1 week, or fill in %s by hand", v, key)
			continue
		}
		vals[i] = dur
		var sd site.Duration
		if sd.UnmarshalText([]byte(dur)) == nil {
			minutes[i] = sd.Minutes
		}
	}
	if vals[0] != "" && vals[1] != "" && minutes[1] > minutes[0] {
		at := b.rw.ref(b.rw.cols["recovery_time_objective"][0].col)
		b.problem(at, "the recovery time objective, %s, is longer than the maximum tolerable downtime, %s: left out; fill in recovery_time_objective by hand", vals[1], vals[0])
		vals[1] = ""
	}
	for i, key := range []string{"max_tolerable_downtime", "recovery_time_objective"} {
		if vals[i] != "" {
			b.d.Set(key, vals[i])
		}
	}
}

// people writes the owner, deputy and administrators.
func (b *serviceBuilder) people() {
	d, im := b.d, b.im
	ownerText, ownerAt, _ := b.rw.text("owner")
	deputyText, deputyAt, _ := b.rw.text("deputy")
	owners := splitNames(ownerText)
	if len(owners) > 1 {
		extra := owners[1:]
		if deputyText == "" {
			deputyText, deputyAt, extra = owners[1], ownerAt, owners[2:]
			im.note(ownerAt, false, "owner %q names more than one person: %s is the owner and %s the deputy", ownerText, owners[0], owners[1])
		}
		if len(extra) > 0 {
			b.problem(ownerAt, "owner %q names more than one person: %s left out; add them as admins by hand if they administer it", ownerText, strings.Join(extra, " and "))
		}
	}
	var comment string
	if len(owners) == 0 {
		im.needOwner = true
		b.ownerID = placeholderOwner
		// One note for every row with no owner, as for a name on many.
		nameRef := b.rw.ref(b.rw.cols["name"][0].col)
		if res, seen := im.resolve("owner|none", nameRef); !seen {
			res.id = placeholderOwner
			res.note = im.note(nameRef, false, "no owner in the register: the owner is %s, a placeholder, until you name one", placeholderOwner)
		}
		comment = "the person accountable for it: the register names none, so it is " + placeholderOwner + ", a placeholder. Write the id of someone in the people/ folder."
	} else {
		b.ownerID, comment = im.person(owners[0], "owner", ownerAt, b.name)
	}
	if comment != "" {
		d.Todo(comment)
	}
	d.Set("owner", b.ownerID)
	if names := splitNames(deputyText); len(names) > 0 {
		id, comment := im.person(names[0], "deputy", deputyAt, b.name)
		if len(names) > 1 {
			b.problem(deputyAt, "deputy %q names more than one person: %s is the deputy; the others are left out", deputyText, names[0])
		}
		if id != "" && id != b.ownerID {
			if comment != "" {
				d.Todo(comment)
			}
			d.Set("deputy", id)
		}
	}
	if v, at, _ := b.rw.text("admins"); v != "" {
		var admins []string
		for _, n := range splitNames(v) {
			id, comment := im.person(n, "administrator", at, b.name)
			if id != "" && !slices.Contains(admins, id) {
				if comment != "" {
					d.Todo(comment)
				}
				admins = append(admins, id)
			}
		}
		if len(admins) > 0 {
			d.Set("admins", admins)
		}
	}
}

func (b *serviceBuilder) support() {
	d, im := b.d, b.im
	d.Table("support")
	supplierText, supplierAt, _ := b.rw.text("support.supplier")
	var supplier, supplierComment string
	if supplierText != "" {
		if kind := contactKind(supplierText); kind != "" {
			b.problem(supplierAt, "supplier %q is %s, not a company: left out; write the supplier's name", supplierText, contactWords[kind])
		} else {
			supplier, supplierComment = im.org(supplierText, "supplier", supplierAt, b.name)
		}
	}
	if supplier != "" {
		if supplierComment != "" {
			d.Todo(supplierComment)
		}
		d.Set("supplier", supplier)
	}
	deskText, deskAt, _ := b.rw.text("support.desk")
	var desk, deskComment string
	switch kind := contactKind(deskText); {
	case deskText == "":
	case kind != "" && supplier != "":
		desk = supplier
		if im.contact(supplier, orgContact{kind, deskText}) {
			deskComment = fmt.Sprintf("check: the register gives %q (%s) as the helpdesk; it is in the supplier's new record, organisations/%s.toml.", deskText, short(deskAt), supplier)
		} else {
			im.note(deskAt, false, "helpdesk %q is %s, not an organisation: the supplier (%s) is the helpdesk; check that %s has it",
				deskText, contactWords[kind], supplier, im.show(path.Join("content", "organisations", supplier+".toml")))
			deskComment = fmt.Sprintf("check: the register gives %q (%s) as the helpdesk: the supplier's record should have it.", deskText, short(deskAt))
		}
	case supplier != "" && sameOrg(deskText, supplierText):
		desk = supplier // "EMIS support" is the supplier EMIS's own desk
	case kind != "":
		var file string
		desk, file = im.newOrg(b.name+" helpdesk", fmt.Sprintf("the helpdesk of %s, which %s gives only as %s", b.name, deskAt, deskText))
		im.contact(desk, orgContact{kind, deskText})
		im.note(deskAt, false, "helpdesk %q is %s, and the register names no supplier: wrote %s for it, named %q (its name and kind TO DO)",
			deskText, contactWords[kind], file, b.name+" helpdesk")
		deskComment = fmt.Sprintf("check: the register gives only %q (%s) as the helpdesk, now in %s: name the organisation there.", deskText, short(deskAt), file)
	default:
		desk, deskComment = im.org(deskText, "helpdesk", deskAt, b.name)
	}
	switch {
	case desk != "":
	case supplier != "":
		desk = supplier
		deskComment = "check: the register names no helpdesk, so the supplier is the one to call; write the ICB's service desk if it is called first."
	default:
		im.needDesk = true
		desk = placeholderDesk
		deskComment = "who to call first when it fails: the register names neither supplier nor helpdesk, so it is " + placeholderDesk + ", a placeholder. Write the id of an organisation in content/organisations/."
	}
	if deskComment != "" {
		d.Todo(deskComment)
	}
	d.Set("desk", desk)
	for _, key := range []string{"customer_ref", "contract_ref", "sla"} {
		if v, _, _ := b.rw.text("support." + key); v != "" {
			d.Set(key, v)
		}
	}
	if end, ok, todo := b.dateField("support.contract_end", "write it here as contract_end = YYYY-MM-DD", true, true); ok {
		d.Set("contract_end", end)
	} else if todo != "" {
		d.Todo(todo)
	}
}

func (b *serviceBuilder) data() {
	d := b.d
	d.Table("data")
	v, at, _ := b.rw.text("data.categories")
	kinds, answer := dataOf(v)
	switch {
	case v == "":
		d.Todo(fmt.Sprintf("the kinds of data it holds: %s. The register did not say: patient-health until you do, so that the DPIA checks apply.", oneOf(site.DataCategories.Values())))
		kinds = []string{"patient-health"}
	case answer == yes && kinds == nil:
		d.Todo(fmt.Sprintf("which kinds of personal data it holds: the register says %q (%s) but not which; patient-health until you say (or patient-identifiable, staff-personal).", v, short(at)))
		kinds = []string{"patient-health"}
	case answer == unclear:
		b.problem(at, "%q does not say what data it holds: write Patient records, Patient details, Staff data, Business or None, or fill in data.categories by hand", v)
		d.Todo(fmt.Sprintf("the kinds of data it holds: the register's %q (%s) says none of %s; patient-health until you say.", v, short(at), oneOf(site.DataCategories.Values())))
		kinds = []string{"patient-health"}
	case answer == yes:
		d.Todo(fmt.Sprintf("check: read from the register's %q (%s).", v, short(at)))
	}
	b.kinds = kinds
	d.Set("categories", kinds)
	desc, _, _ := b.rw.text("data.description")
	switch {
	case desc != "":
	case v != "" && answerOf(v) == unclear && v != "None":
		desc = v
	case slices.Equal(kinds, []string{"none"}):
		desc = "No personal data, as the register says."
	default:
		d.Todo("the data in plain words, and roughly how much, such as \"Hospital letters and results, about 450 documents a day\".")
		desc = "TO DO: the data " + b.name + " holds, in plain words"
	}
	d.Set("description", desc)
}

func (b *serviceBuilder) personal() bool {
	for _, k := range b.kinds {
		if k != "none" && k != "business" {
			return true
		}
	}
	return false
}

func (b *serviceBuilder) governance() {
	d := b.d
	d.Table("governance")
	v, at, heading := b.rw.text("governance.dpia")
	status, ok := dpiaOf(v, heading)
	switch {
	case ok:
	case v == "":
		status = "not-started"
		d.Todo(fmt.Sprintf("where the DPIA stands: %s. The register did not say: not-started until you do.", oneOf(site.DPIAStatuses.Values())))
	case answerOf(v) == yes:
		status = "not-started"
		b.problem(at, "%q under %q may mean a DPIA is done, or that one is needed: governance.dpia is not-started until you say; set it to approved by hand if it is done (a heading such as \"DPIA done\" says so for every row)", v, heading)
		d.Todo(fmt.Sprintf("the register says %q under %q (%s): if the DPIA is done and approved, write \"approved\"; if it is the ICB's, \"icb-covered\".", v, heading, short(at)))
	default:
		status = "not-started"
		b.problem(at, "%q is not where a DPIA stands: write Done, ICB, In progress, No or N/A, or fill in governance.dpia by hand; not-started until you do", v)
		d.Todo(fmt.Sprintf("where the DPIA stands: the register's %q (%s) says none of %s.", v, short(at), oneOf(site.DPIAStatuses.Values())))
	}
	d.Set("dpia", status)
	if reviewed, ok, todo := b.dateField("governance.dpia_reviewed", "write it here as dpia_reviewed = YYYY-MM-DD", false, false); ok {
		d.Set("dpia_reviewed", reviewed)
	} else if todo != "" {
		d.Todo(todo)
	}
	if ref, _, _ := b.rw.text("governance.dpia_reference"); ref != "" {
		d.Set("dpia_reference", ref)
	}
	if v, at, _ := b.rw.text("governance.privacy_notice"); v != "" {
		switch answerOf(v) {
		case yes:
			d.Set("privacy_notice", true)
		case no, notApplicable:
			d.Set("privacy_notice", false)
		default:
			b.problem(at, "%q does not say whether the privacy notice covers it: write Yes or No, or fill in governance.privacy_notice by hand", v)
		}
	} else if b.personal() {
		d.Todo("write privacy_notice = true when the practice's privacy notice covers this service: the register did not say.")
	}
	if v, _, _ := b.rw.text("governance.data_sharing"); v != "" && answerOf(v) == unclear {
		d.Set("data_sharing", v)
	}
	v, at, heading = b.rw.text("governance.clinical_safety")
	safety, ok := clinicalSafetyOf(v, heading)
	clinical := site.ClinicalCategory(b.category) || b.category == "other"
	switch {
	case ok:
	case v == "" && clinical:
		safety = "not-assessed"
		d.Todo(fmt.Sprintf("where its DCB0160 clinical safety assessment stands: %s. The register did not say: not-assessed until you do.", oneOf(site.SafetyStatuses.Values())))
	case v == "":
		safety = "not-applicable"
		others := slices.DeleteFunc(site.SafetyStatuses.Values(), func(s string) bool { return s == safety })
		d.Todo(fmt.Sprintf("check: not-applicable, as a %s service is no clinical tool; %s if it is one. The register did not say.", b.category, oneOf(others)))
	case answerOf(v) == yes:
		safety = "not-assessed"
		b.problem(at, "%q under %q may mean a DCB0160 assessment is done, or that one is needed: governance.clinical_safety is not-assessed until you say; set it to assessed by hand if it is done", v, heading)
		d.Todo(fmt.Sprintf("the register says %q under %q (%s): if the DCB0160 assessment is done, write \"assessed\"; if only the supplier's DCB0129 exists, \"supplier-only\".", v, heading, short(at)))
	default:
		safety = "not-assessed"
		b.problem(at, "%q is not where a clinical safety assessment stands: write Assessed, Supplier only, No or N/A, or fill in governance.clinical_safety by hand; not-assessed until you do", v)
		d.Todo(fmt.Sprintf("where its DCB0160 assessment stands: the register's %q (%s) says none of %s.", v, short(at), oneOf(site.SafetyStatuses.Values())))
	}
	d.Set("clinical_safety", safety)
	if ref, _, _ := b.rw.text("governance.clinical_safety_reference"); ref != "" && answerOf(ref) == unclear {
		d.Set("clinical_safety_reference", ref)
	}
}

func (b *serviceBuilder) access() {
	d := b.d
	d.Table("access")
	if v, what := b.textField("access.granted"); v != "" {
		d.Set("granted", v)
	} else {
		d.Todo(fmt.Sprintf("how a new member of staff gets access, such as \"The practice manager asks the service desk for an account\": %s.", what))
		d.Set("granted", "TO DO: how staff are given access")
	}
	if v, what := b.textField("access.removed"); v != "" {
		d.Set("removed", v)
	} else {
		d.Todo(fmt.Sprintf("how access is taken away when someone leaves, such as \"Account disabled on the leaver's last day\": %s.", what))
		d.Set("removed", "TO DO: how access is removed when someone leaves")
	}
	months := 0
	if v, at, _ := b.rw.text("access.review_months"); v != "" {
		if m, ok := monthsOf(v); ok {
			months = m
		} else {
			b.problem(at, "%q is not how often access is reviewed: write it as 6 months or Annually, or fill in access.review_months by hand", v)
		}
	}
	var reviewed site.Date
	var reviewTodo string
	if c, at, _, present := b.rw.cell("access.reviews"); present {
		if m, ok := monthsOf(clean(c.Text)); ok && months == 0 {
			months = m
		} else if d, ok, why := dateOf(c, false, b.rw.sh.Date1904); ok {
			reviewed = d
		} else {
			if why != "" {
				why = " (" + why + ")"
			}
			b.problem(at, "%q is not a date%s: write the date of the last access review, such as %s, or add it by hand as an [[access.reviews]] block", clean(c.Text), why, b.example(false))
			reviewTodo = fmt.Sprintf("the register says %q (%s) for the last access review, which is not a date: add the review as an [[access.reviews]] block with its date, who did it and what it found.", clean(c.Text), short(at))
		}
	}
	if months == 0 {
		months = 12
		d.Todo("how often, in months, who has access is reviewed: the register did not say; 12 until you do.")
	}
	d.Set("review_months", months)
	if reviewTodo != "" {
		d.Todo(reviewTodo)
	}
	if !reviewed.IsZero() {
		d.TableList("access.reviews")
		d.Set("date", reviewed)
		d.Todo("who reviewed access: the register gives only the date, so the owner is named. Write who did it.")
		d.Set("by", b.ownerID)
		d.Todo("what the review found and what was changed.")
		d.Set("outcome", "TO DO: what the review found (the register gives only its date)")
	}
}

func (b *serviceBuilder) continuity() {
	d := b.d
	d.Table("continuity")
	if v, what := b.textField("continuity.summary"); v != "" {
		d.Set("summary", v)
	} else {
		d.Todo(fmt.Sprintf("what staff do when it fails, in a sentence or two, such as \"Use the paper forms in the grab bag; enter them when it is back\": %s.", what))
		d.Set("summary", "TO DO: what staff do when "+b.name+" fails")
	}
}

func (b *serviceBuilder) review() {
	d, im := b.d, b.im
	d.Table("review")
	last, ok, todo := b.dateField("review.last", "write the date of the last review here; until then the date of the import", false, false)
	switch {
	case ok:
	case todo != "":
		last = im.opt.Today
		d.Todo(todo)
	default:
		last = im.opt.Today
		d.Todo("the date of the last review of this entry: the register gives none, so it is the date of the import.")
	}
	d.Set("last", last)
	if next, ok, todo := b.dateField("review.next", "write it here as next = YYYY-MM-DD", true, true); ok {
		d.Set("next", next)
	} else if todo != "" {
		d.Todo(todo)
	}
	if v, at, _ := b.rw.text("review.by"); v != "" {
		if names := splitNames(v); len(names) > 0 {
			if id, comment := im.person(names[0], "reviewer", at, b.name); id != "" {
				if comment != "" {
					d.Todo(comment)
				}
				d.Set("by", id)
			}
		}
	}
}
