package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// root is the repository, whose example handbook the tests build.
const root = "../.."

// today is the date the example is built for, as in the golden tests.
var today = site.NewDate(2026, 11, 21)

// shared is what every test of the package uses: the example handbook,
// built once (minified, as handbook build writes it) and served, and one
// browser with a tab for each processor, reused page after page to keep
// the run short.
var shared struct {
	once    sync.Once
	err     error
	dir     string
	site    *Site
	browser *Browser
	tabs    []*Tab
}

func TestMain(m *testing.M) {
	sitetest.MemoryDisk()
	code := m.Run()
	for _, tab := range shared.tabs {
		tab.Close()
	}
	if shared.browser != nil {
		shared.browser.Close()
	}
	if shared.site != nil {
		shared.site.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// open returns the example handbook and the first shared tab, with their
// logs of requests and problems emptied. Without Chromium it skips the
// test, or fails it when $CI is set.
func open(t *testing.T) (*Site, *Tab) {
	t.Helper()
	s, tabs := openAll(t)
	return s, tabs[0]
}

// openAll is open with every shared tab, for parallel subtests: see pool.
func openAll(t *testing.T) (*Site, []*Tab) {
	t.Helper()
	browser := pdftest.Browser(t)
	shared.once.Do(func() { shared.err = setUp(browser) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	shared.site.Errors()
	for _, tab := range shared.tabs {
		tab.Requests()
		tab.Problems()
	}
	return shared.site, shared.tabs
}

// pool hands out tabs to parallel subtests, one each at a time.
type pool chan *Tab

func newPool(tabs []*Tab) pool {
	p := make(pool, len(tabs))
	for _, tab := range tabs {
		p <- tab
	}
	return p
}

// take returns a free tab, with its logs emptied, and gives it back when
// the test ends.
func (p pool) take(t *testing.T) *Tab {
	tab := <-p
	t.Cleanup(func() { p <- tab })
	tab.Requests()
	tab.Problems()
	return tab
}

func setUp(browser string) error {
	dir, err := os.MkdirTemp("", "webtest-site-")
	if err != nil {
		return err
	}
	shared.dir = dir
	dest := filepath.Join(dir, "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: root, Destination: dest, Today: today}); err != nil {
		return fmt.Errorf("building the example handbook:\n%w", err)
	}
	if shared.site, err = Serve(dest); err != nil {
		return err
	}
	if shared.browser, err = Start(browser); err != nil {
		return err
	}
	for range max(1, min(runtime.GOMAXPROCS(0), 4)) {
		tab, err := shared.browser.NewTab()
		if err != nil {
			return err
		}
		shared.tabs = append(shared.tabs, tab)
	}
	return nil
}
