package site

import (
	"path"
	"strings"
)

// Output paths, relative to the root of the built site. Every link names a
// file (never a folder), so the site works from any sub-path of a web
// server and straight from disk (file://).

// IndexURL is the top page listing every practice.
const IndexURL = "index.html"

// AZURL lists the practices, organisations and courses from A to Z, and
// SearchIndexURL holds what the search box of the shared pages searches.
const (
	AZURL          = "a-z.html"
	SearchIndexURL = "search-index.js"
)

// JSONURL is the whole handbook as data for other tools: the shared
// records and an index of the practices, each with its own file.
const JSONURL = "handbook.json"

// NetworkCSVURL is the network view of the top page as a spreadsheet: a
// row per practice.
const NetworkCSVURL = "network.csv"

// AssetsDir holds the stylesheet and other theme assets.
const AssetsDir = "assets"

func (p *Practice) Dir() string           { return p.ID + "/" }
func (p *Practice) URL() string           { return p.Dir() + homePage }
func (p *Practice) RegisterURL() string   { return p.Dir() + "register.html" }
func (p *Practice) RolesURL() string      { return p.Dir() + "roles.html" }
func (p *Practice) TrainingURL() string   { return p.Dir() + trainingPage }
func (p *Practice) ContinuityURL() string { return p.Dir() + continuityPage }
func (p *Practice) PeopleURL() string     { return p.Dir() + "people/index.html" }
func (p *Practice) RunbooksURL() string   { return p.Dir() + runbooksPage }
func (p *Practice) PagesURL() string      { return p.Dir() + "pages/index.html" }
func (p *Practice) ReviewsURL() string    { return p.Dir() + "reviews/index.html" }
func (p *Practice) FindingsURL() string   { return p.Dir() + findingsPage }
func (p *Practice) IncidentsURL() string  { return p.Dir() + "incidents/index.html" }
func (p *Practice) ChangesURL() string    { return p.Dir() + "changes/index.html" }
func (p *Practice) AssetsURL() string     { return p.Dir() + "assets/index.html" }

// AssetsCSVURL is the asset register as a spreadsheet.
func (p *Practice) AssetsCSVURL() string { return p.Dir() + "assets/assets.csv" }

// AZURL lists every page of the practice from A to Z: where the search box
// leads when JavaScript is off. SearchIndexURL is the script holding what
// the search box on the practice's pages searches.
func (p *Practice) AZURL() string          { return p.Dir() + "a-z.html" }
func (p *Practice) SearchIndexURL() string { return p.Dir() + "search-index.js" }

// ContinuityPackURL is the continuity pack, the plan laid out for A4;
// ContinuityPDFURL the same pack as a PDF, made by handbook pdf.
func (p *Practice) ContinuityPackURL() string { return p.Dir() + "continuity-pack.html" }
func (p *Practice) ContinuityPDFURL() string  { return p.Dir() + "continuity-pack.pdf" }

// RegisterCSVURL is the register as a spreadsheet, CalendarURL the
// practice's due dates as an iCalendar feed, and JSONURL the practice's
// records and findings as data for other tools.
func (p *Practice) RegisterCSVURL() string { return p.Dir() + registerCSV }
func (p *Practice) CalendarURL() string    { return p.Dir() + calendar }
func (p *Practice) JSONURL() string        { return p.Dir() + practiceJSON }

// The files of a practice's folder that the shared pages link to, relative
// to the folder.
const (
	homePage       = "index.html"
	trainingPage   = "training.html"
	continuityPage = "continuity.html"
	runbooksPage   = "runbooks/index.html"
	findingsPage   = "findings.html"
	registerCSV    = "register.csv"
	calendar       = "reviews.ics"
	practiceJSON   = "practice.json"
)

// The pages and files of a summarised practice, as of the practice
// itself.
func (s *Summary) Dir() string            { return s.ID + "/" }
func (s *Summary) URL() string            { return s.Dir() + homePage }
func (s *Summary) TrainingURL() string    { return s.Dir() + trainingPage }
func (s *Summary) RegisterCSVURL() string { return s.Dir() + registerCSV }
func (s *Summary) CalendarURL() string    { return s.Dir() + calendar }
func (s *Summary) JSONURL() string        { return s.Dir() + practiceJSON }
func (s *Summary) ContinuityURL() string  { return s.Dir() + continuityPage }
func (s *Summary) RunbooksURL() string    { return s.Dir() + runbooksPage }
func (s *Summary) FindingsURL() string    { return s.Dir() + findingsPage }
func (s *Summary) ICBReviewURL() string   { return s.Dir() + icbReviewPage }

// PrintStyleURL is the stylesheet that heads and foots the practice's
// printed pages with its name and the version stamp.
func (p *Practice) PrintStyleURL() string     { return p.Dir() + "print.css" }
func (p *Practice) ICBReviewURL() string      { return p.Dir() + icbReviewPage }
func (p *Practice) RegisterReviewURL() string { return p.Dir() + registerReviewPage }
func (p *Practice) PlanReviewURL() string     { return p.Dir() + planReviewPage }
func (p *Practice) DSPTURL() string           { return p.Dir() + dsptPage }

// The checklists of a practice's reviews folder, beside its review
// records.
const (
	icbReviewPage      = "reviews/icb-digital-services-checklist.html"
	registerReviewPage = "reviews/register-checklist.html"
	planReviewPage     = "reviews/continuity-plan-checklist.html"
	dsptPage           = "reviews/dspt-evidence.html"
	accessReviewPrefix = "access-"
)

func (s *Service) URL() string { return s.Practice.Dir() + "services/" + s.ID + ".html" }

// AccessReviewURL is the access review checklist of the service.
func (s *Service) AccessReviewURL() string {
	return s.Practice.Dir() + "reviews/" + accessReviewPrefix + s.ID + ".html"
}

func (p *Person) URL() string       { return p.Practice.Dir() + "people/" + p.ID + ".html" }
func (r *Runbook) URL() string      { return r.Practice.Dir() + "runbooks/" + r.ID + ".html" }
func (e *Exercise) URL() string     { return e.Practice.Dir() + "exercises/" + e.ID + ".html" }
func (r *ReviewRecord) URL() string { return r.Practice.Dir() + "reviews/" + r.ID + ".html" }
func (p *Page) URL() string         { return p.Practice.Dir() + "pages/" + p.ID + ".html" }
func (in *Incident) URL() string    { return in.Practice.Dir() + "incidents/" + in.ID + ".html" }
func (ch *Change) URL() string      { return ch.Practice.Dir() + "changes/" + ch.ID + ".html" }
func (a *Asset) URL() string        { return a.Practice.Dir() + "assets/" + a.ID + ".html" }

// OrganisationsURL lists every organisation.
const OrganisationsURL = "organisations/index.html"

func (o *Organisation) URL() string { return "organisations/" + o.ID + ".html" }

// OutageURL is the page for when o is down: what stops, where, and whom to
// ring. OutageICBURL is its part for the practices of one ICB, on a site
// with too many practices for one page.
func (o *Organisation) OutageURL() string { return "organisations/down/" + o.ID + ".html" }
func (o *Organisation) OutageICBURL(icb string) string {
	return "organisations/down/" + o.ID + "/" + icb + ".html"
}

// CoursesURL lists every course.
const CoursesURL = "courses/index.html"

func (c *Course) URL() string { return "courses/" + c.ID + ".html" }

// File is one output file of the built site.
type File struct {
	// Path is relative to the site root, slash-separated.
	Path string
	Data []byte
}

// PageOfFile is the page of the record a practice's file would hold, by
// where the file sits: content/<practice>/services/<id>.toml is
// <practice>/services/<id>.html, content/<practice>/pages/<id>.md is
// <practice>/pages/<id>.html, practice.toml, roles.toml and training.toml
// are the practice's home, roles and training pages. It says false for a
// file no practice's record could be; whether the record is there is for
// the caller to find out.
func PageOfFile(file string) (string, bool) {
	parts := strings.Split(file, "/")
	if len(parts) < 3 || parts[0] != "content" || parts[1] == "organisations" || parts[1] == "courses" || !ValidID(parts[1]) {
		return "", false
	}
	p := &Practice{ID: parts[1]}
	switch len(parts) {
	case 3:
		switch parts[2] {
		case "practice.toml":
			return p.URL(), true
		case "roles.toml":
			return p.RolesURL(), true
		case "training.toml":
			return p.TrainingURL(), true
		}
	case 4:
		kind, name := parts[2], parts[3]
		ext := ".toml"
		if kind == "pages" {
			ext = ".md"
		}
		id, ok := strings.CutSuffix(name, ext)
		if !ok || !ValidID(id) {
			return "", false
		}
		switch kind {
		case "people":
			return (&Person{ID: id, Practice: p}).URL(), true
		case "services":
			return (&Service{ID: id, Practice: p}).URL(), true
		case "runbooks":
			return (&Runbook{ID: id, Practice: p}).URL(), true
		case "exercises":
			return (&Exercise{ID: id, Practice: p}).URL(), true
		case "reviews":
			return (&ReviewRecord{ID: id, Practice: p}).URL(), true
		case "pages":
			return (&Page{ID: id, Practice: p}).URL(), true
		case "incidents":
			return (&Incident{ID: id, Practice: p}).URL(), true
		case "changes":
			return (&Change{ID: id, Practice: p}).URL(), true
		case "assets":
			return (&Asset{ID: id, Practice: p}).URL(), true
		}
	}
	return "", false
}

// ReservedID returns the page the handbook writes itself where the page
// of a record of type kind (the name of its schema) with id id would go,
// or "" when there is none: such an id is refused.
func ReservedID(kind, id string) string {
	switch kind {
	case "practice":
		if id == AssetsDir || id == "organisations" || id == "courses" {
			return "the handbook's own folder " + id + "/"
		}
		return ""
	case "organisation", "course", "service", "person", "runbook", "exercise", "review", "page", "incident", "change", "asset":
		if id == "index" {
			return "the list of them, index.html"
		}
	}
	if kind == "review" {
		switch {
		case id+".html" == path.Base(icbReviewPage):
			return "the annual ICB review checklist, " + path.Base(icbReviewPage)
		case id+".html" == path.Base(registerReviewPage):
			return "the register review checklist, " + path.Base(registerReviewPage)
		case id+".html" == path.Base(planReviewPage):
			return "the continuity plan review checklist, " + path.Base(planReviewPage)
		case id+".html" == path.Base(dsptPage):
			return "the DSPT evidence page, " + path.Base(dsptPage)
		case strings.HasPrefix(id, accessReviewPrefix):
			return "the access review checklist of the service " + strings.TrimPrefix(id, accessReviewPrefix) +
				" (every review id starting " + accessReviewPrefix + " is the handbook's)"
		}
	}
	return ""
}

// WithArticle is kind with "a" or "an" before it: "an organisation".
func WithArticle(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}
