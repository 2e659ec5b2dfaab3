package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-nhs/handbook/generator/publish"
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
	_, want, err := Render(os.DirFS(dir), Options{Today: goldenToday})
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
	if res.Pages != pages || res.Practices != 6 {
		t.Errorf("result: %d practices, %d pages; want 6 and %d", res.Practices, res.Pages, pages)
	}
	if len(seen) == 0 {
		t.Fatal("no progress reported")
	}
	for i, p := range seen {
		if p.Total != 6 || i > 0 && (p.Practices < seen[i-1].Practices || p.Pages <= seen[i-1].Pages) {
			t.Fatalf("progress %d is %+v after %+v", i, p, seen[max(i-1, 0)])
		}
	}
	if last := seen[len(seen)-1]; last.Practices != 6 || last.Pages != pages {
		t.Errorf("last progress %+v, want 6 of 6 practices and %d pages", last, pages)
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
