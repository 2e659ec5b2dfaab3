package render

import (
	"cmp"
	"html/template"
	"slices"
	"sync"

	"github.com/handbook-nhs/handbook/generator/export"

	"github.com/handbook-nhs/handbook/generator/par"
	"github.com/handbook-nhs/handbook/generator/site"
)

// planner lists the pages of a site with the data their templates show,
// one part of the site at a time (see part), so that parts can be planned
// and rendered in parallel. It is read-only once made.
type planner struct {
	h       *site.Handbook
	opt     Options
	gov     site.Thresholds
	digests digester
	// records maps the file of every shared record with a page to that
	// page (handbook.toml, organisations, courses), for links in Markdown
	// bodies; each practice's part adds its own records.
	records map[string]string
	x       *export.Exporter
	top     Crumb
	// crew helps with the Markdown pages of a part.
	crew *par.Crew
	// shared are the findings the shared records' pages show, by path,
	// made when the first of those pages is planned: by then a build that
	// reads one practice at a time has put the findings in h.
	shared     map[string][]*site.Finding
	sharedOnce sync.Once
}

func newPlanner(h *site.Handbook, opt Options, crew *par.Crew) *planner {
	return &planner{h: h, opt: opt, gov: h.Config.Governance.WithDefaults(), digests: newDigester(h),
		records: sharedRecords(h), x: export.New(h, opt.Today),
		top: Crumb{Name: "Handbook", URL: site.IndexURL}, crew: crew}
}

// part is a part of the site planned and rendered together: the pages of
// one practice, of one organisation or course, or the top pages, and the
// files made without a template that go with them. Its links to sections
// of its own pages are checked against them; those to other parts' pages,
// once every part is rendered.
type part struct {
	practice *site.Practice // for a practice's part
	shared   *Page          // for an organisation's or course's
	pages    []*Page
	files    []site.File
	links    bodyLinks
	errs     site.ErrorList
	// cached holds what the template function cached rendered for the
	// part's pages.
	cached *fragments
	// shown are the findings each of the part's pages shows, by path.
	shown map[string][]*site.Finding
}

func (pl *planner) add(pt *part, p *Page) {
	p.Handbook = pl.h
	p.Today = pl.opt.Today
	p.PDFs = pl.opt.PDFs
	if p.Source != "" {
		p.LastChanged = pl.h.LastChanged[p.Source]
	}
	p.Findings = pt.shown[p.Path]
	if pt.cached == nil {
		pt.cached = &fragments{m: map[string]template.HTML{}}
	}
	p.cached = pt.cached
	pt.pages = append(pt.pages, p)
}

// parts lists the parts of the site sel picks, to plan with plan: each
// practice's, then the top pages and each organisation's and course's.
func (pl *planner) parts(sel *Selection) (practices, shared []*part) {
	for _, pr := range pl.h.Practices {
		if sel.practice(pr) {
			practices = append(practices, &part{practice: pr})
		}
	}
	shared = []*part{{}}
	for _, o := range pl.h.Organisations {
		if sel.shared(o) {
			shared = append(shared, &part{shared: &Page{Path: o.URL(), Template: "organisation.html", Title: o.Name,
				Crumbs: []Crumb{pl.top, {Name: "Organisations", URL: site.OrganisationsURL}}, Source: o.File, Data: o}})
		}
	}
	for _, c := range pl.h.Courses {
		if sel.shared(c) {
			shared = append(shared, &part{shared: &Page{Path: c.URL(), Template: "course.html", Title: c.Title,
				Crumbs: []Crumb{pl.top, {Name: "Courses", URL: site.CoursesURL}}, Source: c.File, Data: c}})
		}
	}
	return practices, shared
}

// plan lists the pages of pt, and makes its files that need no template.
func (pl *planner) plan(pt *part, assets []site.File) {
	pt.links.shared = pl.records
	if pt.practice == nil {
		pl.sharedOnce.Do(func() {
			pl.shared = findingsByPage(slices.DeleteFunc(slices.Clone(pl.h.Findings),
				func(f *site.Finding) bool { return f.Practice != nil }))
		})
		pt.shown = pl.shared
	}
	switch {
	case pt.practice != nil:
		pt.links.own = practiceRecords(pt.practice)
		pt.shown = findingsByPage(pt.practice.Findings)
		pl.practice(pt)
	case pt.shared != nil:
		pl.add(pt, pt.shared)
	default:
		pl.topPages(pt)
		pt.files = append(pt.files, assets...)
		pt.files = append(pt.files, pl.x.Handbook())
	}
}

// topPages plans the pages outside every practice but an organisation's or
// course's own: the top page, the A to Z and the lists.
func (pl *planner) topPages(pt *part) {
	h := pl.h
	pl.add(pt, &Page{Path: site.IndexURL, Template: "index.html", Title: h.Config.Title, Nav: "practices", Data: h})
	entries := sharedEntries(h)
	pl.add(pt, &Page{Path: site.AZURL, Template: "a-z.html", Title: "A to Z", Crumbs: []Crumb{pl.top}, Data: azView(entries)})
	pt.files = append(pt.files, site.File{Path: site.SearchIndexURL, Data: searchIndex(entries)})
	pl.add(pt, &Page{Path: site.OrganisationsURL, Template: "organisations.html", Title: "Organisations and contacts",
		Crumbs: []Crumb{pl.top}, Nav: "organisations", Data: h.Organisations})
	pl.add(pt, &Page{Path: site.CoursesURL, Template: "courses.html", Title: "Training courses",
		Crumbs: []Crumb{pl.top}, Nav: "courses", Data: h.Courses})
}

// practice plans the pages and files of a practice's folder.
func (pl *planner) practice(pt *part) {
	h, pr, today, gov := pl.h, pt.practice, pl.opt.Today, pl.gov
	stamp := Stamp{Version: pr.Continuity.Version, Digest: pl.digests.of(pr), Built: today}
	top := pl.top
	home := Crumb{Name: pr.Name, URL: pr.URL()}
	training := trainingView(pr, today, gov.DueSoonDays)
	trail := func(c ...Crumb) []Crumb { return append([]Crumb{top, home}, c...) }
	padd := func(p *Page) {
		p.Practice = pr
		pl.add(pt, p)
	}
	padd(&Page{Path: pr.URL(), Template: "home.html", Title: pr.Name, Crumbs: []Crumb{top},
		Nav: "home", Source: pr.File, Data: homeView(pr)})

	register := Crumb{Name: "Register", URL: pr.RegisterURL()}
	padd(&Page{Path: pr.RegisterURL(), Template: "register.html", Title: "Digital services register",
		Crumbs: trail(), Nav: "register", Data: pr.Services})
	for _, s := range pr.Services {
		padd(&Page{Path: s.URL(), Template: "service.html", Title: s.Name, Crumbs: trail(register),
			Nav: "register", Source: s.File, Data: s})
	}

	runbooks := Crumb{Name: "Runbooks", URL: pr.RunbooksURL()}
	padd(&Page{Path: pr.RunbooksURL(), Template: "runbooks.html", Title: "Downtime runbooks",
		Crumbs: trail(), Nav: "runbooks", Data: pr.Runbooks})
	for _, rb := range pr.Runbooks {
		padd(&Page{Path: rb.URL(), Template: "runbook.html", Title: rb.Title, Crumbs: trail(runbooks),
			Nav: "runbooks", Source: rb.File, Data: rb})
	}

	continuity := Crumb{Name: "Continuity plan", URL: pr.ContinuityURL()}
	padd(&Page{Path: pr.ContinuityURL(), Template: "continuity.html", Title: "Business continuity plan",
		Crumbs: trail(), Nav: "continuity", Source: pr.File, Data: pr})
	if h.Config.Publish.PublishPacks() {
		padd(&Page{Path: pr.ContinuityPackURL(), Template: "continuity-pack.html", Layout: "print.html",
			Title: "Business continuity pack", Crumbs: trail(continuity), Nav: "continuity",
			Data: packView(pr, stamp)})
	}
	for _, e := range pr.Exercises {
		padd(&Page{Path: e.URL(), Template: "exercise.html", Title: e.Title, Crumbs: trail(continuity),
			Nav: "continuity", Source: e.File, Data: e})
	}

	people := Crumb{Name: "People", URL: pr.PeopleURL()}
	padd(&Page{Path: pr.PeopleURL(), Template: "people.html", Title: "People", Crumbs: trail(),
		Nav: "people", Data: pr.People})
	for _, pe := range pr.People {
		padd(&Page{Path: pe.URL(), Template: "person.html", Title: pe.Name, Crumbs: trail(people),
			Nav: "people", Source: pe.File, Data: personView(pe, training, today)})
	}

	roles := &Page{Path: pr.RolesURL(), Template: "roles.html", Title: "Roles and contacts", Crumbs: trail(),
		Nav: "roles", Data: rolesView(pr)}
	if pr.Roles != nil {
		roles.Source = pr.Roles.File
	}
	padd(roles)
	trainingPage := &Page{Path: pr.TrainingURL(), Template: "training.html", Title: "Training plan", Crumbs: trail(),
		Nav: "training", Data: training}
	if pr.Training != nil {
		trainingPage.Source = pr.Training.File
	}
	padd(trainingPage)

	pagesCrumb := Crumb{Name: "Policies and guides", URL: pr.PagesURL()}
	padd(&Page{Path: pr.PagesURL(), Template: "pages.html", Title: "Policies and guides", Crumbs: trail(),
		Nav: "pages", Data: pr.Pages})
	for i, v := range pl.pageViews(pr.Pages, &pt.links, &pt.errs) {
		pg := pr.Pages[i]
		padd(&Page{Path: pg.URL(), Template: "page.html", Title: pg.Title, Crumbs: trail(pagesCrumb),
			Nav: "pages", Source: pg.File, Data: v})
	}

	reviews := Crumb{Name: "Reviews", URL: pr.ReviewsURL()}
	padd(&Page{Path: pr.ReviewsURL(), Template: "reviews.html", Title: "Reviews and checklists", Crumbs: trail(),
		Nav: "reviews", Data: reviewsView(pr)})
	for _, rv := range pr.Reviews {
		padd(&Page{Path: rv.URL(), Template: "review.html", Title: rv.Title, Crumbs: trail(reviews),
			Nav: "reviews", Source: rv.File, Data: rv})
	}
	padd(&Page{Path: pr.ICBReviewURL(), Template: "icb-review-checklist.html",
		Title: "Annual ICB digital services review: checklist", Crumbs: trail(reviews), Nav: "reviews",
		Data: icbReviewView(pr, today, gov.ICBReviewMonths, training)})
	padd(&Page{Path: pr.RegisterReviewURL(), Template: "register-checklist.html",
		Title: "Register review checklist", Crumbs: trail(reviews), Nav: "reviews",
		Data: registerReviewView(pr, today)})
	for _, s := range pr.Services {
		padd(&Page{Path: s.AccessReviewURL(), Template: "access-review-checklist.html",
			Title: "Access review: " + s.Name, Crumbs: trail(reviews), Nav: "reviews",
			Data: accessReviewView(pr, s)})
	}
	padd(&Page{Path: pr.FindingsURL(), Template: "findings.html", Title: "Governance findings",
		Crumbs: trail(), Nav: "findings", Data: findingsView(pr)})
	entries := practiceEntries(h, pr)
	padd(&Page{Path: pr.AZURL(), Template: "a-z.html", Title: "A to Z", Crumbs: trail(), Nav: "a-z",
		Data: azView(entries)})
	pt.files = append(pt.files,
		site.File{Path: pr.SearchIndexURL(), Data: searchIndex(entries)},
		site.File{Path: pr.PrintStyleURL(), Data: []byte(printStyle(h, pr, stamp))})
	pt.files = append(pt.files, pl.x.Practice(pr)...)
}

// pageViews converts the Markdown pages pgs, with the crew's help. The
// links they hold and the mistakes in them are added to bl and errs in
// the order of the pages, as if converted one after the other.
func (pl *planner) pageViews(pgs []*site.Page, bl *bodyLinks, errs *site.ErrorList) []PageView {
	views := make([]PageView, len(pgs))
	links := make([]bodyLinks, len(pgs))
	pageErrs := make([]site.ErrorList, len(pgs))
	pl.crew.Each(len(pgs), func(i int) {
		links[i] = bodyLinks{own: bl.own, shared: bl.shared}
		views[i] = pageView(pgs[i], &links[i], &pageErrs[i])
	})
	for i := range pgs {
		bl.anchors = append(bl.anchors, links[i].anchors...)
		errs.Append(pageErrs[i])
	}
	return views
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

var criticalityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3}

// homeView lists every service that has a runbook, most critical first.
func homeView(pr *site.Practice) HomeView {
	v := HomeView{Practice: pr, Findings: countFindings(pr.Findings)}
	for _, s := range pr.Services {
		if len(s.Runbooks) > 0 && s.Lifecycle != "retired" {
			item := HomeItem{Service: s}
			for _, rb := range s.Runbooks {
				if len(rb.ServiceRefs) > 0 && rb.ServiceRefs[0] == s {
					item.Primary = append(item.Primary, rb)
				} else {
					item.Also = append(item.Also, rb)
				}
			}
			v.Items = append(v.Items, item)
		}
	}
	slices.SortStableFunc(v.Items, func(a, b HomeItem) int {
		return cmp.Or(cmp.Compare(criticalityRank[a.Service.Criticality], criticalityRank[b.Service.Criticality]),
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
