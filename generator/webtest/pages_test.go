package webtest

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// templatesDir holds the theme's templates: every one that defines "main"
// is a page type; the others are layouts and partials.
const templatesDir = root + "/themes/default/templates"

// examples names, for each page type, the pages of the example handbook
// the tests check it on. A new page template needs an entry here.
var examples = map[string][]string{
	"index.html":                     {"index.html"},
	"organisations.html":             {"organisations/index.html"},
	"organisation.html":              {"organisations/eastmoor-gpit-service-desk.html", "organisations/northvale-pcn.html"},
	"outage.html":                    {"organisations/down/redcentric.html"},
	"courses.html":                   {"courses/index.html"},
	"course.html":                    {"courses/data-security-awareness.html"},
	"home.html":                      {"riverside/index.html"},
	"register.html":                  {"riverside/register.html"},
	"service.html":                   {"riverside/services/emis-web.html"},
	"runbooks.html":                  {"riverside/runbooks/index.html"},
	"runbook.html":                   {"riverside/runbooks/emis-web-down.html"},
	"people.html":                    {"riverside/people/index.html"},
	"person.html":                    {"riverside/people/kdavies.html", "riverside/people/amcdonald.html"},
	"pages.html":                     {"riverside/pages/index.html"},
	"page.html":                      {"riverside/pages/back-entry-after-an-outage.html"},
	"exercise.html":                  {"riverside/exercises/2025-11-ransomware-tabletop.html"},
	"roles.html":                     {"riverside/roles.html"},
	"continuity.html":                {"riverside/continuity.html"},
	"continuity-pack.html":           {"riverside/continuity-pack.html"},
	"training.html":                  {"riverside/training.html"},
	"reviews.html":                   {"riverside/reviews/index.html"},
	"review.html":                    {"riverside/reviews/2026-06-icb-digital-services-review.html"},
	"incidents.html":                 {"riverside/incidents/index.html"},
	"continuity-plan-checklist.html": {"castlegate/reviews/continuity-plan-checklist.html"},
	"dspt-evidence.html":             {"castlegate/reviews/dspt-evidence.html"},
	"incident.html":                  {"riverside/incidents/2026-10-misdirected-email.html"},
	"changes.html":                   {"riverside/changes/index.html"},
	"change.html":                    {"riverside/changes/2025-10-patient-triage-all-day.html"},
	"assets.html":                    {"riverside/assets/index.html"},
	"asset.html":                     {"riverside/assets/old-desktops-2015.html"},
	"icb-review-checklist.html":      {"riverside/reviews/icb-digital-services-checklist.html"},
	"register-checklist.html":        {"riverside/reviews/register-checklist.html"},
	"access-review-checklist.html":   {"riverside/reviews/access-emis-web.html"},
	"findings.html":                  {"riverside/findings.html"},
	"a-z.html":                       {"a-z.html", "riverside/a-z.html"},
}

// pageTypes returns the theme's page templates, sorted.
func pageTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(templatesDir, "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates in %s: %v", templatesDir, err)
	}
	var types []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(`{{define "main"}}`)) {
			types = append(types, filepath.Base(f))
		}
	}
	return types
}

// TestEveryPageTypeHasAnExample keeps examples in step with the theme, so
// that no page type goes untested.
func TestEveryPageTypeHasAnExample(t *testing.T) {
	types := pageTypes(t)
	for _, name := range types {
		if len(examples[name]) == 0 {
			t.Errorf("page template %s has no example page: add one to examples in %s", name, "generator/webtest/pages_test.go")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(examples)) {
		if !slices.Contains(types, name) {
			t.Errorf("examples names %s, which is not a page template of the theme", name)
		}
	}
}

// Widths the pages are checked at, in CSS pixels: a desktop, a phone, and
// a 1280 px window zoomed to 400% (WCAG 1.4.10, reflow).
const (
	desktop = 1280
	phone   = 360
	zoomed  = 320
)

// eachPage runs check on one example page of every page type, as parallel
// subtests named by the type and the page, each with a tab of its own.
func eachPage(t *testing.T, tabs []*Tab, check func(t *testing.T, tab *Tab, path string)) {
	tabPool := newPool(tabs)
	for _, name := range pageTypes(t) {
		for _, path := range examples[name] {
			t.Run(strings.TrimSuffix(name, ".html")+"/"+path, func(t *testing.T) {
				t.Parallel()
				check(t, tabPool.take(t), path)
			})
		}
	}
}

// TestPages opens one example page of every page type over HTTP at a
// sub-path, as an intranet serves the handbook, and checks it with
// axe-core, its structure, skip link and focus style, and that it asks for
// nothing outside the handbook and reports no error; then at 320 pixels
// wide, the narrowest a page must work at (a 1280 px window at 400% zoom,
// WCAG 1.4.10, and a small phone), axe-core again and that it reflows; then
// it opens the same page from file://, as from a shared drive, and checks
// that it is styled, fetches nothing from elsewhere and that every link
// names a file.
func TestPages(t *testing.T) {
	s, tabs := openAll(t)
	src := axe(t)
	eachPage(t, tabs, func(t *testing.T, tab *Tab, path string) {
		tab.Resize(t, desktop, 900)
		tab.Open(t, s.HTTP(path))
		checkAxe(t, tab, src, at(path, desktop))
		checkStyled(t, tab, path+" over HTTP")
		checkSkipLink(t, tab, at(path, desktop))
		checkStructure(t, tab, path)
		checkFocus(t, tab, at(path, desktop))
		checkLinks(t, s, tab, path+" over HTTP")

		tab.Resize(t, zoomed, 640)
		checkAxe(t, tab, src, at(path, zoomed))
		checkReflow(t, tab, at(path, zoomed)+" (400% zoom)")
		checkRequests(t, s, tab, path+" over HTTP")

		tab.Resize(t, desktop, 900)
		tab.Open(t, s.File(path))
		checkStyled(t, tab, path+" from file://")
		checkLinks(t, s, tab, path+" from file://")
		checkRequests(t, s, tab, path+" from file://")
	})
}
