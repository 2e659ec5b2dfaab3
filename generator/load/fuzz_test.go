package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

// kinds are the record types a fuzzed file is read as, with a file name of
// the right kind for each.
var kinds = []struct {
	kind, file string
	rec        func() (any, *site.Source)
}{
	{"handbook", "handbook.toml", func() (any, *site.Source) { r := &site.Config{}; return r, &r.Source }},
	{"practice", "content/p/practice.toml", func() (any, *site.Source) { r := &site.Practice{}; return r, &r.Source }},
	{"roles", "content/p/roles.toml", func() (any, *site.Source) { r := &site.RoleList{}; return r, &r.Source }},
	{"training", "content/p/training.toml", func() (any, *site.Source) { r := &site.Training{}; return r, &r.Source }},
	{"person", "content/p/people/x.toml", func() (any, *site.Source) { r := &site.Person{}; return r, &r.Source }},
	{"service", "content/p/services/x.toml", func() (any, *site.Source) { r := &site.Service{}; return r, &r.Source }},
	{"runbook", "content/p/runbooks/x.toml", func() (any, *site.Source) { r := &site.Runbook{}; return r, &r.Source }},
	{"exercise", "content/p/exercises/x.toml", func() (any, *site.Source) { r := &site.Exercise{}; return r, &r.Source }},
	{"review", "content/p/reviews/x.toml", func() (any, *site.Source) { r := &site.ReviewRecord{}; return r, &r.Source }},
	{"organisation", "content/organisations/x.toml", func() (any, *site.Source) { r := &site.Organisation{}; return r, &r.Source }},
	{"course", "content/courses/x.toml", func() (any, *site.Source) { r := &site.Course{}; return r, &r.Source }},
}

// exampleFiles returns the example site's files with the given extension,
// as fuzz seeds.
func exampleFiles(f *testing.F, ext string) [][]byte {
	var out [][]byte
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ext {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return out
}

// checkPositions fails unless every error names file at a line and column
// inside data (or just past its end, where a missing value belongs).
func checkPositions(t *testing.T, errs site.ErrorList, file string, data []byte) {
	t.Helper()
	lines := bytes.Split(data, []byte("\n"))
	for _, e := range errs {
		p := e.Pos
		if p.File != file || p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > len(lines[p.Line-1])+1 {
			t.Fatalf("error without a valid position in %d lines: %v", len(lines), e)
		}
		if strings.Contains(e.Hint, "fault in handbook") {
			t.Fatalf("the schema and the Go model disagree: %v", e)
		}
		if e.Msg == "" {
			t.Fatalf("error without a message at %v", p)
		}
	}
}

// FuzzRecord reads arbitrary bytes as each kind of TOML record. It must
// never panic, and every error must point into the file.
func FuzzRecord(f *testing.F) {
	for _, data := range exampleFiles(f, ".toml") {
		f.Add(data)
	}
	f.Add([]byte("name = \"\x00\"\n[[steps]]\nrole = 1\n"))
	f.Add([]byte("a.b.c = 1\na.b = 2\n"))
	f.Add([]byte{0xff, 0xfe, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range kinds {
			l := testReader(fstest.MapFS{k.file: {Data: data}}).loader()
			rec, src := k.rec()
			l.record(k.file, k.kind, rec, src)
			checkPositions(t, l.errs, k.file, data)
		}
	})
}

// FuzzFrontMatter reads arbitrary bytes as a Markdown page with TOML front
// matter.
func FuzzFrontMatter(f *testing.F) {
	for _, data := range exampleFiles(f, ".md") {
		f.Add(data)
	}
	f.Add([]byte("+++\ntitle = 1\n+++\n# Body\n"))
	f.Add([]byte("---\ntitle: yaml\n---\n"))
	f.Add([]byte("+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "content/p/pages/x.md"
		l := testReader(fstest.MapFS{file: {Data: data}}).loader()
		pages := l.pages("content/p/pages")
		checkPositions(t, l.errs, file, data)
		for _, pg := range pages {
			if len(l.errs) == 0 && pg.BodyLine < 1 {
				t.Fatalf("page body starts at line %d", pg.BodyLine)
			}
		}
	})
}
