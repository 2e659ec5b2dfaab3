package site

import (
	"path"
	"slices"
	"strings"
)

// Struct tags on content records:
//
//	toml:"key"            the key in the TOML file
//	toml:"key,required"   the key must be present and not empty
//	enum:"name"           the value (or each value of a list) is one of Enums[name]
//	sensitive:"true"      the value is personal and is never exported (it is
//	                      printed in the continuity pack only)
//
// Fields without a toml tag are filled later: a practice's records by the
// load stage, resolved references and back-links by the link stage. Every
// record keeps its Source so that a problem found later can still be
// reported at its file:line:col.

// Source is where a record was read from.
type Source struct {
	// File is the path relative to the site root, slash-separated.
	File string
	// Placeholders are the key paths of the values still to fill in or
	// check ("plain_name", "access.granted", "review.last"), in the order
	// of the file: text that begins "TO DO" (IsPlaceholder), and any value
	// under or beside a comment that does ("# TO DO: check"), as handbook
	// new and handbook import mark what only the practice can say, and
	// each guess they make. The record is valid with them; the
	// placeholder rule reports them. Nil when there are none.
	Placeholders []string
	// keys are the key paths of the file ("owner", "steps.1.lead",
	// "depends_on.2"), sorted, with where each is written.
	keys []KeyPos
}

// KeyPos is where a key path is written in a record's file, for
// NewSource.
type KeyPos struct {
	Path string
	// Value is the position of the value; Key, of the key itself or of
	// the header of a [table], or zero when it has none of its own.
	Value, Key Spot
}

// Spot is a position within a known file: line and column, from 1.
type Spot struct{ Line, Col int32 }

// NewSource returns the source of a record read from file, with the
// positions of its keys.
func NewSource(file string, keys []KeyPos) Source {
	slices.SortFunc(keys, func(a, b KeyPos) int { return strings.Compare(a.Path, b.Path) })
	return Source{File: file, keys: keys}
}

func (s *Source) find(path string) (KeyPos, bool) {
	i, ok := slices.BinarySearchFunc(s.keys, path, func(k KeyPos, p string) int { return strings.Compare(k.Path, p) })
	if !ok {
		return KeyPos{}, false
	}
	return s.keys[i], true
}

// KeyFrom returns the path of the first key written on line or below it
// (of a [table] header, for a table), the one a comment on that line is
// about; ok is false when no key follows.
func (s *Source) KeyFrom(line int) (path string, ok bool) {
	var best Spot
	for _, k := range s.keys {
		at := k.Value
		if k.Key.Line > 0 {
			at = k.Key
		}
		if int(at.Line) < line || ok && (at.Line > best.Line || at.Line == best.Line && at.Col >= best.Col) {
			continue
		}
		path, best, ok = k.Path, at, true
	}
	return path, ok
}

// KeyAt returns the position of the key at path, or of its value when the
// key's own position is not known.
func (s *Source) KeyAt(path string) Pos {
	// TOML starts a value on the line of its key; an element of an array
	// has no key of its own.
	if k, ok := s.find(path); ok && k.Key.Line == k.Value.Line && k.Key.Col > 0 {
		return Pos{File: s.File, Line: int(k.Key.Line), Col: int(k.Key.Col)}
	}
	return s.At(path)
}

// At returns the position of the value at key path, or of the closest
// enclosing key that has one, or the start of the file.
func (s *Source) At(path string) Pos {
	for {
		if k, ok := s.find(path); ok {
			return Pos{File: s.File, Line: int(k.Value.Line), Col: int(k.Value.Col)}
		}
		i := lastDot(path)
		if i < 0 {
			return Pos{File: s.File, Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// Handbook is what every practice shares: the site's configuration, the
// organisations and courses, and, once every practice is read, a summary
// of each. A practice's own records are read, linked and rendered one
// practice at a time (Practice), never all at once.
type Handbook struct {
	Config        Config
	Organisations []*Organisation
	Courses       []*Course

	// Practices summarise the practices, in the order of their folders,
	// for the pages outside every practice's folder. They are known only
	// once every practice is read: while a practice's own pages are made,
	// Practices is nil.
	Practices []*Summary

	// Findings are the governance findings on the shared records (the
	// organisations and courses), sorted by position; the govern stage
	// fills them in. A practice's own are in Practice.Findings.
	Findings []*Finding

	// Files are the shared files the handbook was read from (handbook.toml,
	// the organisations and courses), sorted by path, each with the
	// SHA-256 of its bytes. With a practice's own Files they make the
	// digest its continuity pack prints, so that two copies can be told
	// apart.
	Files []FileSum

	// LastChanged maps the path of a file of the site (as Source.File) to
	// the date it last changed in git, when that is known: the author
	// date of the last commit that touched it, for a file committed as it
	// is. Record pages show it. Nil when no dates were read.
	LastChanged map[string]Date

	files sharedFiles // see RecordPage and Digest
}

// FileSum is a file read and the SHA-256 of its bytes.
type FileSum struct {
	Path string
	Sum  [32]byte
}

// Config is the site configuration, handbook.toml at the site root.
type Config struct {
	Source
	// Title names the whole handbook on its top page.
	Title string `toml:"title,required"`
	// Description is one sentence under the title.
	Description string `toml:"description"`
	// Governance holds the thresholds of the governance rules.
	Governance Thresholds `toml:"governance"`
	// Publish says who can read the built site, and so what it may hold.
	Publish Publishing `toml:"publish"`
}

// Publishing says who can read the built site.
type Publishing struct {
	// PublicFacing is set when people outside the practices can reach the
	// site (the internet, a portal shared beyond the PCN).
	PublicFacing bool `toml:"public_facing"`
	// ContinuityPacks says whether to publish the continuity packs. Unset,
	// they are published unless the site is public-facing.
	ContinuityPacks *bool `toml:"continuity_packs"`
	// PersonalNumbers puts the sensitive values, such as personal mobile
	// numbers, in the published continuity packs: for a private intranet
	// of one practice only. Unset, no published file holds them, and they
	// are printed only from a private build (pipeline.Options.Packs).
	PersonalNumbers bool `toml:"personal_numbers"`
}

// PublishPacks reports whether the continuity packs are published.
func (p Publishing) PublishPacks() bool {
	if p.ContinuityPacks != nil {
		return *p.ContinuityPacks
	}
	return !p.PublicFacing
}

// Thresholds are the intervals and targets the governance rules measure
// against. A zero field takes its default from DefaultThresholds.
type Thresholds struct {
	// DueSoonDays is how close a review, expiry or contract end must be
	// to be reported as due soon.
	DueSoonDays int `toml:"due_soon_days"`
	// TrainingTargetPercent is the share of staff who must be up to date
	// with each required course (DSPT asks for 95%).
	TrainingTargetPercent int `toml:"training_target_percent"`
	// CascadeTestMonths is how often the call cascade must be tested.
	CascadeTestMonths int `toml:"cascade_test_months"`
	// ExerciseMonths is how often each runbook must be exercised.
	ExerciseMonths int `toml:"exercise_months"`
	// PlanReviewMonths is how often the continuity plan must be reviewed.
	PlanReviewMonths int `toml:"plan_review_months"`
	// ReviewMonths is the default review interval of a service, runbook
	// or page that gives no next review date.
	ReviewMonths int `toml:"review_months"`
	// DPIAReviewMonths is how often a DPIA must be reviewed.
	DPIAReviewMonths int `toml:"dpia_review_months"`
	// ContactVerifyMonths is how often an organisation's contact details
	// must be checked.
	ContactVerifyMonths int `toml:"contact_verify_months"`
	// ContractNoticeDays is how long before a contract ends it is
	// reported, to leave time to renew or replace it.
	ContractNoticeDays int `toml:"contract_notice_days"`
	// ICBReviewMonths is the interval of the ICB digital services review.
	ICBReviewMonths int `toml:"icb_review_months"`
	// NeedsAnalysisMonths is how often the training needs analysis must
	// be redone.
	NeedsAnalysisMonths int `toml:"needs_analysis_months"`
	// DSPTDeadlineMonth is the month by whose end practices publish their
	// Data Security and Protection Toolkit each year (6: 30 June).
	DSPTDeadlineMonth int `toml:"dspt_deadline_month"`
	// GrabBagMonths is how often the grab bag must be checked.
	GrabBagMonths int `toml:"grab_bag_months"`
	// ApprovalWaitWeeks is how long a continuity plan may await the ICB's
	// approval after it is submitted.
	ApprovalWaitWeeks int `toml:"approval_wait_weeks"`
	// ChangeReviewWeeks is how long after a change goes live its review
	// falls due, when the change gives no date of its own.
	ChangeReviewWeeks int `toml:"change_review_weeks"`
	// VulnerableListMonths is how often the list of vulnerable patients
	// to contact in an outage must be refreshed.
	VulnerableListMonths int `toml:"vulnerable_list_months"`
	// AgreementVersion is the current ICB practice agreement: the version
	// each practice's practice_agreement.version must name.
	AgreementVersion string `toml:"agreement_version"`
}

// Practice is a GP practice: content/<id>/practice.toml and the records in
// its folder.
type Practice struct {
	Source
	ID             string
	ODS            string         `toml:"ods,required"`
	Name           string         `toml:"name,required"`
	ICB            string         `toml:"icb,required"`
	PCN            string         `toml:"pcn,required"`
	ListSize       int            `toml:"list_size,required"`
	ClinicalSystem string         `toml:"clinical_system,required"`
	Buddy          string         `toml:"buddy"`
	Agreement      Agreement      `toml:"practice_agreement,required"`
	DSPT           DSPT           `toml:"dspt,required"`
	Sites          []Site         `toml:"sites,required"`
	Continuity     ContinuityPlan `toml:"continuity,required"`

	People    []*Person
	Services  []*Service
	Runbooks  []*Runbook
	Exercises []*Exercise
	Reviews   []*ReviewRecord
	Incidents []*Incident
	Changes   []*Change
	Assets    []*Asset
	Pages     []*Page
	Images    []*Image
	Roles     *RoleList
	Training  *Training

	ICBOrg, PCNOrg *Organisation
	BuddyPractice  *Summary
	BuddyOrg       *Organisation
	Clinical       *Service
	Suppliers      []*Organisation

	// Organisations and Courses are the shared records the practice uses
	// in any way, in the handbook's order: the other side of
	// Organisation.Practices and Course.Practices.
	Organisations []*Organisation
	Courses       []*Course

	// Findings are the practice's governance findings and those on the
	// shared records it uses, sorted by position.
	Findings []*Finding

	// Files are the files of the practice's folder, sorted by path, with
	// the SHA-256 of each.
	Files []FileSum
}

// Folder is the practice's content folder, from the file it was read
// from: "content/riverside/".
func (p *Practice) Folder() string { return path.Dir(p.File) + "/" }

// Agreement is the ICB practice agreement the practice has signed.
type Agreement struct {
	Version string `toml:"version,required"`
	// Signed is when the practice signed it, or zero while it has not.
	Signed Date `toml:"signed"`
}

// DSPT is the practice's latest Data Security and Protection Toolkit
// submission.
type DSPT struct {
	Status    string `toml:"status,required" enum:"dspt"`
	Submitted Date   `toml:"submitted"`
	Year      string `toml:"year"`
}

// Site is one of the practice's premises.
type Site struct {
	Name    string `toml:"name,required"`
	Address string `toml:"address,required"`
	Phone   string `toml:"phone"`
	Main    bool   `toml:"main"`
}

// ContinuityPlan is the practice's business continuity plan metadata: the
// runbooks hold its actions.
type ContinuityPlan struct {
	Version       string         `toml:"version,required"`
	Owner         string         `toml:"owner,required"`
	Reviewed      Date           `toml:"reviewed,required"`
	NextReview    Date           `toml:"next_review"`
	CascadeTested Date           `toml:"cascade_tested"`
	KeyContacts   []string       `toml:"key_contacts"`
	Approval      Approval       `toml:"icb_approval,required"`
	Invocation    PlanInvocation `toml:"invocation,required"`
	Cascade       []CascadeStep  `toml:"cascade,required"`
	Premises      []Premises     `toml:"premises"`
	Copies        []Copy         `toml:"copies"`
	GrabBag       GrabBag        `toml:"grab_bag"`
	Recovery      Recovery       `toml:"recovery,required"`
	// Functions are the business impact analysis: the practice's
	// essential functions, most urgent first.
	Functions  []*Function         `toml:"functions"`
	Vulnerable *VulnerablePatients `toml:"vulnerable_patients"`
	Risks      []*Risk             `toml:"risks"`

	OwnerRef       *Person
	KeyContactOrgs []*Organisation
}

// Function is an essential function of the practice (urgent on-the-day
// care, prescribing, results, referrals, registration...): the longest it
// can stop, how soon it must be back, and the services it needs.
type Function struct {
	Name       string   `toml:"name,required"`
	MTD        Duration `toml:"max_tolerable_downtime,required"`
	RTO        Duration `toml:"recovery_time_objective"`
	Services   []string `toml:"services"`
	Workaround string   `toml:"workaround"`
	Lead       string   `toml:"lead"`

	ServiceRefs []*Service
	LeadRef     *Person
}

// Recovery is how long s may take to come back: its recovery time
// objective, or without one its maximum tolerable downtime (zero when it
// has neither).
func (s *Service) Recovery() Duration {
	if !s.RTO.IsZero() {
		return s.RTO
	}
	return s.MTD
}

// SlowServices are the services f needs that may take longer to come back
// (Service.Recovery) than f can stop.
func (f *Function) SlowServices() []*Service {
	var out []*Service
	for _, s := range f.ServiceRefs {
		if r := s.Recovery(); !r.IsZero() && r.Minutes > f.MTD.Minutes {
			out = append(out, s)
		}
	}
	return out
}

// VulnerablePatients says how the practice finds the patients most at
// risk when it cannot work as usual, and how it reaches them.
type VulnerablePatients struct {
	Identified  string `toml:"identified,required"`
	Contacted   string `toml:"contacted,required"`
	Owner       string `toml:"owner,required"`
	ListUpdated Date   `toml:"list_updated"`
	ListKept    string `toml:"list_kept"`

	OwnerRef *Person
}

// Risk is one line of the continuity risk assessment: a scenario, how
// likely and how bad (each 1 to 5), what is done about it, its owner and
// when it is next reviewed.
type Risk struct {
	Scenario   string `toml:"scenario,required" enum:"scenario"`
	Risk       string `toml:"risk,required"`
	Likelihood int    `toml:"likelihood,required"`
	Impact     int    `toml:"impact,required"`
	Mitigation string `toml:"mitigation"`
	Owner      string `toml:"owner,required"`
	Review     Date   `toml:"review,required"`

	OwnerRef *Person
}

// Score is the risk's likelihood times its impact, 1 to 25.
func (r *Risk) Score() int { return r.Likelihood * r.Impact }

// High reports whether the risk is rated high or extreme: a score of 8
// or more.
func (r *Risk) High() bool { return r.Score() >= 8 }

// RisksWithoutCard are the risks of p's plan rated high or extreme
// (High) with no runbook of their scenario: each needs an action card.
func (p *Practice) RisksWithoutCard() []*Risk {
	var out []*Risk
	for _, r := range p.Continuity.Risks {
		if r.High() && !slices.ContainsFunc(p.Runbooks, func(rb *Runbook) bool { return rb.Scenario == r.Scenario }) {
			out = append(out, r)
		}
	}
	return out
}

// Rating names the score's band, as NHS risk matrices do: 1–3 low, 4–6
// moderate, 8–12 high, 15–25 extreme.
func (r *Risk) Rating() string {
	switch s := r.Score(); {
	case s >= 15:
		return "Extreme"
	case r.High():
		return "High"
	case s >= 4:
		return "Moderate"
	}
	return "Low"
}

// PlanInvocation says who may invoke the continuity plan, when, and what
// happens in the first 15 minutes whatever has failed; each runbook adds
// its own first 15 minutes for its scenario.
type PlanInvocation struct {
	When    string   `toml:"when,required"`
	Who     string   `toml:"who,required"`
	People  []string `toml:"people"`
	First15 []string `toml:"first_15_minutes,required"`

	PeopleRefs []*Person
}

// Approval is the state of the ICB's approval of the continuity plan.
type Approval struct {
	Status    string `toml:"status,required" enum:"approval"`
	Submitted Date   `toml:"submitted"`
	Approved  Date   `toml:"approved"`
	Expires   Date   `toml:"expires"`
	Reference string `toml:"reference"`
}

// CascadeStep is one caller in the call cascade and the people they ring.
type CascadeStep struct {
	Caller string   `toml:"caller,required"`
	Calls  []string `toml:"calls,required"`
	Note   string   `toml:"note"`

	CallerRef *Person
	CallRefs  []*Person
}

// Premises is somewhere the practice can work from if its building cannot
// be used.
type Premises struct {
	Name        string `toml:"name,required"`
	Address     string `toml:"address,required"`
	Arrangement string `toml:"arrangement,required"`
	Contact     string `toml:"contact"`

	ContactOrg *Organisation
}

// Copy is a place an off-site copy of the continuity plan is kept.
type Copy struct {
	Location string `toml:"location,required"`
	Holder   string `toml:"holder"`
	Format   string `toml:"format,required"`

	HolderRef *Person
}

// GrabBag is the emergency bag and what it holds.
type GrabBag struct {
	Location string   `toml:"location"`
	Contents []string `toml:"contents"`
	Checked  Date     `toml:"checked"`
}

// Person is someone who works for, or with, a practice:
// content/<practice>/people/<id>.toml.
type Person struct {
	Source
	ID         string
	Name       string `toml:"name,required"`
	JobTitle   string `toml:"job_title,required"`
	StaffGroup string `toml:"staff_group,required" enum:"staff-group"`
	Status     string `toml:"status,required" enum:"employment"`
	Started    Date   `toml:"started"`
	Left       Date   `toml:"left"`
	Email      string `toml:"email"`
	Extension  string `toml:"extension"`
	// PersonalMobile is sensitive: it is printed in the continuity pack
	// only and never appears on an intranet page.
	PersonalMobile string       `toml:"personal_mobile" sensitive:"true"`
	Training       []Completion `toml:"training"`
	// Moves are the person's changes of role at the practice, which
	// access reviews check.
	Moves []Move `toml:"moves"`

	Practice    *Practice
	Owns        []*Service
	Deputises   []*Service
	Administers []*Service
	ActsIn      []*Runbook
	Roles       []*RoleAssignment
	Deputy      []*RoleAssignment
	Exercises   []*Exercise
	Actions     []*ActionRef
	Plan        []*PlanItem
	PagesOwned  []*Page
	// Incidents, Changes and Assets are those the person leads or owns.
	Incidents []*Incident
	Changes   []*Change
	Assets    []*Asset
	Cascade   bool
}

// Move is a change of role: from one job or staff group to another.
type Move struct {
	Date Date   `toml:"date,required"`
	From string `toml:"from,required"`
	To   string `toml:"to,required"`
}

// IsLeaver reports whether the person has left the practice.
func (p *Person) IsLeaver() bool { return p.Status == "leaver" }

// Completion records that a person completed a course on a date.
type Completion struct {
	Course    string `toml:"course,required"`
	Completed Date   `toml:"completed,required"`

	CourseRef *Course
	Expires   Date
}

// RoleList is content/<practice>/roles.toml: who holds each governance role.
type RoleList struct {
	Source
	Roles []*RoleAssignment `toml:"roles,required"`
}

// RoleAssignment names who holds a governance role. The holder is a person
// of the practice or, for a service bought in (often the DPO), an
// organisation and the named contact there.
type RoleAssignment struct {
	Role         string `toml:"role,required" enum:"role"`
	Holder       string `toml:"holder"`
	Organisation string `toml:"organisation"`
	Contact      string `toml:"contact"`
	Deputy       string `toml:"deputy"`
	Appointed    Date   `toml:"appointed"`
	Evidence     string `toml:"evidence"`

	HolderRef *Person
	OrgRef    *Organisation
	DeputyRef *Person
}

// Organisation is a supplier, service desk or other body, shared by every
// practice: content/organisations/<id>.toml.
type Organisation struct {
	Source
	ID          string
	Name        string `toml:"name,required"`
	Kind        string `toml:"kind,required" enum:"organisation"`
	Description string `toml:"description"`
	Website     string `toml:"website"`
	StatusPage  string `toml:"status_page"`
	// Verified is when the contact details were last checked, or zero
	// when they never were (a new organisation's, until someone checks).
	Verified Date      `toml:"verified"`
	Contacts []Contact `toml:"contacts,required"`

	// Courses are the courses the organisation provides.
	Courses []*Course

	// What the practices' records say of the organisation, for its own
	// page; link fills these from the practices' summaries once every
	// practice is read (BackLinks).
	//
	// Practices are the practices that use the organisation in any way:
	// as ICB, PCN, supplier, service desk, escalation contact, role
	// holder, key contact, buddy or premises contact. Its findings are
	// listed on their findings pages.
	Practices []*Summary
	// Supplies and Supports are the services it supplies and supports,
	// Escalation the runbooks that escalate to it, and Roles the roles it
	// holds, each with its practice.
	Supplies, Supports, Escalation, Roles []Dependant
}

// Contact is one way to reach an organisation.
type Contact struct {
	Label    string `toml:"label,required"`
	Phone    string `toml:"phone"`
	Email    string `toml:"email"`
	Portal   string `toml:"portal"`
	Hours    string `toml:"hours"`
	Priority bool   `toml:"priority"`
	Notes    string `toml:"notes"`
}

// Service is one row of the digital services register:
// content/<practice>/services/<id>.toml.
type Service struct {
	Source
	ID        string
	Name      string `toml:"name,required"`
	PlainName string `toml:"plain_name,required"`
	// EverydayNames are other words staff use for it, for search.
	EverydayNames []string `toml:"everyday_names"`
	Purpose       string   `toml:"purpose,required"`
	Category      string   `toml:"category,required" enum:"category"`
	Provision     string   `toml:"provision,required" enum:"provision"`
	Lifecycle     string   `toml:"lifecycle,required" enum:"lifecycle"`
	Criticality   string   `toml:"criticality,required" enum:"criticality"`
	MTD           Duration `toml:"max_tolerable_downtime"`
	RTO           Duration `toml:"recovery_time_objective"`
	// OpenToPatients are the hours on weekdays when patients can send
	// requests through a tool they use (online consultation, patient
	// messaging, patient access); zero when the record does not say.
	OpenToPatients Hours    `toml:"open_to_patients"`
	Owner          string   `toml:"owner,required"`
	Deputy         string   `toml:"deputy"`
	Admins         []string `toml:"admins"`
	DependsOn      []string `toml:"depends_on"`

	Support    Support           `toml:"support,required"`
	Data       DataUse           `toml:"data,required"`
	Governance Governance        `toml:"governance,required"`
	Access     Access            `toml:"access,required"`
	Continuity ServiceContinuity `toml:"continuity,required"`
	Review     Review            `toml:"review,required"`

	Practice   *Practice
	OwnerRef   *Person
	DeputyRef  *Person
	AdminRefs  []*Person
	Depends    []*Service
	Dependants []*Service
	Runbooks   []*Runbook
	Exercises  []*Exercise
	Incidents  []*Incident
	Changes    []*Change
	Assets     []*Asset
	Pages      []*Page
}

// Support says who supplies and supports a service.
type Support struct {
	Supplier    string `toml:"supplier"`
	Desk        string `toml:"desk,required"`
	CustomerRef string `toml:"customer_ref"`
	ContractRef string `toml:"contract_ref"`
	SLA         string `toml:"sla"`
	ContractEnd Date   `toml:"contract_end"`

	SupplierOrg *Organisation
	DeskOrg     *Organisation
}

// DataUse is the data a service processes.
type DataUse struct {
	Categories  []string `toml:"categories,required" enum:"data"`
	Description string   `toml:"description,required"`
}

// Governance is the information governance and clinical safety position.
type Governance struct {
	DPIA            string   `toml:"dpia,required" enum:"dpia"`
	DPIAReviewed    Date     `toml:"dpia_reviewed"`
	DPIAReference   string   `toml:"dpia_reference"`
	PrivacyNotice   bool     `toml:"privacy_notice"`
	DataSharing     string   `toml:"data_sharing"`
	ClinicalSafety  string   `toml:"clinical_safety,required" enum:"clinical-safety"`
	SafetyReference string   `toml:"clinical_safety_reference"`
	Documents       []string `toml:"supplier_documents"`
}

// Access says how staff access is granted, reviewed and removed.
type Access struct {
	Granted      string         `toml:"granted,required"`
	Removed      string         `toml:"removed,required"`
	ReviewMonths int            `toml:"review_months,required"`
	Reviews      []AccessReview `toml:"reviews"`
	// Users are the staff groups who should have access; nil when the
	// record does not say.
	Users []string `toml:"users" enum:"staff-group"`
}

// LastReview returns the most recent access review, or nil.
func (a *Access) LastReview() *AccessReview {
	var last *AccessReview
	for i := range a.Reviews {
		if last == nil || a.Reviews[i].Date.After(last.Date) {
			last = &a.Reviews[i]
		}
	}
	return last
}

// AccessReview records one review of who can use a service.
type AccessReview struct {
	Date    Date   `toml:"date,required"`
	By      string `toml:"by,required"`
	Outcome string `toml:"outcome,required"`

	ByRef *Person
}

// ServiceContinuity is the register's continuity heading in plain words;
// the runbooks that name the service hold the procedure.
type ServiceContinuity struct {
	Summary string `toml:"summary,required"`
}

// Review is when a record was last reviewed and when it is due again.
type Review struct {
	Last Date   `toml:"last,required"`
	Next Date   `toml:"next"`
	By   string `toml:"by"`

	ByRef *Person
}

// Runbook is a downtime procedure (action card):
// content/<practice>/runbooks/<id>.toml.
type Runbook struct {
	Source
	ID    string
	Title string `toml:"title,required"`
	// EverydayNames are other words staff would type when this happens,
	// for search.
	EverydayNames  []string        `toml:"everyday_names"`
	Scenario       string          `toml:"scenario,required" enum:"scenario"`
	Services       []string        `toml:"services,required"`
	Detect         []string        `toml:"detect,required"`
	Invoke         Invocation      `toml:"invoke,required"`
	First15        []RoleActions   `toml:"first_15_minutes,required"`
	Steps          []RoleActions   `toml:"steps,required"`
	Communications []Communication `toml:"communications,required"`
	Paper          []PaperFallback `toml:"paper"`
	Escalation     []Escalation    `toml:"escalation,required"`
	Recovery       Recovery        `toml:"recovery,required"`
	StandDown      []string        `toml:"stand_down,required"`
	Review         Review          `toml:"review,required"`

	Practice    *Practice
	ServiceRefs []*Service
	Exercises   []*Exercise
	// Incidents are the real incidents the runbook was used in.
	Incidents []*Incident
	People    []*Person
}

// Invocation says who invokes a runbook and when.
type Invocation struct {
	When   string   `toml:"when,required"`
	Who    string   `toml:"who,required"`
	People []string `toml:"people"`

	PeopleRefs []*Person
}

// RoleActions is what one role does, in order.
type RoleActions struct {
	Role    string   `toml:"role,required"`
	Lead    string   `toml:"lead"`
	Actions []string `toml:"actions,required"`

	LeadRef *Person
}

// Communication is one message to one audience during an outage.
type Communication struct {
	Audience string `toml:"audience,required" enum:"audience"`
	Channel  string `toml:"channel,required"`
	Message  string `toml:"message,required"`
	By       string `toml:"by"`

	ByRef *Person
}

// PaperFallback is how one function carries on without the system, and
// where the paper for it is kept.
type PaperFallback struct {
	Function string `toml:"function,required"`
	Fallback string `toml:"fallback,required"`
	Location string `toml:"location,required"`
}

// Escalation is who to call after how long, and what to write down.
type Escalation struct {
	After   Duration `toml:"after"`
	Contact string   `toml:"contact"`
	Action  string   `toml:"action,required"`
	Record  string   `toml:"record"`

	ContactOrg *Organisation
}

// Recovery is the work after the service is back: a runbook's own, or the
// rules for every outage in the continuity plan.
type Recovery struct {
	BackEntry      []string `toml:"back_entry,required"`
	Reconciliation []string `toml:"reconciliation,required"`
	Backlog        []string `toml:"backlog"`
}

// Exercise is a test of the continuity plan or a real incident handled
// under it: content/<practice>/exercises/<id>.toml.
type Exercise struct {
	Source
	ID           string
	Title        string   `toml:"title,required"`
	Type         string   `toml:"type,required" enum:"exercise"`
	Date         Date     `toml:"date,required"`
	Reference    string   `toml:"reference"`
	Runbooks     []string `toml:"runbooks"`
	Services     []string `toml:"services"`
	Participants []string `toml:"participants"`
	Summary      string   `toml:"summary,required"`
	Findings     []string `toml:"findings"`
	Actions      []Action `toml:"actions"`

	Practice        *Practice
	RunbookRefs     []*Runbook
	ServiceRefs     []*Service
	ParticipantRefs []*Person
}

// Action is a follow-up with an owner and a due date.
type Action struct {
	Action string `toml:"action,required"`
	Owner  string `toml:"owner"`
	Due    Date   `toml:"due"`
	Status string `toml:"status,required" enum:"action"`

	OwnerRef *Person
}

// ActionRef is an action together with the record it belongs to, for the
// owner's page.
type ActionRef struct {
	*Action
	// Title and Target name the record the action comes from.
	Title  string
	Target string
}

// URL is the page of the record the action comes from.
func (a *ActionRef) URL() string { return a.Target }

// Training is content/<practice>/training.toml: the training needs
// analysis, what each group must complete and the training plan.
type Training struct {
	Source
	Analysis     NeedsAnalysis `toml:"needs_analysis,required"`
	Requirements []Requirement `toml:"requirements,required"`
	Plan         []*PlanItem   `toml:"plan"`
}

// NeedsAnalysis is the practice's training needs analysis.
type NeedsAnalysis struct {
	Completed Date   `toml:"completed,required"`
	By        string `toml:"by,required"`
	Summary   string `toml:"summary,required"`
	Next      Date   `toml:"next"`

	ByRef *Person
}

// Requirement says a course must be completed by staff groups, role
// holders or both.
type Requirement struct {
	Course      string   `toml:"course,required"`
	StaffGroups []string `toml:"staff_groups" enum:"staff-group"`
	Roles       []string `toml:"roles" enum:"role"`
	Everyone    bool     `toml:"everyone"`

	CourseRef *Course
}

// PlanItem is one entry in the training plan.
type PlanItem struct {
	Person           string `toml:"person,required"`
	Course           string `toml:"course,required"`
	Reason           string `toml:"reason,required"`
	RequestedFromICB bool   `toml:"requested_from_icb"`
	Target           Date   `toml:"target,required"`
	Status           string `toml:"status,required" enum:"plan"`

	PersonRef *Person
	CourseRef *Course
}

// Course is a training course, shared by every practice:
// content/courses/<id>.toml.
type Course struct {
	Source
	ID             string
	Title          string `toml:"title,required"`
	Provider       string `toml:"provider,required"`
	Delivery       string `toml:"delivery,required"`
	ValidityMonths int    `toml:"validity_months"`
	Description    string `toml:"description,required"`

	ProviderOrg *Organisation
	// Practices are the practices that require the course, filled by
	// link as Organisation.Practices is.
	Practices []*Summary
}

// ReviewRecord records a formal review: content/<practice>/reviews/<id>.toml.
type ReviewRecord struct {
	Source
	ID        string
	Type      string       `toml:"type,required" enum:"review"`
	Title     string       `toml:"title,required"`
	Date      Date         `toml:"date,required"`
	Attendees []string     `toml:"attendees"`
	External  []string     `toml:"external_attendees"`
	Areas     []ReviewArea `toml:"areas"`
	Summary   string       `toml:"summary,required"`
	Actions   []Action     `toml:"actions"`

	Practice     *Practice
	AttendeeRefs []*Person
}

// ReviewArea is one of the five areas of the annual ICB review.
type ReviewArea struct {
	Area  string `toml:"area,required" enum:"review-area"`
	Notes string `toml:"notes,required"`
}

// Page is a free-form Markdown page with TOML front matter:
// content/<practice>/pages/<id>.md.
// Image is a picture a practice's pages show, a file of its images/
// folder: PNG, JPEG, GIF or WebP.
type Image struct {
	// Name is the file's name, such as network-diagram.png; File is its
	// path in the site folder.
	Name, File string
	Data       []byte

	Practice *Practice
}

// URL is where the image is published, beside the practice's pages.
func (im *Image) URL() string { return im.Practice.Dir() + "images/" + im.Name }

type Page struct {
	Source
	ID         string
	Title      string   `toml:"title,required"`
	Kind       string   `toml:"kind,required" enum:"page"`
	Owner      string   `toml:"owner,required"`
	Reviewed   Date     `toml:"reviewed,required"`
	NextReview Date     `toml:"next_review"`
	Summary    string   `toml:"summary"`
	Services   []string `toml:"services"`

	// Body is the Markdown after the front matter; BodyLine is the line it
	// starts on in the file.
	Body     []byte
	BodyLine int

	Practice    *Practice
	OwnerRef    *Person
	ServiceRefs []*Service
}
