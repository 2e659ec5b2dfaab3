package cli

import (
	"context"
	"errors"
	"flag"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/site"
)

func pdfFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var opt pipeline.Options
	var quiet bool
	outputFlags(fs, &opt, &quiet)
	fs.StringVar(&opt.Browser, "browser", "", "the Chromium or Chrome `program` to print with (default: $HANDBOOK_CHROMIUM, else chromium or google-chrome on the PATH)")
	var practices, icbs string
	fs.StringVar(&practices, "practice", "", "print only these practices' documents: their `ids` (folder names), comma-separated")
	fs.StringVar(&icbs, "icb", "", "print only the documents of the practices of these ICBs: their organisation `ids`, comma-separated")
	return func(ctx context.Context, env Env) int {
		if code := settle(env, &opt); code != ExitOK {
			return code
		}
		if practices != "" || icbs != "" {
			ids, orgs := strings.Split(practices, ","), strings.Split(icbs, ",")
			opt.PrintOnly = func(s *site.Summary) bool { return slices.Contains(ids, s.ID) || slices.Contains(orgs, s.ICB) }
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
		return runBuild(ctx, env, opt, quiet)
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
