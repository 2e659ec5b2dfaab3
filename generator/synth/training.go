package synth

import (
	"fmt"
	"slices"
	"time"
)

// clinicalSystem is a practice's clinical system and what goes with it.
type clinicalSystem struct {
	id, name, supplier, course string
}

var systems = []clinicalSystem{
	{"emis-web", "EMIS Web", "emis-optum", "emis-web-training"},
	{"systmone", "SystmOne", "tpp", "systmone-training"},
	{"vision", "Vision", "cegedim", "vision-training"},
}

// roleCourses are the courses governance roles require.
var roleCourses = []struct {
	course string
	roles  []string
}{
	{"information-governance-for-siro", []string{"siro", "caldicott-guardian", "ig-lead"}},
	{"clinical-risk-management", []string{"clinical-safety-officer"}},
	{"cyber-security-for-it-leads", []string{"it-cyber-lead"}},
	{"business-continuity", []string{"business-continuity-lead", "incident-lead"}},
	{"ra-agent-training", []string{"ra-agent"}},
}

var allGroups = []string{
	"gp-partner", "salaried-gp", "locum-gp", "anp", "practice-nurse", "hca", "pharmacist",
	"care-navigator", "administrator", "secretary", "data-manager", "practice-manager",
	"assistant-practice-manager",
}

func validity(id string) int {
	for _, c := range courses {
		if c.id == id {
			return c.validity
		}
	}
	panic("synth: no course " + id)
}

// gap is a course someone must do and has not, or has let expire.
type gap struct {
	who     *person
	course  string
	expired time.Time // zero when never done
}

// train records what each person has completed: the courses everyone
// and their roles need. Most are up to date; the less careful the
// practice, the more have let a course expire or never done it. gaps
// lists what is missing.
func (p *practice) train() {
	for _, pe := range p.people {
		newStarter := asOf.Sub(pe.started) < 45*24*time.Hour
		if !(newStarter && p.chance(0.6)) && !p.lapse(0.02) {
			p.complete(pe, "data-security-awareness")
		}
		for _, rc := range roleCourses {
			if !slices.ContainsFunc(p.roles, func(r *role) bool { return r.holder == pe && slices.Contains(rc.roles, r.role) }) {
				continue
			}
			if !p.lapse(0.04) {
				p.complete(pe, rc.course)
			}
		}
		if p.chance(0.97) {
			pe.training = append(pe.training, completion{p.sys.course, p.after(pe.started, 3, 30)})
		}
	}
}

// complete records pe's latest completion of a course that expires, most
// often in date, sometimes lapsed.
func (p *practice) complete(pe *person, course string) {
	months := validity(course)
	var done time.Time
	switch {
	case months == 0:
		done = p.after(pe.started, 10, 400)
	case p.lapse(0.05):
		done = p.ago(months*30+5, months*30+300)
	default:
		done = p.ago(3, months*30-10)
	}
	if done.Before(pe.started) {
		done = p.after(pe.started, 2, 20)
	}
	if pe.leaver() && done.After(pe.left) {
		done = pe.left.AddDate(0, 0, -p.between(30, 300))
	}
	pe.training = append(pe.training, completion{course, done})
}

// gaps lists the required training each active person lacks as of AsOf.
func (p *practice) gaps() []gap {
	var out []gap
	for _, pe := range p.active() {
		required := []string{"data-security-awareness", p.sys.course}
		for _, rc := range roleCourses {
			if slices.ContainsFunc(p.roles, func(r *role) bool { return r.holder == pe && slices.Contains(rc.roles, r.role) }) {
				required = append(required, rc.course)
			}
		}
		for _, c := range required {
			i := slices.IndexFunc(pe.training, func(x completion) bool { return x.course == c })
			switch {
			case i < 0:
				out = append(out, gap{who: pe, course: c})
			case validity(c) > 0:
				if exp := pe.training[i].done.AddDate(0, validity(c), 0); !exp.After(asOf) {
					out = append(out, gap{who: pe, course: c, expired: exp})
				}
			}
		}
	}
	return out
}

func (p *practice) writeTraining(w *writer, dir string) error {
	d := w.toml(dir+"training.toml", "training")
	d.comment(p.name+": training needs analysis, what each group must",
		"complete, and the training plan (including what is requested from the ICB).")
	gaps := p.gaps()
	by := p.assign(assistantPM, manager)
	if h := p.holder("training-lead"); h != nil {
		by = h
	}
	done := p.ago(20, 330)
	if p.lapse(0.08) {
		done = p.ago(370, 640)
	}
	active := len(p.active())
	dsa := 0
	for _, pe := range p.active() {
		if !slices.ContainsFunc(gaps, func(g gap) bool { return g.who == pe && g.course == "data-security-awareness" }) {
			dsa++
		}
	}
	d.table("needs_analysis")
	d.date("completed", done)
	d.str("by", by.id)
	d.date("next", done.AddDate(1, 0, 0))
	d.str("summary", fmt.Sprintf("Reviewed every role against the ICB Practice Agreement and the DSPT. Data Security Awareness at %d%% on the day (%d of %d active staff): target 95%% by the June DSPT submission. %s All new starters to complete %s training and register for the outage tools during induction.",
		dsa*100/active, dsa, active, gapSummary(len(gaps)), p.sys.name))

	d.array("requirements")
	d.str("course", "data-security-awareness")
	d.boolean("everyone", true)
	for _, rc := range roleCourses {
		d.array("requirements")
		d.str("course", rc.course)
		d.list("roles", rc.roles)
	}
	d.array("requirements")
	d.str("course", p.sys.course)
	d.list("staff_groups", allGroups)

	// The plan covers most of the gaps, and some training already done.
	for _, g := range gaps {
		if p.lapse(0.15) {
			continue // not planned: the gap is all the handbook shows
		}
		icb := g.course != "data-security-awareness" && p.chance(0.6)
		status := pick(p.Rand, []string{"planned", "booked"})
		target := asOf.AddDate(0, 0, p.between(10, 150))
		if icb {
			status = pick(p.Rand, []string{"requested", "requested", "booked"})
			if status == "requested" && p.lapse(0.25) {
				target = p.ago(5, 120) // still waiting for the ICB
			}
		}
		reason := "Never completed."
		if !g.expired.IsZero() {
			reason = "Expired on " + human(g.expired) + "."
		}
		if asOf.Sub(g.who.started) < 90*24*time.Hour {
			reason = "New starter (" + monthYear(g.who.started) + "): not yet completed."
		}
		d.array("plan")
		d.str("person", g.who.id)
		d.str("course", g.course)
		d.str("reason", reason)
		d.boolean("requested_from_icb", icb)
		d.date("target", target)
		d.str("status", status)
	}
	if pe := p.assign(receptionLead, navigator); p.chance(0.5) {
		d.array("plan")
		d.str("person", pe.id)
		d.str("course", p.sys.course)
		d.str("reason", "Refresher on working in an outage, after the last cascade test.")
		d.boolean("requested_from_icb", false)
		d.date("target", p.ago(10, 90))
		d.str("status", "completed")
	}
	return w.flush()
}

func gapSummary(n int) string {
	switch n {
	case 0:
		return "No gaps in required training on the day."
	case 1:
		return "One gap in required training: in the plan below."
	}
	return fmt.Sprintf("%d gaps in required training (missing or expired): most are in the plan below.", n)
}
