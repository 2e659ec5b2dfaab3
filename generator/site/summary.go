package site

import (
	"cmp"
	"slices"
	"strings"
)

// Summary is what the pages outside the practices' folders show of one
// practice: its row on the top page, its place in the lists on the
// organisations' and courses' pages, its entry in their search, and its
// line of handbook.json; and what ties practices to each other: each
// one's buddy and ODS code. A build makes it from the practice's
// practice.toml (NewSummary), completes it once the practice is read,
// linked and checked (Fill), and keeps it after the practice's records are
// let go. Every field is filled by the time the shared pages are made, so
// their templates see the practice as it is.
type Summary struct {
	ID, Name, ODS string
	// ICB and PCN are the ids practice.toml names; ICBOrg and PCNOrg,
	// their records (from Fill).
	ICB, PCN       string
	ICBOrg, PCNOrg *Organisation
	Sites          []Site
	ListSize       int
	// PlanVersion is the version of the continuity plan, and Approval the
	// state of the ICB's approval of it.
	PlanVersion string
	Approval    Approval
	// Buddy is the buddy practice.toml names: another practice, whose
	// summary is BuddyPractice, or an organisation, BuddyOrg (link fills
	// both, Buddies).
	Buddy         string
	BuddyPractice *Summary
	BuddyOrg      *Organisation
	// ODSAt and BuddyAt are where practice.toml writes the ODS code and
	// the buddy, for mistakes found across practices.
	ODSAt, BuddyAt Pos

	// The rest is filled once the practice is read in full (Fill).
	//
	// Services and Runbooks count the practice's records of each kind.
	Services, Runbooks int
	// Findings counts the practice's governance findings by severity:
	// its own and those on the shared records it uses, as its findings
	// page lists them.
	Findings Tally
	// Organisations and Courses are the shared records the practice uses
	// in any way, in the handbook's order.
	Organisations []*Organisation
	Courses       []*Course
	// Uses are the practice's records that name an organisation, in the
	// order of its files.
	Uses []Use
	// RunbookWords are the practice's runbooks as a search finds them,
	// for the top page's search across practices (FillSearch).
	RunbookWords []RunbookWords

	// What the network view shows of the practice (see Fill):
	//
	// DSPT is its latest Data Security and Protection Toolkit.
	DSPT DSPT
	// LastICBReview is the date of its last annual ICB digital services
	// review, zero for none; NextICBReview when the next is due, zero when
	// none has been held.
	LastICBReview, NextICBReview Date
	// Unexercised are the names of its critical services in use that have
	// no runbook exercised yet.
	Unexercised []string
	// TrainingCurrent of TrainingRequired of its active staff's required
	// courses are up to date (TrainingState.UpToDate).
	TrainingCurrent, TrainingRequired int

	// What an organisation's outage page needs of the practice (Fill):
	//
	// InUse are its services not retired, with what they rest on.
	InUse []ServiceNeeds
	// Phone is its main site's number, and Managers its practice
	// managers, with their extensions.
	Phone    string
	Managers []Contactable

	// What a PCN's page compares across its practices (Fill):
	//
	// Contracts are its services' contracts that have ended or end
	// within the notice period (the contract-ended and contract-ending
	// findings), with the supplier's id.
	Contracts []ContractEnd
	// Leavers are the people who have left but whom its records still
	// name (the findings' Leaver), by name.
	Leavers []string
}

// ContractEnd is a service's contract that ends soon or has ended.
type ContractEnd struct {
	Supplier, Service string
	End               Date
}

// ServiceNeeds is a practice's service as an outage page sees it: the
// organisations that supply or support it, the services it depends on,
// and its runbooks.
type ServiceNeeds struct {
	ID, Name string
	// Orgs are the ids of its supplier and service desk.
	Orgs      []string
	DependsOn []string
	Runbooks  []RunbookLink
}

// RunbookLink names a runbook and its page.
type RunbookLink struct{ Title, Path string }

// Contactable is a member of staff as a page may list them to ring at
// work: never their personal mobile.
type Contactable struct{ Name, JobTitle, Extension, Path string }

// TrainingPercent is the share of required courses up to date, rounded
// down, or 100 when none is required.
func (s *Summary) TrainingPercent() int {
	if s.TrainingRequired == 0 {
		return 100
	}
	return s.TrainingCurrent * 100 / s.TrainingRequired
}

// ICBName and PCNName name the practice's ICB and PCN: their records'
// names, or the ids practice.toml writes when there is no record.
func (s *Summary) ICBName() string { return orgName(s.ICBOrg, s.ICB) }
func (s *Summary) PCNName() string { return orgName(s.PCNOrg, s.PCN) }

func orgName(o *Organisation, id string) string {
	if o != nil {
		return o.Name
	}
	return id
}

// AwaitingApproval reports whether the practice's continuity plan has been
// submitted to the ICB and awaits its approval.
func (s *Summary) AwaitingApproval() bool { return s.Approval.Status == "submitted" }

// ICBReviewOverdue reports whether the practice's annual ICB review is
// overdue today: none held, or the next due before today.
func (s *Summary) ICBReviewOverdue(today Date) bool {
	return s.LastICBReview.IsZero() || s.NextICBReview.Before(today)
}

// RunbookWords is what a search finds a runbook by: its title and page,
// its scenario, the everyday words for it, the signs that it is needed
// and the services it is for.
type RunbookWords struct {
	Title, Path, Scenario string
	EverydayNames, Detect []string
	Services              []ServiceWords
}

// ServiceWords is what a search finds a service by.
type ServiceWords struct {
	Name, PlainName, Category string
	EverydayNames             []string
}

// Words returns what a search finds rb by.
func (rb *Runbook) Words() RunbookWords {
	w := RunbookWords{Title: rb.Title, Path: rb.URL(), Scenario: rb.Scenario, EverydayNames: rb.EverydayNames, Detect: rb.Detect}
	for _, sv := range rb.ServiceRefs {
		w.Services = append(w.Services, ServiceWords{Name: sv.Name, PlainName: sv.PlainName, Category: sv.Category, EverydayNames: sv.EverydayNames})
	}
	return w
}

// Use is a record of a practice that names an organisation, as the
// organisation's page lists it: a service the organisation supplies or
// supports, a runbook that escalates to it, or a role it holds.
type Use struct {
	Org *Organisation
	As  UseKind
	// Name and Path are the service's name or the runbook's title, and
	// its page; for a role, Path is the practice's roles page.
	Name, Path string
	// Role and Contact are the role the organisation holds, and the
	// person named there, when As is HoldsRole.
	Role, Contact string
}

// UseKind says how a record names an organisation.
type UseKind int

const (
	Supplies UseKind = iota
	Supports
	EscalatedTo
	HoldsRole
)

// Dependant is a record of a practice that names a shared record, with
// the practice, as the shared record's page lists it.
type Dependant struct {
	*Use
	Practice *Summary
}

// URL is the page of the record.
func (d Dependant) URL() string { return d.Path }

// NewSummary returns the summary of the practice p, as its practice.toml
// alone says it.
func NewSummary(p *Practice) *Summary {
	sites := make([]Site, len(p.Sites))
	for i, st := range p.Sites {
		sites[i] = Site{Name: keep(st.Name), Address: keep(st.Address), Phone: keep(st.Phone), Main: st.Main}
	}
	a := p.Continuity.Approval
	a.Status, a.Reference = keep(a.Status), keep(a.Reference)
	// Copies of the strings, as Fill keeps them.
	return &Summary{
		ID: keep(p.ID), Name: keep(p.Name), ODS: keep(p.ODS), ICB: keep(p.ICB), PCN: keep(p.PCN), Sites: sites, ListSize: p.ListSize,
		PlanVersion: keep(p.Continuity.Version), Approval: a, Buddy: keep(p.Buddy),
		ODSAt: p.At("ods"), BuddyAt: p.At("buddy"),
	}
}

// Fill completes s, the summary of p, from p read in full, linked and
// checked, as of today and with the thresholds t. It changes none of the
// fields NewSummary sets, which other practices' pages may be reading.
//
// Every string it keeps from the records is a copy (keep): the TOML
// decoder's strings are slices of the text of the file they were read
// from, and one kept after the practice's records are let go would keep
// the whole file in memory (two thirds of a gigabyte at 6,300 practices).
func (s *Summary) Fill(p *Practice, today Date, t Thresholds) {
	s.ICBOrg, s.PCNOrg = p.ICBOrg, p.PCNOrg
	s.Services, s.Runbooks, s.Findings = len(p.Services), len(p.Runbooks), TallyOf(p.Findings)
	s.Organisations, s.Courses, s.Uses = p.Organisations, p.Courses, nil
	use := func(u Use) {
		if u.Org != nil {
			s.Uses = append(s.Uses, u)
		}
	}
	for _, sv := range p.Services {
		use(Use{Org: sv.Support.SupplierOrg, As: Supplies, Name: keep(sv.Name), Path: sv.URL()})
		use(Use{Org: sv.Support.DeskOrg, As: Supports, Name: keep(sv.Name), Path: sv.URL()})
	}
	for _, rb := range p.Runbooks {
		var named []*Organisation
		for _, e := range rb.Escalation {
			if e.ContactOrg != nil && !slices.Contains(named, e.ContactOrg) {
				named = append(named, e.ContactOrg)
				use(Use{Org: e.ContactOrg, As: EscalatedTo, Name: keep(rb.Title), Path: rb.URL()})
			}
		}
	}
	s.DSPT = DSPT{Status: keep(p.DSPT.Status), Submitted: p.DSPT.Submitted, Year: keep(p.DSPT.Year)}
	s.LastICBReview, s.NextICBReview = Date{}, Date{}
	if last := p.LastICBReview(today); last != nil {
		s.LastICBReview, s.NextICBReview = last.Date, last.Date.AddMonths(t.ICBReviewMonths)
	}
	s.Unexercised = nil
	for _, sv := range p.Services {
		if sv.Criticality != "critical" || sv.Lifecycle == "retired" {
			continue
		}
		if len(sv.Tests(today)) == 0 {
			s.Unexercised = append(s.Unexercised, keep(sv.Name))
		}
	}
	s.InUse = nil
	for _, sv := range p.Services {
		if sv.Lifecycle == "retired" {
			continue
		}
		n := ServiceNeeds{ID: keep(sv.ID), Name: keep(sv.Name), DependsOn: keepAll(sv.DependsOn)}
		for _, o := range []*Organisation{sv.Support.SupplierOrg, sv.Support.DeskOrg} {
			if o != nil && !slices.Contains(n.Orgs, o.ID) {
				n.Orgs = append(n.Orgs, o.ID) // the shared record's, kept anyway
			}
		}
		for _, rb := range sv.Runbooks {
			n.Runbooks = append(n.Runbooks, RunbookLink{Title: keep(rb.Title), Path: rb.URL()})
		}
		s.InUse = append(s.InUse, n)
	}
	s.Phone, s.Managers = "", nil
	for _, st := range p.Sites {
		if st.Main || s.Phone == "" {
			s.Phone = cmp.Or(keep(st.Phone), s.Phone)
		}
	}
	for _, pe := range p.Active() {
		if pe.StaffGroup == "practice-manager" {
			s.Managers = append(s.Managers, Contactable{Name: keep(pe.Name), JobTitle: keep(pe.JobTitle), Extension: keep(pe.Extension), Path: pe.URL()})
		}
	}
	// The contracts and leavers the governance rules found.
	s.Contracts, s.Leavers = nil, nil
	for _, f := range p.Findings {
		if sv, ok := f.Subject.(*Service); ok && (f.Rule == "contract-ended" || f.Rule == "contract-ending") && sv.Support.SupplierOrg != nil {
			s.Contracts = append(s.Contracts, ContractEnd{Supplier: sv.Support.SupplierOrg.ID, Service: keep(sv.Name), End: sv.Support.ContractEnd})
		}
		if f.Leaver != nil && !slices.Contains(s.Leavers, f.Leaver.Name) {
			s.Leavers = append(s.Leavers, keep(f.Leaver.Name))
		}
	}
	s.TrainingCurrent, s.TrainingRequired = 0, 0
	if tr := p.Training; tr != nil {
		courses := tr.RequiredCourses()
		for _, pe := range p.Active() {
			for _, c := range courses {
				switch state, _ := tr.CourseState(pe, c, today, t.DueSoonDays); {
				case state == NotRequired:
				case state.UpToDate():
					s.TrainingCurrent++
					s.TrainingRequired++
				default:
					s.TrainingRequired++
				}
			}
		}
	}
	if p.Roles != nil {
		for _, ra := range p.Roles.Roles {
			use(Use{Org: ra.OrgRef, As: HoldsRole, Path: p.RolesURL(), Role: ra.Role, Contact: ra.Contact})
		}
	}
}

// keep copies s, so that keeping it does not keep the file it was read
// from (see Fill).
func keep(s string) string { return strings.Clone(s) }

// keepAll copies each string of list (see keep).
func keepAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = keep(s)
	}
	return out
}

// FillSearch adds to s, the summary of p, what the top page's search
// finds p's runbooks by (RunbookWords). Only a site small enough for the
// top page to search every practice's runbooks needs it.
func (s *Summary) FillSearch(p *Practice) {
	s.RunbookWords = nil
	for _, rb := range p.Runbooks {
		w := rb.Words()
		w.Title, w.Scenario, w.EverydayNames, w.Detect = keep(w.Title), keep(w.Scenario), keepAll(w.EverydayNames), keepAll(w.Detect)
		for i := range w.Services {
			sw := &w.Services[i]
			sw.Name, sw.PlainName, sw.Category, sw.EverydayNames = keep(sw.Name), keep(sw.PlainName), keep(sw.Category), keepAll(sw.EverydayNames)
		}
		s.RunbookWords = append(s.RunbookWords, w)
	}
}
