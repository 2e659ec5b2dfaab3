package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/synth"
	"github.com/handbook-nhs/handbook/schemas"
)

func writeMarkdown(t testing.TB, opt synth.MarkdownOptions) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.WriteMarkdown(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMarkdownBuilds checks a Markdown site builds with no errors, every
// #:schema header included, and holds the pages asked for: full practices
// and one holding the rest.
func TestMarkdownBuilds(t *testing.T) {
	for _, n := range []int{1, 230} {
		dir := writeMarkdown(t, synth.MarkdownOptions{Pages: n, Seed: 3})
		if err := os.CopyFS(filepath.Join(dir, "schemas"), schemas.FS); err != nil {
			t.Fatal(err)
		}
		b := render(t, dir)
		want := (n + synth.PagesPerPractice - 1) / synth.PagesPerPractice
		if b.practices != want {
			t.Errorf("%d pages: %d practices, want %d", n, b.practices, want)
		}
		// A practice's Markdown pages are <practice>/pages/<id>.html.
		perPractice := map[string]int{}
		for _, f := range b.files {
			if id, page, ok := strings.Cut(f.Path, "/pages/"); ok && page != "index.html" {
				perPractice[id]++
			}
		}
		pages := 0
		for id, n := range perPractice {
			pages += n
			if n > synth.PagesPerPractice {
				t.Errorf("%s has %d pages, more than %d", id, n, synth.PagesPerPractice)
			}
		}
		if pages != n {
			t.Errorf("%d Markdown pages built, want %d", pages, n)
		}
	}
}

// TestMarkdownPages checks the pages are what they stand for: about 600
// words, with headings, lists, emphasis and links, and a table now and
// then, and that the records are few beside them.
func TestMarkdownPages(t *testing.T) {
	files := tree(t, writeMarkdown(t, synth.MarkdownOptions{Pages: 300}))
	var pages, words, tables, records int
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			records++
			continue
		}
		pages++
		_, body, ok := bytes.Cut(data[3:], []byte("\n+++\n"))
		if !bytes.HasPrefix(data, []byte("+++\n")) || !ok {
			t.Fatalf("%s has no TOML front matter", name)
		}
		words += len(bytes.Fields(body))
		if bytes.Contains(body, []byte("\n|---|")) {
			tables++
		}
		for _, want := range []string{"\n## ", "\n- ", "\n1. ", "*", "](", ".md)"} {
			if !bytes.Contains(body, []byte(want)) {
				t.Errorf("%s has no %q", name, want)
			}
		}
	}
	if pages != 300 {
		t.Fatalf("%d pages, want 300", pages)
	}
	if mean := words / pages; mean < 550 || mean > 650 {
		t.Errorf("pages have %d words on average, want about 600", mean)
	}
	if tables == 0 || tables > pages/2 {
		t.Errorf("%d pages of %d have a table, want some", tables, pages)
	}
	if records > pages/10 {
		t.Errorf("%d records for %d pages: the records should be few", records, pages)
	}
}

// TestMarkdownDeterministic writes the same options twice, the second
// time on one CPU, and another seed.
func TestMarkdownDeterministic(t *testing.T) {
	checkDeterministic(t, func(seed int64) string {
		return writeMarkdown(t, synth.MarkdownOptions{Pages: 250, Seed: seed})
	})
}

func TestMarkdownOptions(t *testing.T) {
	for _, n := range []int{-1, synth.MaxMarkdownPages + 1} {
		if err := synth.WriteMarkdown(t.TempDir(), synth.MarkdownOptions{Pages: n}); err == nil {
			t.Errorf("Pages %d: no error", n)
		}
	}
	st, err := synth.WriteMarkdownStats(t.TempDir(), synth.MarkdownOptions{})
	if err != nil || st.Practices != 1 || st.Files < synth.PagesPerPractice {
		t.Errorf("zero MarkdownOptions: %+v, %v; want one practice of %d pages", st, err, synth.PagesPerPractice)
	}
	// A Markdown site may replace a site synth wrote, and the other way.
	dir := write(t, synth.Options{Practices: 2})
	if err := synth.WriteMarkdown(dir, synth.MarkdownOptions{Pages: 10}); err != nil {
		t.Errorf("could not replace a practices site: %v", err)
	}
	if err := synth.Write(dir, synth.Options{Practices: 1}); err != nil {
		t.Errorf("could not replace a Markdown site: %v", err)
	}
}

// TestMarkdownDramaNumbers checks the phone numbers of Markdown sites are
// in Ofcom's ranges for drama too.
func TestMarkdownDramaNumbers(t *testing.T) {
	phone := regexp.MustCompile(`\b0\d{2,4} ?\d{3} ?\d{3,4}\b`)
	drama := regexp.MustCompile(`^(01632 960\d{3}|07700 900\d{3})$`)
	for name, data := range tree(t, writeMarkdown(t, synth.MarkdownOptions{Pages: 120})) {
		for _, m := range phone.FindAll(data, -1) {
			if !drama.Match(m) {
				t.Errorf("%s: phone number %s is not in a drama range", name, m)
			}
		}
	}
}
