package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestIncrementalBuilds edits a copy of the example site step by step and
// checks after each step that a pipeline told what changed makes, with
// the files of the runs before, the same files as a full build, renders
// again only the practices it must, and reports the files that changed;
// and that a broken file fails the run, keeps the last good site, and is
// reported until it is fixed.
func TestIncrementalBuilds(t *testing.T) {
	dir := sitetest.CopyExample(t, exampleSite)
	opt := Options{Source: dir, Today: goldenToday}
	s := &served{p: New(os.DirFS(dir), opt)}
	first, err := s.run(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.changed) != len(first.files) {
		t.Errorf("first build: %d files changed of %d; want all", len(first.changed), len(first.files))
	}
	last := first.files
	const docman = "content/riverside/services/docman.toml"
	const heidi = "content/riverside/services/heidi-ai-scribe.toml"
	steps := []struct {
		name    string
		do      func()
		changed []string
		// practices rendered again; nil for every practice.
		practices []string
		// pages that must be among the changed files, and not.
		pages, unchanged []string
		// err is part of the error the build must fail with.
		err string
	}{{
		name:      "a service renamed",
		do:        func() { sitetest.Replace(t, dir, docman, `name = "Docman 10"`, `name = "Docman Ten"`) },
		changed:   []string{docman},
		practices: []string{"riverside"},
		pages: []string{"riverside/services/docman.html", "riverside/register.html", "organisations/docman.html",
			"riverside/register.csv", "riverside/reviews.ics", "riverside/practice.json"},
		unchanged: []string{"castlegate/index.html", "riverside/people/kdavies.html", "castlegate/practice.json", "handbook.json"},
	}, {
		name: "a service's supplier changed",
		do: func() {
			sitetest.Replace(t, dir, heidi, `supplier = "heidi-health"`, `supplier = "lexacom"`)
			sitetest.Replace(t, dir, heidi, `desk = "heidi-health"`, `desk = "lexacom"`)
		},
		changed:   []string{heidi},
		practices: []string{"riverside"},
		// riverside no longer uses Heidi Health, whose page must lose it.
		pages:     []string{"organisations/heidi-health.html", "organisations/lexacom.html"},
		unchanged: []string{"organisations/tpp.html"},
	}, {
		name: "and back",
		do: func() {
			sitetest.Replace(t, dir, heidi, `supplier = "lexacom"`, `supplier = "heidi-health"`)
			sitetest.Replace(t, dir, heidi, `desk = "lexacom"`, `desk = "heidi-health"`)
		},
		changed:   []string{heidi},
		practices: []string{"riverside"},
		pages:     []string{"organisations/heidi-health.html", "organisations/lexacom.html"},
	}, {
		name:    "a service broken",
		do:      func() { sitetest.Replace(t, dir, docman, `name = "Docman Ten"`, `name = "Docman Ten`) },
		changed: []string{docman},
		err:     docman + ":",
	}, {
		name:    "the other practice edited while the first is broken",
		do:      func() { sitetest.Replace(t, dir, "content/castlegate/practice.toml", `list_size = `, `list_size = 1`) },
		changed: []string{"content/castlegate/practice.toml"},
		err:     docman + ":",
	}, {
		name:      "the service fixed",
		do:        func() { sitetest.Replace(t, dir, docman, `name = "Docman Ten`, `name = "Docman Ten"`) },
		changed:   []string{docman},
		practices: []string{"castlegate", "riverside"},
		// docman.html is back as it was after the first step.
		pages:     []string{"castlegate/index.html"},
		unchanged: []string{"riverside/services/docman.html"},
	}, {
		name: "a service added",
		do: func() {
			data, err := os.ReadFile(filepath.Join(dir, docman))
			if err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, dir, "content/riverside/services/docman-two.toml", strings.Replace(string(data), "Docman Ten", "Docman Two", 1))
		},
		changed:   []string{"content/riverside/services/docman-two.toml"},
		practices: []string{"riverside"},
		pages:     []string{"riverside/services/docman-two.html", "riverside/register.html"},
		unchanged: []string{"castlegate/register.html"},
	}, {
		name:      "a service removed",
		do:        func() { os.Remove(filepath.Join(dir, "content/riverside/services/docman-two.toml")) },
		changed:   []string{"content/riverside/services/docman-two.toml"},
		practices: []string{"riverside"},
		pages:     []string{"riverside/services/docman-two.html"},
	}, {
		name: "a person removed that records name",
		do: func() {
			os.Rename(filepath.Join(dir, "content/riverside/people/kdavies.toml"), filepath.Join(dir, "kdavies.toml"))
		},
		changed: []string{"content/riverside/people/kdavies.toml"},
		err:     `"kdavies" is not a person of Riverside Medical Centre`,
	}, {
		name: "the person back",
		do: func() {
			os.Rename(filepath.Join(dir, "kdavies.toml"), filepath.Join(dir, "content/riverside/people/kdavies.toml"))
		},
		changed:   []string{"content/riverside/people/kdavies.toml"},
		practices: []string{"riverside"},
	}, {
		name: "the buddy practice renamed",
		do: func() {
			sitetest.Replace(t, dir, "content/riverside/practice.toml", `name = "Riverside Medical Centre"`, `name = "Riverside Health Centre"`)
		},
		changed:   []string{"content/riverside/practice.toml"},
		practices: []string{"castlegate", "hollins-green", "riverside"},
		pages:     []string{"castlegate/index.html", "hollins-green/index.html", "index.html", "handbook.json", "riverside/practice.json"},
	}, {
		name:    "an organisation edited",
		do:      func() { sitetest.Replace(t, dir, "content/organisations/docman.toml", `name = "`, `name = "The `) },
		changed: []string{"content/organisations/docman.toml"},
		pages:   []string{"organisations/docman.html", "riverside/services/docman.html"},
	}, {
		name:    "a template added",
		do:      func() { sitetest.Write(t, dir, "templates/partials/footer.html", `<footer>Local footer</footer>`) },
		changed: []string{"templates/partials/footer.html"},
	}, {
		name:      "a file outside the site's inputs",
		do:        func() { sitetest.Write(t, dir, "public/index.html", "stale") },
		changed:   []string{"public/index.html", "README.md", ".git/index"},
		practices: []string{},
	}, {
		name: "a practice added",
		do: func() {
			os.CopyFS(filepath.Join(dir, "content/northvale"), os.DirFS(filepath.Join(dir, "content/castlegate")))
		},
		changed: []string{"content/northvale"},
		err:     "ODS code",
	}}
	for _, st := range steps {
		st.do()
		out, err := s.run(st.changed)
		if st.err != "" {
			var list site.ErrorList
			if !errors.As(err, &list) || !strings.Contains(err.Error(), st.err) {
				t.Fatalf("%s: error %v; want a list with %q", st.name, err, st.err)
			}
			if p := list[0].Pos; p.File == "" || p.Line == 0 {
				t.Errorf("%s: error at %v, want a file:line:col", st.name, p)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		full, err := buildFS(os.DirFS(dir), opt)
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		if !sameFiles(t, st.name, out.files, full.files) {
			continue
		}
		if out.Findings != full.Findings {
			t.Errorf("%s: findings %v, %v in a full build", st.name, out.Findings, full.Findings)
		}
		want := st.practices
		if want == nil {
			want = []string{"castlegate", "hollins-green", "riverside"}
		}
		if !slices.Equal(out.Rendered, want) && !(len(want) == 0 && len(out.Rendered) == 0) {
			t.Errorf("%s: rendered the pages of %v again; want %v", st.name, out.Rendered, want)
		}
		changedPages(t, st.name, out.changed, st.pages, st.unchanged)
		for _, p := range out.changed {
			if o, n := find(last, p), find(out.files, p); o != nil && n != nil && bytes.Equal(o.Data, n.Data) {
				t.Errorf("%s: %s is reported changed but is the same", st.name, p)
			}
		}
		last = out.files
	}
}

// changedPages checks that the files changed in a step include pages and
// none of unchanged.
func changedPages(t *testing.T, step string, changed, pages, unchanged []string) {
	t.Helper()
	for _, p := range pages {
		if !slices.Contains(changed, p) {
			t.Errorf("%s: %s is not among the %d files changed", step, p, len(changed))
		}
	}
	for _, p := range unchanged {
		if slices.Contains(changed, p) {
			t.Errorf("%s: %s is among the files changed", step, p)
		}
	}
}

func find(files []site.File, p string) *site.File {
	i, ok := slices.BinarySearchFunc(files, p, func(f site.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return &files[i]
}

// sameFiles reports whether got and want hold the same files, naming the
// first few differences.
func sameFiles(t *testing.T, step string, got, want []site.File) bool {
	t.Helper()
	var diffs []string
	for _, f := range want {
		if g := find(got, f.Path); g == nil {
			diffs = append(diffs, f.Path+" missing")
		} else if !bytes.Equal(g.Data, f.Data) {
			diffs = append(diffs, f.Path+" differs")
		}
	}
	for _, f := range got {
		if find(want, f.Path) == nil {
			diffs = append(diffs, f.Path+" extra")
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%s: the incremental build differs from a full build: %s", step, strings.Join(diffs[:min(len(diffs), 8)], "; "))
	}
	return len(diffs) == 0
}

// served is a site a pipeline builds again and again, as serve does: the
// parts of each run merged into the site of the runs before.
type served struct {
	p     *Pipeline
	files []site.File
}

// run runs the pipeline after the changes in changed.
func (s *served) run(changed []string) (*servedRun, error) {
	var ps parts
	res, err := s.p.Run(context.Background(), changed, &ps)
	if err != nil {
		return nil, err
	}
	var paths []string
	s.files, paths = Merge(s.files, ps.list, res.Whole)
	return &servedRun{Result: res, files: s.files, changed: paths}, nil
}

// servedRun is what a run of a served site made.
type servedRun struct {
	Result
	// files are the whole site after the run; changed, the paths of the
	// files the run added, changed or removed.
	files   []site.File
	changed []string
}

// TestIncrementalFindings checks that a pipeline, which checks the
// governance rules again only on the practices it reads again, finds what
// a full build finds: after a change that adds a finding to one practice,
// and on a new day, when every practice's findings may change.
func TestIncrementalFindings(t *testing.T) {
	dir := sitetest.CopyExample(t, exampleSite)
	today := goldenToday
	s := &served{p: New(os.DirFS(dir), Options{Source: dir, Today: goldenToday})}
	s.p.Clock = func() site.Date { return today }
	if _, err := s.run(nil); err != nil {
		t.Fatal(err)
	}
	const docman = "content/riverside/services/docman.toml"
	steps := []struct {
		name    string
		do      func()
		changed []string
		// pages that must be among the changed files, and not.
		pages, unchanged []string
	}{{
		name:      "a review overdue in one practice",
		do:        func() { sitetest.Replace(t, dir, docman, "next = 2027-05-14", "next = 2026-06-14") },
		changed:   []string{docman},
		pages:     []string{"riverside/findings.html", "riverside/services/docman.html"},
		unchanged: []string{"castlegate/findings.html"},
	}, {
		name:    "a year on",
		do:      func() { today = goldenToday.AddDays(365) },
		changed: []string{},
		pages:   []string{"riverside/findings.html", "castlegate/findings.html"},
	}}
	for _, st := range steps {
		st.do()
		out, err := s.run(st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		full, err := buildFS(os.DirFS(dir), Options{Source: dir, Today: today})
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		sameFiles(t, st.name, out.files, full.files)
		if out.Findings != full.Findings {
			t.Errorf("%s: findings %v, %v in a full build", st.name, out.Findings, full.Findings)
		}
		changedPages(t, st.name, out.changed, st.pages, st.unchanged)
	}
}
