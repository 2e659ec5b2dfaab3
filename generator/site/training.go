package site

import "slices"

// Requires reports whether the requirement applies to person pe: everyone,
// pe's staff group, or a governance role pe holds.
func (r *Requirement) Requires(pe *Person) bool {
	if r.Everyone || slices.Contains(r.StaffGroups, pe.StaffGroup) {
		return true
	}
	for _, ra := range pe.Roles {
		if slices.Contains(r.Roles, ra.Role) {
			return true
		}
	}
	return false
}

// Latest returns pe's most recent completion of course id, or nil.
func (pe *Person) Latest(course string) *Completion {
	var last *Completion
	for i := range pe.Training {
		c := &pe.Training[i]
		if c.Course == course && (last == nil || c.Completed.After(last.Completed)) {
			last = c
		}
	}
	return last
}

// TrainingState is where a person stands on one required course.
type TrainingState int

const (
	NotRequired TrainingState = iota
	Missing
	Expired
	ExpiresSoon
	Current
)

// UpToDate reports whether the state counts towards completion: current,
// or expiring soon but not yet expired.
func (s TrainingState) UpToDate() bool { return s == Current || s == ExpiresSoon }

// CourseState returns pe's state on course c as of today, and the
// completion it rests on (nil when missing). A completion expiring within
// dueSoonDays (Thresholds.DueSoonDays) is ExpiresSoon.
func (t *Training) CourseState(pe *Person, c *Course, today Date, dueSoonDays int) (TrainingState, *Completion) {
	required := false
	for i := range t.Requirements {
		if t.Requirements[i].CourseRef == c && t.Requirements[i].Requires(pe) {
			required = true
			break
		}
	}
	done := pe.Latest(c.ID)
	switch {
	case !required:
		return NotRequired, done
	case done == nil:
		return Missing, nil
	case done.Expires.IsZero():
		return Current, done
	case !today.Before(done.Expires):
		return Expired, done
	case today.DaysUntil(done.Expires) <= dueSoonDays:
		return ExpiresSoon, done
	}
	return Current, done
}

// RequiredCourses lists the courses any requirement names, in the order of
// first mention.
func (t *Training) RequiredCourses() []*Course {
	var out []*Course
	for _, r := range t.Requirements {
		if r.CourseRef != nil && !slices.Contains(out, r.CourseRef) {
			out = append(out, r.CourseRef)
		}
	}
	return out
}

// Active lists the practice's staff: its people who have not left, but
// for a placeholder (Person.IsPlaceholder), who is no one yet. The
// training figures and findings count them, and the practice's summary
// names its managers among them.
func (p *Practice) Active() []*Person {
	var out []*Person
	for _, pe := range p.People {
		if !pe.IsLeaver() && !pe.IsPlaceholder() {
			out = append(out, pe)
		}
	}
	return out
}

// Names returns the person and the course of the plan item as readers
// know them: their name and title, or the ids written when they name no
// record.
func (p *PlanItem) Names() (person, course string) {
	person, course = p.Person, p.Course
	if p.PersonRef != nil {
		person = p.PersonRef.Name
	}
	if p.CourseRef != nil {
		course = p.CourseRef.Title
	}
	return person, course
}
