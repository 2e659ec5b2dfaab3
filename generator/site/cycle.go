package site

import (
	"cmp"
	"slices"
	"strings"
)

// The records of the governance cycle beyond the register and the plan:
// incidents and breaches, changes, and the digital asset register.

// Incident is a real incident or breach the practice handled:
// content/<practice>/incidents/<id>.toml. Besides what happened, it
// holds each route it must (or was decided not to) be reported by, with
// its deadline counted from when the practice became aware of it.
type Incident struct {
	Source
	ID           string
	Title        string     `toml:"title,required"`
	Type         string     `toml:"type,required" enum:"incident"`
	Started      Time       `toml:"started,required"`
	Aware        Time       `toml:"aware,required"`
	Ended        Time       `toml:"ended"`
	Summary      string     `toml:"summary,required"`
	Services     []string   `toml:"services"`
	Runbooks     []string   `toml:"runbooks"`
	PersonalData bool       `toml:"personal_data"`
	Data         string     `toml:"data"`
	Affected     int        `toml:"affected"`
	Lead         string     `toml:"lead"`
	Reports      []Report   `toml:"reports"`
	Decisions    []Decision `toml:"decisions"`
	Lessons      []string   `toml:"lessons"`
	Actions      []Action   `toml:"actions"`
	Closed       Date       `toml:"closed"`

	Practice    *Practice
	ServiceRefs []*Service
	RunbookRefs []*Runbook
	LeadRef     *Person
}

// Report is one route an incident is reported by, or was decided not to
// be: to the ICO, through the ICB for NIS, to NHS England's cyber
// security operations centre, to patient safety.
type Report struct {
	Route string `toml:"route,required" enum:"report-route"`
	// Required says the incident must be reported this way: true unless
	// written false, with the reason and who decided.
	Required *bool `toml:"required"`
	// Hours is the deadline, counted from Incident.Aware, when it is not
	// the route's own (ReportRoute.Hours).
	Hours     int    `toml:"hours"`
	To        string `toml:"to"`
	Reported  Time   `toml:"reported"`
	By        string `toml:"by"`
	Reference string `toml:"reference"`
	DecidedBy string `toml:"decided_by"`
	Reason    string `toml:"reason"`

	ByRef, DecidedByRef *Person
}

// IsRequired reports whether the incident must be reported by r.
func (r *Report) IsRequired() bool { return r.Required == nil || *r.Required }

// Deadline is when a report by r is due for incident in, or the zero Time
// when the route has no deadline of its own and none is written.
func (r *Report) Deadline(in *Incident) Time {
	hours := r.Hours
	if hours == 0 {
		hours = ReportRoutes[r.Route].Hours
	}
	if hours == 0 || in.Aware.IsZero() {
		return Time{}
	}
	return in.Aware.AddHours(hours)
}

// Late reports whether r was made after its deadline for in.
func (r *Report) Late(in *Incident) bool {
	d := r.Deadline(in)
	return !d.IsZero() && !r.Reported.IsZero() && r.Reported.After(d)
}

// Label names r's route for people; Where says where a report by it
// goes.
func (r *Report) Label() string { return ReportRoutes[r.Route].Label }
func (r *Report) Where() string { return ReportRoutes[r.Route].To }

// ReportRoute is a way an incident is reported, and its deadline.
type ReportRoute struct {
	Value, Label string
	// To says where a report by the route goes, after "reported": "to
	// the ICO".
	To string
	// Hours is the deadline from awareness, or 0 for "as soon as
	// possible" with no fixed time.
	Hours int
	// When says in a line when the route applies, for the incident page
	// and the paper log.
	When string
}

// ReportRouteList is every reporting route, in the order the paper log
// lists them: the values of the "report-route" enum.
var ReportRouteList = []ReportRoute{
	{"ico", "Information Commissioner's Office (ICO)", "to the ICO", 72, "A personal data breach likely to risk people's rights and freedoms: within 72 hours of becoming aware (UK GDPR Article 33)."},
	{"dspt", "DSPT incident reporting tool", "through the DSPT incident reporting tool", 72, "A data security or protection incident in health and care: the toolkit's tool grades it and tells the ICO and NHS England when it must."},
	{"nis", "NIS, through the ICB", "to the ICB for NIS", 72, "A serious network or information incident: tell the ICB, which reports under the NIS Regulations, within 72 hours of becoming aware."},
	{"csoc", "NHS England Cyber Security Operations Centre", "to NHS England's Cyber Security Operations Centre", 0, "A suspected or real cyber attack: ring its 24/7 line as soon as possible, not the National Service Desk."},
	{"lfpse", "Learn from Patient Safety Events (LFPSE)", "on Learn from Patient Safety Events", 0, "A patient safety event, such as harm from a system fault: record it on the national service."},
	{"icb", "The ICB", "to the ICB", 0, "An outage of ICB-provided IT, or a breach of data the ICB hosts."},
	{"supplier", "The supplier", "to the supplier", 0, "A fault or breach in a supplier's system: log it with the supplier and keep the reference."},
	{"police", "The police", "to the police", 0, "A crime, such as theft of a laptop or fraud: 101, or 999 in an emergency."},
	{"other", "Other", "as recorded", 0, "Anyone else who must be told."},
}

// ReportRoutes are the reporting routes by value.
var ReportRoutes = func() map[string]ReportRoute {
	m := map[string]ReportRoute{}
	pairs := make([]string, 0, 2*len(ReportRouteList))
	for _, r := range ReportRouteList {
		m[r.Value] = r
		pairs = append(pairs, r.Value, r.Label)
	}
	enum("report-route", pairs...)
	return m
}()

// Decision is a decision taken while handling an incident, and who took
// it.
type Decision struct {
	Decision string `toml:"decision,required"`
	By       string `toml:"by,required"`
	At       Time   `toml:"at"`
	Reason   string `toml:"reason"`

	ByRef *Person
}

// Change is a change to a digital service or the way the practice uses
// it: content/<practice>/changes/<id>.toml. It holds the checks before it
// went live and the review after, where the workload went.
type Change struct {
	Source
	ID        string
	Title     string       `toml:"title,required"`
	Type      string       `toml:"type,required" enum:"change"`
	Summary   string       `toml:"summary,required"`
	Services  []string     `toml:"services"`
	Owner     string       `toml:"owner,required"`
	GoLive    Date         `toml:"go_live,required"`
	Checks    ChangeChecks `toml:"checks"`
	WayBack   string       `toml:"way_back"`
	Migration *Migration   `toml:"migration"`
	Catalogue *Catalogue   `toml:"catalogue"`
	Review    ChangeReview `toml:"review"`

	Practice    *Practice
	ServiceRefs []*Service
	OwnerRef    *Person
}

// ChangeChecks are the checks before a change goes live: each "done",
// "not-needed" or, left out, still to do.
type ChangeChecks struct {
	Tested         string `toml:"tested" enum:"check"`
	StaffTold      string `toml:"staff_told" enum:"check"`
	PatientsTold   string `toml:"patients_told" enum:"check"`
	DPIA           string `toml:"dpia" enum:"check"`
	ClinicalSafety string `toml:"clinical_safety" enum:"check"`
	Training       string `toml:"training" enum:"check"`
	Runbook        string `toml:"runbook" enum:"check"`
}

// Check is one check before go-live, as a change's page lists them.
type Check struct {
	Key, Label, Status string
}

// List is the checks in the order a change's page shows them.
func (c ChangeChecks) List() []Check {
	return []Check{
		{"tested", "Tested before go-live", c.Tested},
		{"staff_told", "Staff told", c.StaffTold},
		{"patients_told", "Patients told", c.PatientsTold},
		{"dpia", "DPIA updated", c.DPIA},
		{"clinical_safety", "Clinical safety (DCB0160) updated", c.ClinicalSafety},
		{"training", "Training done", c.Training},
		{"runbook", "Runbook updated", c.Runbook},
	}
}

// Missing lists the checks of ch not done or ruled out, and "way_back"
// when ch has no way back written.
func (ch *Change) Missing() []Check {
	var out []Check
	for _, c := range ch.Checks.List() {
		if c.Status != "done" && c.Status != "not-needed" {
			out = append(out, c)
		}
	}
	if ch.WayBack == "" {
		out = append(out, Check{"way_back", "A way back if it fails", ""})
	}
	return out
}

// Migration is a move from one foundation solution to another, agreed
// with the ICB, which delivers it.
type Migration struct {
	From          string `toml:"from,required"`
	To            string `toml:"to,required"`
	AgreedWithICB Date   `toml:"agreed_with_icb"`
	ICBReference  string `toml:"icb_reference"`
	Costs         string `toml:"costs"`

	FromRef, ToRef *Service
}

// Catalogue is a patient online tool chosen with the ICB from a
// catalogue of frameworks.
type Catalogue struct {
	Framework     string `toml:"framework,required"`
	Solution      string `toml:"solution,required"`
	Supplier      string `toml:"supplier"`
	AgreedWithICB Date   `toml:"agreed_with_icb"`

	SupplierRef *Organisation
}

// ChangeReview is the review after a change went live.
type ChangeReview struct {
	// Due is when it falls due; left out, change_review_weeks after
	// go-live.
	Due      Date       `toml:"due"`
	Done     Date       `toml:"done"`
	By       string     `toml:"by"`
	Outcome  string     `toml:"outcome"`
	Workload []Workload `toml:"workload"`

	ByRef *Person
}

// Workload is where a change moved a team's work.
type Workload struct {
	Team   string `toml:"team,required"`
	Effect string `toml:"effect,required" enum:"workload"`
	Notes  string `toml:"notes"`
}

// ReviewDue is when the review after ch's go-live falls due, with weeks
// the default interval.
func (ch *Change) ReviewDue(weeks int) Date {
	if !ch.Review.Due.IsZero() {
		return ch.Review.Due
	}
	return ch.GoLive.AddDays(7 * weeks)
}

// Live reports whether ch has gone live by today.
func (ch *Change) Live(today Date) bool { return !ch.GoLive.After(today) }

// Asset is a hardware or software asset of the practice's digital asset
// register (DSPT 7.1.1): content/<practice>/assets/<id>.toml, with its
// disposal once it has gone.
type Asset struct {
	Source
	ID           string
	Name         string    `toml:"name,required"`
	Kind         string    `toml:"kind,required" enum:"asset"`
	Count        int       `toml:"count"`
	Model        string    `toml:"model"`
	Tag          string    `toml:"asset_tag"`
	Location     string    `toml:"location"`
	Owner        string    `toml:"owner,required"`
	ProvidedBy   string    `toml:"provided_by"`
	Services     []string  `toml:"services"`
	PersonalData bool      `toml:"personal_data"`
	Acquired     Date      `toml:"acquired"`
	RefreshDue   Date      `toml:"refresh_due"`
	Notes        string    `toml:"notes"`
	Disposal     *Disposal `toml:"disposal"`

	Practice      *Practice
	OwnerRef      *Person
	ProvidedByRef *Organisation
	ServiceRefs   []*Service
}

// Disposed reports whether a has been disposed of.
func (a *Asset) Disposed() bool { return a.Disposal != nil }

// Disposal is how an asset was disposed of, and the evidence.
type Disposal struct {
	Date        Date   `toml:"date,required"`
	Method      string `toml:"method,required" enum:"disposal"`
	By          string `toml:"by"`
	Certificate string `toml:"certificate"`

	ByRef *Organisation
}

// AssetOrder is the order of the asset register: assets in use, then
// those disposed of, each by kind in the order of the "asset" enum, then
// by name.
func AssetOrder(assets []*Asset) []*Asset {
	out := slices.Clone(assets)
	slices.SortStableFunc(out, func(a, b *Asset) int {
		return cmp.Or(
			cmp.Compare(boolRank(a.Disposed()), boolRank(b.Disposed())),
			cmp.Compare(AssetKinds.Index(a.Kind), AssetKinds.Index(b.Kind)),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			strings.Compare(a.ID, b.ID),
		)
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
