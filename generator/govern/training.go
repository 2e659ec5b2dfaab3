package govern

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// training checks training.toml and every active person's record against
// it. Each person acts on their own training; the training lead, else
// whoever did the needs analysis, on the rest.
func (c *checker) training(p *site.Practice) {
	t := p.Training
	if t == nil {
		return
	}
	owners := []*site.Person{holder(p, "training-lead"), t.Analysis.ByRef}
	add := func(rule string, pos site.Pos, msg, fix string) *site.Finding {
		return c.add(&site.Finding{Rule: rule, Practice: p, Subject: t, Pos: pos, Message: msg, Fix: fix}, owners...)
	}

	if c.overdue(t.Analysis.Due(c.t.NeedsAnalysisMonths)) {
		add("needs-analysis-overdue", t.At("needs_analysis.completed"),
			fmt.Sprintf("%s's training needs analysis was last done on %s, more than %d months ago", p.Name, t.Analysis.Completed, c.t.NeedsAnalysisMonths),
			"Redo the training needs analysis against the DSPT and the ICB practice agreement, then update [needs_analysis] in "+t.File)
	}

	courses := t.RequiredCourses()
	required := make([]int, len(courses))
	current := make([]int, len(courses))
	for _, pe := range p.Active() {
		var gaps []string
		var pos site.Pos
		for i, course := range courses {
			state, done := t.CourseState(pe, course, c.today, c.t.DueSoonDays)
			if state == site.NotRequired {
				continue
			}
			required[i]++
			switch {
			case state.UpToDate():
				current[i]++
			case state == site.Missing:
				gaps = append(gaps, course.Title+" (never completed)")
			case state == site.Expired:
				gaps = append(gaps, fmt.Sprintf("%s (expired on %s)", course.Title, done.Expires))
				if pos.File == "" {
					pos = pe.At(fmt.Sprintf("training.%d.completed", slices.IndexFunc(pe.Training, func(x site.Completion) bool {
						return x.Course == course.ID && x.Completed.Equal(done.Completed)
					})))
				}
			}
		}
		if len(gaps) == 0 {
			continue
		}
		if pos.File == "" {
			pos = pe.At("training")
		}
		c.add(&site.Finding{Rule: "training-missing", Practice: p, Subject: pe, Pos: pos,
			Message: fmt.Sprintf("%s is missing required training: %s", pe.Name, strings.Join(gaps, ", ")),
			Fix:     "Complete the training, then add a [[training]] entry with the date for each course to " + pe.File,
		}, pe)
	}

	for i, course := range courses {
		if required[i] == 0 || current[i]*100 >= c.t.TrainingTargetPercent*required[i] {
			continue
		}
		req := slices.IndexFunc(t.Requirements, func(r site.Requirement) bool { return r.CourseRef == course })
		add("training-below-target", t.At(fmt.Sprintf("requirements.%d.course", req)),
			fmt.Sprintf("Only %d%% of the staff who must complete %s are up to date (%d of %d), below the %d%% target",
				current[i]*100/required[i], course.Title, current[i], required[i], c.t.TrainingTargetPercent),
			"See who is missing it in the training matrix, and plan their training in "+t.File)
	}

	for i, item := range t.Plan {
		if !item.RequestedFromICB || item.Status != "requested" || !item.Target.Before(c.today) {
			continue
		}
		who, what := item.Names()
		add("training-request-waiting", t.At(fmt.Sprintf("plan.%d.status", i)),
			fmt.Sprintf("%s for %s, requested from the ICB, is still waiting: the target was %s", what, who, item.Target),
			fmt.Sprintf("Ask the ICB for a date, then set status = \"booked\" (or a new target) in %s", t.File))
	}
}
