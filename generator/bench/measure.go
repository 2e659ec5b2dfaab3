package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/synth"
)

// module is the import path of the handbook command; the minimal pipeline
// is its package generator/bench/minimal.
const module = "github.com/handbook-nhs/handbook"

// The kinds of site.
const (
	practicesSite = "practices"
	markdownSite  = "markdown"
)

// bench runs the measurements of a config.
type bench struct {
	config
	log               io.Writer
	handbook, minimal string // the binaries
	// hugoBin is the Hugo binary run on the Markdown sites, "" for none,
	// and hugoVersion the version it reports.
	hugoBin, hugoVersion string
	// baselineBin is the baseline handbook, "" for none, and
	// baselineVersion what its version command says.
	baselineBin, baselineVersion string
}

// sample is one run of a command.
type sample struct {
	wall time.Duration
	peak int64 // maximum resident set in bytes; 0 where the system does not say
}

// result is what was measured of one site.
type result struct {
	kind      string
	size      int
	pages     int   // HTML pages handbook wrote
	bytes     int64 // and the size of all it wrote
	siteBytes int64 // the size of the site's files
	// twinBytes is the size of the files of a practices site's twin, the
	// Markdown site of as many pages that the minimal pipeline builds.
	twinBytes int64
	// minimalBytes, hugoBytes and baselineBytes are the sizes of what the
	// minimal pipeline, Hugo and the baseline wrote.
	minimalBytes, hugoBytes, baselineBytes int64
	// baselinePages counts the HTML pages the baseline wrote.
	baselinePages int
	// handbook are the builds; baseline, the baseline's builds of the same
	// site; minimal, the runs of the minimal pipeline (on the Markdown
	// site, or on the practices site's twin); hugo, on Markdown sites,
	// Hugo's. baseline[i], minimal[i] and hugo[i] ran in turn with
	// handbook[i].
	handbook, baseline, minimal, hugo []sample
	// hugoDiffer counts the pages Hugo made that are not the minimal
	// pipeline's, whitespace aside, and hugoExample names one.
	hugoDiffer  int
	hugoExample string
	// skipped says why the site was not built, with a hint.
	skipped, hint string
}

// name is the site in words: "250 practices", "10,000 Markdown pages".
func (r *result) name() string { return siteName(r.kind, r.size) }

func siteName(kind string, size int) string {
	if kind == markdownSite {
		return thousands(size) + " Markdown pages"
	}
	if size == 1 {
		return "1 practice"
	}
	return thousands(size) + " practices"
}

// measure builds the binaries, then every site of the config in turn, and
// returns the report. It stops at the first failure.
func (b *bench) measure(ctx context.Context) (*report, error) {
	rep := &report{
		args:            b.args,
		work:            b.work,
		out:             b.out,
		loadStart:       loadAverage(),
		machine:         machine(),
		baseline:        b.baselineBin,
		baselineVersion: b.baselineVersion,
	}
	for _, d := range []string{b.work, b.out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	rep.workTmpfs, rep.outTmpfs = onTmpfs(b.work), onTmpfs(b.out)
	bin, err := os.MkdirTemp(b.work, "bin-")
	if err != nil {
		return nil, err
	}
	if !b.keep {
		defer os.RemoveAll(bin)
	}
	b.handbook = filepath.Join(bin, "handbook")
	if err := b.goBuild(ctx, b.handbook, module); err != nil {
		return nil, err
	}
	rep.commit = commit(ctx)
	b.minimal = filepath.Join(bin, "minimal")
	if err := b.goBuild(ctx, b.minimal, module+"/generator/bench/minimal"); err != nil {
		return nil, err
	}
	if len(b.markdown) > 0 {
		if b.hugoBin, b.hugoVersion, err = findHugo(ctx, b.config.hugo); err != nil {
			return nil, err
		}
		if b.hugoBin != "" {
			fmt.Fprintf(b.log, "bench: running Hugo %s (%s) on the Markdown sites\n", b.hugoVersion, b.hugoBin)
		}
		rep.hugoVersion = b.hugoVersion
	}
	if b.baselineBin != "" {
		fmt.Fprintf(b.log, "bench: running the baseline %s (%s) on every site\n", b.baselineBin, b.baselineVersion)
	}
	for _, kind := range []string{practicesSite, markdownSite} {
		list := b.practices
		if kind == markdownSite {
			list = b.markdown
		}
		var last *result // the last site of this kind built
		for _, size := range list {
			r := &result{kind: kind, size: size}
			rep.results = append(rep.results, r)
			if err := b.site(ctx, r, last); err != nil {
				return nil, err
			}
			if r.skipped == "" {
				last = r
			}
		}
	}
	rep.loadEnd = loadAverage()
	return rep, nil
}

// goBuild builds the package pkg into the binary bin.
func (b *bench) goBuild(ctx context.Context, bin, pkg string) error {
	fmt.Fprintf(b.log, "bench: building %s\n", pkg)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return hinted{fmt.Errorf("go build %s: %v\n%s", pkg, err, bytes.TrimSpace(out)),
			"run bench from the handbook repository, with Go on the PATH"}
	}
	return nil
}

// site measures the site of r. last is the site of the same kind measured
// before, from which it judges whether this one fits in memory.
//
// handbook builds the site, and the minimal pipeline builds a Markdown
// site in turn with it: the site itself, or for a practices site its
// twin, the Markdown site of as many pages as handbook's first build
// wrote, which is known only after that build. So the first run, which
// handbook goes first in, counts the pages and finds or writes the twin
// between handbook's build and the next command's. The baseline, when
// there is one, builds the same site as handbook with the same
// arguments, and takes its turn like the others; it comes next to
// handbook in the order, so that in most turns the two run one after
// the other.
func (b *bench) site(ctx context.Context, r *result, last *result) error {
	dir := b.siteDir(r.kind, r.size)
	_, err := os.Stat(dir)
	toWrite := err != nil && onTmpfs(b.work)
	if err := fits(r, last, memAvailable(), onTmpfs(b.out), toWrite); err != nil {
		r.skipped = err.Error()
		r.hint = "write the output to a folder on disk with -out (such as -out /var/tmp/handbook-bench-out), or leave this size out"
		fmt.Fprintf(b.log, "bench: %s: not built: %s\n", r.name(), r.skipped)
		return nil
	}
	src, err := b.source(r.kind, r.size)
	if err != nil {
		return err
	}
	if _, r.siteBytes, err = count(src); err != nil {
		return err
	}
	out := filepath.Join(b.out, fmt.Sprintf("%s-%d", r.kind, r.size))
	// markdown is the site the minimal pipeline builds, and
	// markdownPages its pages.
	markdown, markdownPages := src, r.size
	build := func(dest string) []string {
		return []string{"build", "--source", src, "--destination", dest, "--today", synth.AsOf}
	}
	handbook := func() error {
		s, err := b.run(ctx, out, b.handbook, build(out)...)
		r.handbook = append(r.handbook, s)
		if err != nil || len(r.handbook) > 1 {
			return err
		}
		if r.pages, r.bytes, err = count(out); err != nil {
			return err
		}
		if r.kind == practicesSite {
			markdownPages = r.pages
			if markdown, err = b.source(markdownSite, markdownPages); err != nil {
				return err
			}
			_, r.twinBytes, err = count(markdown)
		}
		return err
	}
	baseline := func() error {
		s, err := b.run(ctx, out+"-baseline", b.baselineBin, build(out+"-baseline")...)
		r.baseline = append(r.baseline, s)
		if err != nil {
			return hinted{fmt.Errorf("the baseline: %w", err), hintBaselineBuild}
		}
		return nil
	}
	minimal := func() error {
		s, err := b.run(ctx, out+"-minimal", b.minimal, "-source", markdown, "-destination", out+"-minimal")
		r.minimal = append(r.minimal, s)
		return err
	}
	project := dir + "-hugo"
	hugo := func() error {
		s, err := b.run(ctx, out+"-hugo", b.hugoBin, "--quiet", "--source", project, "--destination", out+"-hugo")
		r.hugo = append(r.hugo, s)
		return err
	}
	order := []func() error{handbook}
	if b.baselineBin != "" {
		order = append(order, baseline)
	}
	order = append(order, minimal)
	if r.kind == markdownSite && b.hugoBin != "" {
		if _, err := hugoProject(src, project); err != nil {
			return fmt.Errorf("%s: writing the Hugo project: %w", r.name(), err)
		}
		order = append(order, hugo)
	}
	for i := range b.runs {
		// They take turns, each going first in turn, so that all meet
		// the same drift of the machine.
		for _, f := range slices.Concat(order[i%len(order):], order[:i%len(order)]) {
			if err := f(); err != nil {
				return fmt.Errorf("%s: %w", r.name(), err)
			}
		}
		b.progress(r, i)
		if i == 0 {
			// The comparisons hold only if every command made every page.
			var n int
			if n, r.minimalBytes, err = count(out + "-minimal"); err != nil {
				return err
			}
			if n != markdownPages {
				return fmt.Errorf("%s: the minimal pipeline wrote %d pages of %d", r.name(), n, markdownPages)
			}
			if b.baselineBin != "" {
				// The baseline may rightly make other pages than this
				// handbook: the notes say so, and the runs still compare.
				if r.baselinePages, r.baselineBytes, err = count(out + "-baseline"); err != nil {
					return err
				}
			}
			if r.kind == markdownSite && b.hugoBin != "" {
				if n, r.hugoBytes, err = count(out + "-hugo"); err != nil || n != r.size {
					return fmt.Errorf("%s: Hugo wrote %d pages (%v)", r.name(), n, err)
				}
				if r.hugoDiffer, r.hugoExample, err = samePages(out+"-hugo", out+"-minimal"); err != nil {
					return err
				}
			}
		}
		if i == 0 && b.slow > 0 && r.handbook[0].wall > b.slow && b.runs > 1 {
			fmt.Fprintf(b.log, "bench: %s: built once only, as it took longer than -slow %v\n", r.name(), b.slow)
			break
		}
	}
	if !b.keep {
		for _, d := range []string{out, out + "-baseline", out + "-minimal", out + "-hugo", project} {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// progress reports run i of r.
func (b *bench) progress(r *result, i int) {
	h := r.handbook[i]
	fmt.Fprintf(b.log, "bench: %s: run %d of %d: handbook %s s, %s", r.name(), i+1, b.runs, secs(h.wall.Seconds()), size(h.peak))
	if i < len(r.baseline) {
		s := r.baseline[i]
		fmt.Fprintf(b.log, "; baseline %s s, %s", secs(s.wall.Seconds()), size(s.peak))
	}
	if i < len(r.minimal) {
		m := r.minimal[i]
		fmt.Fprintf(b.log, "; minimal %s s, %s", secs(m.wall.Seconds()), size(m.peak))
	}
	if i < len(r.hugo) {
		h := r.hugo[i]
		fmt.Fprintf(b.log, "; Hugo %s s, %s", secs(h.wall.Seconds()), size(h.peak))
	}
	fmt.Fprintln(b.log)
}

// siteDir is the folder of the site of a kind and size in the cache. A
// practices site's twin is the Markdown site of its number of pages, and
// so shares the folder of a Markdown site of that size.
func (b *bench) siteDir(kind string, size int) string {
	return filepath.Join(b.work, "sites", fmt.Sprintf("%s-%d-seed-%d", kind, size, b.seed))
}

// source returns the folder of the site of a kind and size, writing it if
// it is not cached: sites are written to a folder of their own, renamed
// into place when complete, so that an interrupted write is never taken
// for a site.
func (b *bench) source(kind string, size int) (string, error) {
	dir := b.siteDir(kind, size)
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	fmt.Fprintf(b.log, "bench: writing a site of %s into %s\n", siteName(kind, size), dir)
	partial := dir + ".partial"
	if err := os.RemoveAll(partial); err != nil {
		return "", err
	}
	var err error
	if kind == markdownSite {
		err = synth.WriteMarkdown(partial, synth.MarkdownOptions{Pages: size, Seed: b.seed})
	} else {
		err = synth.Write(partial, synth.Options{Practices: size, Seed: b.seed})
	}
	if err != nil {
		return "", fmt.Errorf("writing the site of %s: %w", siteName(kind, size), err)
	}
	return dir, os.Rename(partial, dir)
}

// fits returns an error if building r would likely need more memory than
// avail, judging from last, a smaller site of the same kind, by
// proportion: the highest peak of its commands (handbook, the baseline,
// the minimal pipeline and Hugo), which run one at a time; their outputs
// too, which stay side by side, when they go to memory-backed disk
// (outTmpfs); and the site, with a practices site's twin, when the site
// is still to be written there (siteTmpfs: a twin is taken to be still to
// write when its site is). A build that runs out of memory is killed, and
// may take other programs with it. Without last or avail it cannot judge,
// and returns nil.
func fits(r, last *result, avail int64, outTmpfs, siteTmpfs bool) error {
	if last == nil || avail <= 0 || len(last.handbook) == 0 {
		return nil
	}
	scale := float64(r.size) / float64(last.size)
	peak := float64(max(last.peak(), maxPeak(last.baseline), maxPeak(last.minimal), maxPeak(last.hugo))) * scale
	need := peak
	why := "the largest command about " + size(int64(peak))
	if outTmpfs {
		output := float64(last.bytes+last.baselineBytes+last.minimalBytes+last.hugoBytes) * scale
		need += output
		why += ", the outputs on memory-backed disk about " + size(int64(output))
	}
	if siteTmpfs {
		site := float64(last.siteBytes+last.twinBytes) * scale
		need += site
		if last.twinBytes > 0 {
			why += ", the site and its twin about " + size(int64(site))
		} else {
			why += ", the site about " + size(int64(site))
		}
	}
	// A margin for the estimate, which is from a smaller site.
	if need*1.1 > float64(avail) {
		return fmt.Errorf("they would need about %s of memory (%s), and %s is available", size(int64(need)), why, size(avail))
	}
	return nil
}

// run runs bin with args once, into the output folder out, which is
// removed first so that every run starts from nothing.
func (b *bench) run(ctx context.Context, out, bin string, args ...string) (sample, error) {
	if err := os.RemoveAll(out); err != nil {
		return sample{}, err
	}
	var output bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		s.peak = peakRSS(cmd.ProcessState)
	}
	if err != nil {
		return s, hinted{fmt.Errorf("%s %s failed: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, tail(output.String(), 20)),
			"the build's own messages are above; a synthetic site must build with no errors"}
	}
	return s, nil
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// count returns the number of HTML pages in dir and the size of all its
// files.
func count(dir string) (pages int, total int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		return nil
	})
	return pages, total, err
}

// commit is the commit of the working tree the binaries were built from,
// with "+changes" when it has uncommitted changes; "" when git cannot say.
func commit(ctx context.Context) string {
	rev, err := exec.CommandContext(ctx, "git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(rev))
	if changes, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(changes) > 0 {
		c += " +changes"
	}
	return c
}

// Statistics of the runs.

func (r *result) seconds() float64 { return median(r.handbook) }

// peak is the highest peak of the runs.
func (r *result) peak() int64 { return maxPeak(r.handbook) }

// ratio is the median, over the pairs of runs, of handbook's time over the
// minimal pipeline's: pairing cancels the drift of the machine.
func (r *result) ratio() float64 { return pairRatio(r.handbook, r.minimal) }

// hugoRatio is the median, over the runs, of Hugo's time over handbook's:
// handbook's Markdown pages a second over Hugo's, as both convert the
// same pages.
func (r *result) hugoRatio() float64 { return pairRatio(r.hugo, r.handbook) }

// baselineRatio is the median, over the runs, of handbook's time over the
// baseline's: below 1 when this handbook is the faster.
func (r *result) baselineRatio() float64 { return pairRatio(r.handbook, r.baseline) }

// baselinePeakRatio is handbook's peak memory over the baseline's, 0 when
// either is unknown.
func (r *result) baselinePeakRatio() float64 {
	base := maxPeak(r.baseline)
	if base <= 0 || r.peak() <= 0 {
		return 0
	}
	return float64(r.peak()) / float64(base)
}

// pairRatio is the median of a[i]'s time over b[i]'s.
func pairRatio(a, b []sample) float64 {
	var rs []float64
	for i := range min(len(a), len(b)) {
		rs = append(rs, a[i].wall.Seconds()/b[i].wall.Seconds())
	}
	return medianOf(rs)
}

func median(ss []sample) float64 {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, s.wall.Seconds())
	}
	return medianOf(xs)
}

func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

func maxPeak(ss []sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.peak)
	}
	return m
}
