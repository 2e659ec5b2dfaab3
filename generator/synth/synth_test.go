package synth_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/synth"
	"github.com/handbook-nhs/handbook/schemas"
)

// today is the day the content is written for.
func today(t testing.TB) site.Date {
	d, err := site.ParseDate(synth.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func write(t testing.TB, opt synth.Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// built is a site built in memory.
type built struct {
	practices int
	findings  []*site.Finding
	files     []site.File
}

// Put keeps what the pipeline puts.
func (b *built) Put(part *pipeline.Part) error {
	if part.Practice != "" {
		b.practices++
	}
	b.findings = append(b.findings, part.Findings...)
	b.files = append(b.files, part.Files...)
	return nil
}

// render builds the site in dir in memory, on one core, and fails on any
// error.
func render(t *testing.T, dir string) *built {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one Put at a time
	b := &built{}
	_, err := pipeline.New(os.DirFS(dir), pipeline.Options{Today: today(t), NoMinify: true}).Run(context.Background(), nil, b)
	if err != nil {
		var list site.ErrorList
		if errors.As(err, &list) && len(list) > 10 {
			list = list[:10]
			err = list
		}
		t.Fatalf("the site does not build:\n%v", err)
	}
	return b
}

// TestBuilds checks a small site loads, links and renders with no errors,
// and that its governance is as mixed as intended.
func TestBuilds(t *testing.T) {
	b := render(t, write(t, synth.Options{Practices: 3}))
	if b.practices != 3 {
		t.Errorf("%d practices, want 3", b.practices)
	}
	if len(b.findings) == 0 {
		t.Fatal("no governance findings")
	}
	count := map[site.Severity]int{}
	for _, f := range b.findings {
		count[f.Severity]++
	}
	if count[site.Critical] == 0 || count[site.Warning] == 0 {
		t.Errorf("findings by severity: %d errors, %d warnings; want both", count[site.Critical], count[site.Warning])
	}
}

// TestSeeds builds sites of several sizes and seeds: whatever the seed,
// the content must load with no errors.
func TestSeeds(t *testing.T) {
	for _, tc := range []synth.Options{
		{Practices: 1},
		{Practices: 2, Seed: -1},
		{Practices: 3, Seed: 7},
		{Practices: 4, Seed: 1 << 40},
	} {
		t.Run(strconv.Itoa(tc.Practices)+"-"+strconv.FormatInt(tc.Seed, 10), func(t *testing.T) {
			if b := render(t, write(t, tc)); b.practices != tc.Practices {
				t.Errorf("%d practices, want %d", b.practices, tc.Practices)
			}
		})
	}
}

// TestSchemaHeaders copies the schemas into the site, so that the loader
// checks every #:schema header points at the right file.
func TestSchemaHeaders(t *testing.T) {
	dir := write(t, synth.Options{Practices: 2})
	if err := os.CopyFS(filepath.Join(dir, "schemas"), schemas.FS); err != nil {
		t.Fatal(err)
	}
	render(t, dir)
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDeterministic writes the same options twice, the second time on one
// CPU, so that the workers finish in another order.
func TestDeterministic(t *testing.T) {
	checkDeterministic(t, func(seed int64) string { return write(t, synth.Options{Practices: 8, Seed: seed}) })
}

// checkDeterministic checks that write, given a seed, writes the same site
// twice, the second time on one CPU, and another site for another seed.
func checkDeterministic(t *testing.T, write func(seed int64) string) {
	t.Helper()
	a := tree(t, write(42))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := tree(t, write(42))
	if len(a) != len(b) {
		t.Fatalf("same options wrote %d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("same options wrote %s differently", name)
		}
	}
	c := tree(t, write(43))
	same := len(a) == len(c)
	for name, data := range a {
		same = same && bytes.Equal(data, c[name])
	}
	if same {
		t.Error("seeds 42 and 43 wrote the same site")
	}
}

// TestDramaNumbers checks every phone number written is in Ofcom's ranges
// for drama: 01632 960000-960999 and 07700 900000-900999.
func TestDramaNumbers(t *testing.T) {
	phone := regexp.MustCompile(`\b0\d{2,4} ?\d{3} ?\d{3,4}\b`)
	drama := regexp.MustCompile(`^(01632 960\d{3}|07700 900\d{3})$`)
	for name, data := range tree(t, write(t, synth.Options{Practices: 6})) {
		for _, m := range phone.FindAll(data, -1) {
			if !drama.Match(m) {
				t.Errorf("%s: phone number %s is not in a drama range", name, m)
			}
		}
	}
}

func TestRefusesOtherFolders(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(dir, synth.Options{}); err == nil {
		t.Error("wrote into a folder holding someone else's file")
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("the file already there was changed: %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		t.Error("content/ was written next to someone else's file")
	}
}

func TestRewritesItsOwnFolder(t *testing.T) {
	dir := write(t, synth.Options{Practices: 5, Seed: 1})
	public := filepath.Join(dir, "public", "index.html")
	if err := os.MkdirAll(filepath.Dir(public), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(public, []byte("built"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(dir, synth.Options{Practices: 2, Seed: 2}); err != nil {
		t.Fatalf("could not rewrite a folder synth wrote: %v", err)
	}
	if _, err := os.Stat(public); err != nil {
		t.Errorf("a build's public/ was not left alone: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	got, want := tree(t, dir), tree(t, write(t, synth.Options{Practices: 2, Seed: 2}))
	if len(got) != len(want) {
		t.Errorf("rewritten folder holds %d files, a fresh one %d: the old site was not cleared", len(got), len(want))
	}
}

func TestOptions(t *testing.T) {
	for _, n := range []int{-1, synth.MaxPractices + 1} {
		if err := synth.Write(t.TempDir(), synth.Options{Practices: n}); err == nil {
			t.Errorf("Practices %d: no error", n)
		}
	}
	st, err := synth.WriteStats(t.TempDir(), synth.Options{})
	if err != nil || st.Practices != 1 || st.Files == 0 || st.Bytes == 0 {
		t.Errorf("zero Options: %+v, %v; want one practice written", st, err)
	}
}

// BenchmarkWrite measures writing 250 practices, the size of one ICB.
func BenchmarkWrite(b *testing.B) {
	root := b.TempDir()
	var st synth.Stats
	i := 0
	for b.Loop() {
		dir := filepath.Join(root, strconv.Itoa(i))
		i++
		var err error
		if st, err = synth.WriteStats(dir, synth.Options{Practices: 250}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(st.Files), "files")
	b.ReportMetric(float64(st.Bytes)/1e6, "MB")
}
