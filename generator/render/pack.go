package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// PackView is the data of a practice's continuity pack: the plan on paper,
// for reception, the grab bag and the homes of the people who invoke it.
// It is the one page that prints personal mobile numbers.
type PackView struct {
	Practice *site.Practice
	Stamp    Stamp
	// Cards are the runbooks as numbered action cards, in the order of
	// their scenarios; Scenarios groups them for the cover, and
	// CardOfRunbook finds a runbook's.
	Cards         []*Card
	Scenarios     []ScenarioCards
	CardOfRunbook map[*site.Runbook]*Card
	// Parts are the sections after the cover, in print order, for the
	// contents page.
	Parts []Part
	// Services are the live services, most critical first.
	Services []*site.Service
	Contacts []ContactGroup
	// Paper is where each paper fallback is kept, across the runbooks.
	Paper []PaperPlace
	// Staff are those asked to sign that they have read the plan.
	Staff []*site.Person
	// PlanFindings are the governance findings about the plan itself.
	PlanFindings []*site.Finding
	// Routes are the ways an incident may have to be reported, for the
	// paper reporting sheet.
	Routes []site.ReportRoute
	// Numbers is set when the pack holds the sensitive values, such as
	// personal mobile numbers: in a private build, or where the site
	// publishes them (site.Publishing.PersonalNumbers). Otherwise they
	// were cleared before rendering, and the pack says where the printed
	// copy with them is kept.
	Numbers bool
}

// Stamp identifies a printed copy: the plan version, a digest of the
// content it was made from and the date it was built. Two copies with the
// same stamp say the same thing.
type Stamp struct {
	Version string
	Digest  string
	Built   site.Date
}

func (s Stamp) String() string {
	return fmt.Sprintf("Plan version %s · content %s · built %s", s.Version, s.Digest, s.Built.Human())
}

// Card is a runbook printed as an action card.
type Card struct {
	Number int
	// ID is the card's anchor in the pack.
	ID      string
	Runbook *site.Runbook
	// Escalation pairs each escalation step with the numbers to ring.
	Escalation []CardEscalation
}

// CardOf is the card of runbook rb.
func (v PackView) CardOf(rb *site.Runbook) *Card { return v.CardOfRunbook[rb] }

// ServiceCards are the cards of the runbooks of service s, in card order.
func (v PackView) ServiceCards(s *site.Service) []*Card {
	var cards []*Card
	for _, rb := range s.Runbooks {
		if c := v.CardOfRunbook[rb]; c != nil && !slices.Contains(cards, c) {
			cards = append(cards, c)
		}
	}
	slices.SortFunc(cards, func(a, b *Card) int { return cmp.Compare(a.Number, b.Number) })
	return cards
}

// CardEscalation is an escalation step with the contact's telephone lines
// to ring from the card: its priority lines, or every line when it marks
// none. The pack's key contacts have every number.
type CardEscalation struct {
	*site.Escalation
	Lines []site.Contact
}

// ScenarioCards are the cards for one kind of outage.
type ScenarioCards struct {
	Scenario string
	Cards    []*Card
}

// Part is a section of the pack listed on the contents page.
type Part struct {
	ID, Title string
}

// ContactGroup is a heading of the key contacts and its organisations.
type ContactGroup struct {
	Title   string
	Entries []ContactEntry
}

// ContactEntry is an organisation with the practice's references with it.
type ContactEntry struct {
	Org        *site.Organisation
	References []ContactReference
}

// ContactReference is what to quote when ringing about a service.
type ContactReference struct {
	Service                 *site.Service
	Customer, Contract, SLA string
}

// PaperPlace is one paper fallback and the cards that use it.
type PaperPlace struct {
	Function, Fallback, Location string
	Cards                        []*Card
}

// contactGroups orders the key contacts: who to ring for help first,
// then the NHS bodies, then the local contacts.
var contactGroups = []struct {
	title string
	kinds []string
}{
	{"Service desks and suppliers", []string{"icb-service", "national", "supplier"}},
	{"ICB, PCN and other practices", []string{"icb", "pcn", "practice"}},
	{"Pharmacies, premises and utilities", []string{"pharmacy", "landlord", "utility", "other"}},
}

func packView(pr *site.Practice, stamp Stamp, numbers bool) PackView {
	v := PackView{Practice: pr, Stamp: stamp, Numbers: numbers, Routes: site.ReportRouteList}

	// Cards in the order of the scenario list, then by title, so that the
	// cover reads like the list of what can fail.
	runbooks := slices.Clone(pr.Runbooks)
	slices.SortStableFunc(runbooks, func(a, b *site.Runbook) int {
		return cmp.Or(cmp.Compare(site.Scenarios.Index(a.Scenario), site.Scenarios.Index(b.Scenario)), cmp.Compare(a.Title, b.Title))
	})
	v.CardOfRunbook = make(map[*site.Runbook]*Card, len(runbooks))
	for i, rb := range runbooks {
		c := &Card{Number: i + 1, ID: "card-" + rb.ID, Runbook: rb}
		v.CardOfRunbook[rb] = c
		for j := range rb.Escalation {
			e := &rb.Escalation[j]
			c.Escalation = append(c.Escalation, CardEscalation{Escalation: e, Lines: cardLines(e.ContactOrg)})
		}
		v.Cards = append(v.Cards, c)
		if n := len(v.Scenarios); n == 0 || v.Scenarios[n-1].Scenario != rb.Scenario {
			v.Scenarios = append(v.Scenarios, ScenarioCards{Scenario: rb.Scenario})
		}
		last := &v.Scenarios[len(v.Scenarios)-1]
		last.Cards = append(last.Cards, c)
	}

	v.Parts = append(v.Parts,
		Part{"invocation", "Invoking the plan: the first 15 minutes"},
		Part{"cascade", "Call cascade"})
	for _, c := range v.Cards {
		v.Parts = append(v.Parts, Part{c.ID, fmt.Sprintf("Card %d: %s", c.Number, c.Runbook.Title)})
	}
	v.Parts = append(v.Parts,
		Part{"functions", "Essential functions"},
		Part{"vulnerable", "Vulnerable patients"},
		Part{"services", "Services by priority"},
		Part{"contacts", "Key contacts"},
		Part{"paper", "Paper forms, grab bag and copies of the plan"},
		Part{"recovery", "Back-entry and recovery rules"},
		Part{"incident-log", "Incident log"},
		Part{"reporting", "Reporting the incident"},
		Part{"decision-log", "Decision log"},
		Part{"risks", "Risk assessment"},
		Part{"approval", "ICB approval and document control"},
		Part{"sign-off", "Staff sign-off"})

	for _, s := range pr.Services {
		if s.Lifecycle != "retired" {
			v.Services = append(v.Services, s)
		}
	}
	// What to restore first: the most critical, and among those the one
	// the practice can do without for least long (none stated last).
	slices.SortStableFunc(v.Services, func(a, b *site.Service) int {
		return cmp.Or(cmp.Compare(site.CriticalityRank(a.Criticality), site.CriticalityRank(b.Criticality)),
			cmp.Compare(downtime(a), downtime(b)), cmp.Compare(a.Name, b.Name))
	})

	v.Contacts = keyContacts(pr)
	v.Paper = paperPlaces(v.Cards)
	for _, pe := range pr.Active() {
		if pe.Status != "external" {
			v.Staff = append(v.Staff, pe)
		}
	}
	slices.SortStableFunc(v.Staff, func(a, b *site.Person) int { return cmp.Compare(a.Name, b.Name) })
	for _, f := range pr.Findings {
		if f.Subject == &pr.Continuity {
			v.PlanFindings = append(v.PlanFindings, f)
		}
	}
	return v
}

// cardLines are the lines an action card gives for organisation o: its
// priority lines with a telephone number, or when none is marked
// priority every line with one.
func cardLines(o *site.Organisation) []site.Contact {
	lines := phoneLines(o)
	if i := slices.IndexFunc(lines, func(c site.Contact) bool { return !c.Priority }); i > 0 {
		return lines[:i]
	}
	return lines
}

// phoneLines are an organisation's contacts that have a telephone number,
// priority lines first.
func phoneLines(o *site.Organisation) []site.Contact {
	if o == nil {
		return nil
	}
	var out []site.Contact
	for _, c := range priorityFirst(o.Contacts) {
		if c.Phone != "" {
			out = append(out, c)
		}
	}
	return out
}

// priorityFirst returns the contacts with the priority lines first, each
// group in its written order.
func priorityFirst(contacts []site.Contact) []site.Contact {
	out := slices.Clone(contacts)
	slices.SortStableFunc(out, func(a, b site.Contact) int {
		switch {
		case a.Priority == b.Priority:
			return 0
		case a.Priority:
			return -1
		}
		return 1
	})
	return out
}

// keyContacts gathers every organisation the practice's records name:
// its ICB and PCN, the suppliers and desks of its services, the contacts
// of its runbooks, premises and roles, its buddy and its key_contacts.
func keyContacts(pr *site.Practice) []ContactGroup {
	var orgs []*site.Organisation
	add := func(o *site.Organisation) {
		if o != nil && !slices.Contains(orgs, o) {
			orgs = append(orgs, o)
		}
	}
	add(pr.ICBOrg)
	add(pr.PCNOrg)
	add(pr.BuddyOrg)
	for _, o := range pr.Suppliers {
		add(o)
	}
	for _, rb := range pr.Runbooks {
		for _, e := range rb.Escalation {
			add(e.ContactOrg)
		}
	}
	for _, p := range pr.Continuity.Premises {
		add(p.ContactOrg)
	}
	if pr.Roles != nil {
		for _, ra := range pr.Roles.Roles {
			add(ra.OrgRef)
		}
	}
	for _, o := range pr.Continuity.KeyContactOrgs {
		add(o)
	}
	slices.SortStableFunc(orgs, func(a, b *site.Organisation) int { return cmp.Compare(a.Name, b.Name) })

	var groups []ContactGroup
	for _, g := range contactGroups {
		group := ContactGroup{Title: g.title}
		for _, o := range orgs {
			if slices.Contains(g.kinds, o.Kind) {
				group.Entries = append(group.Entries, ContactEntry{Org: o, References: references(pr, o)})
			}
		}
		if len(group.Entries) > 0 {
			groups = append(groups, group)
		}
	}
	return groups
}

// references lists the practice's services that o supplies or supports,
// with the customer and contract references to quote.
func references(pr *site.Practice, o *site.Organisation) []ContactReference {
	var out []ContactReference
	for _, s := range pr.Services {
		sup := &s.Support
		if sup.SupplierOrg != o && sup.DeskOrg != o {
			continue
		}
		if sup.CustomerRef == "" && sup.ContractRef == "" && sup.SLA == "" {
			continue
		}
		out = append(out, ContactReference{Service: s, Customer: sup.CustomerRef, Contract: sup.ContractRef, SLA: sup.SLA})
	}
	return out
}

// paperPlaces merges the paper fallbacks of the cards: the same job kept
// in the same place is listed once, with every card that uses it.
func paperPlaces(cards []*Card) []PaperPlace {
	var out []PaperPlace
	index := map[[2]string]int{}
	for _, c := range cards {
		for _, p := range c.Runbook.Paper {
			key := [2]string{strings.ToLower(p.Function), p.Location}
			if i, ok := index[key]; ok {
				out[i].Cards = append(out[i].Cards, c)
				continue
			}
			index[key] = len(out)
			out = append(out, PaperPlace{Function: p.Function, Fallback: p.Fallback, Location: p.Location, Cards: []*Card{c}})
		}
	}
	slices.SortStableFunc(out, func(a, b PaperPlace) int {
		return cmp.Compare(strings.ToLower(a.Function), strings.ToLower(b.Function))
	})
	return out
}

// printStyle is the practice's print.css: the running heads and feet of
// its printed pages, which CSS can only take from a stylesheet. Every page
// names the practice; the continuity pack (the named page "pack") also
// carries its version stamp, and other pages the date they were built.
func printStyle(h *site.Handbook, pr *site.Practice, stamp Stamp) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@page { @top-left { content: %s; } @bottom-left { content: %s; } }\n",
		cssString(pr.Name), cssString(fmt.Sprintf("Printed from %s · content %s · built %s", h.Config.Title, stamp.Digest, stamp.Built.Human())))
	fmt.Fprintf(&b, "@page pack { @top-left { content: %s; } @bottom-left { content: %s; } }\n",
		cssString(pr.Name), cssString(stamp.String()))
	return b.String()
}

// cssString quotes s as a CSS string. Anything but plain printable ASCII
// is written as a hex escape, so no text can end the string or the rule.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r >= ' ' && r < 0x7f && r != '"' && r != '\\' && r != '<' && r != '>' && r != '&' {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "\\%x ", r)
	}
	b.WriteByte('"')
	return b.String()
}

// downtime is how long the practice can do without s, in minutes; the
// longest there is when it is not stated.
func downtime(s *site.Service) int {
	if s.MTD.IsZero() {
		return math.MaxInt
	}
	return s.MTD.Minutes
}
