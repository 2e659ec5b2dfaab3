package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestReprintOnlyWhatChanged builds a site of two practices with PDFs,
// then again: with nothing changed, every PDF is kept as it was and none
// printed; after an edit to one practice, only its PDFs are printed; and
// printing the other practice only, the edited one's PDFs, no longer
// current, are left out rather than published stale.
func TestReprintOnlyWhatChanged(t *testing.T) {
	browser := pdftest.Browser(t)
	ar, err := txtar.ParseFile("testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, f := range siteFS(ar, "site/") {
		sitetest.Write(t, dir, name, string(f.Data))
		if rest, ok := strings.CutPrefix(name, "content/alpha/"); ok {
			data := string(f.Data)
			if rest == "practice.toml" {
				data = strings.Replace(data, `ods = "Y00001"`, `ods = "Y00002"`, 1)
				data = strings.Replace(data, `name = "Alpha Surgery"`, `name = "Beta Surgery"`, 1)
			}
			sitetest.Write(t, dir, "content/beta/"+rest, data)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	build := func(only func(*site.Summary) bool) Result {
		t.Helper()
		res, err := Build(context.Background(), Options{Source: dir, Destination: out, Today: goldenToday, PDF: true,
			Browser: browser, PrintOnly: only})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	pdfs := func() map[string][]byte {
		m := map[string][]byte{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".pdf") {
				data, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(out, p)
				m[filepath.ToSlash(rel)] = data
			}
			return nil
		})
		return m
	}
	count := func(files map[string][]byte, practice string) int {
		n := 0
		for p := range files {
			if strings.HasPrefix(p, practice+"/") {
				n++
			}
		}
		return n
	}

	cold := build(nil)
	first := pdfs()
	each := count(first, "alpha")
	if cold.PDFs != len(first) || each == 0 || count(first, "beta") != each || cold.Reused != 0 {
		t.Fatalf("cold: %d printed, %d kept, %d PDFs in the output (%d of alpha)", cold.PDFs, cold.Reused, len(first), each)
	}

	again := build(nil)
	if again.PDFs != 0 || again.Reused != len(first) {
		t.Errorf("nothing changed: %d printed and %d kept, want 0 and %d", again.PDFs, again.Reused, len(first))
	}
	for p, data := range pdfs() {
		if !bytes.Equal(data, first[p]) {
			t.Errorf("nothing changed, but %s differs", p)
		}
	}

	sitetest.Replace(t, dir, "content/beta/practice.toml", "list_size = 5000", "list_size = 5001")
	edited := build(nil)
	if edited.PDFs != each || edited.Reused != each {
		t.Errorf("beta edited: %d printed and %d kept, want %d and %d", edited.PDFs, edited.Reused, each, each)
	}

	sitetest.Replace(t, dir, "content/beta/practice.toml", "list_size = 5001", "list_size = 5002")
	only := build(func(s *site.Summary) bool { return s.ID == "alpha" })
	after := pdfs()
	if only.PDFs != 0 || only.Reused != each || only.Unprinted != each || count(after, "beta") != 0 || count(after, "alpha") != each {
		t.Errorf("alpha only, beta edited: %d printed, %d kept, %d left out; the output has %d of alpha's and %d of beta's",
			only.PDFs, only.Reused, only.Unprinted, count(after, "alpha"), count(after, "beta"))
	}
	if _, err := Build(context.Background(), Options{Source: dir, Destination: out, Today: goldenToday, PDF: true, Browser: browser,
		PrintOnly: func(*site.Summary) bool { return false }}); err == nil {
		t.Error("printing no practice did not fail")
	}
}
