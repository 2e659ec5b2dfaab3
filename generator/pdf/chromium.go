package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// This file is the only one that knows chromedp, so that a change of its API
// touches nothing else.

// chromium is one running headless Chromium. Each print opens a tab of its
// own and closes it, so a page that hangs or fails leaves nothing behind for
// the next one.
type chromium struct {
	path string
	// parent is the context the browser was started with.
	parent context.Context
	// ctx is the chromedp context of the browser; tabs are its children.
	// It is done when the browser has been stopped or has died.
	ctx  context.Context
	stop func()
}

// BrowserFlags returns how to run the headless browser at path, with home as
// its temporary folder: for printing, and for the browser tests of the
// built site. The flags are the whole list, not chromedp's defaults
// with changes, so that no default the library adds later can turn on
// network access or anything else we did not ask for.
func BrowserFlags(path, home string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// A proxy from the environment must not see, or break, the
		// requests to our own server on 127.0.0.1.
		chromedp.Flag("no-proxy-server", true),
		// Chromium refuses to start as root without it. Setting the flag
		// either way also stops chromedp from deciding for us.
		chromedp.Flag("no-sandbox", os.Geteuid() == 0),
		// No UserDataDir: chromedp then makes a fresh temporary
		// --user-data-dir, and once the browser has exited it kills any
		// helper process still using that folder and removes it. A folder
		// of our own would lose that clean-up.
		//
		// Chromium also makes a folder in $TMPDIR for its singleton
		// socket, removed only on a graceful exit (we kill it), and writes
		// settings under ~/.config and ~/.cache. Give it folders of its
		// own, removed with home.
		chromedp.Env(
			"TZ=UTC", // the dates in a PDF's information, which Print sets
			"TMPDIR="+home,
			"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
			"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		),
	}
}

// homePrefix starts the name of the browser's temporary folder, which
// then holds the id of the process that made it: a folder whose process
// is gone was left by a run that was killed.
const homePrefix = "handbook-pdf-"

// sweepHomes removes the browser folders that runs killed before they
// could remove their own left behind.
func sweepHomes() {
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), homePrefix+"*-*"))
	for _, m := range matches {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(m), homePrefix), "-")
		if n, err := strconv.Atoi(pid); err == nil && n != os.Getpid() && !running(n) {
			os.RemoveAll(m)
		}
	}
}

// startChromium starts the browser at path. The browser lives until stop
// is called or ctx is done. If it has not answered within limit, it is
// stopped and an error returned.
func startChromium(ctx context.Context, path string, limit time.Duration) (*chromium, error) {
	// Short, as Chromium fails when the path of its socket in the folder
	// is longer than a Unix socket allows (107 bytes).
	sweepHomes()
	home, err := os.MkdirTemp("", homePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("starting the browser %s: %w", path, err)
	}
	// chromedp binds the browser to the context of its first Run, so the
	// start cannot have a deadline of its own: on time out, cancel the
	// whole browser instead.
	life, end := context.WithCancel(ctx)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(life, BrowserFlags(path, home)...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx,
		// Print reports what failed; chromedp's own log lines would only
		// repeat it on stderr.
		chromedp.WithLogf(discard), chromedp.WithErrorf(discard))
	b := &chromium{
		path:   path,
		parent: ctx,
		ctx:    browserCtx,
		stop: func() {
			// Each cancel waits: the first until the browser process has
			// exited, the second until its leftover helpers are killed and
			// its profile removed.
			cancelBrowser()
			cancelAlloc()
			end()
			os.RemoveAll(home)
		},
	}
	timer := time.AfterFunc(limit, end)
	err = chromedp.Do(browserCtx)
	timedOut := !timer.Stop()
	switch {
	case ctx.Err() != nil:
		b.stop()
		return nil, fmt.Errorf("starting the browser %s: %w", path, context.Cause(ctx))
	case timedOut:
		b.stop()
		return nil, fmt.Errorf("starting the browser %s: no answer after %v", path, limit)
	case err != nil:
		b.stop()
		return nil, fmt.Errorf("starting the browser %s: %w", path, err)
	}
	return b, nil
}

func discard(string, ...any) {}

// readyScript resolves when the page's fonts are loaded, to the page's own
// report of a layout problem, or "" when it has none.
const readyScript = `document.fonts.ready.then(() =>
	document.documentElement?.getAttribute("data-print-error") ?? "")`

// a4 is the paper of a page that does not set @page { size }, exact to the
// millimetre rather than chromedp's rounded inches.
var a4 = chromedp.PaperSize{Width: 210 / 25.4, Height: 297 / 25.4}

// unlinkLocal takes the address off every link to a page of the server the
// page came from.
const unlinkLocal = `(() => {
	for (const a of document.querySelectorAll("a[href]")) {
		if (a.origin === location.origin) a.removeAttribute("href");
	}
	return true;
})()`

// printOptions are the settings of every print: the page's own @page size
// and margins, A4 otherwise, no header or footer of the browser's own, no
// backgrounds, and a bookmark outline built from the headings.
var printOptions = []chromedp.PDFOption{
	chromedp.PDFPreferCSSPageSize(),
	chromedp.PDFPaper(a4),
	chromedp.PDFOutlineAndTagged(),
	func(p *page.PrintToPDFParams) {
		p.DisplayHeaderFooter = new(false)
		p.PrintBackground = new(false)
	},
	// A long pack is many megabytes; read it in pieces rather than as one
	// message.
	chromedp.PDFStream(),
}

// print loads the page at url in a new tab and prints it, within limit.
func (b *chromium) print(url string, limit time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	tab, closeTab := chromedp.NewContext(ctx)
	defer closeTab()

	data, err := loadAndPrint(tab, url)
	switch {
	case err == nil:
		return data, nil
	case b.parent.Err() != nil:
		return nil, context.Cause(b.parent)
	case b.ctx.Err() != nil:
		return nil, fmt.Errorf("the browser %s stopped: %w", b.path, err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("not done after %v", limit)
	}
	return nil, err
}

// loadAndPrint loads the page at url in tab, waits for it to be ready, and
// prints it.
func loadAndPrint(tab context.Context, url string) ([]byte, error) {
	resp, err := chromedp.Run(tab, chromedp.NavigateResponse(url))
	switch {
	case err != nil:
		return nil, fmt.Errorf("the page did not load: %w", err)
	case resp == nil:
		return nil, errors.New("the page did not load: no response")
	case resp.Status != 200:
		return nil, fmt.Errorf("the page did not load: status %d %s", resp.Status, resp.StatusText)
	}
	report, err := chromedp.Run(tab, chromedp.Evaluate[string](readyScript, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("waiting for the page's fonts: %w", err)
	}
	if report != "" {
		return nil, fmt.Errorf("the page reports a print error: %q", report)
	}
	// A link to another page of the handbook would lead, on paper or in the
	// PDF, to the address the browser read it from, which is gone once
	// the PDF is made (and differs each time): it prints as plain text.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](unlinkLocal)); err != nil {
		return nil, fmt.Errorf("preparing the page: %w", err)
	}
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(printOptions...))
	if err != nil {
		return nil, fmt.Errorf("making the PDF: %w", err)
	}
	return data, nil
}
