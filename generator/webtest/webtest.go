// Package webtest opens a built handbook in headless Chromium, for tests of
// what staff see: the same files reached as an intranet serves them, over
// HTTP at a sub-path, and as a copy on a shared drive, from file://.
//
// A Site serves a folder of built files; a Browser is one running Chromium;
// a Tab is one page of it that records every request it makes and every
// error its pages report, so that a test can check that nothing left the
// site and nothing failed. Tab's methods take the test and fail it on any
// error, so that a test reads as the steps a person would take: open a page,
// type into a box, click a link, read where the browser is.
//
// The package's own tests build the example handbook and check every page
// type against WCAG 2.2 AA with axe-core; see README.md.
package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/handbook-nhs/handbook/generator/pdf"
)

// SubPath is where a Site serves the handbook over HTTP: not the root of
// the server, as on an intranet that hosts other things too, so that a link
// written from the root (/assets/...) fails.
const SubPath = "/intranet/handbook/"

// Site is a folder of built handbook files, served over HTTP at SubPath on
// 127.0.0.1 and reachable from file:// too.
type Site struct {
	// Dir is the folder, as an absolute path.
	Dir    string
	server *httptest.Server
	base   string // the file:// URL of Dir, ending in "/"

	mu     sync.Mutex
	errors []string
}

// Serve starts serving the folder dir. Close stops it.
func Serve(dir string) (*Site, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(abs, "index.html")); err != nil {
		return nil, fmt.Errorf("serve %s: no handbook there: %w", dir, err)
	}
	s := &Site{Dir: abs, base: (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String()}
	files := http.StripPrefix(strings.TrimSuffix(SubPath, "/"), http.FileServer(http.Dir(abs)))
	s.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		files.ServeHTTP(rec, r)
		if rec.status >= 400 {
			s.mu.Lock()
			s.errors = append(s.errors, fmt.Sprintf("%d %s", rec.status, r.URL))
			s.mu.Unlock()
		}
	}))
	return s, nil
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Close stops the server.
func (s *Site) Close() { s.server.Close() }

// HTTP returns the address of the page or file at path (slash-separated,
// relative to the handbook's root, such as "riverside/index.html") on the
// server.
func (s *Site) HTTP(path string) string { return s.server.URL + SubPath + path }

// File returns the file:// address of the page or file at path.
func (s *Site) File(path string) string {
	return s.base + (&url.URL{Path: path}).EscapedPath()
}

// Within reports whether the address u is inside the handbook: under
// SubPath on its server, or under its folder on disk.
func (s *Site) Within(u string) bool {
	return strings.HasPrefix(u, s.server.URL+SubPath) || strings.HasPrefix(u, s.base)
}

// Path returns the handbook path of the address u (the inverse of HTTP and
// File, without any query or fragment), and whether u is inside the
// handbook.
func (s *Site) Path(u string) (string, bool) {
	p, err := url.Parse(u)
	if err != nil {
		return "", false
	}
	p.RawQuery, p.Fragment = "", ""
	for _, base := range []string{s.server.URL + SubPath, s.base} {
		b, err := url.Parse(base)
		if err != nil {
			continue
		}
		if p.Scheme == b.Scheme && p.Host == b.Host && strings.HasPrefix(p.Path, b.Path) {
			return strings.TrimPrefix(p.Path, b.Path), true
		}
	}
	return "", false
}

// Errors returns the requests the server answered with an error status
// since the last call, such as "404 /intranet/handbook/assets/x.css".
func (s *Site) Errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := s.errors
	s.errors = nil
	return errs
}

// Browser is one headless Chromium.
type Browser struct {
	ctx  context.Context
	stop func()
}

// Start starts the Chromium at path (see pdftest.Browser to find one).
// It has no network access beyond what a page asks for, no proxy, and a
// profile of its own that Close removes.
func Start(path string) (*Browser, error) {
	home, err := os.MkdirTemp("", "webtest-")
	if err != nil {
		return nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(pdf.BrowserFlags(path, home), chromedp.WindowSize(1280, 900))...)
	ctx, cancel := chromedp.NewContext(alloc,
		chromedp.WithLogf(discard), chromedp.WithErrorf(discard))
	b := &Browser{ctx: ctx, stop: func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(home)
	}}
	if err := chromedp.Do(ctx); err != nil {
		b.stop()
		return nil, fmt.Errorf("starting the browser %s: %w", path, err)
	}
	return b, nil
}

func discard(string, ...any) {}

// Close stops the browser.
func (b *Browser) Close() { b.stop() }

// Tab is one page of the browser. It records the address of every request
// its pages make, and every error they report: uncaught exceptions,
// console errors, failed loads, and Content-Security-Policy violations.
type Tab struct {
	ctx   context.Context
	close func()

	mu       sync.Mutex
	requests []string
	problems []string
}

// cspScript records the page's Content-Security-Policy violations, which
// also reach the console, in a form that names the directive.
const cspScript = `document.addEventListener("securitypolicyviolation", (e) => {
	console.error("Content-Security-Policy violation: " + e.violatedDirective + " blocked " +
		(e.blockedURI || "inline code") + " in " + e.sourceFile + ":" + e.lineNumber);
});`

// NewTab opens a tab, 1280 by 900 CSS pixels.
func (b *Browser) NewTab() (*Tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	tab := &Tab{ctx: ctx, close: cancel}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: cspScript})
		return err
	}))
	if err == nil {
		err = chromedp.Listen(ctx, tab.record)
	}
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return tab, nil
}

// record keeps what a page asks for and what goes wrong. It runs on the
// goroutine that reads the browser's messages: it must be quick.
func (tab *Tab) record(ev any) {
	var problem string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tab.mu.Lock()
		tab.requests = append(tab.requests, ev.Request.URL)
		tab.mu.Unlock()
		return
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return
		}
		problem = "a request failed: " + ev.ErrorText
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		problem = ev.Entry.Text
		if ev.Entry.URL != "" {
			problem += " (" + ev.Entry.URL + ")"
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		problem = d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			problem += " " + d.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			if a.Value != nil {
				var s string
				if json.Unmarshal(a.Value, &s) == nil {
					args = append(args, s)
					continue
				}
				args = append(args, string(a.Value))
				continue
			}
			args = append(args, a.Description)
		}
		problem = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
	default:
		return
	}
	tab.mu.Lock()
	tab.problems = append(tab.problems, problem)
	tab.mu.Unlock()
}

// Close closes the tab.
func (tab *Tab) Close() { tab.close() }

// Requests returns the address of every request the tab's pages made since
// the last call, in order.
func (tab *Tab) Requests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	r := tab.requests
	tab.requests = nil
	return r
}

// Problems returns the errors the tab's pages reported since the last
// call: exceptions, console errors, failed requests and
// Content-Security-Policy violations.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	p := tab.problems
	tab.problems = nil
	return p
}

// wait is how long one step may take.
const wait = 30 * time.Second

// do runs the actions with a time limit, failing the test with what on
// error.
func (tab *Tab) do(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Open loads the page at the address u and waits for it to load.
func (tab *Tab) Open(t testing.TB, u string) {
	t.Helper()
	tab.do(t, "open "+u, chromedp.Navigate(u))
}

// Resize sets the size of the tab's viewport in CSS pixels, as a desktop
// browser window of that size (not a phone's zoomed-out viewport).
func (tab *Tab) Resize(t testing.TB, width, height int) {
	t.Helper()
	tab.do(t, fmt.Sprintf("resize to %d×%d", width, height), chromedp.EmulateViewport(int64(width), int64(height)))
}

// Eval evaluates the JavaScript expression in the tab's page, waits for it
// if it is a promise, and returns its value as T (by way of JSON).
func Eval[T any](t testing.TB, tab *Tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		short := expr
		if len(short) > 200 {
			short = short[:200] + "…"
		}
		t.Fatalf("evaluate %s: %v", short, err)
	}
	return v
}

// Location returns the address of the tab's page.
func (tab *Tab) Location(t testing.TB) string {
	t.Helper()
	return Eval[string](t, tab, "document.location.href")
}

// Type focuses the first element matching the CSS selector sel and types
// text into it, key by key, as a person would.
func (tab *Tab) Type(t testing.TB, sel, text string) {
	t.Helper()
	tab.do(t, fmt.Sprintf("type %q into %s", text, sel), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Press presses a key, such as kb.Tab or kb.Enter, in the focused element.
func (tab *Tab) Press(t testing.TB, key string) {
	t.Helper()
	tab.do(t, "press "+keyName(key), chromedp.KeyEvent(key))
}

func keyName(key string) string {
	switch key {
	case kb.Tab:
		return "Tab"
	case kb.Enter:
		return "Enter"
	case kb.Escape:
		return "Escape"
	}
	return fmt.Sprintf("%q", key)
}

// Click scrolls the first element matching the CSS selector sel into view
// and clicks the middle of it with the mouse. It does not wait for
// anything the click starts; see Follow.
func (tab *Tab) Click(t testing.TB, sel string) {
	t.Helper()
	tab.do(t, "click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Follow clicks the first element matching sel, as Click does, and waits
// for the page it leads to to load (or for the jump within the page). It
// returns the new address.
func (tab *Tab) Follow(t testing.TB, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("follow %s: %v", sel, err)
	}
	return tab.Location(t)
}

// ScreenshotView returns a PNG of the part of the page in view.
func (tab *Tab) ScreenshotView(t testing.TB) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return png
}

// Screenshot returns a PNG of the whole page, not only the part in view.
func (tab *Tab) Screenshot(t testing.TB) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return png
}
