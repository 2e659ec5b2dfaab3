package webtest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The screens the outage reader has: a laptop and a phone, in CSS pixels.
var outageScreens = []struct{ width, height int }{{1366, 768}, {360, 740}}

// TestFirstActionOnFirstScreen opens every runbook of the example at a
// laptop's and a phone's size and checks that the first action of the
// first 15 minutes is on the first screen, without scrolling. It logs
// where each first action ends, for the closing figures.
func TestFirstActionOnFirstScreen(t *testing.T) {
	s, tab := open(t)
	pages, err := filepath.Glob(filepath.Join(shared.dir, "public", "*", "runbooks", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	pages = slices.DeleteFunc(pages, func(p string) bool { return filepath.Base(p) == "index.html" })
	if len(pages) < 20 {
		t.Fatalf("%d runbooks in the example", len(pages))
	}
	for _, screen := range outageScreens {
		tab.Resize(t, screen.width, screen.height)
		var worst []string
		most := 0
		for _, p := range pages {
			rel, _ := filepath.Rel(filepath.Join(shared.dir, "public"), p)
			rel = filepath.ToSlash(rel)
			tab.Open(t, s.HTTP(rel))
			bottom := Eval[int](t, tab, `(() => {
				const li = document.querySelector("section.first15 li");
				return li ? Math.round(li.getBoundingClientRect().bottom + scrollY) : -1;
			})()`)
			switch {
			case bottom < 0:
				t.Errorf("%s has no first action", rel)
			case bottom > screen.height:
				t.Errorf("%s at %d×%d: the first action ends at %d px, below the first screen", rel, screen.width, screen.height, bottom)
			}
			most = max(most, bottom)
			worst = append(worst, fmt.Sprintf("%s %d", strings.TrimSuffix(filepath.Base(rel), ".html"), bottom))
		}
		t.Logf("%d×%d: the first action ends at most %d px down (%s)", screen.width, screen.height, most, strings.Join(worst, ", "))
	}
}
