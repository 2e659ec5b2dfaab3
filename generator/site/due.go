package site

// When things fall due. The governance rules, the pages and the exports
// all measure the same dates, so they are worked out here, once.

// DueState is where a date by which something must be done stands on a
// given day.
type DueState int

const (
	// NoDate: no date is set.
	NoDate DueState = iota
	InDate
	// DueSoon: due within the due-soon window (Thresholds.DueSoonDays).
	DueSoon
	// Overdue: the date has passed. Due on the day itself is not overdue.
	Overdue
)

// DueOn returns the state on today of something due on due, with a
// due-soon window of soonDays.
func DueOn(due, today Date, soonDays int) DueState {
	switch {
	case due.IsZero():
		return NoDate
	case due.Before(today):
		return Overdue
	case today.DaysUntil(due) <= soonDays:
		return DueSoon
	}
	return InDate
}

// String says the state in the words the pages' badges use.
func (s DueState) String() string {
	switch s {
	case Overdue:
		return "Overdue"
	case DueSoon:
		return "Due soon"
	case InDate:
		return "In date"
	}
	return "No date set"
}

// DPIADue returns when the DPIA is next due for review: months after its
// last review, or the zero Date when it has never been reviewed.
func (g *Governance) DPIADue(months int) Date {
	if g.DPIAReviewed.IsZero() {
		return Date{}
	}
	return g.DPIAReviewed.AddMonths(months)
}

// ReviewDue returns when the continuity plan is next due for review: its
// next_review date or months after its last review, whichever comes
// first.
func (cp *ContinuityPlan) ReviewDue(months int) Date {
	due := cp.Reviewed.AddMonths(months)
	if !cp.NextReview.IsZero() && cp.NextReview.Before(due) {
		return cp.NextReview
	}
	return due
}

// CascadeTested returns when the call cascade was last tested by today:
// the plan's cascade_tested date or the latest cascade-test exercise,
// whichever is later; the zero Date when it never has been.
func (p *Practice) CascadeTested(today Date) Date {
	tested := p.Continuity.CascadeTested
	for _, e := range p.Exercises {
		if e.Type == "cascade-test" && e.Date.After(tested) && !e.Date.After(today) {
			tested = e.Date
		}
	}
	return tested
}

// Planned reports whether e is still to come on today: it is in the
// plan, and counts for nothing until it has been held.
func (e *Exercise) Planned(today Date) bool { return e.Date.After(today) }

// Test is a time a runbook was put to the test: an exercise, or a real
// incident it was used in.
type Test struct {
	Date  Date
	Title string
	// Exercise or Incident is the record of the test: exactly one is set.
	Exercise *Exercise
	Incident *Incident
}

// Tests returns the tests of rb held by today: the exercises that count
// (Exercise.Counts), then the incidents that used it whose lessons and
// actions are recorded (Incident.Counts), each in the order rb lists
// them. The governance rules, the pages and the exports all judge
// whether a runbook has been exercised by these, and by nothing else.
func (rb *Runbook) Tests(today Date) []Test {
	var tests []Test
	for _, e := range rb.Exercises {
		if e.Counts() && !e.Date.After(today) {
			tests = append(tests, Test{Date: e.Date, Title: e.Title, Exercise: e})
		}
	}
	for _, in := range rb.Incidents {
		if d := in.Aware.Date(); in.Counts() && !d.After(today) {
			tests = append(tests, Test{Date: d, Title: in.Title, Incident: in})
		}
	}
	return tests
}

// LastTest returns the latest of rb's Tests by today, the first listed of
// those on the same day; false when it has had none.
func (rb *Runbook) LastTest(today Date) (Test, bool) {
	tests := rb.Tests(today)
	if len(tests) == 0 {
		return Test{}, false
	}
	last := tests[0]
	for _, t := range tests[1:] {
		if t.Date.After(last.Date) {
			last = t
		}
	}
	return last, true
}

// Tests returns the tests by today of the runbooks of s, each once: the
// exercises, then the incidents, in the order of the practice's records,
// as the pages list them. A service has been exercised when one of its
// runbooks has (Summary.Unexercised). s is as link leaves it, with its
// Practice.
func (s *Service) Tests(today Date) []Test {
	tested := map[any]Test{}
	for _, rb := range s.Runbooks {
		for _, t := range rb.Tests(today) {
			if t.Exercise != nil {
				tested[t.Exercise] = t
			} else {
				tested[t.Incident] = t
			}
		}
	}
	if len(tested) == 0 {
		return nil
	}
	tests := make([]Test, 0, len(tested))
	for _, e := range s.Practice.Exercises {
		if t, ok := tested[e]; ok {
			tests = append(tests, t)
		}
	}
	for _, in := range s.Practice.Incidents {
		if t, ok := tested[in]; ok {
			tests = append(tests, t)
		}
	}
	return tests
}

// Counts reports whether in counts as an exercise of the runbooks it
// used: its lessons and its actions are recorded.
func (in *Incident) Counts() bool { return len(in.Lessons) > 0 && len(in.Actions) > 0 }

// LastICBReview returns the latest annual ICB digital services review
// held by today, or nil.
func (p *Practice) LastICBReview(today Date) *ReviewRecord {
	var last *ReviewRecord
	for _, rv := range p.Reviews {
		if rv.Type == "icb-digital-services" && !rv.Date.After(today) && (last == nil || rv.Date.After(last.Date)) {
			last = rv
		}
	}
	return last
}

// Due returns when the training needs analysis must be redone: months
// after it was last completed.
func (a *NeedsAnalysis) Due(months int) Date { return a.Completed.AddMonths(months) }

// VerifyDue returns when an organisation's contact details must next be
// checked: months after they last were, or the zero Date, before any
// other, when they never were.
func (o *Organisation) VerifyDue(months int) Date {
	if o.Verified.IsZero() {
		return Date{}
	}
	return o.Verified.AddMonths(months)
}
