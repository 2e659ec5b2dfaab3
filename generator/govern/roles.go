package govern

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// roles checks roles.toml: every required role held, and no role held or
// deputised by a leaver. Appointing is for the SIRO, else the practice's
// lead.
func (c *checker) roles(p *site.Practice) {
	rl := p.Roles
	if rl == nil {
		return
	}
	siro := holder(p, "siro")
	add := func(rule string, pos site.Pos, msg, fix string, owners ...*site.Person) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: rl, Pos: pos, Message: msg, Fix: fix}, owners...)
	}
	for _, role := range site.RequiredRoles {
		if slices.ContainsFunc(rl.Roles, func(ra *site.RoleAssignment) bool { return ra.Role == role }) {
			continue // held, perhaps by a leaver: reported below
		}
		add("role-unfilled", site.Pos{File: rl.File, Line: 1, Col: 1},
			fmt.Sprintf("%s has no %s: the role is required", p.Name, site.Roles.Label(role)),
			fmt.Sprintf("Appoint someone, then add a [[roles]] entry with role = %q to %s", role, rl.File), siro)
	}
	for i, ra := range rl.Roles {
		path := fmt.Sprintf("roles.%d", i)
		label := site.Roles.Label(ra.Role)
		if h := ra.HolderRef; h != nil && h.IsLeaver() {
			cover := ""
			if canAct(ra.DeputyRef) {
				cover = fmt.Sprintf(" (%s, the deputy, covers until then)", ra.DeputyRef.Name)
			}
			add("role-holder-left", rl.At(path+".holder"),
				fmt.Sprintf("The role of %s is held by %s, who left on %s", label, h.Name, h.Left),
				fmt.Sprintf("Appoint a current member of staff and change holder in %s%s", rl.File, cover), siro).Leaver = h
		}
		if d := ra.DeputyRef; d != nil && d.IsLeaver() {
			add("role-deputy-left", rl.At(path+".deputy"),
				fmt.Sprintf("The deputy for the role of %s is %s, who left on %s", label, d.Name, d.Left),
				"Name a current member of staff as deputy in "+rl.File, ra.HolderRef, siro).Leaver = d
		}
		if ra.Role != "dpo" {
			continue
		}
		for _, k := range []struct {
			pe  *site.Person
			key string
		}{{ra.HolderRef, "holder"}, {ra.DeputyRef, "deputy"}} {
			if why := dpoConflict(rl, k.pe); why != "" {
				as := "the DPO"
				if k.key == "deputy" {
					as = "the DPO's deputy"
				}
				add("dpo-conflict", rl.At(path+"."+k.key),
					fmt.Sprintf("%s, %s, %s, deciding how personal data is used: a DPO must be free of such conflicts (UK GDPR Article 38(6))", k.pe.Name, as, why),
					"Leave the DPO's cover to the DPO service, and call the practice's own contact the DPO liaison, a part of the IG lead's role, in "+rl.File, siro)
			}
		}
	}
}

// conflicting are the roles that decide how personal data is used, which
// a DPO must not hold.
var conflicting = []string{"siro", "caldicott-guardian", "ig-lead", "it-cyber-lead", "business-continuity-lead"}

// dpoConflict says why pe, named for the DPO's role, has a conflict of
// interest: the roles they hold that decide how personal data is used, or
// their post as practice manager or partner; "" for none.
func dpoConflict(rl *site.RoleList, pe *site.Person) string {
	if pe == nil {
		return ""
	}
	var held []string
	for _, ra := range rl.Roles {
		if ra.HolderRef == pe && slices.Contains(conflicting, ra.Role) {
			held = append(held, site.Roles.Label(ra.Role))
		}
	}
	switch {
	case len(held) > 0:
		return "is also " + strings.Join(held, " and ")
	case pe.StaffGroup == "practice-manager" || pe.StaffGroup == "gp-partner":
		return "is also " + strings.ToLower(site.StaffGroups.Label(pe.StaffGroup))
	}
	return ""
}
