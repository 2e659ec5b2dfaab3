package register

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
)

// doc writes one TOML record: keys under comments that say where each
// value came from or what to write, in the order of the examples.
type doc struct {
	buf bytes.Buffer
	// todos counts the placeholders: each "# TO DO:" comment.
	todos int
}

// comment writes text as comment lines of at most 96 characters.
func (d *doc) comment(format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	line := "#"
	for _, word := range strings.Fields(text) {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > 96 && line != "#" {
			d.buf.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	d.buf.WriteString(line + "\n")
}

// todo writes a comment that starts "TO DO:", a placeholder to fill in.
func (d *doc) todo(format string, args ...any) {
	d.todos++
	d.comment("TO DO: "+format, args...)
}

// set writes key = value, value being a TOML literal (see str, list).
func (d *doc) set(key, value string) { fmt.Fprintf(&d.buf, "%s = %s\n", key, value) }

// table starts the table name, after a blank line.
func (d *doc) table(name string) { fmt.Fprintf(&d.buf, "\n[%s]\n", name) }

// tableList starts an item of the list of tables name.
func (d *doc) tableList(name string) { fmt.Fprintf(&d.buf, "\n[[%s]]\n", name) }

func (d *doc) bytes() []byte { return d.buf.Bytes() }

// str is s as a TOML basic string.
func str(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// list is ss as a TOML list of strings.
func list(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = str(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func date(d site.Date) string { return d.String() }

func integer(n int) string { return strconv.Itoa(n) }

// truncate cuts s to at most n characters, between words when it can.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return strings.TrimSpace(string(r)[:i])
	}
	return strings.TrimSpace(string(r))
}

// personRecord is a new person, named in the register but not yet in the
// practice: a placeholder to fill in.
func personRecord(name, why string, today site.Date) ([]byte, int) {
	d := &doc{}
	d.buf.WriteString("#:schema ../../../schemas/person.schema.json\n")
	d.comment("Added by handbook import on %s: %s.", today, why)
	d.set("name", str(name))
	d.todo("their job title, such as \"Practice manager\" or \"GP partner\".")
	d.set("job_title", str("TO DO: job title"))
	d.todo("their staff group, such as \"practice-manager\", \"gp-partner\", \"practice-nurse\", \"care-navigator\" or \"administrator\": training requirements go by it.")
	d.set("staff_group", str("other"))
	d.comment("active, leaver (with left = the date of their last day), locum or external.")
	d.set("status", str("active"))
	return d.bytes(), d.todos
}

// placeholderPerson is the person a service with no owner in the register
// is given, so that its record is valid until an owner is named.
func placeholderPerson(today site.Date) ([]byte, int) {
	d := &doc{}
	d.buf.WriteString("#:schema ../../../schemas/person.schema.json\n")
	d.comment("Added by handbook import on %s. It stands in for the owner of each service the register named none for, so that the services pass handbook check.", today)
	d.todo("give each of those services its owner (owner = \"<person id>\" in each file that names to-do-owner), then delete this file.")
	d.set("name", str("TO DO: owner not named in the register"))
	d.set("job_title", str("TO DO: a placeholder, not a person"))
	d.set("staff_group", str("other"))
	d.set("status", str("active"))
	return d.bytes(), d.todos
}

// orgContact is a contact detail of a new organisation, from the
// register: a phone number, an email address or a portal.
type orgContact struct{ kind, value string }

// orgRecord is a new organisation, named in the register but not yet in
// content/organisations/.
func orgRecord(name, kind, why string, contacts []orgContact, today site.Date) ([]byte, int) {
	d := &doc{}
	d.buf.WriteString("#:schema ../../schemas/organisation.schema.json\n")
	d.comment("Added by handbook import on %s: %s.", today, why)
	d.set("name", str(name))
	d.todo("check the kind: supplier, icb, icb-service, national, pcn, practice, pharmacy, landlord, utility or other.")
	d.set("kind", str(kind))
	d.todo("check the contact details below with the organisation, then set verified to the date you checked them.")
	d.set("verified", date(today))
	d.tableList("contacts")
	d.todo("what this contact is for, such as \"Support line\", with its phone, email or portal and its hours.")
	d.set("label", str("TO DO: support contact"))
	for _, c := range contacts {
		d.set(c.kind, str(c.value))
	}
	if len(contacts) == 0 {
		d.todo("the phone number, such as phone = \"01632 960000\", and hours = \"Monday to Friday, 08:00 to 18:30\".")
	}
	return d.bytes(), d.todos
}

// placeholderOrg is the organisation a service with neither supplier nor
// helpdesk in the register is given as its helpdesk.
func placeholderOrg(today site.Date) ([]byte, int) {
	d := &doc{}
	d.buf.WriteString("#:schema ../../schemas/organisation.schema.json\n")
	d.comment("Added by handbook import on %s. It stands in for the helpdesk of each service the register named no supplier or helpdesk for, so that the services pass handbook check.", today)
	d.todo("give each of those services the organisation to call when it fails (desk = \"<organisation id>\" under [support] in each file that names to-do-support-desk), then delete this file.")
	d.set("name", str("TO DO: helpdesk not named in the register"))
	d.set("kind", str("other"))
	d.set("verified", date(today))
	d.tableList("contacts")
	d.set("label", str("TO DO: a placeholder, not an organisation"))
	return d.bytes(), d.todos
}
