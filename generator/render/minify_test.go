package render

import (
	"io/fs"
	"os"
	"path"
	"testing"
)

// TestMinifyTemplates checks what minifyTemplates does with a few
// fragments; generator/pipeline checks that whole sites render the same.
func TestMinifyTemplates(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"space at the edges stays", " Every {{plural .N \"day\" \"days\"}} \n", " Every {{plural .N \"day\" \"days\"}}\n"},
		{"space between actions stays", "{{range $i, $s := .}}{{if $i}};  {{end}}{{$s}}{{end}}", "{{range $i, $s := .}}{{if $i}}; {{end}}{{$s}}{{end}}"},
		{"space next to a block goes", "<p>{{.A}}</p>\n\n<div>{{.B}}</div>\n", "<p>{{.A}}</p><div>{{.B}}</div>"},
		{"& before an action stays &amp;", "R&amp;{{.D}}", "R&amp;{{.D}}"},
		{"an action in a comment stays", "<p>{{.A}}</p>\n<!-- {{.B}} -->", "<p>{{.A}}</p>\n<!-- {{.B}} -->"},
		{"a template comment with an apostrophe is emptied", "{{- /* the page's trail */ -}}\n<p>\n  {{.A}}\n</p>\n", "{{- /**/ -}}<p>{{.A}}</p>"},
		{"a template comment is emptied", "<p>{{/* it\n}} */}}{{.A}}</p>", "<p>{{/**/}}{{.A}}</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := minifyTemplates(map[string][]byte{"t.html": []byte(tc.text)})
			if string(got["t.html"]) != tc.want {
				t.Errorf("minified\n%q\nto\n%q, want\n%q", tc.text, got["t.html"], tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, text string }{
		{"in <pre>", `<pre>{{template "code.html" .}}</pre>`},
		{"in <script>", `<script>{{template "code.js" .}}</script>`},
		{"in <textarea>", `<textarea>{{block "text" .}}{{end}}</textarea>`},
		{"in an attribute", `<a title="{{template "title.html" .}}">`},
		{"in a tag", `<a {{template "attrs.html" .}}>`},
		{"cached, in <title>", `<title>{{cached "title.html" .}}</title>`},
	} {
		t.Run("a call "+tc.name+" leaves the templates as written", func(t *testing.T) {
			files := map[string][]byte{"t.html": []byte(tc.text), "u.html": []byte("<p>\n  {{.}}\n</p>")}
			if got := minifyTemplates(files); got != nil {
				t.Errorf("minified %q", got["t.html"])
			}
		})
	}
}

// TestMinifyThemeTemplates checks that the theme's templates are
// minified, not left for each page to be.
func TestMinifyThemeTemplates(t *testing.T) {
	files := map[string][]byte{}
	theme := os.DirFS("../../themes/default/templates")
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		files[p], err = fs.ReadFile(theme, p)
		return err
	})
	if err != nil || len(files) < 40 {
		t.Fatalf("read %d templates: %v", len(files), err)
	}
	small := minifyTemplates(files)
	if small == nil {
		t.Fatal("the theme's templates were not minified")
	}
	before, after := 0, 0
	for name, data := range files {
		before += len(data)
		after += len(small[name])
	}
	if after >= before {
		t.Errorf("the theme's templates minified are %d bytes, %d as written", after, before)
	}
}
