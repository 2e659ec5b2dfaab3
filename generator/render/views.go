package render

import (
	"cmp"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TrainingCell is one person's state on one required course.
type TrainingCell struct {
	Course *site.Course
	State  site.TrainingState
	Done   *site.Completion
}

// TrainingRow is one person's line of the training matrix.
type TrainingRow struct {
	Person *site.Person
	Cells  []TrainingCell
}

// CourseTotal counts who is current on a required course.
type CourseTotal struct {
	Course   *site.Course
	Current  int
	Required int
}

// Required returns pe's cells for the courses required of them, or none
// for someone not in the matrix (a leaver).
func (v TrainingView) Required(pe *site.Person) []TrainingCell {
	for _, row := range v.Rows {
		if row.Person != pe {
			continue
		}
		var out []TrainingCell
		for _, c := range row.Cells {
			if c.State != site.NotRequired {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// Percent is the share of those required who are current, rounded down.
func (c CourseTotal) Percent() int {
	if c.Required == 0 {
		return 100
	}
	return c.Current * 100 / c.Required
}

// TrainingView is the training plan page.
type TrainingView struct {
	Practice *site.Practice
	Training *site.Training
	Courses  []*site.Course
	Rows     []TrainingRow
	Totals   []CourseTotal
}

// trainingView builds the training page; a completion expiring within
// dueSoonDays shows as expiring soon.
func trainingView(pr *site.Practice, today site.Date, dueSoonDays int) TrainingView {
	v := TrainingView{Practice: pr, Training: pr.Training}
	if pr.Training == nil {
		return v
	}
	v.Courses = pr.Training.RequiredCourses()
	v.Totals = make([]CourseTotal, len(v.Courses))
	for i, c := range v.Courses {
		v.Totals[i].Course = c
	}
	for _, pe := range pr.Active() {
		row := TrainingRow{Person: pe}
		for i, c := range v.Courses {
			state, done := pr.Training.CourseState(pe, c, today, dueSoonDays)
			row.Cells = append(row.Cells, TrainingCell{Course: c, State: state, Done: done})
			if state != site.NotRequired {
				v.Totals[i].Required++
			}
			if state.UpToDate() {
				v.Totals[i].Current++
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// ReviewsView is the reviews page: records of past reviews and the
// checklists for the next ones.
type ReviewsView struct {
	Practice *site.Practice
	Records  []*site.ReviewRecord
	Services []*site.Service
}

func reviewsView(pr *site.Practice) ReviewsView {
	recs := slices.Clone(pr.Reviews)
	slices.SortStableFunc(recs, func(a, b *site.ReviewRecord) int { return b.Date.Compare(a.Date) })
	return ReviewsView{Practice: pr, Records: recs, Services: pr.Services}
}

// ICBReviewView pre-fills the five areas of the annual ICB digital
// services review with what the records show.
type ICBReviewView struct {
	Practice *site.Practice
	Since    site.Date
	Last     *site.ReviewRecord

	// Performance.
	Live           []*site.Service
	Critical       []*site.Service
	Incidents      []*site.Incident
	ReviewsOverdue []*site.Service
	// Implementation plans.
	Changing    []*site.Service
	OpenActions []*site.ActionRef
	// Training.
	Training  TrainingView
	Requested []*site.PlanItem
	// Business continuity and incident management.
	Exercises      []*site.Exercise
	WithoutRunbook []*site.Service
	// Plans for future delivery.
	ContractsEnding []*site.Service
	Proposed        []*site.Service
	Changes         []ChangeRow // changes to come, soonest first
	ChangesLive     []ChangeRow // changes that went live in the period
	AssetsDue       []*site.Asset
}

// icbReviewView covers the time since the last annual ICB review held by
// today, or, when there is none, the icb_review_months threshold (12 by
// default) before today.
func icbReviewView(pr *site.Practice, today site.Date, months, changeWeeks int, training TrainingView) ICBReviewView {
	v := ICBReviewView{Practice: pr, Since: today.AddMonths(-months), Training: training}
	if v.Last = pr.LastICBReview(today); v.Last != nil {
		v.Since = v.Last.Date
	}
	for _, in := range incidentsView(pr) {
		if d := in.Aware.Date(); !d.Before(v.Since) && !d.After(today) {
			v.Incidents = append(v.Incidents, in)
		}
	}
	changes := changesView(pr, today, changeWeeks)
	v.Changes = changes.Planned
	for _, row := range changes.Live {
		if !row.GoLive.Before(v.Since) {
			v.ChangesLive = append(v.ChangesLive, row)
		}
	}
	for _, a := range site.AssetOrder(pr.Assets) {
		if !a.Disposed() && !a.RefreshDue.IsZero() && a.RefreshDue.Before(today.AddMonths(12)) {
			v.AssetsDue = append(v.AssetsDue, a)
		}
	}
	for _, s := range pr.Services {
		if s.Lifecycle == "retired" {
			continue
		}
		if s.Lifecycle == "live" {
			v.Live = append(v.Live, s)
		}
		if s.Criticality == "critical" {
			v.Critical = append(v.Critical, s)
		}
		if !s.Review.Next.IsZero() && s.Review.Next.Before(today) {
			v.ReviewsOverdue = append(v.ReviewsOverdue, s)
		}
		if s.Lifecycle == "proposed" {
			v.Proposed = append(v.Proposed, s)
		}
		if s.Changing() {
			v.Changing = append(v.Changing, s)
		}
		if s.NeedsRunbook() {
			v.WithoutRunbook = append(v.WithoutRunbook, s)
		}
		if end := s.Support.ContractEnd; !end.IsZero() && end.Before(today.AddMonths(12)) {
			v.ContractsEnding = append(v.ContractsEnding, s)
		}
	}
	for _, e := range pr.Exercises {
		if !e.Date.Before(v.Since) {
			v.Exercises = append(v.Exercises, e)
		}
	}
	slices.SortStableFunc(v.Exercises, func(a, b *site.Exercise) int { return b.Date.Compare(a.Date) })
	for _, pe := range pr.People {
		for _, a := range pe.Actions {
			if a.Status == "open" {
				v.OpenActions = append(v.OpenActions, a)
			}
		}
	}
	slices.SortStableFunc(v.OpenActions, func(a, b *site.ActionRef) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Action.Action, b.Action.Action))
	})
	if pr.Training != nil {
		for _, item := range pr.Training.Plan {
			if item.RequestedFromICB {
				v.Requested = append(v.Requested, item)
			}
		}
	}
	return v
}

// RegisterReviewView pre-fills the register review checklist of
// DOMAIN.md §1 with what the records show.
type RegisterReviewView struct {
	Practice *site.Practice
	Today    site.Date

	Services        []*site.Service
	Categories      []CategoryCount
	NoDeputy        []*site.Service
	LeaverOwned     []*site.Service
	LeaverAdmins    []*site.Service
	NoDPIA          []*site.Service
	NoPrivacyNotice []*site.Service
	AccessOverdue   []*site.Service
	WithoutRunbook  []*site.Service
	Changing        []*site.Service
	QuickGuides     []*site.Page
	// Changes are those to come and those live in the last year, for
	// points 6 and 8.
	Changes ChangesView
}

// CategoryCount is how many services fall in one register category.
type CategoryCount struct {
	Category string
	Count    int
}

func registerReviewView(pr *site.Practice, today site.Date, changeWeeks int) RegisterReviewView {
	v := RegisterReviewView{Practice: pr, Today: today, Services: pr.Services, Changes: changesView(pr, today, changeWeeks)}
	v.Changes.Live = slices.DeleteFunc(v.Changes.Live, func(c ChangeRow) bool { return c.GoLive.Before(today.AddMonths(-12)) })
	counts := map[string]int{}
	for _, s := range pr.Services {
		counts[s.Category]++
		if s.DeputyRef == nil {
			v.NoDeputy = append(v.NoDeputy, s)
		}
		if s.OwnerRef != nil && s.OwnerRef.IsLeaver() || s.DeputyRef != nil && s.DeputyRef.IsLeaver() {
			v.LeaverOwned = append(v.LeaverOwned, s)
		}
		if slices.ContainsFunc(s.AdminRefs, (*site.Person).IsLeaver) {
			v.LeaverAdmins = append(v.LeaverAdmins, s)
		}
		if s.NeedsDPIA() {
			v.NoDPIA = append(v.NoDPIA, s)
		}
		if s.HandlesPersonalData() && !s.Governance.PrivacyNotice {
			v.NoPrivacyNotice = append(v.NoPrivacyNotice, s)
		}
		if due := s.AccessDue(); due.IsZero() || due.Before(today) {
			v.AccessOverdue = append(v.AccessOverdue, s)
		}
		if s.NeedsRunbook() {
			v.WithoutRunbook = append(v.WithoutRunbook, s)
		}
		if s.Changing() {
			v.Changing = append(v.Changing, s)
		}
	}
	for _, c := range site.Categories.Values() {
		if counts[c] > 0 {
			v.Categories = append(v.Categories, CategoryCount{c, counts[c]})
		}
	}
	for _, pg := range pr.Pages {
		if pg.Kind == "quick-guide" {
			v.QuickGuides = append(v.QuickGuides, pg)
		}
	}
	return v
}

// AccessReviewView is the access review checklist of one service.
type AccessReviewView struct {
	Service *site.Service
	Last    *site.AccessReview
	Due     site.Date
	// Since is the date changes are counted from: the last review, or
	// never reviewed (zero) meaning every change on record.
	Since    site.Date
	Leavers  []*site.Person
	Starters []*site.Person
	// Movers changed role in the period; Users are the active people of
	// the staff groups who should have access (Access.Users), nil when the
	// service does not say.
	Movers []MoverLine
	Users  []*site.Person
}

// MoverLine is one change of role of a person.
type MoverLine struct {
	Person *site.Person
	Move   site.Move
}

func accessReviewView(pr *site.Practice, s *site.Service) AccessReviewView {
	v := AccessReviewView{Service: s, Last: s.Access.LastReview(), Due: s.AccessDue()}
	if v.Last != nil {
		v.Since = v.Last.Date
	}
	for _, pe := range pr.People {
		if pe.IsLeaver() && (v.Since.IsZero() || !pe.Left.Before(v.Since)) {
			v.Leavers = append(v.Leavers, pe)
		}
		if !pe.IsLeaver() && !pe.Started.IsZero() && (v.Since.IsZero() || !pe.Started.Before(v.Since)) {
			v.Starters = append(v.Starters, pe)
		}
		for _, m := range pe.Moves {
			if !pe.IsLeaver() && (v.Since.IsZero() || !m.Date.Before(v.Since)) {
				v.Movers = append(v.Movers, MoverLine{pe, m})
			}
		}
	}
	for _, pe := range pr.Active() {
		if slices.Contains(s.Access.Users, pe.StaffGroup) {
			v.Users = append(v.Users, pe)
		}
	}
	return v
}

// HomeItem is one line of "Something not working?": a service in plain
// words and the runbooks to turn to. Primary runbooks name the service
// first, as the one they are about; Also lists those that only affect it.
type HomeItem struct {
	Service *site.Service
	Primary []*site.Runbook
	Also    []*site.Runbook
}

// HomeView is the data of a practice's home page.
type HomeView struct {
	Practice *site.Practice
	Items    []HomeItem
	// Findings counts the practice's governance findings.
	Findings Counts
}

// scenarioRank orders a service's runbooks on the home page: the service
// itself failing first, then what else can stop it. From broadRank on, a
// scenario is broad (broadScenario).
var scenarioRank = map[string]int{"system-down": 0, "degraded": 1, "data-loss": 2, "supplier-failure": 3,
	"network-down": 4, "telephony-down": 4, "cyber-incident": broadRank, "power-loss": 6, "utility-loss": 6,
	"premises-loss": 7, "severe-weather": 8, "staff-shortage": 8}

// broadRank is the rank in scenarioRank of the first broad scenario.
const broadRank = 5

// broadScenario is a failure of the whole practice, not of one service:
// its runbook is related to every service it names, the own runbook of
// none.
func broadScenario(scenario string) bool { return scenarioRank[scenario] >= broadRank }

// homeView lists every service that has a runbook, most critical first.
// Each service's own runbooks come first (those for it failing, that
// name it first), the most direct first; then the related ones.
func homeView(pr *site.Practice) HomeView {
	v := HomeView{Practice: pr, Findings: countFindings(pr.Findings)}
	byScenario := func(a, b *site.Runbook) int {
		return cmp.Or(cmp.Compare(scenarioRank[a.Scenario], scenarioRank[b.Scenario]), cmp.Compare(a.Title, b.Title))
	}
	for _, s := range pr.Services {
		if len(s.Runbooks) > 0 && s.Lifecycle != "retired" {
			item := HomeItem{Service: s}
			for _, rb := range s.Runbooks {
				if len(rb.ServiceRefs) > 0 && rb.ServiceRefs[0] == s && !broadScenario(rb.Scenario) {
					item.Primary = append(item.Primary, rb)
				} else {
					item.Also = append(item.Also, rb)
				}
			}
			slices.SortStableFunc(item.Primary, byScenario)
			slices.SortStableFunc(item.Also, byScenario)
			if len(item.Primary) == 0 {
				item.Primary, item.Also = item.Also, nil
			}
			v.Items = append(v.Items, item)
		}
	}
	slices.SortStableFunc(v.Items, func(a, b HomeItem) int {
		return cmp.Or(cmp.Compare(site.CriticalityRank(a.Service.Criticality), site.CriticalityRank(b.Service.Criticality)),
			cmp.Compare(a.Service.PlainName, b.Service.PlainName))
	})
	return v
}

// PersonView is a person's page: their record, their training, and what
// needs their attention.
type PersonView struct {
	Person   *site.Person
	Training []TrainingCell
	// Attention is the governance findings they own or that are about
	// them; OpenActions their open actions not yet overdue (an overdue one
	// is a finding).
	Attention   []*site.Finding
	OpenActions []*site.ActionRef
}

// personView takes the person's line of the practice's training matrix,
// which holds active staff only.
func personView(pe *site.Person, training TrainingView, today site.Date) PersonView {
	v := PersonView{Person: pe, Training: training.Required(pe), Attention: attention(pe)}
	for _, a := range pe.Actions {
		if a.Status == "open" && (a.Due.IsZero() || !a.Due.Before(today)) {
			v.OpenActions = append(v.OpenActions, a)
		}
	}
	return v
}

// RolesView is the roles and contacts page.
type RolesView struct {
	Practice *site.Practice
	Roles    []RoleRow
}

// RoleRow is one governance role and who holds it, if anyone.
type RoleRow struct {
	Role        string
	Required    bool
	Assignments []*site.RoleAssignment
}

func rolesView(pr *site.Practice) RolesView {
	v := RolesView{Practice: pr}
	assigned := map[string][]*site.RoleAssignment{}
	if pr.Roles != nil {
		for _, ra := range pr.Roles.Roles {
			assigned[ra.Role] = append(assigned[ra.Role], ra)
		}
	}
	for _, role := range site.Roles.Values() {
		v.Roles = append(v.Roles, RoleRow{Role: role, Required: slices.Contains(site.RequiredRoles, role),
			Assignments: assigned[role]})
	}
	return v
}
