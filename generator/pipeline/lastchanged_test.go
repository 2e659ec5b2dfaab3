package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/history/historytest"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// sourceLine finds the line naming a page's source file.
var sourceLine = regexp.MustCompile(`<p class="record-source">.*?</p>`)

// sourceOf returns the source line of the page at p of b, or "" when it
// has none.
func sourceOf(b *built, p string) string {
	page, _ := b.file(p)
	return sourceLine.FindString(string(page))
}

// buildWithHistory builds the site in dir into memory, asking git when
// its files last changed, as handbook build does.
func buildWithHistory(t *testing.T, dir string) *built {
	t.Helper()
	return mustBuild(t, os.DirFS(dir), Options{Today: goldenToday, History: GitHistory(context.Background(), dir)})
}

func lastChanged(date, human, file string) string {
	return `<p class="record-source">Last changed <time datetime="` + date + `">` + human + `</time>. Source: <code>` + file + `</code></p>`
}

func sourceOnly(file string) string {
	return `<p class="record-source">Source: <code>` + file + `</code></p>`
}

// TestLastChanged commits a copy of the example to a new repository with a
// known date, builds it, and finds the date and the source file on the
// record pages; after an edit not committed, the page edited keeps its
// source but loses its date.
func TestLastChanged(t *testing.T) {
	historytest.Git(t)
	dir := sitetest.CopyExample(t, exampleSite)
	historytest.Init(t, dir)
	// The author's date: 3 March, although it was still 2 March in UTC.
	historytest.Commit(t, dir, time.Date(2026, 3, 3, 0, 15, 0, 0, time.FixedZone("", 2*3600)), "The example")
	const docman = "content/riverside/services/docman.toml"
	sitetest.Replace(t, dir, "content/riverside/roles.toml", "\n", "\n# Checked at the partners' meeting.\n")
	historytest.Commit(t, dir, time.Date(2026, 4, 10, 16, 5, 0, 0, time.UTC), "Roles checked")

	b := buildWithHistory(t, dir)
	if b.HistoryErr != nil || b.Shallow {
		t.Errorf("history: %v, shallow %v", b.HistoryErr, b.Shallow)
	}
	march3 := func(file string) string { return lastChanged("2026-03-03", "3 March 2026", file) }
	want := map[string]string{
		"riverside/services/docman.html":            march3(docman),
		"riverside/roles.html":                      lastChanged("2026-04-10", "10 April 2026", "content/riverside/roles.toml"),
		"riverside/index.html":                      march3("content/riverside/practice.toml"),
		"riverside/continuity.html":                 march3("content/riverside/practice.toml"),
		"riverside/training.html":                   march3("content/riverside/training.toml"),
		"riverside/runbooks/emis-web-down.html":     march3("content/riverside/runbooks/emis-web-down.toml"),
		"riverside/people/kdavies.html":             march3("content/riverside/people/kdavies.toml"),
		"organisations/docman.html":                 march3("content/organisations/docman.toml"),
		"courses/data-security-awareness.html":      march3("content/courses/data-security-awareness.toml"),
		"castlegate/services/systmone.html":         march3("content/castlegate/services/systmone.toml"),
		"riverside/continuity-pack.html":            "",
		"riverside/register.html":                   "",
		"riverside/reviews/register-checklist.html": "",
		"index.html":                                "",
	}
	for _, dirs := range []string{"exercises", "reviews", "pages"} {
		files, _ := filepath.Glob(filepath.Join(dir, "content", "riverside", dirs, "*"))
		if len(files) == 0 {
			t.Fatalf("the example has no riverside %s", dirs)
		}
		name := filepath.Base(files[0])
		page := "riverside/" + dirs + "/" + strings.TrimSuffix(name, filepath.Ext(name)) + ".html"
		want[page] = march3("content/riverside/" + dirs + "/" + name)
	}
	check := func(step string) {
		t.Helper()
		for p, line := range want {
			if got := sourceOf(b, p); got != line {
				t.Errorf("%s: %s:\n got %s\nwant %s", step, p, got, line)
			}
		}
	}
	check("committed")

	// Saved, not committed: the source still, but no date.
	sitetest.Replace(t, dir, docman, `name = "Docman 10"`, `name = "Docman Ten"`)
	b = buildWithHistory(t, dir)
	want["riverside/services/docman.html"] = sourceOnly(docman)
	check("edited")

	// Committed: the new date.
	historytest.Commit(t, dir, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC), "Docman Ten")
	b = buildWithHistory(t, dir)
	want["riverside/services/docman.html"] = lastChanged("2026-05-20", "20 May 2026", docman)
	check("committed again")
}

// TestLastChangedIncremental checks that a pipeline told of a change
// forgets the date of the file changed, making the same files as a full
// build of the site as it then is.
func TestLastChangedIncremental(t *testing.T) {
	historytest.Git(t)
	dir := sitetest.CopyExample(t, exampleSite)
	historytest.Init(t, dir)
	historytest.Commit(t, dir, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), "The example")
	opt := Options{Source: dir, Today: goldenToday, History: GitHistory(context.Background(), dir)}
	s := &served{p: New(os.DirFS(dir), opt)}
	if _, err := s.run(nil); err != nil {
		t.Fatal(err)
	}
	const docman = "content/riverside/services/docman.toml"
	if d := s.p.h.LastChanged[docman]; d.String() != "2026-03-03" {
		t.Fatalf("first build: %s last changed %q, want 2026-03-03", docman, d)
	}
	for _, step := range []struct {
		name string
		file string
		do   func()
	}{
		{"a service edited", docman, func() { sitetest.Replace(t, dir, docman, `name = "Docman 10"`, `name = "Docman Ten"`) }},
		{"an organisation edited", "content/organisations/docman.toml", func() {
			sitetest.Replace(t, dir, "content/organisations/docman.toml", "\n", "\n# Checked.\n")
		}},
	} {
		step.do()
		out, err := s.run([]string{step.file})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if d := s.p.h.LastChanged[step.file]; !d.IsZero() {
			t.Errorf("%s: %s last changed %s, want no date", step.name, step.file, d)
		}
		sameFiles(t, step.name, out.files, mustBuild(t, os.DirFS(dir), opt).files)
	}
}

// TestLastChangedWithoutGit builds a site in git with no git on the PATH,
// and one not in git: no dates, and no failure.
func TestLastChangedWithoutGit(t *testing.T) {
	historytest.Git(t)
	repo := sitetest.CopyExample(t, exampleSite)
	historytest.Init(t, repo)
	historytest.Commit(t, repo, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), "The example")
	plain := sitetest.CopyExample(t, exampleSite)
	const page = "riverside/services/docman.html"
	want := sourceOnly("content/riverside/services/docman.toml")

	t.Setenv("PATH", "")
	for _, tc := range []struct {
		name, dir string
		err       error
	}{{"no git", repo, history.ErrNoGit}, {"not a repository", plain, history.ErrNotRepository}} {
		b := buildWithHistory(t, tc.dir)
		if !errors.Is(b.HistoryErr, tc.err) {
			t.Errorf("%s: HistoryErr = %v, want %v", tc.name, b.HistoryErr, tc.err)
		}
		if got := sourceOf(b, page); got != want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, page, got, want)
		}
	}
}
