package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
)

// TestCachedPartial checks the template function cached: a partial cached
// by the page's depth is rendered once for each depth among one part's
// pages and shown again on the others, and never shown on another part's
// pages.
func TestCachedPartial(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	overrides := map[string]string{
		"partials/probe.html":       `<p class="probe">{{.Path}}</p>`,
		"partials/breadcrumbs.html": `{{cached "partials/probe.html" . .Root}}`,
	}
	for name, text := range overrides {
		p := filepath.Join(dir, TemplatesDir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, files, err := Render(os.DirFS(dir), Options{Today: goldenToday})
	if err != nil {
		t.Fatal(err)
	}
	practice := map[string]bool{}
	for _, pr := range h.Practices {
		practice[strings.TrimSuffix(pr.Dir(), "/")] = true
	}
	probe := regexp.MustCompile(`<p class="probe">([^<]*)</p>`)
	// shown[practice folder and depth] is the page whose probe those
	// pages show.
	shown := map[string]string{}
	pages := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".html") || !strings.Contains(f.Path, "/") {
			continue
		}
		m := probe.FindSubmatch(f.Data)
		if m == nil {
			continue // a print layout: no breadcrumbs
		}
		pages++
		from := string(m[1])
		folder, name, _ := strings.Cut(f.Path, "/")
		if !practice[folder] {
			// An organisation's or course's page is a part of its own.
			if name != "index.html" && from != f.Path {
				t.Errorf("%s shows the probe of %s, a page of another part", f.Path, from)
			}
			continue
		}
		if fromFolder, _, _ := strings.Cut(from, "/"); fromFolder != folder {
			t.Errorf("%s shows the probe of %s, a page of another part", f.Path, from)
		}
		if strings.Count(from, "/") != strings.Count(f.Path, "/") {
			t.Errorf("%s shows the probe of %s, a page at another depth", f.Path, from)
		}
		key := folder + "/" + strings.Repeat("../", strings.Count(f.Path, "/"))
		if first, ok := shown[key]; !ok {
			shown[key] = from
		} else if first != from {
			t.Errorf("%s shows the probe of %s; other pages of its part at its depth show %s", f.Path, from, first)
		}
	}
	if len(h.Practices) != 2 || pages < 40 {
		t.Fatalf("checked %d pages of %d practices", pages, len(h.Practices))
	}
	for _, pr := range h.Practices {
		for _, depth := range []string{"../", "../../"} {
			if _, ok := shown[pr.Dir()+depth]; !ok {
				t.Errorf("no page of %s at depth %s shows the probe", pr.Dir(), depth)
			}
		}
	}
}
