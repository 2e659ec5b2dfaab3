package govern

import (
	"fmt"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// placeholders reports each record of p that still holds values marked TO
// DO (site.Source.Placeholders): one finding a record, at the first. The
// record's owner acts where it has one; the practice's lead otherwise,
// who keeps the people's records too.
func (c *checker) placeholders(p *site.Practice) {
	add := func(subject any, src *site.Source, what string, owners ...*site.Person) {
		if f := placeholder(p, subject, src, what); f != nil {
			c.add(f, owners...)
		}
	}
	// practice.toml is mostly the continuity plan, whose page shows it;
	// the rest of it the ICB review checklist does.
	var plan any = p
	if len(p.Placeholders) > 0 && strings.HasPrefix(p.Placeholders[0], "continuity.") {
		plan = &p.Continuity
	}
	add(plan, &p.Source, p.Name+" (practice)", p.Continuity.OwnerRef)
	if rl := p.Roles; rl != nil {
		add(rl, &rl.Source, p.Name+"'s governance roles", holder(p, "siro"))
	}
	if t := p.Training; t != nil {
		add(t, &t.Source, p.Name+"'s training needs analysis and plan", holder(p, "training-lead"), t.Analysis.ByRef)
	}
	for _, pe := range p.People {
		c.person(p, pe)
	}
	for _, s := range p.Services {
		if f := placeholder(p, s, &s.Source, named(s.Name, s.ID)+" (service)"); f != nil {
			f.Heading = serviceHeading(s.Placeholders[0])
			c.add(f, s.OwnerRef, s.DeputyRef)
		}
	}
	for _, rb := range p.Runbooks {
		var keeper *site.Person
		if len(rb.ServiceRefs) > 0 {
			keeper = rb.ServiceRefs[0].OwnerRef
		}
		add(rb, &rb.Source, named(rb.Title, rb.ID)+" (runbook)", rb.Review.ByRef, keeper)
	}
	for _, e := range p.Exercises {
		add(e, &e.Source, named(e.Title, e.ID)+" ("+exerciseKind(e)+")", holder(p, "business-continuity-lead"))
	}
	for _, rv := range p.Reviews {
		add(rv, &rv.Source, named(rv.Title, rv.ID)+" (review)")
	}
	for _, in := range p.Incidents {
		add(in, &in.Source, fmt.Sprintf("The incident %q", named(in.Title, in.ID)), in.LeadRef)
	}
	for _, ch := range p.Changes {
		add(ch, &ch.Source, fmt.Sprintf("The change %q", named(ch.Title, ch.ID)), ch.OwnerRef)
	}
	for _, a := range p.Assets {
		add(a, &a.Source, fmt.Sprintf("The asset %q", named(a.Name, a.ID)), a.OwnerRef)
	}
	for _, pg := range p.Pages {
		add(pg, &pg.Source, named(pg.Title, pg.ID)+" ("+lower(site.PageKinds.Label(pg.Kind))+")", pg.OwnerRef)
	}
}

// placeholder is the finding on the placeholders of one record, naming it
// what, for the caller to add; nil when the record has none.
func placeholder(p *site.Practice, subject any, src *site.Source, what string) *site.Finding {
	if len(src.Placeholders) == 0 {
		return nil
	}
	them := "them"
	if len(src.Placeholders) == 1 {
		them = "it"
	}
	return &site.Finding{Rule: "placeholder", Practice: p, Subject: subject, Pos: src.At(src.Placeholders[0]),
		Message: what + " still has " + toFill(src.Placeholders),
		Fix:     "Write " + them + " in, in " + src.File + " (search it for TO DO)",
	}
}

// person reports the placeholders of a person's record. A placeholder
// person stands in for people not yet named: the to-do-owner handbook
// import writes for the owners its register does not name, or the
// practice manager handbook new practice writes without --manager. The
// finding says where it is named.
func (c *checker) person(p *site.Practice, pe *site.Person) {
	if len(pe.Placeholders) == 0 {
		return
	}
	f := placeholder(p, pe, &pe.Source, named(pe.Name, pe.ID)+" (person)")
	if in := standsIn(pe); pe.IsPlaceholder() && len(in) > 0 {
		f.Message = fmt.Sprintf("%s is a placeholder, no one yet: it stands in for %s, and still has %s", pe.ID, listOf(in), toFill(pe.Placeholders))
		f.Fix = fmt.Sprintf("Name the real person in each record that names %s, then delete %s; or, when it stands for one person, write in who, in that file (search it for TO DO)", pe.ID, pe.File)
	}
	c.add(f)
}

// standsIn says what pe is named as, by the records link found naming
// it: "the owner of Docman and Wi-Fi", "for an administrator of Docman".
func standsIn(pe *site.Person) []string {
	var owns, deputy, admin, roles, deputyRoles []string
	for _, s := range pe.Owns {
		owns = append(owns, s.Name)
	}
	for _, pg := range pe.PagesOwned {
		owns = append(owns, pg.Title)
	}
	for _, ch := range pe.Changes {
		owns = append(owns, ch.Title)
	}
	for _, a := range pe.Assets {
		owns = append(owns, a.Name)
	}
	for _, s := range pe.Deputises {
		deputy = append(deputy, s.Name)
	}
	for _, s := range pe.Administers {
		admin = append(admin, s.Name)
	}
	for _, ra := range pe.Roles {
		roles = append(roles, site.Roles.Label(ra.Role))
	}
	for _, ra := range pe.Deputy {
		deputyRoles = append(deputyRoles, site.Roles.Label(ra.Role))
	}
	var out []string
	for _, x := range []struct {
		as    string
		names []string
	}{
		{"the owner of ", owns}, {"the deputy owner of ", deputy}, {"an administrator of ", admin},
		{"the holder of the role of ", roles}, {"the deputy in the role of ", deputyRoles},
	} {
		if len(x.names) == 0 {
			continue
		}
		if len(out) > 0 {
			x.as = "for " + x.as
		}
		out = append(out, x.as+listOf(x.names))
	}
	return out
}

// organisationPlaceholders reports the placeholders of a shared
// organisation. Which services name it is known only once every practice
// is read, after the shared records are checked: its page lists them.
func (c *checker) organisationPlaceholders(o *site.Organisation) {
	if len(o.Placeholders) == 0 {
		return
	}
	f := placeholder(nil, o, &o.Source, named(o.Name, o.ID)+" (organisation)")
	if o.IsPlaceholder() {
		f.Fix += fmt.Sprintf("; or, where it stands in for organisations not yet named, name the real one in each record that names %s (its page lists them), then delete the file", o.ID)
	}
	c.add(f)
}

// named is a record's name or title, or its id while the name is still
// to fill in.
func named(name, id string) string {
	if site.IsPlaceholder(name) {
		return id
	}
	return name
}

// toFill says how many values of paths are marked TO DO, and which.
func toFill(paths []string) string {
	keys := make([]string, len(paths))
	for i, p := range paths {
		keys[i] = site.KeyName(p)
	}
	if len(keys) == 1 {
		return "a value marked TO DO to fill in or check: " + keys[0]
	}
	return fmt.Sprintf("%d values marked TO DO to fill in or check: %s", len(keys), listOf(keys))
}

// listOf writes names as a list in a sentence, the first few of a long
// one and how many more: "a, b, c, d, e and 2 more".
func listOf(names []string) string {
	const few = 5
	switch {
	case len(names) == 1:
		return names[0]
	case len(names) <= few:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:few], ", "), len(names)-few)
}

// serviceHeading is the register heading a service's key falls under,
// for a finding about the value at path.
func serviceHeading(path string) string {
	key, _, _ := strings.Cut(path, ".")
	switch key {
	case "name", "plain_name", "everyday_names", "purpose", "category":
		return "purpose"
	case "provision", "lifecycle", "criticality", "open_to_patients":
		return "provision"
	case "owner", "deputy":
		return "ownership"
	case "admins":
		return "access"
	case "max_tolerable_downtime", "recovery_time_objective", "depends_on":
		return "continuity"
	case "support", "data", "governance", "access", "continuity", "review":
		return key
	}
	return "purpose"
}
