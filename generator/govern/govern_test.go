package govern

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

const (
	practiceFile = "content/alpha/practice.toml"
	serviceFile  = "content/alpha/services/clinical.toml"
	runbookFile  = "content/alpha/runbooks/clinical-down.toml"
	rolesFile    = "content/alpha/roles.toml"
	trainingFile = "content/alpha/training.toml"
	incidentFile = "content/alpha/incidents/email.toml"
	changeFile   = "content/alpha/changes/menu.toml"
	assetFile    = "content/alpha/assets/laptop.toml"
)

// ruleCase changes one thing in the fixture and says whether rule fires
// on today. A case that fires names the file of the finding and the id of
// the person who should act ("" for none).
type ruleCase struct {
	name   string
	rule   string
	change func(f *fixture)
	fires  bool
	file   string
	owner  string
}

var ruleCases = []ruleCase{
	// Ownership.
	{"owner left", "service-owner-left", func(f *fixture) { f.service().Owner = "lv" }, true, serviceFile, "pm"},
	{"owner active", "service-owner-left", func(f *fixture) { f.service().Owner = "it" }, false, "", ""},
	{"retired service owned by a leaver", "service-owner-left", func(f *fixture) {
		f.service().Owner, f.service().Lifecycle = "lv", "retired"
	}, false, "", ""},
	{"deputy left", "service-deputy-left", func(f *fixture) { f.service().Deputy = "lv" }, true, serviceFile, "gp"},
	{"deputy left, owner left too", "service-deputy-left", func(f *fixture) {
		f.service().Deputy, f.service().Owner = "lv", "lv"
	}, true, serviceFile, "pm"},
	{"deputy active", "service-deputy-left", func(f *fixture) { f.service().Deputy = "it" }, false, "", ""},
	{"admin left", "service-admin-left", func(f *fixture) { f.service().Admins = []string{"it", "lv"} }, true, serviceFile, "gp"},
	{"admins active", "service-admin-left", func(f *fixture) { f.service().Admins = []string{"it", "pm"} }, false, "", ""},
	{"critical service with no deputy", "service-no-deputy", func(f *fixture) { f.service().Deputy = "" }, true, serviceFile, "gp"},
	{"high service with no deputy", "service-no-deputy", func(f *fixture) {
		f.service().Deputy, f.service().Criticality = "", "high"
	}, true, serviceFile, "gp"},
	{"medium service with no deputy", "service-no-deputy", func(f *fixture) {
		f.service().Deputy, f.service().Criticality = "", "medium"
	}, false, "", ""},

	// Access reviews: the service's own interval (6 months here).
	{"access never reviewed", "access-review-overdue", func(f *fixture) { f.service().Access.Reviews = nil }, true, serviceFile, "gp"},
	{"access review due yesterday", "access-review-overdue", func(f *fixture) {
		f.service().Access.Reviews[0].Date = months(-6).AddDays(-1)
	}, true, serviceFile, "gp"},
	{"access review due today", "access-review-overdue", func(f *fixture) {
		f.service().Access.Reviews[0].Date = months(-6)
	}, false, "", ""},
	{"the latest access review counts", "access-review-overdue", func(f *fixture) {
		a := &f.service().Access
		a.Reviews = append([]site.AccessReview{{Date: months(-1)}}, site.AccessReview{Date: months(-30)})
	}, false, "", ""},
	{"access review due in 60 days", "access-review-due-soon", func(f *fixture) {
		f.service().Access.Reviews[0].Date = day(60).AddMonths(-6)
	}, true, serviceFile, "gp"},
	{"access review due in 61 days", "access-review-due-soon", func(f *fixture) {
		f.service().Access.Reviews[0].Date = day(61).AddMonths(-6)
	}, false, "", ""},

	// Reviews of services, runbooks and pages.
	{"service review due yesterday", "review-overdue", func(f *fixture) { f.service().Review.Next = day(-1) }, true, serviceFile, "gp"},
	{"service review due today", "review-overdue", func(f *fixture) { f.service().Review.Next = today }, false, "", ""},
	{"no next date: last review over review_months ago", "review-overdue", func(f *fixture) {
		f.service().Review = site.Review{Last: months(-12).AddDays(-1)}
	}, true, serviceFile, "gp"},
	{"no next date: last review review_months ago", "review-overdue", func(f *fixture) {
		f.service().Review = site.Review{Last: months(-12)}
	}, false, "", ""},
	{"review_months set to 6", "review-overdue", func(f *fixture) {
		f.service().Review = site.Review{Last: months(-7)}
		f.h.Config.Governance.ReviewMonths = 6
	}, true, serviceFile, "gp"},
	{"runbook review overdue", "review-overdue", func(f *fixture) { f.runbook().Review.Next = day(-1) }, true, runbookFile, "pm"},
	{"runbook reviewed by a leaver goes to the service owner", "review-overdue", func(f *fixture) {
		f.runbook().Review.Next, f.runbook().Review.By = day(-1), "lv"
	}, true, runbookFile, "gp"},
	{"page review overdue", "review-overdue", func(f *fixture) { f.p.Pages[0].NextReview = day(-1) }, true, "content/alpha/pages/policy.md", "pm"},
	{"service review due in 60 days", "review-due-soon", func(f *fixture) { f.service().Review.Next = day(60) }, true, serviceFile, "gp"},
	{"service review due in 61 days", "review-due-soon", func(f *fixture) { f.service().Review.Next = day(61) }, false, "", ""},
	{"due_soon_days set to 30", "review-due-soon", func(f *fixture) {
		f.service().Review.Next = day(31)
		f.h.Config.Governance.DueSoonDays = 30
	}, false, "", ""},
	{"page review due soon", "review-due-soon", func(f *fixture) { f.p.Pages[0].NextReview = day(1) }, true, "content/alpha/pages/policy.md", "pm"},

	// Information governance.
	{"DPIA in progress", "dpia-missing", func(f *fixture) { f.service().Governance.DPIA = "in-progress" }, true, serviceFile, "gp"},
	{"DPIA not started", "dpia-missing", func(f *fixture) { f.service().Governance.DPIA = "not-started" }, true, serviceFile, "gp"},
	{"DPIA not required", "dpia-missing", func(f *fixture) { f.service().Governance.DPIA = "not-required" }, false, "", ""},
	{"no personal data, no DPIA", "dpia-missing", func(f *fixture) {
		f.service().Governance.DPIA, f.service().Data.Categories = "not-started", []string{"business"}
	}, false, "", ""},
	{"DPIA review over dpia_review_months ago", "dpia-review-overdue", func(f *fixture) {
		f.service().Governance.DPIAReviewed = months(-12).AddDays(-1)
	}, true, serviceFile, "gp"},
	{"DPIA reviewed dpia_review_months ago", "dpia-review-overdue", func(f *fixture) {
		f.service().Governance.DPIAReviewed = months(-12)
	}, false, "", ""},
	{"DPIA with no review date", "dpia-review-overdue", func(f *fixture) { f.service().Governance.DPIAReviewed = site.Date{} }, true, serviceFile, "gp"},
	{"DPIA review due in 60 days", "dpia-review-due-soon", func(f *fixture) {
		f.service().Governance.DPIAReviewed = day(60).AddMonths(-12)
	}, true, serviceFile, "gp"},
	{"DPIA review due in 61 days", "dpia-review-due-soon", func(f *fixture) {
		f.service().Governance.DPIAReviewed = day(61).AddMonths(-12)
	}, false, "", ""},

	// Clinical safety: the clinical safety officer acts.
	{"not assessed", "clinical-safety-missing", func(f *fixture) {
		f.service().Governance.ClinicalSafety = "not-assessed"
		f.service().Owner = "it"
	}, true, serviceFile, "gp"},
	{"clinical category marked not clinical", "clinical-safety-missing", func(f *fixture) {
		f.service().Governance.ClinicalSafety = "not-applicable"
	}, true, serviceFile, "gp"},
	{"network marked not clinical", "clinical-safety-missing", func(f *fixture) {
		f.service().Governance.ClinicalSafety, f.service().Category = "not-applicable", "network"
	}, false, "", ""},
	{"no clinical safety officer: the owner acts", "clinical-safety-missing", func(f *fixture) {
		f.service().Governance.ClinicalSafety = "not-assessed"
		f.service().Owner = "it"
		f.p.Roles.Roles[4].Holder = "lv"
	}, true, serviceFile, "it"},
	{"nationally provided, supplier safety case only", "clinical-safety-supplier-only", func(f *fixture) {
		f.service().Governance.ClinicalSafety, f.service().Provision = "supplier-only", "nationally-provided"
	}, false, "", ""},
	{"supplier safety case only", "clinical-safety-supplier-only", func(f *fixture) {
		f.service().Governance.ClinicalSafety = "supplier-only"
	}, true, serviceFile, "gp"},
	{"assessed", "clinical-safety-supplier-only", func(f *fixture) {}, false, "", ""},

	// Contracts.
	{"contract ended yesterday", "contract-ended", func(f *fixture) { f.service().Support.ContractEnd = day(-1) }, true, serviceFile, "gp"},
	{"contract ends today", "contract-ended", func(f *fixture) { f.service().Support.ContractEnd = today }, false, "", ""},
	{"contract ends in 90 days", "contract-ending", func(f *fixture) { f.service().Support.ContractEnd = day(90) }, true, serviceFile, "gp"},
	{"contract ends in 91 days", "contract-ending", func(f *fixture) { f.service().Support.ContractEnd = day(91) }, false, "", ""},
	{"no contract end", "contract-ending", func(f *fixture) { f.service().Support.ContractEnd = site.Date{} }, false, "", ""},

	// Online consultation open to patients for the whole of core hours.
	{"online consultation closing at 16:00", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.NewHours(8*60, 16*60)
	}, true, serviceFile, "gp"},
	{"online consultation opening at 08:30: the deputy acts for an owner who left", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.NewHours(8*60+30, 18*60+30)
		f.service().Owner = "lv"
	}, true, serviceFile, "pm"},
	{"online consultation open 08:00 to 18:30", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.CoreHours
	}, false, "", ""},
	{"online consultation open 24 hours", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.NewHours(0, 24*60)
	}, false, "", ""},
	{"patient messaging closing at 16:00", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "patient-messaging", site.NewHours(8*60, 16*60)
	}, false, "", ""},
	{"retired online consultation closing at 16:00", "online-consultation-hours", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.NewHours(8*60, 16*60)
		f.service().Lifecycle = "retired"
	}, false, "", ""},
	{"online consultation with no hours", "online-consultation-hours-missing", func(f *fixture) {
		f.service().Category = "online-consultation"
	}, true, serviceFile, "gp"},
	{"online consultation with its hours", "online-consultation-hours-missing", func(f *fixture) {
		f.service().Category, f.service().OpenToPatients = "online-consultation", site.NewHours(8*60, 16*60)
	}, false, "", ""},
	{"patient messaging with no hours", "online-consultation-hours-missing", func(f *fixture) {
		f.service().Category = "patient-messaging"
	}, false, "", ""},
	{"retired online consultation with no hours", "online-consultation-hours-missing", func(f *fixture) {
		f.service().Category, f.service().Lifecycle = "online-consultation", "retired"
	}, false, "", ""},

	// Runbooks.
	{"critical service with no runbook", "runbook-missing", func(f *fixture) { f.runbook().Services = nil }, true, serviceFile, "gp"},
	{"high service with no runbook", "runbook-missing", func(f *fixture) {
		f.runbook().Services, f.service().Criticality = nil, "high"
	}, true, serviceFile, "gp"},
	{"medium service with no runbook", "runbook-missing", func(f *fixture) {
		f.runbook().Services, f.service().Criticality = nil, "medium"
	}, false, "", ""},
	{"critical runbook with no paper", "runbook-no-paper", func(f *fixture) { f.runbook().Paper = nil }, true, runbookFile, "pm"},
	{"high runbook with no paper", "runbook-no-paper", func(f *fixture) {
		f.runbook().Paper, f.service().Criticality = nil, "high"
	}, false, "", ""},
	{"never exercised", "runbook-never-exercised", func(f *fixture) { f.exercise().Runbooks = nil }, true, runbookFile, "pm"},
	{"incident without lessons does not count", "runbook-never-exercised", func(f *fixture) {
		f.exercise().Type, f.exercise().Actions = "incident", nil
	}, true, runbookFile, "pm"},
	{"incident with findings and actions counts", "runbook-never-exercised", func(f *fixture) {
		f.exercise().Type, f.exercise().Findings = "incident", []string{"Forms were out of date."}
	}, false, "", ""},
	{"exercise planned for next week does not count", "runbook-never-exercised", func(f *fixture) { f.exercise().Date = day(7) }, true, runbookFile, "pm"},
	{"exercised over exercise_months ago", "runbook-exercise-overdue", func(f *fixture) {
		f.exercise().Date = months(-12).AddDays(-1)
	}, true, runbookFile, "pm"},
	{"exercised exercise_months ago", "runbook-exercise-overdue", func(f *fixture) { f.exercise().Date = months(-12) }, false, "", ""},
	{"exercise_months set to 6", "runbook-exercise-overdue", func(f *fixture) {
		f.exercise().Date = months(-7)
		f.h.Config.Governance.ExerciseMonths = 6
	}, true, runbookFile, "pm"},
	{"step led by a leaver", "runbook-person-left", func(f *fixture) { f.runbook().Steps[0].Lead = "lv" }, true, runbookFile, "pm"},
	{"message sent by a leaver", "runbook-person-left", func(f *fixture) {
		f.runbook().Communications = []site.Communication{{Audience: "staff", By: "lv"}}
	}, true, runbookFile, "pm"},
	{"runbook people active", "runbook-person-left", func(f *fixture) {}, false, "", ""},

	// The continuity plan.
	{"plan submitted", "plan-not-approved", func(f *fixture) { f.p.Continuity.Approval.Status = "submitted" }, true, practiceFile, "pm"},
	{"plan changes requested", "plan-not-approved", func(f *fixture) {
		f.p.Continuity.Approval.Status = "changes-requested"
	}, true, practiceFile, "pm"},
	{"plan not submitted", "plan-not-approved", func(f *fixture) { f.p.Continuity.Approval.Status = "not-submitted" }, true, practiceFile, "pm"},
	{"plan owner left: the continuity lead acts", "plan-not-approved", func(f *fixture) {
		f.p.Continuity.Approval.Status, f.p.Continuity.Owner = "submitted", "lv"
	}, true, practiceFile, "pm"},
	{"plan approved", "plan-not-approved", func(f *fixture) {}, false, "", ""},
	{"approval expired is not also unapproved", "plan-not-approved", func(f *fixture) {
		f.p.Continuity.Approval = site.Approval{Status: "expired"}
	}, false, "", ""},
	{"approval expired yesterday", "plan-approval-expired", func(f *fixture) { f.p.Continuity.Approval.Expires = day(-1) }, true, practiceFile, "pm"},
	{"approval expires today", "plan-approval-expired", func(f *fixture) { f.p.Continuity.Approval.Expires = today }, false, "", ""},
	{"approval status expired", "plan-approval-expired", func(f *fixture) {
		f.p.Continuity.Approval = site.Approval{Status: "expired"}
	}, true, practiceFile, "pm"},
	{"earlier approval expired while a new version waits", "plan-approval-expired", func(f *fixture) {
		f.p.Continuity.Approval.Status, f.p.Continuity.Approval.Expires = "submitted", day(-1)
	}, true, practiceFile, "pm"},
	{"plan reviewed over plan_review_months ago", "plan-review-overdue", func(f *fixture) {
		f.p.Continuity.Reviewed, f.p.Continuity.NextReview = months(-12).AddDays(-1), site.Date{}
	}, true, practiceFile, "pm"},
	{"plan reviewed plan_review_months ago", "plan-review-overdue", func(f *fixture) {
		f.p.Continuity.Reviewed, f.p.Continuity.NextReview = months(-12), site.Date{}
	}, false, "", ""},
	{"plan past an earlier next review date", "plan-review-overdue", func(f *fixture) { f.p.Continuity.NextReview = day(-1) }, true, practiceFile, "pm"},
	{"plan due for review today", "plan-review-overdue", func(f *fixture) { f.p.Continuity.NextReview = today }, false, "", ""},
	{"a later next review date does not excuse a year", "plan-review-overdue", func(f *fixture) {
		f.p.Continuity.Reviewed, f.p.Continuity.NextReview = months(-13), months(1)
	}, true, practiceFile, "pm"},
	{"cascade never tested", "cascade-test-overdue", func(f *fixture) { f.p.Continuity.CascadeTested = site.Date{} }, true, practiceFile, "pm"},
	{"cascade tested over cascade_test_months ago", "cascade-test-overdue", func(f *fixture) {
		f.p.Continuity.CascadeTested = months(-6).AddDays(-1)
	}, true, practiceFile, "pm"},
	{"cascade tested cascade_test_months ago", "cascade-test-overdue", func(f *fixture) {
		f.p.Continuity.CascadeTested = months(-6)
	}, false, "", ""},
	{"cascade test recorded as an exercise", "cascade-test-overdue", func(f *fixture) {
		f.p.Continuity.CascadeTested = site.Date{}
		f.exercise().Type = "cascade-test"
	}, false, "", ""},
	{"leaver to be called", "cascade-leaver", func(f *fixture) {
		f.p.Continuity.Cascade[0].Calls = []string{"gp", "lv"}
	}, true, practiceFile, "pm"},
	{"leaver calling", "cascade-leaver", func(f *fixture) { f.p.Continuity.Cascade[0].Caller = "lv" }, true, practiceFile, "pm"},
	{"cascade all active", "cascade-leaver", func(f *fixture) {}, false, "", ""},
	{"leaver named to invoke the plan", "cascade-leaver", func(f *fixture) {
		f.p.Continuity.Invocation.People = []string{"pm", "lv"}
	}, true, practiceFile, "pm"},

	// Roles: the SIRO appoints, else the practice's lead.
	{"no DPO", "role-unfilled", func(f *fixture) { f.p.Roles.Roles = slices.Delete(f.p.Roles.Roles, 2, 3) }, true, rolesFile, "gp"},
	{"no training lead: not a required role", "role-unfilled", func(f *fixture) {
		f.p.Roles.Roles = f.p.Roles.Roles[:6]
	}, false, "", ""},
	{"role held by a leaver", "role-holder-left", func(f *fixture) { f.p.Roles.Roles[3].Holder = "lv" }, true, rolesFile, "gp"},
	{"SIRO held by a leaver: the practice lead acts", "role-holder-left", func(f *fixture) {
		f.p.Roles.Roles[0].Holder = "lv"
	}, true, rolesFile, "pm"},
	{"roles held by active staff and an organisation", "role-holder-left", func(f *fixture) {}, false, "", ""},
	{"role deputy left", "role-deputy-left", func(f *fixture) { f.p.Roles.Roles[3].Deputy = "lv" }, true, rolesFile, "it"},
	{"role deputies active", "role-deputy-left", func(f *fixture) {}, false, "", ""},

	// Organisations: shared, so no one person of the practice acts.
	{"contacts checked over contact_verify_months ago", "contacts-unverified", func(f *fixture) {
		f.org.Verified = months(-12).AddDays(-1)
	}, true, "content/organisations/desk.toml", ""},
	{"contacts checked contact_verify_months ago", "contacts-unverified", func(f *fixture) {
		f.org.Verified = months(-12)
	}, false, "", ""},
	{"contacts never checked", "contacts-unverified", func(f *fixture) { f.org.Verified = site.Date{} }, true, "content/organisations/desk.toml", ""},
	{"a placeholder organisation, never checked", "contacts-unverified", func(f *fixture) {
		f.org.Verified, f.org.Name = site.Date{}, "TO DO: helpdesk not named in the register"
	}, false, "", ""},

	// Values marked TO DO: one finding a record, whoever keeps it acting.
	{"service with values to fill in: its owner acts", "placeholder", func(f *fixture) {
		f.service().Placeholders = []string{"plain_name", "access.granted"}
	}, true, serviceFile, "gp"},
	{"person with a job title to fill in: the practice lead acts", "placeholder", func(f *fixture) {
		f.person("it").Placeholders = []string{"job_title"}
	}, true, "content/alpha/people/it.toml", "pm"},
	{"placeholder person owning a service", "placeholder", func(f *fixture) { f.addPlaceholder("clinical") }, true, "content/alpha/people/to-do-owner.toml", "pm"},
	{"organisation with a contact to fill in", "placeholder", func(f *fixture) {
		f.org.Placeholders = []string{"contacts.0.label"}
	}, true, "content/organisations/desk.toml", ""},
	{"course with a description to fill in", "placeholder", func(f *fixture) {
		f.dsa.Placeholders = []string{"description"}
	}, true, "content/courses/dsa.toml", ""},
	{"runbook with a step to fill in", "placeholder", func(f *fixture) {
		f.runbook().Placeholders = []string{"steps.0.actions.0"}
	}, true, runbookFile, "pm"},
	{"practice.toml with the plan's invocation to fill in", "placeholder", func(f *fixture) {
		f.p.Placeholders = []string{"continuity.invocation.when"}
	}, true, practiceFile, "pm"},
	{"to-do-owner with every value written in", "placeholder", func(f *fixture) {
		pe := f.addPlaceholder("clinical")
		pe.Name, pe.JobTitle, pe.StaffGroup, pe.Placeholders = "Sam Owner", "Operations manager", "administrator", nil
	}, false, "", ""},

	// Training.
	{"course never completed", "training-missing", func(f *fixture) { f.person("it").Training = nil }, true, "content/alpha/people/it.toml", "it"},
	{"course expired today", "training-missing", func(f *fixture) {
		f.person("it").Training[0].Completed = months(-12)
	}, true, "content/alpha/people/it.toml", "it"},
	{"course expires tomorrow", "training-missing", func(f *fixture) {
		f.person("it").Training[0].Completed = months(-12).AddDays(1)
	}, false, "", ""},
	{"a leaver's training is not tracked", "training-missing", func(f *fixture) { f.person("lv").Training = nil }, false, "", ""},
	{"a placeholder's training is not tracked", "training-missing", func(f *fixture) { f.addPlaceholder() }, false, "", ""},
	{"a placeholder is not counted against the target", "training-below-target", func(f *fixture) { f.addPlaceholder() }, false, "", ""},
	{"2 of 3 up to date, below 95%", "training-below-target", func(f *fixture) { f.person("it").Training = nil }, true, trainingFile, "pm"},
	{"2 of 3 up to date, target 66%", "training-below-target", func(f *fixture) {
		f.person("it").Training = nil
		f.h.Config.Governance.TrainingTargetPercent = 66
	}, false, "", ""},
	{"2 of 3 up to date, target 67%", "training-below-target", func(f *fixture) {
		f.person("it").Training = nil
		f.h.Config.Governance.TrainingTargetPercent = 67
	}, true, trainingFile, "pm"},
	{"needs analysis over needs_analysis_months ago", "needs-analysis-overdue", func(f *fixture) {
		f.p.Training.Analysis.Completed = months(-12).AddDays(-1)
	}, true, trainingFile, "pm"},
	{"needs analysis needs_analysis_months ago", "needs-analysis-overdue", func(f *fixture) {
		f.p.Training.Analysis.Completed = months(-12)
	}, false, "", ""},
	{"ICB request past its target", "training-request-waiting", func(f *fixture) {
		f.p.Training.Plan = []*site.PlanItem{{Person: "gp", Course: "dsa", RequestedFromICB: true, Target: day(-1), Status: "requested"}}
	}, true, trainingFile, "pm"},
	{"ICB request due today", "training-request-waiting", func(f *fixture) {
		f.p.Training.Plan = []*site.PlanItem{{Person: "gp", Course: "dsa", RequestedFromICB: true, Target: today, Status: "requested"}}
	}, false, "", ""},
	{"ICB request booked", "training-request-waiting", func(f *fixture) {
		f.p.Training.Plan = []*site.PlanItem{{Person: "gp", Course: "dsa", RequestedFromICB: true, Target: day(-1), Status: "booked"}}
	}, false, "", ""},
	{"training lead left: the analyst acts", "training-request-waiting", func(f *fixture) {
		f.p.Training.Plan = []*site.PlanItem{{Person: "gp", Course: "dsa", RequestedFromICB: true, Target: day(-1), Status: "requested"}}
		f.p.Roles.Roles[6].Holder = "lv"
		f.p.Training.Analysis.By = "it"
	}, true, trainingFile, "it"},

	// The annual ICB review.
	{"ICB review over icb_review_months ago", "icb-review-missing", func(f *fixture) {
		f.p.Reviews[0].Date = months(-12).AddDays(-1)
	}, true, "content/alpha/reviews/icb.toml", "pm"},
	{"ICB review icb_review_months ago", "icb-review-missing", func(f *fixture) { f.p.Reviews[0].Date = months(-12) }, false, "", ""},
	{"no ICB review", "icb-review-missing", func(f *fixture) { f.p.Reviews = nil }, true, practiceFile, "pm"},
	{"another kind of review", "icb-review-missing", func(f *fixture) { f.p.Reviews[0].Type = "continuity-plan" }, true, practiceFile, "pm"},

	// What else the ICB checks: the toolkit, the agreement, the grab bag,
	// the privacy notice, an approval that is slow to come.
	{"DSPT approaching standards", "dspt-below-standard", func(f *fixture) { f.p.DSPT.Status = "approaching-standards" }, true, practiceFile, "pm"},
	{"DSPT not published", "dspt-below-standard", func(f *fixture) { f.p.DSPT.Status = "not-published" }, true, practiceFile, "pm"},
	{"DSPT standards exceeded", "dspt-below-standard", func(f *fixture) { f.p.DSPT.Status = "standards-exceeded" }, false, "", ""},
	{"DSPT of the year before the last deadline", "dspt-stale", func(f *fixture) { f.p.DSPT.Year = "2024-25" }, true, practiceFile, "pm"},
	{"DSPT with no year", "dspt-stale", func(f *fixture) { f.p.DSPT.Year = "" }, true, practiceFile, "pm"},
	{"DSPT of the year to come", "dspt-stale", func(f *fixture) { f.p.DSPT.Year = "2026-27" }, false, "", ""},
	{"DSPT deadline at the end of December: the 2025-26 toolkit is not yet due", "dspt-stale", func(f *fixture) {
		f.p.DSPT.Year = "2024-25"
		f.h.Config.Governance.DSPTDeadlineMonth = 12
	}, false, "", ""},
	{"an earlier agreement", "agreement-not-current", func(f *fixture) { f.p.Agreement.Version = "ICB Practice Agreement 2025/26" }, true, practiceFile, "pm"},
	{"agreement not signed", "agreement-not-current", func(f *fixture) { f.p.Agreement.Signed = site.Date{} }, true, practiceFile, "pm"},
	{"the agreement the site names", "agreement-not-current", func(f *fixture) {
		f.p.Agreement.Version = "Eastmoor agreement 2027"
		f.h.Config.Governance.AgreementVersion = "eastmoor AGREEMENT 2027"
	}, false, "", ""},
	{"grab bag checked over grab_bag_months ago", "grab-bag-unchecked", func(f *fixture) {
		f.p.Continuity.GrabBag = site.GrabBag{Location: "Office", Checked: months(-6).AddDays(-1)}
	}, true, practiceFile, "pm"},
	{"grab bag never checked", "grab-bag-unchecked", func(f *fixture) { f.p.Continuity.GrabBag = site.GrabBag{Location: "Office"} }, true, practiceFile, "pm"},
	{"grab bag checked grab_bag_months ago", "grab-bag-unchecked", func(f *fixture) {
		f.p.Continuity.GrabBag = site.GrabBag{Location: "Office", Checked: months(-6)}
	}, false, "", ""},
	{"personal data, no privacy notice: the owner acts with no IG lead", "privacy-notice-missing", func(f *fixture) { f.service().Governance.PrivacyNotice = false }, true, serviceFile, "gp"},
	{"no personal data, no privacy notice", "privacy-notice-missing", func(f *fixture) {
		f.service().Governance.PrivacyNotice, f.service().Data.Categories = false, []string{"business"}
	}, false, "", ""},
	{"plan awaiting approval over approval_wait_weeks", "plan-approval-waiting", func(f *fixture) {
		f.p.Continuity.Approval = site.Approval{Status: "submitted", Submitted: day(-7*8 - 1)}
	}, true, practiceFile, "pm"},
	{"plan awaiting approval approval_wait_weeks", "plan-approval-waiting", func(f *fixture) {
		f.p.Continuity.Approval = site.Approval{Status: "submitted", Submitted: day(-7 * 8)}
	}, false, "", ""},

	// Actions.
	{"action due yesterday", "action-overdue", func(f *fixture) { f.exercise().Actions[0].Due = day(-1) }, true, "content/alpha/exercises/tabletop.toml", "pm"},
	{"action due today", "action-overdue", func(f *fixture) { f.exercise().Actions[0].Due = today }, false, "", ""},
	{"action done", "action-overdue", func(f *fixture) {
		f.exercise().Actions[0].Due, f.exercise().Actions[0].Status = day(-1), "done"
	}, false, "", ""},
	{"action owned by a leaver: the practice lead acts", "action-overdue", func(f *fixture) {
		f.exercise().Actions[0].Due, f.exercise().Actions[0].Owner = day(-1), "lv"
	}, true, "content/alpha/exercises/tabletop.toml", "pm"},
	{"review action overdue", "action-overdue", func(f *fixture) {
		f.p.Reviews[0].Actions = []site.Action{{Action: "Chase", Owner: "gp", Due: day(-1), Status: "open"}}
	}, true, "content/alpha/reviews/icb.toml", "gp"},
	{"incident action overdue", "action-overdue", func(f *fixture) {
		f.incident().Actions = []site.Action{{Action: "Retrain", Owner: "it", Due: day(-1), Status: "open"}}
	}, true, incidentFile, "it"},

	// The business impact analysis, vulnerable patients and risks.
	{"no essential functions", "functions-missing", func(f *fixture) { f.p.Continuity.Functions = nil }, true, practiceFile, "pm"},
	{"an essential function that needs no service", "functions-missing", func(f *fixture) {
		f.p.Continuity.Functions = []*site.Function{{Name: "Home visits", MTD: site.Duration{Minutes: 24 * 60}, Lead: "gp"}}
	}, false, "", ""},
	{"function needs a service slower to recover: its lead acts", "function-service-too-slow", func(f *fixture) {
		f.service().RTO = site.Duration{Minutes: 8 * 60}
	}, true, practiceFile, "gp"},
	{"function needs a service as quick to recover", "function-service-too-slow", func(f *fixture) {
		f.service().RTO = site.Duration{Minutes: 4 * 60}
	}, false, "", ""},
	{"function needs a service with only a longer MTD", "function-service-too-slow", func(f *fixture) {
		f.service().MTD = site.Duration{Minutes: 24 * 60}
	}, true, practiceFile, "gp"},
	{"no plan for vulnerable patients", "vulnerable-patients-missing", func(f *fixture) { f.p.Continuity.Vulnerable = nil }, true, practiceFile, "pm"},
	{"a plan for vulnerable patients, list never printed", "vulnerable-patients-missing", func(f *fixture) {
		f.p.Continuity.Vulnerable.ListUpdated = site.Date{}
	}, false, "", ""},
	{"vulnerable list 4 months old", "vulnerable-list-stale", func(f *fixture) { f.p.Continuity.Vulnerable.ListUpdated = months(-4) }, true, practiceFile, "pm"},
	{"vulnerable list 3 months old", "vulnerable-list-stale", func(f *fixture) { f.p.Continuity.Vulnerable.ListUpdated = months(-3) }, false, "", ""},
	{"risk review yesterday", "risk-review-overdue", func(f *fixture) { f.p.Continuity.Risks[0].Review = day(-1) }, true, practiceFile, "pm"},
	{"risk review today", "risk-review-overdue", func(f *fixture) { f.p.Continuity.Risks[0].Review = today }, false, "", ""},
	{"high risk with no card", "risk-without-card", func(f *fixture) {
		f.p.Continuity.Risks[0].Scenario, f.p.Continuity.Risks[0].Likelihood = "staff-shortage", 3
	}, true, practiceFile, "pm"},
	{"moderate risk with no card", "risk-without-card", func(f *fixture) {
		f.p.Continuity.Risks[0].Scenario, f.p.Continuity.Risks[0].Likelihood = "staff-shortage", 1
	}, false, "", ""},
	{"high risk with its card", "risk-without-card", func(f *fixture) { f.p.Continuity.Risks[0].Likelihood = 3 }, false, "", ""},

	{"the practice manager as the DPO's deputy", "dpo-conflict", func(f *fixture) { f.p.Roles.Roles[2].Deputy = "pm" }, true, rolesFile, "gp"},
	{"the IT lead as the DPO's deputy", "dpo-conflict", func(f *fixture) { f.p.Roles.Roles[2].Deputy = "it" }, true, rolesFile, "gp"},
	{"the training lead as the DPO's deputy", "dpo-conflict", func(f *fixture) {
		f.p.Roles.Roles[2].Deputy, f.p.Roles.Roles[6].Holder = "lv", "lv"
		f.person("lv").Status, f.person("lv").Left = "active", site.Date{}
	}, false, "", ""},
	{"an administrator as the DPO's deputy", "dpo-conflict", func(f *fixture) {
		f.p.Roles.Roles[2].Deputy = "lv"
		f.person("lv").Status, f.person("lv").Left = "active", site.Date{}
	}, false, "", ""},

	// Incidents.
	{"report past its 72 hours", "incident-report-overdue", func(f *fixture) { f.incident().Reports[0].Reported = site.Time{} }, true, incidentFile, "pm"},
	{"report not made, deadline today", "incident-report-overdue", func(f *fixture) {
		in := f.incident()
		in.Started, in.Aware, in.Reports[0] = at(-3, 9), at(-3, 10), site.Report{Route: "dspt"}
	}, false, "", ""},
	{"report not made, deadline tomorrow: the reporter acts", "incident-report-due", func(f *fixture) {
		in := f.incident()
		in.Started, in.Aware, in.Reports[0] = at(-2, 9), at(-2, 10), site.Report{Route: "dspt", By: "gp"}
	}, true, incidentFile, "gp"},
	{"report not made, decided not required", "incident-report-due", func(f *fixture) {
		no := false
		f.incident().Aware, f.incident().Reports[0] = at(-2, 10), site.Report{Route: "dspt", Required: &no, DecidedBy: "pm", Reason: "Contained"}
	}, false, "", ""},
	{"report not made to the supplier, no deadline", "incident-report-due", func(f *fixture) {
		f.incident().Reports = append(f.incident().Reports, site.Report{Route: "supplier"})
	}, false, "", ""},
	{"report made after 72 hours", "incident-report-late", func(f *fixture) { f.incident().Reports[0].Reported = at(0, 11) }, true, incidentFile, "pm"},
	{"report made at exactly 72 hours", "incident-report-late", func(f *fixture) { f.incident().Reports[0].Reported = at(-1, 10) }, false, "", ""},
	{"breach with no reporting decision", "incident-breach-undecided", func(f *fixture) { f.incident().Reports = nil }, true, incidentFile, "pm"},
	{"outage with no personal data, no reports", "incident-breach-undecided", func(f *fixture) {
		f.incident().Reports, f.incident().PersonalData = nil, false
	}, false, "", ""},

	// Changes.
	{"live without patients told or a way back", "change-live-unchecked", func(f *fixture) {
		f.change().Checks.PatientsTold, f.change().WayBack = "", ""
	}, true, changeFile, "pm"},
	{"planned, checks still to do", "change-live-unchecked", func(f *fixture) {
		f.change().GoLive, f.change().Checks, f.change().Review = months(1), site.ChangeChecks{}, site.ChangeReview{}
	}, false, "", ""},
	{"live 7 weeks ago, not reviewed", "change-review-overdue", func(f *fixture) {
		f.change().GoLive, f.change().Review = day(-7*7), site.ChangeReview{}
	}, true, changeFile, "pm"},
	{"live 6 weeks ago, not reviewed", "change-review-overdue", func(f *fixture) {
		f.change().GoLive, f.change().Review = day(-7*6), site.ChangeReview{}
	}, false, "", ""},
	{"migration not agreed with the ICB", "change-migration-unagreed", func(f *fixture) {
		f.change().Migration = &site.Migration{From: "clinical", To: "other"}
	}, true, changeFile, "pm"},
	{"migration agreed with the ICB", "change-migration-unagreed", func(f *fixture) {
		f.change().Migration = &site.Migration{From: "clinical", To: "other", AgreedWithICB: months(-1)}
	}, false, "", ""},

	// Assets.
	{"asset past its refresh date", "asset-refresh-overdue", func(f *fixture) { f.asset().RefreshDue = day(-1) }, true, assetFile, "it"},
	{"disposed asset past its refresh date", "asset-refresh-overdue", func(f *fixture) {
		f.asset().RefreshDue, f.asset().Disposal = day(-1), &site.Disposal{Date: day(-2), Method: "icb-collection", Certificate: "C"}
	}, false, "", ""},
	{"disposal with no certificate", "asset-disposal-unevidenced", func(f *fixture) { f.p.Assets[1].Disposal.Certificate = "" }, true, "content/alpha/assets/old-pc.toml", "it"},
	{"disposal with a certificate, not saying by whom", "asset-disposal-unevidenced", func(f *fixture) { f.p.Assets[1].Disposal.By = "" }, false, "", ""},
	{"asset owned by a leaver: the practice lead acts", "asset-owner-left", func(f *fixture) { f.asset().Owner = "lv" }, true, assetFile, "pm"},
	{"disposed asset owned by a leaver", "asset-owner-left", func(f *fixture) { f.p.Assets[1].Owner = "lv" }, false, "", ""},
}

func TestFixtureIsClean(t *testing.T) {
	f := newFixture()
	for _, fd := range f.check() {
		t.Errorf("%s: %s: %s", fd.Pos, fd.Rule, fd.Message)
	}
}

func TestRules(t *testing.T) {
	for _, c := range ruleCases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			f := newFixture()
			c.change(f)
			f.relink()
			all := f.check()
			var got []*site.Finding
			for _, fd := range all {
				if fd.Owner != nil && fd.Owner.IsLeaver() {
					t.Errorf("%s: %s is owned by %s, who has left", fd.Rule, fd.Message, fd.Owner.ID)
				}
				if fd.Rule == c.rule {
					got = append(got, fd)
				}
			}
			if !c.fires {
				for _, fd := range got {
					t.Errorf("fired at %s: %s", fd.Pos, fd.Message)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("did not fire; findings were:\n%s", list(all))
			}
			for _, fd := range got {
				owner := ""
				if fd.Owner != nil {
					owner = fd.Owner.ID
				}
				if fd.Pos.File != c.file || owner != c.owner {
					t.Errorf("finding at %s for %q, want %s for %q: %s", fd.Pos, owner, c.file, c.owner, fd.Message)
				}
				if fd.Message == "" || fd.Fix == "" || fd.Subject == nil {
					t.Errorf("incomplete finding: %+v", fd)
				}
				if want := byID[c.rule].Severity; fd.Severity != want {
					t.Errorf("severity %s, want %s", fd.Severity, want)
				}
				fd.URL() // panics on a subject with no page
			}
		})
	}
}

// TestEveryRuleTested checks the table has a firing and a quiet case for
// every rule, so no rule goes untested.
func TestEveryRuleTested(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, r := range Rules {
		if !kebab.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("rule id %q is not unique kebab-case", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || !strings.HasSuffix(r.Summary, ".") {
			t.Errorf("rule %s: summary %q is not a sentence", r.ID, r.Summary)
		}
		if r.Threshold != "" && !slices.Contains(thresholdKeys(), r.Threshold) {
			t.Errorf("rule %s: threshold %s is not a key of [governance]", r.ID, r.Threshold)
		}
		if r.Heading != "" && !slices.ContainsFunc(site.RegisterHeadings, func(h site.RegisterHeading) bool { return h.ID == r.Heading }) {
			t.Errorf("rule %s: heading %q is not one of the register's nine", r.ID, r.Heading)
		}
		var fires, quiet bool
		for _, c := range ruleCases {
			if c.rule == r.ID {
				fires, quiet = fires || c.fires, quiet || !c.fires
			}
		}
		if !fires || !quiet {
			t.Errorf("rule %s needs a case that fires and one that does not (fires %v, quiet %v)", r.ID, fires, quiet)
		}
	}
	for _, c := range ruleCases {
		if !seen[c.rule] {
			t.Errorf("case %q tests unknown rule %s", c.name, c.rule)
		}
	}
}

func TestFindingsAttachedAndSorted(t *testing.T) {
	f := newFixture()
	f.org.Verified = months(-13)
	f.service().Owner = "lv"
	f.runbook().Paper = nil
	f.relink()
	all := f.check()
	if len(all) != 3 {
		t.Fatalf("got %d findings, want 3:\n%s", len(all), list(all))
	}
	if !slices.IsSortedFunc(all, func(a, b *site.Finding) int { return strings.Compare(a.Pos.File, b.Pos.File) }) {
		t.Errorf("findings not sorted by file:\n%s", list(all))
	}
	if !slices.Equal(f.p.Findings, all) || len(f.h.Findings) != 1 {
		t.Errorf("the practice must list its own findings and those on the organisation it uses, the handbook those on the organisation")
	}

	// An organisation the practice does not use is not the practice's.
	f.p.Organisations = nil
	f.p.ICB = ""
	f.check()
	if len(f.p.Findings) != 2 || len(f.h.Findings) != 1 {
		t.Errorf("practice has %d findings, handbook %d; want 2 and 1", len(f.p.Findings), len(f.h.Findings))
	}
}

// TestPlaceholderMessages checks what a placeholder finding says: the
// record, how many values, the first few of them as the file writes them,
// and for a placeholder person what it stands in for.
func TestPlaceholderMessages(t *testing.T) {
	f := newFixture()
	f.service().Placeholders = []string{"plain_name", "purpose", "data.description", "access.granted",
		"access.removed", "access.reviews.0.outcome", "continuity.summary"}
	f.runbook().Placeholders = []string{"steps.0.actions.1"}
	pe := f.addPlaceholder("clinical")
	f.service().Admins = []string{"to-do-owner"}
	f.org.Name, f.org.Placeholders = "TO DO: helpdesk not named in the register", []string{"name", "contacts.0.label"}
	f.relink()
	got := map[any]*site.Finding{}
	for _, fd := range f.check() {
		if fd.Rule == "placeholder" {
			got[fd.Subject] = fd
		}
	}
	for _, c := range []struct {
		subject      any
		message, fix string
		heading      string
	}{
		{f.service(), "Clinical (service) still has 7 values marked TO DO to fill in or check: plain_name, purpose, data.description, access.granted, access.removed and 2 more",
			"Write them in, in content/alpha/services/clinical.toml (search it for TO DO)", "purpose"},
		{f.runbook(), "Clinical down (runbook) still has a value marked TO DO to fill in or check: steps[1].actions[2]",
			"Write it in, in content/alpha/runbooks/clinical-down.toml (search it for TO DO)", ""},
		{pe, "to-do-owner is a placeholder, no one yet: it stands in for the owner of Clinical and for an administrator of Clinical, and still has 2 values marked TO DO to fill in or check: name and job_title",
			"Name the real person in each record that names to-do-owner, then delete content/alpha/people/to-do-owner.toml; or, when it stands for one person, write in who, in that file (search it for TO DO)", ""},
		{f.org, "desk (organisation) still has 2 values marked TO DO to fill in or check: name and contacts[1].label",
			"Write them in, in content/organisations/desk.toml (search it for TO DO); or, where it stands in for organisations not yet named, name the real one in each record that names desk (its page lists them), then delete the file", ""},
	} {
		fd := got[c.subject]
		if fd == nil {
			t.Errorf("no placeholder finding on %T; findings:\n%s", c.subject, list(f.check()))
			continue
		}
		if fd.Message != c.message || fd.Fix != c.fix || fd.Heading != c.heading {
			t.Errorf("finding on %T:\n%q, %q, heading %q\nwant\n%q, %q, heading %q", c.subject, fd.Message, fd.Fix, fd.Heading, c.message, c.fix, c.heading)
		}
	}
	if len(got) != 4 {
		t.Errorf("got %d placeholder findings, want one for each of the 4 records", len(got))
	}
}

func TestCheckIsDeterministic(t *testing.T) {
	run := func() string {
		f := newFixture()
		f.service().Owner, f.service().Deputy = "lv", ""
		f.service().Admins = []string{"lv", "it"}
		f.p.Continuity.Cascade[0].Calls = []string{"lv", "gp"}
		f.relink()
		return list(f.check())
	}
	if a, b := run(), run(); a != b {
		t.Errorf("two checks differ:\n%s\n---\n%s", a, b)
	}
}

// thresholdKeys are the keys of handbook.toml's [governance] table.
func thresholdKeys() []string {
	var keys []string
	t := reflect.TypeFor[site.Thresholds]()
	for i := range t.NumField() {
		keys = append(keys, t.Field(i).Tag.Get("toml"))
	}
	return keys
}

func list(fs []*site.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s: %s %s: %s\n", f.Pos, f.Severity, f.Rule, f.Message)
	}
	return b.String()
}

// TestRulesInREADME checks that the README's rule table has a row for
// every rule, with its severity and threshold, and no row for a rule
// that does not exist; and that its example [governance] table names every
// threshold.
func TestRulesInREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\| (error|warning|info) \\| .* \\| (.*) \\|$")
	rows := map[string][]string{}
	for _, m := range row.FindAllStringSubmatch(readme, -1) {
		rows[m[1]] = m[2:]
	}
	for _, r := range Rules {
		m, ok := rows[r.ID]
		switch {
		case !ok:
			t.Errorf("the README's rule table has no row for %s", r.ID)
		case m[0] != r.Severity.String():
			t.Errorf("the README gives %s the severity %s, the rule %s", r.ID, m[0], r.Severity)
		case r.Threshold != "" && !strings.Contains(m[1], "`"+r.Threshold+"`"):
			t.Errorf("the README's row for %s does not name its threshold %s", r.ID, r.Threshold)
		}
		delete(rows, r.ID)
	}
	for id := range rows {
		t.Errorf("the README's rule table has a row for %s, which is no rule", id)
	}
	for _, key := range thresholdKeys() {
		if !regexp.MustCompile(`(?m)^` + key + ` = `).MatchString(readme) {
			t.Errorf("the README's example [governance] table does not set %s", key)
		}
	}
}
