package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/publish"
	"github.com/handbook-nhs/handbook/generator/site"
)

// dateFlag is a --today value: a date written YYYY-MM-DD.
type dateFlag struct{ d *site.Date }

func (f dateFlag) String() string {
	if f.d == nil || f.d.IsZero() {
		return "the current date"
	}
	return f.d.String()
}

func (f dateFlag) Set(s string) error {
	d, err := site.ParseDate(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}

func buildFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var opt pipeline.Options
	var quiet bool
	outputFlags(fs, &opt, &quiet)
	fs.BoolVar(&opt.NoMinify, "no-minify", false, "write HTML and CSS unminified, for reading or debugging templates")
	return func(ctx context.Context, env Env) int {
		if code := settle(env, &opt); code != ExitOK {
			return code
		}
		return runBuild(ctx, env, opt, quiet)
	}
}

// outputFlags registers the flags of the commands that publish: build and
// pdf.
func outputFlags(fs *flag.FlagSet, opt *pipeline.Options, quiet *bool) {
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.StringVar(&opt.Destination, "destination", "", "the output `folder` (default public/ in the source folder)")
	fs.Var(dateFlag{&opt.Today}, "today", "build as of this `date`, written YYYY-MM-DD")
	fs.BoolVar(&opt.Packs, "packs", false, "publish the continuity packs with personal mobile numbers, whatever handbook.toml says (needs --destination: a private folder)")
	fs.BoolVar(quiet, "quiet", false, "print only errors: no progress line on a terminal, no summary")
}

// settle fills in the defaults of the output flags and checks how they
// combine, returning ExitUsage after reporting a wrong combination.
func settle(env Env, opt *pipeline.Options) int {
	if opt.Today.IsZero() {
		opt.Today = site.DateOf(env.Now())
	}
	if opt.Packs && opt.Destination == "" {
		errorf(env, "--packs needs --destination")
		hintf(env, "the packs hold personal mobile numbers: build them into a private folder, not the site's public/")
		return ExitUsage
	}
	return ExitOK
}

// runBuild builds and publishes as opt says, and reports how it went: a
// summary on stdout, unless quiet, or the errors on stderr. On a terminal,
// unless quiet, the build's progress shows on stderr while it runs.
func runBuild(ctx context.Context, env Env, opt pipeline.Options, quiet bool) int {
	start := time.Now()
	var p *progress
	if env.Terminal && !quiet {
		p = newProgress(env.Stderr, env.Now)
		opt.Progress = p.update
	}
	opt.Waiting = func(dest string) {
		p.clear()
		fmt.Fprintf(env.Stderr, "Another build is writing to %s: waiting for it to finish (Ctrl-C stops).\n", rel(dest))
	}
	res, err := pipeline.Build(ctx, opt)
	p.clear()
	if err != nil {
		return reportBuildError(env, opt, err)
	}
	if quiet {
		return ExitOK
	}
	pdfs := ""
	if opt.PDF {
		pdfs = " and " + plural(res.PDFs, "PDF", "PDFs") + " printed"
		if res.Reused > 0 {
			pdfs += fmt.Sprintf(" (%d unchanged kept)", res.Reused)
		}
	}
	fmt.Fprintf(env.Stdout, "Built %s, %d pages%s (%s) in %s into %s\n",
		plural(res.Practices, "practice", "practices"), res.Pages, pdfs, size(res.Bytes),
		time.Since(start).Round(time.Millisecond), rel(res.Destination))
	if res.Unprinted > 0 {
		fmt.Fprintf(env.Stdout, "%s of the other practices left out: not printed this time, and no current copy in the output; run handbook pdf without --practice or --icb to print them\n",
			plural(res.Unprinted, "PDF", "PDFs"))
	}
	if res.Findings.Total() > 0 {
		fmt.Fprintf(env.Stdout, "Governance findings: %s (each practice's findings.html lists them; handbook check prints them)\n", summary(res.Findings))
	}
	historyNote(env, res)
	return ExitOK
}

// historyNote says in one line why pages do not show when their files
// last changed, when the person building can do something about it. A
// site not kept in git is no cause for a note.
func historyNote(env Env, res pipeline.Result) {
	switch err := res.HistoryErr; {
	case errors.Is(err, history.ErrNotRepository):
	case errors.Is(err, history.ErrNoGit):
		fmt.Fprintln(env.Stdout, "Dates of last change: none shown, as git is not installed.")
	case err != nil:
		fmt.Fprintf(env.Stdout, "Dates of last change: none shown, as git failed: %v\n", err)
	case res.Shallow:
		fmt.Fprintln(env.Stdout, "Dates of last change: some pages show none, as the site is in a shallow clone of its repository "+
			"(fetch the whole history: in GitHub Actions, actions/checkout with fetch-depth: 0).")
	}
}

// reportBuildError prints err for the person who ran the build.
func reportBuildError(env Env, opt pipeline.Options, err error) int {
	var list site.ErrorList
	var unsafe *publish.UnsafeError
	switch {
	case errors.As(err, &list):
		(&report{source: opt.Source, errors: list}).text(env.Stderr)
		errorf(env, "%s in the content: nothing was published", plural(len(list), "problem", "problems"))
		hintf(env, "fix the files named above and build again; the previous output is unchanged")
	case errors.As(err, &unsafe):
		errorf(env, "%v", err)
		hintf(env, "choose an empty or new folder with --destination")
	case errors.Is(err, context.Canceled):
		errorf(env, "build interrupted: nothing was published")
	case errors.Is(err, fs.ErrNotExist):
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder")
	default:
		errorf(env, "%v", err)
	}
	return ExitError
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// rel shortens an absolute path to one relative to the working folder when
// that is shorter.
func rel(p string) string {
	if abs, err := filepath.Abs("."); err == nil {
		if r, err := filepath.Rel(abs, p); err == nil && len(r) < len(p) {
			return r
		}
	}
	return p
}
