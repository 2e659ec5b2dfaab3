package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
)

func TestHugoProject(t *testing.T) {
	src, dir := t.TempDir(), filepath.Join(t.TempDir(), "hugo")
	if err := synth.WriteMarkdown(src, synth.MarkdownOptions{Pages: 120}); err != nil {
		t.Fatal(err)
	}
	// Written afresh: what an earlier project held goes.
	stale := filepath.Join(dir, "content", "gone", "pages", "old.md")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := hugoProject(src, dir)
	if err != nil || n != 120 {
		t.Fatalf("hugoProject: %d pages, %v; want 120", n, err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the earlier project's page is left: %v", err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content", "*", "pages", "*.md"))
	if len(pages) != 120 {
		t.Errorf("%d pages in the project, want 120", len(pages))
	}
	rel, _ := filepath.Rel(dir, pages[0])
	want, _ := os.ReadFile(filepath.Join(src, rel))
	if got, err := os.ReadFile(pages[0]); err != nil || string(got) != string(want) {
		t.Errorf("%s is not the site's page: %v", rel, err)
	}
	for name, want := range map[string]string{
		"hugo.toml":                    "uglyURLs = true",
		"layouts/_default/single.html": `<li><a href="index.html" aria-current="page">Policies and guides</a></li>`,
	} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s has no %q: %v", name, want, err)
		}
	}
}

// stubHugo writes a program that answers like Hugo: "version", and a
// build that writes an empty page for each Markdown page of the project.
func stubHugo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hugo")
	script := `#!/bin/sh
if [ "$1" = version ]; then echo "hugo v0.0.1-stub linux/amd64"; exit 0; fi
while [ $# -gt 0 ]; do
	case "$1" in
	--source) src=$2; shift ;;
	--destination) dest=$2; shift ;;
	esac
	shift
done
cd "$src/content" || exit 1
for p in */pages/*.md; do
	mkdir -p "$dest/$(dirname "$p")" && : > "$dest/${p%.md}.html" || exit 1
done
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestFindHugo(t *testing.T) {
	ctx := context.Background()
	stub := stubHugo(t)
	if bin, v, err := findHugo(ctx, stub); bin != stub || v != "v0.0.1-stub" || err != nil {
		t.Errorf("the stub: %q, %q, %v", bin, v, err)
	}
	if bin, _, err := findHugo(ctx, "none"); bin != "" || err != nil {
		t.Errorf("none: %q, %v; want no Hugo", bin, err)
	}
	// With none named, hugo on the PATH, if any.
	t.Setenv("PATH", filepath.Dir(stub))
	if bin, _, err := findHugo(ctx, ""); bin != stub || err != nil {
		t.Errorf("none named, hugo on the PATH: %q, %v; want %s", bin, err, stub)
	}
	t.Setenv("PATH", t.TempDir())
	if bin, _, err := findHugo(ctx, ""); bin != "" || err != nil {
		t.Errorf("none named, no hugo on the PATH: %q, %v; want no Hugo and no error", bin, err)
	}
	var h hinted
	missing := filepath.Join(t.TempDir(), "hugo")
	if _, _, err := findHugo(ctx, missing); !errors.As(err, &h) || !strings.Contains(h.hint, "go install github.com/gohugoio/hugo@v0.165.0") {
		t.Errorf("named but missing: %v; want an error with a hint", err)
	}
	notHugo := filepath.Join(t.TempDir(), "true")
	if err := os.WriteFile(notHugo, []byte("#!/bin/sh\necho hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := findHugo(ctx, notHugo); err == nil || !strings.Contains(err.Error(), "not a Hugo version") {
		t.Errorf("a program that is not Hugo: %v", err)
	}
}

func TestSamePages(t *testing.T) {
	ref, dir := t.TempDir(), t.TempDir()
	write := func(root, name, text string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(ref, "a/one.html", "<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n")
	write(dir, "a/one.html", "<table>\n\t<tr>\n\t\t<td>x</td>\n\t</tr>\n</table>")
	write(ref, "a/two.html", "<p>Ring 01632 960001</p>")
	write(dir, "a/two.html", "<p>Ring 01632 960002</p>")
	write(ref, "b/three.html", "<p>three</p>")
	write(ref, "b/notes.txt", "not a page")
	differ, example, err := samePages(dir, ref)
	if err != nil || differ != 2 || example != "a/two.html" {
		t.Errorf("samePages: %d differ, such as %q, %v; want 2 (a/two.html, and the missing b/three.html)", differ, example, err)
	}
}
