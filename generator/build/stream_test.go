package build

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

// TestRunWritesWhatRenderMakes checks that the streaming build writes the
// very files an in-memory render makes, and reports its progress part by
// part up to every practice, on a synthetic site of several practices
// (parts are rendered on every core, in no fixed order).
func TestRunWritesWhatRenderMakes(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 6, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	t.Run("synthetic", func(t *testing.T) { checkRunWritesWhatRenderMakes(t, dir, 6) })
	t.Run("example", func(t *testing.T) { checkRunWritesWhatRenderMakes(t, exampleSite, 2) })
}

func checkRunWritesWhatRenderMakes(t *testing.T, dir string, practices int) {
	// Run asks git when files last changed: so must Render.
	_, want, err := Render(os.DirFS(dir), Options{Today: goldenToday, History: GitHistory(context.Background(), dir)})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var seen []Progress
	res, err := Run(context.Background(), Options{Source: dir, Destination: dest, Today: goldenToday,
		Progress: func(p Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	delete(got, publish.Marker)
	if len(got) != len(want) || res.Files != len(want) {
		t.Errorf("wrote %d files (result says %d), render makes %d", len(got), res.Files, len(want))
	}
	pages := 0
	for _, f := range want {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs from the in-memory render", f.Path)
		}
		if filepath.Ext(f.Path) == ".html" {
			pages++
		}
	}
	if res.Pages != pages || res.Practices != practices {
		t.Errorf("result: %d practices, %d pages; want %d and %d", res.Practices, res.Pages, practices, pages)
	}
	if len(seen) == 0 {
		t.Fatal("no progress reported")
	}
	for i, p := range seen {
		if p.Total != practices || i > 0 && (p.Practices < seen[i-1].Practices || p.Pages <= seen[i-1].Pages) {
			t.Fatalf("progress %d is %+v after %+v", i, p, seen[max(i-1, 0)])
		}
	}
	if last := seen[len(seen)-1]; last.Practices != practices || last.Pages != pages {
		t.Errorf("last progress %+v, want %d of %d practices and %d pages", last, practices, practices, pages)
	}
}

// TestRunBrokenTemplateKeepsOutput checks that a template failing part way
// through a streaming build leaves the previous output as it was, and
// names the failure once.
func TestRunBrokenTemplateKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: dir, Destination: dest, Today: goldenToday}
	if _, err := Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)
	os.MkdirAll(filepath.Join(dir, TemplatesDir), 0o755)
	broken := `{{define "main"}}{{.Data.NoSuchField}}{{end}}`
	if err := os.WriteFile(filepath.Join(dir, TemplatesDir, "runbook.html"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), opt)
	if err == nil {
		t.Fatal("a build with a broken template succeeded")
	}
	if n := bytes.Count([]byte(err.Error()), []byte("templates/runbook.html: rendering ")); n != 1 {
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

// TestRunLinksAcrossPractices checks a Markdown link from one practice's
// page to another practice's record, which the streaming build resolves
// before that practice is read: the page links to the record's page as
// Render's does, and a link to a record that is not there is reported at
// the link, as Render reports it.
func TestRunLinksAcrossPractices(t *testing.T) {
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
	page := func(dest string) {
		text := "+++\ntitle = \"Working with " + to + "\"\nkind = \"quick-guide\"\nowner = \"" + owner + "\"\nreviewed = 2026-03-13\n+++\n\n" +
			"Their [service](" + dest + ") and [plan](../../" + to + "/practice.toml#maincontent).\n"
		if err := os.WriteFile(filepath.Join(dir, "content", from, "pages", "neighbours.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "../../" + to + "/services/" + service + ".toml"
	page(good)
	_, want, renderErr := Render(os.DirFS(dir), Options{Today: goldenToday})
	dest := filepath.Join(t.TempDir(), "public")
	_, runErr := Run(context.Background(), Options{Source: dir, Destination: dest, Today: goldenToday})
	if renderErr != nil || runErr != nil {
		t.Fatalf("render: %v\nrun: %v", renderErr, runErr)
	}
	got := readTree(t, dest)
	for _, f := range want {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs from the in-memory render", f.Path)
		}
	}
	built := string(got[from+"/pages/neighbours.html"])
	if !strings.Contains(built, `href="../../`+to+`/services/`+service+`.html"`) {
		t.Errorf("the page does not link to the other practice's service:\n%s", built)
	}

	page("../../" + to + "/services/no-such-service.toml")
	_, _, renderErr = Render(os.DirFS(dir), Options{Today: goldenToday})
	_, runErr = Run(context.Background(), Options{Source: dir, Destination: dest, Today: goldenToday})
	var rendered, ran site.ErrorList
	errors.As(renderErr, &rendered)
	errors.As(runErr, &ran)
	if len(rendered) != 1 || !strings.Contains(rendered[0].Msg, "no-such-service.toml, which is not a record") {
		t.Fatalf("render reports %v", renderErr)
	}
	if formatErrors(ran) != formatErrors(rendered) {
		t.Errorf("run reports\n%s\nrender reports\n%s", formatErrors(ran), formatErrors(rendered))
	}
	if again := readTree(t, dest); !bytes.Equal(again[from+"/pages/neighbours.html"], got[from+"/pages/neighbours.html"]) {
		t.Error("the failed build changed the output")
	}
}
