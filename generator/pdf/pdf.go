// Package pdf prints pages of a built site to PDF with the system's
// headless Chromium.
//
// It consumes the site's files in memory and a list of jobs, each naming an
// HTML page among them, and produces one PDF per job as another site file.
// The files are served to the browser from memory on a free port of
// 127.0.0.1 for the length of the call: nothing is written to disk but the
// browser's own temporary profile, which is removed afterwards, and the
// pages may load nothing from any other host. The page decides its paper
// and margins with CSS @page rules.
//
// Only chromium.go knows the browser-driving library.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Job is one page to print.
type Job struct {
	// Page is the path of the HTML page within the files, such as
	// "riverside/continuity-pack.html".
	Page string
	// Out is the path of the PDF to make, such as
	// "riverside/continuity-pack.pdf".
	Out string
}

// Options control the browser. The zero value finds the browser with Find
// and allows each page a minute.
type Options struct {
	// Browser is the path of Chromium or Chrome; empty means Find().
	Browser string
	// Timeout is how long each page may take to load and print, from the
	// opening of its tab to the end of its PDF; zero (or less) means 60
	// seconds. The browser's start does not count against it: the start
	// has a minute of its own, whatever the Timeout.
	Timeout time.Duration
	// Date is the date each PDF says it was made, at midnight UTC, so
	// that the same pages printed on another day or machine make the same
	// bytes; zero leaves the browser's clock.
	Date site.Date
	// Progress, when set, is called as each job ends with the number of
	// jobs ended so far, from one tab's goroutine at a time.
	Progress func(done int)
}

// DefaultTimeout is the Timeout of zero Options.
const DefaultTimeout = 60 * time.Second

// startTimeout is how long the browser may take to start and answer. It is
// kept apart from Options.Timeout: how long Chromium takes to start
// depends on how busy the machine is, not on the pages.
const startTimeout = time.Minute

func (opt Options) timeout() time.Duration {
	if opt.Timeout <= 0 {
		return DefaultTimeout
	}
	return opt.Timeout
}

func (opt Options) browser() (string, error) {
	if opt.Browser != "" {
		return opt.Browser, nil
	}
	return Find()
}

// Print serves files over HTTP on 127.0.0.1, starts one headless Chromium,
// and prints the page of each job, in as many tabs at once as there are
// cores, once it has loaded and its fonts are ready. It returns the PDFs as
// files with the jobs' Out paths, in job order.
//
// Before starting anything, Print checks that every job's page is among the
// files. It fails when the browser does not start, or does not answer
// within a minute. A job fails when its page does not load with status 200,
// when it takes longer than the Timeout, or when the page reports a layout
// problem by setting a non-empty data-print-error attribute on its <html>
// element (by the time its load event and document.fonts.ready have
// passed). Print goes on with the other jobs after a failed one, and then
// returns every failure, each saying which page failed, and no files.
//
// When ctx is done, Print stops the browser and returns ctx's error. On
// return the browser and its helper processes have exited, its temporary
// profile is removed and the server is closed.
func Print(ctx context.Context, files []site.File, jobs []Job, opt Options) ([]site.File, error) {
	if err := checkJobs(files, jobs); err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, nil
	}
	data, err := printFrom(ctx, newSiteHandler(files), jobs, opt)
	if err != nil {
		return nil, err
	}
	out := make([]site.File, len(jobs))
	for i, j := range jobs {
		out[i] = site.File{Path: j.Out, Data: renumberNodes(stampDate(data[i], opt.Date))}
	}
	return out, nil
}

// stampDate writes d, at midnight, as the creation and modification
// dates of pdf, in place of the clock's: they are the only bytes two
// prints of the same page at different times differ in. The browser
// writes them in UTC (chromiumEnv), D:YYYYMMDDHHmmSS+00'00', so the
// length is kept and no offset of the file moves.
func stampDate(pdf []byte, d site.Date) []byte {
	if d.IsZero() {
		return pdf
	}
	stamp := []byte(d.String()[:4] + d.String()[5:7] + d.String()[8:10] + "000000")
	for _, key := range []string{"/CreationDate (D:", "/ModDate (D:"} {
		i := bytes.Index(pdf, []byte(key))
		if i < 0 {
			continue
		}
		at := i + len(key)
		if at+len(stamp) <= len(pdf) && allDigits(pdf[at:at+len(stamp)]) {
			copy(pdf[at:], stamp)
		}
	}
	return pdf
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// printFrom prints the jobs as Print does, with h serving their pages, and
// returns the PDF of each, in job order.
func printFrom(ctx context.Context, h http.Handler, jobs []Job, opt Options) ([][]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("printing: %w", context.Cause(ctx))
	}
	path, err := opt.browser()
	if err != nil {
		return nil, err
	}
	srv, err := serve(h)
	if err != nil {
		return nil, fmt.Errorf("serving the pages to print: %w", err)
	}
	defer srv.close()
	b, err := startChromium(ctx, path, startTimeout)
	if err != nil {
		return nil, err
	}
	defer b.stop()

	// Tabs print in parallel, one per core: a page's layout and printing
	// run on the browser's renderer of that tab.
	data := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				data[i], errs[i] = b.print(srv.url(jobs[i].Page), opt.timeout())
				if errs[i] != nil {
					errs[i] = fmt.Errorf("printing %s: %w", jobs[i].Page, errs[i])
				}
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done)
					mu.Unlock()
				}
			}
		})
	}
	for i := range jobs {
		// Cancelled, or the browser is gone: the other jobs would only
		// fail the same way.
		if b.ctx.Err() != nil {
			errs[i] = fmt.Errorf("printing %s: %w", jobs[i].Page, context.Cause(b.ctx))
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("printing: %w", context.Cause(ctx))
		}
		return nil, err
	}
	return data, nil
}

// checkJobs reports every job that names no page, a page that is not among
// files, or no output path.
func checkJobs(files []site.File, jobs []Job) error {
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[f.Path] = true
	}
	var errs []error
	for i, j := range jobs {
		switch {
		case j.Page == "":
			errs = append(errs, fmt.Errorf("printing job %d: no page given", i+1))
		case !have[j.Page]:
			errs = append(errs, fmt.Errorf("printing %s: no such page in the site", j.Page))
		case j.Out == "":
			errs = append(errs, fmt.Errorf("printing %s: no output path given", j.Page))
		}
	}
	return errors.Join(errs...)
}

// nodeID is the name the browser gives each element of a tagged PDF's
// structure, such as node00000109: numbered by a counter of the whole
// browser, so that the same page printed beside others, or in another
// run, has other numbers.
var nodeID = regexp.MustCompile(`node[0-9]{8}`)

// renumberNodes numbers the structure elements of pdf from 1, in the
// order of their numbers: the same page gets the same names whenever it
// is printed, and the sorted name tree that lists them stays sorted. The
// names keep their length, so no offset of the file moves.
func renumberNodes(pdf []byte) []byte {
	found := nodeID.FindAll(pdf, -1)
	if len(found) == 0 {
		return pdf
	}
	ids := make([]string, 0, len(found))
	for _, f := range found {
		ids = append(ids, string(f))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	to := make(map[string][]byte, len(ids))
	for i, id := range ids {
		to[id] = fmt.Appendf(nil, "node%08d", i+1)
	}
	return nodeID.ReplaceAllFunc(pdf, func(b []byte) []byte { return to[string(b)] })
}
