package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/handbook-nhs/handbook/generator/build"
	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/site"
)

func pdfFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var opt build.Options
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.StringVar(&opt.Destination, "destination", "", "the output `folder` (default public/ in the source folder)")
	fs.Var(dateFlag{&opt.Today}, "today", "build as of this `date`, written YYYY-MM-DD")
	fs.BoolVar(&opt.Packs, "packs", false, "publish the continuity packs even if handbook.toml says not to (needs --destination: a private folder)")
	fs.StringVar(&opt.Browser, "browser", "", "the Chromium or Chrome `program` to print with (default: $HANDBOOK_CHROMIUM, else chromium or google-chrome on the PATH)")
	return func(ctx context.Context, env Env) int {
		if opt.Today.IsZero() {
			opt.Today = site.DateOf(env.Now())
		}
		if opt.Packs && opt.Destination == "" {
			errorf(env, "--packs needs --destination")
			hintf(env, "the packs hold personal mobile numbers: build them into a private folder, not the site's public/")
			return ExitUsage
		}
		opt.PDF = true
		// Look for the browser before building, so that a missing one
		// costs nothing and leaves the output as it was.
		if opt.Browser == "" {
			path, err := pdf.Find()
			if err != nil {
				return noBrowser(env, err)
			}
			opt.Browser = path
		}
		start := time.Now()
		res, err := build.Run(ctx, opt)
		if err != nil {
			return reportBuildError(env, opt, err)
		}
		fmt.Fprintf(env.Stdout, "Built %s, %d pages and %s (%s) in %s into %s\n",
			plural(res.Practices, "practice", "practices"), res.Pages, plural(res.PDFs, "PDF", "PDFs"),
			size(res.Bytes), time.Since(start).Round(time.Millisecond), rel(res.Destination))
		return ExitOK
	}
}

// noBrowser explains that PDFs need Chromium, and that the packs print
// without it.
func noBrowser(env Env, err error) int {
	if errors.Is(err, pdf.ErrNoBrowser) {
		errorf(env, "no Chromium or Google Chrome found, so no PDFs were made; the output is unchanged")
	} else {
		errorf(env, "%v", err)
	}
	hintf(env, "install Chromium (Debian or Ubuntu: sudo apt-get install chromium) or Google Chrome, or give its path with --browser or HANDBOOK_CHROMIUM")
	hintf(env, "the continuity packs print from any browser without it: run handbook build, open <practice>/continuity-pack.html and print it on A4")
	return ExitError
}
