package build

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
	page := "content/alpha/pages/ig-policy.md"
	edit(t, fsys, page, "# Purpose", "# Purpose <iframe src=//evil.example>\n\n[click](https://example.nhs.uk/\"onclick=\"alert(1))\n\n<a href=\"javascript:alert(1)\">raw</a>")

	_, files, err := Render(fsys, Options{Today: goldenToday, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, f := range files {
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
			// The theme uses no script, frames or images.
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
