package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
)

func TestMinimal(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "out")
	if err := synth.WriteMarkdown(src, synth.MarkdownOptions{Pages: 120}); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-source", src, "-destination", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "minimal: 120 pages in ") {
		t.Errorf("stdout: %s", stdout.String())
	}
	pages, _ := filepath.Glob(filepath.Join(dest, "*", "pages", "*.html"))
	if len(pages) != 120 {
		t.Fatalf("%d pages written, want 120", len(pages))
	}
	md, _ := filepath.Glob(filepath.Join(src, "content", "*", "pages", "*.md"))
	rel, _ := filepath.Rel(filepath.Join(src, "content"), md[0])
	html, err := os.ReadFile(filepath.Join(dest, strings.TrimSuffix(rel, ".md")+".html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>", "<h2 id=", "<li><a href=\"../index.html\">Home</a></li>", "<dt>Owner</dt>"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("%s has no %q", rel, want)
		}
	}
}

func TestMinimalErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "minimal: error: usage: minimal -source DIR -destination DIR"},
		{[]string{"-source", t.TempDir(), "-destination", t.TempDir()}, 1, "minimal: error: "},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != tc.code || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("minimal %q: exit %d, %s; want exit %d, %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}
