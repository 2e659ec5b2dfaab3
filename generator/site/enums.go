package site

import "slices"

// Choice is one value of a closed list and the words a reader sees for it.
type Choice struct {
	Value string
	Label string
}

// Enum is a closed list of values a field may take.
type Enum struct {
	Name    string
	Choices []Choice
}

// Has reports whether v is one of e's values.
func (e *Enum) Has(v string) bool { return e.Index(v) >= 0 }

// Index returns where v comes in e's values, from 0, or -1 when it is not
// one of them. The order of a closed list is the order its records are
// shown in (CriticalityRank, AssetOrder).
func (e *Enum) Index(v string) int {
	return slices.IndexFunc(e.Choices, func(c Choice) bool { return c.Value == v })
}

// Values lists e's values in order.
func (e *Enum) Values() []string {
	vs := make([]string, len(e.Choices))
	for i, c := range e.Choices {
		vs[i] = c.Value
	}
	return vs
}

// Label returns the reader's words for v, or v itself when it is not in e.
func (e *Enum) Label(v string) string {
	for _, c := range e.Choices {
		if c.Value == v {
			return c.Label
		}
	}
	return v
}

// Enums holds every closed list, keyed by the name used in `enum:"..."`
// struct tags.
var Enums = map[string]*Enum{}

func enum(name string, pairs ...string) *Enum {
	e := &Enum{Name: name}
	for i := 0; i < len(pairs); i += 2 {
		e.Choices = append(e.Choices, Choice{pairs[i], pairs[i+1]})
	}
	Enums[name] = e
	return e
}

var (
	Provisions = enum("provision",
		"icb-provided", "ICB-provided",
		"nationally-provided", "Nationally provided",
		"practice-owned", "Practice-owned",
		"supplier-managed", "Supplier-managed")
	Categories = enum("category",
		"clinical-system", "Clinical system",
		"document-management", "Document management",
		"online-consultation", "Online consultation",
		"patient-messaging", "Patient messaging",
		"telephony", "Telephony",
		"network", "Network and connectivity",
		"identity-access", "Identity and access",
		"prescribing", "Prescribing",
		"referrals", "Referrals",
		"email-collaboration", "Email and collaboration",
		"dictation", "Dictation",
		"clinical-decision-support", "Clinical decision support and templates",
		"reporting", "Reporting and dashboards",
		"patient-access", "Patient access",
		"ai-scribe", "AI scribe",
		"forms-automation", "Forms and automation",
		"devices", "Devices and hardware",
		"other", "Other")
	Lifecycles = enum("lifecycle",
		"proposed", "Proposed",
		"pilot", "Pilot",
		"live", "Live",
		"retiring", "Retiring",
		"retired", "Retired")
	Criticalities = enum("criticality",
		"critical", "Critical",
		"high", "High",
		"medium", "Medium",
		"low", "Low")
	DataCategories = enum("data",
		"patient-health", "Patient health records (special category)",
		"patient-identifiable", "Patient identifiable details",
		"staff-personal", "Staff personal data",
		"business", "Practice business data",
		"none", "No personal data")
	DPIAStatuses = enum("dpia",
		"approved", "DPIA approved",
		"icb-covered", "Covered by the ICB's DPIA",
		"in-progress", "DPIA in progress",
		"not-started", "No DPIA yet",
		"not-required", "DPIA not required")
	SafetyStatuses = enum("clinical-safety",
		"assessed", "DCB0160 assessment in place",
		"supplier-only", "Supplier DCB0129 only; no local DCB0160",
		"not-assessed", "Not assessed",
		"not-applicable", "Not a clinical tool")
	StaffGroups = enum("staff-group",
		"gp-partner", "GP partner",
		"salaried-gp", "Salaried GP",
		"locum-gp", "Locum GP",
		"gp-registrar", "GP registrar",
		"anp", "Advanced nurse practitioner",
		"practice-nurse", "Practice nurse",
		"hca", "Healthcare assistant",
		"pharmacist", "Clinical pharmacist",
		"physician-associate", "Physician associate",
		"care-coordinator", "Care coordinator",
		"care-navigator", "Care navigator / reception",
		"administrator", "Administrator",
		"secretary", "Medical secretary",
		"data-manager", "Data and IT",
		"practice-manager", "Practice manager",
		"assistant-practice-manager", "Assistant practice manager",
		"other", "Other")
	EmploymentStatuses = enum("employment",
		"active", "Active",
		"leaver", "Leaver",
		"locum", "Locum",
		"external", "External")
	Roles = enum("role",
		"siro", "Senior Information Risk Owner (SIRO)",
		"caldicott-guardian", "Caldicott Guardian",
		"dpo", "Data Protection Officer",
		"ig-lead", "Information governance / DSPT lead",
		"it-cyber-lead", "IT and cyber security lead",
		"clinical-safety-officer", "Clinical Safety Officer (DCB0160)",
		"business-continuity-lead", "Business continuity lead",
		"incident-lead", "Incident lead",
		"ra-agent", "Registration Authority agent",
		"training-lead", "Training lead")
	OrganisationKinds = enum("organisation",
		"supplier", "Supplier",
		"icb", "Integrated care board",
		"icb-service", "ICB service",
		"national", "National service",
		"pcn", "Primary care network",
		"practice", "GP practice",
		"pharmacy", "Community pharmacy",
		"landlord", "Landlord",
		"utility", "Utility",
		"other", "Other")
	Scenarios = enum("scenario",
		"system-down", "System unavailable",
		"degraded", "System slow or partly working",
		"network-down", "Network or internet down",
		"telephony-down", "Phones down",
		"power-loss", "Power cut",
		"cyber-incident", "Cyber incident",
		"data-loss", "Data lost or corrupted",
		"premises-loss", "Building unusable",
		"supplier-failure", "Supplier failure",
		"utility-loss", "Water, heating or gas lost",
		"severe-weather", "Severe weather",
		"staff-shortage", "Staff shortage")
	Audiences = enum("audience",
		"staff", "Staff",
		"patients", "Patients",
		"icb", "ICB",
		"pcn", "PCN",
		"pharmacies", "Community pharmacies",
		"nhs-111", "NHS 111 and out of hours",
		"buddy-practice", "Buddy practice",
		"suppliers", "Suppliers",
		"other", "Others")
	ExerciseTypes = enum("exercise",
		"cascade-test", "Call cascade test",
		"tabletop", "Tabletop exercise",
		"drill", "Drill",
		"live", "Live exercise",
		"incident", "Real incident")
	IncidentTypes = enum("incident",
		"outage", "Service outage",
		"cyber", "Cyber incident",
		"data-breach", "Personal data breach",
		"clinical-safety", "Clinical safety incident",
		"premises", "Premises or utilities",
		"other", "Other incident")
	CheckStatuses = enum("check",
		"done", "Done",
		"not-needed", "Not needed",
		"to-do", "To do")
	ChangeTypes = enum("change",
		"new-service", "New service",
		"upgrade", "Upgrade",
		"configuration", "Configuration change",
		"process", "Change to how we work",
		"migration", "Migration agreed with the ICB",
		"retirement", "Retirement")
	WorkloadEffects = enum("workload",
		"less", "Less work",
		"same", "No change",
		"more", "More work")
	AssetKinds = enum("asset",
		"desktop", "Desktop computer",
		"laptop", "Laptop",
		"tablet", "Tablet",
		"phone", "Phone",
		"printer", "Printer",
		"scanner", "Scanner",
		"smartcard-reader", "Smartcard reader",
		"network", "Network equipment",
		"server", "Server or storage",
		"peripheral", "Other hardware",
		"software", "Software",
		"licence", "Licence or subscription")
	DisposalMethods = enum("disposal",
		"icb-collection", "Collected by the ICB's IT service for secure disposal",
		"certified-destruction", "Destroyed by a certified contractor",
		"returned-to-supplier", "Returned to the supplier",
		"wiped-and-reused", "Wiped and reused",
		"licence-ended", "Licence ended",
		"other", "Other")
	ActionStatuses = enum("action",
		"open", "Open",
		"done", "Done",
		"dropped", "Dropped")
	PlanStatuses = enum("plan",
		"planned", "Planned",
		"requested", "Requested",
		"booked", "Booked",
		"completed", "Completed",
		"cancelled", "Cancelled")
	ApprovalStatuses = enum("approval",
		"approved", "Approved by the ICB",
		"submitted", "Submitted, awaiting ICB approval",
		"changes-requested", "ICB asked for changes",
		"not-submitted", "Not submitted to the ICB",
		"expired", "ICB approval expired")
	DSPTStatuses = enum("dspt",
		"standards-exceeded", "Standards exceeded",
		"standards-met", "Standards met",
		"approaching-standards", "Approaching standards",
		"standards-not-met", "Standards not met",
		"not-published", "Not published")
	ReviewTypes = enum("review",
		"icb-digital-services", "Annual ICB digital services review",
		"continuity-plan", "Continuity plan review",
		"other", "Other review")
	ReviewAreas = enum("review-area",
		"performance", "Performance",
		"implementation-plans", "Implementation plans",
		"training", "Training requirements",
		"continuity", "Business continuity and incident management",
		"future-delivery", "Plans for future delivery")
	PageKinds = enum("page",
		"policy", "Policy",
		"procedure", "Procedure",
		"quick-guide", "Quick guide",
		"notice", "Notice")
)

// RequiredRoles are the roles every practice must fill (DOMAIN.md §1, §4).
var RequiredRoles = []string{
	"siro", "caldicott-guardian", "dpo", "it-cyber-lead",
	"clinical-safety-officer", "business-continuity-lead",
}
