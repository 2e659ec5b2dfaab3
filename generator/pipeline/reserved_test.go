package pipeline

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestReservedIDs gives records every id whose page would take the place
// of one the handbook writes itself: each is refused at its file, and
// nothing else goes wrong. Ids that only look like them build, each page
// written once.
func TestReservedIDs(t *testing.T) {
	const alpha = "content/alpha/"
	copyOf := func(fsys fstest.MapFS, from, to string) {
		f, ok := fsys[from]
		if !ok {
			t.Fatalf("fixture has no %s", from)
		}
		fsys[to] = &fstest.MapFile{Data: f.Data}
	}
	reserved := map[string]string{ // the file to add: the record it copies
		alpha + "services/index.toml":                           alpha + "services/network.toml",
		alpha + "people/index.toml":                             alpha + "people/gp.toml",
		alpha + "runbooks/index.toml":                           alpha + "runbooks/clinical-down.toml",
		alpha + "exercises/index.toml":                          alpha + "exercises/tabletop-2026.toml",
		alpha + "reviews/index.toml":                            alpha + "reviews/icb-2026.toml",
		alpha + "reviews/register-checklist.toml":               alpha + "reviews/icb-2026.toml",
		alpha + "reviews/icb-digital-services-checklist.toml":   alpha + "reviews/icb-2026.toml",
		alpha + "reviews/access-network.toml":                   alpha + "reviews/icb-2026.toml",
		alpha + "reviews/access-a-service-not-yet-written.toml": alpha + "reviews/icb-2026.toml",
		alpha + "pages/index.md":                                alpha + "pages/ig-policy.md",
		"content/organisations/index.toml":                      "content/organisations/acme-desk.toml",
		"content/courses/index.toml":                            "content/courses/dsa.toml",
	}
	fsys := fixture(t)
	for to, from := range reserved {
		copyOf(fsys, from, to)
	}
	for p := range maps.Clone(fsys) { // a practice called assets, a copy of alpha
		if rest, ok := strings.CutPrefix(p, alpha); ok {
			copyOf(fsys, p, "content/assets/"+rest)
		}
	}
	edit(t, fsys, "content/assets/practice.toml", `ods = "Y00001"`, `ods = "Y00002"`)
	_, err := buildFS(fsys, Options{Today: goldenToday})
	var list site.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want the reserved ids refused", err)
	}
	want := append(slices.Collect(maps.Keys(reserved)), "content/assets")
	var got []string
	for _, e := range list {
		if !strings.Contains(e.Msg, "cannot be the id of") {
			t.Errorf("an error besides the reserved ids: %v", e)
		}
		got = append(got, e.Pos.File)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("refused:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Near misses are ids like any other: every file is written once
	// (a path written twice fails the build).
	fsys = fixture(t)
	for to, from := range reserved {
		to = strings.Replace(to, "index", "indexes", 1)
		to = strings.Replace(to, "-checklist", "-checklists", 1)
		to = strings.Replace(to, "access-", "accessibility-", 1)
		copyOf(fsys, from, to)
	}
	b := mustBuild(t, fsys, Options{Today: goldenToday})
	seen := map[string]bool{}
	for _, f := range b.files {
		if seen[f.Path] {
			t.Errorf("%s written twice", f.Path)
		}
		seen[f.Path] = true
	}
	for _, p := range []string{"alpha/services/indexes.html", "alpha/reviews/register-checklists.html",
		"alpha/reviews/accessibility-network.html", "alpha/reviews/register-checklist.html", "organisations/indexes.html"} {
		if !seen[p] {
			t.Errorf("no %s", p)
		}
	}
}
