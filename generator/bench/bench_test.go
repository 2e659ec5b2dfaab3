package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		practices sizes
		markdown  sizes
		runs      int
		err       string
	}{
		{nil, sizes{1, 250, 6300}, sizes{1000, 10000}, 3, ""},
		{[]string{"-practices", "250, 1,250", "-markdown", "", "-runs", "5"}, sizes{1, 250}, nil, 5, ""},
		{[]string{"-practices", "", "-markdown", "100"}, nil, sizes{100}, 3, ""},
		{[]string{"-practices", "", "-markdown", ""}, nil, nil, 0, "nothing to measure"},
		{[]string{"-practices", "0"}, nil, nil, 0, `"0" is not a size`},
		{[]string{"-practices", "6.300"}, nil, nil, 0, `"6.300" is not a size`},
		{[]string{"-markdown", "2000000"}, nil, nil, 0, "-markdown: at most"},
		{[]string{"-practices", "200000"}, nil, nil, 0, "-practices: at most"},
		{[]string{"-runs", "0"}, nil, nil, 0, "-runs must be at least 1"},
		{[]string{"-slow", "-1s"}, nil, nil, 0, "-slow must not be negative"},
		{[]string{"extra"}, nil, nil, 0, `unexpected argument "extra"`},
		{[]string{"-bogus"}, nil, nil, 0, "flag provided but not defined: -bogus"},
	} {
		c, err := parseFlags(tc.args, &bytes.Buffer{})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.args, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if !reflect.DeepEqual(c.practices, tc.practices) || !reflect.DeepEqual(c.markdown, tc.markdown) || c.runs != tc.runs {
			t.Errorf("%q: practices %v, markdown %v, runs %d; want %v, %v, %d",
				tc.args, c.practices, c.markdown, c.runs, tc.practices, tc.markdown, tc.runs)
		}
		if c.out != filepath.Join(c.work, "out") {
			t.Errorf("%q: output in %s, want out/ in the work folder %s", tc.args, c.out, c.work)
		}
	}
	for _, tc := range []struct {
		args           []string
		hugo, baseline string
	}{
		{nil, "", ""},
		{[]string{"-hugo", "none"}, "none", ""},
		{[]string{"-hugo", "/opt/hugo"}, "/opt/hugo", ""},
		{[]string{"-baseline", "/tmp/handbook-parent"}, "", "/tmp/handbook-parent"},
	} {
		c, err := parseFlags(tc.args, &bytes.Buffer{})
		if err != nil || c.hugo != tc.hugo || c.baseline != tc.baseline {
			t.Errorf("%q: hugo %q, baseline %q, %v; want %q, %q", tc.args, c.hugo, c.baseline, err, tc.hugo, tc.baseline)
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-runs", "x"}, exitUsage, "bench: error: invalid value \"x\" for flag -runs: parse error\nbench: hint: run 'go run ./generator/bench -h'"},
		{[]string{"-h"}, exitOK, "usage: go run ./generator/bench [flags]"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tc.args, &stdout, &stderr); code != tc.code || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("bench %q: exit %d, stderr:\n%s\nwant exit %d, stderr starting %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
}

func runs(secs ...float64) []sample {
	var ss []sample
	for i, s := range secs {
		ss = append(ss, sample{wall: time.Duration(s * float64(time.Second)), peak: int64(100e6 + i*10e6)})
	}
	return ss
}

func TestStatistics(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(runs(tc.in...)); got != tc.want {
			t.Errorf("median of %v = %v, want %v", tc.in, got, tc.want)
		}
	}
	// The ratio is the median of the pairs' ratios, not the ratio of the
	// medians: here the machine slowed down for the last pair.
	r := &result{handbook: runs(2, 2.2, 8), minimal: runs(1, 1, 4)}
	if got := r.ratio(); got != 2 {
		t.Errorf("ratio = %v, want 2", got)
	}
	if got := r.peak(); got != 120e6 {
		t.Errorf("peak = %v, want the highest, 120e6", got)
	}
	// The baseline is paired the same way: ratios of 0.8, 1.1 and 0.8.
	r.baseline = withPeak(runs(2.5, 2, 10), 240e6)
	if got := r.baselineRatio(); got != 0.8 {
		t.Errorf("baselineRatio = %v, want 0.8", got)
	}
	if got := r.baselinePeakRatio(); got != 0.5 {
		t.Errorf("baselinePeakRatio = %v, want 0.5", got)
	}
	r.baseline = withPeak(r.baseline, 0)
	if got := r.baselinePeakRatio(); got != 0 {
		t.Errorf("baselinePeakRatio with the baseline's peak unknown = %v, want 0", got)
	}
}

func TestFits(t *testing.T) {
	// The minimal pipeline's output and the twin it builds stay beside
	// handbook's: they count too.
	last := &result{kind: practicesSite, size: 250, handbook: []sample{{peak: 750e6}}, minimal: []sample{{peak: 30e6}},
		bytes: 270e6, minimalBytes: 100e6, siteBytes: 25e6, twinBytes: 75e6}
	big := &result{kind: practicesSite, size: 6300}
	if err := fits(big, nil, 1e9, true, true); err != nil {
		t.Errorf("with no smaller site to judge by: %v", err)
	}
	if err := fits(big, last, 0, true, true); err != nil {
		t.Errorf("with no figure for the memory available: %v", err)
	}
	for _, tc := range []struct {
		out, site bool
		want      string
	}{
		{true, true, "they would need about 30.7 GB of memory (the largest command about 18.9 GB, the outputs on memory-backed disk about 9.3 GB, the site and its twin about 2.5 GB), and 22.0 GB is available"},
		{true, false, "they would need about 28.2 GB of memory (the largest command about 18.9 GB, the outputs on memory-backed disk about 9.3 GB), and 22.0 GB is available"},
		{false, true, "they would need about 21.4 GB of memory (the largest command about 18.9 GB, the site and its twin about 2.5 GB), and 22.0 GB is available"},
		{false, false, ""},
	} {
		err := fits(big, last, 22e9, tc.out, tc.site)
		if got := fmt.Sprint(err); tc.want == "" && err != nil || tc.want != "" && got != tc.want {
			t.Errorf("6,300 practices, output on tmpfs %v, site to write on tmpfs %v: %v, want %q", tc.out, tc.site, err, tc.want)
		}
	}
	// The commands run one at a time: the largest peak counts, whichever
	// command it is, and only it.
	md := &result{kind: markdownSite, size: 1000, handbook: []sample{{peak: 100e6}}, minimal: []sample{{peak: 20e6}},
		hugo: []sample{{peak: 150e6}}, bytes: 10e6, minimalBytes: 8e6, hugoBytes: 8e6, siteBytes: 5e6}
	err := fits(&result{kind: markdownSite, size: 100000}, md, 10e9, true, true)
	want := "they would need about 18.1 GB of memory (the largest command about 15.0 GB, the outputs on memory-backed disk about 2.6 GB, the site about 500 MB), and 10.0 GB is available"
	if fmt.Sprint(err) != want {
		t.Errorf("100,000 Markdown pages: %v, want %q", err, want)
	}
	// The baseline's peak counts like the others', and its output stays
	// beside theirs.
	md.baseline, md.baselineBytes = []sample{{peak: 200e6}}, 10e6
	err = fits(&result{kind: markdownSite, size: 100000}, md, 10e9, true, true)
	want = "they would need about 24.1 GB of memory (the largest command about 20.0 GB, the outputs on memory-backed disk about 3.6 GB, the site about 500 MB), and 10.0 GB is available"
	if fmt.Sprint(err) != want {
		t.Errorf("100,000 Markdown pages with a baseline: %v, want %q", err, want)
	}
}

func TestReport(t *testing.T) {
	rep := &report{
		args:      []string{"-markdown", "", "-work", "/var/tmp/my bench"},
		machine:   "2 cores, 25.3 GB of memory, linux/amd64, go1.26.8",
		commit:    "0123456789ab +changes",
		work:      "/dev/shm/handbook-bench",
		out:       "/var/tmp/out",
		workTmpfs: true,
		loadStart: "0.10 0.20 0.30",
		loadEnd:   "1.10 1.20 1.30",
		results: []*result{
			{kind: practicesSite, size: 1, pages: 119, handbook: runs(0.08, 0.09, 0.07), minimal: runs(0.02, 0.02, 0.02)},
			// Ratios of 1.45, 1.25 and 1.55: the median, 1.45, is
			// within the target of 1.5.
			{kind: practicesSite, size: 250, pages: 18286, handbook: runs(2.9, 2.5, 3.1), minimal: runs(2, 2, 2)},
			{kind: practicesSite, size: 6300, skipped: "they would need more memory", hint: "use -out"},
			{kind: markdownSite, size: 10000, pages: 11925, handbook: runs(2.2, 2.4, 2.3), minimal: runs(2, 2, 2)},
		},
	}
	var buf bytes.Buffer
	rep.write(&buf)
	want := `| Practices | Pages | Runs | Seconds (median) | Pages/s | Peak memory | Minimal pipeline, same pages | handbook ÷ minimal |
|---:|---:|---:|---:|---:|---:|---:|---:|
| 1 | 119 | 3 | 0.08 | 1,487 | 120 MB | 0.02 s, 120 MB | 4.00× |
| 250 | 18,286 | 3 | 2.90 | 6,305 | 120 MB | 2.00 s, 120 MB | 1.45× |
| 6,300 | not built: see the notes | | | | | | |

| Markdown pages | Pages built | Runs | Seconds (median) | Markdown pages/s | Peak memory | Minimal pipeline | handbook ÷ minimal | Hugo | Pages/s ÷ Hugo's |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 10,000 | 11,925 | 3 | 2.30 | 4,347 | 120 MB | 2.00 s, 120 MB | 1.15× | not run | — |

- Command: ` + "`go run ./generator/bench -markdown '' -work '/var/tmp/my bench'`" + `
- Machine: 2 cores, 25.3 GB of memory, linux/amd64, go1.26.8. handbook at commit 0123456789ab +changes.
- Sites in /dev/shm/handbook-bench (memory-backed disk, tmpfs); output written to /var/tmp/out (not on tmpfs).
- Load average (1, 5 and 15 minutes): 0.10 0.20 0.30 at the start, 1.10 1.20 1.30 at the end.
`
	got := buf.String()
	if !strings.HasPrefix(got, want) {
		t.Errorf("report starts\n%s\nwant\n%s", got, want)
	}
	hasLines(t, got,
		"- Practices sites: synth's practices, built with --today 2026-11-21. The minimal pipeline built a Markdown site of synth's with as many pages as handbook's first build wrote",
		"- 6,300 practices: not built: they would need more memory.\n",
		"- bench ran no Hugo (-hugo none, or no hugo on the PATH), so the Markdown sites are not compared with Hugo and the Hugo target is not measured. "+
			"To measure it, install Hugo v0.165.0 with `go install github.com/gohugoio/hugo@v0.165.0`",
		"\nTargets:\n\n"+
			"- 250 practices within 1.50× the minimal pipeline's time on as many Markdown pages (18,286): 1.45×: met\n"+
			"- 10,000 Markdown pages at least 2.00× Hugo v0.165.0's pages per second: not measured, as bench ran no Hugo "+
			"(install it with `go install github.com/gohugoio/hugo@v0.165.0`)\n"+
			"- 10,000 Markdown pages within 1.30× the minimal pipeline's time: 1.15×: met\n",
	)
	// The targets are ratios: no line reads seconds against a number of
	// seconds, and the retired reference figures are gone.
	for _, gone := range []string{"built in under", "reference", "1 practice within"} {
		if strings.Contains(got, gone) {
			t.Errorf("the report has %q:\n%s", gone, got)
		}
	}
}

// TestReportHugo checks the Markdown table and the targets when bench ran
// Hugo, and the targets met and missed of both kinds of site.
func TestReportHugo(t *testing.T) {
	rep := &report{
		hugoVersion: "v0.165.0",
		results: []*result{
			// Ratios of 1.6, 1.8 and 1.7 to the minimal pipeline on as
			// many pages: missed; the peak is well under the target.
			{kind: practicesSite, size: 6300, pages: 463407, handbook: runs(80, 90, 85), minimal: runs(50, 50, 50)},
			// Hugo ran, but 100 pages is not a size the Hugo target
			// names: the table shows the ratio, the targets do not.
			{kind: markdownSite, size: 100, pages: 119, handbook: runs(0.07, 0.07, 0.07), minimal: runs(0.02, 0.02, 0.02),
				hugo: runs(0.1, 0.1, 0.1)},
			// The machine slowed down for the last run: the ratio is
			// the median of the runs' ratios, 2.5.
			{kind: markdownSite, size: 1000, pages: 1199, handbook: runs(0.2, 0.2, 0.4), minimal: runs(0.15, 0.15, 0.3),
				hugo: runs(0.5, 0.6, 0.8)},
			{kind: markdownSite, size: 10000, pages: 11925, handbook: runs(2, 2, 2), minimal: runs(1.8, 1.8, 1.8),
				hugo: runs(3.8, 3.8, 3.8), hugoDiffer: 3, hugoExample: "a/pages/b.html"},
		},
	}
	var buf bytes.Buffer
	rep.write(&buf)
	got := buf.String()
	hasLines(t, got,
		"| 6,300 | 463,407 | 3 | 85.0 | 5,451 | 120 MB | 50.0 s, 120 MB | 1.70× |\n",
		"| Markdown pages | Pages built | Runs | Seconds (median) | Markdown pages/s | Peak memory | Minimal pipeline | handbook ÷ minimal | Hugo v0.165.0, in turn | Pages/s ÷ Hugo's |\n",
		"| 100 | 119 | 3 | 0.07 | 1,428 | 120 MB | 0.02 s, 120 MB | 3.50× | 0.10 s, 120 MB | 1.43× |\n",
		"| 1,000 | 1,199 | 3 | 0.20 | 5,000 | 120 MB | 0.15 s, 120 MB | 1.33× | 0.60 s, 120 MB | 2.50× |\n",
		"| 10,000 | 11,925 | 3 | 2.00 | 5,000 | 120 MB | 1.80 s, 120 MB | 1.11× | 3.80 s, 120 MB | 1.90× |\n",
		"- 1,000 Markdown pages: Hugo's pages are the minimal pipeline's, whitespace aside.\n",
		"- 10,000 Markdown pages: 3 of Hugo's pages are not the minimal pipeline's, whitespace aside, such as a/pages/b.html.\n",
		"\nTargets:\n\n"+
			"- 6,300 practices within 1.50× the minimal pipeline's time on as many Markdown pages (463,407): 1.70×: missed\n"+
			"- 6,300 practices with peak memory under 1.5 GB: 120 MB: met\n"+
			"- 100 Markdown pages within 1.30× the minimal pipeline's time: 3.50×: missed\n"+
			"- 1,000 Markdown pages at least 2.00× Hugo v0.165.0's pages per second, run in turn: 2.50×: met\n"+
			"- 1,000 Markdown pages within 1.30× the minimal pipeline's time: 1.33×: missed\n"+
			"- 10,000 Markdown pages at least 2.00× Hugo v0.165.0's pages per second, run in turn: 1.90×: missed\n"+
			"- 10,000 Markdown pages within 1.30× the minimal pipeline's time: 1.11×: met\n",
	)
	for _, gone := range []string{"not measured", "bench ran no Hugo", "The Hugo target is set against"} {
		if strings.Contains(got, gone) {
			t.Errorf("the report has %q although Hugo %s ran:\n%s", gone, targetHugo, got)
		}
	}

	// Another Hugo is read against, and the report says it is not the
	// target's.
	rep.hugoVersion = "v0.140.0"
	buf.Reset()
	rep.write(&buf)
	hasLines(t, buf.String(),
		"| Hugo v0.140.0, in turn |",
		"- 1,000 Markdown pages at least 2.00× Hugo v0.165.0's pages per second, measured against Hugo v0.140.0 run in turn: 2.50×: met\n",
		"- The Hugo target is set against Hugo v0.165.0, and this Hugo is v0.140.0: install that one with `go install github.com/gohugoio/hugo@v0.165.0`",
	)
}

// hasLines reports each of lines that the report got does not have.
func hasLines(t *testing.T, got string, lines ...string) {
	t.Helper()
	for _, line := range lines {
		if !strings.Contains(got, line) {
			t.Errorf("report has no line %q:\n%s", line, got)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{thousands(0), "0"}, {thousands(999), "999"}, {thousands(6300), "6,300"}, {thousands(1234567), "1,234,567"},
		{secs(0.123), "0.12"}, {secs(27.84), "27.8"}, {secs(331.6), "332"},
		{size(0), "—"}, {size(23_592 * 1024), "24 MB"}, {size(17.04e9), "17.0 GB"},
		{times(2.475), "2.48×"}, {times(12.96), "13×"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestSourceCached checks a site is written once, then found again.
func TestSourceCached(t *testing.T) {
	var log bytes.Buffer
	b := &bench{config: config{work: t.TempDir(), seed: 4}, log: &log}
	dir, err := b.source(markdownSite, 120)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content", "*", "pages", "*.md"))
	if len(pages) != 120 {
		t.Errorf("%d pages written, want 120", len(pages))
	}
	log.Reset()
	if again, err := b.source(markdownSite, 120); err != nil || again != dir || log.Len() > 0 {
		t.Errorf("second time: %s, %v, log %q; want %s, found without writing", again, err, log.String(), dir)
	}
	if _, err := os.Stat(dir + ".partial"); !os.IsNotExist(err) {
		t.Errorf("the partial folder is left behind: %v", err)
	}
}

func TestRunFailure(t *testing.T) {
	b := &bench{}
	_, err := b.run(context.Background(), filepath.Join(t.TempDir(), "out"), "sh", "-c", "echo line one; echo the site has 2 errors >&2; exit 1")
	var h hinted
	if err == nil || !strings.Contains(err.Error(), "failed: exit status 1\nline one\nthe site has 2 errors") || !errors.As(err, &h) {
		t.Errorf("a failing build: %v", err)
	}
}

// TestBench measures one practice and 100 Markdown pages twice, end to
// end: the binaries are built, the sites written and every build run,
// with this module's handbook built beforehand as its own baseline.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three binaries: a few seconds")
	}
	work := t.TempDir()
	baseline := filepath.Join(t.TempDir(), "handbook-parent")
	if out, err := exec.Command("go", "build", "-o", baseline, module).CombinedOutput(); err != nil {
		t.Fatalf("building the baseline: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	hugo := stubHugo(t)
	code := run(context.Background(), []string{"-practices", "1", "-markdown", "100", "-runs", "2", "-work", work, "-hugo", hugo,
		"-baseline", baseline}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{
		"\n| 1 | ", " | 2 | ",
		"\n| 100 | ",
		"| Hugo v0.0.1-stub, in turn |",
		// The stub's pages are empty.
		"- 100 Markdown pages: 100 of Hugo's pages are not the minimal pipeline's, whitespace aside, such as ",
		"- Command: `go run ./generator/bench -practices 1 -markdown 100 -runs 2 -work " + work + " -hugo " + hugo + " -baseline " + baseline + "`",
		"\n- Baseline: " + baseline + ", whose version command says `handbook v",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("no %q in the report:\n%s", want, stdout.String())
		}
	}
	// The same binary makes the same pages.
	if strings.Contains(stdout.String(), "the baseline wrote") {
		t.Errorf("the baseline made other pages than the same handbook:\n%s", stdout.String())
	}
	for _, want := range []string{"1 practice: run 2 of 2: handbook", "; baseline ", "; minimal ", "100 Markdown pages: run 2 of 2: handbook"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("no %q in the progress:\n%s", want, stderr.String())
		}
	}
	// The practice's row has the minimal pipeline's run on its twin, a
	// Markdown site of as many pages as the build wrote, kept with the
	// other sites, then the baseline's run and ratios.
	var pages string
	for line := range strings.Lines(stdout.String()) {
		if f := strings.Split(line, " | "); strings.HasPrefix(line, "| 1 | ") && len(f) == 11 {
			pages = f[1]
			if !strings.HasSuffix(f[6], " MB") || !strings.HasSuffix(f[7], "×") {
				t.Errorf("the practice's row has no minimal pipeline's run and ratio: %q", line)
			}
			if !strings.HasSuffix(f[8], " MB") || !strings.HasSuffix(f[9], "×") || !strings.HasSuffix(f[10], "× |\n") {
				t.Errorf("the practice's row has no baseline's run and ratios: %q", line)
			}
		}
	}
	twin := "markdown-" + strings.ReplaceAll(pages, ",", "") + "-seed-1"
	sites, _ := os.ReadDir(filepath.Join(work, "sites"))
	names := []string{}
	for _, e := range sites {
		names = append(names, e.Name())
	}
	if pages == "" || !slices.Contains(names, twin) || !slices.Contains(names, "practices-1-seed-1") {
		t.Errorf("the sites are %v, want the practice's and its twin of %s pages", names, pages)
	}
	// Only the sites stay: the output and binaries are removed.
	entries, _ := os.ReadDir(work)
	names = nil
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"out", "sites"}) {
		t.Errorf("the work folder holds %v, want [out sites]", names)
	}
	if out, _ := os.ReadDir(filepath.Join(work, "out")); len(out) > 0 {
		t.Errorf("output left in out/: %v", out)
	}
}
