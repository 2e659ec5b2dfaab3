package pipeline

import (
	"bytes"
	"context"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// buildExample builds the example site into a new temporary folder, as
// handbook build does.
func buildExample(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: exampleSite, Destination: dest, Today: goldenToday}); err != nil {
		t.Fatalf("build example:\n%v", err)
	}
	return dest
}

// readTree returns every file under root by slash-separated relative path.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The same content makes the same files, on one core as on many.
func TestExampleBuildIsDeterministic(t *testing.T) {
	a := example(t).tree()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := mustBuild(t, os.DirFS(exampleSite), Options{Today: goldenToday,
		History: GitHistory(context.Background(), exampleSite)}).tree()
	if len(a) != len(b) {
		t.Fatalf("build on many cores made %d files, on 1 core %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds of the same content, on many cores and on 1", name)
		}
	}
	if _, ok := a["index.html"]; !ok {
		t.Error("no index.html")
	}
}

// TestExampleLinksResolve walks every href and src of the built example and
// checks that each names a file in the output: relative, no host, not a
// folder, and that a #fragment names an id on the target page. A tel:
// link rings a number, and is the one other kind allowed.
func TestExampleLinksResolve(t *testing.T) {
	files := example(t).tree()
	ids := map[string]map[string]bool{}
	type ref struct{ page, attr, val string }
	var refs []ref
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]bool{}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					ids[name][a.Val] = true
				case "href", "src", "action", "srcset", "poster", "data":
					refs = append(refs, ref{name, a.Key, a.Val})
				}
			}
		}
	}
	if len(refs) < 1000 {
		t.Fatalf("only %d links found: is the example content complete?", len(refs))
	}
	for _, r := range refs {
		u, err := url.Parse(r.val)
		switch {
		case err != nil:
			t.Errorf("%s: %s=%q does not parse: %v", r.page, r.attr, r.val, err)
			continue
		case r.attr == "href" && u.Scheme == "tel" && regexp.MustCompile(`^\+?[0-9]{3,}$`).MatchString(u.Opaque):
			continue
		case u.Scheme != "" || u.Host != "" || strings.HasPrefix(r.val, "/"):
			t.Errorf("%s: %s=%q is not a relative link within the handbook", r.page, r.attr, r.val)
			continue
		}
		target := r.page
		if u.Path != "" {
			if strings.HasSuffix(u.Path, "/") {
				t.Errorf("%s: %s=%q links to a folder, which fails from file://", r.page, r.attr, r.val)
				continue
			}
			target = path.Join(path.Dir(r.page), u.Path)
			if strings.HasPrefix(target, "../") || target == ".." {
				t.Errorf("%s: %s=%q leaves the output folder", r.page, r.attr, r.val)
				continue
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: %s=%q: no file %s", r.page, r.attr, r.val, target)
				continue
			}
		}
		if u.Fragment != "" && !ids[target][u.Fragment] {
			t.Errorf("%s: %s=%q: %s has no id %q", r.page, r.attr, r.val, target, u.Fragment)
		}
	}
}

// TestPersonalMobiles checks that a private build (--packs) prints each
// practice's personal mobile numbers in its continuity pack, but never a
// leaver's, and in no other file of the built site: not on an intranet
// page, not in another practice's pack, not in an export (register.csv,
// reviews.ics, practice.json, handbook.json). TestNoSensitiveValueIsPublished
// checks that a build for the intranet has none at all.
func TestPersonalMobiles(t *testing.T) {
	b := mustBuild(t, os.DirFS(exampleSite), Options{Today: goldenToday, Packs: true})
	files := b.tree()
	n := 0
	for _, p := range b.practices(t) {
		pack := p.ID + "/continuity-pack.html"
		for _, pe := range p.People {
			m := pe.PersonalMobile
			if m == "" {
				continue
			}
			n++
			// Everyone who has a mobile is in the cascade, or may invoke
			// the plan or lead a step, so the pack prints it as written,
			// unless they have left.
			if pe.IsLeaver() {
				if bytes.Contains(files[pack], []byte(m)) {
					t.Errorf("%s prints the personal mobile %s of %s, who has left", pack, m, pe.Name)
				}
			} else if !bytes.Contains(files[pack], []byte(m)) {
				t.Errorf("%s does not print the personal mobile %s of %s", pack, m, pe.Name)
			}
			for name, data := range files {
				if name == pack {
					continue
				}
				if bytes.Contains(data, []byte(m)) || bytes.Contains(data, []byte(strings.ReplaceAll(m, " ", ""))) {
					t.Errorf("%s contains the personal mobile %s of %s", name, m, pe.Name)
				}
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d personal mobiles in the example: the test would prove little", n)
	}
}

// TestPublicFacingSite checks that a public-facing site publishes no
// continuity pack unless told to, and that a pack holds personal mobiles
// only where a site of one practice asks for them.
func TestPublicFacingSite(t *testing.T) {
	for _, tc := range []struct {
		settings       string
		packs, numbers bool
	}{
		{"", true, false},
		{"[publish]\npublic_facing = true\n", false, false},
		{"[publish]\npublic_facing = true\ncontinuity_packs = true\n", true, false},
		{"[publish]\ncontinuity_packs = false\n", false, false},
		{"[publish]\npersonal_numbers = true\n", true, true},
	} {
		fsys := fixture(t)
		fsys["handbook.toml"] = &fstest.MapFile{Data: append(bytes.Clone(fsys["handbook.toml"].Data), tc.settings...)}
		b, err := buildFS(fsys, Options{Today: goldenToday, NoMinify: true})
		if err != nil {
			t.Fatalf("%q: %v", tc.settings, err)
		}
		var pack, mobile, link bool
		for _, f := range b.files {
			pack = pack || f.Path == "alpha/continuity-pack.html"
			mobile = mobile || bytes.Contains(f.Data, []byte("07700 900001"))
			link = link || bytes.Contains(f.Data, []byte(`href="continuity-pack.html"`))
		}
		if pack != tc.packs || link != tc.packs || mobile != tc.numbers {
			t.Errorf("%q: pack published %v, pack linked %v, mobile published %v; want %v, %v, %v",
				tc.settings, pack, link, mobile, tc.packs, tc.packs, tc.numbers)
		}
	}
}
