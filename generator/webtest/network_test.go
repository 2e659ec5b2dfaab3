package webtest

import (
	"strings"
	"testing"
)

// TestNetworkView opens the top page, as a PCN or ICB digital team does,
// and asks it the ICB's first questions in one click each: which
// practices' plans await approval, and whose annual review is overdue.
// Each link leads to its list on the same page, which names the example's
// practice in that state; each practice's cells lead to its own pages.
func TestNetworkView(t *testing.T) {
	s, tab := open(t)
	for _, width := range []int{desktop, phone} {
		tab.Resize(t, width, 800)
		for _, ask := range []struct{ link, list, want string }{
			{"Plans awaiting ICB approval", "awaiting", "Castlegate Surgery"},
			{"Annual ICB review overdue", "review-overdue", "Castlegate Surgery"},
		} {
			tab.Open(t, s.HTTP("index.html"))
			got := tab.Follow(t, `.network-asks a[href="#`+ask.list+`"]`)
			if !strings.HasSuffix(got, "#"+ask.list) {
				t.Fatalf("%q led to %s", ask.link, got)
			}
			items := Eval[[]string](t, tab, `[...document.querySelectorAll("#`+ask.list+` + ul li")].map((li) => li.textContent)`)
			if len(items) != 1 || !strings.Contains(items[0], ask.want) {
				t.Errorf("at %d px, %q lists %q, want %s alone", width, ask.link, items, ask.want)
			}
			top := Eval[float64](t, tab, `document.getElementById("`+ask.list+`").getBoundingClientRect().top`)
			if top < 0 || top > 800 {
				t.Errorf("at %d px, after %q the list's heading is at %.0f px, not in view", width, ask.link, top)
			}
			checkRequests(t, s, tab, ask.link)
		}
	}
	// Every cell of a practice's row leads to a page of that practice.
	tab.Open(t, s.HTTP("index.html"))
	hrefs := Eval[[]string](t, tab, `[...document.querySelectorAll("table.network tbody tr")].flatMap((tr) =>
		[...tr.querySelectorAll("a")].map((a) => tr.querySelector("th a").getAttribute("href").split("/")[0] + " " + a.getAttribute("href")))`)
	if len(hrefs) < 2*7 {
		t.Fatalf("the network view has %d links in its rows: %q", len(hrefs), hrefs)
	}
	for _, h := range hrefs {
		practice, href, _ := strings.Cut(h, " ")
		if !strings.HasPrefix(href, practice+"/") {
			t.Errorf("a cell of %s's row leads to %s, outside the practice", practice, href)
		}
	}
}
