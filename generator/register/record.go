package register

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
)

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
	d := &scaffold.Doc{}
	d.Line("#:schema ../../../schemas/person.schema.json")
	d.Comment(fmt.Sprintf("Added by handbook import on %s: %s.", today, why))
	d.Set("name", name)
	d.Todo("their job title, such as \"Practice manager\" or \"GP partner\".")
	d.Set("job_title", "TO DO: job title")
	d.Todo("their staff group, such as \"practice-manager\", \"gp-partner\", \"practice-nurse\", \"care-navigator\" or \"administrator\": training requirements go by it.")
	d.Set("staff_group", "other")
	d.Comment("active, leaver (with left = the date of their last day), locum or external.")
	d.Set("status", "active")
	return d.Bytes(), d.Todos
}

// placeholderPerson is the person a service with no owner in the register
// is given, so that its record is valid until an owner is named.
func placeholderPerson(today site.Date) ([]byte, int) {
	d := &scaffold.Doc{}
	d.Line("#:schema ../../../schemas/person.schema.json")
	d.Comment(fmt.Sprintf("Added by handbook import on %s. It stands in for the owner of each service the register named none for, so that the services pass handbook check.", today))
	d.Todo("give each of those services its owner (owner = \"<person id>\" in each file that names to-do-owner), then delete this file.")
	d.Set("name", "TO DO: owner not named in the register")
	d.Set("job_title", "TO DO: a placeholder, not a person")
	d.Set("staff_group", "other")
	d.Set("status", "active")
	return d.Bytes(), d.Todos
}

// orgContact is a contact detail of a new organisation, from the
// register: a phone number, an email address or a portal.
type orgContact struct{ kind, value string }

// orgRecord is a new organisation, named in the register but not yet in
// content/organisations/.
func orgRecord(name, kind, why string, contacts []orgContact, today site.Date) ([]byte, int) {
	d := &scaffold.Doc{}
	d.Line("#:schema ../../schemas/organisation.schema.json")
	d.Comment(fmt.Sprintf("Added by handbook import on %s: %s.", today, why))
	d.Set("name", name)
	d.Todo("check the kind: " + oneOf(site.OrganisationKinds.Values()) + ".")
	d.Set("kind", kind)
	d.Todo("check the contact details below with the organisation, then write the date you checked them here, above [[contacts]], such as verified = " + today.String() + ".")
	d.TableList("contacts")
	d.Todo("what this contact is for, such as \"Support line\", with its phone, email or portal and its hours.")
	d.Set("label", "TO DO: support contact")
	for _, c := range contacts {
		d.Set(c.kind, c.value)
	}
	if len(contacts) == 0 {
		d.Todo("the phone number, such as phone = \"01632 960000\", and hours = \"Monday to Friday, 08:00 to 18:30\".")
	}
	return d.Bytes(), d.Todos
}

// placeholderOrg is the organisation a service with neither supplier nor
// helpdesk in the register is given as its helpdesk.
func placeholderOrg(today site.Date) ([]byte, int) {
	d := &scaffold.Doc{}
	d.Line("#:schema ../../schemas/organisation.schema.json")
	d.Comment(fmt.Sprintf("Added by handbook import on %s. It stands in for the helpdesk of each service the register named no supplier or helpdesk for, so that the services pass handbook check.", today))
	d.Todo("give each of those services the organisation to call when it fails (desk = \"<organisation id>\" under [support] in each file that names to-do-support-desk), then delete this file.")
	d.Set("name", "TO DO: helpdesk not named in the register")
	d.Set("kind", "other")
	d.TableList("contacts")
	d.Set("label", "TO DO: a placeholder, not an organisation")
	return d.Bytes(), d.Todos
}
