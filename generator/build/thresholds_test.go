package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestThresholdsReachTheTemplates checks that the governance thresholds
// of handbook.toml are the ones the template functions measure against,
// both when the templates are parsed while the content is read (Run) and
// when they are parsed after (Render): with due_soon_days of ten years,
// every date to come is due soon, and no page shows "In date".
func TestThresholdsReachTheTemplates(t *testing.T) {
	const inDate = `<strong class="badge badge-ok">In date</strong>` // as due shows it
	count := func(files map[string][]byte) (n int) {
		for _, data := range files {
			n += bytes.Count(data, []byte(inDate))
		}
		return n
	}
	build := func(dir string) (run, render map[string][]byte) {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Source: dir, Destination: dest, Today: goldenToday}); err != nil {
			t.Fatal(err)
		}
		run = map[string][]byte{}
		err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			data, err := os.ReadFile(p)
			run[p] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, files, err := Render(os.DirFS(dir), Options{Today: goldenToday})
		if err != nil {
			t.Fatal(err)
		}
		render = map[string][]byte{}
		for _, f := range files {
			render[f.Path] = f.Data
		}
		return run, render
	}

	dir := sitetest.CopyExample(t, exampleSite)
	run, render := build(dir)
	if count(run) == 0 || count(render) == 0 {
		t.Fatalf("the example shows no %q badge with the default thresholds: the test shows nothing", inDate)
	}
	config := sitetest.Read(t, dir, "handbook.toml")
	if strings.Contains(config, "[governance]") {
		t.Fatal("the example's handbook.toml has [governance] already: set due_soon_days there")
	}
	sitetest.Write(t, dir, "handbook.toml", config+"\n[governance]\ndue_soon_days = 3650\n")
	run, render = build(dir)
	if n := count(run); n != 0 {
		t.Errorf("Run: %d %q badges with due_soon_days = 3650", n, inDate)
	}
	if n := count(render); n != 0 {
		t.Errorf("Render: %d %q badges with due_soon_days = 3650", n, inDate)
	}
}
