package pipeline

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/link"
	"github.com/handbook-nhs/handbook/generator/site"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

// goldenToday is the date the tests build for.
var goldenToday = site.NewDate(2026, 11, 21)

// exampleSite is the repository's own example handbook.
const exampleSite = "../.."

// parts is a sink that keeps every part it is put.
type parts struct {
	mu   sync.Mutex
	list []*Part
}

func (ps *parts) Put(part *Part) error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.list = append(ps.list, part)
	return nil
}

// built is a site the pipeline built into memory.
type built struct {
	Result
	p *Pipeline
	// files are every file of the site, sorted by path; findings, every
	// governance finding, sorted by position.
	files    []site.File
	findings []*site.Finding
	// parts are the parts as they were put.
	parts []*Part
}

// buildFS runs a new pipeline over the site in fsys into memory.
func buildFS(fsys fs.FS, opt Options) (*built, error) {
	p := New(fsys, opt)
	return runInto(p, nil)
}

// runInto runs p after the changes in changed, into memory.
func runInto(p *Pipeline, changed []string) (*built, error) {
	var ps parts
	res, err := p.Run(context.Background(), changed, &ps)
	if err != nil {
		return nil, err
	}
	b := &built{Result: res, p: p, parts: ps.list}
	for _, part := range ps.list {
		b.files = append(b.files, part.Files...)
		b.findings = append(b.findings, part.Findings...)
	}
	slices.SortFunc(b.files, func(x, y site.File) int { return strings.Compare(x.Path, y.Path) })
	govern.Sort(b.findings)
	return b, nil
}

// file returns the data of the file at path.
func (b *built) file(path string) ([]byte, bool) {
	i, ok := slices.BinarySearchFunc(b.files, path, func(f site.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil, false
	}
	return b.files[i].Data, true
}

// tree returns every file of the site by path.
func (b *built) tree() map[string][]byte {
	m := make(map[string][]byte, len(b.files))
	for _, f := range b.files {
		m[f.Path] = f.Data
	}
	return m
}

// handbook is the shared records the site was built with, with the
// summary of each practice.
func (b *built) handbook() *site.Handbook { return b.p.h }

// practices reads every practice of the site in full, links it and checks
// it against the governance rules, as the run did: their records, for
// tests to compare the pages with.
func (b *built) practices(t testing.TB) []*site.Practice {
	t.Helper()
	l := link.New(b.p.h)
	if err := l.Buddies(b.p.h.Practices); err != nil {
		t.Fatal(err)
	}
	var out []*site.Practice
	for _, id := range b.p.ids {
		pr, errs := b.p.read(id, l)
		if err := errs.Err(); err != nil {
			t.Fatalf("reading %s again:\n%v", id, err)
		}
		govern.Practice(b.p.h, pr, b.p.today, b.p.shared)
		out = append(out, pr)
	}
	return out
}

// mustBuild is buildFS, failing the test on an error.
func mustBuild(t testing.TB, fsys fs.FS, opt Options) *built {
	t.Helper()
	b, err := buildFS(fsys, opt)
	if err != nil {
		t.Fatalf("build:\n%v", err)
	}
	return b
}

// example returns the example handbook built in memory, minified as
// handbook build makes it, with the dates of last change git gives: built
// once, and shared by the tests that only read it.
func example(t testing.TB) *built {
	t.Helper()
	exampleOnce.Do(func() {
		exampleBuilt, exampleErr = buildFS(os.DirFS(exampleSite), Options{Today: goldenToday,
			History: GitHistory(context.Background(), exampleSite)})
	})
	if exampleErr != nil {
		t.Fatalf("build example:\n%v", exampleErr)
	}
	return exampleBuilt
}

var (
	exampleOnce  sync.Once
	exampleBuilt *built
	exampleErr   error
)
