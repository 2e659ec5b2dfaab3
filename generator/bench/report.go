package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/synth"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// report is everything measured, with what is needed to read it fairly:
// the machine, where the files were, and how busy the machine was.
type report struct {
	args               []string
	machine, commit    string
	work, out          string
	workTmpfs          bool
	outTmpfs           bool
	loadStart, loadEnd string
	// hugoVersion is the version of the Hugo run on the Markdown sites,
	// "" when none was: then they are not compared with Hugo.
	hugoVersion string
	// baseline is the path of the baseline handbook, "" when there is
	// none, and baselineVersion what its version command says.
	baseline, baselineVersion string
	results                   []*result
}

// The targets the figures are read against. The machine's speed drifts
// from hour to hour, so every target of speed is a ratio of commands run
// in turn on the same site, never a number of seconds.
const (
	targetLarge     = 6300
	targetLargePeak = 1.5e9
	// Practices sites: at most this many times the minimal pipeline's
	// time on a Markdown site of as many pages.
	targetPracticesVsMinimal = 1.5
	// Markdown sites: at least this many times the pages per second of
	// Hugo targetHugo, at the sizes of targetHugoSizes.
	targetVsHugo = 2.0
	targetHugo   = "v0.165.0"
	// Markdown sites: at most this many times the minimal pipeline's time.
	targetVsMinimal = 1.3
)

// The sizes at which the targets of practices sites against the minimal
// pipeline, and of Markdown sites against Hugo, are read.
var (
	targetPracticesSizes = []int{250, targetLarge}
	targetHugoSizes      = []int{1000, 10000}
)

// installHugo says how to install the Hugo of the target.
const installHugo = "`go install github.com/gohugoio/hugo@" + targetHugo + "`"

// write writes the report as Markdown: a table of the practices sites, a
// table of the Markdown sites, notes and the targets.
func (rep *report) write(w io.Writer) {
	var practices, markdown []*result
	for _, r := range rep.results {
		if r.kind == markdownSite {
			markdown = append(markdown, r)
		} else {
			practices = append(practices, r)
		}
	}
	if len(practices) > 0 {
		rep.table(w, practices, []string{"Practices", "Pages", "Runs", "Seconds (median)", "Pages/s", "Peak memory",
			"Minimal pipeline, same pages", "handbook ÷ minimal"},
			func(r *result) []string {
				return []string{thousands(r.size), thousands(r.pages), strconv.Itoa(len(r.handbook)),
					secs(r.seconds()), thousands(int(float64(r.pages) / r.seconds())), size(r.peak()),
					minimalCell(r), times(r.ratio())}
			})
	}
	if len(markdown) > 0 {
		hugoHead := "Hugo"
		if rep.hugoVersion != "" {
			hugoHead = "Hugo " + rep.hugoVersion + ", in turn"
		}
		rep.table(w, markdown, []string{"Markdown pages", "Pages built", "Runs", "Seconds (median)", "Markdown pages/s", "Peak memory",
			"Minimal pipeline", "handbook ÷ minimal", hugoHead, "Pages/s ÷ Hugo's"},
			func(r *result) []string {
				hugoCell, vsHugo := "not run", "—"
				if rep.hugoVersion != "" {
					hugoCell, vsHugo = secs(median(r.hugo))+" s, "+size(maxPeak(r.hugo)), times(r.hugoRatio())
				}
				return []string{thousands(r.size), thousands(r.pages), strconv.Itoa(len(r.handbook)), secs(r.seconds()),
					thousands(int(float64(r.size) / r.seconds())), size(r.peak()),
					minimalCell(r), times(r.ratio()), hugoCell, vsHugo}
			})
	}

	fmt.Fprintf(w, "- Command: `%s`\n", command(rep.args))
	fmt.Fprintf(w, "- Machine: %s.", rep.machine)
	if rep.commit != "" {
		fmt.Fprintf(w, " handbook at commit %s.", rep.commit)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "- Sites in %s (%s); output written to %s (%s).\n", rep.work, disk(rep.workTmpfs), rep.out, disk(rep.outTmpfs))
	if rep.loadStart != "" {
		fmt.Fprintf(w, "- Load average (1, 5 and 15 minutes): %s at the start, %s at the end.\n", rep.loadStart, rep.loadEnd)
	}
	fmt.Fprintln(w, "- Seconds are wall time, the median of the runs, of the whole command from start to exit; "+
		"peak memory is the highest maximum resident set of the runs (1 MB = 10^6 bytes).")
	fmt.Fprintln(w, "- The commands of a site ran in turn, each going first in turn, so that all met the same state of the "+
		"machine; each ratio is the median of the runs' ratios, run against run of the same turn. The targets of "+
		"speed are read against these ratios only: seconds from runs at other times do not compare.")
	if rep.baseline != "" {
		fmt.Fprintf(w, "- Baseline: %s, whose version command says `%s`. It built the same sites as handbook "+
			"(practices sites themselves, not their twins), with the same arguments, into an output folder of its own, "+
			"in turn with the other commands, each going first in turn. handbook ÷ baseline is the median "+
			"of the runs' ratios of wall time, below 1× when this handbook is the faster; peak memory ÷ baseline's is "+
			"the ratio of the highest peaks. The targets are read against this handbook only.\n", rep.baseline, rep.baselineVersion)
		for _, r := range rep.results {
			if r.skipped == "" && len(r.baseline) > 0 && r.baselinePages != r.pages {
				fmt.Fprintf(w, "- %s: the baseline wrote %s pages, and handbook %s.\n", r.name(), thousands(r.baselinePages), thousands(r.pages))
			}
		}
	}
	fmt.Fprintln(w, "- The minimal pipeline (generator/bench/minimal) only reads each Markdown page, decodes its front matter, "+
		"converts it with goldmark and writes it through one html/template layout: the least a build of those pages can do.")
	if len(practices) > 0 {
		fmt.Fprintln(w, "- Practices sites: synth's practices, built with --today "+synth.AsOf+". The minimal pipeline "+
			"built a Markdown site of synth's with as many pages as handbook's first build wrote (the Pages column), "+
			"pages of about 600 words, 100 to a practice; when not in the cache, it was written between that build and "+
			"the minimal pipeline's first run.")
	}
	if len(markdown) > 0 {
		fmt.Fprintln(w, "- Markdown sites: pages of about 600 words, 100 to a practice, built by handbook and by the "+
			"minimal pipeline from the same site.")
		if rep.hugoVersion != "" {
			fmt.Fprintln(w, "- Hugo "+rep.hugoVersion+" built a Hugo project of the same pages made to write what the minimal "+
				"pipeline writes (its layout and goldmark extensions; the pages alone, no lists, feeds or sitemap). It ran in "+
				"turn with handbook and the minimal pipeline, and pages/s ÷ Hugo's is the median of the runs' ratios.")
			for _, r := range markdown {
				if r.skipped != "" || len(r.hugo) == 0 {
					continue
				}
				if r.hugoDiffer == 0 {
					fmt.Fprintf(w, "- %s: Hugo's pages are the minimal pipeline's, whitespace aside.\n", r.name())
				} else {
					fmt.Fprintf(w, "- %s: %s of Hugo's pages are not the minimal pipeline's, whitespace aside, such as %s.\n",
						r.name(), thousands(r.hugoDiffer), r.hugoExample)
				}
			}
			if rep.hugoVersion != targetHugo {
				fmt.Fprintln(w, "- The Hugo target is set against Hugo "+targetHugo+", and this Hugo is "+rep.hugoVersion+
					": install that one with "+installHugo+" to read it against the target's.")
			}
		} else {
			fmt.Fprintln(w, "- bench ran no Hugo (-hugo none, or no hugo on the PATH), so the Markdown sites are not compared "+
				"with Hugo and the Hugo target is not measured. To measure it, install Hugo "+targetHugo+" with "+installHugo+
				" and run bench again with -hugo \"$(go env GOPATH)/bin/hugo\".")
		}
	}
	for _, r := range rep.results {
		if r.skipped != "" {
			fmt.Fprintf(w, "- %s: not built: %s.\n", r.name(), r.skipped)
		}
	}
	if ts := rep.targets(); len(ts) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Targets:")
		fmt.Fprintln(w)
		for _, t := range ts {
			fmt.Fprintf(w, "- %s\n", t)
		}
	}
}

// table writes the Markdown table of results: the head, then a row of
// cells for each result, with the baseline's columns after them when
// there is a baseline.
func (rep *report) table(w io.Writer, results []*result, head []string, cells func(*result) []string) {
	if rep.baseline != "" {
		head = append(head, "Baseline", "handbook ÷ baseline", "Peak memory ÷ baseline's")
	}
	row(w, head)
	fmt.Fprintln(w, "|"+strings.Repeat("---:|", len(head)))
	for _, r := range results {
		if r.skipped != "" {
			blank := make([]string, len(head))
			blank[0], blank[1] = thousands(r.size), "not built: see the notes"
			row(w, blank)
			continue
		}
		c := cells(r)
		if rep.baseline != "" {
			c = append(c, secs(median(r.baseline))+" s, "+size(maxPeak(r.baseline)), times(r.baselineRatio()),
				timesOrUnknown(r.baselinePeakRatio()))
		}
		row(w, c)
	}
	fmt.Fprintln(w)
}

// row writes one row of a Markdown table.
func row(w io.Writer, cells []string) {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cells {
		if c != "" {
			b.WriteString(" " + c)
		}
		b.WriteString(" |")
	}
	fmt.Fprintln(w, b.String())
}

// minimalCell is the minimal pipeline's seconds and peak memory on the
// Markdown pages of r: "1.61 s, 30 MB".
func minimalCell(r *result) string {
	return secs(median(r.minimal)) + " s, " + size(maxPeak(r.minimal))
}

// targets checks the figures against the targets that apply to them.
func (rep *report) targets() []string {
	var out []string
	check := func(met bool, format string, args ...any) {
		verdict := "missed"
		if met {
			verdict = "met"
		}
		out = append(out, fmt.Sprintf(format, args...)+": "+verdict)
	}
	for _, r := range rep.results {
		if r.skipped != "" {
			continue
		}
		switch r.kind {
		case practicesSite:
			if slices.Contains(targetPracticesSizes, r.size) {
				check(r.ratio() <= targetPracticesVsMinimal, "%s within %s the minimal pipeline's time on as many Markdown pages (%s): %s",
					r.name(), times(targetPracticesVsMinimal), thousands(r.pages), times(r.ratio()))
			}
			if r.size == targetLarge {
				check(r.peak() < targetLargePeak, "%s with peak memory under %s: %s",
					r.name(), size(targetLargePeak), size(r.peak()))
			}
		case markdownSite:
			if slices.Contains(targetHugoSizes, r.size) {
				if rep.hugoVersion != "" {
					against := "run in turn"
					if rep.hugoVersion != targetHugo {
						against = "measured against Hugo " + rep.hugoVersion + " run in turn"
					}
					check(r.hugoRatio() >= targetVsHugo, "%s at least %s Hugo %s's pages per second, %s: %s",
						r.name(), times(targetVsHugo), targetHugo, against, times(r.hugoRatio()))
				} else {
					out = append(out, fmt.Sprintf("%s at least %s Hugo %s's pages per second: not measured, as bench ran no Hugo "+
						"(install it with %s)", r.name(), times(targetVsHugo), targetHugo, installHugo))
				}
			}
			check(r.ratio() <= targetVsMinimal, "%s within %s the minimal pipeline's time: %s",
				r.name(), times(targetVsMinimal), times(r.ratio()))
		}
	}
	return out
}

func disk(tmpfs bool) string {
	if tmpfs {
		return "memory-backed disk, tmpfs"
	}
	return "not on tmpfs"
}

// command is the command line that reproduces the report.
func command(args []string) string {
	parts := []string{"go", "run", "./generator/bench"}
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " '\"$\\*?") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// secs formats seconds to three significant figures or so.
func secs(x float64) string {
	switch {
	case x < 10:
		return strconv.FormatFloat(x, 'f', 2, 64)
	case x < 100:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 0, 64)
}

// size formats bytes as MB or GB (of 10^6 and 10^9 bytes); 0 is unknown.
func size(b int64) string {
	switch {
	case b <= 0:
		return "—"
	case b < 1e9:
		return fmt.Sprintf("%.0f MB", float64(b)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(b)/1e9)
}

// times formats a ratio: "2.5×".
func times(x float64) string {
	if x >= 10 {
		return strconv.FormatFloat(x, 'f', 0, 64) + "×"
	}
	return strconv.FormatFloat(x, 'f', 2, 64) + "×"
}

// timesOrUnknown formats a ratio, or "—" for 0, a ratio not known.
func timesOrUnknown(x float64) string {
	if x == 0 {
		return "—"
	}
	return times(x)
}

// thousands writes n with a comma between each three digits: 1,234,567.
func thousands(n int) string { return british.Sprint(n) }

// british formats numbers as written in the UK.
var british = message.NewPrinter(language.BritishEnglish)
