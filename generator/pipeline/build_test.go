package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/publish"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/synth"
)

// TestBuildWritesWhatRunPuts checks that Build writes the very files the
// pipeline puts, and reports its progress practice by practice up to
// every practice, on a synthetic site of several practices (practices are
// rendered on every core, in no fixed order).
func TestBuildWritesWhatRunPuts(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 6, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	const practices = 6
	// Build asks git when files last changed: so must the run.
	want := mustBuild(t, os.DirFS(dir), Options{Today: goldenToday, History: GitHistory(context.Background(), dir)})
	dest := filepath.Join(t.TempDir(), "public")
	var seen []Progress
	res, err := Build(context.Background(), Options{Source: dir, Destination: dest, Today: goldenToday,
		Progress: func(p Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	delete(got, publish.Marker)
	if len(got) != len(want.files) || res.Files != len(want.files) {
		t.Errorf("wrote %d files (result says %d), the run put %d", len(got), res.Files, len(want.files))
	}
	pages := 0
	for _, f := range want.files {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs from what the run put", f.Path)
		}
		if filepath.Ext(f.Path) == ".html" {
			pages++
		}
	}
	if res.Pages != pages || res.Practices != practices || res.Destination != dest {
		t.Errorf("result: %d practices, %d pages, into %s; want %d, %d and %s", res.Practices, res.Pages, res.Destination,
			practices, pages, dest)
	}
	if len(seen) != practices {
		t.Fatalf("progress reported %d times, want once for each of %d practices", len(seen), practices)
	}
	for i, p := range seen {
		if p.Total != practices || p.Practices != i+1 || i > 0 && p.Pages <= seen[i-1].Pages {
			t.Fatalf("progress %d is %+v after %+v", i, p, seen[max(i-1, 0)])
		}
	}
}

// TestBuildBrokenTemplateKeepsOutput checks that a template failing part way
// through a build leaves the previous output as it was, and
// names the failure once.
func TestBuildBrokenTemplateKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: dir, Destination: dest, Today: goldenToday}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)
	os.MkdirAll(filepath.Join(dir, TemplatesDir), 0o755)
	broken := `{{define "main"}}{{.Data.NoSuchField}}{{end}}`
	if err := os.WriteFile(filepath.Join(dir, TemplatesDir, "runbook.html"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), opt)
	if err == nil {
		t.Fatal("a build with a broken template succeeded")
	}
	if n := bytes.Count([]byte(err.Error()), []byte("templates/runbook.html:1:24: rendering ")); n != 1 {
		t.Errorf("the failure is named %d times, want once:\n%v", n, err)
	}
	after := readTree(t, dest)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after the failed build, %d before", len(after), len(before))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed in a failed build", p)
		}
	}
}

// TestLinksAcrossPractices checks a Markdown link from one practice's
// page to another practice's record and to a section of its page: the
// page links to the record's page, whichever practice is rendered first;
// and a link to a record or a section that is not there is reported at
// the link.
func TestLinksAcrossPractices(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	practices, err := filepath.Glob(filepath.Join(dir, "content", "*", "practice.toml"))
	if err != nil || len(practices) != 3 {
		t.Fatalf("practices: %v %v", practices, err)
	}
	from := filepath.Base(filepath.Dir(practices[2]))
	to := filepath.Base(filepath.Dir(practices[0]))
	services, _ := filepath.Glob(filepath.Join(dir, "content", to, "services", "*.toml"))
	if len(services) == 0 {
		t.Fatal("no service to link to")
	}
	service := strings.TrimSuffix(filepath.Base(services[0]), ".toml")
	// The page's owner must be a person of the practice.
	people, _ := filepath.Glob(filepath.Join(dir, "content", from, "people", "*.toml"))
	owner := strings.TrimSuffix(filepath.Base(people[0]), ".toml")
	page := func(dest, section string) {
		text := "+++\ntitle = \"Working with " + to + "\"\nkind = \"quick-guide\"\nowner = \"" + owner + "\"\nreviewed = 2026-03-13\n+++\n\n" +
			"Their [service](" + dest + ") and [plan](../../" + to + "/practice.toml#" + section + ").\n"
		if err := os.WriteFile(filepath.Join(dir, "content", from, "pages", "neighbours.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "../../" + to + "/services/" + service + ".toml"
	page(good, "maincontent")
	b := mustBuild(t, os.DirFS(dir), Options{Today: goldenToday})
	built, _ := b.file(from + "/pages/neighbours.html")
	if !bytes.Contains(built, []byte(`href="../../`+to+`/services/`+service+`.html"`)) ||
		!bytes.Contains(built, []byte(`href="../../`+to+`/index.html#maincontent"`)) {
		t.Errorf("the page does not link to the other practice's service and plan:\n%s", built)
	}

	for _, tc := range []struct{ dest, section, want string }{
		{"../../" + to + "/services/no-such-service.toml", "maincontent", "no-such-service.toml, which is not a record"},
		{good, "no-such-section", "names a section #no-such-section that its page does not have"},
	} {
		page(tc.dest, tc.section)
		_, err := buildFS(os.DirFS(dir), Options{Today: goldenToday})
		var list site.ErrorList
		errors.As(err, &list)
		if len(list) != 1 || !strings.Contains(list[0].Msg, tc.want) || list[0].Pos.File != "content/"+from+"/pages/neighbours.md" {
			t.Errorf("build reports %v, want one error at the link: %s", err, tc.want)
		}
	}
}
