package webtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// until waits for the JavaScript expression cond to be true in the tab's
// page, failing the test after a while with what it waited for.
func until(t *testing.T, tab *Tab, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !Eval[bool](t, tab, cond) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %s is still false", what, cond)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// firstResult is the first link among the search results.
const firstResult = "#search-results a.search-result-link"

// resultsFor is true once the results for the whole of query are shown,
// not those for what had been typed of it so far.
func resultsFor(query string) string {
	return fmt.Sprintf(`!!document.querySelector(%q) &&
		document.getElementById("search-status").textContent.includes("\u201c" + %q + "\u201d")`, firstResult, query)
}

// TestSearchToRunbook does what staff do when something stops working:
// from the practice's home page, over HTTP at a sub-path and from a copy
// on a shared drive (file://), type what has happened, with a typo, and
// follow the first result to the runbook.
func TestSearchToRunbook(t *testing.T) {
	s, tab := open(t)
	tab.Resize(t, desktop, 900)
	for _, base := range []struct {
		name string
		url  func(string) string
	}{{"HTTP at " + SubPath, s.HTTP}, {"file://", s.File}} {
		t.Run(base.name, func(t *testing.T) {
			for _, query := range []string{"phones down", "phnoes dwon", "telephones not working"} {
				tab.Open(t, base.url("riverside/index.html"))
				tab.Type(t, "#search", query)
				until(t, tab, "results for "+query, resultsFor(query))
				if got := Eval[string](t, tab, `document.querySelector("#search-results a.search-result-link").textContent`); got != "Phones down" {
					t.Errorf("%s: the first result for %q is %q, want Phones down", base.name, query, got)
				}
				status := Eval[string](t, tab, `document.getElementById("search-status").textContent`)
				if !strings.Contains(status, "result") || !strings.Contains(status, query) {
					t.Errorf("%s: the status for screen readers says %q", base.name, status)
				}
				got := tab.Follow(t, firstResult)
				if want := base.url("riverside/runbooks/phones-down.html"); got != want {
					t.Fatalf("%s: %q led to %s, want %s", base.name, query, got, want)
				}
				if h1 := Eval[string](t, tab, `document.querySelector("h1").textContent`); !strings.Contains(h1, "Phones down") {
					t.Errorf("%s: the runbook's heading is %q", base.name, h1)
				}
				checkStyled(t, tab, base.name+": the runbook found")
				checkRequests(t, s, tab, base.name+": the runbook found")
			}
		})
	}
}

// TestSearchByKeyboard searches without a mouse: the down arrow moves from
// the box to the results and between them, Escape clears them, Enter in
// the box opens the first result. With the results shown the page still
// passes axe.
func TestSearchByKeyboard(t *testing.T) {
	s, tab := open(t)
	src := axe(t)
	for _, width := range []int{desktop, 360} {
		tab.Resize(t, width, 900)
		tab.Open(t, s.HTTP("riverside/runbooks/index.html"))
		tab.Type(t, "#search", "emis web")
		until(t, tab, "results", resultsFor("emis web"))
		checkAxe(t, tab, src, at("riverside/runbooks/index.html with search results", width))
		checkReflow(t, tab, at("riverside/runbooks/index.html with search results", width))
	}
	focused := func() string {
		return Eval[string](t, tab, `document.activeElement.id || document.activeElement.textContent`)
	}
	tab.Press(t, kb.ArrowDown)
	if got := focused(); got != "EMIS Web" {
		t.Errorf("the down arrow in the box focused %q, want the first result EMIS Web", got)
	}
	tab.Press(t, kb.ArrowDown)
	second := Eval[string](t, tab, `document.querySelectorAll("#search-results a.search-result-link")[1].textContent`)
	if got := focused(); got != second {
		t.Errorf("the down arrow on the first result focused %q, want the second %q", got, second)
	}
	tab.Press(t, kb.ArrowUp)
	tab.Press(t, kb.ArrowUp)
	if got := focused(); got != "search" {
		t.Errorf("the up arrow on the first result focused %q, want the search box", got)
	}
	tab.Press(t, kb.Escape)
	if !Eval[bool](t, tab, `document.getElementById("search-results").hidden && document.getElementById("search").value === ""`) {
		t.Error("Escape did not clear the search")
	}
	// "emsi web" matches the product's several runbooks and pages alike:
	// Enter keeps the results and moves to the first, for the reader to
	// choose; Enter there opens it.
	tab.Type(t, "#search", "emsi web")
	until(t, tab, "results for a typo", resultsFor("emsi web"))
	want := Eval[string](t, tab, fmt.Sprintf(`document.querySelector(%q).href`, firstResult))
	tab.Press(t, kb.Enter)
	if got := focused(); got != Eval[string](t, tab, fmt.Sprintf(`document.querySelector(%q).textContent`, firstResult)) {
		t.Errorf("Enter with no result clearly first focused %q, want the first result", got)
	}
	if status := Eval[string](t, tab, `document.getElementById("search-status").textContent`); !strings.Contains(status, "choose one") {
		t.Errorf("the status for screen readers says %q", status)
	}
	ctx, cancel := context.WithTimeout(tab.ctx, wait)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatalf("press Enter on the first result: %v", err)
	}
	if got := tab.Location(t); got != want {
		t.Errorf("Enter on the first result led to %s, want %s", got, want)
	}

	// "phnoes dwon" has one clear answer: Enter in the box opens it.
	tab.Open(t, s.HTTP("riverside/index.html"))
	tab.Type(t, "#search", "phnoes dwon")
	until(t, tab, "results for phnoes dwon", resultsFor("phnoes dwon"))
	ctx2, cancel2 := context.WithTimeout(tab.ctx, wait)
	defer cancel2()
	if _, err := chromedp.RunResponse(ctx2, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatalf("press Enter in the search box: %v", err)
	}
	if got, want := tab.Location(t), s.HTTP("riverside/runbooks/phones-down.html"); got != want {
		t.Errorf("Enter in the box led to %s, want %s", got, want)
	}
}

// TestSearchWithoutJavaScript turns JavaScript off: the search form opens
// the A to Z index, which leads to the runbook.
func TestSearchWithoutJavaScript(t *testing.T) {
	s, tab := open(t)
	tab.Resize(t, desktop, 900)
	noScript := func(off bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled,
				emulation.SetScriptExecutionDisabledParams{Value: off})
			return chromedp.Void{}, err
		}
	}
	for _, base := range []func(string) string{s.HTTP, s.File} {
		tab.do(t, "turn JavaScript off", noScript(true))
		tab.Open(t, base("riverside/index.html"))
		tab.Type(t, "#search", "phones")
		// Enter submits the form. (chromedp's Click needs the page's
		// JavaScript to scroll; the keyboard does not.)
		ctx, cancel := context.WithTimeout(tab.ctx, wait)
		_, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
		cancel()
		if err != nil {
			t.Fatalf("submit the search form: %v", err)
		}
		// The page has loaded without its scripts; inspecting it and
		// following a link need the tab's own.
		tab.do(t, "turn JavaScript on", noScript(false))
		if got, want := tab.Location(t), base("riverside/a-z.html")+"?q=phones"; got != want {
			t.Fatalf("the search form led to %s, want %s", got, want)
		}
		if Eval[bool](t, tab, `!document.getElementById("search-results").hidden`) {
			t.Error("search results shown without JavaScript")
		}
		if got := tab.Follow(t, `.az-list a[href="runbooks/phones-down.html"]`); got != base("riverside/runbooks/phones-down.html") {
			t.Errorf("the A to Z led to %s", got)
		}
		checkStyled(t, tab, "the runbook found without JavaScript")
	}
}

// TestSearchRanking asks the search of each index what staff would ask and
// checks the first answer: scenarios in everyday words, product names with
// and without typos, people, roles, and practices on the shared pages.
func TestSearchRanking(t *testing.T) {
	s, tab := open(t)
	for _, page := range []struct {
		path  string
		cases map[string]string
	}{{"riverside/index.html", map[string]string{
		"phones down":                   "riverside/runbooks/phones-down.html",
		"no internet":                   "riverside/runbooks/hscn-down.html",
		"wifi":                          "riverside/runbooks/hscn-down.html",
		"power cut":                     "riverside/runbooks/power-cut.html",
		"ransomware":                    "riverside/runbooks/cyber-incident.html",
		"emis web":                      "riverside/services/emis-web.html",
		"emis":                          "riverside/runbooks/emis-web-down.html",
		"emis slow":                     "riverside/runbooks/emis-web-slow.html",
		"docman":                        "riverside/runbooks/docman-not-filing.html",
		"smartcard":                     "riverside/runbooks/smartcard-login-failure.html",
		"karen davies":                  "riverside/people/kdavies.html",
		"kraen davies":                  "riverside/people/kdavies.html",
		"dpo":                           "riverside/roles.html",
		"continuity plan":               "riverside/continuity.html",
		"x-on":                          "riverside/services/surgery-connect.html",
		"training":                      "riverside/training.html",
		"building unusable":             "riverside/runbooks/building-unusable.html",
		"information governance policy": "riverside/pages/information-governance-policy.html",
	}}, {"index.html", map[string]string{
		"riverside":  "riverside/index.html",
		"castlegate": "castlegate/index.html",
		"gpit":       "organisations/eastmoor-gpit-service-desk.html",
	}}} {
		tab.Open(t, s.HTTP(page.path))
		for q, want := range page.cases {
			got := Eval[string](t, tab, fmt.Sprintf(`(window.handbookSearch(%q)[0] || {url: "nothing"}).url`, q))
			if got != want {
				top := Eval[[]string](t, tab, fmt.Sprintf(`window.handbookSearch(%q).slice(0, 3).map((e) => e.url)`, q))
				t.Errorf("on %s, %q finds %s first, want %s (top three: %v)", page.path, q, got, want, top)
			}
		}
	}
}

// TestSearchFromTopPage searches from the top page, where a desktop
// shortcut to the handbook lands: "phones down" lists each practice's
// Phones down runbook, saying which practice it is for, and Enter, with
// no one result clearly first, leaves the list for the reader to choose
// from rather than opening one practice's runbook.
func TestSearchFromTopPage(t *testing.T) {
	s, tab := open(t)
	tab.Resize(t, desktop, 900)
	tab.Open(t, s.HTTP("index.html"))
	tab.Type(t, "#search", "phones down")
	until(t, tab, "results for phones down", resultsFor("phones down"))
	results := Eval[[]string](t, tab, `[...document.querySelectorAll("#search-results li")].slice(0, 3).map((li) => li.textContent)`)
	for i, name := range []string{"Castlegate Surgery", "Hollins Green Surgery", "Riverside Medical Centre"} {
		found := false
		for _, r := range results {
			found = found || strings.Contains(r, "Phones down") && strings.Contains(r, name)
		}
		if !found {
			t.Errorf("result %d: no Phones down runbook for %s among the first three: %q", i+1, name, results)
		}
	}
	tab.Press(t, kb.Enter)
	time.Sleep(100 * time.Millisecond) // time for a navigation, were one to start
	if got := tab.Location(t); got != s.HTTP("") {
		t.Errorf("Enter with three practices' runbooks equally first opened %s", got)
	}
	if got := Eval[string](t, tab, `document.activeElement.className`); got != "search-result-link" {
		t.Errorf("after Enter the focus is on %q, not the first result", got)
	}
	checkRequests(t, s, tab, "the top page's search")
}
