package pipeline

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileText puts markup and script in every kind of text a practice
// manager writes (names, free text, list items, Markdown bodies, link
// targets) and checks that every page shows it as text: no element, event
// handler or javascript: URL from the content reaches the output.
func TestHostileText(t *testing.T) {
	const script = `<script>alert("x")</script>`
	fsys := fixture(t)
	svc := "content/alpha/services/clinical.toml"
	edit(t, fsys, svc, `name = "Clinical <System>"`, `name = 'Clinical `+script+`'`)
	edit(t, fsys, svc, `purpose = "Records & appointments."`, `purpose = '<img src=x onerror=alert(1)> and `+script+`'`)
	edit(t, fsys, "content/alpha/people/pm.toml", `name = "`, `name = "<b onmouseover=alert(1)>`)
	// The practice name goes into print.css as a CSS string.
	edit(t, fsys, "content/alpha/practice.toml", `name = "Alpha Surgery"`, `name = 'Alpha "} body { display: none } </style> Surgery'`)
	page := "content/alpha/pages/ig-policy.md"
	edit(t, fsys, page, "# Purpose", "# Purpose <iframe src=//evil.example>\n\n[click](https://example.nhs.uk/\"onclick=\"alert(1))\n\n<a href=\"javascript:alert(1)\">raw</a>")

	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	seen := false
	for _, f := range b.files {
		if f.Path == "alpha/print.css" {
			css := string(f.Data)
			const want = `content: "Alpha \22 } body { display: none } \3c /style\3e  Surgery";`
			if strings.Count(css, want) != 2 || strings.Count(css, `"`) != 8 {
				t.Errorf("alpha/print.css does not escape the practice name:\n%s", css)
			}
		}
		if strings.HasSuffix(f.Path, "search-index.js") {
			// The index is a script: the content must reach it as JSON
			// strings that cannot end a script or start markup.
			if bytes.ContainsAny(f.Data, "<>") || !bytes.Contains(f.Data, []byte(`Clinical \u003cscript\u003ealert(\"x\")`)) {
				t.Errorf("%s does not escape the content:\n%.300s", f.Path, f.Data)
			}
		}
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			// The theme uses no frames or images, and no script but its
			// own files: the continuity pack's layout script, the
			// register's sorting, the search and the search index.
			if n.Data == "script" && themeScript(n) {
				continue
			}
			switch n.Data {
			case "script", "iframe", "img":
				t.Errorf("%s has a <%s> element from the content", f.Path, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", f.Path, n.Data, a.Key, a.Val)
				}
			}
		}
		if bytes.Contains(f.Data, []byte("Clinical &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")) {
			seen = true
		}
	}
	if !seen {
		t.Error("the service name with markup is not shown as text on any page")
	}
}

// themeScript reports whether n is a <script> of the theme's own: src, a
// file of the theme or a search index, and no inline code.
func themeScript(n *html.Node) bool {
	if n.FirstChild != nil {
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "src" {
			continue
		}
		src := a.Val
		for strings.HasPrefix(src, "../") {
			src = src[3:]
		}
		practiceIndex := strings.Count(src, "/") == 1 && strings.HasSuffix(src, "/search-index.js")
		return src == "assets/pack.js" || src == "assets/search.js" || src == "assets/register.js" || src == "search-index.js" ||
			practiceIndex && !strings.Contains(src, ":")
	}
	return false
}
