package serve_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
)

// TestLiveReloadInBrowser opens a page in headless Chromium and checks
// what a practice manager sees as they edit: the page changes in place
// (no reload: the window keeps a value set on it, and its scroll
// position), a broken file shows the overlay with its position over the
// page, and the fix removes it. Required when $CI is set.
func TestLiveReloadInBrowser(t *testing.T) {
	t.Parallel()
	browser := pdftest.Browser(t)
	r := start(t, copySite(t), 0)
	r.next(t)

	home := t.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(pdf.BrowserFlags(browser, home), chromedp.WindowSize(1000, 700))...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTime()

	run := func(what string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if _, err := chromedp.Run(ctx, a); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// until waits for the JavaScript expression cond to be true. It asks
	// again and again, rather than with chromedp.Poll, so that it outlasts
	// a reload of the page.
	until := func(what, cond string) {
		t.Helper()
		deadline := time.Now().Add(wait)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 400) : ""`))
				t.Fatalf("waiting for %s: %v\npage: %s", what, err, text)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	const file = "content/riverside/services/docman.toml"
	run("open the page", chromedp.Navigate(r.URL()+"riverside/services/docman.html"))
	until("the page", `document.querySelector("h1") && document.querySelector("h1").textContent.includes("Docman 10")`)
	eval(`window.marker = "kept"; window.scrollTo(0, 300); String(window.scrollY)`)
	scrolled := eval(`String(window.scrollY)`)

	src := r.read(t, file)
	r.saveByRename(t, file, strings.Replace(src, `name = "Docman 10"`, `name = "Docman Eleven"`, 1))
	until("the edit to show", `document.querySelector("h1").textContent.includes("Docman Eleven")`)
	if got := eval(`String(window.marker)`); got != "kept" {
		t.Error("the page was reloaded, not updated in place")
	}
	if got := eval(`String(window.scrollY)`); got != scrolled {
		t.Errorf("scrolled to %s after the update, was at %s", got, scrolled)
	}
	// The search index changed with the name, and runs again in place:
	// the search box finds the new name, typed into the swapped-in body.
	until("the search to find the new name", `(function () {
		var hits = window.handbookSearch ? window.handbookSearch("docman eleven") : [];
		return hits.length > 0 && hits[0].title === "Docman Eleven";
	})()`)
	run("search the swapped-in page", chromedp.SendKeys("#search", "docman eleven"))
	until("a result in the swapped-in page", `!!document.querySelector("#search-results a.search-result-link") &&
		document.querySelector("#search-results a.search-result-link").textContent === "Docman Eleven"`)
	eval(`document.getElementById("search").value = ""; "ok"`)

	r.write(t, file, strings.Replace(src, `name = "Docman 10"`, `name = "Docman Eleven`, 1))
	until("the error overlay", `!!document.getElementById("handbook-live-errors")`)
	overlay := eval(`document.getElementById("handbook-live-errors").innerText`)
	for _, want := range []string{file + ":2:22", "strings cannot contain newlines", `name = "Docman Eleven`, "^"} {
		if !strings.Contains(overlay, want) {
			t.Errorf("the overlay lacks %q:\n%s", want, overlay)
		}
	}
	if eval(`String(document.getElementById("handbook-live-errors").getBoundingClientRect().height > 100)`) != "true" {
		t.Error("the overlay is not shown")
	}
	if !strings.Contains(eval(`document.querySelector("h1").textContent`), "Docman Eleven") {
		t.Error("the last good page is not shown beneath the overlay")
	}
	run("hide the overlay", chromedp.Click(".hb-live-hide"))
	until("the overlay hidden", `document.getElementById("handbook-live-errors").hidden`)

	r.write(t, file, src)
	until("the overlay to go", `!document.getElementById("handbook-live-errors") && document.querySelector("h1").textContent.includes("Docman 10")`)
	if got := eval(`String(window.marker)`); got != "kept" {
		t.Error("the page was reloaded after the fix, not updated in place")
	}

	// A page with scripts of its own (the continuity pack lays itself out)
	// is reloaded whole, so that they run again.
	run("open the pack", chromedp.Navigate(r.URL()+"riverside/continuity-pack.html"))
	until("the pack", `document.readyState === "complete"`)
	eval(`window.marker = "pack"; "ok"`)
	r.write(t, file, strings.Replace(src, `name = "Docman 10"`, `name = "Docman Twelve"`, 1))
	until("the pack reloaded", `window.marker === undefined && document.body.textContent.includes("Docman Twelve")`)
}
