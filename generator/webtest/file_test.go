package webtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestFollowLinksFromFile opens the handbook from file://, as from a copy
// on a shared drive, and goes where staff would by clicking: from the top
// page to a practice, through every item of the practice's menu, into a
// service and a runbook, back up the breadcrumbs, to the shared
// organisations. Every click must land on a styled page of the handbook,
// never on a folder's listing.
func TestFollowLinksFromFile(t *testing.T) {
	s, tab := open(t)
	tab.Resize(t, desktop, 900)
	tab.Open(t, s.File("index.html"))
	checkStyled(t, tab, "index.html from file://")
	checkRequests(t, s, tab, "index.html from file://")

	follow := func(sel string) {
		t.Helper()
		from, _ := s.Path(tab.Location(t))
		if !Eval[bool](t, tab, fmt.Sprintf(`!!document.querySelector(%q)`, sel)) {
			t.Fatalf("%s has no %s to click", from, sel)
		}
		want := Eval[string](t, tab, fmt.Sprintf(`document.querySelector(%q).href`, sel))
		got := tab.Follow(t, sel)
		where := fmt.Sprintf("clicking %s on %s", sel, from)
		if got != want {
			t.Errorf("%s: landed on %s, want %s", where, got, want)
		}
		path, ok := s.Path(got)
		if !ok {
			t.Fatalf("%s: left the handbook for %s", where, got)
		}
		if fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(path))); err != nil || fi.IsDir() {
			t.Errorf("%s: landed on %s, which is not a page of the handbook", where, got)
		}
		checkStyled(t, tab, where)
		checkRequests(t, s, tab, where)
	}

	follow(`main a[href="riverside/index.html"]`)
	// Every item of the practice's menu, each clicked on the page the one
	// before led to.
	items := Eval[int](t, tab, `document.querySelectorAll(".site-nav li").length`)
	if items < 5 {
		t.Fatalf("the practice menu has %d items", items)
	}
	for i := 1; i <= items; i++ {
		follow(fmt.Sprintf(".site-nav li:nth-child(%d) a", i))
	}
	follow(`.site-nav a[href$="register.html"]`)
	follow(`.register tbody th a`)
	follow(`.runbook-links a`)
	follow(`.breadcrumbs li:nth-child(3) a`) // the practice's runbooks
	follow(`.breadcrumbs li:nth-child(2) a`) // the practice
	follow(`.problems .runbook-links a`)     // "Something not working?"
	follow(`.site-title`)
	follow(`.site-nav a[href="organisations/index.html"]`)
	follow(`main tbody th a`)
	follow(`.breadcrumbs li:first-child a`)
}
