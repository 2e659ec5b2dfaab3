package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// bigRegister is how many services the large register of
// TestRegisterAtAGlance has, and registerBudget the most its page may
// weigh.
const (
	bigRegister    = 150
	registerBudget = 200 << 10
)

// TestRegisterAtAGlance opens the register of each example practice, and
// of a copy of Riverside with 150 services, at 1280 and 360 px wide and
// checks that nothing in it is wider than the window, so that no heading
// is off to the side; that the large register's page stays under 200 KB;
// that the filters show only the services needing action or with an
// error (with no script: they are CSS); and that sorting by next review
// orders each group by date. It logs the widths and sizes.
func TestRegisterAtAGlance(t *testing.T) {
	s, tab := open(t)
	big := bigSite(t)
	defer big.Close()
	pages := []struct {
		site *Site
		path string
	}{{s, "riverside/register.html"}, {s, "castlegate/register.html"}, {big, "riverside/register.html"}}
	for _, p := range pages {
		size := fileSize(t, p.site, p.path)
		for _, width := range []int{desktop, phone} {
			tab.Resize(t, width, 800)
			tab.Open(t, p.site.HTTP(p.path))
			rows := Eval[int](t, tab, `document.querySelectorAll("#register tr[data-state]").length`)
			wide := Eval[int](t, tab, `Math.max(document.documentElement.scrollWidth,
				...[...document.querySelectorAll("#register, #register *")].map(e => Math.ceil(e.getBoundingClientRect().right)))`)
			table := Eval[int](t, tab, `Math.ceil(document.getElementById("register").getBoundingClientRect().width)`)
			t.Logf("%s (%d services, %d KB) at %d px: the table %d px wide, the page %d px", p.path, rows, size>>10, width, table, wide)
			if wide > width {
				t.Errorf("%s at %d px: the register is %d px wide, wider than the window", p.path, width, wide)
			}
		}
		if p.site == big {
			if rows := Eval[int](t, tab, `document.querySelectorAll("#register tr[data-state]").length`); rows != bigRegister {
				t.Errorf("the large register has %d services, not %d", rows, bigRegister)
			}
			if size > registerBudget {
				t.Errorf("the register of %d services is %d KB, over %d KB", bigRegister, size>>10, registerBudget>>10)
			}
		}
	}

	// The filters: "Needing action" hides every service with nothing
	// but information to act on, "With an error" every one without an
	// error; "All" shows them again.
	tab.Resize(t, desktop, 800)
	tab.Requests() // those of the large register's site
	tab.Problems()
	tab.Open(t, s.HTTP("riverside/register.html"))
	visible := func(state string) int {
		return Eval[int](t, tab, fmt.Sprintf(`[...document.querySelectorAll("#register tr%s")].filter(r => r.offsetParent !== null).length`, state))
	}
	all := visible("[data-state]")
	for _, c := range []struct {
		radio, hidden, shown string
	}{
		{"show-errors", `[data-state]:not([data-state='error'])`, `[data-state='error']`},
		{"show-action", `[data-state='ok'], #register tr[data-state='info']`, `[data-state='error'], #register tr[data-state='warning']`},
		{"show-all", `.none`, `[data-state]`},
	} {
		tab.Click(t, "#"+c.radio)
		if n := visible(c.hidden); n != 0 {
			t.Errorf("%s: %d services shown that it should hide", c.radio, n)
		}
		if n := visible(c.shown); n == 0 {
			t.Errorf("%s: no service shown", c.radio)
		}
	}
	if n := visible("[data-state]"); n != all {
		t.Errorf("all services: %d shown of %d", n, all)
	}
	label := Eval[string](t, tab, `document.querySelector("label:has(#show-errors)").textContent`)
	if m := regexp.MustCompile(`\((\d+)\)`).FindStringSubmatch(label); m == nil || m[1] == "0" {
		t.Errorf("the errors filter says %q: the example should have services with an error", label)
	}

	// Sorting by next review puts each group's services in date order.
	tab.Click(t, `#register th[data-sort="date"] button`)
	unsorted := Eval[[]string](t, tab, `[...document.querySelectorAll("#register tbody")].flatMap(b => {
		const d = [...b.querySelectorAll("tr[data-state]")].map(r => r.cells[4].dataset.value);
		return d.filter((v, i) => i > 0 && v < d[i-1]);
	})`)
	if len(unsorted) > 0 {
		t.Errorf("sorted by next review, these dates come after a later one: %s", strings.Join(unsorted, ", "))
	}
	if got := Eval[string](t, tab, `document.querySelector('#register th[data-sort="date"]').getAttribute("aria-sort")`); got != "ascending" {
		t.Errorf("the sorted column says aria-sort=%q", got)
	}
	checkRequests(t, s, tab, "riverside/register.html")
}

// bigSite builds a copy of the example whose Riverside has bigRegister
// services, by copying its own under other names, and serves it.
func bigSite(t *testing.T) *Site {
	t.Helper()
	dir := sitetest.CopyExample(t, root)
	services := filepath.Join(dir, "content", "riverside", "services")
	files, err := filepath.Glob(filepath.Join(services, "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no services in %s: %v", services, err)
	}
	name := regexp.MustCompile(`(?m)^name = "([^"]*)"`)
	for i := len(files); i < bigRegister; i++ {
		src := files[i%len(files)]
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		data = name.ReplaceAll(data, fmt.Appendf(nil, `name = "$1 %d"`, i))
		id := strings.TrimSuffix(filepath.Base(src), ".toml")
		if err := os.WriteFile(filepath.Join(services, fmt.Sprintf("%s-%d.toml", id, i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: dir, Destination: dest, Today: today}); err != nil {
		t.Fatalf("building the example with %d services:\n%v", bigRegister, err)
	}
	s, err := Serve(dest)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fileSize is the size in bytes of the page at path of s.
func fileSize(t *testing.T, s *Site, path string) int {
	t.Helper()
	fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return int(fi.Size())
}
