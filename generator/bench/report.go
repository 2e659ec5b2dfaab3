package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

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
	// "" when none was: then they are compared with hugo, the reference
	// figures.
	hugoVersion string
	results     []*result
}

// hugoFigure is a reference measurement of Hugo v0.165.0 building a site
// of N Markdown pages of the same kind (about 600 words each, TOML front
// matter, a shared layout with sibling navigation) on this machine:
// median of 3 runs, output on memory-backed disk (TECH-NOTES). Peak 0 is
// not known. They are read against when bench runs no Hugo itself.
type hugoFigure struct {
	seconds float64
	peak    int64
}

// cell is the figure as the table shows it: "5.70 s, 1.6 GB".
func (h hugoFigure) cell() string {
	if h.peak > 0 {
		return secs(h.seconds) + " s, " + size(h.peak)
	}
	return secs(h.seconds) + " s"
}

// hugoComparison is Hugo's figure for a Markdown site, and handbook's
// Markdown pages a second over Hugo's.
type hugoComparison struct {
	cell    string  // Hugo's seconds and peak memory
	ratio   float64 // handbook's pages/s ÷ Hugo's
	against string  // what was compared with
}

// vsHugo compares r with Hugo: with Hugo's runs, in turn with
// handbook's, when bench ran Hugo; else with the reference figure for
// r's size, if there is one.
func (rep *report) vsHugo(r *result) (hugoComparison, bool) {
	if rep.hugoVersion != "" {
		return hugoComparison{secs(median(r.hugo)) + " s, " + size(maxPeak(r.hugo)), r.hugoRatio(), "Hugo run in turn"}, true
	}
	h, ok := hugo[r.size]
	return hugoComparison{h.cell(), h.seconds / r.seconds(), "Hugo's reference figure"}, ok
}

var hugo = map[int]hugoFigure{
	1000:  {0.59, 0},
	10000: {5.7, 1.6e9},
	50000: {44, 3.9e9},
}

// The targets the figures are read against.
const (
	targetPractices    = 250
	targetSeconds      = 3.0
	targetLarge        = 6300
	targetLargeSeconds = 90.0
	targetLargePeak    = 1.5e9
	targetVsHugo       = 2.5 // at least this many times Hugo's pages per second
	targetVsMinimal    = 1.3 // at most this many times the minimal pipeline's time
)

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
		fmt.Fprintln(w, "| Practices | Pages | Runs | Seconds (median) | Pages/s | Peak memory |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|")
		for _, r := range practices {
			if r.skipped != "" {
				fmt.Fprintf(w, "| %s | not built: see the notes | | | | |\n", thousands(r.size))
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s |\n", thousands(r.size), thousands(r.pages), len(r.handbook),
				secs(r.seconds()), thousands(int(float64(r.pages)/r.seconds())), size(r.peak()))
		}
		fmt.Fprintln(w)
	}
	if len(markdown) > 0 {
		hugoHead := "Hugo v0.165.0 (reference)"
		if rep.hugoVersion != "" {
			hugoHead = "Hugo " + rep.hugoVersion + ", in turn"
		}
		fmt.Fprintln(w, "| Markdown pages | Pages built | Runs | Seconds (median) | Markdown pages/s | Peak memory "+
			"| Minimal pipeline | handbook ÷ minimal | "+hugoHead+" | Pages/s ÷ Hugo's |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, r := range markdown {
			if r.skipped != "" {
				fmt.Fprintf(w, "| %s | not built: see the notes | | | | | | | | |\n", thousands(r.size))
				continue
			}
			hugoCell, vsHugo := "—", "—"
			if h, ok := rep.vsHugo(r); ok {
				hugoCell, vsHugo = h.cell, times(h.ratio)
			}
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s s, %s | %s | %s | %s |\n",
				thousands(r.size), thousands(r.pages), len(r.handbook), secs(r.seconds()),
				thousands(int(float64(r.size)/r.seconds())), size(r.peak()),
				secs(median(r.minimal)), size(maxPeak(r.minimal)), times(r.ratio()), hugoCell, vsHugo)
		}
		fmt.Fprintln(w)
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
	if len(markdown) > 0 {
		fmt.Fprintln(w, "- Markdown sites: pages of about 600 words, 100 to a practice. The minimal pipeline "+
			"(generator/bench/minimal) only reads each page, decodes its front matter, converts it with goldmark "+
			"and writes it through one html/template layout; it ran in turn with handbook, and handbook ÷ minimal "+
			"is the median of the pairs' ratios.")
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
			var ref []string
			for _, n := range slices.Sorted(maps.Keys(hugo)) {
				ref = append(ref, thousands(n)+" pages "+hugo[n].cell())
			}
			fmt.Fprintln(w, "- For reference, Hugo v0.165.0 measured another day with a layout listing each page's 100 siblings "+
				"(TECH-NOTES): "+strings.Join(ref, "; ")+".")
		} else {
			fmt.Fprintln(w, "- Hugo's figures are reference measurements of Hugo v0.165.0 building sites of the same kind on this "+
				"machine (median of 3 runs, output on memory-backed disk): bench ran no Hugo (-hugo), so they are from "+
				"another day, not paired with these runs.")
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
		switch {
		case r.kind == practicesSite && r.size == targetPractices:
			check(r.seconds() < targetSeconds, "%s built in under %s s: %s s",
				r.name(), secs(targetSeconds), secs(r.seconds()))
		case r.kind == practicesSite && r.size == targetLarge:
			check(r.seconds() < targetLargeSeconds && r.peak() < targetLargePeak, "%s built in under %s s with peak memory under %s: %s s, %s",
				r.name(), secs(targetLargeSeconds), size(targetLargePeak), secs(r.seconds()), size(r.peak()))
		case r.kind == markdownSite:
			if h, ok := rep.vsHugo(r); ok {
				check(h.ratio >= targetVsHugo, "%s at least %s Hugo's pages per second (%s): %s",
					r.name(), times(targetVsHugo), h.against, times(h.ratio))
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

// thousands writes n with a comma between each three digits: 1,234,567.
func thousands(n int) string { return british.Sprint(n) }

// british formats numbers as written in the UK.
var british = message.NewPrinter(language.BritishEnglish)
