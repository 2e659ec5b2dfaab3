package render

import (
	"html/template"
	"slices"

	"github.com/handbook-nhs/handbook/generator/render/markdown"
	"github.com/handbook-nhs/handbook/generator/site"
)

// plan is a part of the site about to be rendered: its pages, with the
// data their templates show, and the files that need no template. A part
// is the pages of one practice's folder, or the pages outside every
// practice's folder.
type plan struct {
	h     *site.Handbook
	opt   Options
	gov   site.Thresholds
	pages []*Page
	files []site.File
	// cached holds what the template function cached rendered for the
	// part's pages.
	cached fragments
	// shown are the findings each page shows, by path.
	shown map[string][]*site.Finding
}

var top = Crumb{Name: "Handbook", URL: site.IndexURL}

// newPlan starts the plan of a part of h whose pages show the findings in
// shown (findingsByPage).
func (r *Renderer) newPlan(h *site.Handbook, shown map[string][]*site.Finding) *plan {
	return &plan{h: h, opt: r.opt, gov: r.gov, cached: fragments{}, shown: shown}
}

func (pl *plan) add(p *Page) {
	p.Handbook = pl.h
	p.Today = pl.opt.Today
	p.PDFs = pl.opt.PDFs
	if p.Source != "" {
		p.LastChanged = pl.h.LastChanged[p.Source]
	}
	p.Findings = pl.shown[p.Path]
	p.cached = pl.cached
	pl.pages = append(pl.pages, p)
}

// topPages plans the pages outside every practice but an organisation's or
// course's own: the top page, the A to Z and its search index, and the
// lists of organisations and courses.
func (pl *plan) topPages() {
	h := pl.h
	pl.add(&Page{Path: site.IndexURL, Template: "index.html", Title: h.Config.Title, Nav: "practices",
		Data: networkView(h.Practices, pl.opt.Today)})
	entries := sharedEntries(h)
	az := azView(entries)
	az.Runbooks = SearchesRunbooks(len(h.Practices))
	pl.add(&Page{Path: site.AZURL, Template: "a-z.html", Title: "A to Z", Crumbs: []Crumb{top}, Data: az})
	pl.files = append(pl.files, site.File{Path: site.SearchIndexURL, Data: searchIndex(entries)})
	pl.add(&Page{Path: site.OrganisationsURL, Template: "organisations.html", Title: "Organisations and contacts",
		Crumbs: []Crumb{top}, Nav: "organisations", Data: h.Organisations})
	pl.add(&Page{Path: site.CoursesURL, Template: "courses.html", Title: "Training courses",
		Crumbs: []Crumb{top}, Nav: "courses", Data: h.Courses})
}

func (pl *plan) organisation(o *site.Organisation) {
	down := outage(o)
	pl.add(&Page{Path: o.URL(), Template: "organisation.html", Title: o.Name,
		Crumbs: []Crumb{top, {Name: "Organisations", URL: site.OrganisationsURL}}, Source: o.File,
		Data: OrganisationView{Organisation: o, Network: organisationNetwork(pl.h, o, pl.opt.Today), Down: down.Count}})
	if down.Count == 0 {
		return
	}
	crumbs := []Crumb{top, {Name: "Organisations", URL: site.OrganisationsURL}, {Name: o.Name, URL: o.URL()}}
	pl.add(&Page{Path: o.OutageURL(), Template: "outage.html", Title: "If " + o.Name + " is down", Crumbs: crumbs, Data: down})
	for i := range down.ICBs {
		part := &down.ICBs[i]
		v := down
		v.ICBs, v.ICB, v.Practices, v.Count, v.Services = nil, &part.NetworkICB, part.Practices, part.Count, part.ServicesAffected
		pl.add(&Page{Path: part.URL, Template: "outage.html", Title: "If " + o.Name + " is down: " + part.Name,
			Crumbs: append(slices.Clone(crumbs), Crumb{Name: "If it is down", URL: o.OutageURL()}), Data: v})
	}
}

func (pl *plan) course(c *site.Course) {
	pl.add(&Page{Path: c.URL(), Template: "course.html", Title: c.Title,
		Crumbs: []Crumb{top, {Name: "Courses", URL: site.CoursesURL}}, Source: c.File, Data: c})
}

// practice plans the pages and files of practice pr's folder. Its
// Markdown pages are converted on the way, their links resolved by l and
// their mistakes added to errs.
func (pl *plan) practice(pr *site.Practice, l *linker, errs *site.ErrorList) {
	h, today, gov := pl.h, pl.opt.Today, pl.gov
	stamp := Stamp{Version: pr.Continuity.Version, Digest: h.Digest(pr), Built: today}
	home := Crumb{Name: pr.Name, URL: pr.URL()}
	training := trainingView(pr, today, gov.DueSoonDays)
	trail := func(c ...Crumb) []Crumb { return append([]Crumb{top, home}, c...) }
	add := func(p *Page) {
		p.Practice = pr
		pl.add(p)
	}
	add(&Page{Path: pr.URL(), Template: "home.html", Title: pr.Name, Crumbs: []Crumb{top},
		Nav: "home", Source: pr.File, Data: homeView(pr)})

	register := Crumb{Name: "Register", URL: pr.RegisterURL()}
	add(&Page{Path: pr.RegisterURL(), Template: "register.html", Title: "Digital services register",
		Crumbs: trail(), Nav: "register", Data: registerView(pr, gov.ReviewMonths)})
	for _, s := range pr.Services {
		add(&Page{Path: s.URL(), Template: "service.html", Title: s.Name, Crumbs: trail(register),
			Nav: "register", Source: s.File, Data: s})
	}

	runbooks := Crumb{Name: "Runbooks", URL: pr.RunbooksURL()}
	add(&Page{Path: pr.RunbooksURL(), Template: "runbooks.html", Title: "Downtime runbooks",
		Crumbs: trail(), Nav: "runbooks", Data: pr.Runbooks})
	for _, rb := range pr.Runbooks {
		add(&Page{Path: rb.URL(), Template: "runbook.html", Title: rb.Title, Crumbs: trail(runbooks),
			Nav: "runbooks", Source: rb.File, Data: rb})
	}

	continuity := Crumb{Name: "Continuity plan", URL: pr.ContinuityURL()}
	add(&Page{Path: pr.ContinuityURL(), Template: "continuity.html", Title: "Business continuity plan",
		Crumbs: trail(), Nav: "continuity", Source: pr.File, Data: pr})
	if h.Config.Publish.PublishPacks() {
		add(&Page{Path: pr.ContinuityPackURL(), Template: "continuity-pack.html", Layout: "print.html",
			Title: "Business continuity pack", Crumbs: trail(continuity), Nav: "continuity",
			Data: packView(pr, stamp, h.Config.Publish.PersonalNumbers)})
	}
	for _, e := range pr.Exercises {
		add(&Page{Path: e.URL(), Template: "exercise.html", Title: e.Title, Crumbs: trail(continuity),
			Nav: "continuity", Source: e.File, Data: e})
	}

	incidents := Crumb{Name: "Incidents", URL: pr.IncidentsURL()}
	add(&Page{Path: pr.IncidentsURL(), Template: "incidents.html", Title: "Incident log", Crumbs: trail(),
		Nav: "incidents", Data: incidentsView(pr)})
	for _, in := range pr.Incidents {
		add(&Page{Path: in.URL(), Template: "incident.html", Title: in.Title, Crumbs: trail(incidents),
			Nav: "incidents", Source: in.File, Data: in})
	}
	changes := Crumb{Name: "Changes", URL: pr.ChangesURL()}
	add(&Page{Path: pr.ChangesURL(), Template: "changes.html", Title: "Changes", Crumbs: trail(register),
		Nav: "register", Data: changesView(pr, today, gov.ChangeReviewWeeks)})
	for _, ch := range pr.Changes {
		add(&Page{Path: ch.URL(), Template: "change.html", Title: ch.Title, Crumbs: trail(register, changes),
			Nav: "register", Source: ch.File, Data: changeRow(ch, today, gov.ChangeReviewWeeks)})
	}
	assets := Crumb{Name: "Asset register", URL: pr.AssetsURL()}
	add(&Page{Path: pr.AssetsURL(), Template: "assets.html", Title: "Digital asset register", Crumbs: trail(register),
		Nav: "register", Data: assetsView(pr)})
	for _, a := range pr.Assets {
		add(&Page{Path: a.URL(), Template: "asset.html", Title: a.Name, Crumbs: trail(register, assets),
			Nav: "register", Source: a.File, Data: a})
	}

	people := Crumb{Name: "People", URL: pr.PeopleURL()}
	add(&Page{Path: pr.PeopleURL(), Template: "people.html", Title: "People", Crumbs: trail(),
		Nav: "people", Data: pr.People})
	for _, pe := range pr.People {
		add(&Page{Path: pe.URL(), Template: "person.html", Title: pe.Name, Crumbs: trail(people),
			Nav: "people", Source: pe.File, Data: personView(pe, training, today)})
	}

	roles := &Page{Path: pr.RolesURL(), Template: "roles.html", Title: "Roles and contacts", Crumbs: trail(),
		Nav: "roles", Data: rolesView(pr)}
	if pr.Roles != nil {
		roles.Source = pr.Roles.File
	}
	add(roles)
	trainingPage := &Page{Path: pr.TrainingURL(), Template: "training.html", Title: "Training plan", Crumbs: trail(),
		Nav: "training", Data: training}
	if pr.Training != nil {
		trainingPage.Source = pr.Training.File
	}
	add(trainingPage)

	pagesCrumb := Crumb{Name: "Policies and guides", URL: pr.PagesURL()}
	add(&Page{Path: pr.PagesURL(), Template: "pages.html", Title: "Policies and guides", Crumbs: trail(),
		Nav: "pages", Data: pr.Pages})
	for _, pg := range pr.Pages {
		body := markdown.Convert(pg,
			func(dest string, pos site.Pos) string { return l.target(pg, dest, pos, errs) },
			func(dest string, pos site.Pos) string { return l.image(pg, dest, pos, errs) }, errs)
		add(&Page{Path: pg.URL(), Template: "page.html", Title: pg.Title, Crumbs: trail(pagesCrumb),
			Nav: "pages", Source: pg.File, Data: PageView{Page: pg, Body: body}})
	}
	for _, im := range pr.Images {
		pl.files = append(pl.files, site.File{Path: im.URL(), Data: im.Data})
	}

	reviews := Crumb{Name: "Reviews", URL: pr.ReviewsURL()}
	add(&Page{Path: pr.ReviewsURL(), Template: "reviews.html", Title: "Reviews and checklists", Crumbs: trail(),
		Nav: "reviews", Data: reviewsView(pr)})
	for _, rv := range pr.Reviews {
		add(&Page{Path: rv.URL(), Template: "review.html", Title: rv.Title, Crumbs: trail(reviews),
			Nav: "reviews", Source: rv.File, Data: rv})
	}
	add(&Page{Path: pr.ICBReviewURL(), Template: "icb-review-checklist.html",
		Title: "Annual ICB digital services review: checklist", Crumbs: trail(reviews), Nav: "reviews",
		Data: icbReviewView(pr, today, gov.ICBReviewMonths, gov.ChangeReviewWeeks, training)})
	add(&Page{Path: pr.RegisterReviewURL(), Template: "register-checklist.html",
		Title: "Register review checklist", Crumbs: trail(reviews), Nav: "reviews",
		Data: registerReviewView(pr, today, gov.ChangeReviewWeeks)})
	add(&Page{Path: pr.PlanReviewURL(), Template: "continuity-plan-checklist.html",
		Title: "Continuity plan review checklist", Crumbs: trail(reviews), Nav: "reviews",
		Data: planReviewView(pr, today, gov)})
	add(&Page{Path: pr.DSPTURL(), Template: "dspt-evidence.html",
		Title: "Data Security and Protection Toolkit: evidence", Crumbs: trail(reviews), Nav: "reviews",
		Data: dsptView(pr)})
	for _, s := range pr.Services {
		add(&Page{Path: s.AccessReviewURL(), Template: "access-review-checklist.html",
			Title: "Access review: " + s.Name, Crumbs: trail(reviews), Nav: "reviews",
			Data: accessReviewView(pr, s)})
	}
	add(&Page{Path: pr.FindingsURL(), Template: "findings.html", Title: "Governance findings",
		Crumbs: trail(), Nav: "findings", Data: findingsView(pr)})
	entries := practiceEntries(h, pr)
	add(&Page{Path: pr.AZURL(), Template: "a-z.html", Title: "A to Z", Crumbs: trail(), Nav: "a-z",
		Data: azView(append(slices.Clone(entries), everydayEntries(pr)...))})
	pl.files = append(pl.files,
		site.File{Path: pr.SearchIndexURL(), Data: searchIndex(entries)},
		site.File{Path: pr.PrintStyleURL(), Data: []byte(printStyle(h, pr, stamp))})
}

// PageView is a Markdown page with its body rendered.
type PageView struct {
	Page *site.Page
	Body template.HTML
}
