package site

import "fmt"

// DefaultThresholds are the governance thresholds a site gets when its
// handbook.toml sets none.
var DefaultThresholds = Thresholds{
	DueSoonDays:           60,
	TrainingTargetPercent: 95,
	CascadeTestMonths:     6,
	ExerciseMonths:        12,
	PlanReviewMonths:      12,
	ReviewMonths:          12,
	DPIAReviewMonths:      12,
	ContactVerifyMonths:   12,
	ContractNoticeDays:    90,
	ICBReviewMonths:       12,
	NeedsAnalysisMonths:   12,
	DSPTDeadlineMonth:     6,
	GrabBagMonths:         6,
	ApprovalWaitWeeks:     8,
	ChangeReviewWeeks:     6,
	VulnerableListMonths:  3,
	AgreementVersion:      "Version 3",
}

// WithDefaults returns t with every zero field set from DefaultThresholds.
func (t Thresholds) WithDefaults() Thresholds {
	d := DefaultThresholds
	fill := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&t.DueSoonDays, d.DueSoonDays)
	fill(&t.TrainingTargetPercent, d.TrainingTargetPercent)
	fill(&t.CascadeTestMonths, d.CascadeTestMonths)
	fill(&t.ExerciseMonths, d.ExerciseMonths)
	fill(&t.PlanReviewMonths, d.PlanReviewMonths)
	fill(&t.ReviewMonths, d.ReviewMonths)
	fill(&t.DPIAReviewMonths, d.DPIAReviewMonths)
	fill(&t.ContactVerifyMonths, d.ContactVerifyMonths)
	fill(&t.ContractNoticeDays, d.ContractNoticeDays)
	fill(&t.ICBReviewMonths, d.ICBReviewMonths)
	fill(&t.NeedsAnalysisMonths, d.NeedsAnalysisMonths)
	fill(&t.DSPTDeadlineMonth, d.DSPTDeadlineMonth)
	fill(&t.GrabBagMonths, d.GrabBagMonths)
	fill(&t.ApprovalWaitWeeks, d.ApprovalWaitWeeks)
	fill(&t.ChangeReviewWeeks, d.ChangeReviewWeeks)
	fill(&t.VulnerableListMonths, d.VulnerableListMonths)
	if t.AgreementVersion == "" {
		t.AgreementVersion = d.AgreementVersion
	}
	return t
}

// Severity ranks a governance finding.
type Severity int

const (
	Info Severity = iota
	Warning
	Critical // printed "error"
)

func (s Severity) String() string {
	switch s {
	case Critical:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Tally is how many findings there are of each severity, indexed by
// Severity.
type Tally [Critical + 1]int

// TallyOf counts the findings in list by severity.
func TallyOf(list []*Finding) Tally {
	var t Tally
	for _, f := range list {
		t[f.Severity]++
	}
	return t
}

// Total is the number of findings counted; Errors, Warnings and Infos
// those of each severity.
func (t Tally) Total() int    { return t[Info] + t[Warning] + t[Critical] }
func (t Tally) Errors() int   { return t[Critical] }
func (t Tally) Warnings() int { return t[Warning] }
func (t Tally) Infos() int    { return t[Info] }

// Finding is a governance risk in valid content: a leaver still owning a
// service, a runbook never exercised, a plan the ICB has not approved.
// Findings never stop a build; the handbook is published to show them.
type Finding struct {
	// Rule is the stable id of the rule, such as "service-owner-left".
	Rule     string
	Severity Severity
	// Pos is the value the finding is about, such as the owner key.
	Pos Pos
	// Message says what is wrong, naming the record; Fix says what to do.
	Message string
	Fix     string

	// Practice is nil for a finding on a shared record (an organisation
	// or course); such a finding is listed by every practice using it.
	Practice *Practice
	// Subject is the record the finding is about (*Service, *Runbook,
	// *Person, *Practice, *Organisation, *Course, *Training, ...): its
	// page shows the finding.
	Subject any
	// Owner is the person who should act, or nil.
	Owner *Person
	// Leaver is the person who has left that the finding is about, such
	// as the owner of a service, when it is one: their page lists it.
	Leaver *Person
	// Heading is the register heading (RegisterHeadings) of a finding
	// about a service, such as "governance" for a missing DPIA; "" for
	// one about any other record.
	Heading string
}

// RegisterHeading is one of the nine headings of the digital services
// register, under which every service is described.
type RegisterHeading struct {
	// ID is the heading in lower case, as Finding.Heading names it; Name
	// is how the pages write it.
	ID, Name string
}

// RegisterHeadings are the register's nine headings, in order.
var RegisterHeadings = []RegisterHeading{
	{"purpose", "Purpose"}, {"provision", "Provision"}, {"ownership", "Ownership"},
	{"support", "Support"}, {"data", "Data"}, {"governance", "Governance"},
	{"access", "Access"}, {"continuity", "Continuity"}, {"review", "Review"},
}

// URL is the page that shows f: the subject's own page, or for a subject
// without one the page that covers it: the continuity plan for the plan
// and its cascade (*ContinuityPlan), the roles page (*RoleList), the
// training plan (*Training), and for the practice as a whole (*Practice:
// the annual ICB review) the ICB review checklist.
func (f *Finding) URL() string {
	switch s := f.Subject.(type) {
	case *Practice:
		return s.ICBReviewURL()
	case *ContinuityPlan:
		return f.Practice.ContinuityURL()
	case *RoleList:
		return f.Practice.RolesURL()
	case *Training:
		return f.Practice.TrainingURL()
	case interface{ URL() string }:
		return s.URL()
	}
	panic(fmt.Sprintf("site: finding %s on a %T, which has no page", f.Rule, f.Subject))
}
