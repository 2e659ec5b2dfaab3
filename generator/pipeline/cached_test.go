package pipeline

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
)

// TestCachedPartial checks the template function cached: a partial cached
// with no key is rendered once for each folder of one part's pages (a
// practice's pages, the top pages, an organisation's or a course's page)
// and shown again on the other pages of that folder, and never on a page
// of another folder or part.
func TestCachedPartial(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	overrides := map[string]string{
		"partials/probe.html":       `<p class="probe">{{.Path}}</p>`,
		"partials/breadcrumbs.html": `{{cached "partials/probe.html" .}}`,
	}
	for name, text := range overrides {
		p := filepath.Join(dir, TemplatesDir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := mustBuild(t, os.DirFS(dir), Options{Today: goldenToday})
	probe := regexp.MustCompile(`<p class="probe">([^<]*)</p>`)
	// shown[folder] is the page whose probe the pages of folder show.
	shown := map[string]string{}
	pages := 0
	for _, f := range b.files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		m := probe.FindSubmatch(f.Data)
		if m == nil {
			continue // a print layout: no breadcrumbs
		}
		pages++
		from := string(m[1])
		if path.Dir(from) != path.Dir(f.Path) {
			t.Errorf("%s shows the probe of %s, a page of another folder", f.Path, from)
		}
		if top, _, _ := strings.Cut(f.Path, "/"); (top == "organisations" || top == "courses") && path.Base(f.Path) != "index.html" {
			// An organisation's or course's page is a part of its own.
			if from != f.Path {
				t.Errorf("%s shows the probe of %s, a page of another part", f.Path, from)
			}
			continue
		}
		if first, ok := shown[path.Dir(f.Path)]; !ok {
			shown[path.Dir(f.Path)] = from
		} else if first != from {
			t.Errorf("%s shows the probe of %s; other pages of its folder show %s", f.Path, from, first)
		}
	}
	if pages < 40 || len(shown) < 10 {
		t.Fatalf("checked %d pages in %d folders", pages, len(shown))
	}
}
