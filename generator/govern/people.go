package govern

import (
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Who should act on a finding. A leaver is never the answer: a finding
// about something a leaver still holds goes to whoever can put it right.

// canAct reports whether pe is named and still at the practice.
func canAct(pe *site.Person) bool { return pe != nil && !pe.IsLeaver() }

// first returns the first of people who can act, or nil.
func first(people ...*site.Person) *site.Person {
	for _, pe := range people {
		if canAct(pe) {
			return pe
		}
	}
	return nil
}

// holder returns the first holder of role who can act, or nil.
func holder(p *site.Practice, role string) *site.Person {
	if p.Roles == nil {
		return nil
	}
	for _, ra := range p.Roles.Roles {
		if ra.Role == role && canAct(ra.HolderRef) {
			return ra.HolderRef
		}
	}
	return nil
}

// lead is who acts where no one else fits: the business continuity lead,
// else the practice manager, else the continuity plan's owner.
func lead(p *site.Practice) *site.Person {
	if pe := holder(p, "business-continuity-lead"); pe != nil {
		return pe
	}
	for _, pe := range p.People {
		if pe.StaffGroup == "practice-manager" && canAct(pe) {
			return pe
		}
	}
	return first(p.Continuity.OwnerRef)
}

// lower starts s, a label, with a lower-case letter for use mid-sentence,
// unless it starts with an abbreviation ("ICB-provided").
func lower(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}
