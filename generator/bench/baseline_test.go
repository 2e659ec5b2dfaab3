package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// script writes an executable shell script called name into a folder of
// its own and returns its path.
func script(t *testing.T, name, text string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+text), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestFindBaseline(t *testing.T) {
	ctx := context.Background()
	stub := script(t, "handbook-parent", `echo "handbook v0.0.9 linux/amd64 go1.26.8"; echo more`)
	if bin, v, err := findBaseline(ctx, stub); bin != stub || v != "handbook v0.0.9 linux/amd64 go1.26.8" || err != nil {
		t.Errorf("the stub: %q, %q, %v", bin, v, err)
	}
	// A name without a folder is looked up on the PATH, and the note
	// names the binary by its whole path.
	t.Setenv("PATH", filepath.Dir(stub))
	if bin, _, err := findBaseline(ctx, "handbook-parent"); bin != stub || err != nil {
		t.Errorf("on the PATH: %q, %v; want %s", bin, err, stub)
	}
	for _, tc := range []struct {
		name, bin, want string
	}{
		{"missing", filepath.Join(t.TempDir(), "handbook"), "no such file or directory"},
		{"failing", script(t, "handbook", "echo 'unknown command' >&2; exit 2\n"), "version' failed: exit status 2: unknown command"},
		{"not handbook", stubHugo(t), `says "hugo v0.0.1-stub linux/amd64", not a handbook version`},
	} {
		if _, _, err := findBaseline(ctx, tc.bin); err == nil || !strings.HasPrefix(err.Error(), "-baseline "+tc.bin+": ") ||
			!strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want an error with %q", tc.name, err, tc.want)
		}
	}
}

// TestRunBaselineUsage checks that a baseline that is not a handbook is a
// usage error told before any binary is built or site written.
func TestRunBaselineUsage(t *testing.T) {
	work := filepath.Join(t.TempDir(), "work")
	missing := filepath.Join(t.TempDir(), "handbook-parent")
	for _, bin := range []string{missing, stubHugo(t)} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"-practices", "1", "-markdown", "", "-work", work, "-baseline", bin}, &stdout, &stderr)
		want := "bench: error: -baseline " + bin + ": "
		hint := "\nbench: hint: give -baseline the path of a handbook binary, such as one built from the parent commit: " +
			"'git worktree add /tmp/parent HEAD~1 && go -C /tmp/parent build -o /tmp/handbook-parent .', then -baseline /tmp/handbook-parent\n"
		if code != exitUsage || !strings.HasPrefix(stderr.String(), want) || !strings.HasSuffix(stderr.String(), hint) || stdout.Len() > 0 {
			t.Errorf("-baseline %s: exit %d, stdout %q, stderr:\n%s\nwant exit %d, stderr starting %q and ending %q",
				bin, code, stdout.String(), stderr.String(), exitUsage, want, hint)
		}
	}
	if _, err := os.Stat(work); !os.IsNotExist(err) {
		t.Errorf("the work folder was made: %v", err)
	}
}

// withPeak returns ss with every peak set to peak.
func withPeak(ss []sample, peak int64) []sample {
	for i := range ss {
		ss[i].peak = peak
	}
	return ss
}

// TestReportBaseline checks the tables and notes when a baseline ran: its
// columns follow the others, its ratios are the runs' and the targets do
// not read it.
func TestReportBaseline(t *testing.T) {
	rep := &report{
		baseline:        "/tmp/handbook-parent",
		baselineVersion: "handbook v0.1.0 linux/amd64 go1.26.8",
		results: []*result{
			// Ratios of 0.8, 0.9 and 0.7: the median is 0.8, and the
			// peak 120 MB of the baseline's 150 MB.
			{kind: practicesSite, size: 1, pages: 119, baselinePages: 119, handbook: runs(0.08, 0.09, 0.07),
				minimal: runs(0.02, 0.02, 0.02), baseline: withPeak(runs(0.1, 0.1, 0.1), 150e6)},
			{kind: practicesSite, size: 6300, skipped: "they would need more memory", hint: "use -out"},
			// Ratios of 2, 0.75 and 0.8: the median of the runs' ratios is
			// 0.8, where the ratio of the medians would be 0.75. The
			// baseline's peak is not known, and it wrote fewer pages.
			{kind: markdownSite, size: 1000, pages: 1199, baselinePages: 1190, handbook: runs(0.2, 0.3, 0.4),
				minimal: runs(0.15, 0.15, 0.3), baseline: withPeak(runs(0.1, 0.4, 0.5), 0)},
		},
	}
	var buf bytes.Buffer
	rep.write(&buf)
	got := buf.String()
	want := `| Practices | Pages | Runs | Seconds (median) | Pages/s | Peak memory | Minimal pipeline, same pages | handbook ÷ minimal | Baseline | handbook ÷ baseline | Peak memory ÷ baseline's |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 1 | 119 | 3 | 0.08 | 1,487 | 120 MB | 0.02 s, 120 MB | 4.00× | 0.10 s, 150 MB | 0.80× | 0.80× |
| 6,300 | not built: see the notes | | | | | | | | | |

| Markdown pages | Pages built | Runs | Seconds (median) | Markdown pages/s | Peak memory | Minimal pipeline | handbook ÷ minimal | Hugo | Pages/s ÷ Hugo's | Baseline | handbook ÷ baseline | Peak memory ÷ baseline's |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 1,000 | 1,199 | 3 | 0.30 | 3,333 | 120 MB | 0.15 s, 120 MB | 1.33× | not run | — | 0.40 s, — | 0.80× | — |

`
	if !strings.HasPrefix(got, want) {
		t.Errorf("report starts\n%s\nwant\n%s", got, want)
	}
	hasLines(t, got,
		"\n- Baseline: /tmp/handbook-parent, whose version command says `handbook v0.1.0 linux/amd64 go1.26.8`. "+
			"It built the same sites as handbook (practices sites themselves, not their twins), with the same arguments, "+
			"into an output folder of its own, in turn with the other commands, each going first in turn. "+
			"handbook ÷ baseline is the median of the runs' ratios of wall time, below 1× when this handbook is the faster; "+
			"peak memory ÷ baseline's is the ratio of the highest peaks. The targets are read against this handbook only.\n",
		"\n- 1,000 Markdown pages: the baseline wrote 1,190 pages, and handbook 1,199.\n",
		"\nTargets:\n\n"+
			"- 1,000 Markdown pages at least 2.00× Hugo v0.165.0's pages per second: not measured, as bench ran no Hugo "+
			"(install it with `go install github.com/gohugoio/hugo@v0.165.0`)\n"+
			"- 1,000 Markdown pages within 1.30× the minimal pipeline's time: 1.33×: missed\n",
	)
	if strings.Contains(got, "1 practice: the baseline wrote") {
		t.Errorf("the report notes the pages of a site the baseline built alike:\n%s", got)
	}
	_, targets, _ := strings.Cut(got, "\nTargets:\n")
	if strings.Contains(targets, "baseline") {
		t.Errorf("the targets read the baseline:\n%s", targets)
	}
}

// stubBuild writes a program that answers "version" like a handbook and
// otherwise, given a source and a destination with one dash or two as
// handbook and the minimal pipeline take them, writes an empty page for
// each Markdown page of the source; it adds its name to the file named by
// $BENCH_TEST_TURNS as it starts.
func stubBuild(t *testing.T, name string) string {
	t.Helper()
	return script(t, name, `if [ "$1" = version ]; then echo "handbook v0.0.9-stub"; exit 0; fi
echo `+name+` >> "$BENCH_TEST_TURNS"
while [ $# -gt 0 ]; do
	case "$1" in
	--source|-source) src=$2; shift ;;
	--destination|-destination) dest=$2; shift ;;
	esac
	shift
done
cd "$src/content" || exit 1
for p in */pages/*.md; do
	mkdir -p "$dest/$(dirname "$p")" && : > "$dest/${p%.md}.html" || exit 1
done
`)
}

// TestSiteBaseline runs the commands of a site with stubs in place of
// handbook, the minimal pipeline and the baseline: the baseline takes its
// turn after handbook, each command goes first in turn, and its output is
// removed with the others.
func TestSiteBaseline(t *testing.T) {
	turns := filepath.Join(t.TempDir(), "turns")
	t.Setenv("BENCH_TEST_TURNS", turns)
	work := t.TempDir()
	b := &bench{
		config:      config{work: work, out: filepath.Join(work, "out"), runs: 3, seed: 1},
		log:         &bytes.Buffer{},
		handbook:    stubBuild(t, "handbook"),
		minimal:     stubBuild(t, "minimal"),
		baselineBin: stubBuild(t, "baseline"),
	}
	r := &result{kind: markdownSite, size: 20}
	if err := b.site(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(turns)
	want := "handbook\nbaseline\nminimal\n" + "baseline\nminimal\nhandbook\n" + "minimal\nhandbook\nbaseline\n"
	if string(got) != want {
		t.Errorf("the commands ran in the order\n%s\nwant\n%s", got, want)
	}
	if len(r.baseline) != 3 || r.baselinePages != 20 || r.baselineBytes != 0 || r.pages != 20 {
		t.Errorf("%d runs of the baseline, %d pages of %d bytes, handbook's %d pages; want 3 runs, 20 empty pages as handbook's",
			len(r.baseline), r.baselinePages, r.baselineBytes, r.pages)
	}
	if out, _ := os.ReadDir(b.out); len(out) > 0 {
		t.Errorf("output left in out/: %v", out)
	}

	// A baseline that cannot build the site says so, with its messages.
	b.baselineBin = script(t, "handbook-parent", "echo 'content/a/pages/b.md:1:1: unknown key \"kind\"' >&2; exit 1\n")
	err := b.site(context.Background(), &result{kind: markdownSite, size: 20}, nil)
	var h hinted
	if err == nil || !errors.As(err, &h) || h.hint != hintBaselineBuild ||
		!strings.HasPrefix(err.Error(), "20 Markdown pages: the baseline: handbook-parent build --source ") ||
		!strings.HasSuffix(err.Error(), "failed: exit status 1\ncontent/a/pages/b.md:1:1: unknown key \"kind\"") {
		t.Errorf("a baseline that fails: %v", err)
	}
}
