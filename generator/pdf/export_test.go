package pdf

import (
	"context"
	"net/http"
	"time"
)

// PrintFrom prints the jobs as Print does, with h serving their pages
// rather than files, so that a test sees the browser ask for a page, or
// never answers it. It returns the PDFs in job order.
func PrintFrom(ctx context.Context, h http.Handler, jobs []Job, opt Options) ([][]byte, error) {
	return printFrom(ctx, h, jobs, opt)
}

// StartBrowser starts the browser at path as Print does, but allows it
// limit rather than a minute to answer, and stops it again.
func StartBrowser(ctx context.Context, path string, limit time.Duration) error {
	b, err := startChromium(ctx, path, limit)
	if err != nil {
		return err
	}
	b.stop()
	return nil
}

// SweepHomes removes the browser folders of runs that are gone, as each
// start of the browser does.
func SweepHomes() { sweepHomes() }

// HomePrefix starts the name of a browser folder.
const HomePrefix = homePrefix
