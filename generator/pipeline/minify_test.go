package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
)

// TestMinifiedTemplates checks that the pages a build renders from the
// minified templates mean what the templates as written mean: for every
// HTML page of the example site, and of synthetic sites whose overrides
// put the minifier's edges to the test, the page
// minified is the page rendered with --no-minify, minified, byte for
// byte.
func TestMinifiedTemplates(t *testing.T) {
	synthetic := func(overrides map[string]string) fs.FS {
		dir := t.TempDir()
		if err := synth.Write(dir, synth.Options{Practices: 1, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		for name, text := range overrides {
			p := filepath.Join(dir, TemplatesDir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return os.DirFS(dir)
	}
	sites := []struct {
		name string
		fsys fs.FS
	}{
		{"example", os.DirFS(exampleSite)},
		// White space at the edges of a partial shown inline; entities
		// that actions complete; an action in a comment.
		{"edges", synthetic(map[string]string{
			"partials/source.html": `<p>Source:{{template "partials/probe.html" .}}.</p>` +
				"\n<!-- {{.Title}} -->{{template \"partials/amp.html\"}}\n",
			"partials/probe.html": "\t{{.Title}}  \n",
			"partials/amp.html":   "<p>R&amp;{{\"lt;\"}} &amp;\t{{- \"gt;\"}}</p>",
		})},
		// A partial shown in <pre>, where white space is kept: the pages
		// are minified as before.
		{"pre", synthetic(map[string]string{
			"partials/source.html": `<pre>{{template "partials/probe.html" .}}</pre>`,
			"partials/probe.html":  "  {{.Title}}\n    indented\n",
		})},
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			small := mustBuild(t, s.fsys, Options{Today: goldenToday}).files
			plain := mustBuild(t, s.fsys, Options{Today: goldenToday, NoMinify: true}).files
			if len(small) != len(plain) {
				t.Fatalf("%d files minified, %d not", len(small), len(plain))
			}
			pages := 0
			for i, f := range small {
				if f.Path != plain[i].Path {
					t.Fatalf("file %d is %s minified, %s not", i, f.Path, plain[i].Path)
				}
				if !strings.HasSuffix(f.Path, ".html") {
					continue
				}
				pages++
				got, err := m.Bytes("text/html", f.Data)
				if err != nil {
					t.Fatal(err)
				}
				want, err := m.Bytes("text/html", plain[i].Data)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the page rendered from the templates as written:\n%s", f.Path, difference(got, want))
				}
			}
			if pages < 50 {
				t.Fatalf("compared %d pages", pages)
			}
		})
	}
}

// difference shows where got and want first differ.
func difference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-80, 0)
	return "  got:  …" + string(got[from:min(i+80, len(got))]) + "\n  want: …" + string(want[from:min(i+80, len(want))])
}
